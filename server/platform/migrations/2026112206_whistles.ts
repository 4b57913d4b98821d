/**
 * Whistle-and-report (街乡吹哨、部门报到): a street summons departments to a case; each summoned department
 * has its own clocks (sign, contact, arrive) and is rated by the street. Also the `leader` role (the
 * street's principal leader, who approves a "tough" whistle).
 */
import type { Migration } from 'kysely/migration';
import { runStatements } from './run.js';

const up = [
  `alter table role_grant drop constraint role_grant_role_check`,
  `alter table role_grant add constraint role_grant_role_check check (role in ('admin','district_operator','street_operator','community_staff',
      'grid_worker','department_staff','mediator','unit_org','resident','leader'))`,
  `create table case_whistle (
    id bigserial primary key,
    case_id bigint not null references case_file(id),
    node_id int not null references org_node(id),
    kind text not null check (kind in ('routine', 'tough', 'emergency')),
    status text not null check (status in ('pending_approval', 'open', 'closed', 'rejected')),
    reason text not null,
    meet_at timestamptz,
    place text,
    requested_by int not null references app_user(id),
    decided_by int references app_user(id),
    decided_at timestamptz,
    decision_note text,
    created_at timestamptz not null default now(),
    opened_at timestamptz,
    closed_at timestamptz
  )`,
  `create index case_whistle_case on case_whistle(case_id)`,
  `create index case_whistle_node on case_whistle(node_id, created_at)`,
  // One open or pending whistle per case at a time.
  `create unique index case_whistle_one_live on case_whistle(case_id) where status in ('pending_approval', 'open')`,
  `create table case_whistle_summons (
    id bigserial primary key,
    whistle_id bigint not null references case_whistle(id),
    department_id int not null references org_node(id),
    sign_due_at timestamptz,
    contact_due_at timestamptz,
    arrive_due_at timestamptz,
    signed_at timestamptz,
    signed_by int references app_user(id),
    contacted_at timestamptz,
    contacted_by int references app_user(id),
    contact_note text,
    arrived_at timestamptz,
    arrived_by int references app_user(id),
    arrive_note text,
    speed_rating int check (speed_rating between 1 and 5),
    quality_rating int check (quality_rating between 1 and 5),
    rating_note text,
    rated_by int references app_user(id),
    rated_at timestamptz,
    unique (whistle_id, department_id)
  )`,
  `create index case_whistle_summons_department on case_whistle_summons(department_id, whistle_id)`,
];

export const whistles: Migration = {
  up: (db) => runStatements(db, up),
};
