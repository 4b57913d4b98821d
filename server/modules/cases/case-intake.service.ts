/**
 * Filing a case: a resident's report from her phone, a grid worker's patrol finding (possibly fixed on the
 * spot), a staff member's entry of a phone call. The point decides the grid; the category decides the level
 * that triages it. A replayed submission (same Idempotency-Key, same body) returns the first case.
 */
import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import { AppError } from '../../platform/http/errors.js';
import { audit, type AuditContext } from '../../platform/audit/index.js';
import type { Actor } from '../../platform/authz/index.js';
import { ROLE_PERMISSIONS } from '../../../common/permissions.js';
import { documentTokens } from '../../../common/search-tokens.js';
import { NEARBY_MAX, NEARBY_METRES, type CaseReport } from '../../../common/contracts/cases.js';
import { locate } from '../geo/index.js';
import { attachMedia } from '../media/index.js';
import { findCategory } from '../categories/index.js';
import { applyMove } from './case-engine.js';
import { scrubText } from './case-public.service.js';
import { FINAL_STATUSES } from './case-workflow.js';
import { actsFor, holderPermission } from './case.policy.js';
import { caseTransaction, clockColumns, stageClock } from './case-clock.js';
import { staffText } from './case-messages.js';
import { notify, usersHolding, publishChange, emitWebhookEvent } from '../notifications/index.js';
import * as repo from './case.repository.js';
import type { NodeBrief } from './case.repository.js';

const KEY = /^[A-Za-z0-9_-]{1,100}$/;

/** Distance in metres between two points (haversine; plenty for 250 m). */
export function metresBetween(lat1: number, lng1: number, lat2: number, lng2: number): number {
  const rad = Math.PI / 180;
  const dLat = (lat2 - lat1) * rad;
  const dLng = (lng2 - lng1) * rad;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * 6_371_000 * Math.asin(Math.sqrt(a));
}

/** Open cases of the category within 250 m, nearest first (at most 5): the duplicate hint. */
export async function nearbyOpenCases(db: Kysely<DB>, q: { categoryId: number; lat: number; lng: number }) {
  const dLat = NEARBY_METRES / 111_320;
  const dLng = NEARBY_METRES / (111_320 * Math.max(0.01, Math.cos((q.lat * Math.PI) / 180)));
  const rows = await repo.openCasesNear(db, q.categoryId, q.lat, q.lng, dLat, dLng);
  return rows
    .map((r) => ({ ...r, distance: Math.round(metresBetween(q.lat, q.lng, r.lat, r.lng)) }))
    .filter((r) => r.distance <= NEARBY_METRES)
    .sort((a, b) => a.distance - b.distance)
    .slice(0, NEARBY_MAX)
    .map((r) => ({ id: r.id, status: r.status, description: scrubText(r.description), address: scrubText(r.address), reportedAt: r.reported_at, distance: r.distance, followable: true }));
}

/** True when the actor may report only as a resident (no staff role carrying case.report). */
function isResidentOnly(actor: Actor): boolean {
  return !actor.grants.some((g) => g.role !== 'resident' && ROLE_PERMISSIONS[g.role].includes('case.report'));
}

/** A stable hash of what was submitted (key order does not matter). */
function bodyHash(body: CaseReport): string {
  const canonical = JSON.stringify(Object.keys(body).sort().map((k) => [k, (body as Record<string, unknown>)[k]]));
  return crypto.createHash('sha256').update(canonical).digest('hex');
}

export interface ReportResult {
  id: number;
  replayed: boolean;
  nearby: Awaited<ReturnType<typeof nearbyOpenCases>>;
}

