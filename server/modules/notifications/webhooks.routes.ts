/** HTTP routes of outbound webhook subscriptions (permission webhook.manage). */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import * as c from '../../../common/contracts/notifications.js';
import { requirePermission } from '../../platform/authz/index.js';
import { auditCtx } from '../../platform/http/context.js';
import * as svc from './webhooks.service.js';

export const webhookRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.ctx;
  const tags = ['webhooks'];
  const params = c.webhookIdParams;
  const manager = (req: Parameters<typeof requirePermission>[0]) => requirePermission(req, 'webhook.manage');

  app.get('/webhooks', { schema: { tags, summary: 'Webhook subscriptions in scope', querystring: c.webhookListQuery } }, async (req) =>
    svc.listWebhooks(db, manager(req), req.query),
  );
  app.post('/webhooks', { schema: { tags, summary: 'Subscribe a URL to events; the answer shows the signing secret once', body: c.webhookCreateBody } }, async (req, reply) => {
    const actor = manager(req);
    reply.status(201);
    return svc.createWebhook(db, actor, req.body, auditCtx(req));
  });
  app.get('/webhooks/:id', { schema: { tags, summary: 'One subscription', params } }, async (req) => svc.getWebhook(db, manager(req), req.params.id));
  app.patch('/webhooks/:id', { schema: { tags, summary: 'Change URL, description, event filter or active flag', params, body: c.webhookUpdateBody } }, async (req) =>
    svc.updateWebhook(db, manager(req), req.params.id, req.body, auditCtx(req)),
  );
  app.delete('/webhooks/:id', { schema: { tags, summary: 'Delete a subscription and its delivery history', params } }, async (req) =>
    svc.deleteWebhook(db, manager(req), req.params.id, auditCtx(req)),
  );
  app.post('/webhooks/:id/rotate-secret', { schema: { tags, summary: 'Replace the signing secret; the answer shows the new one once', params } }, async (req) =>
    svc.rotateWebhookSecret(db, manager(req), req.params.id, auditCtx(req)),
  );
  app.post('/webhooks/:id/ping', { schema: { tags, summary: 'Send a test event (type "ping")', params } }, async (req, reply) => {
    const actor = manager(req);
    reply.status(202);
    return svc.pingWebhook(db, actor, req.params.id, auditCtx(req));
  });
  app.get('/webhooks/:id/deliveries', { schema: { tags, summary: 'Deliveries, newest first, with every attempt', params, querystring: c.deliveryListQuery } }, async (req) =>
    svc.listDeliveries(db, manager(req), req.params.id, req.query),
  );
};
