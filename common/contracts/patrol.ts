/** Request schemas of the patrol module: a grid worker's patrol log (巡查日志). */
import { z } from 'zod';
import { id, page } from './accounts.js';

export const PATROL_ROUTE_MAX = 500;
export const PATROL_NOTES_MAX = 2000;

/** A calendar day, YYYY-MM-DD (a real date). */
export const isoDay = z.iso.date();
const instant = z.iso.datetime({ offset: true });
/** One point of a route: [longitude, latitude] (GeoJSON order). */
export const routePoint = z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]);

export const patrolListQuery = page.extend({
  /** A grid, or any node above grids, inside the caller's patrol.read scope. */
  gridId: id.optional(),
  /** First and last patrol date (inclusive). */
  from: isoDay.optional(),
  to: isoDay.optional(),
});

export const patrolCreateBody = z.object({
  /** Defaults to the caller's only grid. */
  gridId: id.optional(),
  patrolDate: isoDay,
  startedAt: instant,
  endedAt: instant.nullable().optional(),
  notes: z.string().trim().min(1).max(PATROL_NOTES_MAX),
  route: z.array(routePoint).max(PATROL_ROUTE_MAX).default([]),
});

export const patrolUpdateBody = z.object({
  startedAt: instant.optional(),
  endedAt: instant.nullable().optional(),
  notes: z.string().trim().min(1).max(PATROL_NOTES_MAX).optional(),
  route: z.array(routePoint).max(PATROL_ROUTE_MAX).optional(),
});

export type PatrolCreate = z.infer<typeof patrolCreateBody>;
export type PatrolUpdate = z.infer<typeof patrolUpdateBody>;
