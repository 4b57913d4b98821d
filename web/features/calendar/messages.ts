/** Strings of the working-day calendar page. */
import { defineMessages, type Msg } from '../../lib/i18n.js';
import type { DayStatus } from '../../../common/working-days.js';

export const m = defineMessages({
  title: { zh: '工作日历', en: 'Working-day calendar' },
  subtitle: {
    zh: '节假日与调休上班安排；事件办理时限按工作日计算（北京时间）',
    en: 'Holidays and make-up working days; case deadlines count working days (China time)',
  },
  previousYear: { zh: '上一年', en: 'Previous year' },
  nextYear: { zh: '下一年', en: 'Next year' },
  yearLabel: { zh: '{year} 年', en: '{year}' },
  workingDaysYear: { zh: '全年工作日 {n} 天', en: '{n} working days in the year' },
  overridesYear: { zh: '节假日 {h} 天 · 调休上班 {w} 天', en: '{h} holiday(s) · {w} make-up working day(s)' },
  noOverrides: {
    zh: '{year} 年还没有录入节假日安排：目前只有周末休息。国务院办公厅每年发布下一年的放假安排，发布后请逐日录入。',
    en: 'No holidays are entered for {year} yet: only weekends are off. The State Council publishes each year’s arrangement in advance; enter it day by day once it is out.',
  },
  monthWorkingDays: { zh: '工作日 {n} 天', en: '{n} working days' },
  legend: { zh: '图例', en: 'Legend' },
  today: { zh: '今天', en: 'Today' },
  clickHint: { zh: '点击日期可设置或清除节假日、调休上班', en: 'Click a day to set or clear a holiday or make-up working day' },
  holidayMark: { zh: '休', en: 'off' },
  makeupMark: { zh: '班', en: 'work' },
});

/** Names of the four kinds of day. */
export const STATUS: Record<DayStatus, Msg> = {
  working: { zh: '工作日', en: 'Working day' },
  weekend: { zh: '周末', en: 'Weekend' },
  holiday: { zh: '节假日', en: 'Holiday' },
  makeup: { zh: '调休上班', en: 'Make-up working day' },
};

export const dialog = defineMessages({
  dateTitle: { zh: '{y}年{m}月{d}日 {weekday}', en: '{weekday}, {d} {monthName} {y}' },
  now: { zh: '当前：{status}', en: 'Now: {status}' },
  setHoliday: { zh: '设为节假日（放假）', en: 'Make it a holiday (day off)' },
  setMakeup: { zh: '设为调休上班', en: 'Make it a make-up working day' },
  editHoliday: { zh: '修改节假日名称', en: 'Rename the holiday' },
  editMakeup: { zh: '修改调休上班名称', en: 'Rename the make-up working day' },
  weekdayHint: {
    zh: '周一至周五默认是工作日。设为节假日后，这一天不计入办理时限。',
    en: 'Monday to Friday are working days by default. As a holiday, this day does not count towards deadlines.',
  },
  weekendHint: {
    zh: '周六、周日默认休息。设为调休上班后，这一天计入办理时限。',
    en: 'Saturdays and Sundays are off by default. As a make-up working day, this day counts towards deadlines.',
  },
  nameZh: { zh: '名称（中文）', en: 'Name (Chinese)' },
  nameEn: { zh: '名称（英文，可选）', en: 'Name (English, optional)' },
  nameZhHolidayPlaceholder: { zh: '例如：国庆节', en: 'e.g. 国庆节' },
  nameZhMakeupPlaceholder: { zh: '例如：国庆节调休上班', en: 'e.g. 国庆节调休上班' },
  nameEnHolidayPlaceholder: { zh: '例如：National Day', en: 'e.g. National Day' },
  nameEnMakeupPlaceholder: { zh: '例如：Make-up working day (National Day)', en: 'e.g. Make-up working day (National Day)' },
  clear: { zh: '清除设置', en: 'Clear' },
  clearConfirm: { zh: '恢复为{status}？', en: 'Make it an ordinary {status} again?' },
  cleared: { zh: '已清除，恢复为{status}', en: 'Cleared: back to an ordinary {status}' },
  saved: { zh: '已保存', en: 'Saved' },
  lastChanged: { zh: '{who} 于 {when} 修改', en: 'Changed by {who} on {when}' },
  fromMigration: { zh: '随系统预置（国务院办公厅通知）', en: 'Preset with the system (State Council notice)' },
});

export const WEEKDAYS_SHORT: Msg[] = [
  { zh: '日', en: 'Su' },
  { zh: '一', en: 'Mo' },
  { zh: '二', en: 'Tu' },
  { zh: '三', en: 'We' },
  { zh: '四', en: 'Th' },
  { zh: '五', en: 'Fr' },
  { zh: '六', en: 'Sa' },
];

export const WEEKDAYS_LONG: Msg[] = [
  { zh: '星期日', en: 'Sunday' },
  { zh: '星期一', en: 'Monday' },
  { zh: '星期二', en: 'Tuesday' },
  { zh: '星期三', en: 'Wednesday' },
  { zh: '星期四', en: 'Thursday' },
  { zh: '星期五', en: 'Friday' },
  { zh: '星期六', en: 'Saturday' },
];

export const MONTHS: Msg[] = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'].map(
  (en, i) => ({ zh: `${i + 1}月`, en }),
);

export const listMessages = defineMessages({
  title: { zh: '本年节假日与调休上班', en: 'Holidays and make-up working days this year' },
  range: { zh: '{from} 至 {to}', en: '{from} to {to}' },
});
