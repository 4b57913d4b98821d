/** Two native date inputs ("from … to …"), which phones show with their own date pickers. */
import { Flex, Input } from 'antd';
import { useI18n } from '../lib/i18n.js';
import { common } from '../lib/messages.js';

/** A from/to day filter (YYYY-MM-DD strings; empty means open). */
export function DateRange({ from, to, onChange, testIdPrefix }: { from: string; to: string; onChange(v: { from?: string; to?: string }): void; testIdPrefix: string }) {
  const { t } = useI18n();
  return (
    <Flex align="center" gap={6}>
      <Input type="date" value={from} max={to || undefined} onChange={(e) => onChange({ from: e.target.value })} aria-label={t(common.from)} title={t(common.from)} data-testid={`${testIdPrefix}-from`} />
      <span style={{ color: '#888', flex: 'none' }}>{t(common.rangeTo)}</span>
      <Input type="date" value={to} min={from || undefined} onChange={(e) => onChange({ to: e.target.value })} aria-label={t(common.to)} title={t(common.to)} data-testid={`${testIdPrefix}-to`} />
    </Flex>
  );
}
