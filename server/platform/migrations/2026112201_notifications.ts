/**
 * The notifications module's tables, and the platform's job queue: background jobs (`job`), in-app
 * notifications (`notification`), outbound webhooks (`webhook`, `webhook_delivery`, `webhook_attempt`).
 */
import type { Migration } from 'kysely/migration';
import { runStatements } from './run.js';

const up: string[] = [
  // Background jobs, claimed with FOR UPDATE SKIP LOCKED (server/platform/jobs).
  `create table job (
    id bigserial primary key,
    kind text not null check (length(kind) between 1 and 100),
    payload jsonb not null default '{}'::jsonb,
    status text not null default 'pending' check (status in ('pending', 'running', 'done', 'dead', 'superseded')),
    run_at timestamptz not null default now(),
    attempts integer not null default 0 check (attempts >= 0),
    max_attempts integer not null default 5 check (max_attempts between 1 and 100),
    dedupe_key text check (length(dedupe_key) <= 200),
    periodic_slot timestamptz,
    locked_by text,
    locked_until timestamptz,
    last_error text,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    finished_at timestamptz
  )`,
  // A second enqueue of the same pending job is a no-op.
  `create unique index job_pending_dedupe on job (kind, dedupe_key) where status = 'pending' and dedupe_key is not null`,
  // A periodic slot is one row, ever, whichever process enqueued it first.
  `create unique index job_periodic_slot on job (kind, periodic_slot) where periodic_slot is not null`,
  `create index job_due on job (run_at) where status = 'pending'`,
  `create index job_lease on job (locked_until) where status = 'running'`,
  `create index job_finished on job (finished_at) where status in ('done', 'superseded')`,

  // In-app notifications: one row per user, texts rendered at write time in both languages.
  `create table notification (
    id bigserial primary key,
    user_id integer not null references app_user (id) on delete cascade,
    kind text not null check (length(kind) between 1 and 100),
    link text check (link is null or (length(link) <= 500 and link like '/%')),
    entity text check (length(entity) <= 100),
    entity_id text check (length(entity_id) <= 100),
    title_zh text not null check (length(title_zh) between 1 and 200),
    body_zh text not null default '' check (length(body_zh) <= 2000),
    title_en text not null check (length(title_en) between 1 and 200),
    body_en text not null default '' check (length(body_en) <= 2000),
    read_at timestamptz,
    created_at timestamptz not null default now()
  )`,
  `create index notification_user on notification (user_id, id desc)`,
  `create index notification_unread on notification (user_id) where read_at is null`,
  `create index notification_entity on notification (entity, entity_id)`,

  // Outbound webhook subscriptions, each scoped to an organisation node.
  `create table webhook (
    id serial primary key,
    node_id integer not null references org_node (id),
    url text not null check (length(url) <= 2000 and (url like 'http://%' or url like 'https://%')),
    description text not null default '' check (length(description) <= 500),
    secret text not null,
    event_types text[] not null default '{}',
    active boolean not null default true,
    created_by integer references app_user (id) on delete set null,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now()
  )`,
  `create index webhook_node on webhook (node_id)`,
  // One event for one subscription; its body is stored as sent so every retry sends the same bytes.
  `create table webhook_delivery (
    id bigserial primary key,
    uuid text not null unique,
    webhook_id integer not null references webhook (id) on delete cascade,
    event_type text not null,
    body text not null,
    status text not null default 'pending' check (status in ('pending', 'succeeded', 'dead', 'cancelled')),
    attempts integer not null default 0,
    max_attempts integer not null,
    last_status_code integer,
    last_error text,
    job_id bigint,
    created_at timestamptz not null default now(),
    finished_at timestamptz
  )`,
  `create index webhook_delivery_hook on webhook_delivery (webhook_id, id desc)`,
  // Every HTTP attempt of a delivery: status, duration, error.
  `create table webhook_attempt (
    id bigserial primary key,
    delivery_id bigint not null references webhook_delivery (id) on delete cascade,
    attempt integer not null,
    at timestamptz not null default now(),
    status_code integer,
    duration_ms integer not null,
    error text,
    response_excerpt text
  )`,
  `create index webhook_attempt_delivery on webhook_attempt (delivery_id, attempt)`,
];

export const notifications: Migration = {
  up: (db) => runStatements(db, up),
};
