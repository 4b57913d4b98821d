import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { sql } from 'kysely';
import { startTestApp, type TestApp } from '../../test/http.js';
import { box } from '../../test/fixture.js';
import { CHECK_INTERVAL_MS, locate } from './index.js';

let t: TestApp;
/** Ids of what the test adds to G1: a building in its south, a household in it, a household without a house. */
const extra = { building: 0, household: 0, homeless: 0 };
beforeAll(async () => {
  t = await startTestApp();
  const db = t.database.db;
  const G1 = t.fx.nodes.G1.id;
  const b = await db.insertInto('building').values({ grid_id: G1, code: 'B-south', name: '南楼', address: '南路1号', lat: 41.302, lng: 123.705, floors: 3, unit_count: 1, kind: 'residential' }).returning('id').executeTakeFirstOrThrow();
  const house = await db.insertInto('house').values({ building_id: b.id, unit_no: '1', floor: 1, room_no: '101', area_centi: 6000, use: 'residential' }).returning('id').executeTakeFirstOrThrow();
  const h = await db.insertInto('household').values({ house_id: house.id, grid_id: G1, household_no: 'HH-south', address: '南路1号101', kind: 'family' }).returning('id').executeTakeFirstOrThrow();
  const h2 = await db.insertInto('household').values({ house_id: null, grid_id: G1, household_no: 'HH-nohouse', address: '流动人口集体户', kind: 'collective' }).returning('id').executeTakeFirstOrThrow();
  for (const [hh, n, idn] of [[h.id, '南一', '210502199001011234'], [h2.id, '集体一', '21050219900101125X']] as const) {
    await db.insertInto('resident').values({ household_id: hh, grid_id: G1, name: n, gender: 'M', birth_date: '1990-01-01', id_number: idn, search_tokens: n, phone: null, ethnicity: '汉族', relation: 'head', party_node_id: null, health: null, disability: null, income: null }).execute();
  }
  Object.assign(extra, { building: b.id, household: h.id, homeless: h2.id });
});
afterAll(() => t?.close());

const south = box(123.7, 41.3, 123.71, 41.304);
const north = box(123.7, 41.304, 123.71, 41.31);
const splitBody = { parts: [{ code: 'G1-S', nameZh: '石榴园南网格', geometry: south }, { nameZh: '石榴园北网格', nameEn: 'Shiliuyuan North', geometry: north }], note: '人口增长，一分为二' };

async function state() {
  const r = await sql<{ nodes: string; buildings: string; households: string; residents: string; grants: string; changes: number }>`
    select
      (select string_agg(id || ':' || active || ':' || coalesce(geometry::text, ''), '|' order by id) from org_node) as nodes,
      (select string_agg(id || ':' || grid_id, ',' order by id) from building) as buildings,
      (select string_agg(id || ':' || grid_id, ',' order by id) from household) as households,
      (select string_agg(id || ':' || grid_id, ',' order by id) from resident) as residents,
      (select string_agg(id || ':' || node_id, ',' order by id) from role_grant) as grants,
      (select count(*)::int from grid_change) as changes`.execute(t.database.db);
  return r.rows[0]!;
}

