/**
 * The notifications module: in-app notifications with a live stream (SSE), "something changed" events for
 * live screens, and outbound webhooks. See README.md. Other modules call only what is exported here.
 */
import type { Module } from '../index.js';
import { notificationRoutes } from './notifications.routes.js';
import { webhookRoutes } from './webhooks.routes.js';

export { notify, usersHolding, NOTIFICATION_CHANNEL, type NotifyInput, type NotificationText } from './notifications.service.js';
export { publishChange, CHANGE_CHANNEL, type ChangeInput } from './changes.js';
export { emitWebhookEvent, matchesEventType } from './webhooks.delivery.js';
export { signWebhook, verifyWebhookSignature } from './webhooks.signature.js';

export const notificationsModule: Module = {
  name: 'notifications',
  routes: async (app) => {
    await app.register(notificationRoutes);
    await app.register(webhookRoutes);
  },
};
