import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { testDatabase } from '../../test/db.js';
import type { Database } from '../db/index.js';
import { startEventListener, stopEventListener } from '../events/index.js';
import { backoffDelay, enqueue, registerJob, registerPeriodic, runDueJobs, slotStart, startJobWorker } from './index.js';
import { claimJobs } from './queue.js';

let d: Database;
const quiet = { info() {}, warn() {}, error() {} };
const seen: { kind: string; payload: any; attempt: number; now: Date; slot: Date | null }[] = [];
let failuresLeft = 0;

registerJob('test.echo', async ({ job, now }) => {
  seen.push({ kind: job.kind, payload: job.payload, attempt: job.attempt, now, slot: job.periodicSlot });
});
registerJob(
  'test.flaky',
  async ({ job }) => {
    seen.push({ kind: job.kind, payload: job.payload, attempt: job.attempt, now: new Date(), slot: null });
    if (failuresLeft-- > 0) throw new Error(`boom ${job.attempt}`);
  },
  { maxAttempts: 3, backoffMs: 10_000, maxBackoffMs: 60_000 },
);
registerJob('test.tick', async ({ job, now }) => {
  seen.push({ kind: job.kind, payload: job.payload, attempt: job.attempt, now, slot: job.periodicSlot });
});
registerPeriodic('test.tick', 60_000);

const job = (id: number) => d.db.selectFrom('job').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const later = (ms: number) => new Date(Date.now() + ms);

beforeAll(async () => {
  d = await testDatabase();
});
afterAll(() => d?.close());
beforeEach(async () => {
  seen.length = 0;
  failuresLeft = 0;
  await d.db.deleteFrom('job').execute();
});

