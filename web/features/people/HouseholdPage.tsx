/** One household: address, home and building, grid, and its members (masked). */
import { Card, Descriptions, Flex, Typography } from 'antd';
import { Link, useNavigate, useParams } from 'react-router';
import { useFetch } from '../../lib/use-fetch.js';
import { useI18n } from '../../lib/i18n.js';
import { DataList } from '../../ui/DataList.js';
import { ErrorState } from '../../ui/ErrorState.js';
import { Loading } from '../../ui/Loading.js';
import { PageHeader } from '../../ui/PageHeader.js';
import { PartyBadge, TagList, areaText, householdKind, relationLabel } from './labels.js';
import type { HouseholdDetail, ResidentItem } from './types.js';
import { m } from './messages.js';

/** The household page. */
export function HouseholdPage() {
  const { id } = useParams();
  const { t, lang, pick } = useI18n();
  const navigate = useNavigate();
  const { data, error, reload } = useFetch<HouseholdDetail>(`/people/households/${id}`);
  if (error) return <ErrorState error={error} onRetry={reload} />;
  if (!data) return <Loading />;
  const gender = (r: ResidentItem) => t(r.gender === 'M' ? m.male : m.female);
  return (
    <div data-testid="household-page">
      <PageHeader title={data.address} subtitle={`${t(m.householdNo)} ${data.householdNo}`} back={{ to: '/people/households', label: t(m.backHouseholds) }} />
      <Flex vertical gap={16}>
        <Card>
          <Descriptions
            column={{ xs: 1, md: 2 }}
            size="small"
            items={[
              { key: 'kind', label: t(m.kind), children: t(householdKind(data.kind)) },
              { key: 'grid', label: t(m.grid), children: <Link to={`/grids/${data.grid.id}`}>{pick(data.grid.nameZh, data.grid.nameEn)}</Link> },
              ...(data.house
                ? [
                    {
                      key: 'house',
                      label: t(m.house),
                      children: (
                        <span>
                          <Link to={`/people/buildings/${data.house.building.id}`}>{data.house.building.name}</Link>{' '}
                          {t(m.houseText, { unit: data.house.unitNo, room: data.house.roomNo, floor: data.house.floor })}
                        </span>
                      ),
                    },
                    { key: 'area', label: t(m.area_m2), children: areaText(data.house.areaCenti) },
                  ]
                : []),
            ]}
          />
        </Card>
        <Card title={`${t(m.members)} (${data.members.length})`}>
          <DataList<ResidentItem>
            testId="household-members"
            data={data.members}
            rowKey={(r) => r.id}
            onOpen={(r) => navigate(`/people/residents/${r.id}`)}
            columns={[
              { title: t(m.name), dataIndex: 'name', render: (v: string) => <Typography.Link>{v}</Typography.Link> },
              { title: t(m.relation), dataIndex: 'relation', render: (v: string) => relationLabel(v, lang) },
              { title: t(m.gender), key: 'g', render: (_v, r) => gender(r) },
              { title: t(m.age), dataIndex: 'age' },
              { title: t(m.idNumber), dataIndex: 'idNumber' },
              { title: t(m.phone), dataIndex: 'phone', render: (v: string | null) => v ?? '—' },
              { title: t(m.tags), key: 'tags', render: (_v, r) => <Flex wrap gap={4}>{r.isPartyMember && <PartyBadge />}<TagList tags={r.tags} /></Flex> },
            ]}
            renderCard={(r) => (
              <Flex vertical gap={4}>
                <span>
                  <b>{r.name}</b>{' '}
                  <Typography.Text type="secondary">
                    {relationLabel(r.relation, lang)} · {gender(r)} · {t(m.ageYears, { n: r.age })}
                  </Typography.Text>
                </span>
                <Flex wrap gap={4}>
                  {r.isPartyMember && <PartyBadge />}
                  <TagList tags={r.tags} />
                </Flex>
              </Flex>
            )}
          />
        </Card>
      </Flex>
    </div>
  );
}
