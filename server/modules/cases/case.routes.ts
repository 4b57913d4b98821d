/** HTTP routes of the cases module. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import * as c from '../../../common/contracts/cases.js';
import { forbidden } from '../../platform/http/errors.js';
import { holds, requireActor, requirePermission, type Actor } from '../../platform/authz/index.js';
import { auditCtx } from '../../platform/http/context.js';
import type { FastifyRequest } from 'fastify';
import { reportCase, nearbyOpenCases, filedSummary } from './case-intake.service.js';
import { actOnCase } from './case-actions.service.js';
import { getCase, listCases, dispatchTargets } from './case-query.service.js';
import { followCase, unfollowCase, readCopy, publishPhoto } from './case-extras.service.js';
import { listPublicCases, getPublicCase } from './case-public.service.js';
import { blowWhistle, decideWhistle, summonsStep, rateSummons } from './case-whistle.service.js';
import { listWhistles } from './case-whistle.list.js';
import { exportCases } from './case-export.service.js';
import { contentDisposition } from '../../platform/files/table-file.js';

/** A signed-in user who may see some cases: staff with case.read, or anyone who may report. */
function caseUser(req: FastifyRequest): Actor {
  const actor = requireActor(req);
  if (!holds(actor, 'case.read') && !holds(actor, 'case.report')) throw forbidden();
  return actor;
}

