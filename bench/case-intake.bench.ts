/**
 * case-intake: residents' report submissions over HTTP through the whole path — session and CSRF,
 * validation, the idempotency check, category, grid lookup, the case with its parties, follower, first
 * clock, timeline event, notifications, audit row, then the case as the route returns it and the
 * duplicate hint (nearby open cases). 50 connections (autocannon in a child process, 127.0.0.1, fixed
 * duration), each request with its own Idempotency-Key, a resident's session (50 resident accounts) and a
 * point inside the demo district (checked against the grid index), categories weighted as residents report.
 *
 * Baseline, same server process, same run: POST /api/bench/plain — a route registered by this benchmark
 * before listen (not part of the product) that inserts one row per request through the same hooks
 * (session, CSRF) and the same pool. Reported: reports/s, p50/p99 latency, errors, and the ratio to the
 * baseline; then where the time goes: one request at a time, every query counted and timed (a Kysely
 * plugin on the app's handle), grouped by what it is for.
 *
 * On PostgreSQL (DATABASE_URL: a scratch database) or PGlite (in this process). Targets: PostgreSQL
 * ≥ 2,000 reports/s with p99 ≤ 50 ms and ≥ 25 % of the baseline; PGlite ≥ 800 reports/s.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { sql, type KyselyPlugin, type PluginTransformQueryArgs, type PluginTransformResultArgs, type QueryResult, type RootOperationNode, type UnknownRow } from 'kysely';
import type { Bench, BenchContext } from './harness.js';
import { round } from './harness.js';
import { buildApp } from '../server/app.js';
import { loadConfig } from '../server/config.js';
import { createSession } from '../server/platform/auth/sessions.js';
import { rebuildGridIndex, locate } from '../server/modules/geo/index.js';
import { Rng } from '../server/modules/demo/prng.js';
import { CASE_TEXTS, fillText } from '../server/modules/demo/cases-text.js';
import { caseDatabase } from './case-data.js';

const CONNECTIONS = 50;
const DURATION_S = Number(process.env.CASE_INTAKE_SECONDS || 20);
const PROFILE_REQUESTS = 200;

/** Counts and times every query the app runs; `label` names the request being profiled. */
class QueryProfile implements KyselyPlugin {
  total = 0;
  recording = false;
  readonly shapes = new Map<string, { n: number; ms: number }>();
  private started = new Map<object, { at: number; shape: string }>();
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    this.total++;
    if (this.recording) this.started.set(args.queryId, { at: performance.now(), shape: describe(args.node) });
    return args.node;
  }
  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    const s = this.started.get(args.queryId);
    if (s) {
      this.started.delete(args.queryId);
      const e = this.shapes.get(s.shape) ?? { n: 0, ms: 0 };
      e.n++;
      e.ms += performance.now() - s.at;
      this.shapes.set(s.shape, e);
    }
    return args.result;
  }
}

/** A short name of a query: its kind and tables (raw SQL: its first words). */
function describe(node: RootOperationNode): string {
  const n = node as unknown as Record<string, any>;
  const tables = (x: any): string[] => {
    if (!x || typeof x !== 'object') return [];
    if (x.kind === 'TableNode') return [x.table.identifier.name];
    return Object.values(x).flatMap((v) => (Array.isArray(v) ? v.flatMap(tables) : typeof v === 'object' ? tables(v) : []));
  };
  const uniq = (xs: string[]) => [...new Set(xs)].join('+');
  switch (n.kind) {
    case 'SelectQueryNode':
      return `select ${uniq(tables(n.from))}${n.joins ? ' join ' + uniq(tables(n.joins)) : ''}`;
    case 'InsertQueryNode':
      return `insert ${uniq(tables(n.into))}`;
    case 'UpdateQueryNode':
      return `update ${uniq(tables(n.table))}`;
    case 'DeleteQueryNode':
      return `delete ${uniq(tables(n.from))}`;
    case 'RawNode':
      return `sql: ${(n.sqlFragments as string[]).join('?').replace(/\s+/g, ' ').trim().slice(0, 60)}`;
    default:
      return n.kind;
  }
}

/** What each query is for, by its shape. */
function phaseOf(shape: string): string {
  if (/^select case_file/.test(shape)) return 'reads of cases (idempotency check, response, duplicate hint)';
  if (/session|app_user/.test(shape)) return 'session, grants and staff to tell';
  if (/case_category|setting|calendar/.test(shape)) return 'category, calendar and settings (cache version checks)';
  if (/org_node/.test(shape) && !/case_/.test(shape)) return 'nodes (grid, community, holders)';
  if (/notification|pg_notify|webhook|job/.test(shape)) return 'notifications, live events, webhooks';
  if (/audit_log/.test(shape)) return 'audit';
  if (/insert case_event/.test(shape)) return 'timeline event';
  if (/insert case_file|insert case_party|insert case_follower|update case_file/.test(shape)) return 'case rows';
  return 'other';
}

