/**
 * Demo cases (案卷) for the demo district: about 2,000 cases over the last 90 days in every status, with
 * full timelines, parties, followers, extensions, cards, points, escalations, notifications and audit
 * rows — as the cases module itself would have written them (cases-model.ts mirrors its engine and sweep;
 * the clocks come from its `stageClock`). Every node that acts gets a staff account (and residents who
 * report get resident accounts), all with the demo password. Deterministic from the seed and `now`.
 *
 * The world is read first and the stories are played in memory (clock look-ups hit the calendar and
 * category caches of the database handle), then everything is bulk-inserted in one transaction.
 * For benchmark volumes (millions of cases) see cases-scale.ts.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import type { CaseSource } from '../../platform/db/tables/cases.js';
import type { Permission, Role } from '../../../common/permissions.js';
import type { WorkCalendar } from '../../../common/working-days.js';
import { stageClock } from '../cases/case-clock.js';
import { loadWorkCalendar } from '../calendar/index.js';
import { Rng, deriveSeed, cumulative } from './prng.js';
import { pointInRing, type Point } from './geometry.js';
import { personName } from './people.js';
import { holdersOf, type DemoNode, type SimCase } from './cases-model.js';
import { Story, officeTime, type CasePlan, type DemoCategory, type StoryWorld } from './cases-story.js';
import { CASE_TEXTS, PATROL_GROUPS, fillText, groupOf } from './cases-text.js';
import { maxId } from './cases-write.js';
import { writeCases } from './cases-rows.js';

export interface CaseSeedOptions {
  seed: number;
  /** How many cases (default 2,000). */
  count?: number;
  /** The present: cases are spread over the 90 days before it and played up to it (default: now). */
  now?: Date;
  /** The demo password's hash for the new accounts (default: copied from the demo user `grid`). */
  passwordHash?: string;
  /** Spread over this many days before `now` (default 90). */
  days?: number;
  /** Progress lines (phases and their times). */
  log?: (message: string) => void;
}

export interface CaseSeedSummary {
  cases: number;
  open: number;
  byStatus: Record<string, number>;
  events: number;
  cards: number;
  escalations: number;
  extensions: number;
  followers: number;
  notifications: number;
  accounts: number;
  ms: number;
}

export const DEFAULT_DEMO_CASES = 2000;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

interface Building {
  gridId: number;
  name: string;
  address: string;
  lat: number;
  lng: number;
}

/** Seeds demo cases into a database holding the demo district (or adds more). */
export async function seedDemoCases(db: Kysely<DB>, opts: CaseSeedOptions): Promise<CaseSeedSummary> {
  const t0 = Date.now();
  const now = opts.now ?? new Date();
  const count = opts.count ?? DEFAULT_DEMO_CASES;
  const days = opts.days ?? 90;
  const rng = new Rng(deriveSeed(opts.seed, 20));
  const log = opts.log ?? (() => {});
  const lap = (() => {
    let last = Date.now();
    let cpu = process.cpuUsage();
    return (what: string) => {
      const used = process.cpuUsage(cpu);
      log(`${what}: ${Date.now() - last} ms (${Math.round((used.user + used.system) / 1000)} ms CPU in this process)`);
      last = Date.now();
      cpu = process.cpuUsage();
    };
  })();
  const world = await loadWorld(db, now, rng, opts.passwordHash);
  lap(`read the district (${world.grids.length} grids, ${world.newAccounts} new accounts)`);

  const plans = planCases(world, count, days, now, opts.seed);
  const firstId = (await maxId(db, 'case_file')) + 1;
  plans.forEach((p, j) => (p.plan.id = firstId + j));
  const played: SimCase[] = [];
  const byId = new Map<number, SimCase>();
  for (const p of plans) {
    if (p.dupIndex !== null) p.plan.duplicateOf = byId.get(plans[p.dupIndex]!.plan.id) ?? null;
    const story = new Story(world.story, p.plan, new Rng(deriveSeed(opts.seed, 21, p.plan.id)));
    const c = await story.play();
    played.push(c);
    byId.set(c.id, c);
  }
  lap(`played ${played.length} cases`);
  const rows = await db.transaction().execute((tx) => writeCases(tx, world, played, now));
  lap('wrote them');
  const byStatus: Record<string, number> = {};
  for (const c of played) byStatus[c.s.status] = (byStatus[c.s.status] ?? 0) + 1;
  return {
    cases: played.length,
    open: played.filter((c) => !['closed', 'rated', 'rejected', 'cancelled', 'merged'].includes(c.s.status)).length,
    byStatus,
    ...rows,
    accounts: world.newAccounts,
    ms: Date.now() - t0,
  };
}

