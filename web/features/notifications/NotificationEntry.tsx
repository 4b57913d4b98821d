/** One notification in a list (the bell's popover and the notifications page). */
import { Badge, Button, Flex, Typography } from 'antd';
import { CheckOutlined } from '@ant-design/icons';
import { useI18n, type Msg } from '../../lib/i18n.js';
import { dateTime } from '../../lib/format.js';
import type { NotificationItem } from './types.js';
import { n as m } from './messages.js';

/** "3 分钟前" for the last day, else the date and time. */
export function ago(iso: string, t: (msg: Msg, p?: Record<string, string | number>) => string, now = Date.now()): string {
  const minutes = Math.floor((now - new Date(iso).getTime()) / 60_000);
  if (minutes < 1) return t(m.justNow);
  if (minutes < 60) return t(m.minutesAgo, { n: minutes });
  if (minutes < 24 * 60) return t(m.hoursAgo, { n: Math.floor(minutes / 60) });
  return dateTime(iso);
}

export interface EntryProps {
  item: NotificationItem;
  onOpen(item: NotificationItem): void;
  onMarkRead?(item: NotificationItem): void;
  compact?: boolean;
}

/** A notification: unread dot, title, body, time; click opens its link. */
export function NotificationEntry({ item, onOpen, onMarkRead, compact }: EntryProps) {
  const { t } = useI18n();
  return (
    <Flex
      gap={10}
      align="flex-start"
      onClick={() => onOpen(item)}
      style={{ cursor: 'pointer', padding: compact ? '8px 4px' : '4px 0', width: '100%' }}
      data-testid={`notification-${item.id}`}
      data-read={item.read}
    >
      <Badge status={item.read ? 'default' : 'processing'} style={{ marginTop: 6, visibility: item.read ? 'hidden' : 'visible' }} />
      <Flex vertical gap={2} style={{ flex: 1, minWidth: 0 }}>
        <Typography.Text strong={!item.read} style={{ color: item.read ? '#666' : undefined }}>
          {item.title}
        </Typography.Text>
        {item.body && (
          <Typography.Paragraph type="secondary" style={{ margin: 0, fontSize: 13 }} ellipsis={{ rows: compact ? 2 : 3 }}>
            {item.body}
          </Typography.Paragraph>
        )}
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {ago(item.createdAt, t)}
        </Typography.Text>
      </Flex>
      {!item.read && onMarkRead && (
        <Button
          size="small"
          type="text"
          icon={<CheckOutlined />}
          title={t(m.markRead)}
          aria-label={t(m.markRead)}
          onClick={(e) => {
            e.stopPropagation();
            onMarkRead(item);
          }}
          data-testid={`notification-read-${item.id}`}
        />
      )}
    </Flex>
  );
}
