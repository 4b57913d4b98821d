/** The colours of the four kinds of day (also used by the legend). */
import type { DayStatus } from '../../../common/working-days.js';

export interface DayColours {
  background: string;
  border: string;
  text: string;
}

export const DAY_COLOURS: Record<DayStatus, DayColours> = {
  working: { background: '#ffffff', border: '#d9d9d9', text: '#1f1f1f' },
  weekend: { background: '#f0f0f0', border: '#f0f0f0', text: '#8c8c8c' },
  holiday: { background: '#fff1f0', border: '#ff7875', text: '#cf1322' },
  makeup: { background: '#fff7e6', border: '#ffa940', text: '#ad4e00' },
};

/** The outline of today's cell. */
export const TODAY_OUTLINE = '#1f5fbf';
