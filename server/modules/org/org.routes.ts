/** HTTP routes of the organisation module. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import * as c from '../../../common/contracts/org.js';
import { idParams } from '../../../common/contracts/accounts.js';
import { requirePermission } from '../../platform/authz/index.js';
import { auditCtx } from '../../platform/http/context.js';
import * as svc from './org.service.js';

export const orgRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.ctx;
  app.get('/org/tree', { schema: { tags: ['org'], summary: 'Nodes of one tree in the caller’s scope', querystring: c.treeQuery } }, async (req) => ({
    items: await svc.listTree(db, requirePermission(req, 'org.read'), req.query.tree, req.query.includeRetired),
  }));
  app.get('/org/nodes/:id', { schema: { tags: ['org'], summary: 'A node with figures, children, party organisations and staff', params: idParams } }, async (req) =>
    svc.getNode(db, requirePermission(req, 'org.read'), req.params.id),
  );
  app.post('/org/nodes', { schema: { tags: ['org'], summary: 'Create a node', body: c.nodeCreateBody } }, async (req, reply) => {
    const actor = requirePermission(req, 'org.manage');
    const node = await svc.createNode(db, actor, req.body, auditCtx(req));
    reply.status(201);
    return svc.getNode(db, actor, node.id);
  });
  app.patch('/org/nodes/:id', { schema: { tags: ['org'], params: idParams, body: c.nodeUpdateBody } }, async (req) => {
    const actor = requirePermission(req, 'org.manage');
    await svc.updateNode(db, actor, req.params.id, req.body, auditCtx(req));
    return svc.getNode(db, actor, req.params.id);
  });
  app.delete('/org/nodes/:id', { schema: { tags: ['org'], params: idParams } }, async (req) => {
    await svc.deleteNode(db, requirePermission(req, 'org.manage'), req.params.id, auditCtx(req));
    return { ok: true };
  });
};
