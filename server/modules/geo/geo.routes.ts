/** HTTP routes of the geo module: parse → authorize → one use case → present. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import * as c from '../../../common/contracts/geo.js';
import { idParams } from '../../../common/contracts/accounts.js';
import { requireActor, requirePermission } from '../../platform/authz/index.js';
import { auditCtx } from '../../platform/http/context.js';
import { AppError } from '../../platform/http/errors.js';
import * as svc from './geo.service.js';
import { importGrids, type ImportInput } from './geo-import.service.js';
import { mergeGrids, splitGrid } from './geo-redivide.service.js';
import { setDefaultGridDb } from './grid-freshness.js';

export const geoRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, config } = app.ctx;
  setDefaultGridDb(db);
  // GeoJSON's own media type: kept as text so a broken file gets the import report, not a bare 400.
  app.addContentTypeParser('application/geo+json', { parseAs: 'string', bodyLimit: config.importLimitBytes }, (_req, body, done) => done(null, body));

  app.get(
    '/geo/grids',
    { schema: { tags: ['geo'], summary: 'Grid (or community / street) outlines in the caller’s scope as GeoJSON, with counts', querystring: c.gridsQuery } },
    async (req) => svc.areaFeatures(db, requirePermission(req, 'org.read'), req.query),
  );

  app.get('/geo/locate', { schema: { tags: ['geo'], summary: 'The grid, community and street containing a point', querystring: c.locateQuery } }, async (req) => {
    requireActor(req);
    const found = await svc.locate(req.query.lat, req.query.lng, db);
    if (!found) throw new AppError(404, 'POINT_OUTSIDE');
    return found;
  });

  app.post(
    '/geo/import-grids',
    {
      bodyLimit: config.importLimitBytes,
      schema: {
        tags: ['geo'],
        summary: 'Import grid polygons: a GeoJSON FeatureCollection as the JSON body or as a multipart upload (field "file"); all or nothing',
        querystring: c.importQuery,
      },
    },
    async (req, reply) => {
      const actor = requirePermission(req, 'grid.manage');
      let input: ImportInput;
      let filename: string | null = null;
      if (req.isMultipart()) {
        const file = await req.file();
        if (!file || file.fieldname !== 'file') throw new AppError(400, 'FILE_REQUIRED');
        input = { text: (await file.toBuffer()).toString('utf8') };
        filename = file.filename || null;
      } else input = typeof req.body === 'string' ? { text: req.body } : { json: req.body };
      const result = await importGrids(db, actor, input, { dryRun: req.query.dryRun, locale: req.locale, audit: auditCtx(req), filename });
      reply.status(result.dryRun ? 200 : 201);
      return result;
    },
  );

  app.post(
    '/geo/grids/:id/split',
    { bodyLimit: config.importLimitBytes, schema: { tags: ['geo'], summary: 'Split a grid into parts; the grid is retired and its contents move', params: idParams, body: c.splitBody } },
    async (req, reply) => {
      const result = await splitGrid(db, requirePermission(req, 'grid.manage'), req.params.id, req.body, auditCtx(req), req.locale);
      reply.status(201);
      return result;
    },
  );

  app.post(
    '/geo/grids/merge',
    { schema: { tags: ['geo'], summary: 'Merge grids of one community into a new grid; the old grids are retired', body: c.mergeBody } },
    async (req, reply) => {
      const result = await mergeGrids(db, requirePermission(req, 'grid.manage'), req.body, auditCtx(req));
      reply.status(201);
      return result;
    },
  );

  app.get('/geo/grids/:id/history', { schema: { tags: ['geo'], summary: 'A grid’s changes, predecessors and successors', params: idParams } }, async (req) =>
    svc.gridHistory(db, requirePermission(req, 'org.read'), req.params.id),
  );
};
