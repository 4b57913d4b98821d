/** Cases: reports, dispatch, deadlines, cards, verification and rating. See README.md. */
import type { Module } from '../index.js';
import { caseRoutes } from './case.routes.js';
import { caseStatsRoutes } from './case-stats.routes.js';
import { registerMediaAccess } from '../media/index.js';
import { photoAccess } from './case-extras.service.js';
import { registerCaseJobs } from './case.jobs.js';

registerMediaAccess('case', (db, actor, entityId, media) => photoAccess(db, actor, entityId, media.id));
registerCaseJobs();

export const casesModule: Module = {
  name: 'cases',
  routes: async (app) => {
    await app.register(caseRoutes);
    await app.register(caseStatsRoutes);
  },
};
export { publicStatus } from './case-query.service.js';
export { sweepDeadlines } from './case-sweep.js';
export { recomputeClocks } from './case.jobs.js';
