/** A centred spinner for a page or a card that is still loading. */
import { Spin } from 'antd';

/** Spinner with some room around it. */
export function Loading({ height = 200 }: { height?: number }) {
  return (
    <div style={{ display: 'flex', alignItems: 'center', justifyContent: 'center', minHeight: height }}>
      <Spin />
    </div>
  );
}
