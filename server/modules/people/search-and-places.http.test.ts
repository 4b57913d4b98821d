import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp, type Caller } from '../../test/http.js';
import { makeIdNumber } from '../../../common/id-number.js';

let t: TestApp;
let grid: Caller;
let seq = 700;
const newId = () => makeIdNumber('210502', '1988-08-08', seq++);
const names = async (c: Caller, query: string) => (await c.call('GET', `/api/people/residents?${query}`)).json().items.map((r: any) => r.name);
const q = (s: string) => 'q=' + encodeURIComponent(s);

beforeAll(async () => {
  t = await startTestApp();
  grid = await t.as('grid');
});
afterAll(() => t?.close());

describe('Chinese search', () => {
  it('finds by a two-character name fragment, a one-character query and an address fragment', async () => {
    expect(await names(grid, q('秀兰'))).toEqual(['张秀兰']);
    expect(await names(grid, q('张'))).toEqual(['张秀兰']);
    expect(await names(grid, q('明'))).toEqual(['李明']);
    expect((await names(grid, q('测试路'))).sort()).toEqual(['张秀兰', '李明']);
    const district = await t.as('district');
    expect((await names(district, q('测试路'))).sort()).toEqual(['张秀兰', '李明', '王建国', '赵丽']);
    expect(await names(district, q('张秀兰 测试路'))).toEqual(['张秀兰']);
    expect(await names(district, q('兰秀'))).toEqual([]);
    expect(await names(district, q('张兰'))).toEqual([]);
    expect(await names(district, q('建国'))).toEqual(['王建国']);
  });

  it('rechecks the exact text: all bigrams present but not in that order does not match', async () => {
    const created = await grid.call('POST', '/api/people/residents', { householdId: t.fx.households.g1, name: '乔丹丹乔', idNumber: newId() });
    expect(created.statusCode).toBe(201);
    expect(await names(grid, q('丹丹'))).toEqual(['乔丹丹乔']);
    expect(await names(grid, q('乔丹丹'))).toEqual(['乔丹丹乔']);
    expect(await names(grid, q('丹乔丹'))).toEqual([]);
  });

  it('finds digits inside an address (script boundaries are split)', async () => {
    const hh = await grid.call('POST', '/api/people/households', { gridId: t.fx.nodes.G1.id, householdNo: 'HH-G1-NEW', address: '平山区胜利路18号2单元502室' });
    expect(hh.statusCode).toBe(201);
    await grid.call('POST', '/api/people/residents', { householdId: hh.json().id, name: '钱多多', idNumber: newId() });
    expect(await names(grid, q('2单元'))).toEqual(['钱多多']);
    expect(await names(grid, q('502'))).toEqual(['钱多多']);
    expect(await names(grid, q('单元502'))).toEqual(['钱多多']);
    expect(await names(grid, q('18号'))).toEqual(['钱多多']);
    expect(await names(grid, q('胜利路18'))).toEqual(['钱多多']);
    const unusable = await grid.call('GET', `/api/people/residents?${q('%_!')}`);
    expect(unusable.statusCode).toBe(400);
    expect(unusable.json().error.code).toBe('SEARCH_QUERY_UNUSABLE');
    // A LIKE wildcard in the text is matched literally, not as a wildcard.
    expect(await names(grid, q('胜利%502'))).toEqual([]);
    // A new address is re-indexed for the household's members.
    const moved = await grid.call('PATCH', `/api/people/households/${hh.json().id}`, { address: '平山区和平街7号' });
    expect(moved.statusCode).toBe(200);
    expect(await names(grid, q('和平街'))).toEqual(['钱多多']);
    expect(await names(grid, q('胜利路'))).toEqual([]);
  });

  it('pages with a stable order and a total', async () => {
    const hh = (await grid.call('POST', '/api/people/households', { gridId: t.fx.nodes.G1.id, householdNo: 'HH-G1-PAGE', address: '平山区翻页路1号' })).json();
    for (let i = 0; i < 5; i++) await grid.call('POST', '/api/people/residents', { householdId: hh.id, name: `翻页${'甲乙丙丁戊'[i]}`, idNumber: newId() });
    const pages = [];
    for (let page = 1; page <= 3; page++) pages.push((await grid.call('GET', `/api/people/residents?${q('翻页路')}&page=${page}&pageSize=2`)).json());
    expect(pages.map((p) => p.total)).toEqual([5, 5, 5]);
    expect(pages.map((p) => p.items.length)).toEqual([2, 2, 1]);
    const ids = pages.flatMap((p) => p.items.map((r: any) => r.id));
    expect(new Set(ids).size).toBe(5);
    expect([...ids].sort((a, b) => a - b)).toEqual(ids);
    const all = await grid.call('GET', '/api/people/residents?pageSize=200');
    expect(all.json().totalCapped).toBe(false);
    expect((await grid.call('GET', '/api/people/residents?pageSize=500')).statusCode).toBe(400);
  });

  it('looks a resident up by the full ID number, audited without the number', async () => {
    const [head] = await t.database.db.selectFrom('resident').select(['id', 'id_number']).where('id', '=', t.fx.residents.g1_head!).execute();
    const found = await grid.call('GET', `/api/people/residents?q=${head!.id_number}`);
    expect(found.json().items.map((r: any) => r.id)).toEqual([head!.id]);
    expect((await (await t.as('grid4')).call('GET', `/api/people/residents?q=${head!.id_number}`)).json().items).toEqual([]);
    const rows = await t.database.db.selectFrom('audit_log').selectAll().where('action', '=', 'personal.lookup').orderBy('id').execute();
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ actor_id: t.fx.users.grid, entity_id: String(head!.id), node_id: t.fx.nodes.G1.id, detail: { by: 'idNumber', found: 1 } });
    expect(rows[1]).toMatchObject({ actor_id: t.fx.users.grid4, entity_id: null, node_id: t.fx.nodes.G4.id, detail: { by: 'idNumber', found: 0 } });
    expect(JSON.stringify(rows)).not.toContain(head!.id_number);
  });
});

