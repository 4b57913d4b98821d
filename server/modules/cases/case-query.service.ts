/**
 * Reading cases: one case with its timeline, photos, extensions, parties and the caller's abilities; lists
 * for inboxes, dispatch boards, "my reports" and search; the dispatch targets of a case.
 */
import { sql, type Kysely, type SelectQueryBuilder } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import { authorize, scopePaths, type Actor } from '../../platform/authz/index.js';
import { notFound } from '../../platform/http/errors.js';
import { ROLE_PERMISSIONS } from '../../../common/permissions.js';
import { escapeLike } from '../../platform/db/like.js';
import { queryTokens, toTsQuery } from '../../../common/search-tokens.js';
import type { CaseListQuery } from '../../../common/contracts/cases.js';
import { CASE_ACTIONS, check, nodeKind, FINAL_STATUSES, type WorkflowCase } from './case-workflow.js';
import { accessOf, actsFor, mayTake, staffVisibility } from './case.policy.js';
import { accessFacts, REOPEN_MAX } from './case-actions.service.js';
import * as repo from './case.repository.js';
import { mayWhistle, whistlesOf } from './case-whistle.service.js';

type Access = 'staff' | 'reporter' | 'follower';

/** Open or closed, as the public and Open311 see it. */
export function publicStatus(status: string): 'open' | 'closed' {
  return FINAL_STATUSES.includes(status as never) ? 'closed' : 'open';
}

const nodeOut = (n: { id: number; type: string; name_zh: string; name_en: string } | undefined) =>
  n ? { id: n.id, type: n.type, nameZh: n.name_zh, nameEn: n.name_en } : null;

