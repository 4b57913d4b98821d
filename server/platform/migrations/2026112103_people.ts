/** People, patrol and audit API: indexes for the audit-log filters, key-population counts and patrol lists. */
import type { Migration } from 'kysely/migration';
import { runStatements } from './run.js';

const up = [
  // GET /api/audit: newest first within one action (e.g. personal.reveal), one actor or one node.
  `create index audit_log_action_at on audit_log(action, at desc)`,
  `create index audit_log_actor_at on audit_log(actor_id, at desc)`,
  `create index audit_log_node_at on audit_log(node_id, at desc)`,
  // GET /api/people/key-populations: tag counts per grid read only the tagged residents.
  `create index resident_tagged on resident(grid_id) include (tags) where tags <> '{}'`,
  // GET /api/patrols inside one grid, newest first.
  `create index patrol_log_grid_order on patrol_log(grid_id, patrol_date desc, started_at desc, id desc)`,
];

export const people: Migration = {
  up: (db) => runStatements(db, up),
};
