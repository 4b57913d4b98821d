/** Shows a new signing secret once, with how a receiver verifies the signature. */
import { Alert, App, Button, Input, Modal, Space, Typography } from 'antd';
import { CopyOutlined } from '@ant-design/icons';
import { useI18n } from '../../lib/i18n.js';
import { w } from './messages.js';

const VERIFY_SNIPPET = `// Node.js
const crypto = require('node:crypto');
function verify(secret, header, rawBody) {
  const { t, v1 } = Object.fromEntries(header.split(',').map((kv) => kv.split('=')));
  if (Math.abs(Date.now() / 1000 - Number(t)) > 300) return false;
  const want = crypto.createHmac('sha256', secret).update(t + '.' + rawBody).digest('hex');
  return v1.length === want.length && crypto.timingSafeEqual(Buffer.from(v1), Buffer.from(want));
}`;

/** The once-only secret dialog. */
export function SecretDialog({ secret, rotated, onClose }: { secret: string | null; rotated?: boolean; onClose(): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(secret ?? '');
      message.success(t(w.copied));
    } catch {
      /* clipboard blocked (http): the field is selectable */
    }
  };
  return (
    <Modal
      open={!!secret}
      title={t(rotated ? w.secretRotatedTitle : w.secretTitle)}
      onCancel={onClose}
      maskClosable={false}
      footer={
        <Button type="primary" onClick={onClose} data-testid="webhook-secret-done">
          {t(w.saved)}
        </Button>
      }
      width={620}
      data-testid="webhook-secret-dialog"
    >
      <Alert type="warning" showIcon title={t(w.secretOnce)} style={{ marginBottom: 12 }} />
      <Typography.Text strong>{t(w.secret)}</Typography.Text>
      <Space.Compact style={{ width: '100%', margin: '6px 0 16px' }}>
        <Input readOnly value={secret ?? ''} style={{ fontFamily: 'monospace' }} onFocus={(e) => e.target.select()} data-testid="webhook-secret" />
        <Button icon={<CopyOutlined />} onClick={copy}>
          {t(w.copy)}
        </Button>
      </Space.Compact>
      <Typography.Text strong>{t(w.verifyTitle)}</Typography.Text>
      <Typography.Paragraph type="secondary" style={{ marginTop: 4, fontSize: 13 }}>
        {t(w.verifyText)}
      </Typography.Paragraph>
      <pre style={{ background: '#f6f8fa', padding: 10, fontSize: 12, overflowX: 'auto', margin: 0, borderRadius: 6 }}>{VERIFY_SNIPPET}</pre>
    </Modal>
  );
}
