/**
 * Cases at benchmark scale (up to millions), generated set-wise in SQL: `INSERT … SELECT` over
 * `generate_series`, on one connection, no case row passing through Node. Every case follows one of the
 * workflow paths of cases-scale-flows.ts (the engine's own bookkeeping of clocks and parties), its stays
 * drawn in working time; its deadlines are the category's limits (the categories module's `limitsFor`)
 * on the calendar module's working days — the instants `stageClock` gives — computed in SQL from a
 * working-day index (cases-scale-refs.ts). Cards, points and escalations follow from the stays that ran
 * past a limit, as the sweep would have raised them.
 *
 * Modes: `history` spreads cases over `days` before `now`, newest with the highest ids (a live district:
 * most closed, some open); `open` leaves every case open at a random step of its path, a share of them
 * already late (the deadline sweep's worst days). Reporters: the 12345 hotline and Open311 (no accounts),
 * and grid workers' patrols (recorded by their grid, no account). Timelines (case_event) are optional.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import { dropSecondaryIndexes, createIndexes } from '../../platform/backup/index.js';
import { DEFAULT_CARD_POINTS } from '../cases/case-sweep.js';
import { deriveSeed } from './prng.js';
import * as T from './cases-text.js';
import { references } from './cases-scale-refs.js';
import { insertRows, maxId, setSequence, dropForeignKeys } from './cases-write.js';
import { rebuildCaseStats } from '../cases/case-stats.refresh.js';

export interface ScaleOptions {
  count: number;
  seed: number;
  now?: Date;
  /** history (default): over `days` before now; open: every case open now. */
  mode?: 'history' | 'open';
  /** The period of history mode (default 365 days). */
  days?: number;
  /** Write the timelines (case_event); without them: cases, parties, cards and points. Default true. */
  events?: boolean;
  /** Rebuild the statistics rollup afterwards (the load runs with its triggers off). Default true. */
  stats?: boolean;
  log?: (message: string) => void;
}

export interface ScaleSummary {
  cases: number;
  open: number;
  events: number;
  parties: number;
  cards: number;
  firstId: number;
  lastId: number;
  ms: number;
}

const DAY = 86_400_000;
const CST = 8 * 3_600_000;
/** The stay before each kind of step, in working hours: [median, spread, share that runs past the yellow limit]. */
const DURATIONS: Record<string, [number, number, number]> = {
  accept: [1.5, 0.7, 0.012], pass: [0.4, 0.7, 0.008], take: [1, 0.7, 0.01], sign: [1.5, 0.7, 0.012], handle: [4, 0.6, 0.03],
  handle_department: [24, 0.6, 0.04], verify: [2, 0.6, 0.01], rate: [18, 0.8, 0], return: [3, 0.7, 0.01], reject: [1, 0.7, 0.01], park: [2, 0.7, 0.01],
};
const TEMP = ['gz_cat', 'gz_grid', 'gz_dept', 'gz_desc', 'gz_flow', 'gz_node', 'gz_c', 'gz_o', 'gz_a', 'gz_t', 'gz_ki', 'gz_cards', 'gz_esc'];
const DEFERRED_INDEX_TABLES = ['case_file', 'case_event', 'case_party', 'case_card', 'node_score_entry'];

const lit = (v: string) => `'${v.replace(/'/g, "''")}'`;
const textArray = (xs: readonly string[]) => `array[${xs.map(lit).join(',')}]`;
/** A limit ('y' or 'r', working days) of a clock 'kind.stage' for the category row `k`. */
const lim = (clock: string, which: 'y' | 'r') =>
  `(case ${clock} ${['admin', 'department'].flatMap((kind) => ['accept', 'handle', 'verify'].map((st) => `when '${kind}.${st}' then k.${kind[0]}_${st}_${which}`)).join(' ')} else 1 end)`;
