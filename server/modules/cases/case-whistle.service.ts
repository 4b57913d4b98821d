/**
 * Whistle-and-report (街乡吹哨、部门报到), DOMAIN-RULES §3. The street handling a case summons departments
 * with enforcement powers; a "tough" whistle waits for the street's principal leader (`leader` role). Each
 * summoned department signs, makes contact and reports on site against its own clock. "事不完，人不撤":
 * the whistle stays open until the case is handled; then the street rates each department.
 */
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import type { WhistleKind } from '../../platform/db/tables/cases.js';
import { AppError, notFound } from '../../platform/http/errors.js';
import { audit, type AuditContext } from '../../platform/audit/index.js';
import type { Actor } from '../../platform/authz/index.js';
import type { WhistleBody } from '../../../common/contracts/cases.js';
import { notify, usersHolding } from '../notifications/index.js';
import { loadWorkCalendar } from '../calendar/index.js';
import { applyMove, caseRef, tellNode } from './case-engine.js';
import { accessOf, actsFor } from './case.policy.js';
import { accessFacts } from './case-actions.service.js';
import * as repo from './case.repository.js';
import { caseTransaction } from './case-clock.js';
import type { CaseRow, NodeBrief } from './case.repository.js';

const HOUR = 3600_000;
/** The departments' clocks per whistle kind (DOMAIN-RULES §3; emergency: as soon as possible). */
export const SUMMONS_LIMITS: Record<WhistleKind, { signHours: number; contactHours: number; arrive: { workingDays: number } | { hours: number } }> = {
  routine: { signHours: 1, contactHours: 24, arrive: { workingDays: 3 } },
  tough: { signHours: 1, contactHours: 24, arrive: { workingDays: 5 } },
  emergency: { signHours: 0.5, contactHours: 1, arrive: { hours: 4 } },
};
/** Node types that may blow a whistle (a setting in DOMAIN-RULES §3; streets by default). */
export const WHISTLE_LEVELS = ['street'];
const WHISTLE_FROM = ['accepted', 'returned', 'in_progress'];

type CaseFacts = { status: string; holder_node_id: number; owner_node_id: number };

/** Whether a case can take a whistle now: held by a street that accepted it or handles it itself. */
export function caseAllowsWhistle(c: CaseFacts, holderType: string): boolean {
  return WHISTLE_LEVELS.includes(holderType) && WHISTLE_FROM.includes(c.status) && (c.status !== 'in_progress' || c.holder_node_id === c.owner_node_id);
}

/** Whether the actor may blow a whistle on the case now (for abilities). */
export function mayWhistle(actor: Actor, c: CaseFacts, holderType: string, hasLive: boolean): boolean {
  return caseAllowsWhistle(c, holderType) && !hasLive && actsFor(actor, c.holder_node_id, 'case.whistle');
}

async function openSummons(tx: Transaction<DB>, whistleId: number, kind: WhistleKind, now: Date): Promise<void> {
  const limits = SUMMONS_LIMITS[kind];
  const arriveAt = 'workingDays' in limits.arrive ? (await loadWorkCalendar(tx)).addWorkingDays(now, limits.arrive.workingDays) : new Date(now.getTime() + limits.arrive.hours * HOUR);
  await tx
    .updateTable('case_whistle_summons')
    .set({ sign_due_at: new Date(now.getTime() + limits.signHours * HOUR), contact_due_at: new Date(now.getTime() + limits.contactHours * HOUR), arrive_due_at: arriveAt })
    .where('whistle_id', '=', whistleId)
    .execute();
  await tx.updateTable('case_whistle').set({ status: 'open', opened_at: now }).where('id', '=', whistleId).execute();
}

/** The whistle becomes live: the street handles the case itself, the departments are told and can see it. */
async function goLive(tx: Transaction<DB>, actor: Actor, c: CaseRow, street: NodeBrief, whistleId: number, kind: WhistleKind, departments: NodeBrief[], now: Date) {
  await openSummons(tx, whistleId, kind, now);
  const fresh = (await repo.lockCase(tx, c.id))!;
  for (const d of departments) await repo.addParty(tx, c.id, d, 'whistled');
  await repo.updateCase(tx, c.id, { whistled: true });
  const move = fresh.status === 'in_progress' ? null : { status: 'in_progress' as const, holder: street, handler: street, set: { dispatched_at: fresh.dispatched_at ?? now } };
  await applyMove(tx, fresh, move, { action: 'whistle', actorUserId: actor.userId, actorNodeId: street.id, data: { whistleId, kind, departments: departments.map((d) => d.id) }, public: false, at: now, tellNodes: departments.map((d) => ({ node: d, kind: 'whistle' })) });
}

