/**
 * Refreshing the case statistics rollup (tables: migrations/2026112207_case_stats.ts). Triggers log every
 * (node, day) bucket whose raw rows changed in `case_stats_dirty`; a refresh takes a batch of that log and
 * recomputes exactly those buckets from the raw tables — never by adding increments, so it cannot drift:
 * - leaf buckets: a grid (cases located in it) or a department (cases it handled), from case_file,
 *   case_event, case_card and node_score_entry;
 * - area buckets: every administrative ancestor (community, street, district, city) of a changed leaf or
 *   carded node, as the sum of its grids' fresh rows plus the cards and points of every node under it.
 * Batches run one transaction each under an advisory lock, so refreshes (a read's, the periodic job's,
 * another process's) never interleave; writers never wait for a refresh (the log has no unique key).
 */
import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import type { DB } from '../../platform/db/schema.js';

/** The advisory lock that serialises refreshes (any constant shared by all processes). */
const LOCK_KEY = 0x6773_7461; // 'gsta'
/** Dirty-log rows taken per transaction (keeps PGlite transactions short). */
export const REFRESH_BATCH = 2000;

export interface RefreshResult {
  /** Transactions run. */
  batches: number;
  /** Log rows consumed. */
  logRows: number;
  /** Distinct leaf and area buckets recomputed. */
  buckets: number;
  ms: number;
}

interface Key {
  nodeId: number;
  day: string;
}
interface NodeInfo {
  id: number;
  type: string;
  tree: string;
  path: string;
}

const COUNTERS = [
  'received',
  'responded',
  'due',
  'closed_on_time',
  'closed',
  'resolved',
  'whistled',
  'rated',
  'satisfied',
  'basic',
  'verified',
  'reworked',
  'dispatched',
  'extended',
  'yellow_cards',
  'red_cards',
  'points_deducted',
] as const;
type Counter = (typeof COUNTERS)[number];

/** A select list with the given counters as expressions and every other counter as 0. */
function counters(values: Partial<Record<Counter, string>>): RawBuilder<unknown> {
  return sql.raw(COUNTERS.map((c) => `${values[c] ?? '0'} as ${c}`).join(', '));
}

const keysOf = (keys: Key[]) => sql`select * from unnest(${sql.val(keys.map((k) => k.nodeId))}::int[], ${sql.val(keys.map((k) => k.day))}::date[]) as k(node_id, day)`;
/** The China-day bounds of each day in the keys: [lo, hi). */
const DAYS = sql.raw(`select distinct day, (day::timestamp - interval '8 hours') at time zone 'UTC' as lo, (day::timestamp + interval '16 hours') at time zone 'UTC' as hi from k`);

/*
 * Plan shape. Every raw read is a LATERAL subquery fenced with OFFSET 0, so that it runs once per day of the
 * batch as an index range scan on the metric's date (and case rows are then fetched by primary key), instead
 * of the hash join over the whole table a planner may pick for a batch of keys it cannot estimate.
 */
const CASE_COLS = 'c.id, c.grid_id, c.status, c.category_id, c.source, c.accepted_at, c.accept_due_at, c.dispatched_at, c.due_at, c.closed_at, c.resolved, c.whistled, c.satisfaction, c.extended';
const ASSIGNED_AT = `case_stats_assigned_at(c.dispatched_at, c.accepted_at, c.due_at)`;

/** The cases whose date `expr` falls on the day `d`, as `c`. */
function casesOn(expr: string, where = ''): RawBuilder<unknown> {
  return sql.raw(`d cross join lateral (select ${CASE_COLS} from case_file c where ${expr} >= d.lo and ${expr} < d.hi ${where && 'and ' + where} offset 0) c`);
}

/** How a case belongs to a leaf: located in the grid, or handled by the department. */
function member(kind: 'grid' | 'dept'): RawBuilder<unknown> {
  return kind === 'grid'
    ? sql.raw(`cross join lateral (select c.grid_id as node_id) m`)
    : sql.raw(`cross join lateral (select p.node_id from case_party p where p.case_id = c.id and p.kind = 'handler' offset 0) m`);
}

