import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/http.js';
import { hashPassword } from '../../platform/auth/sessions.js';
import { PASSWORD } from '../../test/fixture.js';
import { createNodeUnchecked } from '../org/index.js';

let t: TestApp;
let otherDistrictId: number;
beforeAll(async () => {
  t = await startTestApp();
  const db = t.database.db;
  // A second jurisdiction under a city root: its district operator reads audit.read on a non-root node.
  const city = await createNodeUnchecked(db, { parentId: null, type: 'city', code: '2105', nameZh: '本溪市', nameEn: 'Benxi City' });
  const district = await createNodeUnchecked(db, { parentId: city.id, type: 'district', code: '210521', nameZh: '本溪县', nameEn: 'Benxi County' });
  otherDistrictId = district.id;
  const u = await db.insertInto('app_user').values({ username: 'otherdistrict', password_hash: await hashPassword(PASSWORD), display_name: '外区', locale: 'zh-CN' }).returning('id').executeTakeFirstOrThrow();
  await db.insertInto('role_grant').values({ user_id: u.id, role: 'district_operator', node_id: district.id }).execute();
  // Some audited activity: two reveals in G1 and G4, a patrol in G1, an audit row on the other district.
  await (await t.as('grid')).call('POST', `/api/people/residents/${t.fx.residents.g1_head}/reveal`, { field: 'phone', reason: '联系家属' });
  await (await t.as('grid4')).call('POST', `/api/people/residents/${t.fx.residents.g4_head}/reveal`, { field: 'health', reason: '探访前了解病情' });
  await db.insertInto('audit_log').values({ actor_id: u.id, action: 'org.node_update', entity: 'org_node', entity_id: String(district.id), node_id: district.id, detail: '{}' }).execute();
});
afterAll(() => t?.close());

describe('audit log API', () => {
  it('finds reveals easily, newest first, with who, what, where, when and why', async () => {
    const district = await t.as('district');
    const res = await district.call('GET', '/api/audit?action=personal.reveal');
    expect(res.statusCode).toBe(200);
    const items = res.json().items;
    expect(items.map((a: any) => a.actor.username)).toEqual(['grid4', 'grid']);
    expect(items[1]).toMatchObject({
      action: 'personal.reveal',
      entity: 'resident',
      entityId: String(t.fx.residents.g1_head),
      reason: '联系家属',
      detail: { field: 'phone' },
      actor: { id: t.fx.users.grid, displayName: 'grid' },
      node: { id: t.fx.nodes.G1.id, type: 'grid', nameZh: '石榴园第一网格' },
    });
    expect(new Date(items[0].at).getTime()).toBeGreaterThanOrEqual(new Date(items[1].at).getTime());
    const byActor = (await district.call('GET', `/api/audit?actorId=${t.fx.users.grid4}&action=personal.reveal`)).json();
    expect(byActor.items.map((a: any) => a.entityId)).toEqual([String(t.fx.residents.g4_head)]);
    const byEntity = (await district.call('GET', `/api/audit?entity=resident&entityId=${t.fx.residents.g1_head}`)).json();
    expect(byEntity.items.map((a: any) => a.action)).toEqual(['personal.reveal']);
    const prefix = (await district.call('GET', '/api/audit?action=personal.*')).json();
    expect(prefix.total).toBe(2);
  });

  it('shows each reader only the rows of nodes in its scope; rows without a node only to root readers', async () => {
    const [districtCaller, adminCaller] = [await t.as('district'), await t.as('admin')];
    const district = (await districtCaller.call('GET', '/api/audit?pageSize=200')).json();
    expect(district.items.some((a: any) => a.action === 'auth.login' && a.node === null)).toBe(true);
    expect(district.items.some((a: any) => a.node?.id === otherDistrictId)).toBe(false);
    const admin = (await adminCaller.call('GET', '/api/audit?pageSize=200')).json();
    expect(admin.total).toBe(district.total);
    const other = (await (await t.as('otherdistrict')).call('GET', '/api/audit?pageSize=200')).json();
    expect(other.items.map((a: any) => [a.action, a.node.id])).toEqual([['org.node_update', otherDistrictId]]);
    const narrowed = (await (await t.as('district')).call('GET', `/api/audit?nodeId=${t.fx.nodes.S2.id}`)).json();
    expect(narrowed.items.map((a: any) => a.node.id)).toEqual([t.fx.nodes.G4.id]);
    expect((await (await t.as('district')).call('GET', `/api/audit?nodeId=${otherDistrictId}`)).statusCode).toBe(404);
    expect((await (await t.as('street')).call('GET', '/api/audit')).statusCode).toBe(403);
    expect((await (await t.as('grid')).call('GET', '/api/audit')).statusCode).toBe(403);
    expect((await t.anonymous.call('GET', '/api/audit')).statusCode).toBe(401);
  });

  it('filters by day or instant and rejects malformed filters', async () => {
    const district = await t.as('district');
    const now = new Date();
    const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(now);
    const todayRows = (await district.call('GET', `/api/audit?action=personal.reveal&from=${day}&to=${day}`)).json();
    expect(todayRows.total).toBe(2);
    expect((await district.call('GET', `/api/audit?action=personal.reveal&to=2020-01-01`)).json().total).toBe(0);
    const later = encodeURIComponent(new Date(now.getTime() + 60_000).toISOString());
    expect((await district.call('GET', `/api/audit?action=personal.reveal&from=${later}`)).json().total).toBe(0);
    expect((await district.call('GET', '/api/audit?from=yesterday')).statusCode).toBe(400);
    expect((await district.call('GET', '/api/audit?action=' + encodeURIComponent("x' or 1=1"))).statusCode).toBe(400);
  });
});
