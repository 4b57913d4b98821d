/**
 * Refreshing the case statistics rollup (tables: migrations/2026112207_case_stats.ts). Triggers log every
 * (node, day) bucket whose raw rows changed in `case_stats_dirty`; a refresh takes a batch of that log and
 * recomputes exactly those buckets from the raw tables — never by adding increments, so it cannot drift:
 * - leaf buckets: a grid (cases located in it) or a department (cases it is the handler of), from
 *   case_file, the decision copy case_stats_event, case_card and node_score_entry — each read by index for
 *   just that (node, day);
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
/** The distinct days of the keys with their China-day bounds [lo, hi). */
const DAYS = sql.raw(`select distinct day, (day::timestamp - interval '8 hours') at time zone 'UTC' as lo, (day::timestamp + interval '16 hours') at time zone 'UTC' as hi from k`);
/** The keys with their day's bounds. */
const KEYS_BOUNDED = (keys: Key[]) =>
  sql`select node_id, day, (day::timestamp - interval '8 hours') at time zone 'UTC' as lo, (day::timestamp + interval '16 hours') at time zone 'UTC' as hi from (${keysOf(keys)}) k`;

/*
 * Plan shape. Every raw read is a LATERAL subquery fenced with OFFSET 0, so that it runs once per key as an
 * index range scan on (grid or handler, the metric's date) and reads only that bucket's rows — instead of
 * the hash join over a whole table a planner may pick for a batch of keys it cannot estimate.
 */
