/** Audit log: filter by action (e.g. reveals of personal data), area and dates; newest first. */
import { Alert, Card, Col, Flex, Row, Select, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { qs } from '../../lib/api.js';
import { useFetch } from '../../lib/use-fetch.js';
import { useI18n } from '../../lib/i18n.js';
import { dateTime } from '../../lib/format.js';
import { common } from '../../lib/messages.js';
import { DataList } from '../../ui/DataList.js';
import { ErrorState } from '../../ui/ErrorState.js';
import { PageHeader } from '../../ui/PageHeader.js';
import { useQueryState } from '../../ui/use-query-state.js';
import { NodePicker } from '../org/NodePicker.js';
import { DateRange } from '../../ui/DateRange.js';
import { ACTIONS, ENTITIES, m } from './messages.js';

interface AuditRow {
  id: number;
  at: string;
  actor: { id: number; username: string; displayName: string } | null;
  action: string;
  entity: string;
  entityId: string | null;
  node: { id: number; type: string; code: string; nameZh: string; nameEn: string } | null;
  reason: string | null;
  detail: Record<string, unknown>;
  ip: string | null;
}

const DEFAULTS = { action: '', nodeId: '', from: '', to: '', page: '1', pageSize: '20' };
const AREA_TYPES = ['city', 'district', 'street', 'community', 'grid'];
const FIELD_NAMES: Record<string, { zh: string; en: string }> = {
  idNumber: { zh: '身份证号', en: 'ID number' },
  phone: { zh: '联系电话', en: 'Phone' },
  health: { zh: '健康状况', en: 'Health' },
  disability: { zh: '残疾情况', en: 'Disability' },
  income: { zh: '收入情况', en: 'Income' },
};

/** Short readable form of an entry's details. */
function detailText(row: AuditRow, t: (m: { zh: string; en: string }) => string): string {
  const d = row.detail ?? {};
  if (row.action === 'personal.reveal' && typeof d.field === 'string') return `${t(m.field)}: ${FIELD_NAMES[d.field] ? t(FIELD_NAMES[d.field]) : d.field}`;
  const entries = Object.entries(d).filter(([, v]) => v !== null && v !== undefined);
  return entries.map(([k, v]) => `${k}: ${Array.isArray(v) ? v.join(', ') : typeof v === 'object' ? JSON.stringify(v) : String(v)}`).join(t(common.semi));
}

/** The audit log page. */
export function AuditPage() {
  const { t, pick } = useI18n();
  const [query, setQuery] = useQueryState(DEFAULTS);
  const { data, error, loading, reload } = useFetch<{ items: AuditRow[]; total: number; totalCapped?: boolean }>(`/audit${qs(query)}`);
  const action = (a: string) => (ACTIONS[a] ? t(ACTIONS[a]) : a);
  const actor = (r: AuditRow) => (r.actor ? `${r.actor.displayName} (${r.actor.username})` : t(m.system));
  const targetText = (r: AuditRow) => `${ENTITIES[r.entity] ? t(ENTITIES[r.entity]!) : r.entity}${r.entityId ? ' #' + r.entityId : ''}`;
  const TARGET_PAGES: Record<string, string> = { resident: '/people/residents/', household: '/people/households/', building: '/people/buildings/', user: '/users/', org_node: '/org/' };
  const target = (r: AuditRow) =>
    r.entityId && TARGET_PAGES[r.entity] && !r.action.endsWith('_delete') ? <Link to={TARGET_PAGES[r.entity] + r.entityId}>{targetText(r)}</Link> : targetText(r);

  return (
    <div>
      <PageHeader title={t(m.title)} subtitle={t(m.subtitle)} />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Row gutter={[8, 8]}>
          <Col xs={24} md={8} xl={6}>
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              value={query.action}
              onChange={(v) => setQuery({ action: v })}
              style={{ width: '100%' }}
              options={[{ value: '', label: t(m.anyAction) }, ...Object.keys(ACTIONS).map((a) => ({ value: a, label: action(a) }))]}
              data-testid="audit-filter-action"
            />
          </Col>
          <Col xs={24} md={8} xl={6}>
            <NodePicker value={query.nodeId ? Number(query.nodeId) : null} onChange={(id) => setQuery({ nodeId: id ? String(id) : '' })} types={AREA_TYPES} placeholder={t(m.allArea)} testId="audit-filter-node" />
          </Col>
          <Col xs={24} md={8} xl={8}>
            <DateRange from={query.from} to={query.to} onChange={setQuery} testIdPrefix="audit-filter" />
          </Col>
        </Row>
      </Card>
      {data?.totalCapped && <Alert type="info" showIcon title={t(m.capped, { n: data.total })} style={{ marginBottom: 12 }} />}
      {error ? (
        <ErrorState error={error} onRetry={reload} />
      ) : (
        <DataList<AuditRow>
          testId="audit-list"
          data={data?.items ?? []}
          loading={loading}
          rowKey={(r) => r.id}
          paging={{ page: Number(query.page), pageSize: Number(query.pageSize), total: data?.total ?? 0, onChange: (p, s) => setQuery({ page: String(p), pageSize: String(s) }) }}
          columns={[
            { title: t(common.time), dataIndex: 'at', width: 150, render: (v: string) => dateTime(v) },
            { title: t(m.actor), key: 'actor', render: (_v, r) => actor(r) },
            { title: t(m.action), dataIndex: 'action', render: (v: string) => <Tag color={v.startsWith('personal.') ? 'red' : 'blue'}>{action(v)}</Tag> },
            { title: t(m.target), key: 'target', render: (_v, r) => target(r) },
            { title: t(m.node), key: 'node', render: (_v, r) => (r.node ? pick(r.node.nameZh, r.node.nameEn) : '—') },
            { title: t(m.reason), dataIndex: 'reason', render: (v: string | null) => v ?? '' },
            { title: t(m.detail), key: 'detail', render: (_v, r) => <Typography.Text type="secondary" style={{ fontSize: 12 }}>{detailText(r, t)}</Typography.Text> },
            { title: t(m.ip), dataIndex: 'ip', render: (v: string | null) => v ?? '' },
          ]}
          renderCard={(r) => (
            <Flex vertical gap={4}>
              <Flex justify="space-between" align="center" gap={8}>
                <Tag color={r.action.startsWith('personal.') ? 'red' : 'blue'} style={{ marginInlineEnd: 0 }}>
                  {action(r.action)}
                </Tag>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {dateTime(r.at)}
                </Typography.Text>
              </Flex>
              <span>
                {actor(r)} · {r.node ? pick(r.node.nameZh, r.node.nameEn) : targetText(r)}
              </span>
              {r.reason && (
                <Typography.Text>
                  {t(m.reason)}{t(common.colon)}{r.reason}
                </Typography.Text>
              )}
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {detailText(r, t)}
              </Typography.Text>
            </Flex>
          )}
        />
      )}
    </div>
  );
}
