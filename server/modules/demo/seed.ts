/**
 * Writes the demo jurisdiction: the administrative tree with polygons, the functional departments, the
 * party tree, buildings, houses, households and residents grid by grid, the demo users and a week of
 * patrols. Rows are streamed through the BulkWriter, so memory stays flat whatever the size. Everything
 * is one transaction — all or nothing, at any size — and the big tables' secondary indexes are dropped
 * inside it and rebuilt once at the end.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import { hashPassword } from '../../platform/auth/sessions.js';
import { audit } from '../../platform/audit/index.js';
import { Rng, deriveSeed } from './prng.js';
import { ringBbox, pointInRing, type CellRect, type Point } from './geometry.js';
import { planDemo, CITY, DEFAULT_HOUSEHOLDS, type DemoPlan, type PlannedGrid } from './plan.js';
import { generateGrid, IdNumberAllocator, personName, phoneNumber } from './people.js';
import { DEPARTMENTS } from './departments.js';
import { ROAD_NAMES } from './names.js';
import { BulkWriter, type Value } from './writer.js';
import { dropSecondaryIndexes, createIndexes } from '../../platform/backup/index.js';
import { seedDemoCases, DEFAULT_DEMO_CASES } from './cases.js';

type Q = Kysely<DB> | Transaction<DB>;

const DAY = 86_400_000;
const EPOCH = Date.UTC(1900, 0, 1);

export interface SeedOptions {
  seed: number;
  /** The password of every demo user (hashed once). */
  password: string;
  /** Number of households (default 20,000: 5 streets, 37 communities, 380 grids). */
  households?: number;
  /** The day the demo is generated for, YYYY-MM-DD (ages, patrol dates); default today. */
  today?: string;
  /** Called with a short progress line after each street. */
  onProgress?: (message: string) => void;
  /** Demo cases over the last 90 days (default: one per 10 households, at most 2,000; 0 for none). */
  cases?: number;
  /** The present for the demo cases (default: now; with `today` given, 16:00 China time that day). */
  now?: Date;
}

export interface SeedSummary {
  seed: number;
  districts: number;
  streets: number;
  communities: number;
  grids: number;
  departments: number;
  partyOrganisations: number;
  buildings: number;
  houses: number;
  households: number;
  residents: number;
  users: number;
  patrolLogs: number;
  /** Demo cases written (cases.ts), and how long they took. */
  cases: number;
  casesMs: number;
  ms: number;
}

/** The demo accounts. The first eight usernames are a contract (docs, browser journeys). */
export const DEMO_USERS = [
  { username: 'admin', role: 'admin', roleZh: '系统管理员', roleEn: 'Administrator' },
  { username: 'district', role: 'district_operator', roleZh: '区综治中心', roleEn: 'District centre operator' },
  { username: 'street', role: 'street_operator', roleZh: '街道综治中心', roleEn: 'Street centre operator' },
  { username: 'community', role: 'community_staff', roleZh: '社区工作者', roleEn: 'Community staff' },
  { username: 'grid', role: 'grid_worker', roleZh: '网格员', roleEn: 'Grid worker' },
  { username: 'department', role: 'department_staff', roleZh: '职能部门（城管）', roleEn: 'Department staff (urban management)' },
  { username: 'mediator', role: 'mediator', roleZh: '人民调解员', roleEn: 'Mediator' },
  { username: 'resident', role: 'resident', roleZh: '居民', roleEn: 'Resident' },
  { username: 'unit', role: 'unit_org', roleZh: '共建单位', roleEn: 'Co-building unit' },
  { username: 'street2', role: 'street_operator', roleZh: '第二街道（看不到第一街道）', roleEn: 'Street 2 operator (cannot see street 1)' },
  { username: 'leader', role: 'leader', roleZh: '街道主要负责人（审批攻坚哨）', roleEn: 'Street principal leader (approves tough whistles)' },
] as const;

export class DemoSeedRefused extends Error {}

/** True when there are no organisation nodes and no users. */
export async function isEmptyDatabase(db: Q): Promise<boolean> {
  const r = await sql<{ any: boolean }>`select exists(select 1 from org_node) or exists(select 1 from app_user) as any`.execute(db);
  return !r.rows[0]!.any;
}

