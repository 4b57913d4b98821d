/**
 * 事件统计 / Case dashboard (stats.read): pick a unit within one's scope and a period (this month, last month,
 * this year, custom); every rate with its numerator and denominator, counts of the period and of now, the
 * daily chart, the ranking of the units below and of the departments, and the breakdowns. Filters live in
 * the URL; a ranking row opens that unit's dashboard.
 */
import { Button, Card, Flex, Segmented, Space, Tabs, Typography } from 'antd';
import { ArrowUpOutlined, ReloadOutlined } from '@ant-design/icons';
import { qs } from '../../lib/api.js';
import { useFetch } from '../../lib/use-fetch.js';
import { useI18n } from '../../lib/i18n.js';
import { dateTime } from '../../lib/format.js';
import { DateRange } from '../../ui/DateRange.js';
import { ErrorState } from '../../ui/ErrorState.js';
import { Loading } from '../../ui/Loading.js';
import { PageHeader } from '../../ui/PageHeader.js';
import { useIsPhone } from '../../ui/use-phone.js';
import { useQueryState } from '../../ui/use-query-state.js';
import { NodePicker } from '../org/NodePicker.js';
import { Breakdown } from './Breakdown.js';
import { CountTiles } from './CountTiles.js';
import { DailyChart } from './DailyChart.js';
import { presetRange, type PeriodPreset } from './format.js';
import { m } from './messages.js';
import { RankingTable, type RankRow } from './RankingTable.js';
import { RateTiles } from './RateTiles.js';
import type { CaseStatsAnswer } from './types.js';

const DEFAULTS = { nodeId: '', period: 'month', from: '', to: '', tab: 'units' };
const ADMIN_TYPES = ['city', 'district', 'street', 'community', 'grid'];

/** The dashboard page. */
export function DashboardPage() {
  const { t, pick } = useI18n();
  const phone = useIsPhone();
  const [q, setQ] = useQueryState(DEFAULTS);
  const preset = (['month', 'lastMonth', 'year', 'custom'].includes(q.period) ? q.period : 'month') as PeriodPreset;
  const range = preset === 'custom' ? { from: q.from, to: q.to } : presetRange(preset);
  const ready = preset !== 'custom' || (!!q.from && !!q.to);
  const { data, error, loading, reload } = useFetch<CaseStatsAnswer>(ready ? `/stats/cases${qs({ nodeId: q.nodeId, from: range.from, to: range.to })}` : null);

  const node = data?.node;
  const open = (row: RankRow) => setQ({ nodeId: String(row.node.id) });
  const casesLink = node && node.kind !== 'department' ? (extra: Record<string, string>) => `/cases${qs({ view: 'all', nodeId: node.id, ...extra })}` : undefined;

  const controls = (
    <Flex gap={8} wrap align="center" data-testid="dashboard-controls">
      <div style={{ width: phone ? '100%' : 260 }}>
        <NodePicker
          value={node && node.kind !== 'department' ? node.id : null}
          onChange={(id) => setQ({ nodeId: id ? String(id) : '' })}
          types={ADMIN_TYPES}
          allowClear={false}
          placeholder={t(m.node)}
          testId="dashboard-node"
        />
      </div>
      <Segmented<PeriodPreset>
        value={preset}
        onChange={(v) => setQ(v === 'custom' ? { period: v, from: range.from, to: range.to } : { period: v, from: '', to: '' })}
        options={[
          { value: 'month', label: t(m.periodMonth) },
          { value: 'lastMonth', label: t(m.periodLastMonth) },
          { value: 'year', label: t(m.periodYear) },
          { value: 'custom', label: t(m.periodCustom) },
        ]}
        data-testid="dashboard-period"
      />
      {preset === 'custom' && <DateRange from={q.from} to={q.to} onChange={(v) => setQ(v)} testIdPrefix="dashboard" />}
      <Button icon={<ReloadOutlined />} onClick={reload} loading={loading} aria-label="reload" data-testid="dashboard-reload" />
    </Flex>
  );

  const subtitle = data
    ? `${t(m.subtitle, { node: pick(data.node.nameZh, data.node.nameEn), from: data.period.from, to: data.period.to })} · ${t(m.asOf, { time: dateTime(data.asOf) })}`
    : undefined;

  return (
    <div data-testid="dashboard">
      <PageHeader title={t(m.title)} subtitle={subtitle} />
      <Flex vertical gap={phone ? 12 : 16}>
        {controls}
        {data?.up && (
          <Typography.Link onClick={() => setQ({ nodeId: String(data.up!.id) })} data-testid="dashboard-up">
            <ArrowUpOutlined /> {t(m.up, { name: pick(data.up.nameZh, data.up.nameEn) })}
          </Typography.Link>
        )}
        {error ? (
          <ErrorState error={error} onRetry={reload} />
        ) : !data ? (
          <Loading height={320} />
        ) : (
          <>
            {data.node.kind === 'department' && <Typography.Text type="secondary">{t(m.departmentNote)}</Typography.Text>}
            <RateTiles figures={data.figures} />
            <CountTiles counts={data.figures.counts} casesLink={casesLink} />
            <Card size="small" title={t(m.daily)} extra={<Typography.Text type="secondary">{t(m.periodDays, { n: data.period.days })}</Typography.Text>}>
              <DailyChart daily={data.daily} height={phone ? 220 : 280} />
            </Card>
            {(data.children.length > 0 || data.departments.length > 0) && (
              <Card size="small" title={t(m.ranking)} styles={{ body: { paddingTop: 0 } }}>
                <Tabs
                  activeKey={data.children.length === 0 ? 'departments' : q.tab}
                  onChange={(tab) => setQ({ tab })}
                  items={[
                    ...(data.children.length > 0
                      ? [{ key: 'units', label: <span data-testid="dashboard-tab-units">{t(m.subordinates)}</span>, children: <RankingTable rows={data.children} onOpen={open} testId="dashboard-units" /> }]
                      : []),
                    {
                      key: 'departments',
                      label: <span data-testid="dashboard-tab-departments">{t(m.departments)}</span>,
                      children: (
                        <Space direction="vertical" style={{ width: '100%' }}>
                          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                            {t(m.departmentNote)}
                          </Typography.Text>
                          <RankingTable rows={data.departments} departments onOpen={open} testId="dashboard-departments" />
                        </Space>
                      ),
                    },
                  ]}
                />
              </Card>
            )}
            <Breakdown s={data} />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t(m.rateHelp)}
            </Typography.Text>
          </>
        )}
      </Flex>
    </div>
  );
}
