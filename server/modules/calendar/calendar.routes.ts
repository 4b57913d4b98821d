/** HTTP routes of the calendar module. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import * as c from '../../../common/contracts/calendar.js';
import { requireActor, requirePermission } from '../../platform/authz/index.js';
import { auditCtx } from '../../platform/http/context.js';
import * as svc from './calendar.service.js';

export const calendarRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.ctx;
  const tags = ['calendar'];
  app.get('/calendar', { schema: { tags, summary: 'A year of the working-day calendar: overrides and working days per month', querystring: c.calendarQuery } }, async (req) =>
    svc.getYear(db, requireActor(req), req.query.year),
  );
  app.put('/calendar/days/:day', { schema: { tags, summary: 'Make a weekday a holiday or a weekend day a make-up working day', params: c.calendarDayParams, body: c.calendarDayBody } }, async (req) =>
    svc.setDay(db, requirePermission(req, 'case.configure'), req.params.day, req.body, auditCtx(req), req.log),
  );
  app.delete('/calendar/days/:day', { schema: { tags, summary: 'Clear a day’s override (back to the default week)', params: c.calendarDayParams } }, async (req, reply) => {
    await svc.clearDay(db, requirePermission(req, 'case.configure'), req.params.day, auditCtx(req), req.log);
    return reply.status(204).send();
  });
  app.put('/calendar/years/:year', { schema: { tags, summary: 'Replace a whole year’s overrides in one transaction', params: c.calendarYearParams, body: c.calendarYearBody } }, async (req) =>
    svc.replaceYear(db, requirePermission(req, 'case.configure'), req.params.year, req.body, auditCtx(req), req.locale, req.log),
  );
};
