/**
 * The demo cases on a real database: every status, timelines that the workflow table allows move by move,
 * clocks equal to the cases module's own `stageClock`, a sweep at the same instant that finds nothing left
 * to do, cards with their points, parties and accounts that add up, determinism, and the real API reading
 * them (inbox, one case with its timeline).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { testDatabase } from '../../test/db.js';
import type { Database } from '../../platform/db/index.js';
import { buildApp } from '../../app.js';
import { loadConfig } from '../../config.js';
import { tableChecksums } from '../../platform/backup/index.js';
import { ROLE_PERMISSIONS } from '../../../common/permissions.js';
import { RULES, nextStatus, stageOf, nodeKind, type CaseAction } from '../cases/case-workflow.js';
import { stageClock, nextSweepAt } from '../cases/case-clock.js';
import { sweepDeadlines } from '../cases/case-sweep.js';
import { rebuildGridIndex, locate } from '../geo/index.js';
import { seedDemo, seedDemoCases } from './index.js';
import { seedScaleCases } from './cases-scale.js';
import { queryTokens, toTsQuery } from '../../../common/search-tokens.js';
import { openDatabase } from '../../platform/db/index.js';
import { parseArgs, main } from '../../cli.js';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const SEED = 5;
const TODAY = '2026-11-20';
const NOW = new Date(`${TODAY}T16:00:00+08:00`);
const PASSWORD = 'demo-password-1';
const CASES = 320;
const CASE_TABLES = ['case_file', 'case_event', 'case_party', 'case_follower', 'case_extension', 'case_card', 'node_score_entry'];

let database: Database;
beforeAll(async () => {
  database = await testDatabase();
  const s = await seedDemo(database.db, { seed: SEED, password: PASSWORD, households: 400, today: TODAY, cases: CASES });
  expect(s.cases).toBeGreaterThanOrEqual(CASES);
}, 180_000);
afterAll(async () => {
  await database?.close();
});

const q = <T>(query: ReturnType<typeof sql<T>>) => query.execute(database.db).then((r) => r.rows);

/** Timelines: every move allowed by the workflow table from the status and holder before it, ending where the case is. */
async function checkTimelines() {
  const cases = new Map((await database.db.selectFrom('case_file').selectAll().execute()).map((c) => [c.id, c]));
  const nodes = new Map((await database.db.selectFrom('org_node').select(['id', 'type', 'parent_id']).execute()).map((n) => [n.id, n]));
  const events = await database.db.selectFrom('case_event').selectAll().orderBy('case_id').orderBy('id').execute();
  const byCase = new Map<number, typeof events>();
  for (const e of events) byCase.set(e.case_id, [...(byCase.get(e.case_id) ?? []), e]);
  const alias: Record<string, CaseAction> = { reopen: 'rate' };
  for (const [id, list] of byCase) {
    const c = cases.get(id)!;
    expect(list[0]!.action).toBe('report');
    expect(list[0]!.from_status).toBeNull();
    let status = list[0]!.to_status!;
    let holder = list[0]!.to_node_id!;
    let last = list[0]!.at.getTime();
    for (const e of list.slice(1)) {
      expect(e.at.getTime(), `case ${id} event ${e.id} in time order`).toBeGreaterThanOrEqual(last);
      last = e.at.getTime();
      if (!e.to_status) continue; // cards, escalations, follows, cc reads: no move
      expect(e.from_status, `case ${id} ${e.action}`).toBe(status);
      expect(e.from_node_id, `case ${id} ${e.action}`).toBe(holder);
      const action = alias[e.action] ?? (e.action as CaseAction);
      if (RULES[action]) {
        expect(RULES[action].from, `case ${id}: ${action} from ${status}`).toContain(status);
        const kind = nodeKind(nodes.get(holder)!.type);
        if (RULES[action].who === 'holder-centre') expect(kind, `case ${id}: ${action} by a centre`).toBe('centre');
        const next = nextStatus(action, { status: status as never, holderNodeId: holder, holderKind: kind, ownerNodeId: 0, reopenCount: 0, hasPendingExtension: false }, {
          toSelf: e.to_node_id === holder && (e.data as Record<string, unknown>).self === true,
          reopen: e.action === 'reopen',
        });
        expect(e.to_status, `case ${id}: ${action}`).toBe(next ?? status);
      } else expect(e.action).toBe('merged_in');
      status = e.to_status;
      holder = e.to_node_id!;
    }
    expect(c.status, `case ${id}`).toBe(status);
    expect(c.holder_node_id, `case ${id}`).toBe(holder);
  }
  expect(byCase.size).toBe(cases.size);
}

