/** The notifications module's tables. */
import type { Migration } from 'kysely/migration';
import { runStatements } from './run.js';

const up: string[] = [];

export const notifications: Migration = {
  up: (db) => runStatements(db, up),
};
