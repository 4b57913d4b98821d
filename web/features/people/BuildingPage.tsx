/** One building: facts, and its homes by entrance with the households living in each. */
import { Card, Collapse, Descriptions, Empty, Flex, Tag, Typography } from 'antd';
import { Link, useParams } from 'react-router';
import { useFetch } from '../../lib/use-fetch.js';
import { useI18n } from '../../lib/i18n.js';
import { ErrorState } from '../../ui/ErrorState.js';
import { Loading } from '../../ui/Loading.js';
import { PageHeader } from '../../ui/PageHeader.js';
import { areaText, buildingKind, houseUse } from './labels.js';
import type { BuildingDetail } from './types.js';
import { m } from './messages.js';

/** The building page. */
export function BuildingPage() {
  const { id } = useParams();
  const { t, pick } = useI18n();
  const { data, error, reload } = useFetch<BuildingDetail>(`/people/buildings/${id}`);
  if (error) return <ErrorState error={error} onRetry={reload} />;
  if (!data) return <Loading />;
  const units = [...new Set(data.houses.map((h) => h.unitNo))];
  return (
    <div data-testid="building-page">
      <PageHeader title={data.name} subtitle={data.address} back={{ to: '/people/buildings', label: t(m.backBuildings) }} />
      <Flex vertical gap={16}>
        <Card>
          <Descriptions
            column={{ xs: 1, md: 3 }}
            size="small"
            items={[
              { key: 'code', label: t(m.buildingCode), children: data.code },
              { key: 'kind', label: t(m.kind), children: t(buildingKind(data.kind)) },
              { key: 'grid', label: t(m.grid), children: <Link to={`/grids/${data.grid.id}`}>{pick(data.grid.nameZh, data.grid.nameEn)}</Link> },
              { key: 'floors', label: t(m.floors), children: data.floors },
              { key: 'units', label: t(m.units), children: data.unitCount },
              { key: 'houses', label: t(m.houses), children: t(m.housesN, { n: data.houses.length }) },
            ]}
          />
        </Card>
        <Card title={t(m.houses)}>
          {units.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
          ) : (
            <Collapse
              defaultActiveKey={units.slice(0, 1)}
              items={units.map((u) => ({
                key: u,
                label: `${t(m.unitN, { unit: u })} · ${t(m.housesN, { n: data.houses.filter((h) => h.unitNo === u).length })}`,
                children: (
                  <Flex vertical gap={8}>
                    {data.houses
                      .filter((h) => h.unitNo === u)
                      .map((h) => (
                        <Flex key={h.id} justify="space-between" align="flex-start" gap={8} wrap style={{ borderBottom: '1px solid #f3f3f3', paddingBottom: 6 }}>
                          <span>
                            <b>{h.roomNo}</b>{' '}
                            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                              {t(houseUse(h.use))} · {areaText(h.areaCenti)}
                            </Typography.Text>
                          </span>
                          <Flex wrap gap={4}>
                            {h.households.length === 0 ? (
                              <Tag>{t(m.vacant)}</Tag>
                            ) : (
                              h.households.map((x) => (
                                <Link key={x.id} to={`/people/households/${x.id}`}>
                                  <Tag color="blue" style={{ cursor: 'pointer' }}>
                                    {x.householdNo} · {t(m.membersN, { n: x.memberCount })}
                                  </Tag>
                                </Link>
                              ))
                            )}
                          </Flex>
                        </Flex>
                      ))}
                  </Flex>
                ),
              }))}
            />
          )}
        </Card>
      </Flex>
    </div>
  );
}
