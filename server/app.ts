/** Builds the Fastify app: platform plugins first, then each module's routes, then the web app. */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import multipart from '@fastify/multipart';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fastifyStatic from '@fastify/static';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from './platform/http/context.js';
import { installErrorHandling, AppError } from './platform/http/errors.js';
import { pickLocale } from './platform/i18n/index.js';
import { loadActor, SESSION_COOKIE, CSRF_HEADER, tokensEqual } from './platform/auth/sessions.js';
import { errorMessage } from '../common/i18n/errors.js';
import { modules } from './modules/index.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const here = path.dirname(fileURLToPath(import.meta.url));
export const WEB_DIST = path.resolve(here, '../web/dist');

export interface BuildOptions {
  logger?: boolean | object;
  /** Serve the built web app from web/dist when it exists (default true). */
  serveWeb?: boolean;
}

/** Builds the app around an open database; the caller listens and closes. */
export async function buildApp(ctx: AppContext, opts: BuildOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: opts.logger ?? false,
    bodyLimit: ctx.config.bodyLimitBytes,
    trustProxy: process.env.GONGZHI_TRUST_PROXY === 'true',
    requestIdHeader: 'x-request-id',
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorate('ctx', ctx);
  app.decorateRequest('actor', null);
  app.decorateRequest('locale', 'zh-CN');
  app.decorateRequest('sessionToken', null);
  installErrorHandling(app, ctx.config.bodyLimitBytes, ctx.config.importLimitBytes);

  const tile = ctx.config.mapTileUrl ? new URL(ctx.config.mapTileUrl.replace(/\{[a-z]\}/g, 'a')).origin : null;
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        imgSrc: ["'self'", 'data:', 'blob:', ...(tile ? [tile] : [])],
        styleSrc: ["'self'", "'unsafe-inline'"],
        scriptSrc: ["'self'"],
        connectSrc: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
    crossOriginEmbedderPolicy: false,
  });
  await app.register(cookie);
  await app.register(rateLimit, { global: false });
  await app.register(multipart, { limits: { fileSize: ctx.config.importLimitBytes, files: 1, fields: 10 } });
  await app.register(swagger, {
    openapi: {
      info: { title: 'Gongzhi API', version: '0.1.0', description: 'Gongzhi (共治) grassroots governance platform' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE } } },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });

  // Who is asking, in which language; CSRF for cookie-authenticated writes.
  app.addHook('onRequest', async (req) => {
    const token = req.cookies?.[SESSION_COOKIE];
    if (token && req.url.startsWith('/api/')) {
      req.sessionToken = token;
      req.actor = await loadActor(ctx.db, token);
    }
    const q = req.query as Record<string, unknown> | undefined;
    req.locale = pickLocale((q?.lang as string) ?? req.actor?.locale, req.headers['accept-language']);
    if (req.actor && !SAFE_METHODS.has(req.method) && !tokensEqual(req.headers[CSRF_HEADER] as string | undefined, req.actor.csrfToken)) {
      throw new AppError(403, 'CSRF_INVALID');
    }
  });
  app.addHook('onSend', async (req, reply, payload) => {
    if (req.url.startsWith('/api/')) reply.header('cache-control', 'no-store');
    return payload;
  });

  // Every route, for the authorization matrix test and the docs.
  const routeList: { method: string; url: string }[] = [];
  app.addHook('onRoute', (r) => {
    for (const m of [r.method].flat()) if (m !== 'HEAD') routeList.push({ method: m, url: r.url });
  });
  app.decorate('routeList', routeList);

  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  for (const m of modules) await app.register(m.routes, { prefix: '/api' });

  const serveWeb = (opts.serveWeb ?? true) && fs.existsSync(path.join(WEB_DIST, 'index.html'));
  if (serveWeb) await app.register(fastifyStatic, { root: WEB_DIST, wildcard: false, index: false });
  app.setNotFoundHandler((req, reply) => {
    if (!req.url.startsWith('/api/') && serveWeb && SAFE_METHODS.has(req.method)) {
      return reply.type('text/html').sendFile('index.html');
    }
    return reply.status(404).send({ error: { code: 'NOT_FOUND', message: errorMessage('NOT_FOUND', req.locale) } });
  });
  return app;
}
