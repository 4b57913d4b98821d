/** The media module's tables. */
import type { Migration } from 'kysely/migration';
import { runStatements } from './run.js';

const up: string[] = [];

export const media: Migration = {
  up: (db) => runStatements(db, up),
};
