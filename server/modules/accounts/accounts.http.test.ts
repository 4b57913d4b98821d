import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/http.js';
import { PASSWORD } from '../../test/fixture.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.close());

describe('sign-in', () => {
  it('logs in with the right password and returns grants and a CSRF token', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'grid', password: PASSWORD } });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.username).toBe('grid');
    expect(body.grants[0].role).toBe('grid_worker');
    expect(body.permissions).toContain('personal.reveal');
    expect(body.csrfToken).toMatch(/.{20,}/);
    const cookie = res.cookies.find((c) => c.name === 'gz_session')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Lax');
  });

  it('refuses a wrong password with 401 and a translated message', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'street', password: 'nope' }, headers: { 'accept-language': 'en' } });
    expect(res.statusCode).toBe(401);
    expect(res.json().error).toEqual({ code: 'AUTH_INVALID_CREDENTIALS', message: 'Wrong username or password' });
    const zh = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'street', password: 'nope' } });
    expect(zh.json().error.message).toBe('用户名或密码错误');
  });

  it('throttles a username after five failures, even with the right password', async () => {
    for (let i = 0; i < 5; i++) await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'mediator', password: 'wrong' } });
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'mediator', password: PASSWORD } });
    expect(res.statusCode).toBe(429);
    expect(res.json().error.code).toBe('AUTH_THROTTLED');
  });

  it('answers malformed JSON, wrong types and oversized bodies with stable codes', async () => {
    const bad = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: '{"username":', headers: { 'content-type': 'application/json' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('MALFORMED_JSON');
    const types = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 5, password: [] } });
    expect(types.statusCode).toBe(400);
    expect(types.json().error.code).toBe('VALIDATION_FAILED');
    expect(types.json().error.details[0].path).toMatch(/^body\./);
    const huge = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: JSON.stringify({ username: 'x', password: 'y'.repeat(2 * 1024 * 1024) }), headers: { 'content-type': 'application/json' } });
    expect(huge.statusCode).toBe(413);
    expect(huge.json().error.code).toBe('BODY_TOO_LARGE');
  });

  it('requires the CSRF token for cookie-authenticated writes', async () => {
    const grid = await t.as('grid');
    const res = await t.app.inject({ method: 'PUT', url: '/api/auth/locale', payload: { locale: 'en' }, headers: { cookie: grid.cookie } });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('CSRF_INVALID');
    const ok = await grid.call('PUT', '/api/auth/locale', { locale: 'en' });
    expect(ok.statusCode).toBe(200);
    await grid.call('PUT', '/api/auth/locale', { locale: 'zh-CN' });
  });

  it('logs out: the cookie no longer works', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'department', password: PASSWORD } });
    const cookie = `gz_session=${res.cookies.find((c) => c.name === 'gz_session')!.value}`;
    const csrf = res.json().csrfToken;
    expect((await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie, 'x-csrf-token': csrf } })).statusCode).toBe(200);
    const me = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });
    expect(me.statusCode).toBe(401);
  });
});

describe('users and grants', () => {
  it('lets the admin create a user, grant a role, and refuses a role on the wrong node type', async () => {
    const admin = await t.as('admin');
    const created = await admin.call('POST', '/api/users', { username: 'newgrid', displayName: '新网格员', password: 'a-long-password', locale: 'zh-CN' });
    expect(created.statusCode).toBe(201);
    const id = created.json().id;
    const dup = await admin.call('POST', '/api/users', { username: 'newgrid', displayName: 'x', password: 'a-long-password' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.code).toBe('USERNAME_TAKEN');
    const wrong = await admin.call('POST', `/api/users/${id}/grants`, { role: 'grid_worker', nodeId: t.fx.nodes.C1.id });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.code).toBe('GRANT_NODE_TYPE');
    const ok = await admin.call('POST', `/api/users/${id}/grants`, { role: 'grid_worker', nodeId: t.fx.nodes.G2.id });
    expect(ok.statusCode).toBe(201);
    expect(ok.json().grants).toHaveLength(1);
    const audit = await t.database.db.selectFrom('audit_log').selectAll().where('entity', '=', 'user').where('entity_id', '=', String(id)).execute();
    expect(audit.map((a) => a.action).sort()).toEqual(['grant.add', 'user.create']);
  });

  it('refuses a weak password and keeps the last admin', async () => {
    const admin = await t.as('admin');
    const weak = await admin.call('POST', '/api/users', { username: 'weakling', displayName: 'w', password: 'short' });
    expect(weak.json().error.code).toBe('PASSWORD_TOO_WEAK');
    const last = await admin.call('PATCH', `/api/users/${t.fx.users.admin}`, { disabled: true });
    expect(last.statusCode).toBe(409);
    expect(last.json().error.code).toBe('LAST_ADMIN');
  });

  it('hides users management from non-admins', async () => {
    const street = await t.as('street');
    expect((await street.call('GET', '/api/users')).statusCode).toBe(403);
    expect((await t.anonymous.call('GET', '/api/users')).statusCode).toBe(401);
  });

  it('resets a password: old sessions end, the user must change it', async () => {
    const admin = await t.as('admin');
    const res = await admin.call('POST', `/api/users/${t.fx.users.community3}/reset-password`, { password: 'brand-new-password' });
    expect(res.statusCode).toBe(200);
    const login = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'community3', password: 'brand-new-password' } });
    expect(login.json().mustChangePassword).toBe(true);
  });
});
