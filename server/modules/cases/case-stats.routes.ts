/** HTTP route of the case statistics (registered by the cases module's routes). */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { caseStatsQuery } from '../../../common/contracts/case-stats.js';
import { requirePermission } from '../../platform/authz/index.js';
import { getCaseStats } from './case.stats.js';

export const caseStatsRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.ctx;
  app.get(
    '/stats/cases',
    {
      schema: {
        tags: ['stats'],
        summary: 'Case figures of a node over a period (rates with numerator and denominator), its subordinates and departments ranked, a daily series and breakdowns',
        querystring: caseStatsQuery,
      },
    },
    async (req) => getCaseStats(db, requirePermission(req, 'stats.read'), req.query),
  );
};