const CASE_COLS = 'c.status, c.category_id, c.source, c.accepted_at, c.accept_due_at, c.due_at, c.closed_at, c.resolved, c.whistled, c.satisfaction, c.extended';
const ASSIGNED_AT = `case_stats_assigned_at(c.dispatched_at, c.accepted_at, c.due_at)`;
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
  // A grid's cases are located in it; a department's are those it is the handler of.
  const own = kind === 'grid' ? 'c.grid_id = k.node_id' : 'c.handler_node_id = k.node_id and c.handler_node_id <> c.grid_id';
  const cases = (expr: string, where = '') =>
    sql.raw(`k cross join lateral (select ${CASE_COLS} from case_file c where ${own} and ${expr} >= k.lo and ${expr} < k.hi ${where && 'and ' + where} offset 0) c`);
  const decider = kind === 'grid' ? 'grid_id' : 'handler_id';
  await deleteRows(tx, keys);
  const sums = sql.raw(COUNTERS.map((c) => `sum(${c})`).join(', '));
  const nonZero = sql.raw(COUNTERS.map((c) => `sum(${c}) <> 0`).join(' or '));
  await sql`
    with k as (${KEYS_BOUNDED(keys)})
    insert into case_stats_day (node_id, day, ${sql.raw(COUNTERS.join(', '))})
    select node_id, day, ${sums} from (
      select k.node_id, k.day, ${counters({
        received: `count(*) filter (where c.status <> 'cancelled')`,
        responded: `count(*) filter (where c.status <> 'cancelled' and ${RESPONSE_AT} <= c.accept_due_at)`,
      })}
      from ${cases('c.reported_at')} group by 1, 2
      union all
      select k.node_id, k.day, ${counters({
        due: `count(*) filter (where c.status <> 'merged')`,
        closed_on_time: `count(*) filter (where c.status in ${OPEN_CLOSED} and c.closed_at <= c.due_at)`,
      })}
      from ${cases('c.due_at')} group by 1, 2
      union all
      select k.node_id, k.day, ${counters({ closed: 'count(*)', resolved: 'count(*) filter (where c.resolved)', whistled: 'count(*) filter (where c.whistled)' })}
      from ${cases('c.closed_at', `c.status in ${OPEN_CLOSED}`)} group by 1, 2
      union all
      select k.node_id, k.day, ${counters({
        rated: 'count(*)',
        satisfied: `count(*) filter (where c.satisfaction = 'satisfied')`,
        basic: `count(*) filter (where c.satisfaction = 'basic')`,
      })}
      from ${cases('c.rated_at', 'c.satisfaction is not null')} group by 1, 2
      union all
      select k.node_id, k.day, ${counters({ dispatched: 'count(*)', extended: 'count(*) filter (where c.extended)' })}
      from ${cases(ASSIGNED_AT)} group by 1, 2
      union all
      select k.node_id, k.day, ${counters({ verified: 'count(*)', reworked: 'count(*) filter (where e.rework)' })}
      from k cross join lateral (select e.rework from case_stats_event e where e.${sql.raw(decider)} = k.node_id and e.day = k.day offset 0) e group by 1, 2
      union all
      select k.node_id, k.day, ${counters({ yellow_cards: `count(*) filter (where x.color = 'yellow')`, red_cards: `count(*) filter (where x.color = 'red')` })}
      from k cross join lateral (select x.color from case_card x where x.node_id = k.node_id and x.raised_at >= k.lo and x.raised_at < k.hi offset 0) x group by 1, 2
      union all
      select k.node_id, k.day, ${counters({ points_deducted: 'coalesce(-sum(x.points) filter (where x.points < 0), 0)' })}
      from k cross join lateral (select x.points from node_score_entry x where x.node_id = k.node_id and x.at >= k.lo and x.at < k.hi offset 0) x group by 1, 2
    ) x
    group by node_id, day having ${nonZero}`.execute(tx);
  await sql`
    with k as (${KEYS_BOUNDED(keys)})
    insert into case_stats_late (node_id, due_day, closed_day, n)
    select k.node_id, k.day, case_stats_day_of(c.closed_at), count(*)
    from ${cases('c.due_at', `c.status in ${OPEN_CLOSED} and c.closed_at > c.due_at`)}
    group by 1, 2, 3`.execute(tx);
  await sql`
    with k as (${KEYS_BOUNDED(keys)})
    insert into case_stats_category (node_id, day, category_id, received, closed)
    select node_id, day, category_id, sum(received), sum(closed) from (
      select k.node_id, k.day, c.category_id, count(*) as received, 0 as closed
      from ${cases('c.reported_at', `c.status <> 'cancelled'`)} group by 1, 2, 3
      union all
      select k.node_id, k.day, c.category_id, 0, count(*)
      from ${cases('c.closed_at', `c.status in ${OPEN_CLOSED}`)} group by 1, 2, 3
    ) x group by 1, 2, 3`.execute(tx);
  await sql`
    with k as (${KEYS_BOUNDED(keys)})
    insert into case_stats_source (node_id, day, source, received)
    select k.node_id, k.day, c.source, count(*)
    from ${cases('c.reported_at', `c.status <> 'cancelled'`)} group by 1, 2, 3`.execute(tx);
}

const CARD_COLS = ['yellow_cards', 'red_cards', 'points_deducted'];
const CASE_COUNTERS = COUNTERS.filter((c) => !CARD_COLS.includes(c));

/**
 * Recomputes the case columns and breakdowns of area buckets of one level from their direct administrative
 * children's rows (grids for a community, communities for a street …), which are fresh: levels run bottom-up.
 * Only rows whose values change are written (an area's day has many rows; one case changes one or two), and
 * the card columns are left as they are (recomputeAreaCards).
 */