/** Clocks of open cases equal `stageClock`; cards and warnings as the sweep leaves them; a sweep now does nothing. */
async function checkClocks() {
  const open = await database.db.selectFrom('case_file as c').innerJoin('org_node as h', 'h.id', 'c.holder_node_id').selectAll('c').select('h.type as holder_type').where('c.stage', 'is not', null).execute();
  expect(open.length).toBeGreaterThan(10);
  for (const c of open) {
    expect(c.stage).toBe(stageOf(c.status));
    const k = await stageClock(database.db, { categoryId: c.category_id, holderType: c.holder_type, stage: c.stage!, start: c.stage_started_at!, extensionDays: c.stage_extension_days });
    expect(c.stage_warn_at!.getTime(), `case ${c.id}`).toBe(k.warnAt.getTime());
    expect(c.stage_yellow_at!.getTime(), `case ${c.id}`).toBe(k.yellowAt.getTime());
    expect(c.stage_red_at!.getTime(), `case ${c.id}`).toBe(k.redAt.getTime());
    // An approved extension moves the limits on; a warning or a card already raised stays.
    const card = c.stage_red_at! <= NOW ? 'red' : c.stage_yellow_at! <= NOW ? 'yellow' : 'none';
    const rank = { none: 0, yellow: 1, red: 2 } as const;
    if (c.stage_extension_days === 0) {
      expect(c.warned, `case ${c.id}`).toBe(c.stage_warn_at!.getTime() <= NOW.getTime());
      expect(c.card, `case ${c.id}`).toBe(card);
    } else {
      expect(c.warned || c.stage_warn_at! > NOW, `case ${c.id}`).toBe(true);
      expect(rank[c.card], `case ${c.id}`).toBeGreaterThanOrEqual(rank[card]);
    }
    expect(c.next_sweep_at?.getTime() ?? null).toBe(nextSweepAt({ warned: c.warned, card: c.card, warnAt: c.stage_warn_at, yellowAt: c.stage_yellow_at, redAt: c.stage_red_at })?.getTime() ?? null);
  }
  expect(await sweepDeadlines(database.db, { now: NOW })).toEqual({ warned: 0, yellow: 0, red: 0, escalated: 0, batches: 0 });
}

/** Every card paid in points and told on the timeline; every escalation a party. */
async function checkCards() {
  const cards = await q<{ id: number; color: string; points: number; ledger: number | null; events: number }>(sql`
    select k.id, k.color, k.points, (select sum(points)::int from node_score_entry s where s.card_id = k.id and s.node_id = k.node_id) as ledger,
      (select count(*)::int from case_event e where e.case_id = k.case_id and e.action = 'card_' || k.color and e.at = k.raised_at and e.to_node_id = k.node_id) as events
    from case_card k`);
  expect(cards.some((k) => k.color === 'yellow') && cards.some((k) => k.color === 'red')).toBe(true);
  for (const k of cards) {
    expect(k.ledger).toBe(-k.points);
    expect(k.events).toBe(1);
  }
  const [esc] = await q<{ bad: number; n: number }>(sql`
    select count(*) filter (where not exists (select 1 from case_party p where p.case_id = c.id and p.node_id = c.escalated_node_id and p.kind = 'escalated'))::int as bad, count(*)::int as n
    from case_file c where escalated_node_id is not null`);
  expect(esc!.n).toBeGreaterThan(0);
  expect(esc!.bad).toBe(0);
}

