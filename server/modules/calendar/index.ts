/** The working-day calendar (工作日历): holidays and make-up working days; deadlines count working days. See README.md. */
import type { Module } from '../index.js';
import { calendarRoutes } from './calendar.routes.js';

export const calendarModule: Module = { name: 'calendar', routes: calendarRoutes };

export {
  loadWorkCalendar,
  readWorkCalendar,
  reloadWorkCalendar,
  onCalendarChanged,
  CHECK_INTERVAL_MS,
  type CalendarChange,
  type CalendarListener,
} from './calendar-cache.js';
export { WorkCalendar, chinaDayOf, chinaMidnight, type DayKind, type DayStatus, type IsoDay } from '../../../common/working-days.js';
