/** One's notifications: all or unread, newest first; mark read, mark all read; a click opens the link. */
import { App, Button, Card, Divider, Empty, Flex, Pagination, Segmented, Spin, Typography } from 'antd';
import { CheckOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import { qs } from '../../lib/api.js';
import { useFetch } from '../../lib/use-fetch.js';
import { useI18n } from '../../lib/i18n.js';
import { common } from '../../lib/messages.js';
import { ErrorState } from '../../ui/ErrorState.js';
import { PageHeader } from '../../ui/PageHeader.js';
import { useIsPhone } from '../../ui/use-phone.js';
import { useQueryState } from '../../ui/use-query-state.js';
import { useLiveChange, useLiveNotifications } from './live.js';
import { markAllRead, markRead, openNotification } from './actions.js';
import { NotificationEntry } from './NotificationEntry.js';
import type { NotificationList } from './types.js';
import { n as m } from './messages.js';

const DEFAULTS = { unread: '', page: '1', pageSize: '20' };

/** The notifications page. */
export function NotificationsPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const phone = useIsPhone();
  const [query, setQuery] = useQueryState(DEFAULTS);
  const { data, error, loading, reload } = useFetch<NotificationList>(`/notifications${qs(query)}`);
  useLiveNotifications(() => reload());
  useLiveChange('notification', () => reload());

  const items = data?.items ?? [];
  return (
    <div>
      <PageHeader
        title={t(m.title)}
        subtitle={t(m.subtitle)}
        extra={
          <Button
            icon={<CheckOutlined />}
            disabled={!data?.unread}
            onClick={async () => {
              await markAllRead();
              message.success(t(m.allMarked));
              reload();
            }}
            data-testid="notifications-read-all"
          >
            {t(m.markAllRead)}
          </Button>
        }
      />
      <Card size="small">
        <Flex justify="space-between" align="center" wrap gap={8}>
          <Segmented
            value={query.unread === 'true' ? 'unread' : 'all'}
            onChange={(v) => setQuery({ unread: v === 'unread' ? 'true' : '' })}
            options={[
              { value: 'all', label: t(m.all) },
              { value: 'unread', label: t(m.unread) },
            ]}
            data-testid="notifications-filter"
          />
          {data && <Typography.Text type="secondary">{t(m.unreadCount, { n: data.unread })}</Typography.Text>}
        </Flex>
        <Divider style={{ margin: '8px 0 0' }} />
        {error ? (
          <ErrorState error={error} onRetry={reload} />
        ) : (
          <Spin spinning={loading && !data}>
            <div data-testid="notifications-list">
              {items.length === 0 && !loading && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={query.unread === 'true' ? t(m.emptyUnread) : t(m.empty)} />}
              {items.map((i) => (
                <div key={i.id} style={{ padding: phone ? '8px 0' : '10px 8px', borderBottom: '1px solid #f0f0f0', background: i.read ? undefined : '#f7fbff' }}>
                  <NotificationEntry
                    item={i}
                    onOpen={(x) => void openNotification(x, navigate)}
                    onMarkRead={(x) =>
                      void markRead(x)
                        .then(reload)
                        .catch((e) => message.error(String(e?.message ?? e)))
                    }
                  />
                </div>
              ))}
            </div>
          </Spin>
        )}
        {!!data?.total && (
          <Flex justify={phone ? 'center' : 'flex-end'} style={{ marginTop: 12 }}>
            <Pagination
              simple={phone}
              size="small"
              current={Number(query.page)}
              pageSize={Number(query.pageSize)}
              total={data.total}
              showTotal={phone ? undefined : () => t(common.total, { n: data.total })}
              onChange={(p, s) => setQuery({ page: String(p), pageSize: String(s) })}
            />
          </Flex>
        )}
      </Card>
    </div>
  );
}
