/** A delivery's status as a coloured tag (and a subscription's last delivery). */
import { Tag } from 'antd';
import { useI18n } from '../../lib/i18n.js';
import type { DeliveryStatus } from './types.js';
import { w } from './messages.js';

const COLOURS: Record<DeliveryStatus, string> = { pending: 'processing', succeeded: 'success', dead: 'error', cancelled: 'default' };

/** The tag; a pending delivery not yet attempted reads "queued". */
export function DeliveryStatusTag({ status, attempts }: { status: DeliveryStatus; attempts?: number }) {
  const { t } = useI18n();
  const label = status === 'pending' && attempts === 0 ? t(w.queued) : t(w[`deliveryStatus_${status}`]);
  return (
    <Tag color={COLOURS[status]} style={{ marginInlineEnd: 0 }}>
      {label}
    </Tag>
  );
}
