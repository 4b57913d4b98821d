/** Buildings registry: search by name, code or address, filter by area. */
import { Flex, Tag, Typography } from 'antd';
import { useNavigate } from 'react-router';
import { qs } from '../../lib/api.js';
import { useFetch } from '../../lib/use-fetch.js';
import { useI18n } from '../../lib/i18n.js';
import { DataList } from '../../ui/DataList.js';
import { ErrorState } from '../../ui/ErrorState.js';
import { PageHeader } from '../../ui/PageHeader.js';
import { useQueryState } from '../../ui/use-query-state.js';
import { PlaceFilters } from './PlaceFilters.js';
import { buildingKind } from './labels.js';
import type { BuildingItem, Paged } from './types.js';
import { m } from './messages.js';

const DEFAULTS = { q: '', nodeId: '', page: '1', pageSize: '20' };

/** The buildings list page. */
export function BuildingsPage() {
  const { t, pick } = useI18n();
  const navigate = useNavigate();
  const [query, setQuery] = useQueryState(DEFAULTS);
  const { data, error, loading, reload } = useFetch<Paged<BuildingItem>>(`/people/buildings${qs(query)}`);
  return (
    <div>
      <PageHeader title={t(m.buildings)} subtitle={t(m.buildingsSub)} />
      <PlaceFilters q={query.q} nodeId={query.nodeId} onChange={setQuery} testPrefix="buildings" />
      {error ? (
        <ErrorState error={error} onRetry={reload} />
      ) : (
        <DataList<BuildingItem>
          testId="buildings-list"
          data={data?.items ?? []}
          loading={loading}
          rowKey={(b) => b.id}
          onOpen={(b) => navigate(`/people/buildings/${b.id}`)}
          paging={{ page: Number(query.page), pageSize: Number(query.pageSize), total: data?.total ?? 0, onChange: (p, s) => setQuery({ page: String(p), pageSize: String(s) }) }}
          columns={[
            { title: t(m.building), dataIndex: 'name', render: (v: string) => <Typography.Link>{v}</Typography.Link> },
            { title: t(m.buildingCode), dataIndex: 'code' },
            { title: t(m.address), dataIndex: 'address' },
            { title: t(m.kind), dataIndex: 'kind', render: (v: string) => t(buildingKind(v)) },
            { title: t(m.floors), dataIndex: 'floors' },
            { title: t(m.units), dataIndex: 'unitCount' },
            { title: t(m.houses), dataIndex: 'houseCount' },
            { title: t(m.grid), key: 'grid', render: (_v, b) => pick(b.grid.nameZh, b.grid.nameEn) },
          ]}
          renderCard={(b) => (
            <Flex vertical gap={4}>
              <Flex justify="space-between">
                <b>{b.name}</b>
                <Tag style={{ marginInlineEnd: 0 }}>{t(m.housesN, { n: b.houseCount })}</Tag>
              </Flex>
              <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                {b.address}
              </Typography.Text>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t(buildingKind(b.kind))} · {b.floors} {t(m.floors)} · {pick(b.grid.nameZh, b.grid.nameEn)}
              </Typography.Text>
            </Flex>
          )}
        />
      )}
    </div>
  );
}
