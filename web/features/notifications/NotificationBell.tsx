/**
 * The bell in the shell's header: unread count, live over the tab's event stream; a new notification pops
 * up briefly. On a desktop a click opens the latest ones (mark read, open, view all); on a phone it goes to
 * the notifications page.
 */
import { useEffect, useState } from 'react';
import { App, Badge, Button, Divider, Empty, Flex, Popover, Spin, Typography } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import { get } from '../../lib/api.js';
import { useI18n } from '../../lib/i18n.js';
import { useIsPhone } from '../../ui/use-phone.js';
import { connectLive, useLiveNotifications, useLiveStatus, useUnreadCount } from './live.js';
import { markAllRead, markRead, openNotification } from './actions.js';
import { NotificationEntry } from './NotificationEntry.js';
import type { NotificationItem, NotificationList } from './types.js';
import { n as m } from './messages.js';

/** The bell with its badge (and, on a desktop, the popover). */
export function NotificationBell() {
  const { t, lang } = useI18n();
  const { notification } = App.useApp();
  const phone = useIsPhone();
  const navigate = useNavigate();
  const unread = useUnreadCount();
  const status = useLiveStatus();
  const [open, setOpen] = useState(false);
  const [items, setItems] = useState<NotificationItem[] | null>(null);

  useEffect(() => connectLive(lang), [lang]);

  const load = () => {
    get<NotificationList>('/notifications?pageSize=6')
      .then((r) => setItems(r.items))
      .catch(() => setItems([]));
  };
  useLiveNotifications((item) => {
    if (open) load();
    notification.info({
      key: `notification-${item.id}`,
      title: item.title,
      description: item.body || undefined,
      icon: <BellOutlined style={{ color: '#1677ff' }} />,
      placement: phone ? 'top' : 'bottomRight', // not over the header's bell and menus
      duration: 6,
      onClick: () => {
        notification.destroy(`notification-${item.id}`);
        void openNotification(item, navigate);
      },
      style: { cursor: 'pointer' },
    });
  });

  const label = unread ? t(m.bellUnread, { n: unread }) : t(m.bell);
  const button = (
    <Badge count={unread ?? 0} size="small" overflowCount={99} offset={[-4, 4]}>
      <Button
        type="text"
        shape="circle"
        icon={<BellOutlined style={{ fontSize: 18, color: status === 'closed' ? '#bbb' : undefined }} />}
        aria-label={label}
        title={label}
        onClick={phone ? () => navigate('/notifications') : undefined}
        data-testid="notification-bell"
        data-unread={unread ?? ''}
        data-live={status}
      />
    </Badge>
  );
  if (phone) return button;

  const go = (item: NotificationItem) => {
    setOpen(false);
    void openNotification(item, navigate);
  };
  const content = (
    <div style={{ width: 360 }} data-testid="notification-popover">
      <Flex justify="space-between" align="center" style={{ marginBottom: 4 }}>
        <Typography.Text strong>{t(m.title)}</Typography.Text>
        <Button size="small" type="link" disabled={!unread} onClick={() => void markAllRead().then(load)} data-testid="notification-read-all">
          {t(m.markAllRead)}
        </Button>
      </Flex>
      <Divider style={{ margin: '4px 0' }} />
      {items === null ? (
        <Flex justify="center" style={{ padding: 24 }}>
          <Spin />
        </Flex>
      ) : items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t(m.empty)} />
      ) : (
        <div style={{ maxHeight: 420, overflowY: 'auto' }}>
          {items.map((i) => (
            <NotificationEntry
              key={i.id}
              item={i}
              compact
              onOpen={go}
              onMarkRead={(x) => void markRead(x).then((u) => setItems((all) => all?.map((a) => (a.id === u.id ? u : a)) ?? null))}
            />
          ))}
        </div>
      )}
      <Divider style={{ margin: '4px 0' }} />
      <Flex justify="center">
        <Button
          type="link"
          onClick={() => {
            setOpen(false);
            navigate('/notifications');
          }}
          data-testid="notification-view-all"
        >
          {t(m.viewAll)}
        </Button>
      </Flex>
    </div>
  );
  return (
    <Popover
      trigger="click"
      placement="bottomRight"
      open={open}
      onOpenChange={(v) => {
        setOpen(v);
        if (v) {
          setItems(null);
          load();
        }
      }}
      content={content}
      arrow={false}
    >
      {button}
    </Popover>
  );
}
