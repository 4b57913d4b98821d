/** Staff-only records beside the timeline: extension requests, carbon copies with read receipts, cards. */
import { Card, Flex, Tag, Typography } from 'antd';
import { useI18n } from '../../lib/i18n.js';
import { dateTime } from '../../lib/format.js';
import { STAGE_LABELS } from './labels.js';
import { m } from './messages.js';
import type { CaseDetail } from './types.js';

/** Extension requests with their decisions. */
export function ExtensionsCard({ c }: { c: CaseDetail }) {
  const { t, pick } = useI18n();
  if (c.extensions.length === 0) return null;
  return (
    <Card size="small" title={t(m.extensions)} data-testid="case-extensions">
      <Flex vertical gap={10}>
        {c.extensions.map((x) => (
            <Flex key={x.id} vertical gap={2} style={{ width: '100%' }}>
              <Flex justify="space-between" gap={8} wrap>
                <Typography.Text>
                  {x.node ? pick(x.node.nameZh, x.node.nameEn) : ''} · {t(m.extAsked, { n: x.days })}
                </Typography.Text>
                {x.status === 'pending' ? (
                  <Tag color="orange">{t(m.extPending)}</Tag>
                ) : x.status === 'approved' ? (
                  <Tag color="green">{t(m.extApproved, { n: x.approvedDays ?? x.days })}</Tag>
                ) : (
                  <Tag>{t(m.extDenied)}</Tag>
                )}
              </Flex>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {dateTime(x.createdAt)} · {x.reason}
              </Typography.Text>
              {x.decisionNote && <Typography.Text style={{ fontSize: 12 }}>{x.decisionNote}</Typography.Text>}
            </Flex>
        ))}
      </Flex>
    </Card>
  );
}

/** Units the case was copied to, read or not. */
export function CopiesCard({ c }: { c: CaseDetail }) {
  const { t, pick } = useI18n();
  const copies = c.parties.filter((p) => p.kind === 'cc');
  if (copies.length === 0) return null;
  return (
    <Card size="small" title={t(m.copies)} data-testid="case-copies">
      <Flex vertical gap={6}>
        {copies.map((p, i) => (
          <Flex key={p.node?.id ?? i} justify="space-between" gap={8}>
            <Typography.Text>{p.node ? pick(p.node.nameZh, p.node.nameEn) : t(m.unknownNode)}</Typography.Text>
            {p.readAt ? <Tag color="green">{t(m.copyRead, { at: dateTime(p.readAt) })}</Tag> : <Tag color="orange">{t(m.copyUnread)}</Tag>}
          </Flex>
        ))}
      </Flex>
    </Card>
  );
}

/** Yellow and red cards raised on the case, with the points deducted. */
export function CardsCard({ c }: { c: CaseDetail }) {
  const { t, pick } = useI18n();
  if (c.cards.length === 0) return null;
  return (
    <Card size="small" title={t(m.cards)} data-testid="case-cards">
      <Flex vertical gap={6}>
        {c.cards.map((k, i) => (
          <Flex key={i} vertical gap={0}>
            <Flex gap={6} align="center" wrap>
              <Tag color={k.color === 'red' ? 'red' : 'yellow'} style={{ color: k.color === 'yellow' ? '#7c5e00' : undefined }}>
                {t(k.color === 'red' ? m.redCard : m.yellowCard)}
              </Tag>
              <Typography.Text>{k.node ? pick(k.node.nameZh, k.node.nameEn) : ''}</Typography.Text>
              <Typography.Text type="danger">{t(m.cardPoints, { n: k.points })}</Typography.Text>
            </Flex>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t(STAGE_LABELS[k.stage])} · {dateTime(k.raisedAt)}
            </Typography.Text>
          </Flex>
        ))}
      </Flex>
    </Card>
  );
}
