/** Webhook subscriptions in the administrator's scope: list, create (the secret is shown once). */
import { useState } from 'react';
import { Button, Card, Flex, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import { qs } from '../../lib/api.js';
import { useFetch } from '../../lib/use-fetch.js';
import { useI18n } from '../../lib/i18n.js';
import { dateTime } from '../../lib/format.js';
import { DataList } from '../../ui/DataList.js';
import { ErrorState } from '../../ui/ErrorState.js';
import { PageHeader } from '../../ui/PageHeader.js';
import { useQueryState } from '../../ui/use-query-state.js';
import { WebhookFormDialog } from './WebhookFormDialog.js';
import { SecretDialog } from './SecretDialog.js';
import { DeliveryStatusTag } from './DeliveryStatusTag.js';
import type { Page, Webhook } from './types.js';
import { w } from './messages.js';

const DEFAULTS = { page: '1', pageSize: '20' };

/** Event-type filter as tags ("all events" when empty). */
export function EventTypeTags({ types }: { types: string[] }) {
  const { t } = useI18n();
  if (types.length === 0) return <Tag>{t(w.allEvents)}</Tag>;
  return (
    <Flex gap={4} wrap>
      {types.map((x) => (
        <Tag key={x} style={{ fontFamily: 'monospace', marginInlineEnd: 0 }}>
          {x}
        </Tag>
      ))}
    </Flex>
  );
}

/** The subscriptions list page. */
export function WebhooksPage() {
  const { t, pick } = useI18n();
  const navigate = useNavigate();
  const [query, setQuery] = useQueryState(DEFAULTS);
  const [creating, setCreating] = useState(false);
  const [secret, setSecret] = useState<{ value: string; id: number } | null>(null);
  const { data, error, loading, reload } = useFetch<Page<Webhook>>(`/webhooks${qs(query)}`);
  const open = (h: Webhook) => navigate(`/webhooks/${h.id}`);
  const status = (h: Webhook) => (h.active ? <Tag color="green">{t(w.active)}</Tag> : <Tag>{t(w.inactive)}</Tag>);
  const last = (h: Webhook) =>
    h.lastDelivery ? (
      <Flex gap={6} align="center" wrap>
        <DeliveryStatusTag status={h.lastDelivery.status} />
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {dateTime(h.lastDelivery.at)}
        </Typography.Text>
      </Flex>
    ) : (
      <Typography.Text type="secondary">{t(w.never)}</Typography.Text>
    );
  return (
    <div>
      <PageHeader
        title={t(w.title)}
        subtitle={t(w.subtitle)}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="webhooks-create">
            {t(w.create)}
          </Button>
        }
      />
      {error ? (
        <ErrorState error={error} onRetry={reload} />
      ) : (
        <Card size="small">
          <DataList<Webhook>
            testId="webhooks-list"
            data={data?.items ?? []}
            loading={loading}
            rowKey={(h) => h.id}
            onOpen={open}
            emptyText={t(w.noHooks)}
            paging={{ page: Number(query.page), pageSize: Number(query.pageSize), total: data?.total ?? 0, onChange: (p, s) => setQuery({ page: String(p), pageSize: String(s) }) }}
            columns={[
              {
                title: t(w.url),
                key: 'url',
                render: (_v, h) => (
                  <Flex vertical>
                    <Typography.Link style={{ fontFamily: 'monospace', wordBreak: 'break-all' }}>{h.url}</Typography.Link>
                    {h.description && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{h.description}</Typography.Text>}
                  </Flex>
                ),
              },
              { title: t(w.eventTypes), key: 'types', render: (_v, h) => <EventTypeTags types={h.eventTypes} /> },
              { title: t(w.node), key: 'node', render: (_v, h) => pick(h.nodeNameZh, h.nodeNameEn) },
              { title: t(w.status), key: 'active', render: (_v, h) => status(h) },
              { title: t(w.lastDelivery), key: 'last', render: (_v, h) => last(h) },
            ]}
            renderCard={(h) => (
              <Flex vertical gap={6}>
                <Flex justify="space-between" align="flex-start" gap={8}>
                  <Typography.Text strong style={{ fontFamily: 'monospace', wordBreak: 'break-all' }}>
                    {h.url}
                  </Typography.Text>
                  {status(h)}
                </Flex>
                {h.description && <Typography.Text type="secondary">{h.description}</Typography.Text>}
                <EventTypeTags types={h.eventTypes} />
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {pick(h.nodeNameZh, h.nodeNameEn)}
                </Typography.Text>
                {last(h)}
              </Flex>
            )}
          />
        </Card>
      )}
      <WebhookFormDialog
        open={creating}
        editing={null}
        onClose={() => setCreating(false)}
        onSaved={(h) => {
          setCreating(false);
          setSecret({ value: h.secret!, id: h.id });
          reload();
        }}
      />
      <SecretDialog
        secret={secret?.value ?? null}
        onClose={() => {
          const id = secret?.id;
          setSecret(null);
          if (id) navigate(`/webhooks/${id}`);
        }}
      />
    </div>
  );
}
