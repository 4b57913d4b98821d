/** Running one claimed job, and `runDueJobs` (everything due now, in this process: tests and the CLI). */
import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { consoleLog, type Log } from '../events/index.js';
import { backoffDelay, registeredJob, registeredKinds } from './registry.js';
import { buryExpired, claimJobs, completeJob, extendLease, failJob, schedulePeriodic, type ClaimedJob } from './queue.js';

export type JobOutcome = 'done' | 'retry' | 'dead' | 'superseded' | 'lost';

export interface RunOptions {
  /** The time the run is for (default: the clock). Due-ness, retry times and the handler's `now` use it. */
  now?: Date;
  log?: Log;
  signal?: AbortSignal;
  /** Renew the lease every leaseMs / 3 while the handler runs (the worker does; runDueJobs need not). */
  leaseMs?: number;
}

/** A failure as stored in last_error: message and the first lines of the stack, at most 4000 characters. */
export function describeError(e: unknown): string {
  const err = e instanceof Error ? e : new Error(String(e));
  const stack = (err.stack ?? '').split('\n').slice(1, 6).join('\n');
  return `${err.name}: ${err.message}${stack ? '\n' + stack : ''}`.slice(0, 4000);
}

/** Runs a claimed job's handler and records the result. */
export async function executeJob(db: Kysely<DB>, job: ClaimedJob, o: RunOptions = {}): Promise<JobOutcome> {
  const log = o.log ?? consoleLog;
  const reg = registeredJob(job.kind);
  const now = o.now ?? new Date();
  let renew: NodeJS.Timeout | null = null;
  if (o.leaseMs) {
    renew = setInterval(() => {
      extendLease(db, job, o.leaseMs!).catch((e) => log.warn({ err: e, jobId: job.id }, 'could not extend a job lease'));
    }, Math.max(1000, Math.floor(o.leaseMs / 3)));
    renew.unref();
  }
  try {
    if (!reg) throw new Error(`no handler is registered for job kind "${job.kind}"`);
    await reg.handler({
      db,
      job: { id: job.id, kind: job.kind, payload: job.payload, attempt: job.attempts, maxAttempts: job.max_attempts, runAt: job.run_at, periodicSlot: job.periodic_slot },
      now,
      signal: o.signal ?? new AbortController().signal,
    });
  } catch (e) {
    if (renew) clearInterval(renew);
    const delay = backoffDelay(reg ?? { backoffMs: 5000, maxBackoffMs: 3_600_000 }, job.attempts);
    const outcome = await failJob(db, job, describeError(e), delay, o.now ?? null);
    const level = outcome === 'dead' ? 'error' : 'warn';
    log[level]({ err: e, jobId: job.id, kind: job.kind, attempt: job.attempts, maxAttempts: job.max_attempts, outcome }, `job ${job.kind} #${job.id} failed`);
    return outcome;
  }
  if (renew) clearInterval(renew);
  return (await completeJob(db, job)) ? 'done' : 'lost';
}

export interface RunDueSummary {
  ran: number;
  done: number;
  retry: number;
  dead: number;
  /** Ids of the jobs run, in order. */
  ids: number[];
}

/**
 * Runs every job due at `now` (default: the clock), one at a time, in this process, including the current
 * slot of every periodic kind. A failed job is rescheduled after its back-off, so it does not run twice in
 * one call. Safe beside running workers (the same claims).
 */
export async function runDueJobs(db: Kysely<DB>, opts: { now?: Date; kinds?: string[]; log?: Log } = {}): Promise<RunDueSummary> {
  const kinds = opts.kinds ?? registeredKinds();
  const workerId = `run-due:${process.pid}:${crypto.randomBytes(3).toString('hex')}`;
  await schedulePeriodic(db, opts.now ?? new Date(), kinds);
  await buryExpired(db, opts.now ?? null);
  const summary: RunDueSummary = { ran: 0, done: 0, retry: 0, dead: 0, ids: [] };
  for (let i = 0; i < 100_000; i++) {
    const [job] = await claimJobs(db, { kinds, limit: 1, workerId, leaseMs: 300_000, now: opts.now ?? null });
    if (!job) break;
    const outcome = await executeJob(db, job, { now: opts.now, log: opts.log });
    summary.ran++;
    summary.ids.push(job.id);
    if (outcome === 'done') summary.done++;
    else if (outcome === 'retry') summary.retry++;
    else if (outcome === 'dead') summary.dead++;
  }
  return summary;
}
