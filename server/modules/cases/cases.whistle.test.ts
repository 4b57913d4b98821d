/** Whistle-and-report over HTTP: a street summons departments; each signs, contacts, arrives; the street rates them. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/http.js';
import { hashPassword } from '../../platform/auth/sessions.js';
import { PASSWORD } from '../../test/fixture.js';

let t: TestApp;
let category: number;
let dep2: number;

beforeAll(async () => {
  t = await startTestApp();
  category = (await t.database.db.selectFrom('case_category').select('id').where('code', '=', 'construction.illegal_building').executeTakeFirstOrThrow()).id;
  // A second district department with its own staff member.
  const made = await (await t.as('admin')).call('POST', '/api/org/nodes', { parentId: t.fx.nodes.D.id, type: 'department', code: 'DEP-ZJ', nameZh: '区住建局', nameEn: 'District Housing Bureau' });
  expect(made.statusCode, made.body).toBe(201);
  dep2 = made.json().id;
  const u = await t.database.db.insertInto('app_user').values({ username: 'department2', password_hash: await hashPassword(PASSWORD), display_name: '住建局', locale: 'zh-CN' }).returning('id').executeTakeFirstOrThrow();
  await t.database.db.insertInto('role_grant').values({ user_id: u.id, role: 'department_staff', node_id: dep2 }).execute();
});
afterAll(() => t?.close());

const post = async (user: string, url: string, body?: unknown) => (await t.as(user)).call('POST', url, body);

/** A resident's report that the community accepted and handed up to the street. */
async function caseAtStreet(): Promise<number> {
  const r = await post('resident', '/api/cases', { categoryId: category, description: '小区内有人私搭乱建彩钢房，多次劝阻无效。', lat: 41.305, lng: 123.705 });
  expect(r.statusCode, r.body).toBe(201);
  const id = r.json().id;
  expect((await post('community', `/api/cases/${id}/actions`, { action: 'accept' })).statusCode).toBe(200);
  expect((await post('community', `/api/cases/${id}/actions`, { action: 'hand_up', reason: '社区无执法权，需街道协调' })).statusCode).toBe(200);
  return id;
}