describe('POST /geo/grids/:id/split', () => {
  it('is 401 anonymous, 403 without grid.manage, 404 for what is not a grid', async () => {
    const url = `/api/geo/grids/${t.fx.nodes.G1.id}/split`;
    expect((await t.anonymous.call('POST', url, splitBody)).statusCode).toBe(401);
    // Without grid.manage anywhere the answer is 403 whatever the target (it says nothing about the grid).
    for (const who of ['street2', 'grid4', 'community3', 'street', 'community', 'grid']) expect((await (await t.as(who)).call('POST', url, splitBody)).statusCode, who).toBe(403);
    expect((await (await t.as('admin')).call('POST', `/api/geo/grids/${t.fx.nodes.C1.id}/split`, splitBody)).statusCode).toBe(404);
  });

  it('rejects parts that stick out, overlap or do not cover the grid, changing nothing', async () => {
    const admin = await t.as('admin');
    const url = `/api/geo/grids/${t.fx.nodes.G1.id}/split`;
    const before = await state();
    const cases: [unknown[], string[]][] = [
      [[{ nameZh: 'a', geometry: south }, { nameZh: 'b', geometry: box(123.7, 41.304, 123.711, 41.31) }], ['GEO_PART_OUTSIDE']],
      [[{ nameZh: 'a', geometry: box(123.7, 41.3, 123.71, 41.305) }, { nameZh: 'b', geometry: north }], ['GEO_OVERLAP']],
      [[{ nameZh: 'a', geometry: south }, { nameZh: 'b', geometry: box(123.7, 41.305, 123.71, 41.31) }], ['GEO_PARTS_NOT_COVER']],
      [[{ nameZh: 'a', geometry: south }, { nameZh: 'b', geometry: { type: 'Polygon', coordinates: [[[123.7, 41.304], [123.71, 41.31], [123.71, 41.304], [123.7, 41.31], [123.7, 41.304]]] } }], ['GEO_SELF_INTERSECTION']],
    ];
    for (const [parts, expected] of cases) {
      const res = await admin.call('POST', url, { parts });
      expect(res.statusCode, res.body).toBe(422);
      expect(res.json().error.code).toBe('GRID_PARTS_INVALID');
      expect(res.json().error.details.map((d: any) => d.problem)).toEqual(expected);
    }
    const cover = await admin.call('POST', url + '?lang=en', { parts: cases[2]![0] });
    expect(cover.json().error.details[0].message).toBe('The parts add up to 90.0% of the original grid; they must cover it (within 1%)');
    expect((await admin.call('POST', url, { parts: [{ nameZh: 'a', geometry: south }] })).statusCode).toBe(400);
    const taken = await admin.call('POST', url, { parts: [{ code: '21050200100102', nameZh: 'a', geometry: south }, { nameZh: 'b', geometry: north }] });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error.code).toBe('NODE_CODE_TAKEN');
    expect(await state()).toEqual(before);
  });

  it('splits: retires the grid, moves buildings, households, residents and grants, writes lineage', async () => {
    const admin = await t.as('admin');
    const db = t.database.db;
    const G1 = t.fx.nodes.G1.id;
    expect((await admin.call('GET', '/api/geo/locate?lat=41.302&lng=123.705')).json().grid.id).toBe(G1);
    const res = await admin.call('POST', `/api/geo/grids/${G1}/split`, splitBody);
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json();
    const [s, n] = body.created;
    expect(s).toMatchObject({ code: 'G1-S', nameZh: '石榴园南网格', nameEn: 'G1-S' });
    // The north part gets the community's next free number.
    expect(n).toMatchObject({ code: '21050200100103', nameEn: 'Shiliuyuan North' });
    expect(body.retired).toEqual({ id: G1, code: '21050200100101' });
    // One located household each: a tie, so the larger (north) part is primary and takes the rest.
    expect(body.primaryGridId).toBe(n.id);
    expect(body.counts).toMatchObject({ buildings: 2, households: 3, householdsWithoutBuilding: 1, residents: 4 });
    expect(body.counts.byGrid).toEqual({ 'G1-S': { buildings: 1, households: 1 }, '21050200100103': { buildings: 1, households: 2 } });
    expect(body.grants.map((g: any) => [g.username, g.role, g.toGridId]).sort()).toEqual([['grid', 'grid_worker', n.id], ['resident', 'resident', n.id]]);
    expect(body.partyNodesOnRetiredGrids.map((p: any) => p.code)).toEqual(['P-G1']);

    const g1 = await db.selectFrom('org_node').selectAll().where('id', '=', G1).executeTakeFirstOrThrow();
    expect(g1.active).toBe(false);
    expect(g1.retired_at).toBeInstanceOf(Date);
    expect(g1.geometry).toEqual(box(123.7, 41.3, 123.71, 41.31));
    const gridOf = async (table: 'building' | 'household', id: number) => (await db.selectFrom(table).select('grid_id').where('id', '=', id).executeTakeFirstOrThrow()).grid_id;
    expect(await gridOf('building', t.fx.buildings.g1!)).toBe(n.id);
    expect(await gridOf('building', extra.building)).toBe(s.id);
    expect(await gridOf('household', t.fx.households.g1!)).toBe(n.id);
    expect(await gridOf('household', extra.household)).toBe(s.id);
    expect(await gridOf('household', extra.homeless)).toBe(n.id);
    const residents = await db.selectFrom('resident').select(['household_id', 'grid_id']).where('grid_id', 'in', [G1, s.id, n.id]).execute();
    expect(residents.every((r) => r.grid_id === (r.household_id === extra.household ? s.id : n.id))).toBe(true);
    expect(residents).toHaveLength(4);

    const change = await db.selectFrom('grid_change').selectAll().where('id', '=', body.changeId).executeTakeFirstOrThrow();
    expect([change.kind, change.community_id, change.note, change.created_by]).toEqual(['split', t.fx.nodes.C1.id, '人口增长，一分为二', t.fx.users.admin]);
    const lineage = await db.selectFrom('grid_lineage').selectAll().where('change_id', '=', body.changeId).orderBy('to_node_id').execute();
    expect(lineage.map((l) => [l.from_node_id, l.to_node_id])).toEqual([[G1, s.id], [G1, n.id]]);
    const audit = await db.selectFrom('audit_log').selectAll().where('action', '=', 'geo.grid_split').executeTakeFirstOrThrow();
    expect([audit.actor_id, audit.entity_id, audit.reason]).toEqual([t.fx.users.admin, String(G1), '人口增长，一分为二']);

    // This process serves the new grids at once.
    expect((await admin.call('GET', '/api/geo/locate?lat=41.302&lng=123.705')).json().grid.code).toBe('G1-S');
    expect((await admin.call('GET', '/api/geo/locate?lat=41.308&lng=123.705')).json().grid.code).toBe('21050200100103');
    // The grid worker now sees the north part (her grant moved), and the retired grid with includeRetired.
    const grid = await t.as('grid');
    expect((await grid.call('GET', '/api/geo/grids')).json().features.map((f: any) => f.properties.code)).toEqual(['21050200100103']);
    const all = await admin.call('GET', `/api/geo/grids?nodeId=${t.fx.nodes.C1.id}&includeRetired=true`);
    expect(all.json().features.map((f: any) => [f.properties.code, f.properties.active])).toEqual([
      ['21050200100101', false],
      ['21050200100102', true],
      ['21050200100103', true],
      ['G1-S', true],
    ]);
    // A retired grid cannot be split again.
    const again = await admin.call('POST', `/api/geo/grids/${G1}/split`, { parts: [{ nameZh: 'a', geometry: south }, { nameZh: 'b', geometry: north }] });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('GRID_RETIRED');
  });
});

