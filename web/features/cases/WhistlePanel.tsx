/**
 * The whistle panel of the case page (街乡吹哨、部门报到): the whistles blown on the case, each summoned
 * department's three clocks (sign, contact, on site) with overdue in red, and the buttons the server allows
 * — blow, approve a tough whistle, a department's next step, the street's rating.
 */
import { useState } from 'react';
import { Button, Card, Empty, Flex, Rate, Tag, Typography } from 'antd';
import { CheckCircleFilled, ClockCircleOutlined, ExclamationCircleFilled, NotificationOutlined } from '@ant-design/icons';
import { useI18n } from '../../lib/i18n.js';
import { dateTime } from '../../lib/format.js';
import { useIsPhone } from '../../ui/use-phone.js';
import { useNow } from './CaseTags.js';
import { formatDuration } from './deadline.js';
import { WHISTLE_KIND_LABELS, WHISTLE_STATUS_LABELS } from './labels.js';
import { w } from './whistle-messages.js';
import { WhistleDialog, type WhistleDialogState } from './WhistleDialogs.js';
import type { CaseDetail, Summons, SummonsAction, Whistle } from './types.js';

const STATUS_COLOURS = { pending_approval: 'orange', open: 'processing', closed: 'success', rejected: 'default' } as const;
const STEP_LABELS = { sign: w.stepSign, contact: w.stepContact, arrive: w.stepArrive };
const DO_LABELS = { sign: w.doSign, contact: w.doContact, arrive: w.doArrive };

/** "11-25 16:00": the year is the current one in a live whistle. */
const short = (v: string) => dateTime(v).slice(5);

/** One of a department's three clocks. */
function StepClock({ step, s, now }: { step: SummonsAction; s: Summons; now: number }) {
  const { t, lang } = useI18n();
  const due = { sign: s.signDueAt, contact: s.contactDueAt, arrive: s.arriveDueAt }[step];
  const done = { sign: s.signedAt, contact: s.contactedAt, arrive: s.arrivedAt }[step];
  const late = s.overdue[step];
  let body;
  if (done) {
    body = (
      <Typography.Text style={{ color: late ? '#cf1322' : '#389e0d', fontSize: 12 }}>
        {late ? <ExclamationCircleFilled /> : <CheckCircleFilled />} {t(late ? w.doneLate : w.doneAt, { at: short(done) })}
      </Typography.Text>
    );
  } else if (!due) {
    body = <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t(w.notStarted)}</Typography.Text>;
  } else {
    const ms = Date.parse(due) - now;
    body = (
      <Flex vertical gap={0}>
        <Typography.Text style={{ color: ms < 0 || late ? '#cf1322' : undefined, fontSize: 12, fontWeight: ms < 0 ? 600 : undefined }}>
          <ClockCircleOutlined /> {ms < 0 ? t(w.overdue, { t: formatDuration(-ms, lang) }) : t(w.dueIn, { t: formatDuration(ms, lang) })}
        </Typography.Text>
        <Typography.Text type="secondary" style={{ fontSize: 11 }}>
          {t(w.dueAt, { at: short(due) })}
        </Typography.Text>
      </Flex>
    );
  }
  return (
    <Flex vertical gap={2} style={{ minWidth: 90, flex: '1 1 90px' }} data-testid={`summons-${s.id}-${step}`} data-done={done ? 'true' : 'false'} data-overdue={late ? 'true' : 'false'}>
      <Typography.Text strong style={{ fontSize: 12 }}>
        {t(STEP_LABELS[step])}
      </Typography.Text>
      {body}
    </Flex>
  );
}