/** The node id of a role for the case row `c`. */
const role = (r: string) => `(case ${r} when 'G' then c.grid_id when 'C' then c.n_c when 'S' then c.n_s when 'D' then c.n_d when 'X' then c.n_x when 'Y' then c.n_y end)`;
/** Generates `count` cases set-wise into a database holding a demo district. */
export async function seedScaleCases(db: Kysely<DB>, opts: ScaleOptions): Promise<ScaleSummary> {
  const t0 = Date.now();
  const log = opts.log ?? (() => {});
  const now = opts.now ?? new Date();
  const mode = opts.mode ?? 'history';
  const days = opts.days ?? 365;
  const seed = deriveSeed(opts.seed, 40) & 0x7fffffff;
  const refs = await references(db, now, days, opts.seed);
  log(`references: ${refs.grids} grids, ${refs.categories} categories, ${refs.descriptions} descriptions (${Date.now() - t0} ms)`);
  const u = (i: string, salt: number) => `((hashint8extended((${i})::bigint, ${seed}::bigint * 131 + ${salt}) & 4503599627370495)::float8 / 4503599627370496.0)`;
  const nowLit = `'${now.toISOString()}'::timestamptz`;
  const pNow = refs.position(now);
  const points = await cardPoints(db);
  // The working-day index inlined as constant arrays: a subscript per instant, no join, rows keep their order.
  const di = refs.dayIndex;
  const WI = `('{${di.dayOfWidx.join(',')}}'::int[])`;
  const WD = `('{${di.widx.join(',')}}'::int[])`;
  const WORK = `('{${di.work.map((w) => (w ? 't' : 'f')).join(',')}}'::bool[])`;
  /** The instant of a working position. */
  const instant = (p: string) => `(timestamptz 'epoch' + ((${WI}[((${p})::bigint / ${DAY})::int + 1]::bigint * ${DAY} + (${p})::bigint % ${DAY} - ${CST}) * interval '1 millisecond'))`;
  /** The working position of an instant (00:00 of the next working day for a day off). */
  const position = (t: string) => {
    const ms = `(extract(epoch from ${t}) * 1000)::bigint`;
    const k = `(floor((${ms} + ${CST})::float8 / ${DAY})::int - ${di.first} + 1)`;
    return `(case when ${WORK}[${k}] then ${WD}[${k}]::bigint * ${DAY} + (${ms} + ${CST}) % ${DAY} else ${WD}[${k}]::bigint * ${DAY} end)`;
  };

  return db.connection().execute(async (conn) => {
    await sql.raw(`set work_mem = '256MB'`).execute(conn);
    const run = async (label: string, q: string) => {
      const t = Date.now();
      if (process.env.GZ_SCALE_EXPLAIN === label) {
        const plan = await sql.raw(`explain (analyze, buffers) ${q.replace(/^\s*create temp table \w+ as/, '')}`).execute(conn);
        log((plan.rows as { 'QUERY PLAN': string }[]).map((r) => r['QUERY PLAN']).join('\n'));
      }
      const r = await sql.raw(q).execute(conn);
      log(`${label}: ${((Date.now() - t) / 1000).toFixed(1)} s${r.numAffectedRows !== undefined ? ` (${r.numAffectedRows} rows)` : ''}`);
    };
    for (const x of TEMP) await sql.raw(`drop table if exists ${x}`).execute(conn);
    for (const t of refs.tables) {
      await sql.raw(t.create).execute(conn);
      await insertRows(conn, t.table, t.cols, t.rows);
      await sql.raw(`analyze ${t.table}`).execute(conn);
    }
    const firstId = (await maxId(conn, 'case_file')) + 1;
    const n = opts.count;
    const bucket = (cum: number[], x: string) => (cum.length ? `width_bucket(${x}, array[${cum.join(',')}]::float8[])` : '0');

    // One row per case: category, grid, path, description, source; in history mode its report instant.
    await run('cases', `create temp table gz_c as
      select q.*, case when q.flow = 'P' then 'patrol' when q.u_src < 0.7 then 'hotline' else 'open311' end as source,
        ${position('q.reported_raw')} as p0 from (
      with b as (
        select i, ${u('i', 1)} as u_cat, ${u('i', 2)} as u_grid, ${u('i', 3)} as u_flow, ${u('i', 4)} as u_age, ${u('i', 5)} as u_place,
          ${u('i', 6)} as u_text, ${u('i', 7)} as u_src, ${u('i', 8)} as u_hour, ${u('i', 9)} as u_rate, ${u('i', 10)} as u_stop, ${u('i', 11)} as u_tau,
          ${u('i', 12)} as u_sat, ${u('i', 13)} as u_res, ${u('i', 14)} as u_route
        from generate_series(1, ${n}) i),
      p as (
        select b.*, ${firstId - 1} + b.i as id, ${bucket(refs.catCum, `b.u_cat * ${refs.catTotal}`)} as cat_k, ${bucket(refs.gridCum, `b.u_grid * ${refs.gridTotal}`)} as grid_k from b)
      select p.*, k.id as category_id, g.id as grid_id, g.path as grid_path, g.name_zh as grid_name, g.comm as n_c, g.street as n_s, g.dist as n_d,
        dx.id as n_x, dx.alt as n_y, k.urgent or p.u_src > 0.97 as urgent,
        floor(p.u_text * k.ntmpl)::int as tj, floor(p.u_place * g.nplace)::int as pj,
        case when k.level = 'district' and dx.id is not null then 'I'
             when k.level = 'street' and dx.id is not null then 'T'
             when k.patrol and p.u_flow < 0.2 then 'P'
             when p.u_route < 0.03 then 'J'
             when p.u_route < 0.04 then 'K'
             when p.u_route < 0.08 then 'W'
             when dx.id is not null and p.u_route < 0.3 then 'U'
             when dx.id is not null and p.u_route < 0.33 then 'R'
             when p.u_route < 0.5 then 'S'
             else 'G' end as flow,
        least(date_trunc('second', ${nowLit}) - interval '1 minute', date_trunc('second', timestamptz 'epoch' + ((floor((extract(epoch from ${nowLit}) * 1000 + ${CST}) / ${DAY})
          - floor(((${n} - p.i) + p.u_age) / ${n} * ${days})) * ${DAY} - ${CST} + (7 + 15 * p.u_hour) * 3600000) * interval '1 millisecond')) as reported_raw
      from p join gz_cat k on k.k = p.cat_k join gz_grid g on g.k = p.grid_k left join gz_dept dx on dx.dist = g.dist and dx.code = k.dept) q`);
    await run('analyze', 'analyze gz_c');

    // Every move of every case, the stay before it drawn in working time.
    const dk = `(case when f.dur = 'handle' and f.prev_clock like 'department.%' then 'handle_department' else f.dur end)`;
    const param = (i: number) => `(case ${dk} ${Object.entries(DURATIONS).map(([k, v]) => `when '${k}' then ${v[i]}`).join(' ')} else 0 end)`;
    const s = 'c.id * 16 + f.step';
    const moves = `select c.id, c.p0, c.reported_raw, c.u_tau, c.u_stop, f.*, case when f.dur = 'none' then 0::bigint else floor(case
            when ${u(s, 20)} < ${param(2)} then ${lim('f.prev_clock', 'y')} * ${DAY} * (1.02 + 1.28 * ${u(s, 21)})
            else ${param(0)} * 3600000 * exp(${param(1)} * sqrt(-2 * ln(1 - ${u(s, 22)})) * cos(2 * pi() * ${u(s, 23)})) end)::bigint end as dur_ms
        from gz_c c join gz_cat k on k.k = c.cat_k join gz_flow f on f.flow = c.flow
        where not (f.action = 'rate' and (c.flow = 'P' or c.u_rate >= 0.6))`;
    // Positions: from the report (history); in open mode from the current step, placed at `now - τ` — within
    // the current clock's yellow limit for nine cases in ten, up to past its red limit for the tenth.
    let positioned: string;
    if (mode === 'history') {
      positioned = `select x.*, x.p0 + (sum(x.dur_ms) over (partition by x.id order by x.step))::bigint as p, x.reported_raw as reported_at from (${moves}) x`;
    } else {
      await run('moves', `create temp table gz_o as select x.*, (sum(x.dur_ms) over (partition by x.id order by x.step))::bigint as off from (${moves}) x`);
      await run('anchors', `create temp table gz_a as
        select o.id, o.step as stop, ${pNow} - o.off - floor(${u('o.id', 31)} * ${DAY} * case when o.u_tau < 0.9 then 0.9 * ${lim('o.cur_clock', 'y')}
          else 1.25 * ${lim('o.cur_clock', 'r')} end)::bigint as p0
        from gz_o o join gz_c c on c.id = o.id join gz_cat k on k.k = c.cat_k
        join (select flow, count(*) filter (where open_rank is not null) as n from gz_flow group by flow) f on f.flow = o.flow
        where o.open_rank = floor(o.u_stop * f.n)`);
      await run('analyze', 'analyze gz_o; analyze gz_a');
      positioned = `select o.*, a.p0 + o.off as p, null::timestamptz as reported_at from gz_o o join gz_a a on a.id = o.id where o.step <= a.stop order by o.id, o.step`;
    }

    // The moves that have happened, their instants, the clocks they start, where each clock ends, and per case
    // its last step, the clock in force, the last handling clock and its landmarks — one pass, one sort.
    await run('timeline', `create temp table gz_t as
      select z.*,
        min(z.p) filter (where z.starts_clock or z.stage is null) over (partition by z.id order by z.step rows between 1 following and unbounded following) as p_end,
        max(case when z.starts_clock then z.step end) over (partition by z.id order by z.step rows unbounded preceding) as clock_step,
        max(case when z.starts_clock and z.stage = 'handle' then z.step end) over (partition by z.id order by z.step rows unbounded preceding) as handle_step,
        max(z.step) over (partition by z.id) as last_step,
        min(z.at) filter (where z.action = 'accept') over (partition by z.id) as accepted_at,
        min(z.at) filter (where z.action = 'dispatch') over (partition by z.id) as dispatched_at,
        max(z.at) filter (where z.action = 'finish') over (partition by z.id) as finished_at,
        max(z.at) filter (where z.action in ('verify', 'reject')) over (partition by z.id) as closed_at,
        max(z.at) filter (where z.action = 'rate') over (partition by z.id) as rated_at,
        count(*) filter (where z.action = 'rework') over (partition by z.id) as reworks,
        max(z.at) over (partition by z.id) as updated_at,
        min(z.at) filter (where z.step = 0) over (partition by z.id) as reported_at
      from (
        select y.id, y.step, y.action, y.status, y.from_status, y.holder, y.from_holder, y.owner, y.handler, y.stage, y.starts_clock, y.stage_seq,
          y.clock, y.public, y.data, y.party_roles, y.party_kinds, y.p,
          case when y.step = 0 and y.reported_at is not null then y.reported_at else ${instant('y.p')} end as at
        from (${positioned}) y
        where ${mode === 'open' ? 'true' : `(y.step = 0 or ${instant('y.p')} <= ${nowLit})`}) z`);
    if (mode === 'open') await run('drop moves', 'drop table gz_o; drop table gz_a');
    await run('clocks', `create temp table gz_ki as
      select x.id, x.step, x.stage, x.stage_seq, x.holder, x.at as started_at, x.p_end, x.p_yellow, x.p_red,
        ${instant('x.p_warn')} as warn_at, ${instant('x.p_yellow')} as yellow_at, ${instant('x.p_red')} as red_at
      from (select t.id, t.step, t.stage, t.stage_seq, t.holder, t.at, t.p_end, t.p + round(0.7 * ${lim('t.clock', 'y')} * ${DAY})::bigint as p_warn,
              t.p + round(${lim('t.clock', 'y')} * ${DAY})::bigint as p_yellow, t.p + round(${lim('t.clock', 'r')} * ${DAY})::bigint as p_red
            from gz_t t join gz_c c on c.id = t.id join gz_cat k on k.k = c.cat_k where t.starts_clock) x`);
    await run('analyze', 'create index on gz_t (id, at); analyze gz_t; analyze gz_ki');
    // A stay that ran past a limit got its card at the limit (past ones), or has it now (the current one).
    // `at_step`: the move it came after (its place in the timeline).
    await run('cards', `create temp table gz_cards as
      select r.*, (select max(t.step) from gz_t t where t.id = r.id and t.at <= r.raised_at) as at_step from (
        select k.id, k.step, k.stage_seq, k.stage, ${role('k.holder')} as node_id, 'yellow'::text as color, k.yellow_at as raised_at
          from gz_ki k join gz_c c on c.id = k.id
          where k.p_yellow < k.p_red and (k.p_end > k.p_yellow or (k.p_end is null and k.yellow_at <= ${nowLit}))
        union all
        select k.id, k.step, k.stage_seq, k.stage, ${role('k.holder')}, 'red', k.red_at
          from gz_ki k join gz_c c on c.id = k.id
          where k.p_end > k.p_red or (k.p_end is null and k.red_at <= ${nowLit})) r`);
    // Escalations: a red card sends the case to the holder's superior, when that changes who supervises.
    await run('escalations', `create temp table gz_esc as
      select x.id, x.step, x.at_step, x.node_id, x.target, x.raised_at from (
        select r.*, n.parent_admin as target, lag(n.parent_admin) over (partition by r.id order by r.step) as before
        from gz_cards r join gz_node n on n.id = r.node_id where r.color = 'red' and n.parent_admin is not null) x
      where x.before is distinct from x.target`);
    await run('analyze', 'analyze gz_cards; analyze gz_esc');

    const summary = await conn.transaction().execute((tx) => write(tx, { firstId, n, now: nowLit, withEvents: opts.events ?? true, points, u, log }));
    for (const x of TEMP) await sql.raw(`drop table if exists ${x}`).execute(conn);
    await sql.raw('reset work_mem').execute(conn);
    return { ...summary, firstId, lastId: firstId + n - 1 };
  }).then(async (r) => {
    if (opts.stats ?? true) {
      const t = Date.now();
      const s = await rebuildCaseStats(db);
      log(`statistics rebuilt: ${s.buckets} buckets in ${((Date.now() - t) / 1000).toFixed(1)} s`);
    }
    return { ...r, ms: Date.now() - t0 };
  });
}

