/** Use cases of the patrol module: list in scope, write one's own entry, correct it the same day. */
import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import { AppError, forbidden, notFound } from '../../platform/http/errors.js';
import { audit, type AuditContext } from '../../platform/audit/index.js';
import { authorize, can, scopePaths, type Actor } from '../../platform/authz/index.js';
import { ROLE_PERMISSIONS } from '../../../common/permissions.js';
import type { PatrolCreate, PatrolUpdate } from '../../../common/contracts/patrol.js';
import { findNode } from '../org/index.js';
import * as repo from './patrol.repository.js';

/** A day (YYYY-MM-DD) in the jurisdiction's time zone (China Standard Time). */
export function chinaDay(at: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

type Row = NonNullable<Awaited<ReturnType<typeof repo.findPatrol>>> | Awaited<ReturnType<typeof repo.listPatrols>>['rows'][number];

/** True when the actor may still change the entry: its author, on the day it was written, still on the grid. */
function editable(actor: Actor, p: { user_id: number; created_at: Date; grid_path: string }) {
  return p.user_id === actor.userId && chinaDay(p.created_at) === chinaDay() && can(actor, 'patrol.write', p.grid_path);
}

function present(actor: Actor, p: Row) {
  return {
    id: p.id,
    gridId: p.grid_id,
    gridCode: p.grid_code,
    gridNameZh: p.grid_name_zh,
    gridNameEn: p.grid_name_en,
    userId: p.user_id,
    userDisplayName: p.user_display_name,
    patrolDate: p.patrol_date,
    startedAt: p.started_at,
    endedAt: p.ended_at,
    notes: p.notes,
    routePoints: Number(p.route_points),
    createdAt: p.created_at,
    abilities: { edit: editable(actor, p) },
  };
}

/** Patrol entries in the caller's scope (or under one grid or node of it), newest first. */
export async function listPatrols(db: Kysely<DB>, actor: Actor, query: { gridId?: number; from?: string; to?: string; page: number; pageSize: number }) {
  let paths: string[];
  if (query.gridId !== undefined) {
    const node = await findNode(db, query.gridId);
    if (!node) throw notFound();
    authorize(actor, 'patrol.read', node.path);
    paths = [node.path];
  } else {
    paths = scopePaths(actor, 'patrol.read');
    if (paths.length === 0) throw forbidden();
  }
  const { rows, total } = await repo.listPatrols(db, { paths, from: query.from, to: query.to }, query.page, query.pageSize);
  return { items: rows.map((r) => present(actor, r)), total, page: query.page, pageSize: query.pageSize };
}

/** One entry with its route. */
export async function getPatrol(db: Kysely<DB>, actor: Actor, id: number) {
  const p = await repo.findPatrol(db, id);
  if (!p) throw notFound();
  authorize(actor, 'patrol.read', p.grid_path);
  return { ...present(actor, p), route: p.route };
}

/** The grid a new entry is for: the one named, else the caller's only grid with patrol.write. */
async function patrolGrid(db: Kysely<DB>, actor: Actor, gridId: number | undefined) {
  if (gridId === undefined) {
    const grids = [...new Set(actor.grants.filter((g) => g.nodeType === 'grid' && ROLE_PERMISSIONS[g.role].includes('patrol.write')).map((g) => g.nodeId))];
    if (grids.length === 0) throw forbidden();
    if (grids.length > 1) throw new AppError(400, 'GRID_REQUIRED');
    gridId = grids[0]!;
  }
  const node = await findNode(db, gridId);
  if (!node) throw notFound();
  authorize(actor, 'patrol.write', node.path);
  if (node.type !== 'grid') throw new AppError(400, 'NODE_NOT_GRID');
  return node;
}

function checkTimes(startedAt: string | Date, endedAt: string | Date | null | undefined) {
  if (endedAt != null && new Date(endedAt).getTime() < new Date(startedAt).getTime()) throw new AppError(400, 'PATROL_TIME_ORDER');
}

/** Writes an entry in the caller's own patrol log. */
export async function createPatrol(db: Kysely<DB>, actor: Actor, input: PatrolCreate, ctx: AuditContext) {
  const grid = await patrolGrid(db, actor, input.gridId);
  if (input.patrolDate > chinaDay()) throw new AppError(400, 'PATROL_FUTURE_DATE');
  checkTimes(input.startedAt, input.endedAt);
  const id = await db.transaction().execute(async (tx) => {
    const row = await tx
      .insertInto('patrol_log')
      .values({
        grid_id: grid.id,
        user_id: actor.userId,
        patrol_date: input.patrolDate,
        started_at: input.startedAt,
        ended_at: input.endedAt ?? null,
        notes: input.notes,
        route: JSON.stringify(input.route),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(tx, ctx, { action: 'patrol.create', entity: 'patrol_log', entityId: row.id, nodeId: grid.id, detail: { patrolDate: input.patrolDate, routePoints: input.route.length } });
    return row.id;
  });
  return getPatrol(db, actor, id);
}

/** Corrects one's own entry on the day it was written. */
export async function updatePatrol(db: Kysely<DB>, actor: Actor, id: number, input: PatrolUpdate, ctx: AuditContext) {
  const p = await repo.findPatrol(db, id);
  if (!p) throw notFound();
  authorize(actor, 'patrol.read', p.grid_path);
  if (!editable(actor, p)) throw new AppError(403, 'PATROL_EDIT_CLOSED');
  checkTimes(input.startedAt ?? p.started_at, input.endedAt !== undefined ? input.endedAt : p.ended_at);
  const set = {
    ...(input.startedAt !== undefined && { started_at: input.startedAt }),
    ...(input.endedAt !== undefined && { ended_at: input.endedAt }),
    ...(input.notes !== undefined && { notes: input.notes }),
    ...(input.route !== undefined && { route: JSON.stringify(input.route) }),
  };
  if (Object.keys(set).length > 0) {
    await db.transaction().execute(async (tx) => {
      await tx.updateTable('patrol_log').set(set).where('id', '=', id).execute();
      await audit(tx, ctx, { action: 'patrol.update', entity: 'patrol_log', entityId: id, nodeId: p.grid_id, detail: { fields: Object.keys(input).sort() } });
    });
  }
  return getPatrol(db, actor, id);
}
