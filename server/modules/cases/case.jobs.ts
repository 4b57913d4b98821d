/**
 * The cases module's background work: the deadline sweep every minute, and recomputing open clocks when an
 * administrator changes the working-day calendar (a new holiday moves every deadline that crosses it).
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import { enqueue, registerJob, registerPeriodic } from '../../platform/jobs/index.js';
import { onCalendarChanged, chinaMidnight } from '../calendar/index.js';
import { sweepDeadlines } from './case-sweep.js';
import { refreshCaseStats } from './case-stats.refresh.js';
import { caseTransaction, clockColumns, nextSweepAt, stageClock } from './case-clock.js';
import * as repo from './case.repository.js';

export const SWEEP_EVERY_MS = 60_000;

/** Recomputes the stored clock of every open case whose red limit is on or after `from`. Returns the count. */
export async function recomputeClocks(db: Kysely<DB>, from: Date, batchSize = 500): Promise<number> {
  let done = 0;
  let lastId = 0;
  for (;;) {
    const rows = await db
      .selectFrom('case_file')
      .select(['id'])
      .where('stage', 'is not', null)
      .where('stage_red_at', '>=', from)
      .where('id', '>', lastId)
      .orderBy('id')
      .limit(batchSize)
      .execute();
    if (rows.length === 0) return done;
    for (const { id } of rows) {
      await caseTransaction(db, async (tx) => {
        const c = await repo.lockCase(tx, id);
        if (!c || !c.stage || !c.stage_started_at) return;
        const holder = (await repo.findNodeBrief(tx, c.holder_node_id))!;
        const clock = await stageClock(tx, { categoryId: c.category_id, holderType: holder.type, stage: c.stage, start: c.stage_started_at, extensionDays: c.stage_extension_days });
        const cols = clockColumns(clock);
        await repo.updateCase(tx, id, {
          stage_warn_at: cols.stage_warn_at,
          stage_yellow_at: cols.stage_yellow_at,
          stage_red_at: cols.stage_red_at,
          // Cards already raised stay (cards only go up); the next threshold follows the new instants.
          next_sweep_at: nextSweepAt({ warned: c.warned, card: c.card, warnAt: cols.stage_warn_at, yellowAt: cols.stage_yellow_at, redAt: cols.stage_red_at }),
          ...(c.stage === 'handle' && { due_at: cols.stage_red_at }),
        });
      });
      done++;
    }
    lastId = rows[rows.length - 1]!.id;
  }
}

let registered = false;
/** Registers the jobs (idempotent; every process that may run jobs calls it through the module's index). */
export function registerCaseJobs(): void {
  if (registered) return;
  registered = true;
  registerJob('cases.sweep', async ({ db, now }) => {
    await sweepDeadlines(db, { now });
  });
  registerPeriodic('cases.sweep', SWEEP_EVERY_MS);
  // The statistics rollup: dirty (grid, day) buckets recomputed from the raw rows (reads also refresh first).
  registerJob('cases.stats_refresh', async ({ db }) => {
    await refreshCaseStats(db);
  });
  registerPeriodic('cases.stats_refresh', SWEEP_EVERY_MS);
  registerJob<{ from: string }>('cases.recompute_clocks', async ({ db, job }) => {
    await recomputeClocks(db, new Date(job.payload.from));
  });
  onCalendarChanged(async (change, db) => {
    if (change.days.length === 0 || !change.earliest) return;
    // One pending recompute per earliest day is enough (several edits of one day queue one job).
    await enqueue(db, { kind: 'cases.recompute_clocks', payload: { from: chinaMidnight(change.earliest).toISOString() }, dedupeKey: `cases.recompute_clocks:${change.earliest}` });
  });
}