async function cardPoints(db: Kysely<DB>): Promise<{ yellow: number; red: number }> {
  const rows = await db.selectFrom('setting').select(['key', 'value']).where('key', 'in', ['cases.points.yellow', 'cases.points.red']).execute();
  const get = (k: string, d: number) => {
    const v = rows.find((r) => r.key === k)?.value;
    return typeof v === 'number' && Number.isFinite(v) && v >= 0 ? Math.round(v) : d;
  };
  return { yellow: get('cases.points.yellow', DEFAULT_CARD_POINTS.yellow), red: get('cases.points.red', DEFAULT_CARD_POINTS.red) };
}

interface WriteArgs {
  firstId: number;
  n: number;
  now: string;
  withEvents: boolean;
  points: { yellow: number; red: number };
  u: (i: string, salt: number) => string;
  log: (m: string) => void;
}

/** Writes the cases, timelines, parties, cards and points from the temp tables, in one transaction. */
async function write(tx: Transaction<DB>, a: WriteArgs) {
  const run = async (label: string, q: string) => {
    const t = Date.now();
    const r = await sql.raw(q).execute(tx);
    a.log(`${label}: ${((Date.now() - t) / 1000).toFixed(1)} s${r.numAffectedRows !== undefined ? ` (${r.numAffectedRows} rows)` : ''}`);
    return Number(r.numAffectedRows ?? 0);
  };
  const { u, now } = a;
  // A bulk load: secondary indexes rebuilt once, foreign keys checked once when re-added, and the
  // statistics triggers off (the caller rebuilds the statistics rollup afterwards: rebuildCaseStats).
  const deferred = await dropSecondaryIndexes(tx, DEFERRED_INDEX_TABLES);
  const keys = await dropForeignKeys(tx, DEFERRED_INDEX_TABLES);
  for (const t of DEFERRED_INDEX_TABLES) await sql.raw(`alter table ${t} disable trigger user`).execute(tx);
  const pick = (xs: readonly string[], x: string) => `(${textArray(xs)})[1 + floor(${x} * ${xs.length})::int]`;
  const sat = `(case when c.u_sat < 0.8 then 'satisfied' when c.u_sat < 0.94 then 'basic' else 'unsatisfied' end)`;
  const cases = await run('case_file', `insert into case_file (id, status, category_id, description, address, lat, lng, grid_id, grid_path, source, urgent,
      holder_node_id, holder_path, owner_node_id, handler_node_id, stage, stage_seq, stage_started_at, stage_warn_at, stage_yellow_at, stage_red_at,
      warned, card, next_sweep_at, escalated_node_id, accept_due_at, due_at, reported_at, accepted_at, dispatched_at, handled_at, closed_at, rated_at,
      resolved, satisfaction, rating_comment, rework_count, parked_reason, search_tokens, updated_at)
    select c.id, cur.status, c.category_id, d.description, d.address, d.lat, d.lng, c.grid_id, c.grid_path, c.source, c.urgent,
      hn.id, hn.path, ${role('cur.owner')}, ${role('cur.handler')}, cur.stage, cur.stage_seq, k.started_at, k.warn_at, k.yellow_at, k.red_at,
      coalesce(k.warn_at <= ${now}, false),
      case when k.id is null then 'none' when k.red_at <= ${now} then 'red' when k.yellow_at <= ${now} and k.p_yellow < k.p_red then 'yellow' else 'none' end,
      case when k.id is null or k.red_at <= ${now} then null when k.yellow_at <= ${now} and k.p_yellow < k.p_red then k.red_at
           when k.warn_at <= ${now} then k.yellow_at else k.warn_at end,
      esc.target, k0.red_at, kh.red_at,
      cur.reported_at, cur.accepted_at, cur.dispatched_at,
      case when cur.status in ('handled', 'closed', 'rated') then cur.finished_at end,
      case when cur.status in ('closed', 'rated', 'rejected') then cur.closed_at end,
      cur.rated_at,
      case when cur.status = 'rated' then ${sat} <> 'unsatisfied' or c.u_res < 0.3 when cur.status = 'closed' then c.u_res < 0.96 end,
      case when cur.status = 'rated' then ${sat} end,
      case when cur.status = 'rated' and ${sat} = 'unsatisfied' then ${pick(T.RATING_COMMENTS.unsatisfied, 'c.u_res')} end,
      cur.reworks, case when cur.status = 'parked' then ${pick(T.PARK_REASONS, 'c.u_res')} end,
      d.tokens, cur.updated_at
    from gz_c c
    join gz_t cur on cur.id = c.id and cur.step = cur.last_step
    left join gz_ki k on k.id = c.id and k.step = cur.clock_step and cur.stage is not null
    left join (select distinct on (id) id, target from gz_esc order by id, step desc) esc on esc.id = c.id
    left join gz_ki k0 on k0.id = c.id and k0.step = 0
    left join gz_ki kh on kh.id = c.id and kh.step = cur.handle_step
    join gz_node hn on hn.id = ${role('cur.holder')}
    join gz_desc d on d.cat_k = c.cat_k and d.tj = c.tj and d.grid_k = c.grid_k and d.pj = c.pj`);

  const cardBase = await maxId(tx, 'case_card');
  const cards = await run('case_card', `insert into case_card (id, case_id, stage_seq, stage, node_id, color, points, raised_at)
    select ${cardBase} + row_number() over (order by r.raised_at, r.id, r.color desc), r.id, r.stage_seq, r.stage, r.node_id, r.color,
      case r.color when 'yellow' then ${a.points.yellow} else ${a.points.red} end, r.raised_at
    from gz_cards r`);
  await run('node_score_entry', `insert into node_score_entry (node_id, points, reason, case_id, card_id, at)
    select node_id, -points, 'card.' || color, case_id, id, raised_at from case_card where id > ${cardBase} order by id`);

  const parties = await run('case_party', `insert into case_party (case_id, node_id, node_path, kind, created_at)
    select x.id, x.node_id, n.path, x.kind, min(x.at) from (
      select t.id, ${role('r.role')} as node_id, r.kind, t.at from gz_t t join gz_c c on c.id = t.id cross join lateral unnest(t.party_roles, t.party_kinds) as r(role, kind)
      union all select e.id, e.target, 'escalated', e.raised_at from gz_esc e) x
    join gz_node n on n.id = x.node_id group by x.id, x.node_id, n.path, x.kind`);

  let events = 0;
  if (a.withEvents) {
    const eventBase = await maxId(tx, 'case_event');
    const note = `(case t.action when 'reject' then ${pick(T.REJECT_REASONS, u('t.id * 16 + t.step', 50))}
      when 'hand_up' then ${pick(T.HAND_UP_REASONS, u('t.id * 16 + t.step', 50))} when 'return' then ${pick(T.RETURN_REASONS, u('t.id * 16 + t.step', 50))}
      when 'park' then ${pick(T.PARK_REASONS, 'c.u_res')} when 'rework' then ${pick(T.REWORK_REASONS, u('t.id * 16 + t.step', 50))}
      when 'finish' then ${pick(T.FINISH_NOTES.other!.concat(T.FINISH_NOTES.property!), u('t.id * 16 + t.step', 50))}
      when 'rate' then case when ${sat} = 'unsatisfied' then ${pick(T.RATING_COMMENTS.unsatisfied, 'c.u_res')} end end)`;
    const data = `(case t.data when 'source' then jsonb_build_object('source', c.source) when 'to' then jsonb_build_object('to', ${role('t.holder')})
      when 'self' then jsonb_build_object('self', true) when 'resolved' then jsonb_build_object('resolved', c.u_res < 0.96)
      when 'rating' then jsonb_build_object('satisfaction', ${sat}, 'resolved', ${sat} <> 'unsatisfied' or c.u_res < 0.3)
      else case when t.action = 'return' then jsonb_build_object('from', ${role('t.from_holder')}) else '{}'::jsonb end end)`;
    events = await run('case_event', `insert into case_event (id, case_id, at, action, actor_user_id, actor_node_id, from_status, to_status, from_node_id, to_node_id, note, data, public)
      select ${eventBase} + 1 + (c.i - 1) * 64 + t.step * 4, t.id, t.at, t.action, null::int,
        case when t.step = 0 then ${role('t.holder')} when t.action = 'rate' then null::int else ${role('t.from_holder')} end,
        t.from_status, t.status, ${role('t.from_holder')}, ${role('t.holder')}, ${note}, ${data}, t.public
      from gz_t t join gz_c c on c.id = t.id
      union all
      select ${eventBase} + 1 + (c.i - 1) * 64 + r.at_step * 4 + case r.color when 'yellow' then 1 else 2 end, r.id, r.raised_at, 'card_' || r.color, null::int, null::int, null::text, null::text, null::int,
        r.node_id, null::text, jsonb_build_object('points', case r.color when 'yellow' then ${a.points.yellow} else ${a.points.red} end), false
      from gz_cards r join gz_c c on c.id = r.id
      union all
      select ${eventBase} + 1 + (c.i - 1) * 64 + e.at_step * 4 + 3, e.id, e.raised_at, 'escalate', null::int, null::int, null::text, null::text, e.node_id, e.target, null::text, '{}'::jsonb, true
      from gz_esc e join gz_c c on c.id = e.id`);
  }
  const t = Date.now();
  for (const t of DEFERRED_INDEX_TABLES) await sql.raw(`alter table ${t} enable trigger user`).execute(tx);
  await createIndexes(tx, deferred);
  for (const k of keys) await sql.raw(k).execute(tx);
  for (const table of ['case_file', 'case_event', 'case_card', 'node_score_entry']) await setSequence(tx, table);
  a.log(`indexes: ${((Date.now() - t) / 1000).toFixed(1)} s`);
  const open = await sql<{ n: number }>`select count(*)::int as n from case_file where id >= ${a.firstId} and status not in ('closed', 'rated', 'rejected', 'cancelled', 'merged')`.execute(tx);
  return { cases, open: open.rows[0]!.n, events, parties, cards };
}