describe('key-population tags', () => {
  it('filters by a tag; a sensitive tag is shown and filterable only with personal.reveal, and audited', async () => {
    expect(await names(grid, 'tag=elderly_alone')).toEqual(['张秀兰']);
    const child = t.fx.residents.g1_child!;
    const tagged = await grid.call('PATCH', `/api/people/residents/${child}`, { tags: ['disabled', 'veteran', 'disabled'] });
    expect(tagged.json().tags).toEqual(['disabled', 'veteran']);
    const admin = await t.as('admin');
    expect((await admin.call('GET', `/api/people/residents/${child}`)).json().tags).toEqual(['veteran']);
    const adminList = (await admin.call('GET', `/api/people/residents?nodeId=${t.fx.nodes.G1.id}`)).json().items;
    expect(adminList.find((r: any) => r.id === child).tags).toEqual(['veteran']);
    const refused = await admin.call('GET', '/api/people/residents?tag=disabled');
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('SENSITIVE_TAG_FORBIDDEN');
    expect(await names(grid, 'tag=disabled')).toEqual(['李明']);
    expect(await names(await t.as('street2'), 'tag=disabled')).toEqual([]);
    const rows = await t.database.db.selectFrom('audit_log').selectAll().where('action', '=', 'people.sensitive_list').execute();
    expect(rows.map((r) => [r.actor_id, r.node_id, (r.detail as any).tag])).toEqual([
      [t.fx.users.grid, t.fx.nodes.G1.id, 'disabled'],
      [t.fx.users.street2, t.fx.nodes.S2.id, 'disabled'],
    ]);
    expect((await grid.call('GET', '/api/people/residents?tag=no_such_tag')).statusCode).toBe(400);
  });

  it('counts tags per child node; sensitive counts only where the caller may reveal', async () => {
    const community = await t.as('community');
    const res = await community.call('GET', `/api/people/key-populations?nodeId=${t.fx.nodes.C1.id}`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.node.node.id).toBe(t.fx.nodes.C1.id);
    expect(body.children.map((c: any) => c.node.id)).toEqual([t.fx.nodes.G1.id, t.fx.nodes.G2.id]);
    const g1 = body.children[0];
    expect(g1.counts.elderly_alone).toBe(1);
    expect(g1.counts.disabled).toBe(1);
    expect(g1.sensitiveShown).toBe(true);
    expect(body.children[1].residents).toBe(0);
    const mine = (await community.call('GET', '/api/people/key-populations')).json();
    expect(mine.node.node.id).toBe(t.fx.nodes.C1.id);
    const admin = (await (await t.as('admin')).call('GET', '/api/people/key-populations')).json();
    expect(admin.node.node.id).toBe(t.fx.nodes.D.id);
    expect(admin.children.map((c: any) => c.node.id)).toEqual([t.fx.nodes.S1.id, t.fx.nodes.S2.id]);
    expect(admin.node.sensitiveShown).toBe(false);
    expect(admin.node.counts).not.toHaveProperty('disabled');
    expect(admin.node.counts.elderly_alone).toBe(2);
    const district = (await (await t.as('district')).call('GET', '/api/people/key-populations')).json();
    expect(district.node.counts.disabled).toBe(1);
    expect((await (await t.as('grid4')).call('GET', `/api/people/key-populations?nodeId=${t.fx.nodes.C1.id}`)).statusCode).toBe(404);
  });
});

