/** Every attempt of one delivery: when, HTTP status, duration, error, the start of the response. */
import { Descriptions, Modal, Table, Typography } from 'antd';
import { useI18n } from '../../lib/i18n.js';
import { common } from '../../lib/messages.js';
import { dateTime } from '../../lib/format.js';
import { useIsPhone } from '../../ui/use-phone.js';
import { DeliveryStatusTag } from './DeliveryStatusTag.js';
import type { Delivery, DeliveryAttempt } from './types.js';
import { w } from './messages.js';

/** The delivery dialog (null: closed). */
export function DeliveryDialog({ delivery, onClose }: { delivery: Delivery | null; onClose(): void }) {
  const { t } = useI18n();
  const phone = useIsPhone();
  const d = delivery;
  return (
    <Modal open={!!d} onCancel={onClose} footer={null} title={d ? `${d.eventType} · #${d.id}` : ''} width={760} data-testid="delivery-dialog">
      {d && (
        <>
          <Descriptions size="small" column={phone ? 1 : 2} style={{ marginBottom: 12 }}>
            <Descriptions.Item label={t(w.status)}>
              <DeliveryStatusTag status={d.status} attempts={d.attempts} />
            </Descriptions.Item>
            <Descriptions.Item label={t(w.attempts)}>
              {d.attempts} / {d.maxAttempts}
            </Descriptions.Item>
            <Descriptions.Item label="X-Gongzhi-Delivery">
              <Typography.Text copyable style={{ fontFamily: 'monospace', fontSize: 12 }}>
                {d.uuid}
              </Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label={t(common.createdAt)}>{dateTime(d.createdAt)}</Descriptions.Item>
            {d.nextAttemptAt && <Descriptions.Item label={t(w.nextAttempt)}>{dateTime(d.nextAttemptAt)}</Descriptions.Item>}
          </Descriptions>
          <Table<DeliveryAttempt>
            size="small"
            rowKey="attempt"
            pagination={false}
            dataSource={d.attemptLog}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: t(w.queued) }}
            columns={[
              { title: '#', dataIndex: 'attempt', width: 40 },
              { title: t(common.time), dataIndex: 'at', render: (v: string) => dateTime(v) },
              { title: 'HTTP', dataIndex: 'statusCode', render: (v: number | null) => v ?? '—' },
              { title: t(w.duration), dataIndex: 'durationMs', render: (v: number) => `${v} ms` },
              {
                title: `${t(w.error)} / ${t(w.response)}`,
                key: 'detail',
                render: (_v, a) => (
                  <div style={{ maxWidth: 320 }}>
                    {a.error && <Typography.Text type="danger">{a.error}</Typography.Text>}
                    {a.responseExcerpt && (
                      <Typography.Paragraph type="secondary" style={{ margin: 0, fontFamily: 'monospace', fontSize: 12 }} ellipsis={{ rows: 2, expandable: true }}>
                        {a.responseExcerpt}
                      </Typography.Paragraph>
                    )}
                  </div>
                ),
              },
            ]}
          />
        </>
      )}
    </Modal>
  );
}
