/**
 * SQL of the case statistics: reads of the rollup (case-stats.refresh.ts keeps it), the live counts (open and
 * overdue now), department whistle ratings, and `directCounters` — the same figures computed straight from
 * the raw tables with plain filters and GROUP BY, written independently of the rollup: the tests hold the
 * two equal, and the benchmark uses it as its baseline.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import type { CaseCounts } from '../../../common/contracts/case-stats.js';

/** The rollup's counters of one node over a period (open and overdue are filled from live reads). */
export type Counters = Omit<CaseCounts, 'open' | 'overdue'>;

export const ZERO: Counters = {
  received: 0,
  respondedOnTime: 0,
  due: 0,
  closedOfDue: 0,
  closedOnTime: 0,
  closed: 0,
  resolved: 0,
  whistled: 0,
  rated: 0,
  satisfied: 0,
  basic: 0,
  verified: 0,
  reworked: 0,
  dispatched: 0,
  extended: 0,
  yellowCards: 0,
  redCards: 0,
  pointsDeducted: 0,
};

const OPEN = `('reported', 'accepted', 'dispatched', 'in_progress', 'handled', 'returned', 'parked')`;

/** Rollup sums per node over the days [from, to) (ISO days), with the late closures that fall before `to`. */
export async function rollupCounters(db: Kysely<DB>, nodeIds: number[], from: string, to: string): Promise<Map<number, Counters>> {
  const out = new Map<number, Counters>();
  if (nodeIds.length === 0) return out;
  const ids = sql.val(nodeIds);
  const [{ rows }, late] = await Promise.all([
    sql<Record<string, number>>`
      select node_id, sum(received) as received, sum(responded) as responded, sum(due) as due, sum(closed_on_time) as closed_on_time,
        sum(closed) as closed, sum(resolved) as resolved, sum(whistled) as whistled, sum(rated) as rated, sum(satisfied) as satisfied,
        sum(basic) as basic, sum(verified) as verified, sum(reworked) as reworked, sum(dispatched) as dispatched, sum(extended) as extended,
        sum(yellow_cards) as yellow_cards, sum(red_cards) as red_cards, sum(points_deducted) as points_deducted
      from case_stats_day where node_id = any(${ids}::int[]) and day >= ${from}::date and day < ${to}::date
      group by node_id`.execute(db),
    sql<{ node_id: number; n: number }>`
      select node_id, sum(n) as n from case_stats_late
      where node_id = any(${ids}::int[]) and due_day >= ${from}::date and due_day < ${to}::date and closed_day < ${to}::date
      group by node_id`.execute(db),
  ]);
  const lateBy = new Map(late.rows.map((r) => [r.node_id, Number(r.n)]));
  for (const id of nodeIds) out.set(id, { ...ZERO });
  for (const r of rows) {
    const n = (k: string) => Number(r[k] ?? 0);
    out.set(r.node_id!, {
      received: n('received'),
      respondedOnTime: n('responded'),
      due: n('due'),
      closedOfDue: n('closed_on_time') + (lateBy.get(r.node_id!) ?? 0),
      closedOnTime: n('closed_on_time'),
      closed: n('closed'),
      resolved: n('resolved'),
      whistled: n('whistled'),
      rated: n('rated'),
      satisfied: n('satisfied'),
      basic: n('basic'),
      verified: n('verified'),
      reworked: n('reworked'),
      dispatched: n('dispatched'),
      extended: n('extended'),
      yellowCards: n('yellow_cards'),
      redCards: n('red_cards'),
      pointsDeducted: n('points_deducted'),
    });
  }
  return out;
}

/** Received and closed per day of one node over [from, to). */
export async function dailySeries(db: Kysely<DB>, nodeId: number, from: string, to: string) {
  return db
    .selectFrom('case_stats_day')
    .select(['day', 'received', 'closed'])
    .where('node_id', '=', nodeId)
    .where('day', '>=', from)
    .where('day', '<', to)
    .orderBy('day')
    .execute();
}

/** Received and closed per leaf category of one node over [from, to). */
export async function categoryCounts(db: Kysely<DB>, nodeId: number, from: string, to: string) {
  const { rows } = await sql<{ category_id: number; received: number; closed: number }>`
    select category_id, sum(received) as received, sum(closed) as closed from case_stats_category
    where node_id = ${nodeId} and day >= ${from}::date and day < ${to}::date group by category_id`.execute(db);
  return rows.map((r) => ({ categoryId: r.category_id, received: Number(r.received), closed: Number(r.closed) }));
}

