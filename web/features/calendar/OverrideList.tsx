/** The year's holidays and make-up working days as a list, consecutive days of one name in one line. */
import { Card, List, Tag, Typography } from 'antd';
import { isWeekend, weekdayOfDay } from '../../../common/working-days.js';
import { useI18n } from '../../lib/i18n.js';
import type { CalendarOverride } from './types.js';
import { DAY_COLOURS } from './colours.js';
import { listMessages, STATUS, WEEKDAYS_SHORT } from './messages.js';

interface Run {
  from: CalendarOverride;
  to: CalendarOverride;
}

const nextDay = (day: string) => new Date(Date.parse(day + 'T00:00:00Z') + 86_400_000).toISOString().slice(0, 10);

/** True when only plain weekend days lie strictly between two days. */
function onlyWeekendBetween(a: string, b: string, overridden: Set<string>): boolean {
  for (let d = nextDay(a); d < b; d = nextDay(d)) if (!isWeekend(d) || overridden.has(d)) return false;
  return true;
}

/** Groups days of the same kind and name that follow each other (a holiday may span a weekend). */
function runs(days: CalendarOverride[]): Run[] {
  const overridden = new Set(days.map((d) => d.day));
  const out: Run[] = [];
  for (const d of days) {
    const last = out[out.length - 1];
    if (last && last.to.kind === d.kind && last.to.nameZh === d.nameZh && onlyWeekendBetween(last.to.day, d.day, overridden)) last.to = d;
    else out.push({ from: d, to: d });
  }
  return out;
}

/** The list card. */
export function OverrideList({ days, onPick }: { days: CalendarOverride[]; onPick?(day: string): void }) {
  const { t, pick } = useI18n();
  const label = (d: string) => `${d.slice(5)} ${t(WEEKDAYS_SHORT[weekdayOfDay(d)]!)}`;
  return (
    <Card size="small" title={t(listMessages.title)} data-testid="calendar-override-list">
      <List
        size="small"
        dataSource={runs(days)}
        renderItem={(r) => {
          const status = r.from.kind === 'holiday' ? 'holiday' : 'makeup';
          const c = DAY_COLOURS[status];
          return (
            <List.Item
              style={{ cursor: onPick ? 'pointer' : 'default' }}
              onClick={onPick && (() => onPick(r.from.day))}
              data-testid={`calendar-override-${r.from.day}`}
            >
              <Typography.Text style={{ minWidth: 0 }}>
                <Tag style={{ background: c.background, borderColor: c.border, color: c.text, marginInlineEnd: 8 }}>{t(STATUS[status])}</Tag>
                {pick(r.from.nameZh, r.from.nameEn)}
              </Typography.Text>
              <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap' }}>
                {r.from === r.to ? label(r.from.day) : t(listMessages.range, { from: label(r.from.day), to: label(r.to.day) })}
              </Typography.Text>
            </List.Item>
          );
        }}
      />
    </Card>
  );
}
