/** The current stage clock of a case (staff): which limit, how long is left, when yellow and red fall. */
import { Flex, Typography } from 'antd';
import { ClockCircleOutlined } from '@ant-design/icons';
import { useI18n } from '../../lib/i18n.js';
import { dateTime } from '../../lib/format.js';
import { levelLabel, useDeadlineText, useNow } from './CaseTags.js';
import { STAGE_LABELS } from './labels.js';
import { m } from './messages.js';
import type { StageClock } from './types.js';

const TONES = {
  ok: { bg: '#f6ffed', border: '#b7eb8f', fg: '#237804' },
  warning: { bg: '#fffbe6', border: '#ffe58f', fg: '#ad6800' },
  yellow: { bg: '#feffe6', border: '#fadb14', fg: '#7c5e00' },
  red: { bg: '#fff1f0', border: '#ffa39e', fg: '#a8071a' },
} as const;

/** The banner; `holderName` names the unit whose clock it is when the viewer does not act for it. */
export function CaseClock({ clock, holderName }: { clock: StageClock; holderName?: string }) {
  const { t } = useI18n();
  const now = useNow(30_000);
  const s = useDeadlineText({ card: clock.card, warnAt: clock.warnAt, yellowAt: clock.yellowAt, redAt: clock.redAt }, now);
  if (!s) return null;
  const tone = TONES[s.level];
  return (
    <Flex
      gap={12}
      align="center"
      data-testid="case-clock"
      data-level={s.level}
      style={{ background: tone.bg, border: `1px solid ${tone.border}`, borderRadius: 8, padding: '8px 14px' }}
    >
      <ClockCircleOutlined style={{ color: tone.fg, fontSize: 18 }} />
      <Flex vertical gap={0} style={{ minWidth: 0, flex: 1 }}>
        <Typography.Text style={{ color: tone.fg, fontWeight: 600 }}>
          {holderName && `${holderName} · `}
          {t(STAGE_LABELS[clock.stage])} · {t(levelLabel(s.level))} · {s.text}
        </Typography.Text>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t(m.clockYellow, { at: dateTime(clock.yellowAt) })} · {t(m.clockRed, { at: dateTime(clock.redAt) })}
          {clock.extensionDays > 0 && ` · ${t(m.clockExtended, { n: clock.extensionDays })}`}
        </Typography.Text>
      </Flex>
    </Flex>
  );
}
