/** Following a case, read receipts of carbon copies, and approving photos for the public. */
import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import { AppError, notFound } from '../../platform/http/errors.js';
import { audit, type AuditContext } from '../../platform/audit/index.js';
import type { Actor } from '../../platform/authz/index.js';
import { FINAL_STATUSES } from './case-workflow.js';
import { accessOf, actsFor } from './case.policy.js';
import { accessFacts } from './case-actions.service.js';
import * as repo from './case.repository.js';

/** Follow an open case (e.g. the same problem someone else reported): its public updates reach the caller. */
export async function followCase(db: Kysely<DB>, actor: Actor, id: number, ctx: AuditContext): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const c = await repo.findCase(tx, id);
    if (!c || ['rejected', 'cancelled', 'merged'].includes(c.status)) throw notFound();
    if (c.reporter_user_id === actor.userId) throw new AppError(422, 'CASE_FOLLOW_OWN');
    if (FINAL_STATUSES.includes(c.status)) throw new AppError(409, 'CASE_BAD_STATUS', {}, { status: c.status, action: 'follow' });
    await repo.addFollowers(tx, c.id, [actor.userId], 'follower');
    await repo.insertEvent(tx, { caseId: c.id, action: 'follow', actorUserId: actor.userId, actorNodeId: null });
    await audit(tx, ctx, { action: 'case.follow', entity: 'case', entityId: c.id, nodeId: c.grid_id });
  });
}

/** Stop following (idempotent; the reporter always follows her own report). */
export async function unfollowCase(db: Kysely<DB>, actor: Actor, id: number, ctx: AuditContext): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const c = await repo.findCase(tx, id);
    if (!c) throw notFound();
    const row = await tx.deleteFrom('case_follower').where('case_id', '=', id).where('user_id', '=', actor.userId).where('kind', '=', 'follower').returning('case_id').executeTakeFirst();
    if (row) await audit(tx, ctx, { action: 'case.unfollow', entity: 'case', entityId: id, nodeId: c.grid_id });
  });
}

/** Marks the carbon copies of a case to the caller's units as read. */
export async function readCopy(db: Kysely<DB>, actor: Actor, id: number, ctx: AuditContext): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const c = await repo.findCase(tx, id);
    if (!c) throw notFound();
    const holder = (await repo.findNodeBrief(tx, c.holder_node_id))!;
    if (accessOf(actor, await accessFacts(tx, c, actor, holder.type)) !== 'staff') throw notFound();
    const copies = await tx.selectFrom('case_party').select(['node_id', 'read_at']).where('case_id', '=', id).where('kind', '=', 'cc').execute();
    const mine = copies.filter((p) => actsFor(actor, p.node_id, 'case.read'));
    if (mine.length === 0) throw new AppError(422, 'CASE_NOT_COPIED');
    const unread = mine.filter((p) => !p.read_at).map((p) => p.node_id);
    if (unread.length === 0) return;
    await tx.updateTable('case_party').set({ read_at: new Date(), read_by: actor.userId }).where('case_id', '=', id).where('kind', '=', 'cc').where('node_id', 'in', unread).execute();
    await repo.insertEvent(tx, { caseId: id, action: 'cc_read', actorUserId: actor.userId, actorNodeId: unread[0]!, data: { nodes: unread } });
    await audit(tx, ctx, { action: 'case.cc_read', entity: 'case', entityId: id, nodeId: unread[0]! });
  });
}

/** Approves (or withdraws) a photo for the public view; the owning or holding centre decides. */
export async function publishPhoto(db: Kysely<DB>, actor: Actor, id: number, mediaId: number, publish: boolean, ctx: AuditContext): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const c = await repo.findCase(tx, id);
    if (!c) throw notFound();
    const holder = (await repo.findNodeBrief(tx, c.holder_node_id))!;
    if (accessOf(actor, await accessFacts(tx, c, actor, holder.type)) !== 'staff') throw notFound();
    if (!actsFor(actor, c.owner_node_id, 'case.dispatch') && !actsFor(actor, c.holder_node_id, 'case.dispatch')) throw new AppError(403, 'CASE_NOT_YOURS');
    const photo = await tx.selectFrom('case_photo').select('media_id').where('case_id', '=', id).where('media_id', '=', mediaId).executeTakeFirst();
    if (!photo) throw new AppError(404, 'CASE_PHOTO_NOT_ON_CASE');
    await tx
      .updateTable('case_photo')
      .set(publish ? { public_approved_at: new Date(), public_approved_by: actor.userId } : { public_approved_at: null, public_approved_by: null })
      .where('case_id', '=', id)
      .where('media_id', '=', mediaId)
      .execute();
    await repo.insertEvent(tx, { caseId: id, action: publish ? 'photo_publish' : 'photo_unpublish', actorUserId: actor.userId, actorNodeId: c.owner_node_id, data: { mediaId } });
    await audit(tx, ctx, { action: publish ? 'case.photo_publish' : 'case.photo_unpublish', entity: 'case', entityId: id, nodeId: c.owner_node_id, detail: { mediaId } });
  });
}

/** Who may see a case's photo: staff (and the reporter for her own photos), or the public once approved. */
export async function photoAccess(db: Kysely<DB>, actor: Actor | null, caseId: number, mediaId: number): Promise<'staff' | 'public' | 'none'> {
  const c = await repo.findCase(db, caseId);
  if (!c) return 'none';
  const photo = await db.selectFrom('case_photo').select(['role', 'public_approved_at']).where('case_id', '=', caseId).where('media_id', '=', mediaId).executeTakeFirst();
  if (actor) {
    const holder = (await repo.findNodeBrief(db, c.holder_node_id))!;
    const access = accessOf(actor, await accessFacts(db, c, actor, holder.type));
    if (access === 'staff') return 'staff';
    if (access && photo && (photo.role === 'report' || photo.public_approved_at)) return 'public';
  }
  if (photo?.public_approved_at && !['rejected', 'cancelled', 'merged'].includes(c.status)) return 'public';
  return 'none';
}