/** Received per source of one node over [from, to). */
export async function sourceCounts(db: Kysely<DB>, nodeId: number, from: string, to: string) {
  const { rows } = await sql<{ source: string; received: number }>`
    select source, sum(received) as received from case_stats_source
    where node_id = ${nodeId} and day >= ${from}::date and day < ${to}::date group by source order by 2 desc, 1`.execute(db);
  return rows.map((r) => ({ source: r.source, received: Number(r.received) }));
}

export interface LiveCount {
  open: number;
  overdue: number;
}

/**
 * Open and overdue cases now located under an area (or grid), in total and per direct child (by the path
 * segment after the area's path).
 */
export async function liveByArea(db: Kysely<DB>, path: string, now: Date): Promise<{ total: LiveCount; byChild: Map<number, LiveCount> }> {
  const { rows } = await sql<{ child: string; open: number; overdue: number }>`
    select split_part(substr(grid_path, ${path.length + 1}), '/', 1) as child, count(*) as open,
      count(*) filter (where stage_red_at < ${now}) as overdue
    from case_file where grid_path like ${path + '%'} and status in ${sql.raw(OPEN)}
    group by 1`.execute(db);
  const byChild = new Map<number, LiveCount>();
  const total = { open: 0, overdue: 0 };
  for (const r of rows) {
    const v = { open: Number(r.open), overdue: Number(r.overdue) };
    total.open += v.open;
    total.overdue += v.overdue;
    if (/^\d+$/.test(r.child)) byChild.set(Number(r.child), v);
  }
  return { total, byChild };
}

/** Open and overdue cases held now by each of the departments. */
export async function liveByHolder(db: Kysely<DB>, nodeIds: number[], now: Date): Promise<Map<number, LiveCount>> {
  const out = new Map<number, LiveCount>();
  if (nodeIds.length === 0) return out;
  const { rows } = await sql<{ holder_node_id: number; open: number; overdue: number }>`
    select holder_node_id, count(*) as open, count(*) filter (where stage_red_at < ${now}) as overdue
    from case_file where holder_node_id = any(${sql.val(nodeIds)}::int[]) and status in ${sql.raw(OPEN)}
    group by 1`.execute(db);
  for (const r of rows) out.set(r.holder_node_id, { open: Number(r.open), overdue: Number(r.overdue) });
  return out;
}

/** Average whistle ratings (speed, quality) given to each department in [from, to). */
export async function departmentRatings(db: Kysely<DB>, nodeIds: number[], from: Date, to: Date) {
  const out = new Map<number, { speed: number | null; quality: number | null; count: number }>();
  if (nodeIds.length === 0) return out;
  const { rows } = await sql<{ department_id: number; speed: number | null; quality: number | null; n: number }>`
    select department_id, avg(speed_rating)::float8 as speed, avg(quality_rating)::float8 as quality, count(*) as n
    from case_whistle_summons
    where department_id = any(${sql.val(nodeIds)}::int[]) and rated_at >= ${from} and rated_at < ${to}
      and (speed_rating is not null or quality_rating is not null)
    group by 1`.execute(db);
  for (const r of rows) out.set(r.department_id, { speed: r.speed, quality: r.quality, count: Number(r.n) });
  return out;
}

/** Which cases a scope covers, for the direct computation. */
export type Scope = { kind: 'area'; path: string } | { kind: 'department'; id: number };

/**
 * The figures of a scope over [from, to) computed straight from the raw tables (no rollup). Areas: cases
 * whose grid lies under the path, cards and points of every node under it (a grid: itself). Departments:
 * cases it is the handler of (handler_node_id), cards and points given to it.
 */