async function recomputeAreaLevel(tx: Transaction<DB>, keys: Key[]): Promise<void> {
  if (keys.length === 0) return;
  const children = (table: string, dayCol: string) =>
    sql.raw(`k cross join lateral (select s.* from org_node ch join ${table} s on s.node_id = ch.id and s.${dayCol} = k.day
      where ch.parent_id = k.node_id and ch.tree = 'admin' offset 0) s`);
  const changed = (table: string, cols: readonly string[]) =>
    sql.raw(`(${cols.map((c) => `${table}.${c}`).join(', ')}) is distinct from (${cols.map((c) => `excluded.${c}`).join(', ')})`);
  await sql`
    with k as (${keysOf(keys)})
    insert into case_stats_day (node_id, day, ${sql.raw(CASE_COUNTERS.join(', '))})
    select k.node_id, k.day, ${sql.raw(CASE_COUNTERS.map((c) => `coalesce(sum(s.${c}), 0)`).join(', '))}
    from k left join lateral (select s.* from org_node ch join case_stats_day s on s.node_id = ch.id and s.day = k.day
      where ch.parent_id = k.node_id and ch.tree = 'admin' offset 0) s on true
    group by k.node_id, k.day
    on conflict (node_id, day) do update set ${sql.raw(CASE_COUNTERS.map((c) => `${c} = excluded.${c}`).join(', '))}
    where ${changed('case_stats_day', CASE_COUNTERS)}`.execute(tx);
  // Breakdowns: the new rows, the old ones no longer there deleted, the changed ones updated.
  const breakdowns = [
    { table: 'case_stats_late', day: 'due_day', key: 'closed_day', cols: ['n'] },
    { table: 'case_stats_category', day: 'day', key: 'category_id', cols: ['received', 'closed'] },
    { table: 'case_stats_source', day: 'day', key: 'source', cols: ['received'] },
  ] as const;
  for (const b of breakdowns) {
    const sums = sql.raw(b.cols.map((c) => `sum(s.${c}) as ${c}`).join(', '));
    await sql`
      with k as (${keysOf(keys)}),
      fresh as (select k.node_id, k.day, s.${sql.raw(b.key)} as key, ${sums} from ${children(b.table, b.day)} group by 1, 2, 3),
      gone as (
        delete from ${sql.table(b.table)} t using k where t.node_id = k.node_id and t.${sql.raw(b.day)} = k.day
          and not exists (select 1 from fresh f where f.node_id = t.node_id and f.day = t.${sql.raw(b.day)} and f.key = t.${sql.raw(b.key)})
      )
      insert into ${sql.table(b.table)} (node_id, ${sql.raw(b.day)}, ${sql.raw(b.key)}, ${sql.raw(b.cols.join(', '))})
      select node_id, day, key, ${sql.raw(b.cols.join(', '))} from fresh
      on conflict (node_id, ${sql.raw(b.day)}, ${sql.raw(b.key)}) do update set ${sql.raw(b.cols.map((c) => `${c} = excluded.${c}`).join(', '))}
      where ${changed(b.table, b.cols)}`.execute(tx);
  }
}

/** Recomputes the card and points columns of area buckets: everything given that day to a node under the area. */
async function recomputeAreaCards(tx: Transaction<DB>, keys: Key[]): Promise<void> {
  if (keys.length === 0) return;
  // Each card (or points entry) of the batch's days read once, fanned out to the areas on its node's path.
  const given = (table: string, dateCol: string, cols: string) =>
    sql.raw(`d cross join lateral (select ${cols}, x.node_id from ${table} x where x.${dateCol} >= d.lo and x.${dateCol} < d.hi offset 0) x
      join org_node n on n.id = x.node_id and n.tree <> 'party'
      cross join lateral unnest(string_to_array(trim(both '/' from n.path), '/')) as anc(id) join k on k.node_id = anc.id::int and k.day = d.day`);
  await sql`
    with k as (${keysOf(keys)}), d as (${DAYS}),
    cards as (select k.node_id, k.day, count(*) filter (where x.color = 'yellow') as y, count(*) filter (where x.color = 'red') as r
      from ${given('case_card', 'raised_at', 'x.color')} group by 1, 2),
    points as (select k.node_id, k.day, coalesce(-sum(x.points) filter (where x.points < 0), 0) as p
      from ${given('node_score_entry', 'at', 'x.points')} group by 1, 2)
    insert into case_stats_day (node_id, day, yellow_cards, red_cards, points_deducted)
    select k.node_id, k.day, coalesce(cards.y, 0), coalesce(cards.r, 0), coalesce(points.p, 0)
    from k left join cards on cards.node_id = k.node_id and cards.day = k.day left join points on points.node_id = k.node_id and points.day = k.day
    on conflict (node_id, day) do update set yellow_cards = excluded.yellow_cards, red_cards = excluded.red_cards, points_deducted = excluded.points_deducted
    where (case_stats_day.yellow_cards, case_stats_day.red_cards, case_stats_day.points_deducted) is distinct from (excluded.yellow_cards, excluded.red_cards, excluded.points_deducted)`.execute(tx);
}

