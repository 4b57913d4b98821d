/**
 * One grid: its map with buildings, grid worker and party organisation, figures, and tabs for residents,
 * households, buildings and boundary history. Someone outside the grid's area gets a clear
 * "not found or no permission" page.
 */
import { useMemo, useState } from 'react';
import { Alert, Button, Card, Col, Flex, List, Row, Tabs, Tag, Typography } from 'antd';
import { ScissorOutlined, UserOutlined } from '@ant-design/icons';
import { Link, useNavigate, useParams } from 'react-router';
import { qs, ApiError } from '../../lib/api.js';
import { useAuth } from '../../lib/auth.js';
import { useFetch } from '../../lib/use-fetch.js';
import { useI18n } from '../../lib/i18n.js';
import { dateTime } from '../../lib/format.js';
import { roleLabel } from '../../lib/labels.js';
import { ErrorState } from '../../ui/ErrorState.js';
import { Loading } from '../../ui/Loading.js';
import { PageHeader } from '../../ui/PageHeader.js';
import { Figures } from '../org/Figures.js';
import type { NodeDetail } from '../org/types.js';
import type { BuildingItem, Paged } from '../people/types.js';
import { GridMap } from './GridMap.js';
import { GridHistory } from './GridHistory.js';
import { GridBuildings, GridHouseholds, GridResidents } from './GridPeople.js';
import { SplitDialog } from './SplitDialog.js';
import type { AreaCollection, AreaFeature } from './types.js';
import { m } from './messages.js';

/** The grid page. */
export function GridPage() {
  const { id } = useParams();
  const gridId = Number(id);
  const { t, pick } = useI18n();
  const { can } = useAuth();
  const navigate = useNavigate();
  const { data: node, error, reload } = useFetch<NodeDetail>(Number.isSafeInteger(gridId) && gridId > 0 ? `/org/nodes/${gridId}` : null);
  const peopleRead = !!node?.abilities.includes('people.read');
  const buildings = useFetch<Paged<BuildingItem>>(peopleRead ? `/people/buildings${qs({ nodeId: gridId, pageSize: 200 })}` : null);
  const [splitting, setSplitting] = useState<AreaFeature | null>(null);

  const feature = useMemo<AreaFeature | null>(
    () =>
      node?.geometry
        ? { type: 'Feature', geometry: node.geometry as AreaFeature['geometry'], properties: { id: node.id, code: node.code, nameZh: node.nameZh, nameEn: node.nameEn, communityId: node.parentId, active: node.active } }
        : null,
    [node],
  );
  const collection = useMemo<AreaCollection | undefined>(() => (feature ? { type: 'FeatureCollection', features: [feature] } : undefined), [feature]);
  const points = useMemo(() => buildings.data?.items.map((b) => ({ id: b.id, lat: b.lat, lng: b.lng, label: b.name })) ?? [], [buildings.data]);

  if (!Number.isSafeInteger(gridId) || gridId <= 0) return <ErrorState error={new ApiError(404, 'NOT_FOUND', '')} />;
  if (error) return <ErrorState error={error} onRetry={reload} />;
  if (!node) return <Loading />;
  if (node.type !== 'grid') return <ErrorState error={new ApiError(404, 'NOT_FOUND', t(m.notAGrid))} />;

  const workers = node.staff.filter((s) => s.role === 'grid_worker');
  // Residents hold a grant on their grid too, but they are not staff.
  const others = node.staff.filter((s) => s.role !== 'grid_worker' && s.role !== 'resident');
  const canSplit = node.abilities.includes('grid.manage') && node.active && !!feature;

  return (
    <div data-testid="grid-page">
      <PageHeader
        documentTitle={pick(node.nameZh, node.nameEn)}
        title={
          <Flex align="center" gap={8} wrap>
            <span data-testid="grid-name">{pick(node.nameZh, node.nameEn)}</span>
            {!node.active && <Tag>{t(m.retired)}</Tag>}
          </Flex>
        }
        subtitle={`${node.ancestors.map((a) => pick(a.nameZh, a.nameEn)).join(' / ')} · ${t(m.code)} ${node.code}`}
        back={can('org.read') ? { to: '/map', label: t(m.backMap) } : undefined}
        extra={
          canSplit && (
            <Button icon={<ScissorOutlined />} onClick={() => setSplitting(feature)} data-testid="grid-split">
              {t(m.split)}
            </Button>
          )
        }
      />
      {!node.active && <Alert type="warning" showIcon title={t(m.retiredAlert, { date: dateTime(node.retiredAt) })} style={{ marginBottom: 12 }} />}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={15}>
          {collection ? (
            <GridMap grids={collection} points={points} onPointClick={(bid) => navigate(`/people/buildings/${bid}`)} labels={false} height={360} testId="grid-map" />
          ) : (
            <Alert type="info" showIcon title={t(m.noShape)} description={pick(node.nameZh, node.nameEn)} />
          )}
        </Col>
        <Col xs={24} lg={9}>
          <Flex vertical gap={12}>
            <Card size="small" title={t(m.gridWorker)} data-testid="grid-worker">
              {workers.length === 0 ? (
                <Typography.Text type="secondary">{t(m.noWorker)}</Typography.Text>
              ) : (
                workers.map((w) => (
                  <div key={w.userId}>
                    <UserOutlined /> <b>{w.displayName}</b>
                  </div>
                ))
              )}
              {others.length > 0 && (
                <List
                  size="small"
                  style={{ marginTop: 8 }}
                  dataSource={others}
                  renderItem={(s) => (
                    <List.Item style={{ paddingInline: 0 }}>
                      {s.displayName} <Tag>{t(roleLabel(s.role))}</Tag>
                    </List.Item>
                  )}
                />
              )}
            </Card>
            <Card size="small" title={t(m.partyBranch)} data-testid="grid-party">
              {node.party.length === 0 ? (
                <Typography.Text type="secondary">—</Typography.Text>
              ) : (
                <Flex wrap gap={4}>
                  {node.party.map((p) => (
                    <Link key={p.id} to={`/org/${p.id}?tree=party`}>
                      <Tag color="red">{pick(p.nameZh, p.nameEn)}</Tag>
                    </Link>
                  ))}
                </Flex>
              )}
            </Card>
          </Flex>
        </Col>
      </Row>
      <div style={{ marginTop: 16 }}>
        <Figures figures={node.figures} nodeId={node.id} hideGrids linkPeople={peopleRead} />
      </div>
      <Card style={{ marginTop: 16 }}>
        <Tabs
          items={[
            ...(peopleRead
              ? [
                  { key: 'residents', label: <span data-testid="grid-tab-residents">{t(m.residentsTab)}</span>, children: <GridResidents gridId={node.id} /> },
                  { key: 'households', label: <span data-testid="grid-tab-households">{t(m.householdsTab)}</span>, children: <GridHouseholds gridId={node.id} /> },
                  { key: 'buildings', label: <span data-testid="grid-tab-buildings">{t(m.buildings)}</span>, children: <GridBuildings gridId={node.id} data={buildings.data} /> },
                ]
              : []),
            { key: 'history', label: <span data-testid="grid-tab-history">{t(m.history)}</span>, children: <GridHistory gridId={node.id} /> },
          ]}
        />
      </Card>
      <SplitDialog
        grid={splitting}
        onClose={() => setSplitting(null)}
        onDone={() => {
          setSplitting(null);
          reload();
        }}
      />
    </div>
  );
}
