/** The demo generator on a real database: invariants of the data, determinism, demo logins. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { testDatabase } from '../../test/db.js';
import type { Database } from '../../platform/db/index.js';
import { buildApp } from '../../app.js';
import { loadConfig } from '../../config.js';
import { tableChecksums } from '../../platform/backup/index.js';
import { idNumberProblem, idNumberFacts } from '../../../common/id-number.js';
import { keyPopulation } from '../../../common/key-populations.js';
import { RELATION_CODES } from '../../../common/contracts/people.js';
import { seedDemo, isEmptyDatabase, DEMO_USERS, DemoSeedRefused, type SeedSummary } from './index.js';
import { pointInRing, tilingProblems, type Point } from './geometry.js';
import { importGrids } from '../geo/index.js';

const SEED = 7;
const TODAY = '2026-11-20';
const PASSWORD = 'demo-password-1';
const HOUSEHOLDS = 400;
const VOLATILE = ['created_at', 'updated_at', 'password_hash'];

let database: Database;
let summary: SeedSummary;

beforeAll(async () => {
  database = await testDatabase();
  expect(await isEmptyDatabase(database.db)).toBe(true);
  summary = await seedDemo(database.db, { seed: SEED, password: PASSWORD, households: HOUSEHOLDS, today: TODAY });
});
afterAll(async () => {
  await database?.close();
});

const ringOf = (geometry: unknown) => (geometry as { coordinates: Point[][] }).coordinates[0]!;

describe('the seeded demo', () => {
  it('has the planned shape and counts', async () => {
    expect(summary).toMatchObject({ districts: 1, streets: 2, households: HOUSEHOLDS, users: DEMO_USERS.length, departments: 13 });
    expect(summary.residents).toBeGreaterThan(HOUSEHOLDS * 2);
    expect(summary.residents).toBeLessThan(HOUSEHOLDS * 3.5);
    const counts = await sql<{ type: string; n: number }>`select type, count(*)::int as n from org_node group by type`.execute(database.db);
    const by = Object.fromEntries(counts.rows.map((r) => [r.type, r.n]));
    expect(by.district).toBe(1);
    expect(by.grid).toBe(summary.grids);
    expect(by.party_branch).toBe(summary.grids); // one branch per grid
    expect(by.party_committee).toBe(1 + summary.streets);
    expect(by.party_community).toBe(summary.communities);
    expect(by.party_group).toBeGreaterThan(0);
    expect(await isEmptyDatabase(database.db)).toBe(false);
  });

  it('refuses to seed a database that is not empty', async () => {
    await expect(seedDemo(database.db, { seed: SEED, password: PASSWORD, households: 20 })).rejects.toBeInstanceOf(DemoSeedRefused);
  });

  it('keeps paths, levels and party links consistent with the tree rules', async () => {
    const nodes = (await database.db.selectFrom('org_node').selectAll().execute()).map((n) => ({ ...n }));
    const byId = new Map(nodes.map((n) => [n.id, n]));
    for (const n of nodes) {
      if (n.tree === 'party') {
        const link = byId.get(n.admin_node_id!)!;
        expect(n.path).toBe(`${link.path}p${n.id}/`);
        expect(n.level).toBe(link.level);
      } else {
        expect(n.path).toBe(`${n.parent_id ? byId.get(n.parent_id)!.path : '/'}${n.id}/`);
      }
    }
    const branches = nodes.filter((n) => n.type === 'party_branch');
    expect(new Set(branches.map((b) => b.admin_node_id)).size).toBe(branches.length);
    const wrongParty = await sql<{ n: number }>`
      select count(*)::int as n from resident r left join org_node b on b.id = r.party_node_id
      where r.is_party_member and (b.type is distinct from 'party_branch' or b.admin_node_id <> r.grid_id)`.execute(database.db);
    expect(wrongParty.rows[0]!.n).toBe(0);
    const members = await sql<{ n: number }>`select count(*)::int as n from resident where is_party_member`.execute(database.db);
    expect(members.rows[0]!.n).toBeGreaterThan(0);
  });

  it('grids tile their community and communities their street, edges shared exactly', async () => {
    const nodes = await database.db.selectFrom('org_node').select(['id', 'parent_id', 'type', 'geometry', 'bbox']).where('tree', '=', 'admin').execute();
    for (const parent of nodes.filter((n) => n.type !== 'grid')) {
      const children = nodes.filter((n) => n.parent_id === parent.id);
      expect(tilingProblems(ringOf(parent.geometry), children.map((c) => ringOf(c.geometry)))).toEqual([]);
    }
    for (const n of nodes) {
      const ring = ringOf(n.geometry);
      const xs = ring.map((p) => p[0]);
      const ys = ring.map((p) => p[1]);
      expect(n.bbox).toEqual([Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)]);
    }
  });

  it('passes the geo module’s own import validation (no overlaps, inside the community)', async () => {
    const rows = await database.db
      .selectFrom('org_node as g')
      .innerJoin('org_node as c', 'c.id', 'g.parent_id')
      .select(['g.code', 'g.geometry', 'c.code as community'])
      .where('g.type', '=', 'grid')
      .execute();
    const json = {
      type: 'FeatureCollection',
      features: rows.map((r) => ({ type: 'Feature', geometry: r.geometry, properties: { code: r.code, community_code: r.community } })),
    };
    const result = await importGrids(database.db, null, { json }, { dryRun: true });
    expect(result.updated.length).toBe(summary.grids);
    expect(result.created).toEqual([]);
  });

  it('places every building inside its grid polygon', async () => {
    const rows = await database.db.selectFrom('building as b').innerJoin('org_node as g', 'g.id', 'b.grid_id').select(['b.lat', 'b.lng', 'g.geometry']).execute();
    expect(rows.length).toBe(summary.buildings);
    for (const r of rows) expect(pointInRing([r.lng, r.lat], ringOf(r.geometry))).toBe(true);
  });

  it('gives every household a resident, one head, a house in its grid and a full address', async () => {
    const bad = await sql<{ n: number }>`
      select count(*)::int as n from household h
      where (select count(*) from resident r where r.household_id = h.id and r.relation = 'head') <> 1
         or not exists (select 1 from resident r where r.household_id = h.id)
         or not exists (select 1 from house x join building b on b.id = x.building_id where x.id = h.house_id and b.grid_id = h.grid_id)
         or h.address !~ '^明湖区.+(路|街)\\d+号.+号楼\\d+单元\\d+室$'`.execute(database.db);
    expect(bad.rows[0]!.n).toBe(0);
    const shared = await sql<{ n: number }>`select count(*)::int as n from (select house_id from household group by house_id having count(*) > 1) x`.execute(database.db);
    expect(shared.rows[0]!.n).toBe(0);
    const mismatch = await sql<{ n: number }>`select count(*)::int as n from resident r join household h on h.id = r.household_id where r.grid_id <> h.grid_id`.execute(database.db);
    expect(mismatch.rows[0]!.n).toBe(0);
  });

  it('gives residents valid, unique ID numbers matching their birth date and sex, and known relations and tags', async () => {
    const rows = await database.db.selectFrom('resident').select(['id_number', 'birth_date', 'gender', 'relation', 'tags', 'name', 'search_tokens', 'phone']).execute();
    expect(new Set(rows.map((r) => r.id_number)).size).toBe(rows.length);
    for (const r of rows) {
      expect(idNumberProblem(r.id_number)).toBeNull();
      expect(idNumberFacts(r.id_number)).toEqual({ birthDate: r.birth_date, gender: r.gender });
      expect(r.birth_date < TODAY).toBe(true);
      expect(RELATION_CODES).toContain(r.relation);
      for (const t of r.tags) expect(keyPopulation(t), t).toBeDefined();
      expect(r.name).toMatch(/^[\u4e00-\u9fff]{2,4}$/);
      expect(r.search_tokens).toContain(r.name.slice(0, 2));
      if (r.phone) expect(r.phone).toMatch(/^1[3-9]\d{9}$/);
    }
  });

  it('tags key populations consistently with age and household', async () => {
    const r = await sql<{ tag: string; n: number; bad: number }>`
      select t.tag, count(*)::int as n,
        count(*) filter (where
          (t.tag = 'elderly_alone' and (extract(year from age(${TODAY}::date, r.birth_date)) < 60 or (select count(*) from resident o where o.household_id = r.household_id) <> 1))
          or (t.tag = 'left_behind_child' and extract(year from age(${TODAY}::date, r.birth_date)) >= 16)
          or (t.tag = 'empty_nest' and extract(year from age(${TODAY}::date, r.birth_date)) < 55))::int as bad
      from resident r, unnest(r.tags) t(tag) group by t.tag`.execute(database.db);
    const by = Object.fromEntries(r.rows.map((x) => [x.tag, x]));
    for (const tag of ['elderly_alone', 'empty_nest', 'disabled', 'low_income']) expect(by[tag]?.n, tag).toBeGreaterThan(0);
    for (const x of r.rows) expect(x.bad, x.tag).toBe(0);
    // Elderly living alone: roughly 8 % of households (well inside 3–15 % for 400 households).
    expect(by.elderly_alone!.n / HOUSEHOLDS).toBeGreaterThan(0.03);
    expect(by.elderly_alone!.n / HOUSEHOLDS).toBeLessThan(0.15);
  });

  it('lets every demo user sign in, scoped as documented', async () => {
    const config = { ...loadConfig({ ...process.env, GONGZHI_DATA_DIR: '.tmp/unused' }), databaseUrl: null };
    const app = await buildApp({ db: database.db, kind: database.kind, config, startedAt: new Date() }, { serveWeb: false });
    try {
      const street1 = await database.db.selectFrom('org_node').select(['id', 'path']).where('type', '=', 'street').orderBy('sort').executeTakeFirstOrThrow();
      for (const u of DEMO_USERS) {
        const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: u.username, password: PASSWORD } });
        expect(res.statusCode, u.username).toBe(200);
        const cookie = res.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
        const me = await app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });
        expect(me.statusCode).toBe(200);
        expect(JSON.stringify(me.json())).toContain(u.role);
        if (u.username === 'street' || u.username === 'street2') {
          const node = await app.inject({ method: 'GET', url: `/api/org/nodes/${street1.id}`, headers: { cookie } });
          expect(node.statusCode, u.username).toBe(u.username === 'street' ? 200 : 404);
        }
      }
      const wrong = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'grid', password: 'not-the-password' } });
      expect(wrong.statusCode).toBe(401);
    } finally {
      await app.close();
    }
    const resident = await sql<{ grid_ok: boolean }>`
      select r.grid_id = g.node_id as grid_ok from app_user u join resident r on r.id = u.resident_id
      join role_grant g on g.user_id = u.id where u.username = 'resident'`.execute(database.db);
    expect(resident.rows).toEqual([{ grid_ok: true }]);
  });

  it('writes a week of patrols for the demo grid worker inside grid 1', async () => {
    const rows = await database.db
      .selectFrom('patrol_log as p')
      .innerJoin('app_user as u', 'u.id', 'p.user_id')
      .innerJoin('role_grant as rg', 'rg.user_id', 'u.id')
      .innerJoin('org_node as g', 'g.id', 'p.grid_id')
      .select(['u.username', 'p.patrol_date', 'p.route', 'g.geometry', 'rg.node_id', 'p.grid_id', 'p.started_at', 'p.ended_at'])
      .execute();
    expect(rows.length).toBe(summary.patrolLogs);
    expect(rows.length).toBeGreaterThanOrEqual(6);
    for (const r of rows) {
      expect(r.username).toBe('grid');
      expect(r.grid_id).toBe(r.node_id);
      expect(r.patrol_date < TODAY).toBe(true);
      expect(new Date(r.ended_at!).getTime()).toBeGreaterThan(new Date(r.started_at).getTime());
      for (const p of r.route) expect(pointInRing(p, ringOf(r.geometry))).toBe(true);
    }
  });

  it('moves the identity sequences past the generated ids', async () => {
    const b = await database.db.selectFrom('building').select('grid_id').limit(1).executeTakeFirstOrThrow();
    const row = await database.db
      .insertInto('building')
      .values({ grid_id: b.grid_id, code: 'NEW-1', name: '新楼', address: '明湖区新路1号', lat: 41.29, lng: 123.77, floors: 3, unit_count: 1, kind: 'residential' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const max = await sql<{ m: number }>`select max(id)::bigint as m from building where code <> 'NEW-1'`.execute(database.db);
    expect(row.id).toBeGreaterThan(max.rows[0]!.m);
    await database.db.deleteFrom('building').where('code', '=', 'NEW-1').execute();
  });

  it('is deterministic: the same seed gives the same data, another seed different data', async () => {
    const tables = ['org_node', 'building', 'house', 'household', 'resident', 'app_user', 'role_grant', 'patrol_log'];
    const first = await tableChecksums(database.db, { tables, excludeColumns: VOLATILE });
    const again = await testDatabase();
    const other = await testDatabase();
    try {
      await seedDemo(again.db, { seed: SEED, password: 'another-password', households: HOUSEHOLDS, today: TODAY });
      await seedDemo(other.db, { seed: SEED + 1, password: PASSWORD, households: HOUSEHOLDS, today: TODAY });
      expect(await tableChecksums(again.db, { tables, excludeColumns: VOLATILE })).toEqual(first);
      const different = await tableChecksums(other.db, { tables, excludeColumns: VOLATILE });
      expect(different.resident).not.toBe(first.resident);
      expect(different.org_node).not.toBe(first.org_node);
    } finally {
      await again.close();
      await other.close();
    }
  }, 120_000);
});