const geometryOf = (ring: Point[]) => JSON.stringify({ type: 'Polygon', coordinates: [ring] });
const bboxOf = (ring: Point[]) => `{${ringBbox(ring).join(',')}}`;
const dayOf = (iso: string) => Math.round((Date.parse(iso + 'T00:00:00Z') - EPOCH) / DAY);
const isoDay = (day: number) => new Date(EPOCH + day * DAY).toISOString().slice(0, 10);
const officePhone = (rng: Rng) => `0414-${rng.int(2, 8)}${String(rng.int(0, 999_999)).padStart(6, '0')}`;

/** Generates the demo jurisdiction into an empty database; deterministic from the seed (and `today`). */
export async function seedDemo(db: Kysely<DB>, opts: SeedOptions): Promise<SeedSummary> {
  const t0 = Date.now();
  const households = opts.households ?? DEFAULT_HOUSEHOLDS;
  const today = opts.today ?? new Date().toISOString().slice(0, 10);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(today)) throw new Error('today must be YYYY-MM-DD');
  if (!(await isEmptyDatabase(db))) throw new DemoSeedRefused('the database already has organisation nodes or users');
  const plan = planDemo(opts.seed, households);
  const passwordHash = await hashPassword(opts.password);
  const state = new SeedState(plan, opts.seed, dayOf(today));
  const written = await db.transaction().execute(async (tx) => {
    if (!(await isEmptyDatabase(tx))) throw new DemoSeedRefused('the database already has organisation nodes or users');
    const writer = new BulkWriter(tx);
    await writer.init();
    await writeSkeleton(state, writer);
    const deferred = await dropSecondaryIndexes(tx, DEFERRED_INDEX_TABLES);
    for (const d of plan.districts) {
      for (const s of d.streets) {
        await writeStreetPeople(state, writer, d.shortZh, s.communities);
        await writer.flush();
        opts.onProgress?.(`${s.nameZh} ${s.nameEn}: ${writer.written.household ?? 0}/${households} households, ${Math.round((Date.now() - t0) / 1000)} s`);
      }
    }
    await createIndexes(tx, deferred);
    await writeUsers(state, writer, passwordHash, today);
    await writer.flush();
    await writer.resetSequences();
    await audit(tx, { actor: null, ip: null }, { action: 'demo.seed', entity: 'system', detail: { seed: opts.seed, households, today } });
    return writer.written;
  });
  // The cases in a second transaction: their clocks are computed through this handle's caches first.
  const caseCount = opts.cases ?? Math.min(DEFAULT_DEMO_CASES, Math.round(households / 10));
  const now = opts.now ?? (opts.today ? new Date(`${today}T16:00:00+08:00`) : new Date());
  const cases = caseCount > 0 ? await seedDemoCases(db, { seed: opts.seed, count: caseCount, now, passwordHash }) : null;
  if (cases) opts.onProgress?.(`${cases.cases} demo cases (${cases.open} open, ${cases.events} events) in ${(cases.ms / 1000).toFixed(1)} s`);
  return {
    seed: opts.seed,
    districts: plan.districts.length,
    streets: state.streetIds.length,
    communities: state.communityIds.length,
    grids: plan.gridCount,
    departments: state.departments,
    partyOrganisations: state.partyNodes + state.groupNodes(written.org_node ?? 0),
    buildings: written.building ?? 0,
    houses: written.house ?? 0,
    households: written.household ?? 0,
    residents: written.resident ?? 0,
    users: written.app_user ?? 0,
    patrolLogs: written.patrol_log ?? 0,
    cases: cases?.cases ?? 0,
    casesMs: cases?.ms ?? 0,
    ms: Date.now() - t0,
  };
}

/** Tables whose secondary indexes are built after the bulk load (GIN on search tokens and tags above all:
 * one build is several times faster than row-by-row maintenance). */
const DEFERRED_INDEX_TABLES = ['resident', 'household', 'house'];

/** What later phases need from earlier ones. */
class SeedState {
  rootId = 0;
  districtIds: number[] = [];
  streetIds: number[] = [];
  communityIds: number[] = [];
  gridIds: number[] = [];
  gridPaths: string[] = [];
  branchIds: number[] = [];
  gridWorkers: { name: string; phone: string }[] = [];
  urbanManagementId = 0;
  departments = 0;
  partyNodes = 0;
  skeletonNodes = 0;
  firstHead: { id: number; name: string } | null = null;
  gridOneElderly: { name: string; building: string }[] = [];
  gridOneBuildings: Point[] = [];
  readonly ids = new IdNumberAllocator();
  readonly rng: Rng;

