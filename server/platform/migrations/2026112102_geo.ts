/**
 * Geo: which grids each grid change touched and how (created / reshaped / retired), with the geometry a
 * reshaped grid had before, so history and old reports can show old shapes; lookups of lineage both ways.
 */
import type { Migration } from 'kysely/migration';
import { runStatements } from './run.js';

const up = [
  `create table grid_change_node (
    change_id bigint not null references grid_change(id),
    node_id bigint not null references org_node(id),
    action text not null check (action in ('created','reshaped','retired')),
    previous_geometry jsonb,
    primary key (change_id, node_id)
  )`,
  `create index grid_change_node_node on grid_change_node(node_id)`,
  `create index grid_lineage_from on grid_lineage(from_node_id)`,
  `create index grid_lineage_to on grid_lineage(to_node_id)`,
  `create index grid_change_community on grid_change(community_id, created_at desc)`,
];

export const geo: Migration = {
  up: (db) => runStatements(db, up),
};