/** Actors act for their node; every node a case passed is a party; every reporter follows her report. */
async function checkParties() {
  const [wrongActor] = await q<{ n: number }>(sql`
    select count(*)::int as n from case_event e where e.actor_node_id is not null and e.actor_user_id is not null and e.action <> 'report'
      and not exists (select 1 from role_grant g where g.user_id = e.actor_user_id and g.node_id = e.actor_node_id)`);
  expect(wrongActor!.n).toBe(0);
  const grants = await q<{ role: string; node_id: number; type: string }>(sql`
    select distinct g.role, g.node_id, n.type from case_event e join role_grant g on g.user_id = e.actor_user_id and g.node_id = e.actor_node_id join org_node n on n.id = g.node_id`);
  for (const g of grants) expect(ROLE_PERMISSIONS[g.role as 'admin'], `${g.role} on ${g.type}`).toContain(nodeKind(g.type) === 'centre' ? 'case.dispatch' : 'case.handle');
  const [missing] = await q<{ n: number }>(sql`
    select count(*)::int as n from case_event e where e.to_status is not null
      and not exists (select 1 from case_party p where p.case_id = e.case_id and p.node_id = e.to_node_id)`);
  expect(missing!.n).toBe(0);
  const [reporters] = await q<{ n: number; followed: number }>(sql`
    select count(*)::int as n, count(*) filter (where exists (select 1 from case_follower f where f.case_id = c.id and f.user_id = c.reporter_user_id and f.kind = 'reporter'))::int as followed
    from case_file c where c.reporter_user_id is not null`);
  expect(reporters!.followed).toBe(reporters!.n);
}