  constructor(
    readonly plan: DemoPlan,
    readonly seed: number,
    readonly today: number,
  ) {
    this.rng = new Rng(deriveSeed(seed, 4));
  }

  /** Party groups and centre households are the org nodes written after the skeleton. */
  groupNodes(orgNodesWritten: number) {
    return orgNodesWritten - this.skeletonNodes;
  }
}

async function writeSkeleton(st: SeedState, w: BulkWriter) {
  const { plan, rng } = st;
  const lat = plan.lattice;
  const node = async (
    parentId: number | null,
    tree: 'admin' | 'department' | 'party',
    type: string,
    level: number,
    code: string,
    nameZh: string,
    nameEn: string,
    path: (id: number) => string,
    opts: { admin?: number; rect?: CellRect; attrs?: Record<string, unknown>; sort?: number } = {},
  ) => {
    const id = w.id('org_node');
    const ring = opts.rect ? lat.ring(opts.rect) : null;
    const row: Value[] = [
      id, parentId, tree, type, level, code, nameZh, nameEn, path(id), opts.admin ?? null,
      ring ? geometryOf(ring) : null, ring ? bboxOf(ring) : null, JSON.stringify(opts.attrs ?? {}), opts.sort ?? 0,
    ];
    await w.push('org_node', row);
    st.skeletonNodes++;
    return { id, path: path(id) };
  };
  const whole: CellRect = { x0: 0, y0: 0, x1: lat.nx, y1: lat.ny };
  let cityParty: { id: number } | null = null;
  let rootPath = '/';
  let cityId: number | null = null;
  if (plan.rootType === 'city') {
    const city = await node(null, 'admin', 'city', 40, CITY.code, CITY.nameZh, `${CITY.nameEn} City`, (id) => `/${id}/`, { rect: whole, attrs: { adminCode: CITY.code } });
    cityId = city.id;
    rootPath = city.path;
    st.rootId = city.id;
    cityParty = await node(null, 'party', 'party_committee', 40, `P${CITY.code}`, `中共${CITY.nameZh}委员会`, `CPC ${CITY.nameEn} Municipal Committee`, (id) => `${city.path}p${id}/`, { admin: city.id });
    st.partyNodes++;
  }
  for (const d of plan.districts) {
    const dist = await node(cityId, 'admin', 'district', 30, d.code, d.nameZh, d.nameEn, (id) => `${rootPath}${id}/`, {
      rect: d.rect,
      attrs: { adminCode: d.code, city: CITY.nameZh, cityEn: CITY.nameEn, officePhone: officePhone(rng) },
      sort: d.index,
    });
    if (plan.rootType === 'district') st.rootId = dist.id;
    st.districtIds.push(dist.id);
    const dParty = await node(cityParty?.id ?? null, 'party', 'party_committee', 30, `P${d.code}`, `中共${d.nameZh}委员会`, `CPC ${d.nameEn} Committee`, (id) => `${dist.path}p${id}/`, { admin: dist.id, sort: d.index });
    st.partyNodes++;
    for (const [k, [abbr, zh, en, kind]] of DEPARTMENTS.entries()) {
      const dep = await node(dist.id, 'department', 'department', 30, `${d.code}-${abbr}`, zh.replace('{d}', d.shortZh), en.replace('{D}', d.shortEn), (id) => `${dist.path}${id}/`, {
        attrs: { kind, officePhone: officePhone(rng) },
        sort: k,
      });
      if (abbr === 'CG' && !st.urbanManagementId) st.urbanManagementId = dep.id;
      st.departments++;
    }
    for (const s of d.streets) {
      const street = await node(dist.id, 'admin', 'street', 20, s.code, s.nameZh, s.nameEn, (id) => `${dist.path}${id}/`, {
        rect: s.rect,
        attrs: { officePhone: officePhone(rng), centre: `${s.nameZh}综治中心` },
        sort: s.index,
      });
      st.streetIds.push(street.id);
      const sParty = await node(dParty.id, 'party', 'party_committee', 20, `P${s.code}`, `中共${s.nameZh}工作委员会`, `${s.nameEn} Party Working Committee`, (id) => `${street.path}p${id}/`, { admin: street.id, sort: s.index });
      st.partyNodes++;
      for (const c of s.communities) {
        const comm = await node(street.id, 'admin', 'community', 10, c.code, c.nameZh, c.nameEn, (id) => `${street.path}${id}/`, {
          rect: c.rect,
          attrs: { secretaryName: personName(rng, rng.chance(0.6) ? 'F' : 'M', rng.int(1968, 1990)), officePhone: officePhone(rng), receptionDays: '6,26' },
          sort: c.index,
        });
        st.communityIds.push(comm.id);
        const cParty = await node(sParty.id, 'party', 'party_community', 10, `P${c.code}`, `中共${c.nameZh}委员会`, `${c.nameEn} Party Committee`, (id) => `${comm.path}p${id}/`, { admin: comm.id, sort: c.index });
        st.partyNodes++;
        for (const g of c.grids) {
          const worker = { name: personName(rng, rng.chance(0.65) ? 'F' : 'M', rng.int(1975, 1998)), phone: phoneNumber(rng) };
          const grid = await node(comm.id, 'admin', 'grid', 0, g.code, g.nameZh, g.nameEn, (id) => `${comm.path}${id}/`, {
            rect: { x0: g.cell[0], y0: g.cell[1], x1: g.cell[0] + 1, y1: g.cell[1] + 1 },
            attrs: { gridWorkerName: worker.name, gridWorkerPhone: worker.phone, gridHeadName: personName(rng, rng.chance(0.5) ? 'F' : 'M', rng.int(1965, 1988)) },
            sort: g.number,
          });
          const branch = await node(cParty.id, 'party', 'party_branch', 0, `P${g.code}`, `${g.nameZh}党支部`, `${g.nameEn} Party Branch`, (id) => `${grid.path}p${id}/`, { admin: grid.id, sort: g.number });
          st.partyNodes++;
          st.gridIds[g.index] = grid.id;
          st.gridPaths[g.index] = grid.path;
          st.branchIds[g.index] = branch.id;
          st.gridWorkers[g.index] = worker;
        }
      }
    }
  }
  await w.flush();
}

