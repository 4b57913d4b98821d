/** True on a narrow screen (below Ant Design's `md`, 768 px): phones get cards and a bottom bar. */
import { Grid } from 'antd';

/** Whether the viewport is phone-sized. */
export function useIsPhone(): boolean {
  const screens = Grid.useBreakpoint();
  // Before the first measurement, breakpoints are empty: decide from the window width.
  if (screens.md === undefined) return typeof window !== 'undefined' && window.innerWidth < 768;
  return !screens.md;
}
