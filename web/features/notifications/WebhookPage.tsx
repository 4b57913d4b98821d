/** One webhook subscription: its settings and actions (test, edit, switch, new secret, delete) and deliveries. */
import { useEffect, useState } from 'react';
import { App, Button, Card, Descriptions, Flex, Popconfirm, Tag, Typography } from 'antd';
import { DeleteOutlined, EditOutlined, KeyOutlined, ReloadOutlined, SendOutlined } from '@ant-design/icons';
import { useNavigate, useParams } from 'react-router';
import { ApiError, del, patch, post, qs } from '../../lib/api.js';
import { useFetch } from '../../lib/use-fetch.js';
import { useI18n } from '../../lib/i18n.js';
import { common } from '../../lib/messages.js';
import { dateTime } from '../../lib/format.js';
import { useIsPhone } from '../../ui/use-phone.js';
import { DataList } from '../../ui/DataList.js';
import { ErrorState } from '../../ui/ErrorState.js';
import { Loading } from '../../ui/Loading.js';
import { PageHeader } from '../../ui/PageHeader.js';
import { useQueryState } from '../../ui/use-query-state.js';
import { WebhookFormDialog } from './WebhookFormDialog.js';
import { SecretDialog } from './SecretDialog.js';
import { DeliveryDialog } from './DeliveryDialog.js';
import { DeliveryStatusTag } from './DeliveryStatusTag.js';
import { EventTypeTags } from './WebhooksPage.js';
import type { Delivery, Page, Webhook } from './types.js';
import { w } from './messages.js';

const DEFAULTS = { page: '1', pageSize: '20' };

