/** HTTP routes of the patrol module. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import * as c from '../../../common/contracts/patrol.js';
import { idParams } from '../../../common/contracts/accounts.js';
import { requirePermission } from '../../platform/authz/index.js';
import { auditCtx } from '../../platform/http/context.js';
import * as svc from './patrol.service.js';

export const patrolRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.ctx;
  const tags = ['patrol'];
  app.get('/patrols', { schema: { tags, summary: 'Patrol log entries in scope, newest first', querystring: c.patrolListQuery } }, async (req) =>
    svc.listPatrols(db, requirePermission(req, 'patrol.read'), req.query),
  );
  app.get('/patrols/:id', { schema: { tags, summary: 'One patrol entry with its route', params: idParams } }, async (req) =>
    svc.getPatrol(db, requirePermission(req, 'patrol.read'), req.params.id),
  );
  app.post('/patrols', { schema: { tags, summary: 'Write an entry in one’s own patrol log', body: c.patrolCreateBody } }, async (req, reply) => {
    const actor = requirePermission(req, 'patrol.write');
    reply.status(201);
    return svc.createPatrol(db, actor, req.body, auditCtx(req));
  });
  app.patch('/patrols/:id', { schema: { tags, summary: 'Correct one’s own entry on the day it was written', params: idParams, body: c.patrolUpdateBody } }, async (req) =>
    svc.updatePatrol(db, requirePermission(req, 'patrol.write'), req.params.id, req.body, auditCtx(req)),
  );
};
