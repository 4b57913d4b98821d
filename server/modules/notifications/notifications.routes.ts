/** HTTP routes of one's own notifications and the live event stream. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import * as c from '../../../common/contracts/notifications.js';
import { idParams } from '../../../common/contracts/accounts.js';
import { requireActor } from '../../platform/authz/index.js';
import { auditCtx } from '../../platform/http/context.js';
import { AppError } from '../../platform/http/errors.js';
import * as svc from './notifications.service.js';
import { LiveHub, sseMessage } from './live.js';
import * as repo from './notifications.repository.js';

/** True when the Accept header allows an event stream (EventSource always sends it). */
function acceptsEventStream(accept: string | undefined): boolean {
  return !!accept && /(^|,)\s*text\/event-stream\s*(;|,|$)/i.test(accept);
}

export const notificationRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, config } = app.ctx;
  const tags = ['notifications'];
  const hub = new LiveHub(db, config.sseHeartbeatMs, app.log);
  hub.start();
  // End the streams before the server closes, or it would wait for them.
  app.addHook('preClose', async () => hub.stop());

  app.get('/notifications', { schema: { tags, summary: 'One’s own notifications, newest first, with the unread count', querystring: c.notificationListQuery } }, async (req) =>
    svc.listNotifications(db, requireActor(req), req.query, req.locale),
  );
  app.post('/notifications/:id/read', { schema: { tags, summary: 'Mark one of one’s notifications read', params: idParams } }, async (req) =>
    svc.markNotificationRead(db, requireActor(req), req.params.id, auditCtx(req), req.locale),
  );
  app.post('/notifications/read-all', { schema: { tags, summary: 'Mark all one’s notifications read' } }, async (req) =>
    svc.markAllNotificationsRead(db, requireActor(req), auditCtx(req)),
  );
  app.get(
    '/notifications/stream',
    {
      schema: {
        tags,
        summary: 'Live events (text/event-stream): `hello` {unread}, `notification` {notification, unread}, `change` {entity, id}, `resync`, `end`',
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      if (!acceptsEventStream(req.headers.accept)) throw new AppError(406, 'STREAM_NOT_ACCEPTED');
      const unread = (await repo.unreadCounts(db, [actor.userId])).get(actor.userId) ?? 0;
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      res.write(`retry: 5000\n\n${sseMessage('hello', { unread })}`);
      const remove = hub.add(actor, req.sessionToken!, req.locale, res);
      req.raw.on('close', remove);
      res.on('close', remove);
    },
  );
};
