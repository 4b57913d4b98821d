/** HTTP routes of the categories module. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import * as c from '../../../common/contracts/categories.js';
import { idParams } from '../../../common/contracts/accounts.js';
import { requirePermission } from '../../platform/authz/index.js';
import { auditCtx } from '../../platform/http/context.js';
import * as svc from './categories.service.js';

export const categoriesRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.ctx;
  const tags = ['categories'];
  app.get('/categories', { schema: { tags, summary: 'The active category tree (public); ?all=1 adds inactive ones (case.configure)', querystring: c.categoryListQuery } }, async (req) => {
    if (req.query.all) requirePermission(req, 'case.configure');
    return svc.listCategories(db, { all: !!req.query.all });
  });
  app.get('/categories/search', { schema: { tags, summary: 'Leaves matching a Chinese fragment, an English word or a keyword (public)', querystring: c.categorySearchQuery } }, async (req) =>
    svc.searchCategories(db, req.actor, req.query.q),
  );
  app.get('/categories/:id', { schema: { tags, summary: 'One category with its own and resolved deadline limits', params: idParams } }, async (req) =>
    svc.getCategory(db, req.actor, req.params.id),
  );
  app.post('/categories', { schema: { tags, summary: 'Create a category', body: c.categoryCreateBody } }, async (req, reply) => {
    const actor = requirePermission(req, 'case.configure');
    reply.status(201);
    return svc.createCategory(db, actor, req.body, auditCtx(req));
  });
  app.patch('/categories/:id', { schema: { tags, summary: 'Rename, move, set limits or defaults, publish, (de)activate or reorder a category', params: idParams, body: c.categoryUpdateBody } }, async (req) =>
    svc.updateCategory(db, requirePermission(req, 'case.configure'), req.params.id, req.body, auditCtx(req)),
  );
};
