/**
 * The job worker: polls for due jobs (and wakes up at once on the enqueue NOTIFY), runs up to `concurrency`
 * of them, keeps each one's lease alive while it runs, makes the periodic kinds' slot rows, and buries jobs
 * whose worker died on their last attempt. Any number of workers, in any number of processes, may run
 * against one PostgreSQL database.
 */
import crypto from 'node:crypto';
import os from 'node:os';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { consoleLog, subscribe, onReconnect, type Log } from '../events/index.js';
import { registeredKinds } from './registry.js';
import { buryExpired, claimJobs, schedulePeriodic, JOBS_CHANNEL } from './queue.js';
import { executeJob } from './run.js';

export interface WorkerOptions {
  /** Jobs run at the same time (default 4). */
  concurrency?: number;
  /** Longest wait between two looks at the queue (default 2000 ms). */
  pollMs?: number;
  /** How long a claim holds before another worker may take the job over (default 5 min; renewed while running). */
  leaseMs?: number;
  /** Only these kinds (default: every registered kind, as of each look). */
  kinds?: string[];
  /** Names the worker in locked_by (default host:pid:random). */
  workerId?: string;
  /** How long stop() waits for running jobs (default 10 s); the rest are retried after their lease. */
  stopGraceMs?: number;
  log?: Log;
}

export interface JobWorker {
  readonly id: string;
  /** Looks at the queue now. */
  wake(): void;
  /** Stops claiming, aborts running handlers' signals, waits for them (up to the grace time). */
  stop(): Promise<void>;
}

/** Starts a worker on the database; returns its handle. */
export function startJobWorker(db: Kysely<DB>, opts: WorkerOptions = {}): JobWorker {
  const concurrency = opts.concurrency ?? 4;
  const pollMs = opts.pollMs ?? 2000;
  const leaseMs = opts.leaseMs ?? 300_000;
  const log = opts.log ?? consoleLog;
  const id = opts.workerId ?? `${os.hostname()}:${process.pid}:${crypto.randomBytes(3).toString('hex')}`;
  const abort = new AbortController();
  const active = new Set<Promise<void>>();
  let stopped = false;
  let wakeUp: (() => void) | null = null;
  let pending = false;
  let lastBury = 0;
  const slotsMade = new Map<string, number>();

  const wake = () => {
    pending = true;
    wakeUp?.();
  };
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      if (pending || stopped) return resolve();
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        wakeUp = null;
        resolve();
      }
      wakeUp = done;
    });
  const offJobs = subscribe(JOBS_CHANNEL, wake);
  const offReconnect = onReconnect(wake);

  const loop = async () => {
    let failures = 0;
    while (!stopped) {
      pending = false;
      try {
        const kinds = opts.kinds ?? registeredKinds();
        await schedulePeriodic(db, new Date(), kinds, slotsMade);
        if (Date.now() - lastBury > pollMs) {
          lastBury = Date.now();
          await buryExpired(db, null);
        }
        const free = concurrency - active.size;
        if (free > 0) {
          const jobs = await claimJobs(db, { kinds, limit: free, workerId: id, leaseMs, now: null });
          for (const job of jobs) {
            const run = executeJob(db, job, { log, signal: abort.signal, leaseMs })
              .then(() => undefined, (e) => log.error({ err: e, jobId: job.id }, 'job bookkeeping failed'))
              .finally(() => {
                active.delete(run);
                wake();
              });
            active.add(run);
          }
          if (jobs.length === free) pending = true; // maybe more are due
        }
        failures = 0;
      } catch (e) {
        if (stopped) break;
        failures++;
        log.warn({ err: e, worker: id }, 'job worker could not reach the queue');
        await new Promise((r) => setTimeout(r, Math.min(30_000, pollMs * 2 ** Math.min(failures, 5))));
        continue;
      }
      if (active.size >= concurrency) pending = false; // a finishing job wakes us
      await sleep(pollMs);
    }
  };
  const looping = loop();

  return {
    id,
    wake,
    async stop() {
      if (stopped) return;
      stopped = true;
      offJobs();
      offReconnect();
      wakeUp?.();
      await looping;
      abort.abort();
      const grace = new Promise<void>((r) => setTimeout(r, opts.stopGraceMs ?? 10_000).unref());
      await Promise.race([Promise.all([...active]), grace]);
    },
  };
}