const OPEN_CLOSED = `('closed', 'rated')`;
const RESPONSE_AT = `coalesce(c.accepted_at, case when c.status in ('rejected', 'merged') then c.closed_at end)`;

/** Deletes the rollup rows of the keys (the late rows by their due day). */
async function deleteRows(tx: Transaction<DB>, keys: Key[]): Promise<void> {
  for (const t of ['case_stats_day', 'case_stats_category', 'case_stats_source'])
    await sql`delete from ${sql.table(t)} t using (${keysOf(keys)}) k where t.node_id = k.node_id and t.day = k.day`.execute(tx);
  await sql`delete from case_stats_late t using (${keysOf(keys)}) k where t.node_id = k.node_id and t.due_day = k.day`.execute(tx);
}

/** Recomputes the leaf buckets of one kind (grids or departments) from the raw tables. */
async function recomputeLeaves(tx: Transaction<DB>, kind: 'grid' | 'dept', keys: Key[]): Promise<void> {
  if (keys.length === 0) return;
  const m = member(kind);
  const join = sql.raw(`join k on k.node_id = m.node_id and k.day = d.day`);
  await deleteRows(tx, keys);
  const sums = sql.raw(COUNTERS.map((c) => `sum(${c})`).join(', '));
  const nonZero = sql.raw(COUNTERS.map((c) => `sum(${c}) <> 0`).join(' or '));
  await sql`
    with k as (${keysOf(keys)}), d as (${DAYS})
    insert into case_stats_day (node_id, day, ${sql.raw(COUNTERS.join(', '))})
    select node_id, day, ${sums} from (
      select m.node_id, d.day, ${counters({
        received: `count(*) filter (where c.status <> 'cancelled')`,
        responded: `count(*) filter (where c.status <> 'cancelled' and ${RESPONSE_AT} <= c.accept_due_at)`,
      })}
      from ${casesOn('c.reported_at')} ${m} ${join} group by 1, 2
      union all
      select m.node_id, d.day, ${counters({
        due: `count(*) filter (where c.status <> 'merged')`,
        closed_on_time: `count(*) filter (where c.status in ${OPEN_CLOSED} and c.closed_at <= c.due_at)`,
      })}
      from ${casesOn('c.due_at')} ${m} ${join} group by 1, 2
      union all
      select m.node_id, d.day, ${counters({ closed: 'count(*)', resolved: 'count(*) filter (where c.resolved)', whistled: 'count(*) filter (where c.whistled)' })}
      from ${casesOn('c.closed_at', `c.status in ${OPEN_CLOSED}`)} ${m} ${join} group by 1, 2
      union all
      select m.node_id, d.day, ${counters({
        rated: 'count(*)',
        satisfied: `count(*) filter (where c.satisfaction = 'satisfied')`,
        basic: `count(*) filter (where c.satisfaction = 'basic')`,
      })}
      from ${casesOn('c.rated_at', 'c.satisfaction is not null')} ${m} ${join} group by 1, 2
      union all
      select m.node_id, d.day, ${counters({ verified: 'count(*)', reworked: `count(*) filter (where e.action = 'rework')` })}
      from d cross join lateral (select e.case_id, e.action from case_event e where e.action in ('verify', 'rework') and e.at >= d.lo and e.at < d.hi offset 0) e
        cross join lateral (select ${sql.raw(CASE_COLS)} from case_file c where c.id = e.case_id offset 0) c ${m} ${join} group by 1, 2
      union all
      select m.node_id, d.day, ${counters({ dispatched: 'count(*)', extended: 'count(*) filter (where c.extended)' })}
      from ${casesOn(ASSIGNED_AT)} ${m} ${join} group by 1, 2
      union all
      select k.node_id, d.day, ${counters({ yellow_cards: `count(*) filter (where cc.color = 'yellow')`, red_cards: `count(*) filter (where cc.color = 'red')` })}
      from d join k on k.day = d.day
        cross join lateral (select cc.color from case_card cc where cc.node_id = k.node_id and cc.raised_at >= d.lo and cc.raised_at < d.hi offset 0) cc group by 1, 2
      union all
      select k.node_id, d.day, ${counters({ points_deducted: 'coalesce(-sum(s.points) filter (where s.points < 0), 0)' })}
      from d join k on k.day = d.day
        cross join lateral (select s.points from node_score_entry s where s.node_id = k.node_id and s.at >= d.lo and s.at < d.hi offset 0) s group by 1, 2
    ) x
    group by node_id, day having ${nonZero}`.execute(tx);
  await sql`
    with k as (${keysOf(keys)}), d as (${DAYS})
    insert into case_stats_late (node_id, due_day, closed_day, n)
    select m.node_id, d.day, case_stats_day_of(c.closed_at), count(*)
    from ${casesOn('c.due_at', `c.status in ${OPEN_CLOSED} and c.closed_at > c.due_at`)} ${m} ${join}
    group by 1, 2, 3`.execute(tx);
  await sql`
    with k as (${keysOf(keys)}), d as (${DAYS})
    insert into case_stats_category (node_id, day, category_id, received, closed)
    select node_id, day, category_id, sum(received), sum(closed) from (
      select m.node_id, d.day, c.category_id, count(*) as received, 0 as closed
      from ${casesOn('c.reported_at', `c.status <> 'cancelled'`)} ${m} ${join} group by 1, 2, 3
      union all
      select m.node_id, d.day, c.category_id, 0, count(*)
      from ${casesOn('c.closed_at', `c.status in ${OPEN_CLOSED}`)} ${m} ${join} group by 1, 2, 3
    ) x group by 1, 2, 3`.execute(tx);
  await sql`
    with k as (${keysOf(keys)}), d as (${DAYS})
    insert into case_stats_source (node_id, day, source, received)
    select m.node_id, d.day, c.source, count(*)
    from ${casesOn('c.reported_at', `c.status <> 'cancelled'`)} ${m} ${join} group by 1, 2, 3`.execute(tx);
}