export const caseRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.ctx;
  const tags = ['cases'];
  app.post(
    '/cases',
    {
      schema: {
        tags,
        summary: 'File a case (a resident’s report, a patrol finding, a phone call). Send an Idempotency-Key header to make retries safe.',
        body: c.caseReportBody,
        headers: z.object({ 'idempotency-key': z.string().max(200).optional() }).passthrough(),
      },
    },
    async (req, reply) => {
      const actor = requirePermission(req, 'case.report');
      const res = await reportCase(db, actor, req.body, req.headers['idempotency-key'], auditCtx(req));
      reply.status(res.replayed ? 200 : 201);
      // A short answer (the confirmation needs little; the case page reads the rest): intake stays cheap.
      const [summary, nearby] = await Promise.all([
        filedSummary(db, res.id),
        res.replayed ? [] : nearbyOpenCases(db, { categoryId: req.body.categoryId, lat: req.body.lat, lng: req.body.lng }).then((n) => n.filter((x) => x.id !== res.id)),
      ]);
      return { ...summary, replayed: res.replayed, nearby };
    },
  );
  app.get('/cases/nearby', { schema: { tags, summary: 'Open cases of a category within 250 m (duplicate hint while reporting)', querystring: c.caseNearbyQuery } }, async (req) => {
    requirePermission(req, 'case.report');
    return { items: await nearbyOpenCases(db, req.query) };
  });
  app.get('/cases', { schema: { tags, summary: 'Cases the caller may see: inbox, board below, own reports, search', querystring: c.caseListQuery } }, async (req) =>
    listCases(db, caseUser(req), req.query),
  );
  app.get('/cases/export', { schema: { tags, summary: 'The filtered list as a CSV or XLSX file (no personal data; at most 20,000 rows)', querystring: c.caseExportQuery } }, async (req, reply) => {
    const { format, ...q } = req.query;
    const file = await exportCases(db, caseUser(req), q, format, req.locale);
    reply.header('content-type', file.contentType).header('content-disposition', contentDisposition(file.filename));
    return reply.send(file.body);
  });
  app.get('/cases/:id', { schema: { tags, summary: 'One case with its timeline and the caller’s abilities', params: c.caseIdParams } }, async (req) =>
    getCase(db, caseUser(req), req.params.id),
  );
  app.get('/cases/:id/targets', { schema: { tags, summary: 'Where the holder may dispatch or hand up the case', params: c.caseIdParams } }, async (req) => {
    const actor = requireActor(req);
    if (!holds(actor, 'case.handle') && !holds(actor, 'case.dispatch')) throw forbidden();
    return dispatchTargets(db, actor, req.params.id);
  });
  app.post('/cases/:id/actions', { schema: { tags, summary: 'Take a workflow action (accept, dispatch, finish, verify, rate …)', params: c.caseIdParams, body: c.caseActionBody } }, async (req) => {
    const actor = caseUser(req);
    await actOnCase(db, actor, req.params.id, req.body, auditCtx(req));
    return getCase(db, actor, req.params.id);
  });
  app.post('/cases/:id/follow', { schema: { tags, summary: 'Follow an open case', params: c.caseIdParams } }, async (req) => {
    const actor = requirePermission(req, 'case.report');
    await followCase(db, actor, req.params.id, auditCtx(req));
    return getCase(db, actor, req.params.id);
  });
  app.delete('/cases/:id/follow', { schema: { tags, summary: 'Stop following a case', params: c.caseIdParams } }, async (req, reply) => {
    await unfollowCase(db, requirePermission(req, 'case.report'), req.params.id, auditCtx(req));
    reply.status(204);
  });
  app.post('/cases/:id/read', { schema: { tags, summary: 'Mark a carbon copy as read', params: c.caseIdParams } }, async (req) => {
    const actor = requirePermission(req, 'case.read');
    await readCopy(db, actor, req.params.id, auditCtx(req));
    return getCase(db, actor, req.params.id);
  });
  app.put('/cases/:id/photos/:mediaId/public', { schema: { tags, summary: 'Approve a photo for the public view', params: c.casePhotoParams } }, async (req) => {
    const actor = requirePermission(req, 'case.dispatch');
    await publishPhoto(db, actor, req.params.id, req.params.mediaId, true, auditCtx(req));
    return getCase(db, actor, req.params.id);
  });
  app.delete('/cases/:id/photos/:mediaId/public', { schema: { tags, summary: 'Withdraw a photo from the public view', params: c.casePhotoParams } }, async (req) => {
    const actor = requirePermission(req, 'case.dispatch');
    await publishPhoto(db, actor, req.params.id, req.params.mediaId, false, auditCtx(req));
    return getCase(db, actor, req.params.id);
  });
  app.post('/cases/:id/whistles', { schema: { tags, summary: 'Blow a whistle summoning departments (街乡吹哨)', params: c.caseIdParams, body: c.whistleBody } }, async (req, reply) => {
    const actor = requirePermission(req, 'case.whistle');
    await blowWhistle(db, actor, req.params.id, req.body, auditCtx(req));
    reply.status(201);
    return getCase(db, actor, req.params.id);
  });
  app.get('/whistles', { schema: { tags, summary: 'Whistles summoning the caller’s departments, blown by the caller’s units, or waiting for the caller’s approval', querystring: c.whistleListQuery } }, async (req) => {
    const actor = requirePermission(req, 'case.read');
    return listWhistles(db, actor, req.query);
  });
  app.post('/whistles/:id/decide', { schema: { tags, summary: 'The principal leader approves or refuses a tough whistle', params: c.whistleParams, body: c.whistleDecideBody } }, async (req) => {
    const actor = requirePermission(req, 'case.whistle.approve');
    return getCase(db, actor, await decideWhistle(db, actor, req.params.id, req.body, auditCtx(req)));
  });
  app.post('/whistles/:id/summons/:summonsId', { schema: { tags, summary: 'A summoned department signs, makes contact or reports on site', params: c.summonsParams, body: c.summonsActionBody } }, async (req) => {
    const actor = requirePermission(req, 'case.handle');
    return getCase(db, actor, await summonsStep(db, actor, req.params.id, req.params.summonsId, req.body, auditCtx(req)));
  });
  app.post('/whistles/:id/summons/:summonsId/rating', { schema: { tags, summary: 'The whistling street rates a department', params: c.summonsParams, body: c.summonsRatingBody } }, async (req) => {
    const actor = requirePermission(req, 'case.whistle');
    return getCase(db, actor, await rateSummons(db, actor, req.params.id, req.params.summonsId, req.body, auditCtx(req)));
  });
  app.get('/public/cases', { schema: { tags, summary: 'Public list of cases, personal data removed (no sign-in)', querystring: c.publicCaseListQuery } }, async (req) => listPublicCases(db, req.query));
  app.get('/public/cases/:id', { schema: { tags, summary: 'One public case with its public timeline', params: c.caseIdParams } }, async (req) => getPublicCase(db, req.params.id));
};
