/** The working-day calendar as the API returns it (GET /api/calendar?year=). */
import type { DayKind } from '../../../common/working-days.js';

export interface CalendarOverride {
  day: string;
  kind: DayKind;
  nameZh: string;
  nameEn: string;
  updatedAt: string;
  updatedBy: { id: number; displayName: string } | null;
}

export interface CalendarMonth {
  month: number;
  days: number;
  workingDays: number;
  holidays: number;
  makeupDays: number;
}

export interface CalendarYear {
  year: number;
  /** Today in China time. */
  today: string;
  days: CalendarOverride[];
  months: CalendarMonth[];
  workingDays: number;
  abilities: { configure: boolean };
}