describe('demo cases', () => {
  it('cover every status, now and along the timelines', async () => {
    const now = await q<{ status: string; n: number }>(sql`select status, count(*)::int as n from case_file group by status`);
    const statuses = new Set(now.map((r) => r.status));
    for (const s of ['reported', 'in_progress', 'closed', 'rated', 'rejected']) expect(statuses, s).toContain(s);
    expect(statuses.size).toBeGreaterThanOrEqual(7);
    const passed = new Set((await q<{ s: string }>(sql`select distinct to_status as s from case_event where to_status is not null`)).map((r) => r.s));
    for (const s of ['reported', 'accepted', 'dispatched', 'in_progress', 'handled', 'closed', 'rated', 'returned', 'parked', 'rejected', 'cancelled', 'merged']) expect(passed, s).toContain(s);
    const actions = new Set((await q<{ a: string }>(sql`select distinct action as a from case_event`)).map((r) => r.a));
    for (const a of ['report', 'accept', 'dispatch', 'hand_up', 'finish', 'verify', 'rework', 'return', 'request_extension', 'decide_extension', 'rate', 'card_yellow', 'card_red', 'escalate', 'merge', 'merged_in', 'follow', 'note']) expect(actions, a).toContain(a);
    const [cats] = await q<{ n: number; grids: number }>(sql`select count(distinct category_id)::int as n, count(distinct grid_id)::int as grids from case_file`);
    expect(cats!.n).toBeGreaterThan(25);
    expect(cats!.grids).toBeGreaterThan(20);
  });

  it('lie where their grid is, with descriptions in Chinese', async () => {
    await rebuildGridIndex(database.db);
    const rows = await database.db.selectFrom('case_file').select(['id', 'lat', 'lng', 'grid_id', 'description', 'reported_at']).execute();
    for (const r of rows.slice(0, 120)) {
      expect((await locate(r.lat, r.lng, database.db))?.grid.id, `case ${r.id}`).toBe(r.grid_id);
      expect(r.description).toMatch(/[\u4e00-\u9fff]{4}/);
    }
    const span = rows.map((r) => r.reported_at.getTime());
    expect(Math.max(...span)).toBeLessThanOrEqual(NOW.getTime());
    expect(Math.min(...span)).toBeGreaterThan(NOW.getTime() - 91 * 86_400_000);
  });

  it('have timelines the workflow allows, move by move, ending where the case is', async () => {
    await checkTimelines();
  });

  it('run the clocks the cases module computes, and a sweep now finds nothing to do', async () => {
    await checkClocks();
  });

  it('pay for every card with points, and tell the timeline', async () => {
    await checkCards();
  });

  it('are acted on by accounts that act for the node, and involve every node they passed', async () => {
    await checkParties();
  });

  it('are what the API shows: the community inbox, one case with its timeline, the resident’s reports', async () => {
    const config = { ...loadConfig({ ...process.env, GONGZHI_DATA_DIR: '.tmp/unused' }), databaseUrl: null };
    const app = await buildApp({ db: database.db, kind: database.kind, config, startedAt: new Date() }, { serveWeb: false });
    try {
      const login = async (username: string) => {
        const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: PASSWORD } });
        expect(res.statusCode, res.body).toBe(200);
        return res.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
      };
      // Staff of a community holding open cases (every node that acts has an account with the demo password).
      const [held] = await q<{ username: string }>(sql`
        select u.username from case_file c join org_node n on n.id = c.holder_node_id and n.type = 'community'
          join role_grant g on g.node_id = n.id and g.role = 'community_staff' join app_user u on u.id = g.user_id
        where c.status in ('reported', 'handled') order by c.id limit 1`);
      const community = await login(held!.username);
      const inbox = await app.inject({ method: 'GET', url: '/api/cases?view=inbox&open=1&sort=deadline', headers: { cookie: community } });
      expect(inbox.statusCode, inbox.body).toBe(200);
      const box = inbox.json() as { total: number; items: { id: number }[] };
      expect(box.total).toBeGreaterThan(0);
      const id = box.items[0]!.id;
      const one = await app.inject({ method: 'GET', url: `/api/cases/${id}`, headers: { cookie: community } });
      expect(one.statusCode, one.body).toBe(200);
      const [{ n }] = await q<{ n: number }>(sql`select count(*)::int as n from case_event where case_id = ${id}`) as [{ n: number }];
      expect(one.json().timeline.length).toBe(n);
      expect(one.json().abilities.length).toBeGreaterThan(0);
      const resident = await login('resident');
      const mine = await app.inject({ method: 'GET', url: '/api/cases?view=mine', headers: { cookie: resident } });
      expect(mine.json().total).toBeGreaterThan(0);
      const notes = await app.inject({ method: 'GET', url: '/api/notifications', headers: { cookie: community } });
      expect(notes.statusCode, notes.body).toBe(200);
      expect(notes.json().total).toBeGreaterThan(0);
    } finally {
      await app.close();
    }
  });

  it('is deterministic: the same seed and present give the same cases', async () => {
    const other = await testDatabase();
    try {
      await seedDemo(other.db, { seed: SEED, password: 'another-password', households: 400, today: TODAY, cases: 0 });
      await seedDemoCases(other.db, { seed: SEED, count: CASES, now: NOW });
      const a = await tableChecksums(database.db, { tables: CASE_TABLES });
      const b = await tableChecksums(other.db, { tables: CASE_TABLES });
      expect(b).toEqual(a);
    } finally {
      await other.close();
    }
  }, 180_000);
});

