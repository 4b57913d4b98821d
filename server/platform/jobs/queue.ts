/**
 * All SQL of the job queue. A job is claimed with FOR UPDATE SKIP LOCKED and holds a lease (locked_until);
 * every later write names the claim (locked_by + attempts), so a worker whose lease ran out and whose job
 * another worker took over cannot overwrite the newer run's result.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../db/schema.js';
import { isUniqueViolation } from '../db/index.js';
import { publish } from '../events/index.js';
import { periodicJobs, registeredJob, slotStart } from './registry.js';

type Q = Kysely<DB> | Transaction<DB>;

/** The channel a worker listens on to wake up when a job is enqueued. */
export const JOBS_CHANNEL = 'gz_jobs';

export interface EnqueueSpec {
  kind: string;
  payload?: Record<string, unknown>;
  /** Not before this time (default: now). */
  runAt?: Date;
  /** Default: the kind's registered maxAttempts. */
  maxAttempts?: number;
  /** While a pending job of this kind has this key, enqueueing another one is a no-op. */
  dedupeKey?: string;
}

export interface ClaimedJob {
  id: number;
  kind: string;
  payload: Record<string, unknown>;
  run_at: Date;
  attempts: number;
  max_attempts: number;
  periodic_slot: Date | null;
  locked_by: string;
}

/** Adds a job (in the caller's transaction, if any); with a dedupe key already pending, returns that job. */
export async function enqueue(db: Q, spec: EnqueueSpec): Promise<{ id: number; created: boolean }> {
  const reg = registeredJob(spec.kind);
  if (!reg) throw new Error(`no handler is registered for job kind "${spec.kind}"`);
  const maxAttempts = spec.maxAttempts ?? reg.maxAttempts;
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1 || maxAttempts > 100) throw new Error(`maxAttempts must be 1–100, got ${maxAttempts}`);
  const payload = JSON.stringify(spec.payload ?? {});
  for (let tries = 0; tries < 5; tries++) {
    const inserted = await sql<{ id: number }>`
      insert into job (kind, payload, run_at, max_attempts, dedupe_key)
      values (${spec.kind}, ${payload}::jsonb, coalesce(${spec.runAt ?? null}::timestamptz, now()), ${maxAttempts}, ${spec.dedupeKey ?? null})
      on conflict (kind, dedupe_key) where status = 'pending' and dedupe_key is not null do nothing
      returning id`.execute(db);
    if (inserted.rows[0]) {
      await publish(db, JOBS_CHANNEL, { kind: spec.kind });
      return { id: inserted.rows[0].id, created: true };
    }
    const existing = await db
      .selectFrom('job')
      .select('id')
      .where('kind', '=', spec.kind)
      .where('dedupe_key', '=', spec.dedupeKey!)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    if (existing) return { id: existing.id, created: false };
    // The pending twin was claimed between the two statements: try again.
  }
  throw new Error(`could not enqueue "${spec.kind}" with dedupe key "${spec.dedupeKey}"`);
}

/** Claims up to `limit` due jobs of the given kinds (pending and due, or running with an expired lease). */
export async function claimJobs(db: Kysely<DB>, o: { kinds: string[]; limit: number; workerId: string; leaseMs: number; now: Date | null }): Promise<ClaimedJob[]> {
  if (o.kinds.length === 0 || o.limit < 1) return [];
  const now = sql`coalesce(${o.now}::timestamptz, now())`;
  const res = await sql<ClaimedJob>`
    with next as (
      select id from job
      where kind = any(${sql.val(o.kinds)}::text[])
        and ((status = 'pending' and run_at <= ${now})
          or (status = 'running' and locked_until < ${now} and attempts < max_attempts))
      order by run_at, id
      limit ${o.limit}
      for update skip locked
    )
    update job set status = 'running', attempts = job.attempts + 1, locked_by = ${o.workerId},
      locked_until = ${now} + make_interval(secs => ${o.leaseMs / 1000}::double precision), updated_at = now()
    from next where job.id = next.id
    returning job.id, job.kind, job.payload, job.run_at, job.attempts, job.max_attempts, job.periodic_slot, job.locked_by`.execute(db);
  return res.rows.sort((a, b) => a.run_at.getTime() - b.run_at.getTime() || a.id - b.id);
}

const held = (job: ClaimedJob) => sql<boolean>`id = ${job.id} and status = 'running' and locked_by = ${job.locked_by} and attempts = ${job.attempts}`;