/** One case as the caller may see it, or 404. */
export async function getCase(db: Kysely<DB>, actor: Actor, id: number) {
  const c = await repo.findCase(db, id);
  if (!c) throw notFound();
  const holder = (await repo.findNodeBrief(db, c.holder_node_id))!;
  const facts = await accessFacts(db, c, actor, holder.type);
  const access = accessOf(actor, facts);
  if (!access) throw notFound();
  const staff = access === 'staff';

  const [category, events, photos, extensions, parties, cards, pending, reporter, whistles] = await Promise.all([
    db.selectFrom('case_category').select(['id', 'code', 'name_zh', 'name_en', 'parent_id']).where('id', '=', c.category_id).executeTakeFirst(),
    db
      .selectFrom('case_event as e')
      .leftJoin('app_user as u', 'u.id', 'e.actor_user_id')
      .select(['e.id', 'e.at', 'e.action', 'e.from_status', 'e.to_status', 'e.from_node_id', 'e.to_node_id', 'e.actor_node_id', 'e.note', 'e.data', 'e.public', 'e.actor_user_id', 'u.display_name'])
      .where('e.case_id', '=', c.id)
      .$if(!staff, (q) => q.where('e.public', '=', true))
      .orderBy('e.id')
      .execute(),
    db.selectFrom('case_photo').selectAll().where('case_id', '=', c.id).orderBy('media_id').execute(),
    staff ? db.selectFrom('case_extension').selectAll().where('case_id', '=', c.id).orderBy('id').execute() : Promise.resolve([]),
    staff ? db.selectFrom('case_party').selectAll().where('case_id', '=', c.id).execute() : Promise.resolve([]),
    staff ? db.selectFrom('case_card').selectAll().where('case_id', '=', c.id).orderBy('id').execute() : Promise.resolve([]),
    repo.pendingExtension(db, c.id),
    c.reporter_user_id ? db.selectFrom('app_user').select(['id', 'display_name']).where('id', '=', c.reporter_user_id).executeTakeFirst() : undefined,
    staff ? whistlesOf(db, actor, c.id) : Promise.resolve([]),
  ]);
  const nodeIds = [c.holder_node_id, c.owner_node_id, c.grid_id, c.handler_node_id, c.escalated_node_id, ...events.flatMap((e) => [e.from_node_id, e.to_node_id, e.actor_node_id]), ...parties.map((p) => p.node_id)].filter(
    (x): x is number => typeof x === 'number',
  );
  const nodes = new Map((await repo.nodesBrief(db, nodeIds)).map((n) => [n.id, n]));
  const wc: WorkflowCase = {
    status: c.status,
    holderNodeId: c.holder_node_id,
    holderKind: nodeKind(holder.type),
    ownerNodeId: c.owner_node_id,
    reopenCount: c.reopen_count,
    hasPendingExtension: !!pending,
  };
  const abilities: string[] = CASE_ACTIONS.filter((a) => check(a, wc) === 'ok' && mayTake(actor, a, facts));
  const unreadCopies = parties.filter((p) => p.kind === 'cc' && !p.read_at && actsFor(actor, p.node_id, 'case.read'));
  if (unreadCopies.length > 0) abilities.push('read');
  if (abilities.includes('rate') && c.reopen_count < REOPEN_MAX) abilities.push('reopen');
  if (staff && mayWhistle(actor, c, holder.type, whistles.some((w) => w.status === 'open' || w.status === 'pending_approval'))) abilities.push('whistle');
  if (staff && (actsFor(actor, c.owner_node_id, 'case.dispatch') || actsFor(actor, c.holder_node_id, 'case.dispatch'))) abilities.push('publish_photo');
  // Reporter privacy: handlers outside the owning centre do not see a hidden reporter.
  const seesReporter = staff && (!c.hide_reporter || actsFor(actor, c.owner_node_id, 'case.dispatch'));
  const isOwnReport = c.reporter_user_id === actor.userId;

  return {
    id: c.id,
    status: c.status,
    publicStatus: publicStatus(c.status),
    category: category ? { id: category.id, code: category.code, nameZh: category.name_zh, nameEn: category.name_en, parentId: category.parent_id } : null,
    description: c.description,
    address: c.address,
    lat: c.lat,
    lng: c.lng,
    grid: nodeOut(nodes.get(c.grid_id)),
    source: c.source,
    urgent: c.urgent,
    hideReporter: c.hide_reporter,
    reporter: seesReporter || isOwnReport ? (reporter ? { id: reporter.id, displayName: reporter.display_name } : null) : null,
    holder: nodeOut(nodes.get(c.holder_node_id)),
    owner: nodeOut(nodes.get(c.owner_node_id)),
    handler: nodeOut(c.handler_node_id ? nodes.get(c.handler_node_id) : undefined),
    escalatedTo: staff ? nodeOut(c.escalated_node_id ? nodes.get(c.escalated_node_id) : undefined) : null,
    clock: staff && c.stage
      ? { stage: c.stage, startedAt: c.stage_started_at, warnAt: c.stage_warn_at, yellowAt: c.stage_yellow_at, redAt: c.stage_red_at, extensionDays: c.stage_extension_days, card: c.card, warned: c.warned }
      : null,
    card: staff ? c.card : null,
    reportedAt: c.reported_at,
    acceptedAt: c.accepted_at,
    dispatchedAt: c.dispatched_at,
    handledAt: c.handled_at,
    closedAt: c.closed_at,
    ratedAt: c.rated_at,
    dueAt: staff ? c.due_at : null,
    resolved: c.resolved,
    satisfaction: c.satisfaction,
    ratingComment: staff || isOwnReport ? c.rating_comment : null,
    reopenCount: c.reopen_count,
    reworkCount: staff ? c.rework_count : null,
    extended: c.extended,
    whistled: c.whistled,
    mergedIntoId: c.merged_into_id,
    parkedReason: c.parked_reason,
    timeline: events.map((e) => ({
      id: e.id,
      at: e.at,
      action: e.action,
      fromStatus: e.from_status,
      toStatus: e.to_status,
      fromNode: nodeOut(e.from_node_id ? nodes.get(e.from_node_id) : undefined),
      toNode: nodeOut(e.to_node_id ? nodes.get(e.to_node_id) : undefined),
      actorNode: nodeOut(e.actor_node_id ? nodes.get(e.actor_node_id) : undefined),
      // Residents see the unit that acted, not the staff member's name.
      actorName: staff ? e.display_name : e.actor_user_id === actor.userId ? e.display_name : null,
      note: e.note,
      data: staff ? e.data : {},
      public: e.public,
    })),
    photos: photos
      .filter((p) => staff || p.role === 'report' || p.public_approved_at)
      .map((p) => ({ mediaId: p.media_id, role: p.role, eventId: p.event_id, publicApproved: !!p.public_approved_at })),
    extensions: extensions.map((x) => ({ id: x.id, days: x.days, reason: x.reason, status: x.status, approvedDays: x.approved_days, createdAt: x.created_at, decidedAt: x.decided_at, decisionNote: x.decision_note, node: nodeOut(nodes.get(x.node_id)) })),
    parties: parties.map((p) => ({ node: nodeOut(nodes.get(p.node_id)), kind: p.kind, readAt: p.read_at })),
    whistles,
    cards: cards.map((k) => ({ color: k.color, stage: k.stage, points: k.points, raisedAt: k.raised_at, node: nodeOut(nodes.get(k.node_id)) })),
    access: access as Access,
    following: facts.isFollower,
    abilities,
  };
}

