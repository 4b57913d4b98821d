/** All SQL of the patrol module. */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../platform/db/schema.js';

type Q = Kysely<DB> | Transaction<DB>;

export interface PatrolFilter {
  paths: string[];
  from?: string;
  to?: string;
}

function filtered(db: Q, f: PatrolFilter) {
  let q = db
    .selectFrom('patrol_log as p')
    .innerJoin('org_node as g', 'g.id', 'p.grid_id')
    .where(sql<boolean>`g.path like any(${sql.val(f.paths.map((p) => p + '%'))}::text[])`);
  if (f.from) q = q.where('p.patrol_date', '>=', f.from);
  if (f.to) q = q.where('p.patrol_date', '<=', f.to);
  return q;
}

const COLUMNS = [
  'p.id',
  'p.grid_id',
  'p.user_id',
  'p.patrol_date',
  'p.started_at',
  'p.ended_at',
  'p.notes',
  'p.created_at',
  'g.path as grid_path',
  'g.code as grid_code',
  'g.name_zh as grid_name_zh',
  'g.name_en as grid_name_en',
  'u.display_name as user_display_name',
] as const;

/** Patrol entries under some paths, newest first (date, start time, id), with the route's length. */
export async function listPatrols(db: Q, f: PatrolFilter, page: number, pageSize: number) {
  const [rows, count] = await Promise.all([
    filtered(db, f)
      .innerJoin('app_user as u', 'u.id', 'p.user_id')
      .select(COLUMNS)
      .select(sql<number>`jsonb_array_length(p.route)`.as('route_points'))
      .orderBy('p.patrol_date', 'desc')
      .orderBy('p.started_at', 'desc')
      .orderBy('p.id', 'desc')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    filtered(db, f).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

/** One patrol entry with its route, grid and author. */
export function findPatrol(db: Q, id: number) {
  return db
    .selectFrom('patrol_log as p')
    .innerJoin('org_node as g', 'g.id', 'p.grid_id')
    .innerJoin('app_user as u', 'u.id', 'p.user_id')
    .select(COLUMNS)
    .select(['p.route', sql<number>`jsonb_array_length(p.route)`.as('route_points')])
    .where('p.id', '=', id)
    .executeTakeFirst();
}
