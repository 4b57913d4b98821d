/** HTTP routes of the media module: upload photos, read a variant (signed in or public). */
import type { FastifyReply, FastifyRequest, onSendHookHandler } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import * as c from '../../../common/contracts/media.js';
import { holds, requireActor, type Actor } from '../../platform/authz/index.js';
import { AppError, forbidden } from '../../platform/http/errors.js';
import { auditCtx } from '../../platform/http/context.js';
import * as svc from './media.service.js';
import { UPLOAD_LIMITS } from './media.upload.js';

/** Anyone who may file or handle a case may upload photos. */
function requireUploader(req: FastifyRequest): Actor {
  const actor = requireActor(req);
  if (!holds(actor, 'case.report') && !holds(actor, 'case.handle')) throw forbidden();
  return actor;
}

/** Sets the cache policy after the app-wide `no-store` of /api answers (route hooks run after app hooks). */
const cacheFor =
  (policy: string): onSendHookHandler =>
  async (_req, reply, payload) => {
    if (reply.statusCode === 200 || reply.statusCode === 304) reply.header('cache-control', policy);
    return payload;
  };

function sendVariant(reply: FastifyReply, out: Awaited<ReturnType<typeof svc.readMedia>>) {
  reply.header('x-content-type-options', 'nosniff').header('etag', out.etag);
  if ('notModified' in out) return reply.status(304).send();
  return reply
    .header('content-type', out.contentType)
    .header('content-length', out.size)
    .header('content-disposition', `inline; filename="${out.filename}"`)
    .send(out.stream);
}

export const mediaRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, config } = app.ctx;
  const tags = ['media'];

  app.post(
    '/media',
    {
      schema: {
        tags,
        summary: `Upload 1–${c.MEDIA_MAX_FILES} photos (multipart, any file field; JPEG, PNG or WebP, ≤ 10 MiB each); all or nothing`,
        consumes: ['multipart/form-data'],
      },
      config: { rateLimit: { max: 60, timeWindow: '1 minute', keyGenerator: (req: FastifyRequest) => String(req.actor?.userId ?? req.ip) } },
    },
    async (req, reply) => {
      const actor = requireUploader(req);
      if (!req.isMultipart()) throw new AppError(415, 'UNSUPPORTED_MEDIA_TYPE');
      const result = await svc.uploadMedia(db, config.mediaDir, actor, req.parts({ limits: UPLOAD_LIMITS }), auditCtx(req));
      reply.status(201);
      return result;
    },
  );

  app.get(
    '/media/:id/:variant',
    {
      schema: { tags, summary: 'A photo: thumb, display (stripped) or original (staff only); unattached photos only for their uploader', params: c.mediaParams },
      onSend: cacheFor('private, max-age=3600'),
    },
    async (req, reply) => {
      const actor = requireActor(req);
      return sendVariant(reply, await svc.readMedia(db, config.mediaDir, actor, req.params.id, req.params.variant, req.headers['if-none-match']));
    },
  );

  app.get(
    '/public/media/:id/:variant',
    {
      schema: { tags, summary: 'A photo shown on a public page (thumb or display), when its record is public', params: c.publicMediaParams },
      onSend: cacheFor('public, max-age=300'),
      config: { rateLimit: { max: 600, timeWindow: '1 minute' } },
    },
    async (req, reply) => sendVariant(reply, await svc.readMedia(db, config.mediaDir, null, req.params.id, req.params.variant, req.headers['if-none-match'])),
  );
};
