/**
 * Background jobs in a PostgreSQL table (README.md): `registerJob` at module load, `enqueue` in the writer's
 * transaction (the job exists only if the change commits), `registerPeriodic` for sweeps, `startJobWorker`
 * in the process that runs jobs, `runDueJobs` in tests and the CLI.
 */
import { registerJob, registerPeriodic } from './registry.js';
import { deleteFinished } from './queue.js';

export { registerJob, registerPeriodic, backoffDelay, slotStart, type JobContext, type JobHandler, type JobOptions } from './registry.js';
export { enqueue, JOBS_CHANNEL, type EnqueueSpec } from './queue.js';
export { runDueJobs, executeJob, describeError, type RunDueSummary, type JobOutcome } from './run.js';
export { startJobWorker, type JobWorker, type WorkerOptions } from './worker.js';

/** Finished jobs are kept this long (then deleted by the built-in `jobs.cleanup`); dead ones stay. */
export const KEEP_FINISHED_MS = 14 * 86_400_000;

registerJob('jobs.cleanup', async ({ db, now }) => {
  await deleteFinished(db, new Date(now.getTime() - KEEP_FINISHED_MS));
});
registerPeriodic('jobs.cleanup', 6 * 3_600_000);