export async function directCounters(db: Kysely<DB>, scope: Scope, from: Date, to: Date): Promise<Counters> {
  const inScope =
    scope.kind === 'area'
      ? sql`c.grid_path like ${scope.path + '%'}`
      : sql`c.handler_node_id = ${scope.id}`;
  const nodeScope = scope.kind === 'area' ? sql`n.path like ${scope.path + '%'}` : sql`n.id = ${scope.id}`;
  const { rows } = await sql<Record<string, number>>`
    select
      (select count(*) from case_file c where ${inScope} and c.reported_at >= ${from} and c.reported_at < ${to} and c.status <> 'cancelled') as received,
      (select count(*) from case_file c where ${inScope} and c.reported_at >= ${from} and c.reported_at < ${to} and c.status <> 'cancelled'
         and (c.accepted_at <= c.accept_due_at or (c.accepted_at is null and c.status in ('rejected', 'merged') and c.closed_at <= c.accept_due_at))) as responded,
      (select count(*) from case_file c where ${inScope} and c.due_at >= ${from} and c.due_at < ${to} and c.status <> 'merged') as due,
      (select count(*) from case_file c where ${inScope} and c.due_at >= ${from} and c.due_at < ${to} and c.status in ('closed', 'rated') and c.closed_at < ${to}) as closed_of_due,
      (select count(*) from case_file c where ${inScope} and c.due_at >= ${from} and c.due_at < ${to} and c.status in ('closed', 'rated') and c.closed_at <= c.due_at) as closed_on_time,
      (select count(*) from case_file c where ${inScope} and c.closed_at >= ${from} and c.closed_at < ${to} and c.status in ('closed', 'rated')) as closed,
      (select count(*) from case_file c where ${inScope} and c.closed_at >= ${from} and c.closed_at < ${to} and c.status in ('closed', 'rated') and c.resolved) as resolved,
      (select count(*) from case_file c where ${inScope} and c.closed_at >= ${from} and c.closed_at < ${to} and c.status in ('closed', 'rated') and c.whistled) as whistled,
      (select count(*) from case_file c where ${inScope} and c.rated_at >= ${from} and c.rated_at < ${to} and c.satisfaction is not null) as rated,
      (select count(*) from case_file c where ${inScope} and c.rated_at >= ${from} and c.rated_at < ${to} and c.satisfaction = 'satisfied') as satisfied,
      (select count(*) from case_file c where ${inScope} and c.rated_at >= ${from} and c.rated_at < ${to} and c.satisfaction = 'basic') as basic,
      (select count(*) from case_event e join case_file c on c.id = e.case_id where ${inScope} and e.at >= ${from} and e.at < ${to} and e.action in ('verify', 'rework')) as verified,
      (select count(*) from case_event e join case_file c on c.id = e.case_id where ${inScope} and e.at >= ${from} and e.at < ${to} and e.action = 'rework') as reworked,
      (select count(*) from case_file c where ${inScope}
         and coalesce(c.dispatched_at, case when c.due_at is not null then c.accepted_at end) >= ${from}
         and coalesce(c.dispatched_at, case when c.due_at is not null then c.accepted_at end) < ${to}) as dispatched,
      (select count(*) from case_file c where ${inScope} and c.extended
         and coalesce(c.dispatched_at, case when c.due_at is not null then c.accepted_at end) >= ${from}
         and coalesce(c.dispatched_at, case when c.due_at is not null then c.accepted_at end) < ${to}) as extended,
      (select count(*) from case_card k join org_node n on n.id = k.node_id where ${nodeScope} and k.raised_at >= ${from} and k.raised_at < ${to} and k.color = 'yellow') as yellow_cards,
      (select count(*) from case_card k join org_node n on n.id = k.node_id where ${nodeScope} and k.raised_at >= ${from} and k.raised_at < ${to} and k.color = 'red') as red_cards,
      (select coalesce(-sum(s.points), 0) from node_score_entry s join org_node n on n.id = s.node_id where ${nodeScope} and s.at >= ${from} and s.at < ${to} and s.points < 0) as points_deducted
  `.execute(db);
  const r = rows[0]!;
  const n = (k: string) => Number(r[k] ?? 0);
  return {
    received: n('received'),
    respondedOnTime: n('responded'),
    due: n('due'),
    closedOfDue: n('closed_of_due'),
    closedOnTime: n('closed_on_time'),
    closed: n('closed'),
    resolved: n('resolved'),
    whistled: n('whistled'),
    rated: n('rated'),
    satisfied: n('satisfied'),
    basic: n('basic'),
    verified: n('verified'),
    reworked: n('reworked'),
    dispatched: n('dispatched'),
    extended: n('extended'),
    yellowCards: n('yellow_cards'),
    redCards: n('red_cards'),
    pointsDeducted: n('points_deducted'),
  };
}
