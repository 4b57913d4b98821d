/**
 * case-sweep: the deadline sweep (`sweepDeadlines`, server/modules/cases/case-sweep.ts) over 1,000,000
 * open cases (CASE_SWEEP_N) on PostgreSQL. Every case is open at some step of its path, its stage clock
 * running: nine in ten within their yellow limit, one in ten anywhere up to past the red one (the
 * generator's `open` mode); at generation time nothing is due. The sweep is then run at the instant when
 * 2 % of the open cases have a threshold (warning, yellow, red) due — a realistic busy minute after a
 * pause — and, on a fresh copy, when 10 % are due (the worst case). Target: ≤ 5 s.
 *
 * Baseline (same run, fresh copy): the naive sweep — one transaction per due case (lock it, decide,
 * update it, insert the card, the points, the events, the escalation party, notify its holder's staff) —
 * timed over a sample of the first 2,000 due cases and extrapolated linearly to the 2 % scenario's count
 * (its cost per case does not depend on how many there are).
 */
import os from 'node:os';
import { sql, type Kysely } from 'kysely';
import type { Bench, BenchContext } from './harness.js';
import { round } from './harness.js';
import type { DB } from '../server/platform/db/schema.js';
import { sweepDeadlines } from '../server/modules/cases/case-sweep.js';
import { notify, usersHolding } from '../server/modules/notifications/index.js';
import { caseDatabase, copyDatabase } from './case-data.js';

const NOW = new Date('2026-11-20T08:00:00Z');
const SAMPLE = 2000;

/** The instant by which `share` of the open cases have a threshold due. */
async function dueInstant(db: Kysely<DB>, share: number): Promise<{ at: Date; due: number; open: number }> {
  const [{ open }] = (await sql<{ open: number }>`select count(*)::int as open from case_file where next_sweep_at is not null`.execute(db)).rows as [{ open: number }];
  const k = Math.max(1, Math.floor(open * share));
  const r = await sql<{ t: Date }>`select next_sweep_at as t from case_file where next_sweep_at is not null order by next_sweep_at offset ${k - 1} limit 1`.execute(db);
  const at = r.rows[0]!.t;
  const [{ due }] = (await sql<{ due: number }>`select count(*)::int as due from case_file where next_sweep_at <= ${at}`.execute(db)).rows as [{ due: number }];
  return { at, due, open };
}

/** The naive sweep: one transaction per case. Returns the seconds it took for the cases given. */
async function naiveSweep(db: Kysely<DB>, now: Date, ids: number[]): Promise<number> {
  const t0 = performance.now();
  for (const id of ids) {
    await db.transaction().execute(async (tx) => {
      const c = await tx.selectFrom('case_file').selectAll().where('id', '=', id).forUpdate().executeTakeFirstOrThrow();
      const red = c.stage_red_at! <= now;
      const card = red ? 'red' : c.stage_yellow_at! <= now && c.card === 'none' ? 'yellow' : c.card;
      const warned = c.warned || c.stage_warn_at! <= now;
      const next = red ? null : c.stage_yellow_at! <= now ? c.stage_red_at : c.stage_yellow_at;
      let escalated = c.escalated_node_id;
      if (red && c.card !== 'red') {
        const h = await tx.selectFrom('org_node as h').innerJoin('org_node as p', 'p.id', 'h.parent_id').select(['p.id', 'p.path', 'p.tree']).where('h.id', '=', c.holder_node_id).executeTakeFirst();
        if (h && h.tree === 'admin') escalated = h.id;
      }
      await tx.updateTable('case_file').set({ card, warned, next_sweep_at: next, escalated_node_id: escalated, updated_at: new Date() }).where('id', '=', id).execute();
      if (card !== c.card && (card === 'yellow' || card === 'red')) {
        const points = card === 'yellow' ? 5 : 10;
        const k = await tx.insertInto('case_card').values({ case_id: id, stage_seq: c.stage_seq, stage: c.stage!, node_id: c.holder_node_id, color: card, points, raised_at: now }).onConflict((oc) => oc.columns(['case_id', 'stage_seq', 'color']).doNothing()).returning('id').executeTakeFirst();
        if (k) {
          await tx.insertInto('node_score_entry').values({ node_id: c.holder_node_id, points: -points, reason: `card.${card}`, case_id: id, card_id: k.id, at: now }).execute();
          await tx.insertInto('case_event').values({ case_id: id, action: `card_${card}`, actor_user_id: null, actor_node_id: null, to_node_id: c.holder_node_id, data: JSON.stringify({ points }), at: now }).execute();
        }
      }
      if (escalated && escalated !== c.escalated_node_id) {
        const t = await tx.selectFrom('org_node').select('path').where('id', '=', escalated).executeTakeFirstOrThrow();
        await tx.insertInto('case_party').values({ case_id: id, node_id: escalated, node_path: t.path, kind: 'escalated' }).onConflict((oc) => oc.columns(['case_id', 'node_id', 'kind']).doNothing()).execute();
        await tx.insertInto('case_event').values({ case_id: id, action: 'escalate', actor_user_id: null, actor_node_id: null, from_node_id: c.holder_node_id, to_node_id: escalated, data: '{}', public: true, at: now }).execute();
      }
      if (card !== c.card || warned !== c.warned) {
        const users = await usersHolding(tx, c.holder_node_id, 'case.dispatch');
        if (users.length) await notify(tx, { userIds: users, kind: 'case.deadline', link: `/cases/${id}`, entity: 'case', entityId: id, zh: { title: '事件时限提醒', body: `#${id}` }, en: { title: 'Deadline', body: `#${id}` } });
      }
    });
  }
  return (performance.now() - t0) / 1000;
}

