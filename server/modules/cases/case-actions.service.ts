/**
 * The workflow's actions on an existing case. Each runs in one transaction: lock the case row, check who
 * and what (case-workflow.ts, case.policy.ts), apply the move with its event (case-engine.ts), audit.
 * Two people acting at once queue on the row lock; the second finds the new status and gets 409.
 */
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import { AppError, notFound } from '../../platform/http/errors.js';
import { audit, type AuditContext } from '../../platform/audit/index.js';
import { can, type Actor } from '../../platform/authz/index.js';
import type { CaseActionBody } from '../../../common/contracts/cases.js';
import { attachMedia } from '../media/index.js';
import { findCategory } from '../categories/index.js';
import { locate } from '../geo/index.js';
import { documentTokens } from '../../../common/search-tokens.js';
import { applyMove, caseRef, tellNode, type EventSpec } from './case-engine.js';
import { caseTransaction, clockColumns, stageClock, nextSweepAt } from './case-clock.js';
import { check, nodeKind, RULES, FINAL_STATUSES, type WorkflowCase } from './case-workflow.js';
import { accessOf, mayTake, type CaseAccessFacts } from './case.policy.js';
import * as repo from './case.repository.js';
import type { CaseRow, NodeBrief } from './case.repository.js';

/** How many times a resident may reopen a case she is not satisfied with (DOMAIN-RULES §2 setting). */
export const REOPEN_MAX = 1;

interface Ctx {
  tx: Transaction<DB>;
  actor: Actor;
  c: CaseRow;
  holder: NodeBrief;
  owner: NodeBrief;
  now: Date;
  /** The node the actor acts for in this action (for the event). */
  actingNode: number | null;
}

/** The facts about a case that access checks need. */
export async function accessFacts(db: Kysely<DB> | Transaction<DB>, c: CaseRow, actor: Actor | null, holderType: string): Promise<CaseAccessFacts> {
  const [parties, follower] = await Promise.all([
    db.selectFrom('case_party').select('node_path').where('case_id', '=', c.id).execute(),
    actor ? db.selectFrom('case_follower').select('user_id').where('case_id', '=', c.id).where('user_id', '=', actor.userId).executeTakeFirst() : undefined,
  ]);
  return {
    gridPath: c.grid_path,
    holderNodeId: c.holder_node_id,
    holderType,
    ownerNodeId: c.owner_node_id,
    reporterUserId: c.reporter_user_id,
    partyPaths: [...new Set(parties.map((p) => p.node_path))],
    isFollower: !!follower,
  };
}

/** Takes one workflow action on a case. Returns nothing: the caller re-reads the case for the actor. */
export async function actOnCase(db: Kysely<DB>, actor: Actor, caseId: number, body: CaseActionBody, ctx: AuditContext): Promise<void> {
  await caseTransaction(db, async (tx) => {
    const c = await repo.lockCase(tx, caseId);
    if (!c) throw notFound();
    const [holder, owner] = await Promise.all([repo.findNodeBrief(tx, c.holder_node_id), repo.findNodeBrief(tx, c.owner_node_id)]);
    const facts = await accessFacts(tx, c, actor, holder!.type);
    if (!accessOf(actor, facts)) throw notFound();
    const pending = await repo.pendingExtension(tx, c.id);
    const wc: WorkflowCase = {
      status: c.status,
      holderNodeId: c.holder_node_id,
      holderKind: nodeKind(holder!.type),
      ownerNodeId: c.owner_node_id,
      reopenCount: c.reopen_count,
      hasPendingExtension: !!pending,
    };
    const verdict = check(body.action, wc);
    if (verdict === 'CASE_BAD_STATUS') throw new AppError(409, 'CASE_BAD_STATUS', {}, { status: c.status, action: body.action });
    if (!mayTake(actor, body.action, facts)) throw new AppError(403, RULES[body.action].who === 'reporter' ? 'CASE_NOT_REPORTER' : 'CASE_NOT_YOURS');
    if (verdict !== 'ok') throw new AppError(409, verdict);
    const who = RULES[body.action].who;
    const k: Ctx = { tx, actor, c, holder: holder!, owner: owner!, now: new Date(), actingNode: who === 'reporter' ? null : who === 'owner' ? c.owner_node_id : c.holder_node_id };
    const detail = await perform(k, body, pending ?? null);
    await audit(tx, ctx, { action: `case.${body.action}`, entity: 'case', entityId: c.id, nodeId: k.actingNode ?? c.grid_id, detail: { ...detail, from: c.status } });
  });
}

