/**
 * The case's timeline: each event with its time, the unit (and, for staff, the person) who acted, what was
 * done, where the case went, the note and the status change. Residents see the public events only (the
 * server filters them) and never staff names.
 */
import { Flex, Tag, Timeline, Typography } from 'antd';
import { useI18n } from '../../lib/i18n.js';
import { dateTime } from '../../lib/format.js';
import { common } from '../../lib/messages.js';
import { SATISFACTION_LABELS, actionLabel, isSelfDispatch, statusLabel } from './labels.js';
import { m } from './messages.js';
import { a } from './action-messages.js';
import { w } from './whistle-messages.js';
import type { NodeRef, TimelineEvent } from './types.js';

const DOT: Record<string, string> = {
  card_yellow: '#d4b106',
  card_red: 'red',
  escalate: 'red',
  reject: 'gray',
  cancel: 'gray',
  rework: 'orange',
  return: 'orange',
  reopen: 'orange',
  verify: 'green',
  rate: 'green',
  finish: 'green',
};

/** The timeline; `nodes` names units that events refer to by id only (the units a case was copied to). */
export function CaseTimeline({ events, staff, nodes = [] }: { events: TimelineEvent[]; staff: boolean; nodes?: NodeRef[] }) {
  const { t, pick } = useI18n();
  const nodeName = (n: NodeRef | null) => (n ? pick(n.nameZh, n.nameEn) : null);

  const detail = (e: TimelineEvent) => {
    const bits: string[] = [];
    const days = e.data.days;
    if (e.action === 'request_extension' && typeof days === 'number') bits.push(t(m.extAsked, { n: days }));
    if (e.action === 'decide_extension' && e.data.approve && typeof days === 'number') bits.push(t(m.extApproved, { n: days }));
    if (e.action === 'card_yellow' || e.action === 'card_red') {
      if (typeof e.data.points === 'number') bits.push(t(m.cardPoints, { n: e.data.points }));
    }
    if ((e.action === 'rate' || e.action === 'reopen') && typeof e.data.satisfaction === 'string') {
      const s = SATISFACTION_LABELS[e.data.satisfaction as keyof typeof SATISFACTION_LABELS];
      if (s) bits.push(t(s));
      if (typeof e.data.resolved === 'boolean') bits.push(t(e.data.resolved ? a.solvedYes : a.solvedNo));
    }
    if (e.action === 'verify' && e.data.resolved === false) bits.push(t(m.resolvedNo));
    if (e.action.startsWith('summons_') && e.data.late === true) bits.push(t(w.late));
    if (e.action === 'summons_rate' && typeof e.data.speed === 'number' && typeof e.data.quality === 'number') bits.push(t(w.rated, { speed: e.data.speed, quality: e.data.quality }));
    if (e.action === 'merge' && typeof e.data.into === 'number') bits.push(`→ #${e.data.into}`);
    if (e.action === 'merged_in' && typeof e.data.from === 'number') bits.push(`#${e.data.from}`);
    return bits;
  };

  return (
    <Timeline
      data-testid="case-timeline"
      items={[...events].reverse().map((e) => {
        const actor = nodeName(e.actorNode);
        const copiedTo = Array.isArray(e.data.to) ? (e.data.to as unknown[]).map((id) => nodes.find((n) => n.id === id)).filter((n): n is NodeRef => !!n) : [];
        const to = e.action === 'cc' ? copiedTo.map((n) => nodeName(n)).join(t(common.listSep)) || null : isSelfDispatch(e) ? null : nodeName(e.toNode);
        const from = nodeName(e.fromNode);
        const moved = e.fromStatus && e.toStatus && e.fromStatus !== e.toStatus;
        const extra = detail(e);
        return {
          key: e.id,
          color: DOT[e.action] ?? 'blue',
          content: (
            <Flex vertical gap={2} data-testid={`timeline-${e.action}`}>
              <Flex gap={8} align="baseline" wrap>
                <Typography.Text strong>{t(actionLabel(e))}</Typography.Text>
                {(e.action === 'dispatch' || e.action === 'hand_up' || e.action === 'cc' || e.action === 'escalate' || e.action.startsWith('card_')) && to && (
                  <Typography.Text>→ {to}</Typography.Text>
                )}
                {e.action === 'return' && from && !to && <Typography.Text type="secondary">{from}</Typography.Text>}
                {moved && staff && (
                  <Tag style={{ marginInlineEnd: 0 }}>
                    {t(m.statusChange, { from: t(statusLabel(e.fromStatus!)), to: t(statusLabel(e.toStatus!)) })}
                  </Tag>
                )}
                {staff && !e.public && (
                  <Tag color="default" style={{ marginInlineEnd: 0, fontSize: 11 }}>
                    {t(m.internal)}
                  </Tag>
                )}
              </Flex>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {[dateTime(e.at), actor ?? (e.action.startsWith('card_') || e.action === 'escalate' ? t(m.system) : null), e.actorName].filter(Boolean).join(' · ')}
              </Typography.Text>
              {extra.length > 0 && <Typography.Text style={{ fontSize: 13 }}>{extra.join(' · ')}</Typography.Text>}
              {e.note && (
                <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap', background: '#f7f8fa', padding: '6px 10px', borderRadius: 6 }} ellipsis={{ rows: 4, expandable: true }}>
                  {e.note}
                </Typography.Paragraph>
              )}
            </Flex>
          ),
        };
      })}
    />
  );
}
