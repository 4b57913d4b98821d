import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/http.js';
import { notify, usersHolding } from './index.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.close());

const text = (n: number) => ({
  zh: { title: `事件 ${n} 已派遣到您单位`, body: `请在 1 个工作日内签收（${n}）` },
  en: { title: `Case ${n} was dispatched to your unit`, body: `Please sign within 1 working day (${n})` },
});
const send = (userIds: number[], n: number, over: Record<string, unknown> = {}) =>
  t.database.db.transaction().execute((tx) => notify(tx, { userIds, kind: 'case.dispatched', link: `/cases/${n}`, entity: 'case', entityId: n, ...text(n), ...over }));

describe('notify and usersHolding', () => {
  it('writes one row per distinct user with both languages, and nothing when the transaction rolls back', async () => {
    const { grid, community } = t.fx.users;
    const ids = await send([grid!, community!, grid!], 1);
    expect(ids).toHaveLength(2);
    const rows = await t.database.db.selectFrom('notification').selectAll().where('id', 'in', ids).orderBy('user_id').execute();
    expect(rows.map((r) => r.user_id).sort()).toEqual([grid, community].sort());
    expect(rows[0]).toMatchObject({ kind: 'case.dispatched', link: '/cases/1', entity: 'case', entity_id: '1', title_zh: '事件 1 已派遣到您单位', title_en: 'Case 1 was dispatched to your unit', read_at: null });
    await expect(
      t.database.db.transaction().execute(async (tx) => {
        await notify(tx, { userIds: [grid!], kind: 'x.y', link: null, entity: null, entityId: null, ...text(99) });
        throw new Error('rollback');
      }),
    ).rejects.toThrow('rollback');
    expect(await t.database.db.selectFrom('notification').select('id').where('title_en', 'like', '%99%').execute()).toEqual([]);
    expect(await send([], 2)).toEqual([]);
  });

  it('refuses a link that is not an app path and an empty title; clips long texts', async () => {
    await expect(send([t.fx.users.grid!], 3, { link: 'https://evil.example/' })).rejects.toThrow(/app path/);
    await expect(send([t.fx.users.grid!], 3, { link: '//evil.example/' })).rejects.toThrow(/app path/);
    await expect(send([t.fx.users.grid!], 3, { zh: { title: ' ', body: '' } })).rejects.toThrow(/title/);
    const [id] = await send([t.fx.users.grid!], 4, { en: { title: 'T'.repeat(500), body: 'b'.repeat(3000) } });
    const row = await t.database.db.selectFrom('notification').selectAll().where('id', '=', id!).executeTakeFirstOrThrow();
    expect(row.title_en).toHaveLength(200);
    expect(row.title_en.endsWith('…')).toBe(true);
    expect(row.body_en).toHaveLength(2000);
  });

  it('finds the staff of exactly one node who hold a permission', async () => {
    const { G1, C1, S1, DEP } = t.fx.nodes;
    const db = t.database.db;
    expect(await usersHolding(db, G1.id, 'patrol.write')).toEqual([t.fx.users.grid]);
    // the resident at G1 holds case.report, not case.handle; the grid worker holds both
    expect(await usersHolding(db, G1.id, 'case.handle')).toEqual([t.fx.users.grid]);
    expect((await usersHolding(db, G1.id, 'case.report')).sort()).toEqual([t.fx.users.grid, t.fx.users.resident].sort());
    expect(await usersHolding(db, C1.id, 'case.dispatch')).toEqual([t.fx.users.community]);
    expect(await usersHolding(db, S1.id, 'case.whistle')).toEqual([t.fx.users.street]); // not the mediator granted on S1
    expect(await usersHolding(db, DEP.id, 'case.handle')).toEqual([t.fx.users.department]);
    expect(await usersHolding(db, G1.id, 'webhook.manage')).toEqual([]);
    await db.updateTable('app_user').set({ disabled: true }).where('id', '=', t.fx.users.department!).execute();
    expect(await usersHolding(db, DEP.id, 'case.handle')).toEqual([]);
    await db.updateTable('app_user').set({ disabled: false }).where('id', '=', t.fx.users.department!).execute();
  });
});

