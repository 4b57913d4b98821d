import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/http.js';
import { hashPassword } from '../../platform/auth/sessions.js';
import { PASSWORD } from '../../test/fixture.js';
import { chinaDay } from './patrol.service.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.close());

const today = () => chinaDay();
const entry = (over: Record<string, unknown> = {}) => ({
  patrolDate: today(),
  startedAt: new Date(Date.now() - 3600_000).toISOString(),
  endedAt: new Date().toISOString(),
  notes: '巡查石榴园小区，发现3号楼楼道堆放杂物，已劝导清理。',
  route: [
    [123.701, 41.301],
    [123.705, 41.303],
  ],
  ...over,
});

describe('patrol log', () => {
  it('writes an entry for the grid worker’s only grid, audited', async () => {
    const grid = await t.as('grid');
    const res = await grid.call('POST', '/api/patrols', entry());
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ gridId: t.fx.nodes.G1.id, userId: t.fx.users.grid, routePoints: 2, abilities: { edit: true } });
    expect(res.json().route).toEqual(entry().route);
    const rows = await t.database.db.selectFrom('audit_log').selectAll().where('action', '=', 'patrol.create').execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ actor_id: t.fx.users.grid, entity: 'patrol_log', entity_id: String(res.json().id), node_id: t.fx.nodes.G1.id });
  });

  it('lets a grid worker write only for her own grid', async () => {
    const grid = await t.as('grid');
    expect((await grid.call('POST', '/api/patrols', entry({ gridId: t.fx.nodes.G4.id }))).statusCode).toBe(404);
    expect((await grid.call('POST', '/api/patrols', entry({ gridId: t.fx.nodes.G2.id }))).statusCode).toBe(404);
    const g4 = await (await t.as('grid4')).call('POST', '/api/patrols', entry({ notes: '东明社区日常巡查' }));
    expect(g4.json().gridId).toBe(t.fx.nodes.G4.id);
    expect((await (await t.as('community')).call('POST', '/api/patrols', entry({ gridId: t.fx.nodes.G1.id }))).statusCode).toBe(403);
  });

  it('lists entries in scope, newest first, filtered by grid and dates', async () => {
    const grid = (await (await t.as('grid')).call('GET', '/api/patrols')).json();
    expect(grid.items.map((p: any) => p.gridId)).toEqual([t.fx.nodes.G1.id]);
    const street = (await (await t.as('street')).call('GET', '/api/patrols')).json();
    expect(street.items.map((p: any) => p.gridId)).toEqual([t.fx.nodes.G1.id]);
    expect(street.items[0]).toMatchObject({ userDisplayName: 'grid', gridNameZh: '石榴园第一网格', abilities: { edit: false } });
    expect(street.items[0]).not.toHaveProperty('route');
    const district = (await (await t.as('district')).call('GET', '/api/patrols')).json();
    expect(district.total).toBe(2);
    expect(district.items.map((p: any) => p.gridId)).toEqual([t.fx.nodes.G4.id, t.fx.nodes.G1.id]);
    const community = await t.as('community');
    expect((await community.call('GET', `/api/patrols?gridId=${t.fx.nodes.G4.id}`)).statusCode).toBe(404);
    const byGrid = (await community.call('GET', `/api/patrols?gridId=${t.fx.nodes.G1.id}&from=${today()}&to=${today()}`)).json();
    expect(byGrid.total).toBe(1);
    expect((await community.call('GET', `/api/patrols?from=2020-01-01&to=2020-01-31`)).json().total).toBe(0);
    expect((await community.call('GET', `/api/patrols?from=2020-02-30`)).statusCode).toBe(400);
    expect((await (await t.as('admin')).call('GET', '/api/patrols')).statusCode).toBe(403);
    const other = (await (await t.as('street2')).call('GET', '/api/patrols')).json();
    expect(other.items.map((p: any) => p.gridId)).toEqual([t.fx.nodes.G4.id]);
    const g1Entry = grid.items[0].id;
    expect((await (await t.as('street2')).call('GET', `/api/patrols/${g1Entry}`)).statusCode).toBe(404);
  });

  it('validates notes, route size, time order and date', async () => {
    const grid = await t.as('grid');
    const bad = async (over: Record<string, unknown>) => (await grid.call('POST', '/api/patrols', entry(over))).json().error.code;
    expect(await bad({ notes: '   ' })).toBe('VALIDATION_FAILED');
    expect(await bad({ notes: 'x'.repeat(2001) })).toBe('VALIDATION_FAILED');
    expect(await bad({ route: Array.from({ length: 501 }, () => [123.7, 41.3]) })).toBe('VALIDATION_FAILED');
    expect(await bad({ route: [[200, 41.3]] })).toBe('VALIDATION_FAILED');
    expect(await bad({ startedAt: 'yesterday' })).toBe('VALIDATION_FAILED');
    expect(await bad({ endedAt: new Date(Date.now() - 7200_000).toISOString() })).toBe('PATROL_TIME_ORDER');
    expect(await bad({ patrolDate: '2999-01-01' })).toBe('PATROL_FUTURE_DATE');
    const ok = await grid.call('POST', '/api/patrols', entry({ route: Array.from({ length: 500 }, (_, i) => [123.7 + i / 1e5, 41.3]), endedAt: null }));
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({ routePoints: 500, endedAt: null });
  });

  it('lets the author correct an entry the same day only', async () => {
    const grid = await t.as('grid');
    const created = (await grid.call('POST', '/api/patrols', entry({ endedAt: null }))).json();
    const ended = new Date().toISOString();
    const res = await grid.call('PATCH', `/api/patrols/${created.id}`, { endedAt: ended, notes: '巡查结束，情况正常。' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ notes: '巡查结束，情况正常。' });
    expect(new Date(res.json().endedAt).toISOString()).toBe(ended);
    const audit = await t.database.db.selectFrom('audit_log').selectAll().where('action', '=', 'patrol.update').execute();
    expect(audit.map((a) => (a.detail as any).fields)).toEqual([['endedAt', 'notes']]);
    const notAuthor = await (await t.as('community')).call('PATCH', `/api/patrols/${created.id}`, { notes: '改写' });
    expect(notAuthor.statusCode).toBe(403);
    expect(notAuthor.json().error.code).toBe('FORBIDDEN'); // community staff hold no patrol.write
    expect((await (await t.as('grid4')).call('PATCH', `/api/patrols/${created.id}`, { notes: '改写' })).statusCode).toBe(404);
    const order = await grid.call('PATCH', `/api/patrols/${created.id}`, { endedAt: new Date(Date.now() - 86_400_000).toISOString() });
    expect(order.json().error.code).toBe('PATROL_TIME_ORDER');
    await t.database.db.updateTable('patrol_log').set({ created_at: new Date(Date.now() - 2 * 86_400_000) }).where('id', '=', created.id).execute();
    const late = await grid.call('PATCH', `/api/patrols/${created.id}`, { notes: '补记' });
    expect(late.statusCode).toBe(403);
    expect(late.json().error.code).toBe('PATROL_EDIT_CLOSED');
    expect((await grid.call('GET', `/api/patrols/${created.id}`)).json().abilities.edit).toBe(false);
  });

  it('asks a worker of several grids which grid she means', async () => {
    const db = t.database.db;
    const u = await db.insertInto('app_user').values({ username: 'twogrids', password_hash: await hashPassword(PASSWORD), display_name: '两网格', locale: 'zh-CN' }).returning('id').executeTakeFirstOrThrow();
    await db.insertInto('role_grant').values([{ user_id: u.id, role: 'grid_worker', node_id: t.fx.nodes.G1.id }, { user_id: u.id, role: 'grid_worker', node_id: t.fx.nodes.G2.id }]).execute();
    const two = await t.as('twogrids');
    const res = await two.call('POST', '/api/patrols?lang=en', entry());
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'GRID_REQUIRED', message: 'You look after several grids; please choose one' });
    expect((await two.call('POST', '/api/patrols', entry({ gridId: t.fx.nodes.G2.id }))).json().gridId).toBe(t.fx.nodes.G2.id);
  });
});