/** Recomputes area buckets: the sum of the grids under the area plus the cards and points of every node under it. */
async function recomputeAreas(tx: Transaction<DB>, keys: Key[]): Promise<void> {
  if (keys.length === 0) return;
  await deleteRows(tx, keys);
  const caseCols = COUNTERS.filter((c) => !['yellow_cards', 'red_cards', 'points_deducted'].includes(c));
  const sums = sql.raw(COUNTERS.map((c) => `sum(${c})`).join(', '));
  const nonZero = sql.raw(COUNTERS.map((c) => `sum(${c}) <> 0`).join(' or '));
  // The area's grids' rows of the key's day: rows of that day whose node is a grid under the area's path.
  const grids = (table: string, dayCol: string) =>
    sql.raw(`join org_node a on a.id = k.node_id cross join lateral (select * from ${table} s where s.${dayCol} = k.day offset 0) s
      join org_node g on g.id = s.node_id and g.type = 'grid' and g.path like a.path || '%'`);
  // Cards and points of the day given to any node under the area's path.
  const given = (table: string, dateCol: string, cols: string) =>
    sql.raw(`d cross join lateral (select ${cols}, x.node_id from ${table} x where x.${dateCol} >= d.lo and x.${dateCol} < d.hi offset 0) x
      join org_node n on n.id = x.node_id join k on k.day = d.day join org_node a on a.id = k.node_id and n.path like a.path || '%'`);
  await sql`
    with k as (${keysOf(keys)}), d as (${DAYS})
    insert into case_stats_day (node_id, day, ${sql.raw(COUNTERS.join(', '))})
    select node_id, day, ${sums} from (
      select k.node_id, k.day, ${counters(Object.fromEntries(caseCols.map((c) => [c, `s.${c}`])))}
      from k ${grids('case_stats_day', 'day')}
      union all
      select k.node_id, d.day, ${counters({ yellow_cards: `count(*) filter (where x.color = 'yellow')`, red_cards: `count(*) filter (where x.color = 'red')` })}
      from ${given('case_card', 'raised_at', 'x.color')} group by 1, 2
      union all
      select k.node_id, d.day, ${counters({ points_deducted: 'coalesce(-sum(x.points) filter (where x.points < 0), 0)' })}
      from ${given('node_score_entry', 'at', 'x.points')} group by 1, 2
    ) x
    group by node_id, day having ${nonZero}`.execute(tx);
  await sql`
    with k as (${keysOf(keys)})
    insert into case_stats_late (node_id, due_day, closed_day, n)
    select k.node_id, k.day, s.closed_day, sum(s.n) from k ${grids('case_stats_late', 'due_day')}
    group by 1, 2, 3`.execute(tx);
  await sql`
    with k as (${keysOf(keys)})
    insert into case_stats_category (node_id, day, category_id, received, closed)
    select k.node_id, k.day, s.category_id, sum(s.received), sum(s.closed) from k ${grids('case_stats_category', 'day')}
    group by 1, 2, 3`.execute(tx);
  await sql`
    with k as (${keysOf(keys)})
    insert into case_stats_source (node_id, day, source, received)
    select k.node_id, k.day, s.source, sum(s.received) from k ${grids('case_stats_source', 'day')}
    group by 1, 2, 3`.execute(tx);
}

