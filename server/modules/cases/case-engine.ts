/**
 * The one place a case changes: `applyMove` sets the new status/holder, restarts the stage clock when the
 * case reaches a new stage or a new node, records the parties, appends the timeline event and tells the
 * people concerned — all inside the caller's transaction, so a move and its record are never apart.
 */
import type { Transaction, Updateable } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import type { CaseFileTable, CaseStatus } from '../../platform/db/tables/cases.js';
import { notify, usersHolding, publishChange, emitWebhookEvent } from '../notifications/index.js';
import { clockColumns, stageClock } from './case-clock.js';
import { stageOf } from './case-workflow.js';
import { holderPermission } from './case.policy.js';
import { publicText, staffText, type CaseRef } from './case-messages.js';
import * as repo from './case.repository.js';
import type { CaseRow, NodeBrief } from './case.repository.js';

/** Statuses at which a live whistle ends. */
const WHISTLE_ENDS: readonly CaseStatus[] = ['handled', 'closed', 'rated', 'rejected', 'cancelled', 'merged', 'parked'];

export interface Move {
  status: CaseStatus;
  holder: NodeBrief;
  owner?: NodeBrief;
  handler?: NodeBrief | null;
  /** Extra columns to set (timestamps, flags). */
  set?: Updateable<CaseFileTable>;
  /** The case has just been filed: start its first clock and tell the intake node, from no prior state. */
  filed?: boolean;
}

export interface EventSpec {
  action: string;
  actorUserId: number | null;
  actorNodeId: number | null;
  note?: string | null;
  data?: Record<string, unknown>;
  /** Shown to the reporter and the public timeline, and sent to followers. */
  public?: boolean;
  /** The text key for the reporter when it differs from the action (e.g. a handler's 'accept' is 'sign'). */
  publicKey?: string;
  /** Staff to tell besides the new holder's (e.g. the owner on an extension request). */
  tellNodes?: { node: NodeBrief; kind: string }[];
  at?: Date;
}

/** The category names for messages. */
export async function caseRef(tx: Transaction<DB>, c: { id: number; category_id: number }): Promise<CaseRef> {
  const cat = await tx.selectFrom('case_category').select(['name_zh', 'name_en']).where('id', '=', c.category_id).executeTakeFirst();
  return { id: c.id, categoryZh: cat?.name_zh ?? '', categoryEn: cat?.name_en ?? '' };
}

/** Tells the staff of a node (those who act for it) about a case. */
export async function tellNode(tx: Transaction<DB>, node: NodeBrief, kind: string, ref: CaseRef, note?: string | null): Promise<void> {
  const users = await usersHolding(tx, node.id, holderPermission(node.type));
  if (users.length === 0) return;
  const t = staffText(kind, ref, note);
  await notify(tx, { userIds: users, kind: `case.${kind}`, link: `/cases/${ref.id}`, entity: 'case', entityId: ref.id, zh: t.zh, en: t.en });
}

/** Tells the reporter and followers about a public change. */
export async function tellFollowers(tx: Transaction<DB>, caseId: number, key: string, ref: CaseRef, note?: string | null, exceptUserId?: number | null): Promise<void> {
  const t = publicText(key, ref, note);
  if (!t) return;
  const users = (await repo.followerIds(tx, caseId)).filter((u) => u !== exceptUserId);
  if (users.length === 0) return;
  await notify(tx, { userIds: users, kind: `case.public.${key}`, link: `/cases/${caseId}`, entity: 'case', entityId: caseId, zh: t.zh, en: t.en });
}

/** Applies a move (or, with `move` null, records an event without one). Returns the event id. */
export async function applyMove(tx: Transaction<DB>, c: CaseRow, move: Move | null, ev: EventSpec): Promise<number> {
  const now = ev.at ?? new Date();
  const set: Updateable<CaseFileTable> = { ...(move?.set ?? {}) };
  let holderChanged = false;
  if (move) {
    holderChanged = !!move.filed || move.holder.id !== c.holder_node_id;
    set.status = move.status;
    set.holder_node_id = move.holder.id;
    set.holder_path = move.holder.path;
    if (move.owner) set.owner_node_id = move.owner.id;
    if (move.handler !== undefined) set.handler_node_id = move.handler?.id ?? null;
    const stage = stageOf(move.status);
    if (stage === null) Object.assign(set, clockColumns(null));
    else if (stage !== c.stage || holderChanged) {
      const clock = await stageClock(tx, { categoryId: c.category_id, holderType: move.holder.type, stage, start: now });
      Object.assign(set, clockColumns(clock), { stage_seq: c.stage_seq + 1, stage_extension_days: 0 });
      if (stage === 'handle') set.due_at = clock.redAt;
    }
    await repo.addParty(tx, c.id, move.holder, move.owner?.id === move.holder.id || (!move.owner && move.holder.id === c.owner_node_id) ? 'owner' : 'handler');
    if (move.owner && move.owner.id !== move.holder.id) await repo.addParty(tx, c.id, move.owner, 'owner');
  }
  if (Object.keys(set).length > 0 || move) await repo.updateCase(tx, c.id, set);
  // 事不完，人不撤: a whistle stays open until the case is handled (or ends otherwise).
  if (move && WHISTLE_ENDS.includes(move.status)) {
    await tx.updateTable('case_whistle').set({ status: 'closed', closed_at: now }).where('case_id', '=', c.id).where('status', '=', 'open').execute();
    await tx.updateTable('case_whistle').set({ status: 'rejected', closed_at: now, decision_note: 'case moved on' }).where('case_id', '=', c.id).where('status', '=', 'pending_approval').execute();
  }
  const eventId = await repo.insertEvent(tx, {
    caseId: c.id,
    action: ev.action,
    actorUserId: ev.actorUserId,
    actorNodeId: ev.actorNodeId,
    fromStatus: move?.filed ? null : c.status,
    toStatus: move?.status ?? c.status,
    fromNodeId: move?.filed ? null : c.holder_node_id,
    toNodeId: move?.holder.id ?? c.holder_node_id,
    note: ev.note ?? null,
    data: ev.data,
    public: ev.public ?? false,
    at: ev.at,
  });
  const ref = await caseRef(tx, c);
  if (move && holderChanged) await tellNode(tx, move.holder, ev.action, ref, ev.note);
  for (const t of ev.tellNodes ?? []) await tellNode(tx, t.node, t.kind, ref, ev.note);
  if (ev.public) await tellFollowers(tx, c.id, ev.publicKey ?? ev.action, ref, ev.note, ev.actorUserId);
  await publishChange(tx, { entity: 'case', id: c.id, nodePaths: [...new Set([c.grid_path, c.holder_path, ...(move ? [move.holder.path] : [])])] });
  await emitWebhookEvent(tx, `case.${ev.action}`, {
    caseId: c.id,
    eventId,
    status: move?.status ?? c.status,
    public: ev.public ?? false,
    at: now.toISOString(),
  }, { nodePaths: [...new Set([c.grid_path, c.holder_path, ...(move ? [move.holder.path] : [])])] });
  return eventId;
}