describe('places', () => {
  it('registers a building, a house, a household in it and a resident in that', async () => {
    const community = await t.as('community');
    const b = await community.call('POST', '/api/people/buildings', { gridId: t.fx.nodes.G2.id, code: 'B-G2-1', name: '幸福里3号楼', address: '平山区幸福里3号', lat: 41.305, lng: 123.715, floors: 6, unitCount: 2 });
    expect(b.statusCode).toBe(201);
    expect((await community.call('POST', '/api/people/buildings', { gridId: t.fx.nodes.G2.id, code: 'B-G2-1', name: 'x', address: 'x', lat: 41, lng: 123, floors: 1, unitCount: 1 })).json().error.code).toBe('BUILDING_CODE_TAKEN');
    expect((await community.call('POST', '/api/people/buildings', { gridId: t.fx.nodes.C1.id, code: 'B-C1', name: 'x', address: 'x', lat: 41, lng: 123, floors: 1, unitCount: 1 })).json().error.code).toBe('NODE_NOT_GRID');
    expect((await (await t.as('grid')).call('POST', '/api/people/buildings', { gridId: t.fx.nodes.G2.id, code: 'B-G2-2', name: 'x', address: 'x', lat: 41, lng: 123, floors: 1, unitCount: 1 })).statusCode).toBe(404);
    const house = await community.call('POST', `/api/people/buildings/${b.json().id}/houses`, { unitNo: '1', floor: 2, roomNo: '201', areaCenti: 8800 });
    expect(house.statusCode).toBe(201);
    expect((await community.call('POST', `/api/people/buildings/${b.json().id}/houses`, { unitNo: '1', floor: 2, roomNo: '201', areaCenti: 1 })).json().error.code).toBe('HOUSE_TAKEN');
    const mismatch = await community.call('POST', '/api/people/households', { gridId: t.fx.nodes.G1.id, houseId: house.json().id, householdNo: 'HH-X', address: 'x' });
    expect(mismatch.json().error.code).toBe('HOUSEHOLD_GRID_MISMATCH');
    const hh = await community.call('POST', '/api/people/households', { houseId: house.json().id, householdNo: 'HH-G2-1', address: '平山区幸福里3号1单元201室' });
    expect(hh.statusCode).toBe(201);
    expect(hh.json().grid.id).toBe(t.fx.nodes.G2.id);
    expect((await community.call('POST', '/api/people/households', { gridId: t.fx.nodes.G2.id, householdNo: 'HH-G2-1', address: 'x' })).json().error.code).toBe('HOUSEHOLD_NO_TAKEN');
    const r = await community.call('POST', '/api/people/residents', { householdId: hh.json().id, name: '吴桂芳', idNumber: newId(), tags: ['elderly_alone'] });
    expect(r.statusCode).toBe(201);
    expect(r.json().grid.id).toBe(t.fx.nodes.G2.id);
    const detail = (await community.call('GET', `/api/people/buildings/${b.json().id}`)).json();
    expect(detail.houses[0].households[0]).toMatchObject({ householdNo: 'HH-G2-1', memberCount: 1 });
    const renamed = await community.call('PATCH', `/api/people/buildings/${b.json().id}`, { name: '幸福里三号楼' });
    expect(renamed.json().name).toBe('幸福里三号楼');
    const listed = (await community.call('GET', `/api/people/buildings?q=${encodeURIComponent('幸福里')}`)).json();
    expect(listed.items.map((x: any) => x.code)).toEqual(['B-G2-1']);
    const households = (await community.call('GET', `/api/people/households?nodeId=${t.fx.nodes.G2.id}`)).json();
    expect(households.items.map((x: any) => [x.householdNo, x.memberCount])).toEqual([['HH-G2-1', 1]]);
    const actions = await t.database.db.selectFrom('audit_log').select('action').where('actor_id', '=', t.fx.users.community).orderBy('id').execute();
    expect(actions.map((a) => a.action)).toEqual(['building.create', 'house.create', 'household.create', 'resident.create', 'building.update']);
  });
});