/** The subscription page. */
export function WebhookPage() {
  const { id } = useParams();
  const { t, pick } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const phone = useIsPhone();
  const [query, setQuery] = useQueryState(DEFAULTS);
  const hook = useFetch<Webhook>(`/webhooks/${id}`);
  const deliveries = useFetch<Page<Delivery>>(`/webhooks/${id}/deliveries${qs(query)}`);
  const [editing, setEditing] = useState(false);
  const [secret, setSecret] = useState<string | null>(null);
  const [open, setOpen] = useState<Delivery | null>(null);
  const pending = deliveries.data?.items.some((d) => d.status === 'pending');
  // While something is on its way, look again every few seconds.
  useEffect(() => {
    if (!pending) return;
    const timer = setInterval(deliveries.reload, 4000);
    return () => clearInterval(timer);
  }, [pending, deliveries.reload]);

  if (hook.error) return <ErrorState error={hook.error} onRetry={hook.reload} />;
  if (!hook.data) return <Loading />;
  const h = hook.data;
  const fail = (e: unknown) => message.error(e instanceof ApiError ? e.message : String(e));
  const act = async (fn: () => Promise<unknown>, done?: string) => {
    try {
      await fn();
      if (done) message.success(done);
      hook.reload();
      deliveries.reload();
    } catch (e) {
      fail(e);
    }
  };

  const actions = (
    <>
      <Button icon={<SendOutlined />} onClick={() => act(() => post(`/webhooks/${h.id}/ping`), t(w.pinged))} data-testid="webhook-ping">
        {t(w.ping)}
      </Button>
      <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="webhook-edit">
        {t(common.edit)}
      </Button>
      <Button onClick={() => act(() => patch(`/webhooks/${h.id}`, { active: !h.active }))} data-testid="webhook-toggle">
        {h.active ? t(w.disable) : t(w.enable)}
      </Button>
      <Popconfirm
        title={t(w.rotateConfirm)}
        okText={t(common.confirm)}
        cancelText={t(common.cancel)}
        onConfirm={() => act(async () => setSecret((await post<Webhook>(`/webhooks/${h.id}/rotate-secret`)).secret ?? null))}
      >
        <Button icon={<KeyOutlined />} data-testid="webhook-rotate">
          {t(w.rotate)}
        </Button>
      </Popconfirm>
      <Popconfirm
        title={t(w.deleteConfirm)}
        okText={t(common.delete)}
        cancelText={t(common.cancel)}
        okButtonProps={{ danger: true }}
        onConfirm={async () => {
          try {
            await del(`/webhooks/${h.id}`);
            message.success(t(common.deleted));
            navigate('/webhooks');
          } catch (e) {
            fail(e);
          }
        }}
      >
        <Button danger icon={<DeleteOutlined />} data-testid="webhook-delete">
          {t(common.delete)}
        </Button>
      </Popconfirm>
    </>
  );

  const result = (d: Delivery) =>
    d.lastError ? (
      <Typography.Text type="danger" style={{ fontSize: 13 }}>
        {d.lastError}
      </Typography.Text>
    ) : d.lastStatusCode ? (
      <Typography.Text>HTTP {d.lastStatusCode}</Typography.Text>
    ) : (
      '—'
    );

  return (
    <div data-testid="webhook-page">
      <PageHeader
        back={{ to: '/webhooks', label: t(w.back) }}
        title={<span style={{ fontFamily: 'monospace', fontSize: phone ? 16 : 20, wordBreak: 'break-all' }}>{h.url}</span>}
        documentTitle={t(w.title)}
        subtitle={h.description || undefined}
        extra={phone ? undefined : actions}
      />
      {phone && (
        <Flex gap={8} wrap style={{ marginBottom: 12 }}>
          {actions}
        </Flex>
      )}
      <Card size="small" title={t(w.settings)} style={{ marginBottom: 16 }}>
        <Descriptions size="small" column={phone ? 1 : 3}>
          <Descriptions.Item label={t(w.status)}>{h.active ? <Tag color="green">{t(w.active)}</Tag> : <Tag>{t(w.inactive)}</Tag>}</Descriptions.Item>
          <Descriptions.Item label={t(w.eventTypes)}>
            <EventTypeTags types={h.eventTypes} />
          </Descriptions.Item>
          <Descriptions.Item label={t(w.node)}>{pick(h.nodeNameZh, h.nodeNameEn)}</Descriptions.Item>
          <Descriptions.Item label={t(w.secret)}>
            <Typography.Text style={{ fontFamily: 'monospace' }}>{h.secretHint}</Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label={t(w.createdAt)}>{dateTime(h.createdAt)}</Descriptions.Item>
        </Descriptions>
      </Card>
      <Card
        size="small"
        title={t(w.deliveries)}
        extra={<Button size="small" type="text" icon={<ReloadOutlined />} onClick={deliveries.reload} aria-label={t(common.retry)} data-testid="deliveries-reload" />}
      >
        {deliveries.error ? (
          <ErrorState error={deliveries.error} onRetry={deliveries.reload} />
        ) : (
          <DataList<Delivery>
            testId="webhook-deliveries"
            data={deliveries.data?.items ?? []}
            loading={deliveries.loading && !deliveries.data}
            rowKey={(d) => d.id}
            onOpen={setOpen}
            emptyText={t(w.noDeliveries)}
            paging={{ page: Number(query.page), pageSize: Number(query.pageSize), total: deliveries.data?.total ?? 0, onChange: (p, s) => setQuery({ page: String(p), pageSize: String(s) }) }}
            columns={[
              { title: t(common.time), dataIndex: 'createdAt', render: (v: string) => <span style={{ whiteSpace: 'nowrap' }}>{dateTime(v)}</span> },
              { title: t(w.event), dataIndex: 'eventType', render: (v: string) => <Typography.Text style={{ fontFamily: 'monospace' }}>{v}</Typography.Text> },
              { title: t(w.status), key: 'status', render: (_v, d) => <DeliveryStatusTag status={d.status} attempts={d.attempts} /> },
              { title: t(w.attempts), key: 'attempts', render: (_v, d) => `${d.attempts} / ${d.maxAttempts}` },
              { title: t(w.result), key: 'result', render: (_v, d) => result(d) },
              { title: t(w.nextAttempt), dataIndex: 'nextAttemptAt', render: (v: string | null) => (v ? dateTime(v) : '—') },
            ]}
            renderCard={(d) => (
              <Flex vertical gap={4}>
                <Flex justify="space-between" align="center">
                  <Typography.Text strong style={{ fontFamily: 'monospace' }}>
                    {d.eventType}
                  </Typography.Text>
                  <DeliveryStatusTag status={d.status} attempts={d.attempts} />
                </Flex>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {dateTime(d.createdAt)} · {t(w.attempts)} {d.attempts}/{d.maxAttempts}
                </Typography.Text>
                {result(d)}
              </Flex>
            )}
          />
        )}
      </Card>
      <WebhookFormDialog
        open={editing}
        editing={h}
        onClose={() => setEditing(false)}
        onSaved={() => {
          setEditing(false);
          hook.reload();
        }}
      />
      <SecretDialog secret={secret} rotated onClose={() => setSecret(null)} />
      <DeliveryDialog delivery={open} onClose={() => setOpen(null)} />
    </div>
  );
}
