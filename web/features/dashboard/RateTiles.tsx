/** The rates as tiles: the percentage, the fraction it comes from, and what it means (tooltip). */
import { Card, Progress, Tooltip, Typography } from 'antd';
import { QuestionCircleOutlined } from '@ant-design/icons';
import { RATE_KEYS } from '../../../common/contracts/case-stats.js';
import { useI18n } from '../../lib/i18n.js';
import { useIsPhone } from '../../ui/use-phone.js';
import { fraction, percent } from './format.js';
import { RATE_TEXT } from './messages.js';
import type { CaseFigures, RateKey } from './types.js';

/** Rates where less is better are drawn in a neutral colour. */
const LOWER_IS_BETTER: RateKey[] = ['rework', 'extension', 'whistle'];

/** One tile per rate. */
export function RateTiles({ figures, keys = RATE_KEYS }: { figures: CaseFigures; keys?: readonly RateKey[] }) {
  const { t } = useI18n();
  const phone = useIsPhone();
  // Four a row on a desktop (two rows of four), two on a phone.
  return (
    <div style={{ display: 'grid', gap: phone ? 8 : 12, gridTemplateColumns: `repeat(${phone ? 2 : 4}, minmax(0, 1fr))` }} data-testid="dashboard-rates">
      {keys.map((k) => {
        const r = figures.rates[k];
        const text = RATE_TEXT[k];
        return (
          <Card key={k} size="small" styles={{ body: { padding: phone ? '8px 10px' : '10px 14px' } }} data-testid={`rate-${k}`}>
            <Typography.Text type="secondary" style={{ fontSize: 13 }}>
              {t(text.name)}{' '}
              <Tooltip title={t(text.help)}>
                <QuestionCircleOutlined style={{ fontSize: 12, color: '#999' }} aria-label={t(text.help)} />
              </Tooltip>
            </Typography.Text>
            <div style={{ fontSize: phone ? 22 : 26, fontWeight: 600, lineHeight: 1.3, fontVariantNumeric: 'tabular-nums' }} data-testid={`rate-${k}-value`}>
              {percent(r)}
            </div>
            <Progress
              percent={r.value === null ? 0 : Math.round(r.value * 1000) / 10}
              showInfo={false}
              size="small"
              strokeColor={LOWER_IS_BETTER.includes(k) ? '#faad14' : '#1677ff'}
              style={{ margin: '2px 0' }}
            />
            <Typography.Text type="secondary" style={{ fontSize: 12, fontVariantNumeric: 'tabular-nums' }} data-testid={`rate-${k}-fraction`}>
              {r.den === 0 ? '0/0' : fraction(r)} · {t(text.fraction)}
            </Typography.Text>
          </Card>
        );
      })}
    </div>
  );
}
