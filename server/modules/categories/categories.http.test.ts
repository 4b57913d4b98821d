import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/http.js';
import { DEPARTMENTS } from '../demo/departments.js';
import { limitsProblems } from '../../../common/deadline-limits.js';
import { categoryChain, findCategory, limitsFor, suggestedDepartment } from './index.js';
import { CHECK_INTERVAL_MS } from './categories.cache.js';

let t: TestApp;
const idOf: Record<string, number> = {};
beforeAll(async () => {
  t = await startTestApp();
  for (const r of await t.database.db.selectFrom('case_category').select(['id', 'code']).execute()) idOf[r.code] = r.id;
});
afterAll(() => t?.close());

const search = async (q: string, who: 'anonymous' | string = 'anonymous') => {
  const caller = who === 'anonymous' ? t.anonymous : await t.as(who);
  const res = await caller.call('GET', `/api/categories/search?q=${encodeURIComponent(q)}`);
  expect(res.statusCode).toBe(200);
  return res.json().items as { code: string; path: { nameZh: string }[]; nameZh: string; public: boolean }[];
};
const auditRows = (action: string) => t.database.db.selectFrom('audit_log').selectAll().where('action', '=', action).orderBy('id').execute();

describe('the seeded classification', () => {
  it('has the eleven top-level groups and about 60–90 leaves in both languages', async () => {
    const { items } = (await t.anonymous.call('GET', '/api/categories')).json();
    const top = items.filter((c: any) => c.parentId === null);
    expect(top.map((c: any) => c.nameZh)).toEqual(['市容环境', '街面秩序', '市政设施', '园林绿化', '施工管理', '物业管理', '矛盾纠纷', '治安/安全隐患', '民生服务', '突发事件', '其他']);
    const leaves = items.filter((c: any) => c.leaf);
    expect(leaves.length).toBeGreaterThanOrEqual(60);
    expect(leaves.length).toBeLessThanOrEqual(100);
    for (const c of leaves) {
      expect(c.nameEn, c.code).toMatch(/\S/);
      expect(c.descriptionZh, c.code).toMatch(/\S/);
      expect(c.descriptionEn, c.code).toMatch(/\S/);
      expect(c.selectable).toBe(true);
    }
    expect(Math.max(...items.map((c: any) => c.depth))).toBe(3);
    const byCode = Object.fromEntries(items.map((c: any) => [c.code, c]));
    expect(byCode['safety.prostitution']).toMatchObject({ public: false, residentSelectable: false, selectable: true, defaultLevel: 'street' });
    expect(byCode['street_order.illegal_parking']).toMatchObject({ public: true, residentSelectable: true, defaultLevel: 'community' });
    expect(byCode['emergency.fire'].defaultLevel).toBe('street');
    expect(items[0]).not.toHaveProperty('keywords');
  });

  it('names only departments of the demo district and stores only valid limits', async () => {
    const rows = await t.database.db.selectFrom('case_category').select(['code', 'default_department_code', 'limits']).execute();
    const known = new Set(DEPARTMENTS.map((d) => d[0]));
    for (const r of rows) {
      if (r.default_department_code) expect(known.has(r.default_department_code), r.code).toBe(true);
      expect(limitsProblems(r.limits), r.code).toEqual([]);
    }
    expect(rows.filter((r) => r.limits).length).toBeGreaterThan(3);
  });
});