describe('cases at scale (set-wise SQL), on top of the demo cases', () => {
  let history: Awaited<ReturnType<typeof seedScaleCases>>;
  let open: Awaited<ReturnType<typeof seedScaleCases>>;
  beforeAll(async () => {
    history = await seedScaleCases(database.db, { count: 600, seed: 9, now: NOW, mode: 'history', days: 120 });
    open = await seedScaleCases(database.db, { count: 300, seed: 10, now: NOW, mode: 'open' });
  }, 180_000);

  it('add the cases asked for, after the existing ids, open ones open', async () => {
    expect(history.cases).toBe(600);
    expect(open.cases).toBe(300);
    expect(open.open).toBe(300);
    expect(history.firstId).toBeGreaterThan(CASES);
    expect(open.firstId).toBe(history.lastId + 1);
    const [span] = await q<{ min: Date; max: Date; statuses: number }>(sql`select min(reported_at) as min, max(reported_at) as max, count(distinct status)::int as statuses from case_file where id between ${history.firstId} and ${history.lastId}`);
    expect(span!.max.getTime()).toBeLessThanOrEqual(NOW.getTime());
    expect(span!.min.getTime()).toBeGreaterThan(NOW.getTime() - 122 * 86_400_000);
    expect(span!.statuses).toBeGreaterThanOrEqual(4);
    // The statistics rollup was rebuilt after the load (its triggers are off while it runs).
    const [dirty] = await q<{ n: number }>(sql`select count(*)::int as n from case_stats_dirty`);
    expect(dirty!.n).toBe(0);
    const [rolled] = await q<{ n: number }>(sql`select coalesce(sum(received), 0)::int as n from case_stats_day d join org_node g on g.id = d.node_id and g.type = 'grid'`);
    const [all] = await q<{ n: number }>(sql`select count(*)::int as n from case_file where status <> 'cancelled'`);
    expect(rolled!.n).toBe(all!.n);
  });

  it('keep timelines, clocks, cards and parties as the engine and the sweep would', async () => {
    await checkTimelines();
    await checkClocks();
    await checkCards();
    await checkParties();
  });

  it('find descriptions again through the search index', async () => {
    const [c] = await q<{ id: number; description: string }>(sql`select id, description from case_file where id >= ${history.firstId} order by id limit 1`);
    const word = [...c!.description.matchAll(/[\u4e00-\u9fff]{4,}/g)][0]![0].slice(0, 4);
    const hits = await q<{ id: number }>(sql`select id from case_file where tsv @@ to_tsquery('simple', ${toTsQuery(queryTokens(word))}) and description like ${'%' + word + '%'}`);
    expect(hits.map((h) => h.id)).toContain(c!.id);
  });
});

describe('the seed-cases command', () => {
  it('parses its flags and refuses a wrong mix before touching a database', async () => {
    expect(parseArgs(['seed-cases', '--scale', '5000', '--open', '--no-timelines']).flags).toEqual({ scale: '5000', open: true, 'no-timelines': true });
    expect(parseArgs(['seed-cases', '--count', '50']).flags).toEqual({ count: '50' });
    expect(await main(['seed-cases', '--count', '5', '--scale', '9'])).toBe(2);
    expect(await main(['seed-cases', '--open'])).toBe(2);
    expect(await main(['seed-cases', '--count', '0'])).toBe(2);
  });

  it('adds demo cases and scale cases to an embedded demo district', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gz-seed-cases-'));
    const env = { GONGZHI_DATA_DIR: process.env.GONGZHI_DATA_DIR, DATABASE_URL: process.env.DATABASE_URL, GONGZHI_LOCALE: process.env.GONGZHI_LOCALE };
    try {
      const d = await openDatabase({ databaseUrl: null, dataDir: dir });
      await seedDemo(d.db, { seed: 4, password: PASSWORD, households: 150, today: TODAY, cases: 0 });
      await d.close();
      Object.assign(process.env, { GONGZHI_DATA_DIR: dir, DATABASE_URL: '', GONGZHI_LOCALE: 'en' });
      expect(await main(['seed-cases', '--count', '25', '--seed', '4'])).toBe(0);
      expect(await main(['seed-cases', '--scale', '150', '--days', '30'])).toBe(0);
      const again = await openDatabase({ databaseUrl: null, dataDir: dir });
      try {
        const n = await again.db.selectFrom('case_file').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
        expect(Number(n.n)).toBeGreaterThanOrEqual(175);
      } finally {
        await again.close();
      }
    } finally {
      for (const [k, v] of Object.entries(env)) if (v === undefined) delete process.env[k];
      else process.env[k] = v;
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);
});
