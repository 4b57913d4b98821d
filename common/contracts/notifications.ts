/** Request schemas of the notifications module: one's notifications, and outbound webhooks (admin). */
import { z } from 'zod';
import { id, page, queryFlag } from './accounts.js';

export const notificationListQuery = page.extend({
  /** Only unread ones. */
  unread: queryFlag.optional(),
});

/** An event type a webhook subscribes to: `case.created`, a family `case.*`, or `*` for everything. */
export const EVENT_TYPE_PATTERN = /^(\*|[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*(\.\*)?)$/;
export const eventTypePattern = z.string().trim().max(100).regex(EVENT_TYPE_PATTERN);

/** An absolute http(s) URL without credentials. */
export const webhookUrl = z
  .string()
  .trim()
  .max(2000)
  .pipe(z.url({ protocol: /^https?$/, hostname: z.regexes.hostname }))
  .refine((u) => !/^[a-z]+:\/\/[^/]*@/i.test(u), { message: 'no credentials in the URL' });

export const webhookCreateBody = z.object({
  url: webhookUrl,
  description: z.string().trim().max(500).default(''),
  /** Empty: every event. */
  eventTypes: z.array(eventTypePattern).max(50).default([]),
  active: z.boolean().default(true),
  /** The node whose events it receives (default: the caller's own webhook.manage node). */
  nodeId: id.optional(),
});

export const webhookUpdateBody = z.object({
  url: webhookUrl.optional(),
  description: z.string().trim().max(500).optional(),
  eventTypes: z.array(eventTypePattern).max(50).optional(),
  active: z.boolean().optional(),
});

export const webhookListQuery = page;
export const deliveryListQuery = page;
export const webhookIdParams = z.object({ id });

export type WebhookCreate = z.infer<typeof webhookCreateBody>;
export type WebhookUpdate = z.infer<typeof webhookUpdateBody>;
