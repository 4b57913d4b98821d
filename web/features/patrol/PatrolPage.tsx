/** Patrol log: a grid worker writes today's entry and sees recent ones; supervisors read their area's log. */
import { useState } from 'react';
import { Button, Card, Col, Flex, Row, Tag, Typography } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import { qs } from '../../lib/api.js';
import { useAuth } from '../../lib/auth.js';
import { useFetch } from '../../lib/use-fetch.js';
import { useI18n } from '../../lib/i18n.js';
import { timeOfDay } from '../../lib/format.js';
import { DataList } from '../../ui/DataList.js';
import { ErrorState } from '../../ui/ErrorState.js';
import { PageHeader } from '../../ui/PageHeader.js';
import { useQueryState } from '../../ui/use-query-state.js';
import { NodePicker } from '../org/NodePicker.js';
import { DateRange } from '../../ui/DateRange.js';
import { PatrolForm } from './PatrolForm.js';
import type { Patrol, PatrolList } from './types.js';
import { m, m2 } from './messages.js';

const DEFAULTS = { gridId: '', from: '', to: '', page: '1', pageSize: '20' };
const AREA_TYPES = ['city', 'district', 'street', 'community', 'grid'];

/** The patrol page. */
export function PatrolPage() {
  const { t, pick } = useI18n();
  const { can } = useAuth();
  const writer = can('patrol.write');
  const reader = can('patrol.read');
  const [query, setQuery] = useQueryState(DEFAULTS);
  const [editing, setEditing] = useState<Patrol | null>(null);
  const { data, error, loading, reload } = useFetch<PatrolList>(reader ? `/patrols${qs(query)}` : null);

  const time = (p: Patrol) => `${timeOfDay(p.startedAt)}–${p.endedAt ? timeOfDay(p.endedAt) : t(m2.ongoing)}`;
  const editButton = (p: Patrol) =>
    p.abilities.edit ? (
      <Button size="small" icon={<EditOutlined />} onClick={(e) => { e.stopPropagation(); setEditing(p); window.scrollTo({ top: 0, behavior: 'smooth' }); }} data-testid={`patrol-edit-${p.id}`}>
        {t(m2.edit)}
      </Button>
    ) : null;

  const list = (
    <Card size="small" title={t(m.recent)}>
      {!writer && (
        <Row gutter={[8, 8]} style={{ marginBottom: 12 }}>
          <Col xs={24} md={10}>
            <NodePicker value={query.gridId ? Number(query.gridId) : null} onChange={(id) => setQuery({ gridId: id ? String(id) : '' })} types={AREA_TYPES} placeholder={t(m.filterGrid)} testId="patrol-filter-grid" />
          </Col>
          <Col xs={24} md={14}>
            <DateRange from={query.from} to={query.to} onChange={setQuery} testIdPrefix="patrol-filter" />
          </Col>
        </Row>
      )}
      {error ? (
        <ErrorState error={error} onRetry={reload} />
      ) : (
        <DataList<Patrol>
          testId="patrol-list"
          data={data?.items ?? []}
          loading={loading}
          rowKey={(p) => p.id}
          paging={{ page: Number(query.page), pageSize: Number(query.pageSize), total: data?.total ?? 0, onChange: (p, s) => setQuery({ page: String(p), pageSize: String(s) }) }}
          columns={[
            {
              title: t(m.date),
              key: 'when',
              width: 120,
              render: (_v, p) => (
                <span style={{ whiteSpace: 'nowrap' }}>
                  {p.patrolDate}
                  <br />
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>{time(p)}</Typography.Text>
                </span>
              ),
            },
            // A grid worker's own log is all one grid and one person: those columns only help supervisors.
            ...(writer
              ? []
              : [
                  { title: t(m.grid), key: 'grid', render: (_v: unknown, p: Patrol) => pick(p.gridNameZh, p.gridNameEn) },
                  { title: t(m.worker), dataIndex: 'userDisplayName' },
                ]),
            {
              title: t(m.notesColumn),
              dataIndex: 'notes',
              render: (v: string, p) => (
                <Flex gap={8} justify="space-between" align="flex-start">
                  <Typography.Paragraph style={{ margin: 0, maxWidth: 560, whiteSpace: 'pre-wrap' }} ellipsis={{ rows: 3, expandable: true }}>
                    {v}
                  </Typography.Paragraph>
                  {editButton(p)}
                </Flex>
              ),
            },
          ]}
          renderCard={(p) => (
            <Flex vertical gap={4}>
              <Flex justify="space-between" align="center">
                <b>
                  {p.patrolDate} <span style={{ fontWeight: 400, color: '#666' }}>{time(p)}</span>
                </b>
                {editButton(p)}
              </Flex>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {pick(p.gridNameZh, p.gridNameEn)} · {p.userDisplayName}
                {p.routePoints > 0 && <Tag style={{ marginInlineStart: 6 }}>{t(m2.points, { n: p.routePoints })}</Tag>}
              </Typography.Text>
              <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }} ellipsis={{ rows: 3, expandable: true }}>
                {p.notes}
              </Typography.Paragraph>
            </Flex>
          )}
        />
      )}
    </Card>
  );

  return (
    <div>
      <PageHeader title={t(m.title)} subtitle={writer ? t(m.subtitleWriter) : t(m.subtitleReader)} />
      {writer ? (
        <Row gutter={[16, 16]}>
          <Col xs={24} lg={10}>
            <PatrolForm
              editing={editing}
              onCancelEdit={() => setEditing(null)}
              onSaved={() => {
                setEditing(null);
                reload();
              }}
            />
          </Col>
          <Col xs={24} lg={14}>
            {reader && list}
          </Col>
        </Row>
      ) : (
        list
      )}
    </div>
  );
}
