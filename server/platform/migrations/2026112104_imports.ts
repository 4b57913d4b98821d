/** Imports: a system import (command line) has no user; jobs remember what they created; list indexes. */
import type { Migration } from 'kysely/migration';
import { runStatements } from './run.js';

const up = [
  `alter table import_job alter column created_by drop not null`,
  `alter table import_job add column household_count int not null default 0`,
  `alter table import_job add column resident_count int not null default 0`,
  `create index import_job_created on import_job(created_at desc)`,
  `create index import_job_creator on import_job(created_by, created_at desc)`,
];

export const imports: Migration = {
  up: (db) => runStatements(db, up),
};