/** The ids on a node's path (its ancestors and itself; party segments skipped). */
function pathIds(path: string): number[] {
  return path.split('/').filter((s) => /^\d+$/.test(s)).map(Number);
}

/** Splits taken keys into leaf keys (grids, departments) and the area keys they affect. */
async function plan(tx: Transaction<DB>, taken: Key[]) {
  const byId = new Map<number, NodeInfo>();
  const load = async (ids: number[]) => {
    const missing = [...new Set(ids)].filter((id) => !byId.has(id));
    if (missing.length === 0) return;
    const rows = await tx.selectFrom('org_node').select(['id', 'type', 'tree', 'path']).where('id', 'in', missing).execute();
    for (const r of rows) byId.set(r.id, r);
  };
  await load(taken.map((k) => k.nodeId));
  await load(taken.flatMap((k) => (byId.has(k.nodeId) ? pathIds(byId.get(k.nodeId)!.path) : [])));
  const grids = new Map<string, Key>();
  const depts = new Map<string, Key>();
  const areas = new Map<string, Key>();
  const put = (m: Map<string, Key>, nodeId: number, day: string) => m.set(`${nodeId}|${day}`, { nodeId, day });
  for (const k of taken) {
    const n = byId.get(k.nodeId);
    if (!n) continue; // a node that no longer exists has no rows (foreign keys)
    if (n.type === 'grid') put(grids, n.id, k.day);
    else if (n.tree === 'department') put(depts, n.id, k.day);
    for (const id of pathIds(n.path)) {
      const a = byId.get(id);
      if (a && a.tree === 'admin' && a.type !== 'grid') put(areas, a.id, k.day);
    }
  }
  return { grids: [...grids.values()], depts: [...depts.values()], areas: [...areas.values()] };
}

