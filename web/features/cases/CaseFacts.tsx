/** Who and where: the grid, the units holding, owning and handling the case, the reporter, the map. */
import { Card, Descriptions, Flex, Tag, Typography } from 'antd';
import { useAuth } from '../../lib/auth.js';
import { useFetch } from '../../lib/use-fetch.js';
import { useI18n } from '../../lib/i18n.js';
import { dateTime } from '../../lib/format.js';
import type { NodeDetail } from '../org/types.js';
import { CasePointMap } from './CasePointMap.js';
import { SATISFACTION_LABELS, sourceLabel } from './labels.js';
import { m } from './messages.js';
import type { CaseDetail, NodeRef } from './types.js';

const AREA_TYPES = ['city', 'district', 'street', 'community', 'grid'];

/** The facts card. */
export function CaseFacts({ c }: { c: CaseDetail }) {
  const { t, pick } = useI18n();
  const { me } = useAuth();
  const staff = c.access === 'staff';
  // The grid's outline for the little map (staff who may read the organisation of that area).
  const areaStaff = !!me?.grants.some((g) => AREA_TYPES.includes(g.nodeType) && g.permissions.includes('org.read'));
  const grid = useFetch<NodeDetail>(staff && areaStaff && c.grid ? `/org/nodes/${c.grid.id}` : null);
  const name = (n: NodeRef | null) => (n ? pick(n.nameZh, n.nameEn) : '—');
  const reporter = c.reporter ? c.reporter.displayName : c.hideReporter && staff ? t(m.anonymousHidden) : t(m.anonymous);

  const items = [
    { key: 'grid', label: t(m.grid), children: name(c.grid) },
    ...(staff
      ? [
          { key: 'holder', label: t(m.holder), children: <span data-testid="case-holder">{name(c.holder)}</span> },
          { key: 'owner', label: t(m.owner), children: name(c.owner) },
          ...(c.handler ? [{ key: 'handler', label: t(m.handler), children: name(c.handler) }] : []),
          ...(c.escalatedTo ? [{ key: 'escalated', label: t(m.escalated), children: <Typography.Text type="danger">{name(c.escalatedTo)}</Typography.Text> }] : []),
        ]
      : c.publicStatus === 'open'
        ? [{ key: 'holder', label: t(m.holder), children: <span data-testid="case-holder">{name(c.holder)}</span> }]
        : []),
    { key: 'reporter', label: t(m.reporter), children: <span data-testid="case-reporter">{reporter}</span> },
    { key: 'source', label: t(m.source), children: t(sourceLabel(c.source)) },
    { key: 'reportedAt', label: t(m.reportedAt), children: dateTime(c.reportedAt) },
    ...(c.dueAt ? [{ key: 'dueAt', label: t(m.dueAt), children: dateTime(c.dueAt) }] : []),
    ...(c.closedAt ? [{ key: 'closedAt', label: t(m.closedAt), children: dateTime(c.closedAt) }] : []),
    ...(c.satisfaction
      ? [
          {
            key: 'rating',
            label: t(m.rating),
            children: (
              <Flex vertical gap={2}>
                <span>
                  <Tag color={c.satisfaction === 'unsatisfied' ? 'red' : 'green'}>{t(SATISFACTION_LABELS[c.satisfaction])}</Tag>
                  {c.resolved !== null && <Tag>{t(c.resolved ? m.resolvedYes : m.resolvedNo)}</Tag>}
                </span>
                {c.ratingComment && <Typography.Text type="secondary">{c.ratingComment}</Typography.Text>}
              </Flex>
            ),
          },
        ]
      : []),
  ];

  return (
    <Card size="small" title={t(m.location)} data-testid="case-facts">
      <Flex vertical gap={12}>
        <CasePointMap lat={c.lat} lng={c.lng} outline={grid.data?.geometry ?? undefined} height={180} />
        <Typography.Text type={c.address ? undefined : 'secondary'}>{c.address || t(m.noAddress)}</Typography.Text>
        <Descriptions size="small" column={1} items={items} styles={{ label: { whiteSpace: 'nowrap' } }} />
      </Flex>
    </Card>
  );
}