/** Files a case. */
export async function reportCase(db: Kysely<DB>, actor: Actor, body: CaseReport, idempotencyKey: string | undefined, ctx: AuditContext): Promise<ReportResult> {
  if (idempotencyKey !== undefined && !KEY.test(idempotencyKey)) throw new AppError(400, 'CASE_IDEMPOTENCY_KEY');
  const hash = bodyHash(body);
  if (idempotencyKey) {
    const prior = await db.selectFrom('case_file').select(['id', 'client_hash']).where('reporter_user_id', '=', actor.userId).where('client_key', '=', idempotencyKey).executeTakeFirst();
    if (prior) {
      if (prior.client_hash !== hash) throw new AppError(409, 'CASE_IDEMPOTENCY_MISMATCH');
      return { id: prior.id, replayed: true, nearby: [] };
    }
  }
  const resident = isResidentOnly(actor);
  const category = await findCategory(db, body.categoryId);
  if (!category || (!category.selectable && category.leaf)) throw new AppError(422, 'CASE_CATEGORY_UNKNOWN');
  if (!category.selectable) throw new AppError(422, 'CASE_CATEGORY_NOT_LEAF');
  if (resident && !category.residentSelectable) throw new AppError(422, 'CASE_CATEGORY_NOT_PUBLIC');
  const located = await locate(body.lat, body.lng, db);
  if (!located) throw new AppError(422, 'CASE_OUTSIDE_DISTRICT');

  const [grid, community] = await Promise.all([repo.cachedNode(db, located.grid.id), repo.cachedNode(db, located.community.id)]);
  if (!grid || !community) throw new AppError(422, 'CASE_OUTSIDE_DISTRICT');
  // A grid worker reporting inside her own grid files a patrol finding that her grid handles at once.
  const ownGrid = !resident && actsFor(actor, grid.id, 'case.handle');
  if (body.handledOnSpot && !ownGrid) throw new AppError(422, 'CASE_ON_SPOT_GRID_ONLY');
  const source = resident ? 'resident' : ownGrid ? 'patrol' : (body.source ?? 'staff');

  let intake: NodeBrief;
  if (ownGrid) intake = grid;
  else if (category.defaultLevel === 'grid') intake = grid;
  else if (category.defaultLevel === 'community' || !category.defaultLevel) intake = community;
  else intake = (await repo.ancestorOfType(db, grid.path, category.defaultLevel)) ?? community;
  // A case held by a grid is owned (verified) by its community.
  const owner = intake.type === 'grid' ? community : intake;

  const now = new Date();
  // Everything that needs no lock is read before the transaction: the clock (cached calendar and limits)
  // and the staff to tell. The transaction then only writes.
  const [clock, staff] = await Promise.all([
    stageClock(db, { categoryId: category.id, holderType: intake.type, stage: 'accept', start: now }),
    usersHolding(db, intake.id, holderPermission(intake.type)).then((ids) => ids.filter((u) => u !== actor.userId)),
  ]);
  try {
    return await caseTransaction(db, async (tx) => {
      const row = await tx
        .insertInto('case_file')
        .values({
          status: 'reported',
          category_id: category.id,
          description: body.description,
          address: body.address,
          lat: body.lat,
          lng: body.lng,
          grid_id: grid.id,
          grid_path: grid.path,
          source,
          urgent: body.urgent,
          reporter_user_id: actor.userId,
          hide_reporter: body.hideReporter,
          client_key: idempotencyKey ?? null,
          client_hash: idempotencyKey ? hash : null,
          holder_node_id: intake.id,
          holder_path: intake.path,
          owner_node_id: owner.id,
          reported_at: now,
          ...clockColumns(clock),
          stage_seq: 1,
          accept_due_at: clock.redAt,
          search_tokens: documentTokens(body.description, body.address, category.nameZh, category.nameEn, grid.name_zh),
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      await tx
        .insertInto('case_party')
        .values([
          { case_id: row.id, node_id: intake.id, node_path: intake.path, kind: 'intake' },
          { case_id: row.id, node_id: owner.id, node_path: owner.path, kind: 'owner' },
          ...(owner.id !== intake.id ? [{ case_id: row.id, node_id: intake.id, node_path: intake.path, kind: 'handler' as const }] : []),
        ])
        .execute();
      await tx.insertInto('case_follower').values({ case_id: row.id, user_id: actor.userId, kind: 'reporter' }).execute();
      const eventId = await repo.insertEvent(tx, { caseId: row.id, action: 'report', actorUserId: actor.userId, actorNodeId: resident ? null : intake.id, toStatus: 'reported', toNodeId: intake.id, data: { source }, public: true, at: now });
      if (staff.length > 0) {
        const t = staffText('report', { id: row.id, categoryZh: category.nameZh, categoryEn: category.nameEn });
        await notify(tx, { userIds: staff, kind: 'case.report', link: `/cases/${row.id}`, entity: 'case', entityId: row.id, zh: t.zh, en: t.en });
      }
      await publishChange(tx, { entity: 'case', id: row.id, nodePaths: [grid.path, intake.path] });
      await emitWebhookEvent(tx, 'case.report', { caseId: row.id, eventId, status: 'reported', public: true, at: now.toISOString() }, { nodePaths: [grid.path] });
      if (body.photoIds.length > 0) {
        await attachMedia(tx, actor, body.photoIds, { entity: 'case', entityId: row.id });
        await repo.addPhotos(tx, row.id, body.photoIds, 'report', eventId);
      }
      if (ownGrid) {
        // The grid worker takes her own finding at once (and may report it fixed on the spot).
        await applyMove(tx, row, { status: 'in_progress', holder: grid, owner: community, handler: grid, set: { accepted_at: now, dispatched_at: now } }, { action: 'accept', actorUserId: actor.userId, actorNodeId: grid.id, public: true, publicKey: 'sign', at: now });
        if (body.handledOnSpot) {
          const c2 = (await repo.findCase(tx, row.id))!;
          await applyMove(tx, c2, { status: 'handled', holder: community, set: { handled_at: now } }, { action: 'finish', actorUserId: actor.userId, actorNodeId: grid.id, note: body.description, data: { onSpot: true }, public: true, at: now });
        }
      }
      await audit(tx, ctx, { action: 'case.report', entity: 'case', entityId: row.id, nodeId: grid.id, detail: { source, categoryId: category.id } });
      return { id: row.id, replayed: false, nearby: [] };
    });
  } catch (e) {
    // Two identical submissions racing: the loser finds the winner's case.
    if (idempotencyKey && /case_file_client_key/.test(String((e as Error).message))) {
      const prior = await db.selectFrom('case_file').select(['id', 'client_hash']).where('reporter_user_id', '=', actor.userId).where('client_key', '=', idempotencyKey).executeTakeFirst();
      if (prior && prior.client_hash === hash) return { id: prior.id, replayed: true, nearby: [] };
      if (prior) throw new AppError(409, 'CASE_IDEMPOTENCY_MISMATCH');
    }
    throw e;
  }
}

/** What the reporter sees right after filing: enough for the confirmation, in one query. */
export async function filedSummary(db: Kysely<DB>, id: number) {
  const r = await db
    .selectFrom('case_file as c')
    .innerJoin('case_category as k', 'k.id', 'c.category_id')
    .innerJoin('org_node as h', 'h.id', 'c.holder_node_id')
    .innerJoin('org_node as g', 'g.id', 'c.grid_id')
    .select(['c.id', 'c.status', 'c.reported_at', 'k.id as category_id', 'k.name_zh as category_zh', 'k.name_en as category_en', 'h.id as holder_id', 'h.type as holder_type', 'h.name_zh as holder_zh', 'h.name_en as holder_en', 'g.id as grid_id', 'g.type as grid_type', 'g.name_zh as grid_zh', 'g.name_en as grid_en'])
    .where('c.id', '=', id)
    .executeTakeFirstOrThrow();
  return {
    id: r.id,
    status: r.status,
    publicStatus: FINAL_STATUSES.includes(r.status) ? ('closed' as const) : ('open' as const),
    reportedAt: r.reported_at,
    category: { id: r.category_id, nameZh: r.category_zh, nameEn: r.category_en },
    holder: { id: r.holder_id, type: r.holder_type, nameZh: r.holder_zh, nameEn: r.holder_en },
    grid: { id: r.grid_id, type: r.grid_type, nameZh: r.grid_zh, nameEn: r.grid_en },
  };
}
