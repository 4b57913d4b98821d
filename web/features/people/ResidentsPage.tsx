/** Residents registry: search by name/address fragments, filter by area, key population and party membership. */
import { Alert, Card, Col, Flex, Row, Select, Typography } from 'antd';
import { SearchBox } from '../../ui/SearchBox.js';
import { useNavigate } from 'react-router';
import { KEY_POPULATIONS } from '../../../common/key-populations.js';
import { qs } from '../../lib/api.js';
import { useAuth } from '../../lib/auth.js';
import { useFetch } from '../../lib/use-fetch.js';
import { useI18n } from '../../lib/i18n.js';
import { DataList } from '../../ui/DataList.js';
import { ErrorState } from '../../ui/ErrorState.js';
import { PageHeader } from '../../ui/PageHeader.js';
import { useQueryState } from '../../ui/use-query-state.js';
import { NodePicker } from '../org/NodePicker.js';
import { PartyBadge, TagList, relationLabel } from './labels.js';
import type { Paged, ResidentItem } from './types.js';
import { m } from './messages.js';
import { common } from '../../lib/messages.js';

const DEFAULTS = { q: '', nodeId: '', tag: '', partyMember: '', page: '1', pageSize: '20' };
const AREA_TYPES = ['city', 'district', 'street', 'community', 'grid'];

/** The residents list page. */
export function ResidentsPage() {
  const { t, lang, pick } = useI18n();
  const { can } = useAuth();
  const navigate = useNavigate();
  const [query, setQuery] = useQueryState(DEFAULTS);
  const { data, error, loading, reload } = useFetch<Paged<ResidentItem>>(`/people/residents${qs(query)}`);
  const tags = KEY_POPULATIONS.filter((k) => !k.sensitive || can('personal.reveal'));
  const gender = (r: ResidentItem) => t(r.gender === 'M' ? m.male : m.female);

  return (
    <div>
      <PageHeader title={t(m.residents)} subtitle={t(m.residentsSub)} />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Row gutter={[12, 12]}>
          <Col xs={24} md={12} xl={8}>
            <SearchBox key={query.q} defaultValue={query.q} placeholder={t(m.searchResidents)} onSearch={(q) => setQuery({ q })} testId="residents-search" />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t(m.searchHelp)}
            </Typography.Text>
          </Col>
          <Col xs={24} sm={12} md={12} xl={6}>
            <NodePicker
              value={query.nodeId ? Number(query.nodeId) : null}
              onChange={(id) => setQuery({ nodeId: id ? String(id) : '' })}
              types={AREA_TYPES}
              placeholder={t(m.allAreas)}
              testId="residents-filter-node"
            />
          </Col>
          <Col xs={12} sm={6} md={6} xl={5}>
            <Select
              value={query.tag || ''}
              onChange={(tag) => setQuery({ tag })}
              style={{ width: '100%' }}
              options={[{ value: '', label: t(common.labelled, { label: t(m.tag), value: t(m.anyTag) }) }, ...tags.map((k) => ({ value: k.code, label: lang === 'en' ? k.en : k.zh }))]}
              data-testid="residents-filter-tag"
            />
          </Col>
          <Col xs={12} sm={6} md={6} xl={5}>
            <Select
              value={query.partyMember || ''}
              onChange={(partyMember) => setQuery({ partyMember })}
              style={{ width: '100%' }}
              options={[
                { value: '', label: t(common.labelled, { label: t(m.partyMember), value: t(m.anyParty) }) },
                { value: 'true', label: t(m.onlyParty) },
                { value: 'false', label: t(m.notParty) },
              ]}
              data-testid="residents-filter-party"
            />
          </Col>
        </Row>
      </Card>
      {data?.totalCapped && <Alert type="info" showIcon title={t(m.capped, { n: data.total })} style={{ marginBottom: 12 }} />}
      {error ? (
        error.status === 400 || error.status === 403 ? (
          <Alert type="warning" showIcon title={error.message} data-testid="residents-error" />
        ) : (
          <ErrorState error={error} onRetry={reload} />
        )
      ) : (
        <DataList<ResidentItem>
          testId="residents-list"
          data={data?.items ?? []}
          loading={loading}
          rowKey={(r) => r.id}
          onOpen={(r) => navigate(`/people/residents/${r.id}`)}
          paging={{ page: Number(query.page), pageSize: Number(query.pageSize), total: data?.total ?? 0, onChange: (p, s) => setQuery({ page: String(p), pageSize: String(s) }) }}
          columns={[
            { title: t(m.name), dataIndex: 'name', render: (v: string, r) => <Typography.Link data-testid={`resident-link-${r.id}`}>{v}</Typography.Link> },
            { title: t(m.gender), key: 'gender', render: (_v, r) => gender(r) },
            { title: t(m.age), dataIndex: 'age' },
            { title: t(m.relation), dataIndex: 'relation', render: (v: string) => relationLabel(v, lang) },
            { title: t(m.address), dataIndex: 'address', ellipsis: true, width: 280 },
            { title: t(m.grid), key: 'grid', render: (_v, r) => pick(r.grid.nameZh, r.grid.nameEn) },
            { title: t(m.tags), key: 'tags', render: (_v, r) => <Flex wrap gap={4}>{r.isPartyMember && <PartyBadge />}<TagList tags={r.tags} /></Flex> },
            { title: t(m.phone), dataIndex: 'phone', render: (v: string | null) => v ?? '—' },
          ]}
          renderCard={(r) => (
            <Flex vertical gap={4}>
              <Flex justify="space-between" align="center">
                <span>
                  <b style={{ fontSize: 16 }}>{r.name}</b>{' '}
                  <Typography.Text type="secondary">
                    {gender(r)} · {t(m.ageYears, { n: r.age })} · {relationLabel(r.relation, lang)}
                  </Typography.Text>
                </span>
                {r.isPartyMember && <PartyBadge />}
              </Flex>
              <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                {r.address}
              </Typography.Text>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {pick(r.grid.nameZh, r.grid.nameEn)}
              </Typography.Text>
              <TagList tags={r.tags} />
            </Flex>
          )}
        />
      )}
    </div>
  );
}
