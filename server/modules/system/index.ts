/** Health and public client configuration. */
import { sql } from 'kysely';
import type { FastifyPluginAsync } from 'fastify';
import type { Module } from '../index.js';

const routes: FastifyPluginAsync = async (app) => {
  app.get('/health', { schema: { tags: ['system'], summary: 'Liveness and database check' } }, async (_req, reply) => {
    const started = Date.now();
    try {
      await sql`select 1`.execute(app.ctx.db);
    } catch {
      return reply.status(503).send({ status: 'error', database: app.ctx.kind });
    }
    return {
      status: 'ok',
      database: app.ctx.kind,
      dbLatencyMs: Date.now() - started,
      uptimeS: Math.round((Date.now() - app.ctx.startedAt.getTime()) / 1000),
      version: process.env.npm_package_version ?? '0.1.0',
    };
  });
  app.get('/config', { schema: { tags: ['system'], summary: 'Settings the web client needs' } }, async () => ({
    tileUrl: app.ctx.config.mapTileUrl,
    locales: ['zh-CN', 'en'],
  }));
};

export const systemModule: Module = { name: 'system', routes };
