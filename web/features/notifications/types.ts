/** Notifications and webhooks as the API returns them. */

export interface NotificationItem {
  id: number;
  kind: string;
  title: string;
  body: string;
  /** An app path (e.g. /cases/12), or null. */
  link: string | null;
  entity: string | null;
  entityId: string | null;
  read: boolean;
  readAt: string | null;
  createdAt: string;
}

export interface NotificationList {
  items: NotificationItem[];
  total: number;
  unread: number;
  page: number;
  pageSize: number;
}

export interface Webhook {
  id: number;
  nodeId: number;
  nodeNameZh: string;
  nodeNameEn: string;
  url: string;
  description: string;
  eventTypes: string[];
  active: boolean;
  secretHint: string;
  createdAt: string;
  updatedAt: string;
  lastDelivery: { status: DeliveryStatus; at: string; statusCode: number | null; eventType: string } | null;
  /** Only in the answer to create and rotate-secret. */
  secret?: string;
}

export type DeliveryStatus = 'pending' | 'succeeded' | 'dead' | 'cancelled';

export interface DeliveryAttempt {
  attempt: number;
  at: string;
  statusCode: number | null;
  durationMs: number;
  error: string | null;
  responseExcerpt: string | null;
}

export interface Delivery {
  id: number;
  uuid: string;
  eventType: string;
  status: DeliveryStatus;
  attempts: number;
  maxAttempts: number;
  lastStatusCode: number | null;
  lastError: string | null;
  createdAt: string;
  finishedAt: string | null;
  nextAttemptAt: string | null;
  attemptLog: DeliveryAttempt[];
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}