describe('reading', () => {
  it('lists inactive categories only with ?all=1 for case.configure', async () => {
    expect((await t.anonymous.call('GET', '/api/categories?all=1')).statusCode).toBe(401);
    expect((await (await t.as('resident')).call('GET', '/api/categories?all=1')).statusCode).toBe(403);
    expect((await (await t.as('admin')).call('GET', '/api/categories?all=1')).statusCode).toBe(200);
    expect((await t.anonymous.call('GET', '/api/categories?all=0')).statusCode).toBe(200);
  });

  it('resolves limits per kind and stage, saying where each comes from', async () => {
    const res = await t.anonymous.call('GET', `/api/categories/${idOf['disputes.neighbour']}`);
    expect(res.statusCode).toBe(200);
    const c = res.json();
    expect(c.path.map((p: any) => p.code)).toEqual(['disputes']);
    expect(c.limits).toBeNull();
    expect(c.resolvedLimits.admin.handle).toEqual({ yellow: 3, red: 5, source: idOf.disputes });
    expect(c.resolvedLimits.department.handle).toEqual({ yellow: 10, red: 15, source: idOf.disputes });
    expect(c.resolvedLimits.admin.accept).toEqual({ yellow: 1, red: 2, source: null });
    expect(c.resolvedLimits.department.verify).toEqual({ yellow: 1, red: 2, source: null });
    const manhole = (await t.anonymous.call('GET', `/api/categories/${idOf['facilities.road.manhole']}`)).json();
    expect(manhole.path.map((p: any) => p.code)).toEqual(['facilities', 'facilities.road']);
    expect(manhole.resolvedLimits.department.handle).toEqual({ yellow: 1, red: 2, source: idOf['facilities.road.manhole'] });
    expect((await t.anonymous.call('GET', '/api/categories/999999')).statusCode).toBe(404);
    expect((await t.anonymous.call('GET', '/api/categories/99999999999')).statusCode).toBe(404);
    expect((await t.anonymous.call('GET', '/api/categories/abc')).statusCode).toBe(400);
  });
});

describe('search', () => {
  it('finds leaves by a Chinese fragment, an English word or a keyword, best first, with their path', async () => {
    const parking = await search('乱停');
    expect(parking[0]!.code).toBe('street_order.illegal_parking');
    expect(parking[0]!.path.map((p) => p.nameZh)).toEqual(['街面秩序']);
    expect((await search('parking'))[0]!.code).toBe('street_order.illegal_parking');
    expect((await search('pothole'))[0]!.code).toBe('facilities.road.damage');
    expect((await search('飞线充电'))[0]!.code).toBe('safety.ebike_charging');
    expect((await search('street lights'))[0]!.code).toBe('facilities.lighting.light_out');
    expect((await search('井盖'))[0]!.code).toBe('facilities.road.manhole');
    expect((await search('狗')).map((h) => h.code)).toContain('safety.dogs');
    expect((await search('暖气不热'))[0]!.code).toBe('property.heating');
    // A sentence still finds the category its words point to.
    expect((await search('楼下有车堵住了消防通道')).map((h) => h.code).slice(0, 3)).toContain('safety.fire_lane');
    expect((await search('垃圾')).length).toBeLessThanOrEqual(20);
    expect(await search('zzzqqq')).toEqual([]);
  });

  it('hides non-public categories from residents and the public, not from staff', async () => {
    expect((await search('卖淫')).map((h) => h.code)).not.toContain('safety.prostitution');
    expect((await search('卖淫', 'resident')).map((h) => h.code)).not.toContain('safety.prostitution');
    expect((await search('卖淫', 'grid')).map((h) => h.code)).toContain('safety.prostitution');
  });

  it('refuses a query with nothing searchable', async () => {
    const res = await t.anonymous.call('GET', '/api/categories/search?q=' + encodeURIComponent('!!!') + '&lang=en');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('SEARCH_QUERY_UNUSABLE');
    expect((await t.anonymous.call('GET', '/api/categories/search?q=')).statusCode).toBe(400);
    expect((await t.anonymous.call('GET', '/api/categories/search?q=' + 'x'.repeat(51))).statusCode).toBe(400);
  });
});

