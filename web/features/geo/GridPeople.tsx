/** The grid page's people tabs: residents (with key-population tags), households and buildings of one grid. */
import { useState } from 'react';
import { Flex, Typography } from 'antd';
import { Link, useNavigate } from 'react-router';
import { qs } from '../../lib/api.js';
import { useFetch } from '../../lib/use-fetch.js';
import { useI18n } from '../../lib/i18n.js';
import { DataList } from '../../ui/DataList.js';
import { ErrorState } from '../../ui/ErrorState.js';
import { PartyBadge, TagList, relationLabel, buildingKind } from '../people/labels.js';
import type { BuildingItem, HouseholdItem, Paged, ResidentItem } from '../people/types.js';
import { m as pm } from '../people/messages.js';
import { m } from './messages.js';

const PAGE = 10;

/** "See all" link to the full list filtered to this grid. */
function SeeAll({ to }: { to: string }) {
  const { t } = useI18n();
  return (
    <div style={{ textAlign: 'right', marginTop: 8 }}>
      <Link to={to}>{t(m.seeAll)} →</Link>
    </div>
  );
}

/** Residents of the grid. */
export function GridResidents({ gridId }: { gridId: number }) {
  const { t, lang } = useI18n();
  const navigate = useNavigate();
  const [page, setPage] = useState(1);
  const { data, error, loading, reload } = useFetch<Paged<ResidentItem>>(`/people/residents${qs({ nodeId: gridId, page, pageSize: PAGE })}`);
  if (error) return <ErrorState error={error} onRetry={reload} />;
  return (
    <>
      <DataList<ResidentItem>
        testId="grid-residents"
        data={data?.items ?? []}
        loading={loading}
        rowKey={(r) => r.id}
        onOpen={(r) => navigate(`/people/residents/${r.id}`)}
        paging={{ page, pageSize: PAGE, total: data?.total ?? 0, onChange: (p) => setPage(p) }}
        columns={[
          { title: t(pm.name), dataIndex: 'name', render: (v: string) => <Typography.Link>{v}</Typography.Link> },
          { title: t(pm.age), dataIndex: 'age' },
          { title: t(pm.relation), dataIndex: 'relation', render: (v: string) => relationLabel(v, lang) },
          { title: t(pm.address), dataIndex: 'address' },
          { title: t(pm.tags), key: 'tags', render: (_v, r) => <Flex wrap gap={4}>{r.isPartyMember && <PartyBadge />}<TagList tags={r.tags} /></Flex> },
        ]}
        renderCard={(r) => (
          <Flex vertical gap={4}>
            <span>
              <b>{r.name}</b> <Typography.Text type="secondary">{t(pm.ageYears, { n: r.age })} · {relationLabel(r.relation, lang)}</Typography.Text>
            </span>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>{r.address}</Typography.Text>
            <Flex wrap gap={4}>
              {r.isPartyMember && <PartyBadge />}
              <TagList tags={r.tags} />
            </Flex>
          </Flex>
        )}
      />
      <SeeAll to={`/people/residents?nodeId=${gridId}`} />
    </>
  );
}

/** Households of the grid. */
export function GridHouseholds({ gridId }: { gridId: number }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [page, setPage] = useState(1);
  const { data, error, loading, reload } = useFetch<Paged<HouseholdItem>>(`/people/households${qs({ nodeId: gridId, page, pageSize: PAGE })}`);
  if (error) return <ErrorState error={error} onRetry={reload} />;
  return (
    <>
      <DataList<HouseholdItem>
        testId="grid-households"
        data={data?.items ?? []}
        loading={loading}
        rowKey={(h) => h.id}
        onOpen={(h) => navigate(`/people/households/${h.id}`)}
        paging={{ page, pageSize: PAGE, total: data?.total ?? 0, onChange: (p) => setPage(p) }}
        columns={[
          { title: t(pm.householdNo), dataIndex: 'householdNo', render: (v: string) => <Typography.Link>{v}</Typography.Link> },
          { title: t(pm.address), dataIndex: 'address' },
          { title: t(pm.memberCount), dataIndex: 'memberCount' },
        ]}
        renderCard={(h) => (
          <Flex justify="space-between" gap={8}>
            <span>{h.address}</span>
            <Typography.Text type="secondary">{t(pm.membersN, { n: h.memberCount })}</Typography.Text>
          </Flex>
        )}
      />
      <SeeAll to={`/people/households?nodeId=${gridId}`} />
    </>
  );
}

/** Buildings of the grid (also drawn on the grid's map by the page). */
export function GridBuildings({ data, gridId }: { data: Paged<BuildingItem> | undefined; gridId: number }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  return (
    <>
      <DataList<BuildingItem>
        testId="grid-buildings"
        data={data?.items ?? []}
        loading={!data}
        rowKey={(b) => b.id}
        onOpen={(b) => navigate(`/people/buildings/${b.id}`)}
        emptyText={t(m.noBuildings)}
        columns={[
          { title: t(pm.building), dataIndex: 'name', render: (v: string) => <Typography.Link>{v}</Typography.Link> },
          { title: t(pm.address), dataIndex: 'address' },
          { title: t(pm.kind), dataIndex: 'kind', render: (v: string) => t(buildingKind(v)) },
          { title: t(pm.floors), dataIndex: 'floors' },
          { title: t(pm.houses), dataIndex: 'houseCount' },
        ]}
        renderCard={(b) => (
          <Flex justify="space-between" gap={8}>
            <span>
              <b>{b.name}</b> <Typography.Text type="secondary" style={{ fontSize: 12 }}>{b.address}</Typography.Text>
            </span>
            <Typography.Text type="secondary">{t(pm.housesN, { n: b.houseCount })}</Typography.Text>
          </Flex>
        )}
      />
      {data && data.total > data.items.length && <SeeAll to={`/people/buildings?nodeId=${gridId}`} />}
    </>
  );
}