/** Marks a claimed job done (locked_by stays: who ran it); false when the claim was lost (lease expired and taken over). */
export async function completeJob(db: Kysely<DB>, job: ClaimedJob): Promise<boolean> {
  const r = await sql`update job set status = 'done', finished_at = now(), updated_at = now(), locked_until = null where ${held(job)}`.execute(db);
  return Number(r.numAffectedRows ?? 0) > 0;
}

/**
 * Records a failed attempt: back to pending after `retryInMs`, or dead after the last attempt. A job whose
 * dedupe key meanwhile has a newer pending twin is superseded by it instead.
 */
export async function failJob(db: Kysely<DB>, job: ClaimedJob, error: string, retryInMs: number, now: Date | null): Promise<'retry' | 'dead' | 'superseded' | 'lost'> {
  const dead = job.attempts >= job.max_attempts;
  const base = sql`coalesce(${now}::timestamptz, now())`;
  try {
    const r = await sql`
      update job set status = ${dead ? 'dead' : 'pending'}, last_error = ${error}, locked_by = null, locked_until = null, updated_at = now(),
        run_at = ${dead ? sql`run_at` : sql`${base} + make_interval(secs => ${retryInMs / 1000}::double precision)`},
        finished_at = ${dead ? sql`now()` : null}
      where ${held(job)}`.execute(db);
    if (Number(r.numAffectedRows ?? 0) === 0) return 'lost';
    return dead ? 'dead' : 'retry';
  } catch (e) {
    if (!isUniqueViolation(e, 'job_pending_dedupe')) throw e;
    await sql`update job set status = 'superseded', last_error = ${error}, locked_by = null, locked_until = null, finished_at = now(), updated_at = now() where ${held(job)}`.execute(db);
    return 'superseded';
  }
}

/** Pushes a running job's lease forward; false when the claim was lost. */
export async function extendLease(db: Kysely<DB>, job: ClaimedJob, leaseMs: number): Promise<boolean> {
  const r = await sql`update job set locked_until = now() + make_interval(secs => ${leaseMs / 1000}::double precision), updated_at = now() where ${held(job)}`.execute(db);
  return Number(r.numAffectedRows ?? 0) > 0;
}

/** Jobs whose worker died during their last attempt are dead (the lease says so). */
export async function buryExpired(db: Kysely<DB>, now: Date | null): Promise<number> {
  const r = await sql`
    update job set status = 'dead', finished_at = now(), updated_at = now(), locked_by = null, locked_until = null,
      last_error = coalesce(last_error || E'\n', '') || 'the worker stopped during the last attempt (lease expired)'
    where status = 'running' and locked_until < coalesce(${now}::timestamptz, now()) and attempts >= max_attempts`.execute(db);
  return Number(r.numAffectedRows ?? 0);
}

/**
 * Makes the job row of the current slot of every periodic kind (a unique index keeps it to one row per slot
 * across processes); an older slot still pending is superseded by the new one rather than run late.
 * `done` (kind → slot start) skips the slots already made sure of.
 */
export async function schedulePeriodic(db: Kysely<DB>, at: Date, kinds?: string[], done?: Map<string, number>): Promise<number> {
  let created = 0;
  for (const p of periodicJobs()) {
    if (kinds && !kinds.includes(p.kind)) continue;
    const slot = slotStart(p, at);
    // A worker remembers the slots it has made sure of, so it does not try every poll.
    if (done?.get(p.kind) === slot.getTime()) continue;
    const reg = registeredJob(p.kind)!;
    const r = await sql<{ id: number }>`
      insert into job (kind, payload, run_at, max_attempts, periodic_slot)
      values (${p.kind}, '{}'::jsonb, ${slot}::timestamptz, ${reg.maxAttempts}, ${slot}::timestamptz)
      on conflict (kind, periodic_slot) where periodic_slot is not null do nothing
      returning id`.execute(db);
    if (r.rows[0]) {
      created++;
      await sql`update job set status = 'superseded', finished_at = now(), updated_at = now()
        where kind = ${p.kind} and status = 'pending' and periodic_slot < ${slot}::timestamptz`.execute(db);
    }
    done?.set(p.kind, slot.getTime());
  }
  return created;
}

/** Deletes finished jobs (done or superseded) that finished before `before`. */
export async function deleteFinished(db: Kysely<DB>, before: Date): Promise<number> {
  const r = await db.deleteFrom('job').where('status', 'in', ['done', 'superseded']).where('finished_at', '<', before).executeTakeFirst();
  return Number(r.numDeletedRows);
}