interface CannonResult {
  rps: number;
  total: number;
  p50: number;
  p99: number;
  max: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  codes: Record<string, { count: number }>;
  duration: number;
}

function cannon(cfgFile: string): Promise<CannonResult> {
  const code = `
    import fs from 'node:fs';
    import autocannon from 'autocannon';
    const cfg = JSON.parse(fs.readFileSync(${JSON.stringify(cfgFile)}, 'utf8'));
    let k = 0;
    const r = await autocannon({
      url: cfg.url, connections: cfg.connections, duration: cfg.duration, timeout: 30,
      requests: [{ method: 'POST', path: cfg.path, setupRequest: (req) => {
        const i = k++;
        const s = cfg.sessions[i % cfg.sessions.length];
        const body = cfg.plain ? { k: i } : { ...cfg.bodies[(i * 7919) % cfg.bodies.length] };
        return { ...req, headers: { 'content-type': 'application/json', cookie: s.cookie, 'x-csrf-token': s.csrf, 'idempotency-key': cfg.prefix + i }, body: JSON.stringify(body) };
      } }],
    });
    process.stdout.write(JSON.stringify({ rps: r.requests.average, total: r.requests.total, p50: r.latency.p50, p99: r.latency.p99, max: r.latency.max,
      errors: r.errors, timeouts: r.timeouts, non2xx: r.non2xx, codes: r.statusCodeStats, duration: r.duration }));`;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', code], { cwd: process.cwd(), stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.on('exit', (c) => (c === 0 ? resolve(JSON.parse(out)) : reject(new Error(`autocannon exited with ${c}`))));
  });
}