/** One summoned department: its clocks, its buttons, its rating. */
function SummonsRow({ whistle, s, now, open }: { whistle: Whistle; s: Summons; now: number; open(d: WhistleDialogState): void }) {
  const { t, pick } = useI18n();
  const dept = s.department ? pick(s.department.nameZh, s.department.nameEn) : '';
  const steps = (['sign', 'contact', 'arrive'] as const).filter((x) => s.abilities.includes(x));
  return (
    <Flex vertical gap={8} style={{ border: '1px solid #f0f0f0', borderRadius: 8, padding: '10px 12px' }} data-testid={`summons-${s.id}`}>
      <Flex justify="space-between" align="center" gap={8} wrap>
        <Typography.Text strong>{dept}</Typography.Text>
        <Flex gap={6} wrap>
          {steps.map((x, i) => (
            <Button key={x} size="small" type={i === 0 ? 'primary' : 'default'} onClick={() => open({ kind: 'step', whistleId: whistle.id, summonsId: s.id, step: x, dept })} data-testid={`summons-${s.id}-do-${x}`}>
              {t(DO_LABELS[x])}
            </Button>
          ))}
          {s.abilities.includes('rate') && (
            <Button size="small" type="primary" onClick={() => open({ kind: 'rate', whistleId: whistle.id, summonsId: s.id, dept })} data-testid={`summons-${s.id}-do-rate`}>
              {t(w.rate)}
            </Button>
          )}
        </Flex>
      </Flex>
      <Flex gap={12} wrap>
        <StepClock step="sign" s={s} now={now} />
        <StepClock step="contact" s={s} now={now} />
        <StepClock step="arrive" s={s} now={now} />
      </Flex>
      {(s.contactNote || s.arriveNote) && (
        <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'pre-wrap' }}>
          {[s.contactNote, s.arriveNote].filter(Boolean).join('\n')}
        </Typography.Text>
      )}
      {s.rating && (
        <Flex gap={12} align="center" wrap data-testid={`summons-${s.id}-rating`}>
          <span style={{ fontSize: 12 }}>
            {t(w.speed)} <Rate disabled value={s.rating.speed} style={{ fontSize: 12 }} />
          </span>
          <span style={{ fontSize: 12 }}>
            {t(w.quality)} <Rate disabled value={s.rating.quality} style={{ fontSize: 12 }} />
          </span>
          {s.rating.note && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{s.rating.note}</Typography.Text>}
        </Flex>
      )}
    </Flex>
  );
}

/** One whistle with its summonses. */
function WhistleBlock({ x, now, open }: { x: Whistle; now: number; open(d: WhistleDialogState): void }) {
  const { t, pick } = useI18n();
  return (
    <Flex vertical gap={8} data-testid={`whistle-${x.id}`} data-status={x.status}>
      <Flex justify="space-between" align="center" gap={8} wrap>
        <Flex gap={6} align="center" wrap>
          <Tag color={x.kind === 'emergency' ? 'red' : x.kind === 'tough' ? 'volcano' : 'blue'}>{t(WHISTLE_KIND_LABELS[x.kind])}</Tag>
          <Tag color={STATUS_COLOURS[x.status]} data-testid={`whistle-${x.id}-status`}>
            {t(WHISTLE_STATUS_LABELS[x.status])}
          </Tag>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t(w.by, { node: x.node ? pick(x.node.nameZh, x.node.nameEn) : '', at: dateTime(x.createdAt) })}
          </Typography.Text>
        </Flex>
        {x.abilities.includes('decide') && (
          <Flex gap={6}>
            <Button size="small" type="primary" onClick={() => open({ kind: 'decide', whistleId: x.id, approve: true })} data-testid={`whistle-${x.id}-approve`}>
              {t(w.approve)}
            </Button>
            <Button size="small" danger onClick={() => open({ kind: 'decide', whistleId: x.id, approve: false })} data-testid={`whistle-${x.id}-refuse`}>
              {t(w.refuse)}
            </Button>
          </Flex>
        )}
      </Flex>
      <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{x.reason}</Typography.Paragraph>
      {(x.meetAt || x.place || x.decisionNote) && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {[x.meetAt && t(w.meet, { at: dateTime(x.meetAt) }), x.place && t(w.meetPlace, { place: x.place }), x.decisionNote && t(w.decision, { note: x.decisionNote })].filter(Boolean).join(' · ')}
        </Typography.Text>
      )}
      {x.summons.map((s) => (
        <SummonsRow key={s.id} whistle={x} s={s} now={now} open={open} />
      ))}
    </Flex>
  );
}

/** The panel; `onChanged` takes the case the server answers with (null: reload). */
export function WhistlePanel({ c, onChanged }: { c: CaseDetail; onChanged(next: CaseDetail | null): void }) {
  const { t } = useI18n();
  const phone = useIsPhone();
  const now = useNow(30_000);
  const [dialog, setDialog] = useState<WhistleDialogState>(null);
  const whistles = c.whistles ?? [];
  const canBlow = c.abilities.includes('whistle');
  if (whistles.length === 0 && !canBlow) return null;
  return (
    <Card
      size="small"
      title={
        <span>
          <NotificationOutlined /> {t(w.title)}
        </span>
      }
      extra={
        canBlow && (
          <Button type="primary" size={phone ? 'small' : 'middle'} onClick={() => setDialog({ kind: 'blow' })} data-testid="whistle-blow">
            {t(w.blow)}
          </Button>
        )
      }
      data-testid="whistle-panel"
    >
      {whistles.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t(w.intro)} />
      ) : (
        <Flex vertical gap={16}>
          {[...whistles].reverse().map((x) => (
            <WhistleBlock key={x.id} x={x} now={now} open={setDialog} />
          ))}
        </Flex>
      )}
      <WhistleDialog
        c={c}
        state={dialog}
        onClose={() => setDialog(null)}
        onDone={(next) => {
          setDialog(null);
          onChanged(next);
        }}
      />
    </Card>
  );
}
