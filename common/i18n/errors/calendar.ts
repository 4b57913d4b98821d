/** Error codes of the calendar module (merged into ERROR_MESSAGES in ../errors.ts). */
import type { Messages } from '../errors.js';

export const CALENDAR_ERRORS = {
  CALENDAR_WORKDAY_ON_WEEKDAY: {
    'zh-CN': '{day} 是周一至周五，本来就是工作日；只有周六、周日才能设为调休上班',
    en: '{day} is a weekday and already a working day; only a Saturday or Sunday can be a make-up working day',
  },
  CALENDAR_HOLIDAY_ON_WEEKEND: {
    'zh-CN': '{day} 是周末，本来就休息；只有周一至周五才能设为节假日',
    en: '{day} falls on a weekend and is already off; only a weekday can be made a holiday',
  },
  CALENDAR_DAY_NOT_SET: {
    'zh-CN': '{day} 没有设置节假日或调休上班，无需清除',
    en: '{day} is neither a holiday nor a make-up working day; there is nothing to clear',
  },
  CALENDAR_DAY_OUTSIDE_YEAR: { 'zh-CN': '{day} 不在 {year} 年内', en: '{day} is not in {year}' },
  CALENDAR_DAY_REPEATED: { 'zh-CN': '{day} 出现了不止一次', en: '{day} appears more than once' },
  CALENDAR_YEAR_INVALID: {
    'zh-CN': '{year} 年的安排有 {count} 处问题，未作任何修改',
    en: 'The {year} arrangement has {count} problem(s); nothing was changed',
  },
} as const satisfies Messages;