/** Blows a whistle on a case. */
export async function blowWhistle(db: Kysely<DB>, actor: Actor, caseId: number, body: WhistleBody, ctx: AuditContext): Promise<void> {
  await caseTransaction(db, async (tx) => {
    const c = await repo.lockCase(tx, caseId);
    if (!c) throw notFound();
    const holder = (await repo.findNodeBrief(tx, c.holder_node_id))!;
    if (!accessOf(actor, await accessFacts(tx, c, actor, holder.type))) throw notFound();
    const live = await tx.selectFrom('case_whistle').select('id').where('case_id', '=', c.id).where('status', 'in', ['pending_approval', 'open']).executeTakeFirst();
    if (live) throw new AppError(409, 'WHISTLE_LIVE');
    if (!actsFor(actor, c.holder_node_id, 'case.whistle')) throw new AppError(403, 'CASE_NOT_YOURS');
    if (!caseAllowsWhistle(c, holder.type)) throw new AppError(409, 'WHISTLE_NOT_HERE');
    const ids = [...new Set(body.departmentIds)];
    const departments = await repo.nodesBrief(tx, ids);
    const chain = holder.path.split('/').filter(Boolean).map(Number);
    if (departments.length !== ids.length || departments.some((d) => d.type !== 'department' || !d.active || !d.parent_id || !chain.includes(d.parent_id))) {
      throw new AppError(422, 'WHISTLE_NOT_DEPARTMENT');
    }
    const now = new Date();
    const w = await tx
      .insertInto('case_whistle')
      .values({ case_id: c.id, node_id: holder.id, kind: body.kind, status: 'pending_approval', reason: body.reason, meet_at: body.meetAt ?? null, place: body.place ?? null, requested_by: actor.userId, created_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    await tx.insertInto('case_whistle_summons').values(departments.map((d) => ({ whistle_id: w.id, department_id: d.id }))).execute();
    if (body.kind === 'tough') {
      // 攻坚哨: the street's principal leader approves first.
      await repo.insertEvent(tx, { caseId: c.id, action: 'whistle_request', actorUserId: actor.userId, actorNodeId: holder.id, note: body.reason, data: { whistleId: w.id, kind: body.kind, departments: ids }, at: now });
      const leaders = await usersHolding(tx, holder.id, 'case.whistle.approve');
      const ref = await caseRef(tx, c);
      if (leaders.length > 0) {
        await notify(tx, { userIds: leaders, kind: 'case.whistle_approval', link: `/cases/${c.id}`, entity: 'case', entityId: c.id, zh: { title: `攻坚哨待审批：事件 #${c.id}（${ref.categoryZh}）`, body: body.reason }, en: { title: `Tough whistle to approve: case #${c.id} (${ref.categoryEn})`, body: body.reason } });
      }
    } else {
      await goLive(tx, actor, c, holder, w.id, body.kind, departments, now);
    }
    await audit(tx, ctx, { action: 'case.whistle', entity: 'case_whistle', entityId: w.id, nodeId: holder.id, detail: { caseId: c.id, kind: body.kind, departments: ids } });
  });
}

async function lockWhistle(tx: Transaction<DB>, id: number) {
  return tx.selectFrom('case_whistle').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

/** The leader approves or refuses a tough whistle. */
export async function decideWhistle(db: Kysely<DB>, actor: Actor, id: number, body: { approve: boolean; note?: string }, ctx: AuditContext): Promise<number> {
  return caseTransaction(db, async (tx) => {
    const w = await lockWhistle(tx, id);
    if (!w) throw notFound();
    const c = (await repo.lockCase(tx, w.case_id))!;
    const street = (await repo.findNodeBrief(tx, w.node_id))!;
    const holder = (await repo.findNodeBrief(tx, c.holder_node_id))!;
    if (!accessOf(actor, await accessFacts(tx, c, actor, holder.type))) throw notFound();
    if (!actsFor(actor, w.node_id, 'case.whistle.approve')) throw new AppError(403, 'FORBIDDEN');
    if (w.status !== 'pending_approval') throw new AppError(409, 'WHISTLE_BAD_STATUS');
    const now = new Date();
    await tx.updateTable('case_whistle').set({ decided_by: actor.userId, decided_at: now, decision_note: body.note ?? null, ...(!body.approve && { status: 'rejected' as const, closed_at: now }) }).where('id', '=', id).execute();
    if (body.approve) {
      // The case may have moved on while the request waited.
      if (c.holder_node_id !== w.node_id || !caseAllowsWhistle(c, holder.type)) throw new AppError(409, 'WHISTLE_NOT_HERE');
      const summons = await tx.selectFrom('case_whistle_summons').select('department_id').where('whistle_id', '=', id).execute();
      const departments = await repo.nodesBrief(tx, summons.map((s) => s.department_id));
      await goLive(tx, actor, c, street, id, w.kind, departments, now);
    } else {
      await repo.insertEvent(tx, { caseId: c.id, action: 'whistle_rejected', actorUserId: actor.userId, actorNodeId: w.node_id, note: body.note ?? null, data: { whistleId: id }, at: now });
      const ref = await caseRef(tx, c);
      await tellNode(tx, street, 'whistle_rejected', ref, body.note);
    }
    await audit(tx, ctx, { action: body.approve ? 'case.whistle_approve' : 'case.whistle_reject', entity: 'case_whistle', entityId: id, nodeId: w.node_id });
    return c.id;
  });
}

/** A summoned department signs, makes contact, or reports on site. */
export async function summonsStep(db: Kysely<DB>, actor: Actor, whistleId: number, summonsId: number, body: { action: 'sign' | 'contact' | 'arrive'; note?: string }, ctx: AuditContext): Promise<number> {
  return caseTransaction(db, async (tx) => {
    const w = await lockWhistle(tx, whistleId);
    const s = w && (await tx.selectFrom('case_whistle_summons').selectAll().where('id', '=', summonsId).where('whistle_id', '=', whistleId).forUpdate().executeTakeFirst());
    if (!w || !s) throw notFound();
    const c = (await repo.findCase(tx, w.case_id))!;
    const holder = (await repo.findNodeBrief(tx, c.holder_node_id))!;
    if (!accessOf(actor, await accessFacts(tx, c, actor, holder.type))) throw notFound();
    if (!actsFor(actor, s.department_id, 'case.handle')) throw new AppError(403, 'WHISTLE_NOT_SUMMONED');
    if (w.status !== 'open') throw new AppError(409, 'WHISTLE_BAD_STATUS');
    const now = new Date();
    if (body.action === 'sign') {
      if (s.signed_at) throw new AppError(409, 'WHISTLE_STEP_DONE');
      await tx.updateTable('case_whistle_summons').set({ signed_at: now, signed_by: actor.userId }).where('id', '=', s.id).execute();
    } else {
      if (!s.signed_at) throw new AppError(409, 'WHISTLE_STEP_ORDER');
      if (body.action === 'contact') {
        if (s.contacted_at) throw new AppError(409, 'WHISTLE_STEP_DONE');
        await tx.updateTable('case_whistle_summons').set({ contacted_at: now, contacted_by: actor.userId, contact_note: body.note ?? null }).where('id', '=', s.id).execute();
      } else {
        if (s.arrived_at) throw new AppError(409, 'WHISTLE_STEP_DONE');
        await tx.updateTable('case_whistle_summons').set({ arrived_at: now, arrived_by: actor.userId, arrive_note: body.note ?? null }).where('id', '=', s.id).execute();
      }
    }
    const late = body.action === 'sign' ? s.sign_due_at : body.action === 'contact' ? s.contact_due_at : s.arrive_due_at;
    await applyMove(tx, c, null, { action: `summons_${body.action}`, actorUserId: actor.userId, actorNodeId: s.department_id, note: body.note ?? null, data: { whistleId, summonsId, late: !!late && now > late }, at: now, tellNodes: [{ node: (await repo.findNodeBrief(tx, w.node_id))!, kind: `summons_${body.action}` }] });
    await audit(tx, ctx, { action: `case.summons_${body.action}`, entity: 'case_whistle_summons', entityId: s.id, nodeId: s.department_id });
    return c.id;
  });
}

/** The whistling street rates a summoned department once the whistle is over. */
export async function rateSummons(db: Kysely<DB>, actor: Actor, whistleId: number, summonsId: number, body: { speed: number; quality: number; note?: string }, ctx: AuditContext): Promise<number> {
  return caseTransaction(db, async (tx) => {
    const w = await lockWhistle(tx, whistleId);
    const s = w && (await tx.selectFrom('case_whistle_summons').selectAll().where('id', '=', summonsId).where('whistle_id', '=', whistleId).forUpdate().executeTakeFirst());
    if (!w || !s) throw notFound();
    const c = (await repo.findCase(tx, w.case_id))!;
    const holder = (await repo.findNodeBrief(tx, c.holder_node_id))!;
    if (!accessOf(actor, await accessFacts(tx, c, actor, holder.type))) throw notFound();
    if (!actsFor(actor, w.node_id, 'case.whistle')) throw new AppError(403, 'CASE_NOT_YOURS');
    if (w.status !== 'closed') throw new AppError(409, 'WHISTLE_NOT_CLOSED');
    if (s.rated_at) throw new AppError(409, 'WHISTLE_RATED');
    const now = new Date();
    await tx.updateTable('case_whistle_summons').set({ speed_rating: body.speed, quality_rating: body.quality, rating_note: body.note ?? null, rated_by: actor.userId, rated_at: now }).where('id', '=', s.id).execute();
    await repo.insertEvent(tx, { caseId: c.id, action: 'summons_rate', actorUserId: actor.userId, actorNodeId: w.node_id, note: body.note ?? null, data: { whistleId, summonsId, department: s.department_id, speed: body.speed, quality: body.quality }, at: now });
    await audit(tx, ctx, { action: 'case.summons_rate', entity: 'case_whistle_summons', entityId: s.id, nodeId: w.node_id, detail: { speed: body.speed, quality: body.quality } });
    return c.id;
  });
}

/** The whistles of a case as the caller may see them, with each summons' clocks and the caller's abilities. */
export async function whistlesOf(db: Kysely<DB>, actor: Actor, caseId: number, now = new Date()) {
  const whistles = await db.selectFrom('case_whistle').selectAll().where('case_id', '=', caseId).orderBy('id').execute();
  if (whistles.length === 0) return [];
  const summons = await db.selectFrom('case_whistle_summons').selectAll().where('whistle_id', 'in', whistles.map((w) => w.id)).orderBy('id').execute();
  const nodes = new Map((await repo.nodesBrief(db, [...whistles.map((w) => w.node_id), ...summons.map((s) => s.department_id)])).map((n) => [n.id, n]));
  const out = (n: NodeBrief | undefined) => (n ? { id: n.id, nameZh: n.name_zh, nameEn: n.name_en } : null);
  const overdue = (due: Date | null, done: Date | null) => !!due && (done ? done > due : now > due);
  return whistles.map((w) => ({
    id: w.id,
    kind: w.kind,
    status: w.status,
    reason: w.reason,
    meetAt: w.meet_at,
    place: w.place,
    node: out(nodes.get(w.node_id)),
    createdAt: w.created_at,
    decidedAt: w.decided_at,
    decisionNote: w.decision_note,
    openedAt: w.opened_at,
    closedAt: w.closed_at,
    abilities: w.status === 'pending_approval' && actsFor(actor, w.node_id, 'case.whistle.approve') ? ['decide'] : [],
    summons: summons
      .filter((s) => s.whistle_id === w.id)
      .map((s) => {
        const mine = actsFor(actor, s.department_id, 'case.handle');
        const abilities: string[] = [];
        if (w.status === 'open' && mine) {
          if (!s.signed_at) abilities.push('sign');
          else {
            if (!s.contacted_at) abilities.push('contact');
            if (!s.arrived_at) abilities.push('arrive');
          }
        }
        if (w.status === 'closed' && !s.rated_at && actsFor(actor, w.node_id, 'case.whistle')) abilities.push('rate');
        return {
          id: s.id,
          department: out(nodes.get(s.department_id)),
          signDueAt: s.sign_due_at,
          contactDueAt: s.contact_due_at,
          arriveDueAt: s.arrive_due_at,
          signedAt: s.signed_at,
          contactedAt: s.contacted_at,
          arrivedAt: s.arrived_at,
          contactNote: s.contact_note,
          arriveNote: s.arrive_note,
          overdue: { sign: overdue(s.sign_due_at, s.signed_at), contact: overdue(s.contact_due_at, s.contacted_at), arrive: overdue(s.arrive_due_at, s.arrived_at) },
          rating: s.rated_at ? { speed: s.speed_rating, quality: s.quality_rating, note: s.rating_note } : null,
          abilities,
        };
      }),
  }));
}

/** The case a whistle belongs to, if the caller may see the case (for lists). */
export async function whistleCaseId(db: Kysely<DB>, id: number): Promise<number | null> {
  const w = await db.selectFrom('case_whistle').select('case_id').where('id', '=', id).executeTakeFirst();
  return w?.case_id ?? null;
}
