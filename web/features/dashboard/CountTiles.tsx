/** Counts of the period (received, due, closed, cards, points) and of now (open, overdue), some as links. */
import type { ReactNode } from 'react';
import { Card, Typography } from 'antd';
import { Link } from 'react-router';
import { useI18n, type Msg } from '../../lib/i18n.js';
import { num } from '../../lib/format.js';
import { useIsPhone } from '../../ui/use-phone.js';
import { m } from './messages.js';
import type { CaseCounts } from './types.js';

interface Tile {
  key: string;
  label: Msg;
  value: ReactNode;
  to?: string;
  alert?: boolean;
}

/** The count tiles; `casesLink` builds a link to the case list filtered to the node (areas only). */
export function CountTiles({ counts, casesLink }: { counts: CaseCounts; casesLink?: (extra: Record<string, string>) => string }) {
  const { t, lang } = useI18n();
  const phone = useIsPhone();
  const tiles: Tile[] = [
    { key: 'received', label: m.received, value: num(counts.received, lang) },
    { key: 'due', label: m.due, value: num(counts.due, lang) },
    { key: 'closed', label: m.closed, value: num(counts.closed, lang) },
    { key: 'open', label: m.open, value: num(counts.open, lang), to: casesLink?.({ open: '1' }) },
    { key: 'overdue', label: m.overdue, value: num(counts.overdue, lang), to: casesLink?.({ open: '1', overdue: '1' }), alert: counts.overdue > 0 },
    {
      key: 'cards',
      label: m.cards,
      value: (
        <span>
          <span style={{ color: '#d4b106' }}>{num(counts.yellowCards, lang)}</span>
          <span style={{ color: '#bbb', margin: '0 4px' }}>/</span>
          <span style={{ color: '#cf1322' }}>{num(counts.redCards, lang)}</span>
        </span>
      ),
    },
    { key: 'points', label: m.points, value: num(counts.pointsDeducted, lang) },
  ];
  return (
    <div style={{ display: 'grid', gap: phone ? 8 : 12, gridTemplateColumns: phone ? 'repeat(3, minmax(0, 1fr))' : 'repeat(auto-fill, minmax(120px, 1fr))' }} data-testid="dashboard-counts">
      {tiles.map((s) => {
        const card = (
          <Card size="small" hoverable={!!s.to} styles={{ body: { padding: phone ? '8px 10px' : '10px 14px' } }} style={{ height: '100%' }}>
            <Typography.Text type="secondary" style={{ fontSize: 13 }}>
              {t(s.label)}
            </Typography.Text>
            <div style={{ fontSize: 22, fontWeight: 600, color: s.alert ? '#cf1322' : undefined, fontVariantNumeric: 'tabular-nums' }} data-testid={`count-${s.key}`}>
              {s.value}
            </div>
          </Card>
        );
        return s.to ? (
          <Link key={s.key} to={s.to} data-testid={`count-${s.key}-link`}>
            {card}
          </Link>
        ) : (
          <div key={s.key}>{card}</div>
        );
      })}
    </div>
  );
}
