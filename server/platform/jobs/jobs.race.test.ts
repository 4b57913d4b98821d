/**
 * Two workers on separate connection pools (as two processes would be) racing over one queue: every job runs
 * exactly once, and a periodic slot is made and run once. Meaningful on PostgreSQL (TEST_DATABASE_URL); on
 * PGlite (one process by design) both workers share the one pool, which checks the same bookkeeping.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../test/db.js';
import { openDatabase, type Database } from '../db/index.js';
import { enqueue, registerJob, registerPeriodic, startJobWorker } from './index.js';
import { schedulePeriodic } from './queue.js';

let a: Database;
let b: Database;
const quiet = { info() {}, warn() {}, error() {} };
const runs = new Map<number, string[]>();
const ticks: string[] = [];

registerJob('race.work', async ({ job }) => {
  await new Promise((r) => setTimeout(r, Math.random() * 4));
  const list = runs.get(job.id) ?? [];
  list.push('run');
  runs.set(job.id, list);
});
registerJob('race.tick', async ({ job }) => {
  ticks.push(job.periodicSlot!.toISOString());
});
registerPeriodic('race.tick', 3_600_000);

beforeAll(async () => {
  a = await testDatabase();
  // PGlite is one backend behind a one-connection pool: a second pool would interleave two sessions' statements.
  b = a.kind === 'postgres' ? await openDatabase({ databaseUrl: a.connectionString, dataDir: '', migrate: false, poolSize: 5 }) : a;
});
afterAll(async () => {
  if (b !== a) await b?.close();
  await a?.close();
});

describe('two workers racing', () => {
  it('run every job exactly once', async () => {
    const N = a.kind === 'postgres' ? 150 : 60;
    const ids: number[] = [];
    for (let i = 0; i < N; i += 30) {
      const batch = await a.db.transaction().execute(async (tx) => {
        const out: number[] = [];
        for (let j = i; j < i + 30; j++) out.push((await enqueue(tx, { kind: 'race.work', payload: { n: j } })).id);
        return out;
      });
      ids.push(...batch);
    }
    const wa = startJobWorker(a.db, { workerId: 'A', concurrency: 4, pollMs: 20, kinds: ['race.work'], log: quiet });
    const wb = startJobWorker(b.db, { workerId: 'B', concurrency: 4, pollMs: 20, kinds: ['race.work'], log: quiet });
    try {
      for (let i = 0; i < 600; i++) {
        const left = await a.db.selectFrom('job').select((eb) => eb.fn.countAll<number>().as('n')).where('kind', '=', 'race.work').where('status', '!=', 'done').executeTakeFirstOrThrow();
        if (Number(left.n) === 0) break;
        await new Promise((r) => setTimeout(r, 50));
      }
    } finally {
      await Promise.all([wa.stop(), wb.stop()]);
    }
    expect([...runs.keys()].sort((x, y) => x - y)).toEqual(ids);
    expect([...runs.values()].every((r) => r.length === 1)).toBe(true);
    const rows = await a.db.selectFrom('job').select(['locked_by', 'status', 'attempts']).where('kind', '=', 'race.work').execute();
    expect(rows.every((r) => r.status === 'done' && r.attempts === 1)).toBe(true);
    expect(rows).toHaveLength(N);
    const by = (w: string) => rows.filter((r) => r.locked_by === w).length;
    expect(by('A') + by('B')).toBe(N);
    if (a.kind === 'postgres') {
      // both took part (each ran at least a tenth of the work)
      expect(by('A')).toBeGreaterThan(N / 10);
      expect(by('B')).toBeGreaterThan(N / 10);
    }
  }, 60_000);

  it('make and run one row per periodic slot', async () => {
    const at = new Date('2026-05-01T10:30:00Z');
    const made = await Promise.all([schedulePeriodic(a.db, at, ['race.tick']), schedulePeriodic(b.db, at, ['race.tick']), schedulePeriodic(a.db, at, ['race.tick']), schedulePeriodic(b.db, at, ['race.tick'])]);
    expect(made.reduce((s, n) => s + n, 0)).toBe(1);
    const rows = await a.db.selectFrom('job').select(['periodic_slot']).where('kind', '=', 'race.tick').execute();
    expect(rows.map((r) => r.periodic_slot!.toISOString())).toEqual(['2026-05-01T10:00:00.000Z']);
    const wa = startJobWorker(a.db, { workerId: 'A', pollMs: 20, kinds: ['race.tick'], log: quiet });
    const wb = startJobWorker(b.db, { workerId: 'B', pollMs: 20, kinds: ['race.tick'], log: quiet });
    await new Promise((r) => setTimeout(r, 800));
    await Promise.all([wa.stop(), wb.stop()]);
    // the workers also made the current slot (now) and ran it: each slot exactly once
    const slots = await a.db.selectFrom('job').select(['periodic_slot', 'status']).where('kind', '=', 'race.tick').orderBy('periodic_slot').execute();
    expect(new Set(ticks).size).toBe(ticks.length);
    expect(slots.filter((s) => s.status === 'done').map((s) => s.periodic_slot!.toISOString()).sort()).toEqual([...ticks].sort());
    expect(slots.length).toBe(2);
  }, 30_000);
});