describe('notifications API', () => {
  it('lists one’s own notifications newest first, in the caller’s language, with the unread count', async () => {
    const u = t.fx.users.street2!;
    await send([u], 10);
    await send([u], 11);
    await send([u], 12);
    const street2 = await t.as('street2');
    const zh = (await street2.call('GET', '/api/notifications')).json();
    expect(zh).toMatchObject({ total: 3, unread: 3, page: 1, pageSize: 20 });
    expect(zh.items.map((i: any) => i.title)).toEqual(['事件 12 已派遣到您单位', '事件 11 已派遣到您单位', '事件 10 已派遣到您单位']);
    expect(zh.items[0]).toMatchObject({ kind: 'case.dispatched', link: '/cases/12', entity: 'case', entityId: '12', read: false, readAt: null, body: '请在 1 个工作日内签收（12）' });
    const en = (await street2.call('GET', '/api/notifications?lang=en&pageSize=2&page=2')).json();
    expect(en.items.map((i: any) => i.title)).toEqual(['Case 10 was dispatched to your unit']);
    expect(en.total).toBe(3);
    // nobody else sees them
    expect((await (await t.as('community3')).call('GET', '/api/notifications')).json().total).toBe(0);
  });

  it('marks one read (audited), filters unread, and answers 404 for someone else’s', async () => {
    const street2 = await t.as('street2');
    const list = (await street2.call('GET', '/api/notifications')).json();
    const newest = list.items[0].id;
    const res = await street2.call('POST', `/api/notifications/${newest}/read`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ notification: { id: newest, read: true }, unread: 2 });
    expect((await street2.call('POST', `/api/notifications/${newest}/read`)).json().unread).toBe(2); // again: no change
    const audits = await t.database.db.selectFrom('audit_log').selectAll().where('action', '=', 'notification.read').execute();
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ actor_id: t.fx.users.street2, entity: 'notification', entity_id: String(newest) });
    const unread = (await street2.call('GET', '/api/notifications?unread=true')).json();
    expect(unread).toMatchObject({ total: 2, unread: 2 });
    expect(unread.items.every((i: any) => !i.read)).toBe(true);
    const other = await t.as('community3');
    const stolen = await other.call('POST', `/api/notifications/${list.items[1].id}/read`);
    expect(stolen.statusCode).toBe(404);
    expect(stolen.json().error.code).toBe('NOT_FOUND');
    expect((await other.call('POST', '/api/notifications/999999999/read')).statusCode).toBe(404);
    expect((await street2.call('POST', '/api/notifications/abc/read')).statusCode).toBe(400);
    expect((await street2.call('GET', '/api/notifications?unread=maybe')).statusCode).toBe(400);
  });

  it('marks all read, audited once with the count', async () => {
    const street2 = await t.as('street2');
    const res = await street2.call('POST', '/api/notifications/read-all');
    expect(res.json()).toEqual({ updated: 2, unread: 0 });
    expect((await street2.call('POST', '/api/notifications/read-all')).json()).toEqual({ updated: 0, unread: 0 });
    const audits = await t.database.db.selectFrom('audit_log').selectAll().where('action', '=', 'notification.read_all').execute();
    expect(audits.map((a) => a.detail)).toEqual([{ count: 2 }]);
    expect((await street2.call('GET', '/api/notifications')).json()).toMatchObject({ total: 3, unread: 0 });
  });

  it('needs a signed-in caller and refuses a stream request that does not accept an event stream', async () => {
    expect((await t.anonymous.call('GET', '/api/notifications')).statusCode).toBe(401);
    expect((await t.anonymous.call('GET', '/api/notifications/stream', undefined, { accept: 'text/event-stream' })).statusCode).toBe(401);
    const res = await (await t.as('grid')).call('GET', '/api/notifications/stream?lang=en', undefined, { accept: 'application/json' });
    expect(res.statusCode).toBe(406);
    expect(res.json().error).toMatchObject({ code: 'STREAM_NOT_ACCEPTED', message: 'This address is a live event stream; the request must accept text/event-stream' });
  });
});
