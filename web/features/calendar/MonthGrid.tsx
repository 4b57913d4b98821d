/** One month of the year view: a Monday-first grid of days coloured by kind, each clickable when allowed. */
import { memo } from 'react';
import { Card, Typography } from 'antd';
import { daysInMonth, weekdayOfDay, type WorkCalendar } from '../../../common/working-days.js';
import { useI18n } from '../../lib/i18n.js';
import type { CalendarMonth, CalendarOverride } from './types.js';
import { DAY_COLOURS, TODAY_OUTLINE } from './colours.js';
import { m, MONTHS, STATUS, WEEKDAYS_SHORT } from './messages.js';

interface Props {
  year: number;
  month: CalendarMonth;
  calendar: WorkCalendar;
  overrides: Map<string, CalendarOverride>;
  today: string;
  /** Called with a day when the user may edit; absent: read only. */
  onPick?(day: string): void;
}

const pad = (n: number) => String(n).padStart(2, '0');
/** Monday first, as Chinese calendars are printed. */
const COLUMN_OF_WEEKDAY = [6, 0, 1, 2, 3, 4, 5];
const HEADER_ORDER = [1, 2, 3, 4, 5, 6, 0];

/** A month card. */
export const MonthGrid = memo(function MonthGrid({ year, month, calendar, overrides, today, onPick }: Props) {
  const { t, pick } = useI18n();
  const first = `${year}-${pad(month.month)}-01`;
  const lead = COLUMN_OF_WEEKDAY[weekdayOfDay(first)]!;
  const days = Array.from({ length: daysInMonth(year, month.month) }, (_, i) => `${year}-${pad(month.month)}-${pad(i + 1)}`);
  return (
    <Card
      size="small"
      title={t(MONTHS[month.month - 1]!)}
      extra={<Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid={`calendar-month-${month.month}-working`}>{t(m.monthWorkingDays, { n: month.workingDays })}</Typography.Text>}
      styles={{ body: { padding: 8 } }}
      data-testid={`calendar-month-${month.month}`}
    >
      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(7, 1fr)', gap: 3 }}>
        {HEADER_ORDER.map((w) => (
          <div key={w} style={{ textAlign: 'center', fontSize: 12, color: w === 0 || w === 6 ? '#8c8c8c' : '#595959', paddingBottom: 2 }}>
            {t(WEEKDAYS_SHORT[w]!)}
          </div>
        ))}
        {Array.from({ length: lead }, (_, i) => (
          <div key={`lead-${i}`} />
        ))}
        {days.map((day) => {
          const status = calendar.statusOf(day);
          const colours = DAY_COLOURS[status];
          const o = overrides.get(day);
          const mark = status === 'holiday' ? t(m.holidayMark) : status === 'makeup' ? t(m.makeupMark) : null;
          const label = `${day} · ${t(STATUS[status])}${o ? ` · ${pick(o.nameZh, o.nameEn)}` : ''}`;
          const isToday = day === today;
          return (
            <div
              key={day}
              title={label}
              role={onPick ? 'button' : undefined}
              tabIndex={onPick ? 0 : undefined}
              aria-label={label}
              onClick={onPick && (() => onPick(day))}
              onKeyDown={onPick && ((e) => (e.key === 'Enter' || e.key === ' ') && (e.preventDefault(), onPick(day)))}
              data-testid={`calendar-day-${day}`}
              data-status={status}
              style={{
                position: 'relative',
                height: 34,
                borderRadius: 4,
                background: colours.background,
                border: `1px solid ${colours.border}`,
                outline: isToday ? `2px solid ${TODAY_OUTLINE}` : undefined,
                outlineOffset: isToday ? 1 : undefined,
                color: colours.text,
                fontWeight: status === 'holiday' || status === 'makeup' ? 600 : 400,
                display: 'flex',
                alignItems: 'center',
                justifyContent: 'center',
                fontSize: 13,
                cursor: onPick ? 'pointer' : 'default',
                userSelect: 'none',
              }}
            >
              {Number(day.slice(8))}
              {mark && (
                <span style={{ position: 'absolute', top: 0, right: 2, fontSize: 9, lineHeight: '12px', fontWeight: 600 }}>{mark}</span>
              )}
            </div>
          );
        })}
        {/* Six rows in every month, so that the cards of a row line up. */}
        {Array.from({ length: 42 - lead - days.length }, (_, i) => (
          <div key={`trail-${i}`} style={{ height: 34 }} />
        ))}
      </div>
    </Card>
  );
});
