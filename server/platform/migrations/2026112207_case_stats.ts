/**
 * Case statistics (server/modules/cases/README.md "Statistics", docs/decisions/0004-case-metrics.md): an
 * exact rollup of the case metrics per (node, China day), kept right by recomputation, never by increments.
 *
 * - `case_stats_day` — per leaf (a grid: cases located there; a department: cases it is the handler of)
 *   and per area (district, street, community: the sum of its grids' rows, plus the cards and points of
 *   every node below) and day: each metric's numerator and denominator counted on the day it is keyed by.
 *   `case_stats_late` — cases closed late, by (due day, closing day), so that "closed by the end of the
 *   period" is exact for any period. `case_stats_category` / `case_stats_source` — the breakdowns.
 * - `case_stats_event` — the verification decisions (verify / rework events) with the case's current grid
 *   and handler, kept in step by triggers (a case moved to another grid or handler takes its rows along),
 *   so that a (grid, day) or (department, day) bucket finds its decisions by index.
 * - `case_stats_dirty` — an append-only log of (node, day) buckets whose raw rows changed, written by the
 *   statement-level triggers below (old and new keys of every changed case row, decisions, cards, points).
 *   Append-only on purpose: a writer never waits on another writer or on a refresh (no unique key to
 *   conflict on), so the triggers add no lock waits and no deadlocks. The refresh (case-stats.refresh.ts)
 *   deletes the rows it takes and recomputes just those buckets from the raw tables; a change committed
 *   meanwhile leaves its own row for the next refresh.
 * - Indexes: each metric date by grid and by (non-grid) handler, so that one bucket reads only its rows.
 * The derived tables carry no foreign keys: they are rebuilt from the raw tables, and checks would only slow
 * the refresh down.
 */
import type { Migration } from 'kysely/migration';
import { runStatements } from './run.js';

/** Case columns the metrics read: a change of any of them dirties the case's buckets (old and new). */
const WATCHED = [
  'status',
  'grid_id',
  'handler_node_id',
  'category_id',
  'source',
  'reported_at',
  'accepted_at',
  'accept_due_at',
  'dispatched_at',
  'due_at',
  'closed_at',
  'rated_at',
  'resolved',
  'satisfaction',
  'extended',
  'whistled',
];
const row = (alias: string) => `(${WATCHED.map((c) => `${alias}.${c}`).join(', ')})`;
const days = (r: string) => `case_stats_days(${r}.reported_at, ${r}.due_at, ${r}.closed_at, ${r}.rated_at, ${r}.dispatched_at, ${r}.accepted_at)`;

/** Keys of a set of case rows `r`: its grid's days, and its handler's days when the handler is a department. */
const caseKeys = (r: string) => `
    select ${r}.grid_id as node_id, d.day from ${r}, ${days(r)} as d(day)
    union
    select ${r}.handler_node_id, d.day from ${r} join org_node h on h.id = ${r}.handler_node_id and h.tree = 'department', ${days(r)} as d(day)`;
/** Keys of decision rows `e` (case_stats_event): the grid's and the department handler's decision day. */
const eventKeys = (e: string) => `
    select ${e}.grid_id as node_id, ${e}.day from ${e}
    union
    select ${e}.handler_id, ${e}.day from ${e} join org_node h on h.id = ${e}.handler_id and h.tree = 'department'`;

const DATES = ['reported_at', 'due_at', 'closed_at', 'rated_at'];
const ASSIGNED = 'case_stats_assigned_at(dispatched_at, accepted_at, due_at)';