const ev = (k: Ctx, action: string, extra: Partial<EventSpec> = {}): EventSpec => ({ action, actorUserId: k.actor.userId, actorNodeId: k.actingNode, at: k.now, ...extra });

async function node(tx: Transaction<DB>, id: number): Promise<NodeBrief> {
  const n = await repo.findNodeBrief(tx, id);
  if (!n) throw notFound();
  return n;
}

async function photos(k: Ctx, ids: number[], role: 'before' | 'after' | 'verify', eventId: number): Promise<void> {
  if (ids.length === 0) return;
  await attachMedia(k.tx, k.actor, ids, { entity: 'case', entityId: k.c.id });
  await repo.addPhotos(k.tx, k.c.id, ids, role, eventId);
}

/** The superior a node hands up to: its parent in the administrative tree (a department's owner). */
async function superiorOf(k: Ctx, n: NodeBrief): Promise<NodeBrief> {
  if (!n.parent_id) throw new AppError(422, 'CASE_NO_SUPERIOR');
  const p = await node(k.tx, n.parent_id);
  if (p.tree !== 'admin') throw new AppError(422, 'CASE_NO_SUPERIOR');
  return p;
}

async function perform(k: Ctx, body: CaseActionBody, pending: Awaited<ReturnType<typeof repo.pendingExtension>> | null): Promise<Record<string, unknown>> {
  const { tx, c, holder, owner, now } = k;
  switch (body.action) {
    case 'accept': {
      if (nodeKind(holder.type) === 'centre') {
        await applyMove(tx, c, { status: 'accepted', holder, owner: holder, set: { accepted_at: c.accepted_at ?? now } }, ev(k, 'accept', { note: body.note, public: true }));
      } else {
        // A grid or department signs for the case: the handling clock starts.
        await applyMove(tx, c, { status: 'in_progress', holder, handler: holder, set: { accepted_at: c.accepted_at ?? now } }, ev(k, 'accept', { note: body.note, public: true, publicKey: 'sign' }));
      }
      return {};
    }
    case 'reject':
      await applyMove(tx, c, { status: 'rejected', holder, set: { closed_at: now } }, ev(k, 'reject', { note: body.reason, public: true }));
      return { reason: body.reason };
    case 'cancel':
      await applyMove(tx, c, { status: 'cancelled', holder, set: { closed_at: now } }, ev(k, 'cancel', { note: body.reason ?? null, public: true }));
      return {};
    case 'dispatch': {
      const target = await node(tx, body.targetNodeId);
      if (target.id === holder.id) {
        await applyMove(tx, c, { status: 'in_progress', holder, handler: holder, set: { dispatched_at: c.dispatched_at ?? now } }, ev(k, 'dispatch', { note: body.note, data: { self: true }, public: true }));
        return { target: target.id };
      }
      if (target.parent_id !== holder.id || !['admin', 'department'].includes(target.tree)) throw new AppError(422, 'CASE_TARGET_NOT_BELOW');
      if (!target.active) throw new AppError(422, 'CASE_TARGET_INACTIVE');
      await applyMove(tx, c, { status: 'dispatched', holder: target, handler: target, set: { dispatched_at: c.dispatched_at ?? now } }, ev(k, 'dispatch', { note: body.note, data: { to: target.id }, public: true }));
      return { target: target.id };
    }
    case 'hand_up': {
      const up = await superiorOf(k, holder);
      if (!up.active) throw new AppError(422, 'CASE_TARGET_INACTIVE');
      await applyMove(tx, c, { status: 'accepted', holder: up, owner: up, handler: null }, ev(k, 'hand_up', { note: body.reason, data: { to: up.id } }));
      return { target: up.id };
    }
    case 'note': {
      const id = await applyMove(tx, c, null, ev(k, 'note', { note: body.note, public: body.public }));
      await photos(k, body.photoIds, body.photoRole, id);
      return { photos: body.photoIds.length };
    }
    case 'finish': {
      const id = await applyMove(tx, c, { status: 'handled', holder: owner, set: { handled_at: now } }, ev(k, 'finish', { note: body.note, public: true }));
      await photos(k, body.photoIds, 'after', id);
      return { photos: body.photoIds.length };
    }
    case 'verify': {
      const id = await applyMove(tx, c, { status: 'closed', holder, set: { closed_at: now, resolved: body.resolved } }, ev(k, 'verify', { note: body.note, data: { resolved: body.resolved }, public: true }));
      await photos(k, body.photoIds, 'verify', id);
      return { resolved: body.resolved };
    }
    case 'rework': {
      const handler = c.handler_node_id ? await node(tx, c.handler_node_id) : holder;
      await applyMove(tx, c, { status: 'in_progress', holder: handler, set: { rework_count: c.rework_count + 1, handled_at: null } }, ev(k, 'rework', { note: body.reason, public: true }));
      return { reason: body.reason };
    }
    case 'return':
      await applyMove(tx, c, { status: 'returned', holder: owner, handler: null }, ev(k, 'return', { note: body.reason, data: { from: holder.id } }));
      return { reason: body.reason };
    case 'request_extension': {
      await tx.insertInto('case_extension').values({ case_id: c.id, stage_seq: c.stage_seq, node_id: holder.id, requested_by: k.actor.userId, days: body.days, reason: body.reason }).execute();
      await applyMove(tx, c, null, ev(k, 'request_extension', { note: body.reason, data: { days: body.days }, tellNodes: [{ node: owner, kind: 'request_extension' }] }));
      return { days: body.days };
    }
    case 'decide_extension': {
      const days = body.approve ? (body.days ?? pending!.days) : 0;
      await tx
        .updateTable('case_extension')
        .set({ status: body.approve ? 'approved' : 'denied', approved_days: body.approve ? days : null, decided_by: k.actor.userId, decided_at: now, decision_note: body.note ?? null })
        .where('id', '=', pending!.id)
        .execute();
      if (body.approve && pending!.stage_seq === c.stage_seq && c.stage && c.stage_started_at) {
        // The same clock, longer: limits + all approved days of this stay. Cards already raised stay.
        const extra = c.stage_extension_days + days;
        const clock = await stageClock(tx, { categoryId: c.category_id, holderType: holder.type, stage: c.stage, start: c.stage_started_at, extensionDays: extra });
        const cols = clockColumns(clock);
        const next = nextSweepAt({ warned: c.warned, card: c.card, warnAt: cols.stage_warn_at, yellowAt: cols.stage_yellow_at, redAt: cols.stage_red_at });
        await repo.updateCase(tx, c.id, {
          stage_warn_at: cols.stage_warn_at,
          stage_yellow_at: cols.stage_yellow_at,
          stage_red_at: cols.stage_red_at,
          stage_extension_days: extra,
          next_sweep_at: next,
          extended: true,
          ...(c.stage === 'handle' && { due_at: cols.stage_red_at }),
        });
      }
      await applyMove(tx, c, null, ev(k, 'decide_extension', { note: body.note, data: { approve: body.approve, days }, tellNodes: [{ node: holder, kind: 'decide_extension' }] }));
      return { approve: body.approve, days };
    }
    case 'park':
      await applyMove(tx, c, { status: 'parked', holder, set: { parked_reason: body.reason } }, ev(k, 'park', { note: body.reason, public: true }));
      return { reason: body.reason };
    case 'unpark':
      await applyMove(tx, c, { status: 'accepted', holder, owner: holder, set: { parked_reason: null } }, ev(k, 'unpark', { note: body.note, public: true }));
      return {};
    case 'merge': {
      if (body.intoCaseId === c.id) throw new AppError(422, 'CASE_MERGE_SELF');
      const into = await repo.findCase(tx, body.intoCaseId);
      if (!into) throw notFound();
      const intoHolder = await node(tx, into.holder_node_id);
      if (!accessOf(k.actor, await accessFacts(tx, into, k.actor, intoHolder.type))) throw notFound();
      if (FINAL_STATUSES.includes(into.status)) throw new AppError(422, 'CASE_MERGE_TARGET');
      // The reporters and followers of the duplicate follow the surviving case from now on.
      const followers = await repo.followerIds(tx, c.id);
      await repo.addFollowers(tx, into.id, followers, 'follower');
      await applyMove(tx, c, { status: 'merged', holder, set: { merged_into_id: into.id, closed_at: now } }, ev(k, 'merge', { data: { into: into.id }, public: true }));
      await applyMove(tx, into, null, { action: 'merged_in', actorUserId: k.actor.userId, actorNodeId: k.actingNode, data: { from: c.id }, at: now });
      return { into: into.id };
    }
    case 'cc': {
      const targets = await repo.nodesBrief(tx, body.nodeIds);
      if (targets.length !== new Set(body.nodeIds).size) throw new AppError(422, 'CASE_CC_TARGET');
      for (const t of targets) if (!can(k.actor, 'case.read', t.path) || t.tree === 'party') throw new AppError(422, 'CASE_CC_TARGET');
      for (const t of targets) await repo.addParty(tx, c.id, t, 'cc');
      const ref = await caseRef(tx, c);
      for (const t of targets) await tellNode(tx, t, 'cc', ref, body.note);
      await applyMove(tx, c, null, ev(k, 'cc', { note: body.note, data: { to: targets.map((t) => t.id) } }));
      return { to: targets.map((t) => t.id) };
    }
    case 'edit':
      return editCase(k, body);
    case 'rate': {
      if (body.satisfaction === 'unsatisfied' && !body.comment) throw new AppError(422, 'CASE_COMMENT_REQUIRED');
      if (body.reopen && body.satisfaction !== 'unsatisfied') throw new AppError(422, 'CASE_REOPEN_NEEDS_UNSATISFIED');
      if (body.reopen && c.reopen_count >= REOPEN_MAX) throw new AppError(422, 'CASE_REOPEN_USED', { max: REOPEN_MAX });
      const rating = { satisfaction: body.satisfaction, resolved: body.resolved, rating_comment: body.comment ?? null, rated_at: now };
      if (body.reopen) {
        await applyMove(tx, c, { status: 'accepted', holder: owner, owner, handler: null, set: { ...rating, reopen_count: c.reopen_count + 1, closed_at: null, handled_at: null } }, ev(k, 'reopen', { note: body.comment, data: { satisfaction: body.satisfaction, resolved: body.resolved }, public: true, tellNodes: [] }));
      } else {
        await applyMove(tx, c, { status: 'rated', holder, set: rating }, ev(k, 'rate', { note: body.comment, data: { satisfaction: body.satisfaction, resolved: body.resolved }, public: true }));
      }
      return { satisfaction: body.satisfaction, reopen: body.reopen };
    }
  }
}

