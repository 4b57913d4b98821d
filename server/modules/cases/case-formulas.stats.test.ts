/**
 * Every metric formula on a hand-computed fixture (March 2026, China time): cases written with exact
 * timestamps, the expected counts worked out by hand below, node by node (grid → community → street →
 * district, and the department). The rollup, the direct computation from the raw tables and the service's
 * answer must all give them; then changes to the raw rows must flow through the triggers and a refresh.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../test/db.js';
import { buildFixture, type Fixture } from '../../test/fixture.js';
import type { Database } from '../../platform/db/index.js';
import { actorOf, cn, insertCase, insertEvent } from './case-stats.testkit.js';
import { directCounters, getCaseStats, refreshCaseStats, resolvePeriod, type Counters } from './case.stats.js';
import { rollupCounters } from './case-stats.repository.js';

let d: Database;
let fx: Fixture;
let garbage: number; // group 'urban'
let clutter: number; // group 'property'
const ids: Record<string, number> = {};

beforeAll(async () => {
  d = await testDatabase();
  fx = await buildFixture(d.db);
  const db = d.db;
  const cat = async (code: string) => (await db.selectFrom('case_category').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;
  garbage = await cat('urban.exposed_garbage');
  clutter = await cat('property.clutter');
  const { G1, G2, G3, G4, C1, C2, C3, DEP } = fx.nodes;
  const put = async (name: string, grid: typeof G1, owner: number, v: Parameters<typeof insertCase>[4], category = garbage) => {
    ids[name] = await insertCase(db, grid, owner, category, v);
  };
  // Response (reported in March): a on time, b late, c rejected in time, d cancelled (left out), f not yet, p on time.
  await put('a', G1, C1.id, { status: 'accepted', reported_at: cn('2026-03-02 10:00'), accept_due_at: cn('2026-03-04 10:00'), accepted_at: cn('2026-03-03 09:00'), stage_red_at: cn('2026-03-05 10:00') });
  await put('b', G1, C1.id, { status: 'accepted', reported_at: cn('2026-03-05 10:00'), accept_due_at: cn('2026-03-07 10:00'), accepted_at: cn('2026-03-08 09:00'), source: 'hotline' }, clutter);
  await put('c', G2, C1.id, { status: 'rejected', reported_at: cn('2026-03-10 09:00'), accept_due_at: cn('2026-03-12 09:00'), closed_at: cn('2026-03-10 12:00') });
  await put('d', G1, C1.id, { status: 'cancelled', reported_at: cn('2026-03-15 08:00'), accept_due_at: cn('2026-03-17 08:00'), closed_at: cn('2026-03-15 09:00') });
  await put('e', G1, C1.id, { status: 'reported', reported_at: cn('2026-02-28 23:30'), accept_due_at: cn('2026-03-02 23:30') });
  await put('f', G2, C1.id, { status: 'reported', reported_at: cn('2026-03-31 23:59'), accept_due_at: cn('2026-04-02 23:59'), source: 'patrol' });
  await put('f2', G2, C1.id, { status: 'reported', reported_at: cn('2026-04-01 00:00'), accept_due_at: cn('2026-04-03 00:00') });
  await put('p', G4, C3.id, { status: 'accepted', reported_at: cn('2026-03-03 10:00'), accept_due_at: cn('2026-03-05 10:00'), accepted_at: cn('2026-03-04 10:00') });
  // Closure (due in March): g on time, h late in March, i late after March, j and o open, k merged (left out).
  const early = { reported_at: cn('2026-02-20 10:00'), accept_due_at: cn('2026-02-22 10:00'), accepted_at: cn('2026-02-20 11:00') };
  await put('g', G1, C1.id, { ...early, status: 'closed', dispatched_at: cn('2026-03-05 10:00'), due_at: cn('2026-03-10 18:00'), closed_at: cn('2026-03-09 15:00'), resolved: true });
  await put('h', G1, C1.id, { ...early, status: 'rated', dispatched_at: cn('2026-03-06 10:00'), due_at: cn('2026-03-12 18:00'), closed_at: cn('2026-03-20 10:00'), resolved: false, whistled: true, extended: true, rated_at: cn('2026-03-21 10:00'), satisfaction: 'basic' }, clutter);
  await put('i', G3, C2.id, { ...early, status: 'closed', dispatched_at: cn('2026-02-25 10:00'), due_at: cn('2026-03-25 18:00'), closed_at: cn('2026-04-03 10:00'), resolved: true });
  await put('j', G2, C1.id, { ...early, status: 'in_progress', dispatched_at: cn('2026-03-20 10:00'), due_at: cn('2026-03-28 18:00'), extended: true, stage_red_at: cn('2026-03-28 18:00') });
  await put('k', G1, C1.id, { ...early, status: 'merged', dispatched_at: cn('2026-03-01 10:00'), due_at: cn('2026-03-30 18:00'), closed_at: cn('2026-03-29 10:00') });
  await put('o', G2, C1.id, { status: 'handled', reported_at: cn('2026-02-21 10:00'), accept_due_at: cn('2026-02-23 10:00'), accepted_at: cn('2026-03-21 10:00'), due_at: cn('2026-03-23 18:00') });
  // Closed before / rated in March, and out of range.
  await put('l', G3, C2.id, { ...early, status: 'rated', dispatched_at: cn('2026-02-16 10:00'), due_at: cn('2026-02-27 18:00'), closed_at: cn('2026-03-02 10:00'), resolved: true, rated_at: cn('2026-03-03 10:00'), satisfaction: 'satisfied' });
  await put('m', G1, C1.id, { ...early, status: 'rated', dispatched_at: cn('2026-02-02 10:00'), due_at: cn('2026-02-05 18:00'), closed_at: cn('2026-02-10 10:00'), resolved: false, rated_at: cn('2026-03-01 00:00'), satisfaction: 'unsatisfied' });
  await put('n', G1, C1.id, { ...early, status: 'rated', dispatched_at: cn('2026-02-02 10:00'), due_at: cn('2026-02-05 18:00'), closed_at: cn('2026-02-10 10:00'), resolved: true, rated_at: cn('2026-04-01 00:00'), satisfaction: 'satisfied' });
  // The department is the handler of h and j.
  await db.updateTable('case_file').set({ handler_node_id: DEP.id }).where('id', 'in', [ids.h!, ids.j!]).execute();
  // Verification decisions.
  await insertEvent(db, ids.g!, 'verify', cn('2026-03-09 15:00'));
  await insertEvent(db, ids.h!, 'rework', cn('2026-03-15 10:00'));
  await insertEvent(db, ids.h!, 'verify', cn('2026-03-20 10:00'));
  await insertEvent(db, ids.i!, 'rework', cn('2026-02-27 10:00'));
  await insertEvent(db, ids.i!, 'verify', cn('2026-04-03 10:00'));
  await insertEvent(db, ids.j!, 'rework', cn('2026-03-26 10:00'));
  await insertEvent(db, ids.l!, 'verify', cn('2026-03-02 10:00'));
  await insertEvent(db, ids.m!, 'verify', cn('2026-02-10 10:00'));
  await insertEvent(db, ids.g!, 'note', cn('2026-03-08 10:00')); // not a verification
  // Cards and points.
  const card = async (c: string, node: number, color: 'yellow' | 'red', at: string, seq: number) => {
    const k = await db.insertInto('case_card').values({ case_id: ids[c]!, stage_seq: seq, stage: 'accept', node_id: node, color, points: color === 'red' ? 10 : 5, raised_at: cn(at) }).returning('id').executeTakeFirstOrThrow();
    await db.insertInto('node_score_entry').values({ node_id: node, points: color === 'red' ? -10 : -5, reason: `card.${color}`, case_id: ids[c]!, card_id: k.id, at: cn(at) }).execute();
  };
  await card('a', G1.id, 'yellow', '2026-03-05 10:00', 1);
  await card('b', C1.id, 'red', '2026-03-06 10:00', 1);
  await card('h', DEP.id, 'yellow', '2026-03-07 10:00', 1);
  await card('p', G4.id, 'red', '2026-03-08 10:00', 1);
  await card('e', G1.id, 'yellow', '2026-02-28 10:00', 1);
  await db.insertInto('node_score_entry').values({ node_id: C1.id, points: 3, reason: 'bonus', at: cn('2026-03-10 10:00') }).execute();
  // Whistle ratings of the department in March (and one outside).
  const requester = fx.users.street!;
  const w = await db.insertInto('case_whistle').values({ case_id: ids.h!, node_id: fx.nodes.S1.id, kind: 'routine', status: 'closed', reason: '需要执法', requested_by: requester }).returning('id').executeTakeFirstOrThrow();
  const w2 = await db.insertInto('case_whistle').values({ case_id: ids.j!, node_id: fx.nodes.S1.id, kind: 'routine', status: 'closed', reason: '需要执法', requested_by: requester }).returning('id').executeTakeFirstOrThrow();
  const w3 = await db.insertInto('case_whistle').values({ case_id: ids.g!, node_id: fx.nodes.S1.id, kind: 'routine', status: 'closed', reason: '需要执法', requested_by: requester }).returning('id').executeTakeFirstOrThrow();
  await db.insertInto('case_whistle_summons').values([
    { whistle_id: w.id, department_id: DEP.id, speed_rating: 4, quality_rating: 5, rated_at: cn('2026-03-21 10:00') },
    { whistle_id: w2.id, department_id: DEP.id, speed_rating: 2, quality_rating: 3, rated_at: cn('2026-03-29 10:00') },
    { whistle_id: w3.id, department_id: DEP.id, speed_rating: 1, quality_rating: 1, rated_at: cn('2026-04-02 10:00') },
  ]).execute();
});
afterAll(() => d?.close());

const Z: Counters = { received: 0, respondedOnTime: 0, due: 0, closedOfDue: 0, closedOnTime: 0, closed: 0, resolved: 0, whistled: 0, rated: 0, satisfied: 0, basic: 0, verified: 0, reworked: 0, dispatched: 0, extended: 0, yellowCards: 0, redCards: 0, pointsDeducted: 0 };
const c = (v: Partial<Counters>): Counters => ({ ...Z, ...v });

// Worked out by hand from the fixture above (March 2026).
const MARCH: Record<string, Counters> = {
  G1: c({ received: 2, respondedOnTime: 1, due: 2, closedOfDue: 2, closedOnTime: 1, closed: 2, resolved: 1, whistled: 1, rated: 2, basic: 1, verified: 3, reworked: 1, dispatched: 3, extended: 1, yellowCards: 1, pointsDeducted: 5 }),
  G2: c({ received: 2, respondedOnTime: 1, due: 2, verified: 1, reworked: 1, dispatched: 2, extended: 1 }),
  G3: c({ due: 1, closed: 1, resolved: 1, rated: 1, satisfied: 1, verified: 1 }),
  G4: c({ received: 1, respondedOnTime: 1, redCards: 1, pointsDeducted: 10 }),
  C1: c({ received: 4, respondedOnTime: 2, due: 4, closedOfDue: 2, closedOnTime: 1, closed: 2, resolved: 1, whistled: 1, rated: 2, basic: 1, verified: 4, reworked: 2, dispatched: 5, extended: 2, yellowCards: 1, redCards: 1, pointsDeducted: 15 }),
  C2: c({ due: 1, closed: 1, resolved: 1, rated: 1, satisfied: 1, verified: 1 }),
  C3: c({ received: 1, respondedOnTime: 1, redCards: 1, pointsDeducted: 10 }),
  S1: c({ received: 4, respondedOnTime: 2, due: 5, closedOfDue: 2, closedOnTime: 1, closed: 3, resolved: 2, whistled: 1, rated: 3, satisfied: 1, basic: 1, verified: 5, reworked: 2, dispatched: 5, extended: 2, yellowCards: 1, redCards: 1, pointsDeducted: 15 }),
  S2: c({ received: 1, respondedOnTime: 1, redCards: 1, pointsDeducted: 10 }),
  D: c({ received: 5, respondedOnTime: 3, due: 5, closedOfDue: 2, closedOnTime: 1, closed: 3, resolved: 2, whistled: 1, rated: 3, satisfied: 1, basic: 1, verified: 5, reworked: 2, dispatched: 5, extended: 2, yellowCards: 2, redCards: 2, pointsDeducted: 30 }),
  DEP: c({ due: 2, closedOfDue: 1, closed: 1, whistled: 1, rated: 1, basic: 1, verified: 3, reworked: 2, dispatched: 2, extended: 2, yellowCards: 1, pointsDeducted: 5 }),
};

const nodeOf = (k: string) => (fx.nodes as Record<string, { id: number; path: string; type: string }>)[k]!;
const scopeOf = (k: string) => (k === 'DEP' ? { kind: 'department' as const, id: fx.nodes.DEP.id } : { kind: 'area' as const, path: nodeOf(k).path });

describe('case metrics on a hand-computed month', () => {
  it('the rollup gives the hand-computed counts for every node', async () => {
    const r = await refreshCaseStats(d.db);
    expect(r.logRows).toBeGreaterThan(0);
    const got = await rollupCounters(d.db, Object.keys(MARCH).map((k) => nodeOf(k).id), '2026-03-01', '2026-04-01');
    for (const k of Object.keys(MARCH)) expect({ node: k, ...got.get(nodeOf(k).id) }).toEqual({ node: k, ...MARCH[k] });
  });

  it('the direct computation from the raw tables gives the same counts', async () => {
    for (const k of Object.keys(MARCH)) {
      expect({ node: k, ...(await directCounters(d.db, scopeOf(k), cn('2026-03-01'), cn('2026-04-01'))) }).toEqual({ node: k, ...MARCH[k] });
    }
  });

  it('closes by the end of the period: a case closed after the period is due but not closed in it', async () => {
    // 1–15 March: g (due 10th, closed 9th) and h (due 12th, closed 20th) are due; only g is closed by the 15th.
    const got = (await rollupCounters(d.db, [fx.nodes.S1.id], '2026-03-01', '2026-03-16')).get(fx.nodes.S1.id)!;
    expect({ due: got.due, closedOfDue: got.closedOfDue, closedOnTime: got.closedOnTime }).toEqual({ due: 2, closedOfDue: 1, closedOnTime: 1 });
    const direct = await directCounters(d.db, { kind: 'area', path: fx.nodes.S1.path }, cn('2026-03-01'), cn('2026-03-16'));
    expect(direct).toEqual(got);
  });

  it('answers with rates as fractions, the ranking, the daily series and the breakdowns', async () => {
    const district = await actorOf(d.db, 'district');
    const now = cn('2026-03-29 12:00');
    const s = await getCaseStats(d.db, district, { from: '2026-03-01', to: '2026-03-31' }, now);
    expect(s.node).toMatchObject({ id: fx.nodes.D.id, kind: 'area' });
    expect(s.period).toEqual({ from: '2026-03-01', to: '2026-03-31', days: 31 });
    expect(s.figures.rates).toEqual({
      response: { num: 3, den: 5, value: 0.6 },
      closure: { num: 2, den: 5, value: 0.4 },
      onTimeClosure: { num: 1, den: 5, value: 0.2 },
      resolution: { num: 2, den: 3, value: 2 / 3 },
      satisfaction: { num: 2, den: 3, value: 2 / 3 },
      rework: { num: 2, den: 5, value: 0.4 },
      extension: { num: 2, den: 5, value: 0.4 },
      whistle: { num: 1, den: 3, value: 1 / 3 },
    });
    // open now: a, b, e, f, f2, j, o, p; overdue: a (red limit 5 March) and j (28 March) before the 29th noon
    expect(s.figures.counts).toMatchObject({ open: 8, overdue: 2 });
    expect(s.children.map((x) => [x.node.id, x.figures.counts.received, x.figures.counts.open])).toEqual([
      [fx.nodes.S1.id, 4, 7],
      [fx.nodes.S2.id, 1, 1],
    ]);
    expect(s.departments).toHaveLength(1);
    expect(s.departments[0]).toMatchObject({ node: { id: fx.nodes.DEP.id }, ratings: { speed: 3, quality: 4, count: 2 } });
    expect(s.departments[0]!.figures.rates.onTimeClosure).toEqual({ num: 0, den: 2, value: 0 });
    expect(s.departments[0]!.figures.rates.response).toEqual({ num: 0, den: 0, value: null });
    expect(s.daily).toHaveLength(31);
    expect(s.daily.find((x) => x.day === '2026-03-02')).toEqual({ day: '2026-03-02', received: 1, closed: 1 });
    expect(s.daily.find((x) => x.day === '2026-03-31')).toEqual({ day: '2026-03-31', received: 1, closed: 0 });
    expect(s.daily.reduce((n, x) => n + x.received, 0)).toBe(5);
    expect(s.categories.map((x) => [x.code, x.received, x.closed])).toEqual([
      ['urban', 4, 2],
      ['property', 1, 1],
    ]);
    expect(s.sources).toEqual([
      { source: 'resident', received: 3 },
      { source: 'hotline', received: 1 },
      { source: 'patrol', received: 1 },
    ]);
  });

  it('answers for a department: its handled cases and the cases it holds', async () => {
    const district = await actorOf(d.db, 'district');
    const s = await getCaseStats(d.db, district, { nodeId: fx.nodes.DEP.id, from: '2026-03-01', to: '2026-03-31' }, cn('2026-03-29 12:00'));
    expect(s.node.kind).toBe('department');
    const { open, overdue, ...counts } = s.figures.counts;
    expect(counts).toEqual(MARCH.DEP);
    expect({ open, overdue }).toEqual({ open: 0, overdue: 0 }); // it holds none (the fixture's holder is the community)
    expect(s.children).toEqual([]);
  });

  it('follows changes of the raw rows through the triggers', async () => {
    const db = d.db;
    // b accepted in time after all; g relocated from G1 to G4 (its verification and dates move with it)
    await db.updateTable('case_file').set({ accepted_at: cn('2026-03-06 10:00') }).where('id', '=', ids.b!).execute();
    await db.updateTable('case_file').set({ grid_id: fx.nodes.G4.id, grid_path: fx.nodes.G4.path }).where('id', '=', ids.g!).execute();
    // j returned by the department: it is no longer its handler (its decisions go with it)
    await db.updateTable('case_file').set({ handler_node_id: null }).where('id', '=', ids.j!).execute();
    await refreshCaseStats(db);
    const dep = (await rollupCounters(db, [fx.nodes.DEP.id], '2026-03-01', '2026-04-01')).get(fx.nodes.DEP.id);
    expect(dep).toEqual({ ...MARCH.DEP, due: 1, verified: 2, reworked: 1, dispatched: 1, extended: 1 });
    const got = await rollupCounters(db, [fx.nodes.G1.id, fx.nodes.G4.id, fx.nodes.S1.id, fx.nodes.S2.id, fx.nodes.D.id], '2026-03-01', '2026-04-01');
    expect(got.get(fx.nodes.G1.id)).toMatchObject({ respondedOnTime: 2, due: 1, closedOfDue: 1, closedOnTime: 0, closed: 1, verified: 2, dispatched: 2 });
    expect(got.get(fx.nodes.G4.id)).toMatchObject({ due: 1, closedOfDue: 1, closedOnTime: 1, closed: 1, resolved: 1, verified: 1, dispatched: 1, redCards: 1 });
    expect(got.get(fx.nodes.D.id)).toEqual({ ...MARCH.D, respondedOnTime: 4 });
    for (const k of ['G1', 'G4', 'S1', 'S2', 'D', 'DEP']) {
      const rolled = (await rollupCounters(db, [nodeOf(k).id], '2026-03-01', '2026-04-01')).get(nodeOf(k).id);
      expect({ node: k, ...rolled }).toEqual({ node: k, ...(await directCounters(db, scopeOf(k), cn('2026-03-01'), cn('2026-04-01'))) });
    }
    expect(await db.selectFrom('case_stats_dirty').select('id').execute()).toEqual([]);
  });
});

describe('the period', () => {
  it('defaults to this month up to today, China time', () => {
    expect(resolvePeriod({}, cn('2026-03-31 23:30'))).toEqual({ from: '2026-03-01', to: '2026-03-31', end: '2026-04-01', days: 31 });
    expect(resolvePeriod({}, new Date('2026-03-31T16:30:00Z'))).toMatchObject({ from: '2026-04-01', to: '2026-04-01', days: 1 }); // 00:30 on 1 April in China
    expect(resolvePeriod({ to: '2026-02-10' }, cn('2026-03-10'))).toMatchObject({ from: '2026-02-01', to: '2026-02-10' });
  });
  it('refuses a reversed or too long period', () => {
    const refusal = (q: { from: string; to: string }) => {
      try {
        resolvePeriod(q);
      } catch (e) {
        return { status: (e as { status: number }).status, code: (e as { code: string }).code };
      }
      return null;
    };
    expect(refusal({ from: '2026-03-10', to: '2026-03-09' })).toEqual({ status: 400, code: 'STATS_PERIOD_ORDER' });
    expect(refusal({ from: '2020-01-01', to: '2026-01-01' })).toEqual({ status: 400, code: 'STATS_PERIOD_TOO_LONG' });
    expect(resolvePeriod({ from: '2024-01-01', to: '2026-12-31' }).days).toBe(1096);
  });
});