describe('changing categories', () => {
  it('creates a sub-category, audited, placed after its siblings and visible at once', async () => {
    const admin = await t.as('admin');
    const res = await admin.call('POST', '/api/categories', {
      parentId: idOf.urban,
      code: 'urban.snow',
      nameZh: '积雪未清',
      nameEn: 'Uncleared snow',
      keywords: '积雪 冰 snow ice',
      descriptionZh: '人行道、小区道路积雪结冰未清理',
      descriptionEn: 'Snow or ice left on pavements and estate roads',
      defaultDepartmentCode: 'CG',
      limits: { department: { handle: { yellow: 1, red: 1.5 } } },
    });
    expect(res.statusCode).toBe(201);
    const c = res.json();
    expect(c).toMatchObject({ code: 'urban.snow', parentId: idOf.urban, depth: 2, leaf: true, public: true, active: true, defaultLevel: 'community', defaultDepartmentCode: 'CG' });
    expect(c.resolvedLimits.department.handle).toEqual({ yellow: 1, red: 1.5, source: c.id });
    const siblings = await t.database.db.selectFrom('case_category').select('sort').where('parent_id', '=', idOf.urban).where('id', '<>', c.id).execute();
    expect(c.sort).toBe(Math.max(...siblings.map((s) => s.sort)) + 10);
    expect((await search('积雪'))[0]!.code).toBe('urban.snow');
    const [row] = await auditRows('category.create');
    expect(row).toMatchObject({ actor_id: t.fx.users.admin, entity: 'case_category', entity_id: String(c.id) });
    expect(await limitsFor(t.database.db, c.id, 'department', 'handle')).toEqual({ yellow: 1, red: 1.5 });
    idOf['urban.snow'] = c.id;
  });

  it('explains what is wrong with a new category', async () => {
    const admin = await t.as('admin');
    const base = { parentId: idOf.urban, code: 'urban.x', nameZh: '测试', nameEn: 'Test' };
    const err = async (body: object, lang = 'zh-CN') => (await admin.call('POST', `/api/categories?lang=${lang}`, { ...base, ...body })).json().error;
    expect(await err({ code: 'urban.snow' })).toMatchObject({ code: 'CATEGORY_CODE_TAKEN', message: '编码“urban.snow”已被其他分类使用' });
    expect((await err({ parentId: 999999 })).code).toBe('CATEGORY_PARENT_UNKNOWN');
    expect((await err({ parentId: idOf['facilities.road.manhole'], code: 'facilities.road.manhole.x' })).code).toBe('CATEGORY_TOO_DEEP');
    expect(await err({ limits: { department: { handle: { yellow: 6, red: 3 } } } })).toMatchObject({ code: 'CATEGORY_LIMIT_ORDER', message: '职能部门处置时限：黄牌（6 天）不能晚于红牌（3 天）' });
    expect((await err({ limits: { admin: { verify: { yellow: 1, red: 400 } } } }, 'en')).message).toBe('The verify limit for a administrative node must be between 0.5 and 365 working days');
    expect((await err({ limits: { admin: { accept: { yellow: 0.75, red: 1 } } } })).code).toBe('CATEGORY_LIMIT_STEP');
    expect((await err({ limits: { admin: { accept: { yellow: 1 } } } })).code).toBe('VALIDATION_FAILED');
    expect((await err({ limits: { robots: {} } })).code).toBe('VALIDATION_FAILED');
    expect((await err({ defaultDepartmentCode: 'NOPE' })).code).toBe('CATEGORY_DEPARTMENT_UNKNOWN');
    expect((await err({ code: 'Urban.X' })).code).toBe('VALIDATION_FAILED');
    expect((await err({ defaultLevel: 'city' })).code).toBe('VALIDATION_FAILED');
    expect((await (await t.as('district')).call('POST', '/api/categories', base)).statusCode).toBe(403);
    expect((await t.anonymous.call('POST', '/api/categories', base)).statusCode).toBe(401);
    expect(await t.database.db.selectFrom('case_category').select('id').where('code', '=', 'urban.x').execute()).toEqual([]);
  });

  it('renames, moves and sets limits, auditing what changed from what', async () => {
    const admin = await t.as('admin');
    const id = idOf['urban.snow']!;
    const res = await admin.call('PATCH', `/api/categories/${id}`, { nameZh: '冰雪未清', parentId: idOf.street_order, limits: { admin: { handle: { yellow: 0.5, red: 1 } } } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ nameZh: '冰雪未清', parentId: idOf.street_order, path: [{ code: 'street_order' }] });
    expect(res.json().resolvedLimits.department.handle).toEqual({ yellow: 5, red: 10, source: null }); // the override was replaced
    expect(await limitsFor(t.database.db, id, 'admin', 'handle')).toEqual({ yellow: 0.5, red: 1 });
    const rows = await auditRows('category.update');
    expect(rows.at(-1)!.detail).toMatchObject({ code: 'urban.snow', fields: ['limits', 'nameZh', 'parentId'], from: { nameZh: '积雪未清', parentId: idOf.urban }, to: { nameZh: '冰雪未清', parentId: idOf.street_order } });
    const n = rows.length;
    expect((await admin.call('PATCH', `/api/categories/${id}`, { nameZh: '冰雪未清', limits: { admin: { handle: { red: 1, yellow: 0.5 } } } })).statusCode).toBe(200);
    expect((await auditRows('category.update')).length).toBe(n); // nothing changed, nothing audited
    expect((await admin.call('PATCH', `/api/categories/${id}`, { code: 'other.snow' })).json().error.code).toBe('VALIDATION_FAILED');
    expect((await admin.call('PATCH', `/api/categories/${id}`, { limits: null })).json().limits).toBeNull();
    expect((await admin.call('PATCH', '/api/categories/999999', { sort: 1 })).statusCode).toBe(404);
  });

  it('refuses cycles and trees deeper than three levels', async () => {
    const admin = await t.as('admin');
    const move = async (code: string, parentCode: string | null) =>
      (await admin.call('PATCH', `/api/categories/${idOf[code]}`, { parentId: parentCode === null ? null : idOf[parentCode] })).json();
    expect((await move('facilities', 'facilities.road')).error.code).toBe('CATEGORY_CYCLE');
    expect((await move('facilities.road', 'facilities.road')).error.code).toBe('CATEGORY_CYCLE');
    expect((await move('facilities.road', 'urban.exposed_garbage')).error.code).toBe('CATEGORY_TOO_DEEP');
    expect((await move('facilities', 'urban')).error.code).toBe('CATEGORY_TOO_DEEP');
    expect((await move('facilities.road', 'urban')).parentId).toBe(idOf.urban);
    expect((await move('facilities.road', 'facilities')).parentId).toBe(idOf.facilities);
  });

  it('deactivates leaves first, then their group; nothing is activated under an inactive group', async () => {
    const admin = await t.as('admin');
    const set = async (code: string, body: object) => admin.call('PATCH', `/api/categories/${idOf[code]}`, body);
    const group = await set('other', { active: false });
    expect(group.statusCode).toBe(409);
    expect(group.json().error).toMatchObject({ code: 'CATEGORY_HAS_ACTIVE_CHILDREN' });
    expect(group.json().error.message).toContain('3');
    for (const code of ['other.other', 'other.enquiry', 'other.praise']) expect((await set(code, { active: false })).json().active).toBe(false);
    expect((await search('表扬')).map((h) => h.code)).not.toContain('other.praise');
    expect((await set('other', { active: false })).json()).toMatchObject({ active: false, leaf: true, selectable: false });
    const list = (await t.anonymous.call('GET', '/api/categories')).json().items.map((c: any) => c.code);
    expect(list).not.toContain('other');
    expect(list).not.toContain('other.praise');
    const all = (await admin.call('GET', '/api/categories?all=1')).json().items.map((c: any) => c.code);
    expect(all).toContain('other.praise');
    expect((await t.anonymous.call('GET', `/api/categories/${idOf['other.praise']}`)).statusCode).toBe(404);
    expect((await admin.call('GET', `/api/categories/${idOf['other.praise']}`)).json().active).toBe(false);
    expect((await set('other.praise', { active: true })).json().error.code).toBe('CATEGORY_PARENT_INACTIVE');
    expect((await admin.call('POST', '/api/categories', { parentId: idOf.other, code: 'other.new', nameZh: '新', nameEn: 'New' })).json().error.code).toBe('CATEGORY_PARENT_INACTIVE');
    expect((await set('urban.snow', { parentId: idOf.other })).json().error.code).toBe('CATEGORY_PARENT_INACTIVE');
    expect((await set('other', { active: true })).json().active).toBe(true);
    expect((await set('other.praise', { active: true })).json().active).toBe(true);
  });

  it('publishes a category to residents or takes it back', async () => {
    const admin = await t.as('admin');
    expect((await admin.call('PATCH', `/api/categories/${idOf['livelihood.education']}`, { public: false })).json().residentSelectable).toBe(false);
    expect((await search('入学')).map((h) => h.code)).not.toContain('livelihood.education');
    expect((await search('入学', 'community')).map((h) => h.code)).toContain('livelihood.education');
    await admin.call('PATCH', `/api/categories/${idOf['livelihood.education']}`, { public: true });
    expect((await search('入学')).map((h) => h.code)).toContain('livelihood.education');
  });
});

