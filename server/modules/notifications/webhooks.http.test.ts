import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/http.js';
import { PASSWORD } from '../../test/fixture.js';
import { hashPassword } from '../../platform/auth/sessions.js';
import { createNodeUnchecked } from '../org/index.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.close());

const HOOK = 'https://receiver.example.org/gongzhi';

describe('webhook subscriptions', () => {
  it('creates one on the admin’s node, shows the secret once, audited', async () => {
    const admin = await t.as('admin');
    const res = await admin.call('POST', '/api/webhooks', { url: HOOK, description: '区大数据中心', eventTypes: ['case.*', 'case.*'] });
    expect(res.statusCode).toBe(201);
    const created = res.json();
    expect(created).toMatchObject({ nodeId: t.fx.nodes.D.id, nodeNameZh: '平山区', url: HOOK, description: '区大数据中心', eventTypes: ['case.*'], active: true, lastDelivery: null });
    expect(created.secret).toMatch(/^whsec_[A-Za-z0-9_-]{32}$/);
    expect(created.secretHint).toBe(`whsec_…${created.secret.slice(-4)}`);
    const again = (await admin.call('GET', `/api/webhooks/${created.id}`)).json();
    expect(again).not.toHaveProperty('secret');
    expect(again.secretHint).toBe(created.secretHint);
    expect(JSON.stringify((await admin.call('GET', '/api/webhooks')).json())).not.toContain(created.secret);
    const audit = await t.database.db.selectFrom('audit_log').selectAll().where('action', '=', 'webhook.create').execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ entity: 'webhook', entity_id: String(created.id), node_id: t.fx.nodes.D.id });
    expect(JSON.stringify(audit[0]!.detail)).not.toContain(created.secret);
  });

  it('accepts only absolute http(s) URLs and well-formed event types', async () => {
    const admin = await t.as('admin');
    for (const url of ['ftp://example.org/x', 'javascript:alert(1)', 'example.org/hook', 'http://user:pw@example.org/', '']) {
      const res = await admin.call('POST', '/api/webhooks', { url });
      expect(res.statusCode, url).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION_FAILED');
    }
    for (const eventTypes of [['Case.Created'], ['case..x'], ['case.*.x'], 'case.*']) {
      expect((await admin.call('POST', '/api/webhooks', { url: HOOK, eventTypes })).statusCode).toBe(400);
    }
    expect((await admin.call('POST', '/api/webhooks', { url: 'http://127.0.0.1:8080/in', eventTypes: ['*'] })).statusCode).toBe(201);
  });

  it('lists, changes, rotates the secret, deletes — each audited', async () => {
    const admin = await t.as('admin');
    const list = (await admin.call('GET', '/api/webhooks')).json();
    expect(list.total).toBe(2);
    const id = list.items.find((w: any) => w.url === HOOK).id;
    const changed = await admin.call('PATCH', `/api/webhooks/${id}`, { active: false, eventTypes: [], description: '' });
    expect(changed.json()).toMatchObject({ active: false, eventTypes: [], description: '' });
    expect((await admin.call('PATCH', `/api/webhooks/${id}`, { url: 'file:///etc/passwd' })).statusCode).toBe(400);
    const before = (await admin.call('GET', `/api/webhooks/${id}`)).json().secretHint;
    const rotated = (await admin.call('POST', `/api/webhooks/${id}/rotate-secret`)).json();
    expect(rotated.secret).toMatch(/^whsec_/);
    expect(rotated.secretHint).not.toBe(before);
    const stored = await t.database.db.selectFrom('webhook').select('secret').where('id', '=', id).executeTakeFirstOrThrow();
    expect(stored.secret).toBe(rotated.secret);
    expect((await admin.call('DELETE', `/api/webhooks/${id}`)).json()).toEqual({ id, deleted: true });
    expect((await admin.call('GET', `/api/webhooks/${id}`)).statusCode).toBe(404);
    expect((await admin.call('DELETE', `/api/webhooks/${id}`)).statusCode).toBe(404);
    const actions = (await t.database.db.selectFrom('audit_log').select('action').where('entity', '=', 'webhook').where('entity_id', '=', String(id)).orderBy('id').execute()).map((a) => a.action);
    expect(actions).toEqual(['webhook.create', 'webhook.update', 'webhook.rotate_secret', 'webhook.delete']);
  });

  it('keeps subscriptions inside the administrator’s part of the tree', async () => {
    const db = t.database.db;
    const other = await createNodeUnchecked(db, { parentId: null, type: 'district', code: '210503', nameZh: '立山区', nameEn: 'Lishan District', geometry: null, bbox: null, adminNodeId: null });
    const admin = await t.as('admin');
    expect((await admin.call('POST', '/api/webhooks', { url: HOOK, nodeId: other.id })).statusCode).toBe(404);
    expect((await admin.call('POST', '/api/webhooks', { url: HOOK, nodeId: 99_999_999 })).statusCode).toBe(404);
    const theirs = await db.insertInto('webhook').values({ node_id: other.id, url: HOOK, secret: 'whsec_x' }).returning('id').executeTakeFirstOrThrow();
    expect((await admin.call('GET', `/api/webhooks/${theirs.id}`)).statusCode).toBe(404);
    expect((await admin.call('GET', `/api/webhooks/${theirs.id}/deliveries`)).statusCode).toBe(404);
    expect((await admin.call('POST', `/api/webhooks/${theirs.id}/ping`)).statusCode).toBe(404);
    expect((await admin.call('GET', '/api/webhooks')).json().items.map((w: any) => w.id)).not.toContain(theirs.id);
    // staff without webhook.manage: 403 whatever the target
    const district = await t.as('district');
    expect((await district.call('GET', '/api/webhooks')).statusCode).toBe(403);
    expect((await district.call('POST', '/api/webhooks', { url: HOOK })).statusCode).toBe(403);
    // an administrator of two districts names the one she means
    const u = await db.insertInto('app_user').values({ username: 'twodistricts', password_hash: await hashPassword(PASSWORD), display_name: '两区管理员', locale: 'zh-CN' }).returning('id').executeTakeFirstOrThrow();
    await db.insertInto('role_grant').values([{ user_id: u.id, role: 'admin', node_id: t.fx.nodes.D.id }, { user_id: u.id, role: 'admin', node_id: other.id }]).execute();
    const two = await t.as('twodistricts');
    const res = await two.call('POST', '/api/webhooks?lang=en', { url: HOOK });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'WEBHOOK_NODE_REQUIRED', message: 'You manage several units; please choose the unit this subscription belongs to' });
    expect((await two.call('POST', '/api/webhooks', { url: HOOK, nodeId: other.id })).json().nodeNameEn).toBe('Lishan District');
    expect((await two.call('GET', `/api/webhooks/${theirs.id}`)).statusCode).toBe(200);
  });

  it('caps the subscriptions of one node', async () => {
    const db = t.database.db;
    const n = Number((await db.selectFrom('webhook').where('node_id', '=', t.fx.nodes.D.id).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    await db.insertInto('webhook').values(Array.from({ length: 50 - n }, () => ({ node_id: t.fx.nodes.D.id, url: HOOK, secret: 'whsec_x' }))).execute();
    const res = await (await t.as('admin')).call('POST', '/api/webhooks', { url: HOOK });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('WEBHOOK_LIMIT');
  });
});