async function writeStreetPeople(st: SeedState, w: BulkWriter, districtZh: string, communities: DemoPlan['districts'][number]['streets'][number]['communities']) {
  const lat = st.plan.lattice;
  for (const c of communities) {
    const crng = new Rng(deriveSeed(st.seed, 3, c.index));
    const roads = Array.from({ length: 3 }, () => crng.pick(ROAD_NAMES));
    const era = crng.pickWeighted(['old', 'mid', 'new'] as const, [55, 85, 100]);
    for (const g of c.grids) await writeGrid(st, w, g, `${districtZh}区`, roads, era, lat);
  }
}

async function writeGrid(st: SeedState, w: BulkWriter, g: PlannedGrid, districtZh: string, roads: string[], era: 'old' | 'mid' | 'new', lat: DemoPlan['lattice']) {
  const [i, j] = g.cell;
  const rows = generateGrid({
    rng: new Rng(deriveSeed(st.seed, 5, g.index)),
    today: st.today,
    gridId: st.gridIds[g.index]!,
    gridCode: g.code,
    gridPath: st.gridPaths[g.index]!,
    gridLevel: 0,
    gridNameZh: g.nameZh,
    gridNameEn: g.nameEn,
    branchId: st.branchIds[g.index]!,
    households: g.households,
    ring: lat.ring({ x0: i, y0: j, x1: i + 1, y1: j + 1 }),
    cellPoint: (u, v) => lat.cellPoint(i, j, u, v),
    districtZh,
    roads,
    era,
    ids: st.ids,
    nextId: (t) => w.id(t),
  });
  if (g.index === 0) {
    const head = rows.residents.find((r) => r[0] === rows.firstHeadId);
    st.firstHead = head ? { id: head[0] as number, name: head[3] as string } : null;
    st.gridOneElderly = rows.elderlyAlone;
    st.gridOneBuildings = rows.buildingPoints;
  }
  for (const r of rows.orgNodes) await w.push('org_node', r as Value[]);
  for (const r of rows.buildings) await w.push('building', r as Value[]);
  for (const r of rows.houses) await w.push('house', r as Value[]);
  for (const r of rows.households) await w.push('household', r as Value[]);
  for (const r of rows.residents) await w.push('resident', r as Value[]);
}

