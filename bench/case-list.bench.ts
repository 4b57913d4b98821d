/**
 * case-list: a street's dispatch board — `listCases` (the function behind GET /api/cases) as the street
 * operator of the demo's first street calls it: the inbox and the board below the street, with the
 * filters, sorts and pages the board offers, over 5,000,000 cases (CASE_LIST_N). Reported: p50/p95/p99 of
 * the per-query medians over 3 interleaved passes (the machine is shared), per board shape too; the query
 * plans (EXPLAIN ANALYZE) of every shape slower than 50 ms. Target: p95 ≤ 50 ms on PostgreSQL.
 *
 * Baseline (same run): the same calls on a connection with index scans switched off (enable_indexscan,
 * enable_bitmapscan, enable_indexonlyscan = off) — what the board costs without its indexes; one pass.
 *
 * Data: the demo district (20,000 households: 5 streets, 37 communities, 380 grids), its 2,000 demo cases,
 * and cases generated set-wise over three years (history mode: most closed, the recent ones open) with
 * parties, cards and escalations but without timelines (the board never reads them). One street holds
 * about a fifth of all cases — far more than a real street would over three years; a harsher test.
 * CASE_BENCH_KEEP=1 keeps the generated database as a template for later runs (bench/case-data.ts).
 *
 * Dashboards: the statistics engineer's dashboard benchmark can build the same data with
 * `caseDatabase` (bench/case-data.ts); it is not part of this benchmark.
 */
import os from 'node:os';
import pg from 'pg';
import { Kysely, PostgresDialect, sql } from 'kysely';
import type { Bench, BenchContext } from './harness.js';
import { percentile, round } from './harness.js';
import type { DB } from '../server/platform/db/schema.js';
import { createSession, loadActor } from '../server/platform/auth/sessions.js';
import { listCases } from '../server/modules/cases/case-query.service.js';
import { caseListQuery, type CaseListQuery } from '../common/contracts/cases.js';
import { caseDatabase } from './case-data.js';

const NOW = new Date('2026-11-20T08:00:00Z');
const PASSES = 3;

interface Shape {
  name: string;
  queries: CaseListQuery[];
}

const parse = (q: Record<string, unknown>) => caseListQuery.parse(q);

/** The board's shapes, each with a few variants (pages, communities, categories). */
async function boardShapes(db: Kysely<DB>, streetId: number): Promise<Shape[]> {
  const communities = await db.selectFrom('org_node').select('id').where('parent_id', '=', streetId).where('type', '=', 'community').orderBy('id').limit(3).execute();
  const groups = await db.selectFrom('case_category').select('id').where('code', 'in', ['property', 'street_order', 'facilities']).execute();
  const leaf = await db.selectFrom('case_category').select('id').where('code', '=', 'property.clutter').executeTakeFirstOrThrow();
  const month = (d: number) => new Date(NOW.getTime() - d * 86_400_000).toISOString().slice(0, 10);
  const pages = (base: Record<string, unknown>) => [1, 2, 5].map((page) => parse({ ...base, page }));
  return [
    { name: 'inbox open, by deadline', queries: pages({ view: 'inbox', open: '1', sort: 'deadline' }) },
    { name: 'inbox, newest', queries: pages({ view: 'inbox', sort: 'newest' }) },
    { name: 'below open, by deadline', queries: pages({ view: 'below', open: '1', sort: 'deadline' }) },
    { name: 'below open, newest', queries: pages({ view: 'below', open: '1', sort: 'newest' }) },
    { name: 'below reported+accepted, oldest', queries: pages({ view: 'below', status: 'reported,accepted', sort: 'oldest' }) },
    { name: 'below red cards', queries: [parse({ view: 'below', card: 'red', open: '1' }), parse({ view: 'below', card: 'any', open: '1', sort: 'deadline' })] },
    { name: 'below overdue', queries: [parse({ view: 'below', overdue: '1', sort: 'deadline' }), parse({ view: 'below', overdue: '1', sort: 'newest', page: 2 })] },
    { name: 'below open, category group', queries: groups.map((g) => parse({ view: 'below', open: '1', categoryId: g.id, sort: 'deadline' })) },
    { name: 'below, one category, last 30 days', queries: [parse({ view: 'below', categoryId: leaf.id, from: month(30), to: month(0) })] },
    { name: 'below open, one community', queries: communities.map((c) => parse({ view: 'below', open: '1', nodeId: c.id, sort: 'deadline' })) },
    { name: 'below, search text', queries: ['楼道堆放', '路灯', '井盖'].map((q) => parse({ view: 'below', q })) },
    { name: 'below, last 7 days', queries: pages({ view: 'below', from: month(7), to: month(0), sort: 'newest' }) },
    { name: 'below, all statuses, newest', queries: pages({ view: 'below', sort: 'newest' }) },
    { name: 'all I may see, newest', queries: pages({ view: 'all', sort: 'newest' }) },
  ];
}

/** Runs a query list once; returns each query's milliseconds. */
async function pass(db: Kysely<DB>, actor: Parameters<typeof listCases>[1], qs: CaseListQuery[]): Promise<{ ms: number[]; totals: number[] }> {
  const ms: number[] = [];
  const totals: number[] = [];
  for (const q of qs) {
    const t0 = performance.now();
    const r = await listCases(db, actor, q);
    ms.push(performance.now() - t0);
    totals.push(r.total);
  }
  return { ms, totals };
}

