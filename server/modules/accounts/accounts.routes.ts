/** HTTP routes of the accounts module: parse → authorize → one use case → present. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import * as c from '../../../common/contracts/accounts.js';
import { requireActor, requirePermission, abilitiesOn } from '../../platform/authz/index.js';
import { auditCtx } from '../../platform/http/context.js';
import { SESSION_COOKIE, loadActor } from '../../platform/auth/sessions.js';
import { PERMISSIONS } from '../../../common/permissions.js';
import * as svc from './accounts.service.js';

export const accountsRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, config } = app.ctx;
  const cookieOpts = { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: config.secureCookies };

  /** The signed-in user as the web client sees it: grants and what each grant allows. */
  const me = (actor: NonNullable<Awaited<ReturnType<typeof loadActor>>>) => ({
    id: actor.userId,
    username: actor.username,
    displayName: actor.displayName,
    locale: actor.locale,
    residentId: actor.residentId,
    mustChangePassword: actor.mustChangePassword,
    csrfToken: actor.csrfToken,
    grants: actor.grants.map((g) => ({ ...g, nodePath: undefined, permissions: abilitiesOn({ ...actor, grants: [g] }, g.nodePath) })),
    permissions: PERMISSIONS.filter((p) => actor.grants.some((g) => abilitiesOn({ ...actor, grants: [g] }, g.nodePath).includes(p))),
  });

  app.post(
    '/auth/login',
    {
      schema: { tags: ['auth'], summary: 'Sign in with username and password; sets the session cookie', body: c.loginBody },
      config: { rateLimit: { max: 60, timeWindow: '1 minute' } },
    },
    async (req, reply) => {
      const s = await svc.login(db, req.body, { ip: req.ip, userAgent: req.headers['user-agent'] ?? null, sessionHours: config.sessionHours });
      reply.setCookie(SESSION_COOKIE, s.token, { ...cookieOpts, expires: s.expiresAt });
      const actor = (await loadActor(db, s.token))!;
      return me(actor);
    },
  );

  app.post('/auth/logout', { schema: { tags: ['auth'], summary: 'Sign out' } }, async (req, reply) => {
    if (req.sessionToken) await svc.logout(db, req.sessionToken, auditCtx(req));
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return { ok: true };
  });

  app.get('/auth/me', { schema: { tags: ['auth'], summary: 'The signed-in user, grants and permissions' } }, async (req) => me(requireActor(req)));

  app.post('/auth/password', { schema: { tags: ['auth'], summary: 'Change one’s own password', body: c.changePasswordBody } }, async (req) => {
    await svc.changePassword(db, requireActor(req), req.body, auditCtx(req));
    return { ok: true };
  });

  app.put('/auth/locale', { schema: { tags: ['auth'], summary: 'Set one’s interface language', body: c.localeBody } }, async (req) => {
    await svc.setLocale(db, requireActor(req), req.body.locale);
    return { ok: true };
  });

  app.get('/users', { schema: { tags: ['users'], summary: 'Users the caller manages', querystring: c.userListQuery } }, async (req) => {
    const actor = requirePermission(req, 'user.manage');
    return svc.listUsers(db, actor, req.query.q, req.query.page, req.query.pageSize);
  });

  app.get('/users/:id', { schema: { tags: ['users'], params: c.idParams } }, async (req) => {
    const actor = requirePermission(req, 'user.manage');
    return svc.getManagedUser(db, actor, req.params.id);
  });

  app.post('/users', { schema: { tags: ['users'], summary: 'Create a user', body: c.userCreateBody } }, async (req, reply) => {
    const actor = requirePermission(req, 'user.manage');
    reply.status(201);
    return svc.createUser(db, actor, req.body, auditCtx(req));
  });

  app.patch('/users/:id', { schema: { tags: ['users'], params: c.idParams, body: c.userUpdateBody } }, async (req) => {
    const actor = requirePermission(req, 'user.manage');
    return svc.updateUser(db, actor, req.params.id, req.body, auditCtx(req));
  });

  app.post('/users/:id/reset-password', { schema: { tags: ['users'], params: c.idParams, body: c.resetPasswordBody } }, async (req) => {
    const actor = requirePermission(req, 'user.manage');
    await svc.resetPassword(db, actor, req.params.id, req.body.password, auditCtx(req));
    return { ok: true };
  });

  app.post('/users/:id/grants', { schema: { tags: ['users'], summary: 'Grant a role on a node', params: c.idParams, body: c.grantBody } }, async (req, reply) => {
    const actor = requirePermission(req, 'user.manage');
    reply.status(201);
    return svc.addGrant(db, actor, req.params.id, req.body, auditCtx(req));
  });

  app.delete(
    '/users/:id/grants/:grantId',
    { schema: { tags: ['users'], params: z.object({ id: c.id, grantId: c.id }) } },
    async (req) => {
      const actor = requirePermission(req, 'user.manage');
      return svc.removeGrant(db, actor, req.params.id, req.params.grantId, auditCtx(req));
    },
  );
};