describe('functions for the cases module', () => {
  it('finds a category and its chain, resolves limits, suggests a department', async () => {
    const db = t.database.db;
    const manhole = await findCategory(db, idOf['facilities.road.manhole']!);
    expect(manhole).toMatchObject({ code: 'facilities.road.manhole', depth: 3, leaf: true, selectable: true, residentSelectable: true, defaultDepartmentCode: 'CG' });
    expect(await findCategory(db, 999999)).toBeUndefined();
    expect((await categoryChain(db, manhole!.id)).map((c) => c.code)).toEqual(['facilities', 'facilities.road', 'facilities.road.manhole']);
    expect(await categoryChain(db, 999999)).toEqual([]);
    expect(await limitsFor(db, idOf['emergency.fire']!, 'department', 'handle')).toEqual({ yellow: 1, red: 2 });
    expect(await limitsFor(db, idOf['emergency.fire']!, 'admin', 'verify')).toEqual({ yellow: 1, red: 2 });
    expect(await limitsFor(db, null, 'department', 'handle')).toEqual({ yellow: 5, red: 10 });
    await expect(limitsFor(db, 999999, 'admin', 'accept')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const dep = await suggestedDepartment(db, manhole!.id, t.fx.nodes.G1.path);
    expect(dep).toMatchObject({ id: t.fx.nodes.DEP.id, code: 'DEP-CG' });
    expect(await suggestedDepartment(db, idOf['street_order.illegal_parking']!, t.fx.nodes.G1.path)).toBeUndefined(); // no GA department in the fixture
    expect(await suggestedDepartment(db, manhole!.id, '/elsewhere/')).toBeUndefined();
  });

  it('sees a transaction’s own changes, and another process’s once it bumps the version', async () => {
    const db = t.database.db;
    const id = idOf['greenery.dead_tree']!;
    const wait = () => new Promise((r) => setTimeout(r, CHECK_INTERVAL_MS + 100));
    expect(await limitsFor(db, id, 'department', 'handle')).toEqual({ yellow: 5, red: 10 });
    await db.transaction().execute(async (tx) => {
      await tx.updateTable('case_category').set({ limits: JSON.stringify({ department: { handle: { yellow: 2, red: 4 } } }) }).where('id', '=', id).execute();
      expect(await limitsFor(tx, id, 'department', 'handle')).toEqual({ yellow: 2, red: 4 });
    });
    await wait();
    expect(await limitsFor(db, id, 'department', 'handle')).toEqual({ yellow: 5, red: 10 }); // version unchanged: the cached tree
    await db.insertInto('setting').values({ key: 'categories.version', value: JSON.stringify(1000) }).onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(1000) })).execute();
    await wait();
    expect(await limitsFor(db, id, 'department', 'handle')).toEqual({ yellow: 2, red: 4 });
  });
});