const bench: Bench = {
  name: 'case-intake',
  async run(ctx: BenchContext) {
    const data = await caseDatabase(ctx, { label: 'intake', demoCases: 2000, scale: { count: 0, now: new Date('2026-11-20T08:00:00Z') } });
    const profile = new QueryProfile();
    const db = data.database.db.withPlugin(profile);
    const config = { ...loadConfig({ ...process.env, GONGZHI_DATA_DIR: path.join(ctx.scratchDir, 'data'), LOG_LEVEL: 'error' }), databaseUrl: data.url };
    const app = await buildApp({ db, kind: data.database.kind, config, startedAt: new Date() }, { serveWeb: false });
    try {
      // The baseline route: one plain row per request, through the same hooks and pool.
      await sql`create table if not exists bench_plain (id bigserial primary key, k bigint, at timestamptz not null default now())`.execute(db);
      app.post('/api/bench/plain', async (req, reply) => {
        if (!req.actor) return reply.status(401).send();
        const row = await db.insertInto('bench_plain' as never).values({ k: (req.body as { k: number }).k } as never).returning('id' as never).executeTakeFirstOrThrow();
        return reply.status(201).send(row);
      });
      await rebuildGridIndex(db);
      await app.listen({ host: '127.0.0.1', port: 0 });
      const url = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;

      // Fifty residents (the demo's resident accounts) with sessions; points and reports as residents make them.
      const residents = await db.selectFrom('app_user as u').innerJoin('role_grant as g', 'g.user_id', 'u.id').select('u.id').where('g.role', '=', 'resident').orderBy('u.id').limit(CONNECTIONS).execute();
      const sessions = await Promise.all(residents.map(async (r) => {
        const s = await createSession(db, r.id, 12, { ip: '127.0.0.1', userAgent: 'bench' });
        return { cookie: `gz_session=${s.token}`, csrf: s.csrfToken };
      }));
      const cats = await db.selectFrom('case_category').select(['id', 'code']).where('public', '=', true).where('active', '=', true).execute();
      const byCode = new Map(cats.map((c) => [c.code, c.id]));
      const rng = new Rng(7);
      const buildings = await db.selectFrom('building').select(['lat', 'lng', 'name', 'address']).orderBy('id').execute();
      const bodies: Record<string, unknown>[] = [];
      const weighted = CASE_TEXTS.filter(([code]) => byCode.has(code)).flatMap(([code, w, t]) => Array.from({ length: w }, () => [code, t] as const));
      while (bodies.length < 2000) {
        const b = rng.pick(buildings);
        const lat = round(b.lat! + rng.range(-1, 1) * 0.0001, 6);
        const lng = round(b.lng! + rng.range(-1, 1) * 0.00012, 6);
        if (!(await locate(lat, lng, db))) continue; // only points the grid index places in a grid
        const [code, texts] = rng.pick(weighted);
        const m = b.address.match(/^.+?区(.+?[路街])\d+号(.+?)\d+号楼$/);
        bodies.push({ categoryId: byCode.get(code), description: fillText(rng.pick(texts), rng, { building: b.name, estate: m?.[2] ?? b.name, road: m?.[1] ?? '' }), address: b.address.replace(/^.+?区/, ''), lat, lng });
      }
      const cfgFile = path.join(ctx.scratchDir, 'cannon.json');
      const run = async (label: string, plain: boolean, seconds: number) => {
        fs.writeFileSync(cfgFile, JSON.stringify({ url, path: plain ? '/api/bench/plain' : '/api/cases', plain, connections: CONNECTIONS, duration: seconds, sessions, bodies, prefix: `${label.replace(/\W+/g, "_")}-${Date.now()}-` }));
        const r = await cannon(cfgFile);
        const ok = Number(r.codes?.['201']?.count ?? 0);
        ctx.log(`${label}: ${Math.round(r.rps)} req/s, p50 ${r.p50} ms, p99 ${r.p99} ms, ${ok} created, errors ${r.errors}, non-2xx ${r.non2xx} ${JSON.stringify(r.codes)}`);
        return { ...r, ok };
      };
      await run('warm-up plain', true, 3);
      await run('warm-up reports', false, 5);
      const loadBefore = os.loadavg().map((l) => round(l, 1));
      const base = await run('baseline (one plain row)', true, DURATION_S);
      const main = await run('reports', false, DURATION_S);
      const loadAfter = os.loadavg().map((l) => round(l, 1));

      // Where the time goes: one request at a time, every query timed.
      profile.shapes.clear();
      profile.recording = true;
      let requestMs = 0;
      for (let i = 0; i < PROFILE_REQUESTS; i++) {
        const s = sessions[i % sessions.length]!;
        const t0 = performance.now();
        const res = await fetch(`${url}/api/cases`, { method: 'POST', headers: { 'content-type': 'application/json', cookie: s.cookie, 'x-csrf-token': s.csrf, 'idempotency-key': `profile-${Date.now()}-${i}` }, body: JSON.stringify(bodies[(i * 31) % bodies.length]) });
        await res.arrayBuffer();
        requestMs += performance.now() - t0;
        if (res.status !== 201) throw new Error(`profile request: ${res.status}`);
      }
      profile.recording = false;
      const shapes = [...profile.shapes].map(([shape, e]) => ({ shape, per_request: round(e.n / PROFILE_REQUESTS, 2), ms_per_request: round(e.ms / PROFILE_REQUESTS, 3), phase: phaseOf(shape) })).sort((a, b) => b.ms_per_request - a.ms_per_request);
      const phases: Record<string, { queries: number; ms: number }> = {};
      for (const s of shapes) {
        const p = (phases[s.phase] ??= { queries: 0, ms: 0 });
        p.queries = round(p.queries + s.per_request, 2);
        p.ms = round(p.ms + s.ms_per_request, 3);
      }
      const dbMs = shapes.reduce((a, s) => a + s.ms_per_request, 0);
      const queries = shapes.reduce((a, s) => a + s.per_request, 0);
      ctx.log(`one request at a time: ${round(requestMs / PROFILE_REQUESTS, 2)} ms, ${round(queries, 1)} queries (+ BEGIN/COMMIT), ${round(dbMs, 2)} ms in queries`);
      for (const [p, v] of Object.entries(phases).sort((a, b) => b[1].ms - a[1].ms)) ctx.log(`  ${p.padEnd(64)} ${String(v.queries).padStart(6)} queries ${String(v.ms).padStart(8)} ms`);

      const value = Math.round(main.rps);
      return {
        bench: 'case-intake',
        db: data.database.kind,
        value,
        unit: 'reports/s (50 connections)',
        baseline: Math.round(base.rps),
        ratio: round(main.rps / base.rps, 3),
        p50_ms: main.p50,
        p99_ms: main.p99,
        target: 'PostgreSQL ≥ 2,000 reports/s, p99 ≤ 50 ms, ≥ 25 % of the baseline; PGlite ≥ 800 reports/s',
        created: main.ok,
        errors: main.errors,
        non2xx: main.non2xx,
        status_codes: main.codes,
        baseline_p50_ms: base.p50,
        baseline_p99_ms: base.p99,
        seconds: DURATION_S,
        profile: {
          requests: PROFILE_REQUESTS,
          ms_per_request: round(requestMs / PROFILE_REQUESTS, 2),
          queries_per_request: round(queries, 1),
          note: 'plus BEGIN and COMMIT of the one transaction (not seen by the plugin)',
          ms_in_queries: round(dbMs, 2),
          phases,
          shapes,
        },
        load_average: { before: loadBefore, after: loadAfter },
        cpus: os.cpus().length,
      };
    } finally {
      await app.close();
      await data.drop();
    }
  },
};
export default bench;