// ---------------------------------------------------------------- the world

export interface LoadedWorld {
  story: StoryWorld;
  nodes: Map<number, DemoNode>;
  grids: { node: DemoNode; ring: Point[]; weight: number }[];
  buildings: Map<number, Building[]>;
  categories: (DemoCategory & { weight: number; text: readonly string[] | null; description: string })[];
  hotline: Map<number, number>;
  demoResident: { userId: number; gridId: number } | null;
  newAccounts: number;
  accountRows: unknown[][];
  grantRows: unknown[][];
}

async function loadWorld(db: Kysely<DB>, now: Date, rng: Rng, passwordHash?: string): Promise<LoadedWorld> {
  const nodeRows = await db
    .selectFrom('org_node')
    .select(['id', 'parent_id', 'type', 'tree', 'path', 'name_zh', 'name_en', 'code', 'geometry', 'attrs'])
    .where('tree', 'in', ['admin', 'department'])
    .where('active', '=', true)
    .orderBy('id')
    .execute();
  const nodes = new Map<number, DemoNode>(nodeRows.map((n) => [n.id, { id: n.id, parentId: n.parent_id, type: n.type, tree: n.tree, path: n.path, nameZh: n.name_zh, nameEn: n.name_en }]));
  const node = (id: number) => {
    const n = nodes.get(id);
    if (!n) throw new Error(`demo cases: unknown node ${id}`);
    return n;
  };
  const gridRows = nodeRows.filter((n) => n.type === 'grid' && n.geometry);
  if (gridRows.length === 0) throw new Error('demo cases need the demo district (no grids found)');

  const counts = new Map((await sql<{ grid_id: number; n: number }>`select grid_id, count(*)::int as n from household group by grid_id`.execute(db)).rows.map((r) => [r.grid_id, r.n]));
  const grids = gridRows.map((g) => ({ node: node(g.id), ring: (g.geometry as unknown as { coordinates: Point[][] }).coordinates[0]!, weight: 5 + (counts.get(g.id) ?? 0) }));
  const buildings = new Map<number, Building[]>();
  for (const b of await db.selectFrom('building').select(['grid_id', 'name', 'address', 'lat', 'lng']).orderBy('id').execute()) {
    const list = buildings.get(b.grid_id) ?? [];
    list.push({ gridId: b.grid_id, name: b.name, address: b.address, lat: b.lat!, lng: b.lng! });
    buildings.set(b.grid_id, list);
  }

  // Categories: the selectable leaves, weighted as grid systems receive them.
  const cats = await db.selectFrom('case_category').select(['id', 'parent_id', 'code', 'name_zh', 'name_en', 'default_level', 'default_department_code', 'public', 'description_zh']).where('active', '=', true).execute();
  const parents = new Set(cats.map((c) => c.parent_id));
  const texts = new Map(CASE_TEXTS.map(([code, w, t]) => [code, { w, t }]));
  const categories = cats
    .filter((c) => !parents.has(c.id))
    .map((c) => {
      const t = texts.get(c.code);
      const emergency = groupOf(c.code) === 'emergency';
      return {
        id: c.id, code: c.code, nameZh: c.name_zh, nameEn: c.name_en, level: c.default_level as DemoCategory['level'], deptCode: c.default_department_code, public: c.public,
        weight: t ? t.w : emergency ? 0.25 : c.public ? 0.3 : 0.15, text: t?.t ?? null, description: c.description_zh,
      };
    })
    .sort((a, b) => a.code.localeCompare(b.code));

  // Accounts: who acts for each node, and the residents who report.
  const existing = await db.selectFrom('app_user as u').innerJoin('role_grant as g', 'g.user_id', 'u.id').select(['u.id', 'u.username', 'g.role', 'g.node_id']).orderBy('u.id').execute();
  const usernames = new Set(existing.map((u) => u.username));
  const grants = new Map<number, { userId: number; role: Role }[]>();
  for (const u of existing) grants.set(u.node_id, [...(grants.get(u.node_id) ?? []), { userId: u.id, role: u.role as Role }]);
  const hash = passwordHash ?? (await db.selectFrom('app_user').select('password_hash').where('username', '=', 'grid').executeTakeFirst())?.password_hash;
  if (!hash) throw new Error('demo cases need the demo accounts (no user "grid" to take the demo password from)');
  let nextUser = (await maxId(db, 'app_user')) + 1;
  let nextGrant = (await maxId(db, 'role_grant')) + 1;
  const accountRows: unknown[][] = [];
  const grantRows: unknown[][] = [];
  const account = (username: string, display: string, phone: string | null, residentId: number | null, role: Role, nodeId: number): number => {
    const found = existing.find((u) => u.username === username);
    if (found) return found.id;
    if (usernames.has(username)) throw new Error(`demo cases: username ${username} taken`);
    usernames.add(username);
    const id = nextUser++;
    accountRows.push([id, username, hash, display, phone, 'zh-CN', residentId]);
    grantRows.push([nextGrant++, id, role, nodeId]);
    grants.set(nodeId, [...(grants.get(nodeId) ?? []), { userId: id, role }]);
    return id;
  };
  const staffRole: Record<string, Role> = { district: 'district_operator', street: 'street_operator', community: 'community_staff', grid: 'grid_worker', department: 'department_staff' };
  const staffPrefix: Record<string, string> = { district: 'do', street: 'so', community: 'cs', grid: 'gw', department: 'dp' };
  const staff = new Map<number, number>();
  const arng = new Rng(deriveSeed(rng.u32(), 1));
  for (const n of nodeRows) {
    const role = staffRole[n.type];
    if (!role) continue;
    const perm: Permission = ['grid', 'department'].includes(n.type) ? 'case.handle' : 'case.dispatch';
    const own = holdersOf(grants.get(n.id) ?? [], perm);
    const attrs = n.attrs as Record<string, unknown>;
    const name = typeof attrs.gridWorkerName === 'string' ? attrs.gridWorkerName : personName(arng, arng.chance(0.6) ? 'F' : 'M', arng.int(1970, 1996));
    staff.set(n.id, own[0] ?? account(`${staffPrefix[n.type]}-${n.code.toLowerCase()}`, name, typeof attrs.gridWorkerPhone === 'string' ? attrs.gridWorkerPhone : null, null, role, n.id));
  }
  const hotline = new Map<number, number>();
  for (const d of nodeRows.filter((n) => n.type === 'district')) {
    hotline.set(d.id, account(`hotline-${d.code}`, `${personName(arng, 'F', arng.int(1985, 1998))}（12345热线）`, null, null, 'district_operator', d.id));
  }
  const demoResident = existing.find((u) => u.username === 'resident');
  const residentRows = await sql<{ id: number; grid_id: number; name: string; phone: string | null }>`
    select id, grid_id, name, phone from (
      select r.id, r.grid_id, r.name, r.phone, row_number() over (partition by r.grid_id order by r.id) as k
      from resident r where r.relation = 'head' and r.phone is not null
        and r.birth_date between ${isoDay(now, -76 * 365)}::date and ${isoDay(now, -23 * 365)}::date
        and not exists (select 1 from app_user u where u.resident_id = r.id)) x
    where k <= 2 order by grid_id, id`.execute(db);
  const residents = new Map<number, number[]>();
  for (const r of residentRows.rows) residents.set(r.grid_id, [...(residents.get(r.grid_id) ?? []), account(`r${r.id}`, r.name, r.phone, r.id, 'resident', r.grid_id)]);
  if (demoResident) residents.set(demoResident.node_id, [demoResident.id, ...(residents.get(demoResident.node_id) ?? [])]);

  // Clocks: the module's own computation, through the database handle's caches.
  const cal: WorkCalendar = await loadWorkCalendar(db);
  const above = (g: DemoNode, type: string): DemoNode => {
    for (let n: DemoNode | undefined = g; n; n = n.parentId ? nodes.get(n.parentId) : undefined) if (n.type === type) return n;
    throw new Error(`demo cases: no ${type} above ${g.id}`);
  };
  const depts = new Map<number, DemoNode[]>();
  for (const n of nodeRows.filter((x) => x.type === 'department')) depts.set(n.parent_id!, [...(depts.get(n.parent_id!) ?? []), node(n.id)]);
  const deptCode = new Map(nodeRows.filter((x) => x.type === 'department').map((x) => [x.id, x.code.split('-').pop()!]));
  const story: StoryWorld = {
    now,
    cal,
    node,
    usersHolding: (nodeId, perm) => holdersOf(grants.get(nodeId) ?? [], perm),
    clock: (a) => stageClock(db, a),
    staff: (id) => {
      const u = staff.get(id);
      if (u === undefined) throw new Error(`demo cases: nobody acts for node ${id}`);
      return u;
    },
    above: (g, type) => above(g, type),
    department: (districtId, code) => (depts.get(districtId) ?? []).find((d) => deptCode.get(d.id) === code) ?? null,
    departments: (districtId) => depts.get(districtId) ?? [],
    residents: (gridId) => residents.get(gridId) ?? [],
  };
  return {
    story, nodes, grids, buildings, categories, hotline,
    demoResident: demoResident ? { userId: demoResident.id, gridId: demoResident.node_id } : null,
    newAccounts: accountRows.length, accountRows, grantRows,
  };
}