/** The ids on a node's path (its ancestors and itself; party segments skipped). */
function pathIds(path: string): number[] {
  return path.split('/').filter((s) => /^\d+$/.test(s)).map(Number);
}

interface Taken extends Key {
  cards: boolean;
}

/**
 * Splits taken keys into leaf keys (grids, departments), the area keys whose case columns follow from changed
 * grids (by level, bottom-up) and the area keys whose card columns follow from changed cards or points.
 */
async function plan(tx: Transaction<DB>, taken: Taken[]) {
  const byId = new Map<number, NodeInfo & { level: number }>();
  const load = async (ids: number[]) => {
    const missing = [...new Set(ids)].filter((id) => !byId.has(id));
    if (missing.length === 0) return;
    const rows = await tx.selectFrom('org_node').select(['id', 'type', 'tree', 'path', 'level']).where('id', 'in', missing).execute();
    for (const r of rows) byId.set(r.id, r);
  };
  await load(taken.map((k) => k.nodeId));
  await load(taken.flatMap((k) => (byId.has(k.nodeId) ? pathIds(byId.get(k.nodeId)!.path) : [])));
  const grids = new Map<string, Key>();
  const depts = new Map<string, Key>();
  const areas = new Map<string, Key & { level: number }>();
  const cardAreas = new Map<string, Key>();
  const put = (m: Map<string, Key>, nodeId: number, day: string) => m.set(`${nodeId}|${day}`, { nodeId, day });
  for (const k of taken) {
    const n = byId.get(k.nodeId);
    if (!n) continue; // a node that no longer exists has no rows (foreign keys)
    if (n.type === 'grid') put(grids, n.id, k.day);
    else if (n.tree === 'department') put(depts, n.id, k.day);
    for (const id of pathIds(n.path)) {
      const a = byId.get(id);
      if (!a || a.tree !== 'admin' || a.type === 'grid') continue;
      if (k.cards) put(cardAreas, a.id, k.day);
      else if (n.type === 'grid') areas.set(`${a.id}|${k.day}`, { nodeId: a.id, day: k.day, level: a.level });
    }
  }
  const levels = [...new Set([...areas.values()].map((a) => a.level))].sort((x, y) => x - y);
  return {
    grids: [...grids.values()],
    depts: [...depts.values()],
    areaLevels: levels.map((l) => [...areas.values()].filter((a) => a.level === l)),
    cardAreas: [...cardAreas.values()],
  };
}

