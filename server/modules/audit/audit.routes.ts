/** HTTP route of the audit-log API. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import * as c from '../../../common/contracts/audit.js';
import { requirePermission } from '../../platform/authz/index.js';
import * as svc from './audit.service.js';

export const auditRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.ctx;
  app.get('/audit', { schema: { tags: ['audit'], summary: 'Audit log in scope, newest first; reveals: action=personal.reveal', querystring: c.auditListQuery } }, async (req) =>
    svc.listAudit(db, requirePermission(req, 'audit.read'), req.query),
  );
};
