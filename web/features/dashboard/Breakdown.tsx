/** Received (and closed) by category group, and received by source, as bars with counts and shares. */
import { Card, Empty, Flex, Progress, Typography } from 'antd';
import { useI18n } from '../../lib/i18n.js';
import { num } from '../../lib/format.js';
import { sourceLabel } from '../cases/labels.js';
import { m } from './messages.js';
import type { CaseStatsAnswer } from './types.js';

function Bars({ rows, testId }: { rows: { key: string; label: string; value: number; extra?: string }[]; testId: string }) {
  const { t } = useI18n();
  const total = rows.reduce((s, r) => s + r.value, 0);
  const max = Math.max(1, ...rows.map((r) => r.value));
  if (rows.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t(m.none)} />;
  return (
    <Flex vertical gap={6} data-testid={testId}>
      {rows.map((r) => (
        <div key={r.key}>
          <Flex justify="space-between" gap={8}>
            <Typography.Text ellipsis style={{ maxWidth: '70%' }}>
              {r.label}
            </Typography.Text>
            <Typography.Text type="secondary" style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}>
              {r.value} · {total ? Math.round((r.value * 1000) / total) / 10 : 0}%{r.extra ? ` · ${r.extra}` : ''}
            </Typography.Text>
          </Flex>
          <Progress percent={(r.value * 100) / max} showInfo={false} size="small" style={{ margin: 0 }} />
        </div>
      ))}
    </Flex>
  );
}

/** The two breakdown cards. */
export function Breakdown({ s }: { s: CaseStatsAnswer }) {
  const { t, pick, lang } = useI18n();
  return (
    <div style={{ display: 'grid', gap: 12, gridTemplateColumns: 'repeat(auto-fit, minmax(280px, 1fr))' }}>
      <Card size="small" title={t(m.categories)}>
        <Bars
          testId="dashboard-categories"
          rows={s.categories.map((c) => ({ key: String(c.id), label: pick(c.nameZh, c.nameEn) || c.code, value: c.received, extra: `${t(m.closed)} ${num(c.closed, lang)}` }))}
        />
      </Card>
      <Card size="small" title={t(m.sources)}>
        <Bars testId="dashboard-sources" rows={s.sources.map((x) => ({ key: x.source, label: t(sourceLabel(x.source)), value: x.received }))} />
      </Card>
    </div>
  );
}
