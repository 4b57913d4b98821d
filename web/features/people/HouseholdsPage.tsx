/** Households registry: search by address or number, filter by area. */
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
import { householdKind } from './labels.js';
import type { HouseholdItem, Paged } from './types.js';
import { m } from './messages.js';

const DEFAULTS = { q: '', nodeId: '', page: '1', pageSize: '20' };

/** The households list page. */
export function HouseholdsPage() {
  const { t, pick } = useI18n();
  const navigate = useNavigate();
  const [query, setQuery] = useQueryState(DEFAULTS);
  const { data, error, loading, reload } = useFetch<Paged<HouseholdItem>>(`/people/households${qs(query)}`);
  return (
    <div>
      <PageHeader title={t(m.households)} subtitle={t(m.householdsSub)} />
      <PlaceFilters q={query.q} nodeId={query.nodeId} onChange={setQuery} testPrefix="households" />
      {error ? (
        <ErrorState error={error} onRetry={reload} />
      ) : (
        <DataList<HouseholdItem>
          testId="households-list"
          data={data?.items ?? []}
          loading={loading}
          rowKey={(h) => h.id}
          onOpen={(h) => navigate(`/people/households/${h.id}`)}
          paging={{ page: Number(query.page), pageSize: Number(query.pageSize), total: data?.total ?? 0, onChange: (p, s) => setQuery({ page: String(p), pageSize: String(s) }) }}
          columns={[
            { title: t(m.householdNo), dataIndex: 'householdNo', render: (v: string) => <Typography.Link>{v}</Typography.Link> },
            { title: t(m.address), dataIndex: 'address' },
            { title: t(m.memberCount), dataIndex: 'memberCount' },
            { title: t(m.kind), dataIndex: 'kind', render: (v: string) => t(householdKind(v)) },
            { title: t(m.grid), key: 'grid', render: (_v, h) => pick(h.grid.nameZh, h.grid.nameEn) },
          ]}
          renderCard={(h) => (
            <Flex vertical gap={4}>
              <Flex justify="space-between">
                <b>{h.address}</b>
                <Tag style={{ marginInlineEnd: 0 }}>{t(m.membersN, { n: h.memberCount })}</Tag>
              </Flex>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {h.householdNo} · {t(householdKind(h.kind))} · {pick(h.grid.nameZh, h.grid.nameEn)}
              </Typography.Text>
            </Flex>
          )}
        />
      )}
    </div>
  );
}
