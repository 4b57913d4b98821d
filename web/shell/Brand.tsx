/** The product mark: a red seal-like square with 共, and the name. */
import { useI18n } from '../lib/i18n.js';
import { common } from '../lib/messages.js';

export const BRAND_RED = '#c4161c';

/** Logo and product name. */
export function Brand({ compact, full, size = 28 }: { compact?: boolean; full?: boolean; size?: number }) {
  const { t } = useI18n();
  return (
    <span style={{ display: 'inline-flex', alignItems: 'center', gap: 8, whiteSpace: 'nowrap' }}>
      <span
        aria-hidden
        style={{
          width: size,
          height: size,
          borderRadius: 6,
          background: BRAND_RED,
          color: '#fff',
          display: 'inline-flex',
          alignItems: 'center',
          justifyContent: 'center',
          fontWeight: 700,
          fontSize: size * 0.6,
        }}
      >
        共
      </span>
      {!compact && <span style={{ fontWeight: 700, fontSize: size * 0.6, letterSpacing: 1 }}>{full ? '共治 Gongzhi' : t(common.product)}</span>}
    </span>
  );
}