describe('POST /geo/grids/merge and history', () => {
  const codes = ['G1-S', '21050200100103'];
  const ids = async () => (await t.database.db.selectFrom('org_node').select(['id', 'code']).where('code', 'in', codes).execute()).sort((a, b) => codes.indexOf(a.code) - codes.indexOf(b.code)).map((r) => r.id);

  it('refuses bad merges: other communities, duplicates, retired grids, taken codes, scope', async () => {
    const admin = await t.as('admin');
    const before = await state();
    const [s, n] = await ids();
    const merge = (gridIds: number[], extraBody = {}) => admin.call('POST', '/api/geo/grids/merge', { gridIds, nameZh: '合并网格', ...extraBody });
    expect((await merge([t.fx.nodes.G2.id, t.fx.nodes.G3.id])).json().error.code).toBe('GRIDS_NOT_SAME_COMMUNITY');
    expect((await merge([s!, s!])).json().error.code).toBe('GRIDS_DUPLICATE');
    expect((await merge([s!, t.fx.nodes.G1.id])).json().error.code).toBe('GRID_RETIRED');
    expect((await merge([s!, n!], { code: '21050200100102' })).json().error.code).toBe('NODE_CODE_TAKEN');
    expect((await merge([s!])).statusCode).toBe(400);
    expect((await (await t.as('street2')).call('POST', '/api/geo/grids/merge', { gridIds: [s, n], nameZh: 'x' })).statusCode).toBe(403);
    expect((await (await t.as('community')).call('POST', '/api/geo/grids/merge', { gridIds: [s, n], nameZh: 'x' })).statusCode).toBe(403);
    expect((await t.anonymous.call('POST', '/api/geo/grids/merge', { gridIds: [s, n], nameZh: 'x' })).statusCode).toBe(401);
    expect(await state()).toEqual(before);
  });

  it('merges into one dissolved grid, moves everything and keeps the lineage over both steps', async () => {
    const admin = await t.as('admin');
    const db = t.database.db;
    const [s, n] = await ids();
    const res = await admin.call('POST', '/api/geo/grids/merge', { gridIds: [s, n], code: 'G1-M', nameZh: '石榴园合并网格', nameEn: 'Shiliuyuan Merged' });
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json();
    expect(body.created).toMatchObject({ code: 'G1-M', geometryType: 'Polygon' });
    expect(body.counts).toMatchObject({ buildings: 2, households: 3, residents: 4 });
    const m = body.created.id;
    const merged = await db.selectFrom('org_node').select(['geometry', 'bbox', 'parent_id']).where('id', '=', m).executeTakeFirstOrThrow();
    expect(merged.parent_id).toBe(t.fx.nodes.C1.id);
    expect(merged.bbox).toEqual([123.7, 41.3, 123.71, 41.31]);
    expect((merged.geometry as any).coordinates[0]).toHaveLength(7); // the four corners plus the two ends of the old cut, closed
    for (const table of ['building', 'household', 'resident'] as const) {
      const rows = await db.selectFrom(table).select('grid_id').where('grid_id', 'in', [s!, n!, m]).execute();
      expect(rows.every((r) => r.grid_id === m), table).toBe(true);
    }
    const grants = await db.selectFrom('role_grant').select('user_id').where('node_id', '=', m).execute();
    expect(grants.map((g) => g.user_id).sort()).toEqual([t.fx.users.grid, t.fx.users.resident].sort());
    expect((await admin.call('GET', '/api/geo/locate?lat=41.302&lng=123.705')).json().grid.code).toBe('G1-M');

    const history = await admin.call('GET', `/api/geo/grids/${m}/history`);
    expect(history.statusCode).toBe(200);
    const h = history.json();
    expect(h.grid).toMatchObject({ id: m, code: 'G1-M', active: true });
    expect(h.changes.map((c: any) => [c.kind, c.action])).toEqual([['merge', 'created']]);
    expect(h.predecessors.map((p: any) => [p.code, p.depth, p.changeKind])).toEqual([
      ['G1-S', 1, 'merge'],
      ['21050200100103', 1, 'merge'],
      ['21050200100101', 2, 'split'],
    ]);
    expect(h.successors).toEqual([]);
    const g1 = (await admin.call('GET', `/api/geo/grids/${t.fx.nodes.G1.id}/history`)).json();
    expect(g1.changes.map((c: any) => [c.kind, c.action])).toEqual([['split', 'retired']]);
    expect(g1.successors.map((p: any) => [p.code, p.depth]).sort()).toEqual([['21050200100103', 1], ['G1-M', 2], ['G1-S', 1]]);
    // History follows the same scope rules.
    expect((await (await t.as('street2')).call('GET', `/api/geo/grids/${m}/history`)).statusCode).toBe(404);
    expect((await (await t.as('street')).call('GET', `/api/geo/grids/${m}/history`)).statusCode).toBe(200);
    expect((await (await t.as('resident')).call('GET', `/api/geo/grids/${m}/history`)).statusCode).toBe(403);
  });

  it('keeps a reshape’s previous geometry in the history', async () => {
    const admin = await t.as('admin');
    const G2 = t.fx.nodes.G2.id;
    const file = { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { code: '21050200100102', community_code: '210502001001' }, geometry: box(123.71, 41.3, 123.72, 41.309) }] };
    expect((await admin.call('POST', '/api/geo/import-grids', file)).statusCode).toBe(201);
    const h = (await admin.call('GET', `/api/geo/grids/${G2}/history`)).json();
    expect(h.changes.map((c: any) => [c.kind, c.action])).toEqual([['reshape', 'reshaped']]);
    expect(h.changes[0].previousGeometry).toEqual(box(123.71, 41.3, 123.72, 41.31));
    expect(h.grid.geometry).toEqual(box(123.71, 41.3, 123.72, 41.309));
  });
});