/** Where the holder may send the case: itself, its direct subordinates and departments, its superior. */
export async function dispatchTargets(db: Kysely<DB>, actor: Actor, id: number) {
  const c = await repo.findCase(db, id);
  if (!c) throw notFound();
  const holder = (await repo.findNodeBrief(db, c.holder_node_id))!;
  if (!accessOf(actor, await accessFacts(db, c, actor, holder.type))) throw notFound();
  const chain = holder.path.split('/').filter(Boolean).map(Number).filter(Number.isFinite);
  const [children, superior, departments] = await Promise.all([
    repo.childrenOf(db, holder.id),
    holder.parent_id ? repo.findNodeBrief(db, holder.parent_id) : undefined,
    // Departments a whistle may summon: those of this level and the levels above (same rule as blowWhistle).
    db
      .selectFrom('org_node')
      .select(['id', 'type', 'name_zh', 'name_en'])
      .where('type', '=', 'department')
      .where('active', '=', true)
      .where('parent_id', 'in', chain.length ? chain : [-1])
      .orderBy('code')
      .execute(),
  ]);
  return {
    self: nodeOut(holder),
    below: children.map((n) => ({ ...nodeOut(n)!, tree: n.tree })),
    superior: superior && superior.tree === 'admin' ? nodeOut(superior) : null,
    departments: departments.map((d) => nodeOut(d)!),
  };
}

const LIST_COLUMNS = [
  'c.id',
  'c.status',
  'c.category_id',
  'c.description',
  'c.address',
  'c.lat',
  'c.lng',
  'c.grid_id',
  'c.holder_node_id',
  'c.stage',
  'c.card',
  'c.stage_yellow_at',
  'c.stage_red_at',
  'c.reported_at',
  'c.urgent',
  'c.source',
  'c.reopen_count',
  'c.extended',
  'c.whistled',
] as const;

/** The actor's nodes that can hold cases (acting for them): for the inbox. */
function actingNodeIds(actor: Actor): number[] {
  return [...new Set(actor.grants.filter((g) => ROLE_PERMISSIONS[g.role].some((p) => p === 'case.handle' || p === 'case.dispatch')).map((g) => g.nodeId))];
}

/** The cases the caller may see under a list's view and filters (null: none at all). */
export async function caseFilter(db: Kysely<DB>, actor: Actor, q: Omit<CaseListQuery, 'page' | 'pageSize' | 'sort'>) {
  let base = db.selectFrom('case_file as c') as unknown as SelectQueryBuilder<DB & { c: DB['case_file'] }, 'c', object>;
  const staffCond = staffVisibility(actor);
  const mine = sql<boolean>`exists (select 1 from case_follower f where f.case_id = c.id and f.user_id = ${actor.userId})`;
  switch (q.view) {
    case 'inbox': {
      const ids = actingNodeIds(actor);
      if (ids.length === 0) return null;
      // Held by one of the caller's units, or a live whistle summons one of them (a department's inbox).
      base = base.where((eb) =>
        eb.or([
          eb('c.holder_node_id', 'in', ids),
          eb.exists(
            eb
              .selectFrom('case_whistle as w')
              .innerJoin('case_whistle_summons as s', 's.whistle_id', 'w.id')
              .select('w.id')
              .whereRef('w.case_id', '=', 'c.id')
              .where('w.status', '=', 'open')
              .where('s.department_id', 'in', ids),
          ),
        ]),
      );
      break;
    }
    case 'below': {
      if (!staffCond) return null;
      const paths = scopePaths(actor, 'case.read');
      base = base.where(sql<boolean>`c.holder_path like any(${sql.val(paths.map((p) => p + '%'))}::text[])`).where('c.holder_node_id', 'not in', actingNodeIds(actor).concat([-1]));
      break;
    }
    case 'mine':
      base = base.where(mine);
      break;
    case 'all':
      base = base.where(staffCond ? sql<boolean>`(${staffCond} or ${mine})` : mine);
      break;
  }
  if (q.nodeId) {
    const n = await repo.findNodeBrief(db, q.nodeId);
    if (!n) throw notFound();
    authorize(actor, 'case.read', n.path);
    base = base.where('c.grid_path', 'like', `${escapeLike(n.path)}%`);
  }
  if (q.status?.length) base = base.where('c.status', 'in', q.status);
  if (q.open !== undefined) base = base.where('c.status', q.open ? 'not in' : 'in', [...FINAL_STATUSES]);
  if (q.categoryId) {
    base = base.where(
      sql<boolean>`c.category_id in (with recursive t(id) as (select ${q.categoryId}::int union all select k.id from case_category k join t on k.parent_id = t.id) select id from t)`,
    );
  }
  if (q.card === 'any') base = base.where('c.card', '<>', 'none');
  else if (q.card) base = base.where('c.card', '=', q.card);
  if (q.overdue) base = base.where('c.stage_red_at', '<', new Date());
  if (q.from) base = base.where('c.reported_at', '>=', new Date(`${q.from}T00:00:00+08:00`));
  if (q.to) base = base.where('c.reported_at', '<', new Date(new Date(`${q.to}T00:00:00+08:00`).getTime() + 86_400_000));
  if (q.q) {
    const tokens = queryTokens(q.q);
    const pattern = `%${escapeLike(q.q)}%`;
    const asId = /^#?\d{1,15}$/.test(q.q) ? Number(q.q.replace('#', '')) : null;
    // The token index narrows; the ILIKE recheck keeps only real substrings (decision 0002).
    const text = sql<boolean>`(c.description ilike ${pattern} or c.address ilike ${pattern} or exists (select 1 from case_category k where k.id = c.category_id and (k.name_zh ilike ${pattern} or k.name_en ilike ${pattern})))`;
    const byText = tokens.length > 0 ? sql<boolean>`(c.tsv @@ to_tsquery('simple', ${toTsQuery(tokens)}) and ${text})` : text;
    base = base.where(asId ? sql<boolean>`(${byText} or c.id = ${asId})` : byText);
  }
  return base;
}

