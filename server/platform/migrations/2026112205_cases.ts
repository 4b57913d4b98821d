/**
 * Cases (案卷): the case file, its immutable timeline, the nodes involved, followers, photos, extension
 * requests, cards and the points ledger. States and moves: server/modules/cases/README.md.
 */
import type { Migration } from 'kysely/migration';
import { runStatements } from './run.js';

export const CASE_STATUSES = [
  'reported',
  'accepted',
  'dispatched',
  'in_progress',
  'handled',
  'closed',
  'rated',
  'returned',
  'parked',
  'rejected',
  'cancelled',
  'merged',
] as const;

const list = (xs: readonly string[]) => xs.map((x) => `'${x}'`).join(', ');

const up = [
  `create table case_file (
    id bigserial primary key,
    status text not null check (status in (${list(CASE_STATUSES)})),
    category_id int not null references case_category(id),
    description text not null,
    address text not null default '',
    lat double precision not null,
    lng double precision not null,
    grid_id int not null references org_node(id),
    grid_path text not null,
    source text not null check (source in ('resident', 'patrol', 'staff', 'hotline', 'open311', 'sensor')),
    urgent boolean not null default false,
    reporter_user_id int references app_user(id),
    hide_reporter boolean not null default false,
    client_key text,
    client_hash text,
    holder_node_id int not null references org_node(id),
    holder_path text not null,
    owner_node_id int not null references org_node(id),
    handler_node_id int references org_node(id),
    stage text check (stage in ('accept', 'handle', 'verify')),
    stage_seq int not null default 0,
    stage_started_at timestamptz,
    stage_warn_at timestamptz,
    stage_yellow_at timestamptz,
    stage_red_at timestamptz,
    stage_extension_days int not null default 0,
    warned boolean not null default false,
    card text not null default 'none' check (card in ('none', 'yellow', 'red')),
    next_sweep_at timestamptz,
    escalated_node_id int references org_node(id),
    accept_due_at timestamptz,
    due_at timestamptz,
    reported_at timestamptz not null default now(),
    accepted_at timestamptz,
    dispatched_at timestamptz,
    handled_at timestamptz,
    closed_at timestamptz,
    rated_at timestamptz,
    resolved boolean,
    satisfaction text check (satisfaction in ('satisfied', 'basic', 'unsatisfied')),
    rating_comment text,
    reopen_count int not null default 0,
    rework_count int not null default 0,
    extended boolean not null default false,
    whistled boolean not null default false,
    merged_into_id bigint references case_file(id),
    parked_reason text,
    search_tokens text not null default '',
    tsv tsvector generated always as (to_tsvector('simple', search_tokens)) stored,
    updated_at timestamptz not null default now()
  )`,
  // A replayed report (same reporter, same key) finds the first one.
  `create unique index case_file_client_key on case_file(reporter_user_id, client_key) where client_key is not null`,
  // Boards: what a node holds, newest first; what lies under a node.
  `create index case_file_holder on case_file(holder_node_id, status, reported_at desc)`,
  `create index case_file_holder_path on case_file(holder_path text_pattern_ops, reported_at desc)`,
  `create index case_file_grid_path on case_file(grid_path text_pattern_ops, reported_at desc)`,
  `create index case_file_reporter on case_file(reporter_user_id, reported_at desc)`,
  // The deadline sweep reads only cases with a threshold still ahead of them.
  `create index case_file_sweep on case_file(next_sweep_at) where next_sweep_at is not null`,
  // Nearby open cases of a category (duplicate hint while reporting).
  `create index case_file_nearby on case_file(category_id, lat, lng) where status not in ('closed', 'rated', 'rejected', 'cancelled', 'merged')`,
  `create index case_file_tsv on case_file using gin(tsv)`,

  `create table case_event (
    id bigserial primary key,
    case_id bigint not null references case_file(id),
    at timestamptz not null default now(),
    action text not null,
    actor_user_id int references app_user(id),
    actor_node_id int references org_node(id),
    from_status text,
    to_status text,
    from_node_id int references org_node(id),
    to_node_id int references org_node(id),
    note text,
    data jsonb not null default '{}',
    public boolean not null default false
  )`,
  `create index case_event_case on case_event(case_id, id)`,
  `create index case_event_action_at on case_event(action, at)`,
  // The timeline is a record: rows are never changed or removed.
  `create function case_event_immutable() returns trigger language plpgsql as $$
    begin raise exception 'case_event rows are immutable'; end $$`,
  `create trigger case_event_no_change before update or delete on case_event
    for each row execute function case_event_immutable()`,

  // Every node a case has touched and why: who may see it, and carbon copies with read receipts.
  `create table case_party (
    case_id bigint not null references case_file(id),
    node_id int not null references org_node(id),
    node_path text not null,
    kind text not null check (kind in ('intake', 'owner', 'handler', 'cc', 'escalated', 'whistled')),
    created_at timestamptz not null default now(),
    read_at timestamptz,
    read_by int references app_user(id),
    primary key (case_id, node_id, kind)
  )`,
  `create index case_party_path on case_party(node_path text_pattern_ops, case_id)`,

  `create table case_follower (
    case_id bigint not null references case_file(id),
    user_id int not null references app_user(id),
    kind text not null check (kind in ('reporter', 'follower')),
    created_at timestamptz not null default now(),
    primary key (case_id, user_id)
  )`,
  `create index case_follower_user on case_follower(user_id, created_at desc)`,

  `create table case_photo (
    case_id bigint not null references case_file(id),
    media_id bigint not null references media(id),
    role text not null check (role in ('report', 'before', 'after', 'verify')),
    event_id bigint references case_event(id),
    public_approved_at timestamptz,
    public_approved_by int references app_user(id),
    primary key (case_id, media_id)
  )`,

  `create table case_extension (
    id bigserial primary key,
    case_id bigint not null references case_file(id),
    stage_seq int not null,
    node_id int not null references org_node(id),
    requested_by int not null references app_user(id),
    days int not null check (days between 1 and 30),
    reason text not null,
    status text not null default 'pending' check (status in ('pending', 'approved', 'denied')),
    approved_days int,
    decided_by int references app_user(id),
    decided_at timestamptz,
    decision_note text,
    created_at timestamptz not null default now()
  )`,
  `create unique index case_extension_pending on case_extension(case_id) where status = 'pending'`,

  // Cards only go up within one stay at one node (stage_seq); a second sweep finds the card already there.
  `create table case_card (
    id bigserial primary key,
    case_id bigint not null references case_file(id),
    stage_seq int not null,
    stage text not null,
    node_id int not null references org_node(id),
    color text not null check (color in ('yellow', 'red')),
    points int not null,
    raised_at timestamptz not null default now(),
    unique (case_id, stage_seq, color)
  )`,
  `create index case_card_node on case_card(node_id, raised_at)`,

  // The points ledger of organisation nodes (deductions are negative).
  `create table node_score_entry (
    id bigserial primary key,
    node_id int not null references org_node(id),
    points int not null,
    reason text not null,
    case_id bigint references case_file(id),
    card_id bigint references case_card(id),
    at timestamptz not null default now()
  )`,
  `create index node_score_entry_node on node_score_entry(node_id, at)`,
];

export const cases: Migration = {
  up: (db) => runStatements(db, up),
};