/** One batch: take up to `limit` log rows (id ≤ upTo) and recompute their buckets. Returns the rows taken. */
async function refreshBatch(db: Kysely<DB>, upTo: number, limit: number): Promise<{ rows: number; buckets: number }> {
  return db.transaction().execute(async (tx) => {
    await sql`select pg_advisory_xact_lock(${LOCK_KEY})`.execute(tx);
    // Many small parameterised index scans: compiling them (JIT) costs seconds and saves nothing.
    await sql`set local jit = off`.execute(tx);
    const { rows } = await sql<{ node_id: number; day: string; cards: boolean }>`
      delete from case_stats_dirty where id in (select id from case_stats_dirty where id <= ${upTo} order by id limit ${limit})
      returning node_id, day, cards`.execute(tx);
    if (rows.length === 0) return { rows: 0, buckets: 0 };
    const p = await plan(tx, rows.map((r) => ({ nodeId: r.node_id, day: r.day, cards: r.cards })));
    await recomputeLeaves(tx, 'grid', p.grids);
    await recomputeLeaves(tx, 'dept', p.depts);
    for (const level of p.areaLevels) await recomputeAreaLevel(tx, level);
    await recomputeAreaCards(tx, p.cardAreas);
    // An area bucket left with nothing at all goes (as a leaf bucket does), so the rollup holds only data.
    const areaKeys = [...p.areaLevels.flat(), ...p.cardAreas];
    if (areaKeys.length > 0) {
      await sql`delete from case_stats_day t using (${keysOf(areaKeys)}) k
        where t.node_id = k.node_id and t.day = k.day and ${sql.raw(COUNTERS.map((c) => `t.${c} = 0`).join(' and '))}`.execute(tx);
    }
    return { rows: rows.length, buckets: p.grids.length + p.depts.length + p.areaLevels.flat().length + p.cardAreas.length };
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

/** The decisions copied afresh from the timeline (the rebuild starts from the raw tables only). */
const COPY_DECISIONS = `
  insert into case_stats_event (event_id, case_id, day, rework, grid_id, handler_id)
  select e.id, e.case_id, case_stats_day_of(e.at), e.action = 'rework', c.grid_id, c.handler_node_id
  from case_event e join case_file c on c.id = e.case_id where e.action in ('verify', 'rework')`;
/** Every bucket that has raw rows, in day order (a refresh batch then covers a few whole days). */
const CASE_DAYS = `cross join lateral (values (case_stats_day_of(c.reported_at)), (case_stats_day_of(c.due_at)), (case_stats_day_of(c.closed_at)),
  (case_stats_day_of(c.rated_at)), (case_stats_day_of(case_stats_assigned_at(c.dispatched_at, c.accepted_at, c.due_at)))) as d(day)`;
const MARK_ALL = `
  insert into case_stats_dirty (node_id, day)
  select node_id, day from (
    select c.grid_id as node_id, d.day from case_file c ${CASE_DAYS}
    union all
    select c.handler_node_id, d.day from case_file c join org_node h on h.id = c.handler_node_id and h.tree = 'department' ${CASE_DAYS}
    union all
    select grid_id, day from case_stats_event
    union all
    select e.handler_id, e.day from case_stats_event e join org_node h on h.id = e.handler_id and h.tree = 'department'
  ) k
  where day is not null
  group by 2, 1
  order by 2, 1`;
const MARK_ALL_CARDS = `
  insert into case_stats_dirty (node_id, day, cards)
  select node_id, day, true from (
    select node_id, case_stats_day_of(raised_at) as day from case_card
    union all
    select node_id, case_stats_day_of(at) from node_score_entry
  ) k
  group by 2, 1
  order by 2, 1`;

/**
 * Rebuilds the whole rollup from the raw tables: empties it, copies the decisions afresh from the timeline,
 * logs every bucket that has data, refreshes.
 * For a bulk load made with the triggers off, or to check the incremental rollup against a fresh one.
 */
export async function rebuildCaseStats(db: Kysely<DB>, opts: { batchSize?: number; maxBatches?: number } = {}): Promise<RefreshResult> {
  await db.transaction().execute(async (tx) => {
    await sql`select pg_advisory_xact_lock(${LOCK_KEY})`.execute(tx);
    await sql`set local jit = off`.execute(tx);
    for (const t of ['case_stats_day', 'case_stats_late', 'case_stats_category', 'case_stats_source', 'case_stats_dirty', 'case_stats_event']) await sql`delete from ${sql.table(t)}`.execute(tx);
    await sql.raw(COPY_DECISIONS).execute(tx);
    await sql.raw(MARK_ALL).execute(tx);
    await sql.raw(MARK_ALL_CARDS).execute(tx);
  });
  return refreshCaseStats(db, opts);
}