/** Lists cases the caller may see, filtered, sorted and paged. */
export async function listCases(db: Kysely<DB>, actor: Actor, q: CaseListQuery) {
  const base = await caseFilter(db, actor, q);
  if (!base) return { items: [], total: 0, page: q.page, pageSize: q.pageSize };
  let rowsQ = base.select(LIST_COLUMNS);
  if (q.sort === 'oldest') rowsQ = rowsQ.orderBy('c.reported_at', 'asc').orderBy('c.id', 'asc');
  else if (q.sort === 'deadline') rowsQ = rowsQ.orderBy(sql`c.stage_red_at asc nulls last`).orderBy('c.id', 'asc');
  else rowsQ = rowsQ.orderBy('c.reported_at', 'desc').orderBy('c.id', 'desc');
  const [rows, count] = await Promise.all([
    rowsQ.limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  const [cats, nodes] = await Promise.all([
    rows.length ? db.selectFrom('case_category').select(['id', 'name_zh', 'name_en']).where('id', 'in', [...new Set(rows.map((r) => r.category_id))]).execute() : [],
    repo.nodesBrief(db, rows.flatMap((r) => [r.grid_id, r.holder_node_id])),
  ]);
  const catById = new Map(cats.map((k) => [k.id, k]));
  const nodeById = new Map(nodes.map((n) => [n.id, n]));
  const staffPaths = scopePaths(actor, 'case.read');
  return {
    items: rows.map((r) => {
      const cat = catById.get(r.category_id);
      return {
        id: r.id,
        status: r.status,
        publicStatus: publicStatus(r.status),
        category: cat ? { id: cat.id, nameZh: cat.name_zh, nameEn: cat.name_en } : null,
        description: r.description.length > 140 ? r.description.slice(0, 140) + '…' : r.description,
        address: r.address,
        lat: r.lat,
        lng: r.lng,
        grid: nodeOut(nodeById.get(r.grid_id)),
        holder: nodeOut(nodeById.get(r.holder_node_id)),
        stage: staffPaths.length ? r.stage : null,
        card: staffPaths.length ? r.card : null,
        yellowAt: staffPaths.length ? r.stage_yellow_at : null,
        redAt: staffPaths.length ? r.stage_red_at : null,
        reportedAt: r.reported_at,
        urgent: r.urgent,
        source: r.source,
        reopened: r.reopen_count > 0,
        extended: r.extended,
        whistled: r.whistled,
      };
    }),
    total: Number(count.n),
    page: q.page,
    pageSize: q.pageSize,
  };
}