describe('jobs', () => {
  it('runs an enqueued job once with its payload and marks it done', async () => {
    const { id, created } = await enqueue(d.db, { kind: 'test.echo', payload: { caseId: 7 } });
    expect(created).toBe(true);
    const summary = await runDueJobs(d.db, { kinds: ['test.echo'], log: quiet });
    expect(summary).toMatchObject({ ran: 1, done: 1, ids: [id] });
    expect(seen).toMatchObject([{ kind: 'test.echo', payload: { caseId: 7 }, attempt: 1 }]);
    expect(await job(id)).toMatchObject({ status: 'done', attempts: 1, locked_until: null, last_error: null });
    expect((await runDueJobs(d.db, { kinds: ['test.echo'], log: quiet })).ran).toBe(0);
  });

  it('exists only if the enqueuing transaction commits', async () => {
    await expect(
      d.db.transaction().execute(async (tx) => {
        await enqueue(tx, { kind: 'test.echo', payload: { n: 1 } });
        throw new Error('rollback');
      }),
    ).rejects.toThrow('rollback');
    await d.db.transaction().execute((tx) => enqueue(tx, { kind: 'test.echo', payload: { n: 2 } }));
    await runDueJobs(d.db, { kinds: ['test.echo'], log: quiet });
    expect(seen.map((s) => s.payload)).toEqual([{ n: 2 }]);
  });

  it('refuses a kind nobody registered', async () => {
    await expect(enqueue(d.db, { kind: 'test.unknown' })).rejects.toThrow(/no handler/);
  });

  it('makes a second enqueue of the same pending job a no-op, but not once it has run', async () => {
    const a = await enqueue(d.db, { kind: 'test.echo', payload: { v: 1 }, dedupeKey: 'case:1' });
    const b = await enqueue(d.db, { kind: 'test.echo', payload: { v: 2 }, dedupeKey: 'case:1' });
    const other = await enqueue(d.db, { kind: 'test.echo', payload: { v: 3 }, dedupeKey: 'case:2' });
    expect(b).toEqual({ id: a.id, created: false });
    expect(other.created).toBe(true);
    await runDueJobs(d.db, { kinds: ['test.echo'], log: quiet });
    expect(seen.map((s) => s.payload)).toEqual([{ v: 1 }, { v: 3 }]);
    const c = await enqueue(d.db, { kind: 'test.echo', dedupeKey: 'case:1' });
    expect(c.created).toBe(true);
    expect(c.id).not.toBe(a.id);
  });

  it('waits for runAt', async () => {
    const { id } = await enqueue(d.db, { kind: 'test.echo', runAt: later(3600_000) });
    expect((await runDueJobs(d.db, { kinds: ['test.echo'], log: quiet })).ran).toBe(0);
    expect((await runDueJobs(d.db, { kinds: ['test.echo'], now: later(3601_000), log: quiet })).ids).toEqual([id]);
  });

  it('retries with exponential back-off and jitter, keeps the last error, and succeeds', async () => {
    failuresLeft = 2;
    const { id } = await enqueue(d.db, { kind: 'test.flaky' });
    const t0 = Date.now();
    expect(await runDueJobs(d.db, { kinds: ['test.flaky'], log: quiet })).toMatchObject({ ran: 1, retry: 1 });
    const t1 = Date.now();
    let row = await job(id);
    expect(row).toMatchObject({ status: 'pending', attempts: 1 });
    expect(row.last_error).toMatch(/^Error: boom 1/);
    // first retry 5–10 s after the failure (backoffMs 10 s, equal jitter)
    expect(row.run_at.getTime()).toBeGreaterThanOrEqual(t0 + 4_900);
    expect(row.run_at.getTime()).toBeLessThanOrEqual(t1 + 10_100);
    expect((await runDueJobs(d.db, { kinds: ['test.flaky'], log: quiet })).ran).toBe(0); // not due yet
    const at = new Date(row.run_at.getTime() + 1);
    expect(await runDueJobs(d.db, { kinds: ['test.flaky'], now: at, log: quiet })).toMatchObject({ ran: 1, retry: 1 });
    row = await job(id);
    const delay2 = row.run_at.getTime() - at.getTime();
    expect(delay2).toBeGreaterThanOrEqual(9_900); // second retry: 10–20 s
    expect(delay2).toBeLessThanOrEqual(20_100);
    expect(row.last_error).toMatch(/^Error: boom 2/);
    expect(await runDueJobs(d.db, { kinds: ['test.flaky'], now: new Date(row.run_at.getTime() + 1), log: quiet })).toMatchObject({ ran: 1, done: 1 });
    expect(await job(id)).toMatchObject({ status: 'done', attempts: 3 });
    expect(seen.map((s) => s.attempt)).toEqual([1, 2, 3]);
  });

  it('marks a job dead after its last attempt', async () => {
    failuresLeft = 99;
    const { id } = await enqueue(d.db, { kind: 'test.flaky', maxAttempts: 2 });
    await runDueJobs(d.db, { kinds: ['test.flaky'], log: quiet });
    expect(await runDueJobs(d.db, { kinds: ['test.flaky'], now: later(3600_000), log: quiet })).toMatchObject({ ran: 1, dead: 1 });
    const row = await job(id);
    expect(row).toMatchObject({ status: 'dead', attempts: 2 });
    expect(row.last_error).toMatch(/boom 2/);
    expect(row.finished_at).not.toBeNull();
    expect((await runDueJobs(d.db, { kinds: ['test.flaky'], now: later(7200_000), log: quiet })).ran).toBe(0);
  });

  it('gives a crashed worker’s job to another worker once the lease has expired', async () => {
    const { id } = await enqueue(d.db, { kind: 'test.echo', payload: { n: 1 } });
    const [claimed] = await claimJobs(d.db, { kinds: ['test.echo'], limit: 5, workerId: 'crashed', leaseMs: 60_000, now: null });
    expect(claimed!.id).toBe(id);
    // the "crashed" worker never finishes; within the lease nobody else takes the job
    expect((await runDueJobs(d.db, { kinds: ['test.echo'], log: quiet })).ran).toBe(0);
    expect(await runDueJobs(d.db, { kinds: ['test.echo'], now: later(61_000), log: quiet })).toMatchObject({ ran: 1, done: 1 });
    expect(await job(id)).toMatchObject({ status: 'done', attempts: 2 });
    expect(seen).toHaveLength(1);
  });

  it('buries a job whose worker crashed during its last attempt', async () => {
    const { id } = await enqueue(d.db, { kind: 'test.echo', maxAttempts: 1 });
    await claimJobs(d.db, { kinds: ['test.echo'], limit: 1, workerId: 'crashed', leaseMs: 1000, now: null });
    expect((await runDueJobs(d.db, { kinds: ['test.echo'], now: later(5000), log: quiet })).ran).toBe(0);
    const row = await job(id);
    expect(row.status).toBe('dead');
    expect(row.last_error).toMatch(/lease expired/);
  });

  it('supersedes a failed job when a newer twin with its dedupe key is pending', async () => {
    failuresLeft = 1;
    const first = await enqueue(d.db, { kind: 'test.flaky', dedupeKey: 'k' });
    const [claimed] = await claimJobs(d.db, { kinds: ['test.flaky'], limit: 1, workerId: 'w', leaseMs: 60_000, now: null });
    const twin = await enqueue(d.db, { kind: 'test.flaky', dedupeKey: 'k' }); // the first one is running: a new pending twin
    expect(twin.created).toBe(true);
    const { executeJob } = await import('./run.js');
    expect(await executeJob(d.db, claimed!, { log: quiet })).toBe('superseded');
    expect((await job(first.id)).status).toBe('superseded');
    expect((await job(twin.id)).status).toBe('pending');
  });

  it('runs a periodic kind once per time slot and supersedes a stale slot', async () => {
    const t = new Date('2026-03-02T08:00:30Z');
    expect(slotStart({ kind: 'test.tick', everyMs: 60_000, offsetMs: 0 }, t).toISOString()).toBe('2026-03-02T08:00:00.000Z');
    expect((await runDueJobs(d.db, { kinds: ['test.tick'], now: t, log: quiet })).ran).toBe(1);
    expect((await runDueJobs(d.db, { kinds: ['test.tick'], now: new Date('2026-03-02T08:00:59Z'), log: quiet })).ran).toBe(0);
    expect((await runDueJobs(d.db, { kinds: ['test.tick'], now: new Date('2026-03-02T08:01:00Z'), log: quiet })).ran).toBe(1);
    expect(seen.map((s) => s.slot!.toISOString())).toEqual(['2026-03-02T08:00:00.000Z', '2026-03-02T08:01:00.000Z']);
    expect(seen[1]!.now.toISOString()).toBe('2026-03-02T08:01:00.000Z');
    // a slot made but never run (all workers down) is superseded by the next one, not run late
    const { schedulePeriodic } = await import('./queue.js');
    await schedulePeriodic(d.db, new Date('2026-03-02T08:02:10Z'), ['test.tick']);
    seen.length = 0;
    expect((await runDueJobs(d.db, { kinds: ['test.tick'], now: new Date('2026-03-02T08:05:10Z'), log: quiet })).ran).toBe(1);
    expect(seen.map((s) => s.slot!.toISOString())).toEqual(['2026-03-02T08:05:00.000Z']);
    const statuses = await d.db.selectFrom('job').select(['periodic_slot', 'status']).where('kind', '=', 'test.tick').orderBy('periodic_slot').execute();
    expect(statuses.map((s) => s.status)).toEqual(['done', 'done', 'superseded', 'done']);
  });

  it('computes the back-off within its bounds', () => {
    const opts = { backoffMs: 1000, maxBackoffMs: 30_000 };
    expect(backoffDelay(opts, 1, () => 0)).toBe(500);
    expect(backoffDelay(opts, 1, () => 1)).toBe(1000);
    expect(backoffDelay(opts, 4, () => 1)).toBe(8000);
    expect(backoffDelay(opts, 20, () => 0)).toBe(15_000);
    expect(backoffDelay(opts, 20, () => 1)).toBe(30_000);
  });

  it('wakes a worker at once when a job is enqueued (NOTIFY), and stops cleanly', async () => {
    await startEventListener(d, { log: quiet });
    const worker = startJobWorker(d.db, { pollMs: 60_000, kinds: ['test.echo'], log: quiet });
    try {
      await new Promise((r) => setTimeout(r, 300)); // the worker's first look finds nothing; it sleeps for a minute
      const t0 = Date.now();
      const { id } = await d.db.transaction().execute((tx) => enqueue(tx, { kind: 'test.echo', payload: { live: true } }));
      for (let i = 0; i < 300 && seen.length === 0; i++) await new Promise((r) => setTimeout(r, 50));
      expect(seen.map((s) => s.payload)).toEqual([{ live: true }]);
      expect(Date.now() - t0).toBeLessThan(15_000); // the worker polls only every minute: the NOTIFY woke it
      for (let i = 0; i < 100 && (await job(id)).status !== 'done'; i++) await new Promise((r) => setTimeout(r, 20));
      expect((await job(id)).status).toBe('done');
    } finally {
      await worker.stop();
      await stopEventListener();
    }
  });
});