describe('whistle-and-report', () => {
  it('summons two departments, each reports against its own clock, and the street rates them when the case is handled', async () => {
    const id = await caseAtStreet();
    const before = (await (await t.as('street')).call('GET', `/api/cases/${id}`)).json();
    expect(before.abilities).toContain('whistle');
    const w = await post('street', `/api/cases/${id}/whistles`, { kind: 'routine', departmentIds: [t.fx.nodes.DEP.id, dep2], reason: '私搭乱建需城管、住建到场执法', place: '3号楼北侧' });
    expect(w.statusCode, w.body).toBe(201);
    const c = w.json();
    expect(c).toMatchObject({ status: 'in_progress', holder: { id: t.fx.nodes.S1.id }, whistled: true });
    const whistle = c.whistles[0];
    expect(whistle).toMatchObject({ kind: 'routine', status: 'open' });
    expect(whistle.summons).toHaveLength(2);
    const s1 = whistle.summons.find((s: { department: { id: number } }) => s.department.id === t.fx.nodes.DEP.id);
    const s2 = whistle.summons.find((s: { department: { id: number } }) => s.department.id === dep2);
    // sign within 1 hour, contact within 24 hours, arrive within 3 working days
    expect(new Date(s1.signDueAt).getTime() - new Date(whistle.openedAt).getTime()).toBe(3600_000);
    expect(new Date(s1.contactDueAt).getTime() - new Date(whistle.openedAt).getTime()).toBe(24 * 3600_000);
    expect(new Date(s1.arriveDueAt).getTime() - new Date(whistle.openedAt).getTime()).toBeGreaterThanOrEqual(3 * 86_400_000);
    expect(c.abilities).not.toContain('whistle'); // one live whistle at a time

    // the departments see it in their inbox and act; order is enforced, steps are done once
    expect((await (await t.as('department')).call('GET', '/api/cases?view=inbox')).json().items.map((x: { id: number }) => x.id)).toContain(id);
    expect((await post('department', `/api/whistles/${whistle.id}/summons/${s1.id}`, { action: 'contact' })).json().error.code).toBe('WHISTLE_STEP_ORDER');
    expect((await post('department2', `/api/whistles/${whistle.id}/summons/${s1.id}`, { action: 'sign' })).json().error.code).toBe('WHISTLE_NOT_SUMMONED');
    for (const [user, s] of [['department', s1], ['department2', s2]] as const) {
      for (const action of ['sign', 'contact', 'arrive']) {
        const r = await post(user, `/api/whistles/${whistle.id}/summons/${s.id}`, { action, note: action === 'arrive' ? '已到现场' : undefined });
        expect(r.statusCode, r.body).toBe(200);
      }
    }
    expect((await post('department', `/api/whistles/${whistle.id}/summons/${s1.id}`, { action: 'sign' })).json().error.code).toBe('WHISTLE_STEP_DONE');
    const mid = (await (await t.as('street')).call('GET', `/api/cases/${id}`)).json();
    expect(mid.whistles[0].summons.every((s: { arrivedAt: unknown; overdue: Record<string, boolean> }) => s.arrivedAt && !s.overdue.sign && !s.overdue.arrive)).toBe(true);
    // 事不完，人不撤: no rating while the case is not handled
    expect((await post('street', `/api/whistles/${whistle.id}/summons/${s1.id}/rating`, { speed: 5, quality: 5 })).json().error.code).toBe('WHISTLE_NOT_CLOSED');
    const done = await post('street', `/api/cases/${id}/actions`, { action: 'finish', note: '违建已拆除' });
    expect(done.json()).toMatchObject({ status: 'handled' });
    expect(done.json().whistles[0].status).toBe('closed');
    expect(done.json().whistles[0].summons[0].abilities).toEqual(['rate']);
    expect((await post('community', `/api/whistles/${whistle.id}/summons/${s1.id}/rating`, { speed: 5, quality: 5 })).statusCode).toBe(403);
    expect((await post('street', `/api/whistles/${whistle.id}/summons/${s1.id}/rating`, { speed: 5, quality: 4, note: '响应迅速' })).statusCode).toBe(200);
    const rated = await post('street', `/api/whistles/${whistle.id}/summons/${s2.id}/rating`, { speed: 3, quality: 4 });
    expect(rated.json().whistles[0].summons.map((s: { rating: unknown }) => s.rating)).toEqual(
      expect.arrayContaining([
        { speed: 5, quality: 4, note: '响应迅速' },
        { speed: 3, quality: 4, note: null },
      ]),
    );
    expect((await post('street', `/api/whistles/${whistle.id}/summons/${s2.id}/rating`, { speed: 1, quality: 1 })).json().error.code).toBe('WHISTLE_RATED');
    const list = (await (await t.as('department')).call('GET', '/api/whistles?view=summoned')).json();
    expect(list.items.map((x: { id: number }) => x.id)).toContain(whistle.id);
  });

  it('holds a tough whistle until the street’s principal leader approves it', async () => {
    const id = await caseAtStreet();
    const w = await post('street', `/api/cases/${id}/whistles`, { kind: 'tough', departmentIds: [t.fx.nodes.DEP.id], reason: '历史遗留违建，需攻坚' });
    const whistle = w.json().whistles[0];
    expect(whistle.status).toBe('pending_approval');
    expect(w.json().status).toBe('accepted');
    expect((await (await t.as('department')).call('GET', `/api/cases/${id}`)).statusCode).toBe(404); // not summoned yet
    const told = await t.database.db.selectFrom('notification').select('kind').where('user_id', '=', t.fx.users.leader!).execute();
    expect(told.map((n) => n.kind)).toContain('case.whistle_approval');
    expect((await (await t.as('leader')).call('GET', '/api/whistles?view=approval')).json().items.map((x: { id: number }) => x.id)).toEqual([whistle.id]);
    expect((await post('street', `/api/whistles/${whistle.id}/decide`, { approve: true })).statusCode).toBe(403);
    const ok = await post('leader', `/api/whistles/${whistle.id}/decide`, { approve: true, note: '同意' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().whistles[0].status).toBe('open');
    expect(ok.json().status).toBe('in_progress');
    const s = ok.json().whistles[0].summons[0];
    expect(new Date(s.arriveDueAt).getTime() - new Date(ok.json().whistles[0].openedAt).getTime()).toBeGreaterThanOrEqual(5 * 86_400_000);
    expect((await post('leader', `/api/whistles/${whistle.id}/decide`, { approve: true })).json().error.code).toBe('WHISTLE_BAD_STATUS');
    expect((await (await t.as('department')).call('GET', `/api/cases/${id}`)).statusCode).toBe(200);
  });

  it('refuses whistles from the wrong place, of the wrong targets, and twice', async () => {
    const r = await post('resident', '/api/cases', { categoryId: category, description: '楼顶加建阳光房', lat: 41.305, lng: 123.705 });
    const atCommunity = r.json().id;
    expect((await post('street', `/api/cases/${atCommunity}/whistles`, { kind: 'routine', departmentIds: [t.fx.nodes.DEP.id], reason: '执法' })).statusCode).toBe(403);
    expect((await post('community', `/api/cases/${atCommunity}/whistles`, { kind: 'routine', departmentIds: [t.fx.nodes.DEP.id], reason: '执法' })).statusCode).toBe(403);
    expect((await post('street2', `/api/cases/${atCommunity}/whistles`, { kind: 'routine', departmentIds: [t.fx.nodes.DEP.id], reason: '执法' })).statusCode).toBe(404);
    const id = await caseAtStreet();
    expect((await post('street', `/api/cases/${id}/whistles`, { kind: 'routine', departmentIds: [t.fx.nodes.C1.id], reason: '执法' })).json().error.code).toBe('WHISTLE_NOT_DEPARTMENT');
    expect((await post('street', `/api/cases/${id}/whistles`, { kind: 'routine', departmentIds: [], reason: '执法' })).statusCode).toBe(400);
    expect((await post('street', `/api/cases/${id}/whistles`, { kind: 'routine', departmentIds: [t.fx.nodes.DEP.id], reason: '执法' })).statusCode).toBe(201);
    expect((await post('street', `/api/cases/${id}/whistles`, { kind: 'emergency', departmentIds: [t.fx.nodes.DEP.id], reason: '再吹' })).json().error.code).toBe('WHISTLE_LIVE');
  });
});

describe('whistle targets', () => {
  it('lists the departments a street may summon with the dispatch targets', async () => {
    const id = await caseAtStreet();
    const res = await (await t.as('street')).call('GET', `/api/cases/${id}/targets`);
    expect(res.json().departments.map((d: { id: number }) => d.id).sort()).toEqual([t.fx.nodes.DEP.id, dep2].sort());
    expect(res.json().superior).toMatchObject({ id: t.fx.nodes.D.id });
  });
});