const PATROL_NOTES = [
  '巡查{b}周边，楼道整洁，未发现安全隐患。',
  '发现{b}单元门口堆放杂物，已劝导住户清理。',
  '检查小区消防通道，一处被私家车占用，已联系车主挪走。',
  '巡查沿街商户“门前三包”落实情况，提醒两家商户规范摆放。',
  '发现路灯一盏不亮，已上报区城市管理局。',
  '巡查小区内垃圾分类投放点，分类情况良好。',
];

async function writeUsers(st: SeedState, w: BulkWriter, passwordHash: string, today: string) {
  const rng = new Rng(deriveSeed(st.seed, 6));
  const plan = st.plan;
  const street1 = plan.districts[0]!.streets[0]!;
  const community1 = street1.communities[0]!;
  const grid1 = community1.grids[0]!;
  const street2Index = plan.districts[0]!.streets[1]?.index ?? plan.districts[1]?.streets[0]?.index;
  const staffName = () => personName(rng, rng.chance(0.55) ? 'F' : 'M', rng.int(1970, 1995));
  const accounts: Record<(typeof DEMO_USERS)[number]['username'], { node: number; display: string; resident?: number | null }> = {
    admin: { node: st.rootId, display: '系统管理员' },
    district: { node: st.districtIds[0]!, display: staffName() },
    street: { node: st.streetIds[street1.index]!, display: staffName() },
    community: { node: st.communityIds[community1.index]!, display: staffName() },
    grid: { node: st.gridIds[grid1.index]!, display: st.gridWorkers[grid1.index]!.name },
    department: { node: st.urbanManagementId, display: staffName() },
    mediator: { node: st.streetIds[street1.index]!, display: staffName() },
    resident: { node: st.gridIds[grid1.index]!, display: st.firstHead?.name ?? staffName(), resident: st.firstHead?.id ?? null },
    unit: { node: st.communityIds[community1.index]!, display: '国网本溪供电公司第一党支部' },
    street2: { node: st.streetIds[street2Index ?? street1.index]!, display: staffName() },
    leader: { node: st.streetIds[street1.index]!, display: staffName() },
  };
  const userIds: Record<string, number> = {};
  for (const u of DEMO_USERS) {
    const a = accounts[u.username];
    const id = w.id('app_user');
    userIds[u.username] = id;
    await w.push('app_user', [id, u.username, passwordHash, a.display, u.username === 'grid' ? st.gridWorkers[grid1.index]!.phone : phoneNumber(rng), 'zh-CN', a.resident ?? null]);
    await w.push('role_grant', [w.id('role_grant'), id, u.role, a.node]);
  }
  // A week of patrols by the demo grid worker (no patrol on Sundays).
  const ring = plan.lattice.ring({ x0: grid1.cell[0], y0: grid1.cell[1], x1: grid1.cell[0] + 1, y1: grid1.cell[1] + 1 });
  const base = dayOf(today);
  for (let back = 7; back >= 1; back--) {
    const day = base - back;
    const date = isoDay(day);
    if (new Date(EPOCH + day * DAY).getUTCDay() === 0) continue;
    const start = 8 * 60 + rng.int(0, 90);
    const end = start + rng.int(60, 150);
    const hm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}:00+08:00`;
    const route: Point[] = [];
    const stops = [...st.gridOneBuildings];
    for (let k = 0; k < 8; k++) {
      if (stops.length && rng.chance(0.5)) route.push(stops.splice(rng.int(0, stops.length - 1), 1)[0]!);
      else {
        const p = plan.lattice.cellPoint(grid1.cell[0], grid1.cell[1], rng.range(0.1, 0.9), rng.range(0.1, 0.9));
        if (pointInRing(p, ring)) route.push(p);
      }
    }
    const elderly = st.gridOneElderly.length ? rng.pick(st.gridOneElderly) : null;
    const notes = [
      rng.pick(PATROL_NOTES).replace('{b}', elderly?.building ?? '1号楼'),
      ...(elderly ? [`入户走访独居老人${elderly.name}，身体状况良好，提醒注意用电用气安全。`] : []),
    ].join('\n');
    await w.push('patrol_log', [w.id('patrol_log'), st.gridIds[grid1.index]!, userIds.grid!, date, `${date}T${hm(start)}`, `${date}T${hm(end)}`, JSON.stringify(route), notes]);
  }
}