describe('grid index across processes', () => {
  it('another process picks up a change within the check interval', async () => {
    const db = t.database.db;
    // A second Kysely instance on the same database has its own index, like another API process.
    const other = db.withoutPlugins();
    const before = (await locate(41.305, 123.735, other))!.grid.code;
    expect(before).toBe('21050200200101');
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() });
    try {
      const file = { type: 'FeatureCollection', features: [
        { type: 'Feature', properties: { code: '21050200200101', community_code: '210502002001' }, geometry: box(123.73, 41.3, 123.734, 41.31) },
        { type: 'Feature', properties: { code: 'G4-E', community_code: '210502002001' }, geometry: box(123.734, 41.3, 123.74, 41.31) },
      ] };
      expect((await (await t.as('admin')).call('POST', '/api/geo/import-grids', file)).statusCode).toBe(201);
      expect((await locate(41.305, 123.735, db))!.grid.code).toBe('G4-E');
      // Within the interval the other process may still answer from its old index …
      expect((await locate(41.305, 123.735, other))!.grid.code).toBe('21050200200101');
      vi.setSystemTime(Date.now() + CHECK_INTERVAL_MS + 1);
      // … and after it, it sees the change.
      expect((await locate(41.305, 123.735, other))!.grid.code).toBe('G4-E');
    } finally {
      vi.useRealTimers();
    }
  });
});