/** The SQL a listCases call runs (rows and count), captured through a logging Kysely on the same database. */
async function plans(url: string, actor: Parameters<typeof listCases>[1], q: CaseListQuery): Promise<string[]> {
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  const captured: { sql: string; parameters: readonly unknown[] }[] = [];
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }), log: (e) => void (e.level === 'query' && captured.push({ sql: e.query.sql, parameters: e.query.parameters })) });
  try {
    await listCases(db, actor, q);
    const out: string[] = [];
    for (const c of captured.filter((x) => /from "case_file" as "c"/.test(x.sql))) {
      const r = await pool.query(`explain (analyze, buffers) ${c.sql}`, c.parameters as unknown[]);
      out.push(`${c.sql}\n${r.rows.map((x) => x['QUERY PLAN']).join('\n')}`);
    }
    return out;
  } finally {
    await db.destroy();
  }
}

const stats = (t: number[]) => ({ p50: round(percentile(t, 50), 2), p95: round(percentile(t, 95), 2), p99: round(percentile(t, 99), 2) });

const bench: Bench = {
  name: 'case-list',
  async run(ctx: BenchContext) {
    const n = Number(process.env.CASE_LIST_N || (ctx.databaseUrl ? 5_000_000 : 200_000));
    const data = await caseDatabase(ctx, { label: 'list', demoCases: 2000, scale: { count: n - 2000, now: NOW, mode: 'history', days: 1095, events: false } });
    try {
      const db = data.database.db;
      const user = await db.selectFrom('app_user').select('id').where('username', '=', 'street').executeTakeFirstOrThrow();
      const s = await createSession(db, user.id, 12, { ip: null, userAgent: 'bench' });
      const actor = (await loadActor(db, s.token))!;
      const street = actor.grants[0]!;
      const [counts] = (
        await sql<{ total: number; below: number; open_below: number; held: number }>`
          select count(*)::int as total, count(*) filter (where holder_path like ${street.nodePath + '%'})::int as below,
            count(*) filter (where holder_path like ${street.nodePath + '%'} and status not in ('closed', 'rated', 'rejected', 'cancelled', 'merged'))::int as open_below,
            count(*) filter (where holder_node_id = ${street.nodeId})::int as held from case_file`.execute(db)
      ).rows;
      ctx.log(`${counts!.total.toLocaleString('en')} cases; under ${street.nodeNameZh}: ${counts!.below.toLocaleString('en')} (${counts!.open_below.toLocaleString('en')} open), held by it: ${counts!.held}`);
      const shapes = await boardShapes(db, street.nodeId);
      const all = shapes.flatMap((sh) => sh.queries.map((q) => ({ shape: sh.name, q })));
      const qs = all.map((x) => x.q);
      const loadBefore = os.loadavg().map((l) => round(l, 1));
      await pass(db, actor, qs); // warm the caches
      const runs: number[][] = [];
      let totals: number[] = [];
      for (let p = 0; p < PASSES; p++) {
        const r = await pass(db, actor, qs);
        runs.push(r.ms);
        totals = r.totals;
      }
      const medians = qs.map((_, i) => percentile(runs.map((r) => r[i]!), 50));
      const s1 = stats(medians);
      const byShape = shapes.map((sh) => {
        const t = all.map((x, i) => (x.shape === sh.name ? medians[i]! : NaN)).filter((x) => !Number.isNaN(x));
        const tot = all.map((x, i) => (x.shape === sh.name ? totals[i]! : NaN)).filter((x) => !Number.isNaN(x));
        return { shape: sh.name, queries: t.length, p50_ms: round(percentile(t, 50), 1), max_ms: round(Math.max(...t), 1), total_rows: tot[0] };
      });
      for (const b of byShape) ctx.log(`${b.shape.padEnd(36)} p50 ${String(b.p50_ms).padStart(8)} ms  max ${String(b.max_ms).padStart(8)} ms  (${b.total_rows?.toLocaleString('en')} matching)`);

      // Plans of the slow shapes (PostgreSQL only).
      const slowPlans: Record<string, string[]> = {};
      if (data.url) for (const b of byShape.filter((x) => x.max_ms > 50)) slowPlans[b.shape] = await plans(data.url, actor, shapes.find((sh) => sh.name === b.shape)!.queries[0]!);

      // Baseline: the same calls without index scans, one pass.
      let baseline: ReturnType<typeof stats> | null = null;
      if (data.url) {
        ctx.log('baseline: the same board without index scans …');
        const pool = new pg.Pool({ connectionString: data.url, max: 4, options: '-c enable_indexscan=off -c enable_bitmapscan=off -c enable_indexonlyscan=off' });
        const noIndex = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
        try {
          baseline = stats((await pass(noIndex, actor, qs)).ms);
        } finally {
          await noIndex.destroy();
        }
      }
      return {
        bench: 'case-list',
        db: data.database.kind,
        value: s1.p95,
        unit: 'ms (p95 of a street dispatch board: listCases page + total)',
        baseline: baseline?.p95 ?? NaN,
        ratio: baseline ? round(baseline.p95 / s1.p95, 1) : NaN,
        p50_ms: s1.p50,
        p95_ms: s1.p95,
        p99_ms: s1.p99,
        target: 'p95 ≤ 50 ms on PostgreSQL',
        cases: counts!.total,
        under_street: counts!.below,
        open_under_street: counts!.open_below,
        queries: qs.length,
        method: `per-query median of ${PASSES} passes after a warm-up pass (baseline: one pass, index scans off)`,
        baseline_p50_ms: baseline?.p50,
        by_shape: byShape,
        generated_s: round(data.generatedS, 0),
        load_average: { before: loadBefore, after: os.loadavg().map((l) => round(l, 1)) },
        plans_of_slow_shapes: slowPlans,
      };
    } finally {
      await data.drop();
    }
  },
};
export default bench;