/** One batch: take up to `limit` log rows (id ≤ upTo) and recompute their buckets. Returns the rows taken. */
async function refreshBatch(db: Kysely<DB>, upTo: number, limit: number): Promise<{ rows: number; buckets: number }> {
  return db.transaction().execute(async (tx) => {
    await sql`select pg_advisory_xact_lock(${LOCK_KEY})`.execute(tx);
    const { rows } = await sql<{ node_id: number; day: string }>`
      delete from case_stats_dirty where id in (select id from case_stats_dirty where id <= ${upTo} order by id limit ${limit})
      returning node_id, day`.execute(tx);
    if (rows.length === 0) return { rows: 0, buckets: 0 };
    const p = await plan(tx, rows.map((r) => ({ nodeId: r.node_id, day: r.day })));
    await recomputeLeaves(tx, 'grid', p.grids);
    await recomputeLeaves(tx, 'dept', p.depts);
    await recomputeAreas(tx, p.areas);
    return { rows: rows.length, buckets: p.grids.length + p.depts.length + p.areas.length };
  });
}

/**
 * Brings the rollup up to date with every change logged before the call: batch after batch until the log
 * holds nothing older. Cheap when little changed (one indexed read of the log). Safe to run concurrently.
 */
export async function refreshCaseStats(db: Kysely<DB>, opts: { batchSize?: number; maxBatches?: number } = {}): Promise<RefreshResult> {
  const t0 = Date.now();
  const out: RefreshResult = { batches: 0, logRows: 0, buckets: 0, ms: 0 };
  const top = await db.selectFrom('case_stats_dirty').select((eb) => eb.fn.max('id').as('id')).executeTakeFirst();
  const upTo = top?.id == null ? null : Number(top.id);
  if (upTo !== null) {
    const limit = opts.batchSize ?? REFRESH_BATCH;
    for (;;) {
      const b = await refreshBatch(db, upTo, limit);
      if (b.rows === 0) break;
      out.batches++;
      out.logRows += b.rows;
      out.buckets += b.buckets;
      if (b.rows < limit || out.batches >= (opts.maxBatches ?? Infinity)) break;
    }
  }
  out.ms = Date.now() - t0;
  return out;
}

/** Every bucket that has raw rows (the same keys the migration logged for data recorded before it). */
const MARK_ALL = `
  insert into case_stats_dirty (node_id, day)
  select distinct k.node_id, k.day from (
    select c.grid_id as node_id, d.day from case_file c,
      case_stats_days(c.reported_at, c.due_at, c.closed_at, c.rated_at, c.dispatched_at, c.accepted_at) as d(day)
    union
    select p.node_id, d.day from case_file c join case_party p on p.case_id = c.id and p.kind = 'handler'
      join org_node pn on pn.id = p.node_id and pn.tree = 'department',
      case_stats_days(c.reported_at, c.due_at, c.closed_at, c.rated_at, c.dispatched_at, c.accepted_at) as d(day)
    union
    select c.grid_id, case_stats_day_of(e.at) from case_event e join case_file c on c.id = e.case_id where e.action in ('verify', 'rework')
    union
    select p.node_id, case_stats_day_of(e.at) from case_event e join case_party p on p.case_id = e.case_id and p.kind = 'handler'
      join org_node pn on pn.id = p.node_id and pn.tree = 'department' where e.action in ('verify', 'rework')
    union
    select node_id, case_stats_day_of(raised_at) from case_card
    union
    select node_id, case_stats_day_of(at) from node_score_entry
  ) k
  order by 2, 1`;

/**
 * Rebuilds the whole rollup from the raw tables: empties it, logs every bucket that has data, refreshes.
 * For a bulk load made with the triggers off, or to check the incremental rollup against a fresh one.
 */
export async function rebuildCaseStats(db: Kysely<DB>, opts: { batchSize?: number; maxBatches?: number } = {}): Promise<RefreshResult> {
  await db.transaction().execute(async (tx) => {
    await sql`select pg_advisory_xact_lock(${LOCK_KEY})`.execute(tx);
    for (const t of ['case_stats_day', 'case_stats_late', 'case_stats_category', 'case_stats_source', 'case_stats_dirty']) await sql`delete from ${sql.table(t)}`.execute(tx);
    await sql.raw(MARK_ALL).execute(tx);
  });
  return refreshCaseStats(db, opts);
}