const bench: Bench = {
  name: 'case-sweep',
  async run(ctx: BenchContext) {
    const n = Number(process.env.CASE_SWEEP_N || (ctx.databaseUrl ? 1_000_000 : 100_000));
    const data = await caseDatabase(ctx, { label: 'sweep', scale: { count: n, now: NOW, mode: 'open', events: false } });
    try {
      const a2 = await dueInstant(data.database.db, 0.02);
      const a10 = await dueInstant(data.database.db, 0.1);
      ctx.log(`${a2.open.toLocaleString('en')} open cases; ${a2.due.toLocaleString('en')} due at ${a2.at.toISOString()}, ${a10.due.toLocaleString('en')} at ${a10.at.toISOString()}`);
      let closed = false;
      const onCopy = async <T>(f: (db: Kysely<DB>) => Promise<T>): Promise<T> => {
        if (!data.url) return f(data.database.db); // PGlite: one database, scenarios in sequence (see note)
        if (!closed) await data.database.close();
        closed = true;
        const copy = (await copyDatabase(ctx, data))!;
        try {
          await sql`select count(*) from case_file where next_sweep_at is not null`.execute(copy.database.db); // warm the index
          return await f(copy.database.db);
        } finally {
          await copy.drop();
        }
      };
      const loadBefore = os.loadavg().map((l) => round(l, 1));
      const timed = async (db: Kysely<DB>, at: Date) => {
        const t0 = performance.now();
        const r = await sweepDeadlines(db, { now: at });
        return { seconds: round((performance.now() - t0) / 1000, 2), ...r };
      };
      const naive = await onCopy(async (db) => {
        const ids = (await db.selectFrom('case_file').select('id').where('next_sweep_at', '<=', a2.at).orderBy('next_sweep_at').limit(SAMPLE).execute()).map((r) => r.id);
        return { seconds: await naiveSweep(db, a2.at, ids), cases: ids.length };
      });
      const busy = await onCopy((db) => timed(db, a2.at));
      ctx.log(`2 % due: ${busy.seconds} s (${JSON.stringify(busy)})`);
      const worst = await onCopy((db) => timed(db, a10.at));
      ctx.log(`10 % due: ${worst.seconds} s (${JSON.stringify(worst)})`);
      const perCase = naive.seconds / naive.cases;
      const baseline = round(perCase * a2.due, 1);
      ctx.log(`naive per-case sweep: ${naive.cases} cases in ${round(naive.seconds, 1)} s → ${round(1 / perCase, 0)} cases/s → ${baseline} s for ${a2.due} cases`);
      return {
        bench: 'case-sweep',
        db: data.database.kind,
        value: busy.seconds,
        unit: `s (one sweep, 2 % of ${a2.open.toLocaleString('en')} open cases due)`,
        baseline,
        ratio: round(baseline / busy.seconds, 1),
        target: '≤ 5 s',
        open_cases: a2.open,
        busy: { due: a2.due, ...busy, cases_per_s: Math.round(a2.due / busy.seconds) },
        worst_case: { due: a10.due, ...worst, cases_per_s: Math.round(a10.due / worst.seconds) },
        baseline_method: `naive sweep (one transaction per case) over the first ${naive.cases} due cases: ${round(naive.seconds, 1)} s, ${Math.round(1 / perCase)} cases/s, extrapolated linearly to ${a2.due} cases`,
        generated_s: round(data.generatedS, 0),
        load_average: { before: loadBefore, after: os.loadavg().map((l) => round(l, 1)) },
        ...(data.url ? {} : { note: 'PGlite: the naive sample, then the 2 % and 10 % sweeps ran one after another on the same database (no template copies), each sweeping what the one before left due' }),
      };
    } finally {
      await data.drop();
    }
  },
};
export default bench;