/** Triage fixes: category, place (re-located to its grid), description, urgency. */
async function editCase(k: Ctx, body: Extract<CaseActionBody, { action: 'edit' }>): Promise<Record<string, unknown>> {
  const { tx, c } = k;
  const set: Record<string, unknown> = {};
  const changed: string[] = [];
  let categoryName = { zh: '', en: '' };
  if (body.categoryId !== undefined && body.categoryId !== c.category_id) {
    const cat = await findCategory(tx, body.categoryId);
    if (!cat || (!cat.selectable && cat.leaf)) throw new AppError(422, 'CASE_CATEGORY_UNKNOWN');
    if (!cat.selectable) throw new AppError(422, 'CASE_CATEGORY_NOT_LEAF');
    set.category_id = cat.id;
    categoryName = { zh: cat.nameZh, en: cat.nameEn };
    changed.push('category');
  }
  if ((body.lat !== undefined) !== (body.lng !== undefined)) throw new AppError(400, 'VALIDATION_FAILED');
  if (body.lat !== undefined && body.lng !== undefined && (body.lat !== c.lat || body.lng !== c.lng)) {
    const located = await locate(body.lat, body.lng, tx as unknown as Kysely<DB>);
    if (!located) throw new AppError(422, 'CASE_OUTSIDE_DISTRICT');
    const grid = await node(tx, located.grid.id);
    Object.assign(set, { lat: body.lat, lng: body.lng, grid_id: grid.id, grid_path: grid.path });
    changed.push('location');
  }
  if (body.address !== undefined && body.address !== c.address) (set.address = body.address), changed.push('address');
  if (body.description !== undefined && body.description !== c.description) (set.description = body.description), changed.push('description');
  if (body.urgent !== undefined && body.urgent !== c.urgent) (set.urgent = body.urgent), changed.push('urgent');
  if (changed.length === 0) return { changed };
  if (!categoryName.zh) {
    const cat = await findCategory(tx, (set.category_id as number) ?? c.category_id);
    categoryName = { zh: cat?.nameZh ?? '', en: cat?.nameEn ?? '' };
  }
  set.search_tokens = documentTokens((set.description as string) ?? c.description, (set.address as string) ?? c.address, categoryName.zh, categoryName.en);
  await repo.updateCase(tx, c.id, set);
  await applyMove(tx, c, null, ev(k, 'edit', { data: { changed, before: { categoryId: c.category_id, lat: c.lat, lng: c.lng } } }));
  return { changed };
}
