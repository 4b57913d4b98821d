/** Which job kinds this process can run (handlers) and which recur (periodic). Process-wide. */
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';

/** What a handler gets for one run. */
export interface JobContext<P = any> {
  db: Kysely<DB>;
  job: {
    id: number;
    kind: string;
    payload: P;
    /** 1 on the first run. */
    attempt: number;
    maxAttempts: number;
    runAt: Date;
    /** The start of the time slot of a periodic run, else null. */
    periodicSlot: Date | null;
  };
  /** The time this run is for: the clock, or runDueJobs' `now` (so sweeps can be tested at any time). */
  now: Date;
  /** Aborted when the worker is stopping: long handlers should stop early (the job is then retried). */
  signal: AbortSignal;
}

/** Runs one job. Throwing schedules a retry (or marks the job dead after its last attempt). */
export type JobHandler<P = any> = (ctx: JobContext<P>) => Promise<void>;

export interface JobOptions {
  /** Attempts before the job is dead (default 5; enqueue may override). */
  maxAttempts?: number;
  /** Delay before the first retry (default 5 s); it doubles each attempt, with jitter. */
  backoffMs?: number;
  /** Upper bound of the retry delay (default 1 h). */
  maxBackoffMs?: number;
}

export interface RegisteredJob extends Required<JobOptions> {
  kind: string;
  handler: JobHandler;
}

export interface PeriodicJob {
  kind: string;
  everyMs: number;
  /** Slots start at epoch + offsetMs + k × everyMs (e.g. −8 h for days starting at midnight in China). */
  offsetMs: number;
}

const jobs = new Map<string, RegisteredJob>();
const periodic = new Map<string, PeriodicJob>();

export const KIND = /^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*$/;

/** Registers the handler of a job kind (once per kind, at module load). */
export function registerJob<P = any>(kind: string, handler: JobHandler<P>, opts: JobOptions = {}): void {
  if (!KIND.test(kind) || kind.length > 100) throw new Error(`invalid job kind "${kind}"`);
  if (jobs.has(kind)) throw new Error(`job kind "${kind}" is already registered`);
  jobs.set(kind, {
    kind,
    handler: handler as JobHandler,
    maxAttempts: opts.maxAttempts ?? 5,
    backoffMs: opts.backoffMs ?? 5_000,
    maxBackoffMs: opts.maxBackoffMs ?? 3_600_000,
  });
}

/** Makes a registered kind recur every `everyMs` (≥ 1 s): one job row per time slot, whichever process makes it. */
export function registerPeriodic(kind: string, everyMs: number, opts: { offsetMs?: number } = {}): void {
  if (!Number.isInteger(everyMs) || everyMs < 1000) throw new Error(`periodic job "${kind}": everyMs must be an integer ≥ 1000`);
  if (periodic.has(kind)) throw new Error(`periodic job "${kind}" is already registered`);
  periodic.set(kind, { kind, everyMs, offsetMs: opts.offsetMs ?? 0 });
}

/** The registration of a kind, or undefined. */
export function registeredJob(kind: string): RegisteredJob | undefined {
  return jobs.get(kind);
}

/** Every kind with a handler in this process. */
export function registeredKinds(): string[] {
  return [...jobs.keys()];
}

/** Every periodic kind (that also has a handler). */
export function periodicJobs(): PeriodicJob[] {
  return [...periodic.values()].filter((p) => jobs.has(p.kind));
}

/** The start of the slot `at` falls in. */
export function slotStart(p: PeriodicJob, at: Date): Date {
  const t = at.getTime() - p.offsetMs;
  return new Date(Math.floor(t / p.everyMs) * p.everyMs + p.offsetMs);
}

/** The retry delay after a failed attempt: exponential with "equal jitter" (half fixed, half random). */
export function backoffDelay(job: Pick<RegisteredJob, 'backoffMs' | 'maxBackoffMs'>, attempt: number, random: () => number = Math.random): number {
  const full = Math.min(job.maxBackoffMs, job.backoffMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(full / 2 + random() * (full / 2));
}
