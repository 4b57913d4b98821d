/**
 * The ranking of the units below (or the departments): every rate with its fraction, open and overdue now,
 * cards and points; sortable columns on a desktop, a "sort by" choice and cards on a phone. A row opens the
 * unit's own dashboard.
 */
import { useMemo, useState } from 'react';
import { Flex, Select, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useI18n } from '../../lib/i18n.js';
import { num } from '../../lib/format.js';
import { DataList } from '../../ui/DataList.js';
import { useIsPhone } from '../../ui/use-phone.js';
import { fraction, percent, rateOrder } from './format.js';
import { m, RATE_TEXT } from './messages.js';
import type { CaseFigures, DepartmentRatings, Rate, RateKey, StatsNode } from './types.js';

export interface RankRow {
  node: StatsNode;
  figures: CaseFigures;
  ratings?: DepartmentRatings;
}

const RATE_COLUMNS: RateKey[] = ['onTimeClosure', 'closure', 'response', 'satisfaction', 'resolution', 'rework', 'extension', 'whistle'];
type SortKey = RateKey | 'received' | 'open' | 'overdue' | 'points';

function RateCell({ r }: { r: Rate }) {
  return (
    <div style={{ lineHeight: 1.25, fontVariantNumeric: 'tabular-nums' }}>
      <div>{percent(r)}</div>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {r.den === 0 ? '' : fraction(r)}
      </Typography.Text>
    </div>
  );
}

const sortValue = (row: RankRow, key: SortKey): number | null => {
  const c = row.figures.counts;
  if (key === 'received') return c.received;
  if (key === 'open') return c.open;
  if (key === 'overdue') return c.overdue;
  if (key === 'points') return c.pointsDeducted;
  return row.figures.rates[key].value;
};

/** The table (desktop) or cards (phone) of one ranking. */
export function RankingTable({ rows, departments, onOpen, testId }: { rows: RankRow[]; departments?: boolean; onOpen(row: RankRow): void; testId: string }) {
  const { t, pick, lang } = useI18n();
  const phone = useIsPhone();
  const [sortKey, setSortKey] = useState<SortKey>('onTimeClosure');
  const sorted = useMemo(
    () =>
      [...rows].sort((a, b) => {
        const x = sortValue(a, sortKey);
        const y = sortValue(b, sortKey);
        if (x === null || y === null) return x === null ? (y === null ? 0 : 1) : -1;
        return y - x;
      }),
    [rows, sortKey],
  );
  const name = (row: RankRow) => pick(row.node.nameZh, row.node.nameEn);
  const columns: TableColumnsType<RankRow> = [
    {
      key: 'name',
      title: t(m.unit),
      fixed: 'left',
      render: (_, row) => (
        <a data-testid={`rank-${row.node.id}`}>
          {name(row)}
          {!row.node.active && <Tag style={{ marginLeft: 6 }}>{t(m.retired)}</Tag>}
        </a>
      ),
    },
    { key: 'received', title: t(m.received), align: 'right', sorter: (a, b) => a.figures.counts.received - b.figures.counts.received, render: (_, r) => num(r.figures.counts.received, lang) },
    ...RATE_COLUMNS.map((k) => ({
      key: k,
      title: t(RATE_TEXT[k].name),
      align: 'right' as const,
      sorter: (a: RankRow, b: RankRow) => rateOrder(a.figures.rates[k], b.figures.rates[k]),
      defaultSortOrder: k === 'onTimeClosure' ? ('descend' as const) : undefined,
      render: (_: unknown, r: RankRow) => <RateCell r={r.figures.rates[k]} />,
    })),
    { key: 'open', title: t(m.open), align: 'right', sorter: (a, b) => a.figures.counts.open - b.figures.counts.open, render: (_, r) => num(r.figures.counts.open, lang) },
    {
      key: 'overdue',
      title: t(m.overdue),
      align: 'right',
      sorter: (a, b) => a.figures.counts.overdue - b.figures.counts.overdue,
      render: (_, r) => <span style={{ color: r.figures.counts.overdue ? '#cf1322' : undefined }}>{num(r.figures.counts.overdue, lang)}</span>,
    },
    {
      key: 'cards',
      title: t(m.cards),
      align: 'right',
      sorter: (a, b) => a.figures.counts.redCards - b.figures.counts.redCards || a.figures.counts.yellowCards - b.figures.counts.yellowCards,
      render: (_, r) => `${r.figures.counts.yellowCards} / ${r.figures.counts.redCards}`,
    },
    { key: 'points', title: t(m.points), align: 'right', sorter: (a, b) => a.figures.counts.pointsDeducted - b.figures.counts.pointsDeducted, render: (_, r) => num(r.figures.counts.pointsDeducted, lang) },
    ...(departments
      ? [
          {
            key: 'ratings',
            title: t(m.ratings),
            align: 'right' as const,
            render: (_: unknown, r: RankRow) =>
              r.ratings && r.ratings.count > 0 ? (
                <span title={t(m.ratingsCount, { n: r.ratings.count })}>
                  {r.ratings.speed?.toFixed(1) ?? '—'} / {r.ratings.quality?.toFixed(1) ?? '—'}
                </span>
              ) : (
                '—'
              ),
          },
        ]
      : []),
  ];
  const sortOptions: { value: SortKey; label: string }[] = [
    ...RATE_COLUMNS.map((k) => ({ value: k as SortKey, label: t(RATE_TEXT[k].name) })),
    { value: 'received', label: t(m.received) },
    { value: 'open', label: t(m.open) },
    { value: 'overdue', label: t(m.overdue) },
    { value: 'points', label: t(m.points) },
  ];
  return (
    <Flex vertical gap={8}>
      {phone && (
        <Flex align="center" gap={8}>
          <Typography.Text type="secondary">{t(m.sortBy)}</Typography.Text>
          <Select<SortKey> value={sortKey} onChange={setSortKey} options={sortOptions} style={{ minWidth: 160 }} data-testid={`${testId}-sort`} />
        </Flex>
      )}
      <DataList<RankRow>
        columns={columns}
        data={phone ? sorted : rows}
        rowKey={(r) => r.node.id}
        onOpen={onOpen}
        testId={testId}
        emptyText={t(departments ? m.noDepartments : m.noSubordinates)}
        renderCard={(r) => {
          const main = sortKey in r.figures.rates ? (sortKey as RateKey) : 'onTimeClosure';
          const c = r.figures.counts;
          return (
            <Flex vertical gap={2}>
              <Flex justify="space-between" align="baseline" gap={8}>
                <Typography.Text strong>{name(r)}</Typography.Text>
                <span style={{ fontSize: 18, fontWeight: 600, fontVariantNumeric: 'tabular-nums' }}>{percent(r.figures.rates[main])}</span>
              </Flex>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t(RATE_TEXT[main].name)} {r.figures.rates[main].den ? fraction(r.figures.rates[main]) : ''}
              </Typography.Text>
              <Typography.Text style={{ fontSize: 13 }}>
                {t(m.received)} {num(c.received, lang)} · {t(RATE_TEXT.closure.name)} {percent(r.figures.rates.closure)} · {t(RATE_TEXT.satisfaction.name)} {percent(r.figures.rates.satisfaction)}
              </Typography.Text>
              <Typography.Text style={{ fontSize: 13 }}>
                {t(m.open)} {num(c.open, lang)} · <span style={{ color: c.overdue ? '#cf1322' : undefined }}>{t(m.overdue)} {num(c.overdue, lang)}</span> · {t(m.cards)} {c.yellowCards}/{c.redCards}
              </Typography.Text>
            </Flex>
          );
        }}
      />
    </Flex>
  );
}
