/** GET /api/stats/cases over HTTP: scope, defaults, refusals, and figures that follow the workflow live. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/http.js';
import { chinaDayOf } from '../../../common/working-days.js';
import { caseStatsRoutes } from './case-stats.routes.js';

let t: TestApp;
let garbage: number;
beforeAll(async () => {
  t = await startTestApp();
  // Until the route is registered with the cases module, register it here (same prefix as the app's).
  if (!t.app.hasRoute({ method: 'GET', url: '/api/stats/cases' })) await t.app.register(caseStatsRoutes, { prefix: '/api' });
  garbage = (await t.database.db.selectFrom('case_category').select('id').where('code', '=', 'urban.exposed_garbage').executeTakeFirstOrThrow()).id;
});
afterAll(() => t?.close());

const get = async (user: string, qs = '') => (await t.as(user)).call('GET', `/api/stats/cases${qs}`);
const act = async (user: string, id: number, body: Record<string, unknown>) => {
  const res = await (await t.as(user)).call('POST', `/api/cases/${id}/actions`, body);
  expect(res.statusCode, res.body).toBe(200);
};

describe('GET /api/stats/cases', () => {
  it('answers for the caller’s top node and this month by default', async () => {
    const res = await get('street');
    expect(res.statusCode, res.body).toBe(200);
    const s = res.json();
    const today = chinaDayOf(new Date());
    expect(s.node).toMatchObject({ id: t.fx.nodes.S1.id, kind: 'area', type: 'street' });
    expect(s.up).toBeNull(); // the district is above the street operator's scope
    expect(s.period).toMatchObject({ from: today.slice(0, 8) + '01', to: today });
    expect(s.children.map((c: { node: { id: number } }) => c.node.id)).toEqual([t.fx.nodes.C1.id, t.fx.nodes.C2.id]);
    expect(s.departments).toEqual([]);
    expect(s.figures.rates.closure).toEqual({ num: 0, den: 0, value: null });
    expect(s.daily).toHaveLength(s.period.days);
    expect((await get('street', `?nodeId=${t.fx.nodes.C1.id}`)).json().up).toMatchObject({ id: t.fx.nodes.S1.id });
    const district = (await get('district')).json();
    expect(district.node.id).toBe(t.fx.nodes.D.id);
    expect(district.departments.map((x: { node: { id: number } }) => x.node.id)).toEqual([t.fx.nodes.DEP.id]);
  });

  it('follows the workflow: a case filed, dispatched, handled and verified shows at once', async () => {
    const filed = await (await t.as('resident')).call('POST', '/api/cases', { categoryId: garbage, description: '垃圾堆放多日无人清运', lat: 41.305, lng: 123.705 });
    expect(filed.statusCode, filed.body).toBe(201);
    const id = filed.json().id as number;
    await act('community', id, { action: 'accept' });
    await act('community', id, { action: 'dispatch', targetNodeId: t.fx.nodes.G1.id });
    await act('grid', id, { action: 'accept' });
    await act('grid', id, { action: 'finish', note: '已清运' });
    await act('community', id, { action: 'verify', resolved: true });
    const s = (await get('community')).json();
    expect(s.node.id).toBe(t.fx.nodes.C1.id);
    expect(s.figures.counts).toMatchObject({ received: 1, respondedOnTime: 1, closed: 1, resolved: 1, verified: 1, reworked: 0, dispatched: 1, open: 0 });
    expect(s.figures.rates.response).toEqual({ num: 1, den: 1, value: 1 });
    expect(s.figures.rates.resolution).toEqual({ num: 1, den: 1, value: 1 });
    const today = chinaDayOf(new Date());
    expect(s.daily.find((x: { day: string }) => x.day === today)).toEqual({ day: today, received: 1, closed: 1 });
    expect(s.categories[0]).toMatchObject({ code: 'urban', received: 1, closed: 1 });
    expect(s.sources).toEqual([{ source: 'resident', received: 1 }]);
    const street = (await get('street')).json();
    const c1 = street.children.find((c: { node: { id: number } }) => c.node.id === t.fx.nodes.C1.id);
    expect(c1.figures.counts).toMatchObject({ received: 1, closed: 1 });
    // another street sees nothing of it
    expect((await get('street2')).json().figures.counts.received).toBe(0);
  });

  it('hides nodes outside the scope and refuses callers without stats.read', async () => {
    expect((await get('street', `?nodeId=${t.fx.nodes.C3.id}`)).statusCode).toBe(404);
    expect((await get('community', `?nodeId=${t.fx.nodes.S1.id}`)).statusCode).toBe(404);
    expect((await get('street', '?nodeId=999999')).statusCode).toBe(404);
    expect((await get('grid')).statusCode).toBe(403);
    expect((await get('department')).statusCode).toBe(403);
    expect((await get('resident')).statusCode).toBe(403);
    expect((await t.anonymous.call('GET', '/api/stats/cases')).statusCode).toBe(401);
    // a street may look at a department of the district? No: it lies outside the street's scope.
    expect((await get('street', `?nodeId=${t.fx.nodes.DEP.id}`)).statusCode).toBe(404);
    expect((await get('district', `?nodeId=${t.fx.nodes.DEP.id}`)).json().node).toMatchObject({ id: t.fx.nodes.DEP.id, kind: 'department' });
  });

  it('refuses a bad period or a party node with a clear message', async () => {
    const order = await get('street', '?from=2026-03-10&to=2026-03-01');
    expect(order.statusCode).toBe(400);
    expect(order.json().error).toMatchObject({ code: 'STATS_PERIOD_ORDER', message: '统计期间有误：开始日期 2026-03-10 晚于结束日期 2026-03-01' });
    const long = await get('street', '?from=2020-01-01&to=2026-01-01&lang=en');
    expect(long.json().error).toMatchObject({ code: 'STATS_PERIOD_TOO_LONG', message: 'A period may cover at most 1096 days; choose a shorter one' });
    expect((await get('street', '?from=2026-02-30')).json().error.code).toBe('VALIDATION_FAILED');
    expect((await get('street', '?nodeId=abc')).json().error.code).toBe('VALIDATION_FAILED');
    const party = await get('district', `?nodeId=${t.fx.nodes.PB1.id}`);
    expect(party.statusCode).toBe(422);
    expect(party.json().error.code).toBe('STATS_NODE_KIND');
  });
});