const isoDay = (t: Date, plusDays: number) => new Date(t.getTime() + plusDays * DAY).toISOString().slice(0, 10);

// ---------------------------------------------------------------- planning

const RESIDENT_HOURS = cumulative([1, 0, 0, 0, 0, 1, 3, 6, 9, 10, 9, 7, 6, 6, 7, 7, 6, 6, 7, 9, 10, 8, 5, 2]);
const HOTLINE_HOURS = cumulative([0, 0, 0, 0, 0, 0, 0, 2, 8, 10, 10, 8, 5, 7, 9, 9, 8, 7, 5, 4, 3, 2, 1, 0]);

function planCases(w: LoadedWorld, count: number, days: number, now: Date, seed: number) {
  const rng = new Rng(deriveSeed(seed, 22));
  const grids = w.grids;
  const gridW = cumulative(grids.map((g) => g.weight));
  const catW = cumulative(w.categories.map((c) => c.weight));
  const out: { plan: CasePlan; dupIndex: number | null }[] = [];
  const hours = Array.from({ length: 24 }, (_, i) => i);
  const place = (gridId: number, r: Rng) => {
    const g = grids.find((x) => x.node.id === gridId)!;
    const list = w.buildings.get(gridId) ?? [];
    const b = list.length ? r.pick(list) : null;
    let p: Point = b ? [b.lng, b.lat] : g.ring[0]!;
    for (let k = 0; k < 10; k++) {
      const q: Point = [p[0] + r.range(-1, 1) * 0.00012, p[1] + r.range(-1, 1) * 0.00009];
      if (pointInRing(q, g.ring)) {
        p = q;
        break;
      }
    }
    const m = b?.address.match(/^.+?区(.+?[路街])\d+号(.+?)\d+号楼$/);
    const road = m?.[1] ?? '';
    const estate = m?.[2] ?? b?.name ?? '';
    return { lng: Math.round(p[0] * 1e6) / 1e6, lat: Math.round(p[1] * 1e6) / 1e6, building: b?.name ?? '', estate, road, address: b ? b.address.replace(/^.+?区/, '') : '' };
  };
  const describe = (cat: LoadedWorld['categories'][number], r: Rng, pl: ReturnType<typeof place>) =>
    cat.text ? fillText(r.pick(cat.text), r, pl) : `${pl.estate}${pl.building ? pl.building.replace(pl.estate, '') : ''}附近：${cat.description || cat.nameZh}`;

  for (let i = 0; i < count; i++) {
    const r = new Rng(deriveSeed(seed, 23, i));
    const cat = w.categories[pickIndex(catW, rng)]!;
    let grid = grids[pickIndex(gridW, rng)]!.node;
    const patrolOk = PATROL_GROUPS.some((g) => cat.code === g || cat.code.startsWith(g + '.'));
    const x = r.next();
    let source: CaseSource = patrolOk && x < 0.32 ? 'patrol' : !cat.public || x > 0.8 ? 'hotline' : 'resident';
    let reporter: number;
    // The demo resident reports a handful of cases in her grid, spread over the period.
    const demo = w.demoResident && i % Math.max(1, Math.floor(count / 8)) === 3 && cat.public;
    if (demo) {
      grid = w.nodes.get(w.demoResident!.gridId)!;
      source = 'resident';
      reporter = w.demoResident!.userId;
    } else if (source === 'resident') {
      const list = w.story.residents(grid.id);
      if (list.length) reporter = r.pick(list);
      else {
        source = 'hotline';
        reporter = w.hotline.get(w.story.above(grid, 'district').id)!;
      }
    } else if (source === 'patrol') reporter = w.story.staff(grid.id);
    else reporter = w.hotline.get(w.story.above(grid, 'district').id)!;
    if (source === 'hotline' && !w.hotline.get(w.story.above(grid, 'district').id)) continue;

    // A little denser towards the present (work still in hand), as a live system's recent weeks are.
    const back = demo ? ((i * 7919) % days) + r.next() : Math.pow(r.next(), 1.3) * days;
    let at = new Date(now.getTime() - back * DAY);
    const dayStart = Math.floor((at.getTime() + 8 * HOUR) / DAY) * DAY - 8 * HOUR;
    if (source === 'patrol') at = officeTime(w.story.cal, new Date(dayStart + r.range(8.5, 17) * HOUR), r);
    else at = new Date(dayStart + (r.pickWeighted(hours, source === 'hotline' ? HOTLINE_HOURS : RESIDENT_HOURS) + r.next()) * HOUR);
    if (at.getTime() >= now.getTime() - 60_000) at = new Date(now.getTime() - r.range(2, 90) * 60_000);
    const pl = place(grid.id, r);
    out.push({
      dupIndex: null,
      plan: {
        id: 0, reportedAt: new Date(Math.floor(at.getTime() / 1000) * 1000), grid, category: cat, source, reporter, description: describe(cat, r, pl),
        address: pl.address, lat: pl.lat, lng: pl.lng, urgent: groupOf(cat.code) === 'emergency' || r.chance(0.03),
        hideReporter: source === 'resident' && r.chance(0.08), duplicateOf: null, onSpot: source === 'patrol' && r.chance(0.25),
      },
    });
  }
  // Second reports of the same problem by a neighbour, a few hours later (the centre merges them).
  const base = out.length;
  for (let k = 0; k < base; k++) {
    const o = out[k]!.plan;
    if (o.source !== 'resident' || !rng.chance(0.04)) continue;
    const r = new Rng(deriveSeed(seed, 24, k));
    const others = w.story.residents(o.grid.id).filter((u) => u !== o.reporter);
    if (!others.length) continue;
    const at = new Date(o.reportedAt.getTime() + r.range(1, 40) * HOUR);
    if (at.getTime() >= now.getTime()) continue;
    const pl = place(o.grid.id, r);
    out.push({ dupIndex: k, plan: { ...o, reportedAt: new Date(Math.floor(at.getTime() / 1000) * 1000), reporter: r.pick(others), description: describe(o.category as LoadedWorld['categories'][number], r, { ...pl, building: o.address.match(/号(.+)$/)?.[1] ?? pl.building }), hideReporter: false, duplicateOf: null } });
  }
  // Ids in order of reporting, as a live system hands them out.
  const order = out.map((o, k) => k).sort((a, b) => out[a]!.plan.reportedAt.getTime() - out[b]!.plan.reportedAt.getTime() || a - b);
  const rank = new Map(order.map((k, j) => [k, j] as const));
  const sorted = order.map((k) => out[k]!);
  for (const o of sorted) if (o.dupIndex !== null) o.dupIndex = rank.get(o.dupIndex)!;
  return sorted;
}

function pickIndex(cum: number[], rng: Rng): number {
  const x = rng.next() * cum[cum.length - 1]!;
  let lo = 0;
  let hi = cum.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cum[mid]! > x) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
