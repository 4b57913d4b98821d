/** Small pieces every case view uses: the status tag, the deadline countdown, the card and flag tags. */
import { useEffect, useState } from 'react';
import { Tag, Tooltip } from 'antd';
import { ClockCircleOutlined, ThunderboltOutlined } from '@ant-design/icons';
import { useI18n } from '../../lib/i18n.js';
import { dateTime } from '../../lib/format.js';
import { deadlineState, formatDuration, LEVEL_COLOURS, type DeadlineInput, type DeadlineLevel } from './deadline.js';
import { STATUS_COLOURS, statusLabel } from './labels.js';
import { m } from './messages.js';
import type { CaseListItem } from './types.js';

/** The current time, refreshed every `ms` (default one minute): countdowns move without a reload. */
export function useNow(ms = 60_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(timer);
  }, [ms]);
  return now;
}

/** The status as a coloured tag. */
export function StatusTag({ status, testId }: { status: string; testId?: string }) {
  const { t } = useI18n();
  return (
    <Tag color={STATUS_COLOURS[status as keyof typeof STATUS_COLOURS] ?? 'default'} style={{ marginInlineEnd: 0 }} data-testid={testId} data-status={status}>
      {t(statusLabel(status))}
    </Tag>
  );
}

/** The level's label ("即将超时" …). */
export function levelLabel(level: DeadlineLevel) {
  return { ok: m.clockLevelOk, warning: m.clockLevelWarning, yellow: m.clockLevelYellow, red: m.clockLevelRed }[level];
}

/** Countdown text: "剩余 5 小时 3 分" / "距红牌 2 小时" / "超时 1 天 2 小时". */
export function useDeadlineText(d: DeadlineInput, now: number) {
  const { t, lang } = useI18n();
  const s = deadlineState(d, now);
  if (!s) return null;
  const text = s.overdue ? t(m.overdueBy, { t: formatDuration(s.ms, lang) }) : s.next === 'red' ? t(m.toRed, { t: formatDuration(s.ms, lang) }) : t(m.leftTo, { t: formatDuration(s.ms, lang) });
  return { ...s, text };
}

/** The deadline as a coloured tag (green / warning / yellow card / red card) with the instants on hover. */
export function DeadlineTag({ d, testId }: { d: DeadlineInput; testId?: string }) {
  const { t } = useI18n();
  const now = useNow();
  const s = useDeadlineText(d, now);
  if (!s) return <span style={{ color: '#bbb' }}>{t(m.noClock)}</span>;
  return (
    <Tooltip title={`${t(m.clockYellow, { at: dateTime(d.yellowAt) })} · ${t(m.clockRed, { at: dateTime(d.redAt) })}`}>
      <Tag color={LEVEL_COLOURS[s.level]} icon={<ClockCircleOutlined />} style={{ marginInlineEnd: 0, whiteSpace: 'nowrap', color: s.level === 'yellow' ? '#7c5e00' : undefined }} data-testid={testId} data-level={s.level}>
        {s.text}
      </Tag>
    </Tooltip>
  );
}

/** A yellow or red card tag. */
export function CardTag({ card }: { card: string | null | undefined }) {
  const { t } = useI18n();
  if (card !== 'yellow' && card !== 'red') return null;
  return (
    <Tag color={card === 'red' ? 'red' : 'yellow'} style={{ marginInlineEnd: 0, color: card === 'yellow' ? '#7c5e00' : undefined }} data-testid="case-card">
      {t(card === 'red' ? m.redCard : m.yellowCard)}
    </Tag>
  );
}

/** Urgent, reopened, extended, whistled flags of a list row. */
export function CaseFlags({ c }: { c: Pick<CaseListItem, 'urgent' | 'reopened' | 'extended' | 'whistled'> }) {
  const { t } = useI18n();
  return (
    <>
      {c.urgent && (
        <Tag color="volcano" icon={<ThunderboltOutlined />} style={{ marginInlineEnd: 0 }}>
          {t(m.urgent)}
        </Tag>
      )}
      {c.reopened && <Tag style={{ marginInlineEnd: 0 }}>{t(m.reopened)}</Tag>}
      {c.extended && <Tag style={{ marginInlineEnd: 0 }}>{t(m.extended)}</Tag>}
      {c.whistled && <Tag color="purple" style={{ marginInlineEnd: 0 }}>{t(m.whistled)}</Tag>}
    </>
  );
}