const up = [
  // The China day of an instant (UTC+8, no daylight saving), and the instant handling was first assigned:
  // the first dispatch, or — for a report taken straight by the grid or department it was filed to — its
  // acceptance, once a handling clock has run (due_at set).
  `create function case_stats_day_of(ts timestamptz) returns date language sql immutable parallel safe as
    $$ select ((ts at time zone 'UTC') + interval '8 hours')::date $$`,
  `create function case_stats_assigned_at(dispatched_at timestamptz, accepted_at timestamptz, due_at timestamptz)
    returns timestamptz language sql immutable parallel safe as
    $$ select coalesce(dispatched_at, case when due_at is not null then accepted_at end) $$`,
  `create function case_stats_days(reported_at timestamptz, due_at timestamptz, closed_at timestamptz, rated_at timestamptz,
      dispatched_at timestamptz, accepted_at timestamptz) returns setof date language sql immutable parallel safe as
    $$ select distinct d from unnest(array[case_stats_day_of(reported_at), case_stats_day_of(due_at), case_stats_day_of(closed_at),
         case_stats_day_of(rated_at), case_stats_day_of(case_stats_assigned_at(dispatched_at, accepted_at, due_at))]) as d
       where d is not null $$`,

  // cards: the row comes from a card or a points entry (areas then recompute their card columns).
  `create table case_stats_dirty (
    id bigserial primary key,
    node_id int not null,
    day date not null,
    cards boolean not null default false
  )`,

  `create table case_stats_event (
    event_id bigint primary key,
    case_id bigint not null,
    day date not null,
    rework boolean not null,
    grid_id int not null,
    handler_id int
  )`,
  `create index case_stats_event_case on case_stats_event(case_id)`,
  `create index case_stats_event_grid on case_stats_event(grid_id, day)`,
  `create index case_stats_event_handler on case_stats_event(handler_id, day) where handler_id is not null`,

  `create table case_stats_day (
    node_id int not null,
    day date not null,
    received int not null default 0,
    responded int not null default 0,
    due int not null default 0,
    closed_on_time int not null default 0,
    closed int not null default 0,
    resolved int not null default 0,
    whistled int not null default 0,
    rated int not null default 0,
    satisfied int not null default 0,
    basic int not null default 0,
    verified int not null default 0,
    reworked int not null default 0,
    dispatched int not null default 0,
    extended int not null default 0,
    yellow_cards int not null default 0,
    red_cards int not null default 0,
    points_deducted int not null default 0,
    primary key (node_id, day)
  )`,
  `create index case_stats_day_day on case_stats_day(day)`,
  `create table case_stats_late (
    node_id int not null,
    due_day date not null,
    closed_day date not null,
    n int not null,
    primary key (node_id, due_day, closed_day)
  )`,
  `create index case_stats_late_day on case_stats_late(due_day)`,
  `create table case_stats_category (
    node_id int not null,
    day date not null,
    category_id int not null,
    received int not null default 0,
    closed int not null default 0,
    primary key (node_id, day, category_id)
  )`,
  `create index case_stats_category_day on case_stats_category(day)`,
  `create table case_stats_source (
    node_id int not null,
    day date not null,
    source text not null,
    received int not null default 0,
    primary key (node_id, day, source)
  )`,
  `create index case_stats_source_day on case_stats_source(day)`,

  // One bucket's cases by each date a metric is keyed by: by grid, and by handler when that is not the grid.
  ...DATES.map((d) => `create index case_file_stats_grid_${d} on case_file(grid_id, ${d})${d === 'reported_at' ? '' : ` where ${d} is not null`}`),
  `create index case_file_stats_grid_assigned on case_file(grid_id, (${ASSIGNED})) where ${ASSIGNED} is not null`,
  ...DATES.map((d) => `create index case_file_stats_handler_${d} on case_file(handler_node_id, ${d}) where handler_node_id <> grid_id${d === 'reported_at' ? '' : ` and ${d} is not null`}`),
  `create index case_file_stats_handler_assigned on case_file(handler_node_id, (${ASSIGNED})) where handler_node_id <> grid_id and ${ASSIGNED} is not null`,
  // "Open now" and "overdue now" under a node, read live.
  `create index case_file_stats_open on case_file(grid_path text_pattern_ops, stage_red_at)
    where status in ('reported', 'accepted', 'dispatched', 'in_progress', 'handled', 'returned', 'parked')`,
  `create index case_card_raised on case_card(raised_at)`,
  `create index node_score_entry_at on node_score_entry(at)`,

  // Triggers: statement-level with transition tables (one insert per statement, however many rows).
  `create function case_stats_case_changed() returns trigger language plpgsql as $$
  begin
    if tg_op = 'INSERT' then
      insert into case_stats_dirty (node_id, day) select distinct k.node_id, k.day from (${caseKeys('new_rows')}) k;
    elsif tg_op = 'DELETE' then
      insert into case_stats_dirty (node_id, day) select distinct k.node_id, k.day from (${caseKeys('old_rows')}) k;
    else
      insert into case_stats_dirty (node_id, day)
      with changed_old as (
        select o.* from old_rows o join new_rows n on n.id = o.id where ${row('o')} is distinct from ${row('n')}
      ), changed_new as (
        select n.* from old_rows o join new_rows n on n.id = o.id where ${row('o')} is distinct from ${row('n')}
      )
      select distinct k.node_id, k.day from (${caseKeys('changed_old')} union ${caseKeys('changed_new')}) k;
      -- A case moved to another grid or handler takes its decisions along (old and new buckets dirty).
      with moved as (
        select n.id, n.grid_id, n.handler_node_id from old_rows o join new_rows n on n.id = o.id
        where o.grid_id <> n.grid_id or o.handler_node_id is distinct from n.handler_node_id
      ), before as (
        select e.* from case_stats_event e join moved m on m.id = e.case_id
      ), after as (
        update case_stats_event e set grid_id = m.grid_id, handler_id = m.handler_node_id from moved m where e.case_id = m.id
        returning e.*
      )
      insert into case_stats_dirty (node_id, day)
      select distinct k.node_id, k.day from (${eventKeys('before')} union ${eventKeys('after')}) k;
    end if;
    return null;
  end $$`,
  `create trigger case_stats_case_insert after insert on case_file referencing new table as new_rows
    for each statement execute function case_stats_case_changed()`,
  `create trigger case_stats_case_update after update on case_file referencing old table as old_rows new table as new_rows
    for each statement execute function case_stats_case_changed()`,
  `create trigger case_stats_case_delete after delete on case_file referencing old table as old_rows
    for each statement execute function case_stats_case_changed()`,

  // A verification decision (verify or rework) is copied with the case's grid and handler; its day is dirty.
  `create function case_stats_event_added() returns trigger language plpgsql as $$
  begin
    with added as (
      insert into case_stats_event (event_id, case_id, day, rework, grid_id, handler_id)
      select e.id, e.case_id, case_stats_day_of(e.at), e.action = 'rework', c.grid_id, c.handler_node_id
      from new_rows e join case_file c on c.id = e.case_id where e.action in ('verify', 'rework')
      returning *
    )
    insert into case_stats_dirty (node_id, day) select distinct k.node_id, k.day from (${eventKeys('added')}) k;
    return null;
  end $$`,
  `create trigger case_stats_event_insert after insert on case_event referencing new table as new_rows
    for each statement execute function case_stats_event_added()`,

  // Cards and points count for the node they were given to, on their day.
  `create function case_stats_card_changed() returns trigger language plpgsql as $$
  begin
    if tg_op in ('INSERT', 'UPDATE') then
      insert into case_stats_dirty (node_id, day, cards) select distinct r.node_id, case_stats_day_of(r.raised_at), true from new_rows r;
    end if;
    if tg_op in ('DELETE', 'UPDATE') then
      insert into case_stats_dirty (node_id, day, cards) select distinct r.node_id, case_stats_day_of(r.raised_at), true from old_rows r;
    end if;
    return null;
  end $$`,
  `create trigger case_stats_card_insert after insert on case_card referencing new table as new_rows
    for each statement execute function case_stats_card_changed()`,
  `create trigger case_stats_card_update after update on case_card referencing old table as old_rows new table as new_rows
    for each statement execute function case_stats_card_changed()`,
  `create trigger case_stats_card_delete after delete on case_card referencing old table as old_rows
    for each statement execute function case_stats_card_changed()`,
  `create function case_stats_score_changed() returns trigger language plpgsql as $$
  begin
    if tg_op in ('INSERT', 'UPDATE') then
      insert into case_stats_dirty (node_id, day, cards) select distinct r.node_id, case_stats_day_of(r.at), true from new_rows r;
    end if;
    if tg_op in ('DELETE', 'UPDATE') then
      insert into case_stats_dirty (node_id, day, cards) select distinct r.node_id, case_stats_day_of(r.at), true from old_rows r;
    end if;
    return null;
  end $$`,
  `create trigger case_stats_score_insert after insert on node_score_entry referencing new table as new_rows
    for each statement execute function case_stats_score_changed()`,
  `create trigger case_stats_score_update after update on node_score_entry referencing old table as old_rows new table as new_rows
    for each statement execute function case_stats_score_changed()`,
  `create trigger case_stats_score_delete after delete on node_score_entry referencing old table as old_rows
    for each statement execute function case_stats_score_changed()`,

  // Whatever was recorded before this migration: decisions copied, every bucket logged for the first refresh.
  `insert into case_stats_event (event_id, case_id, day, rework, grid_id, handler_id)
   select e.id, e.case_id, case_stats_day_of(e.at), e.action = 'rework', c.grid_id, c.handler_node_id
   from case_event e join case_file c on c.id = e.case_id where e.action in ('verify', 'rework')`,
  `insert into case_stats_dirty (node_id, day)
   select distinct k.node_id, k.day from (
     select c.grid_id as node_id, d.day from case_file c, ${days('c')} as d(day)
     union
     select c.handler_node_id, d.day from case_file c join org_node h on h.id = c.handler_node_id and h.tree = 'department', ${days('c')} as d(day)
     union
     ${eventKeys('case_stats_event')}
   ) k`,
  `insert into case_stats_dirty (node_id, day, cards)
   select distinct k.node_id, k.day, true from (
     select node_id, case_stats_day_of(raised_at) as day from case_card
     union
     select node_id, case_stats_day_of(at) from node_score_entry
   ) k`,
];

export const caseStats: Migration = {
  up: (db) => runStatements(db, up),
};
