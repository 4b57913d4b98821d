/** Helpers of the statistics tests: actors without sessions, China-time instants, rows written directly. */
import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import type { Actor } from '../../platform/authz/index.js';
import { loadGrants } from '../../platform/auth/sessions.js';
import type { CaseFileTable } from '../../platform/db/tables/cases.js';
import type { Insertable } from 'kysely';

/** The actor of a fixture user, as a session would load it. */
export async function actorOf(db: Kysely<DB>, username: string): Promise<Actor> {
  const u = await db.selectFrom('app_user').selectAll().where('username', '=', username).executeTakeFirstOrThrow();
  return {
    userId: u.id,
    username: u.username,
    displayName: u.display_name,
    locale: u.locale,
    residentId: u.resident_id,
    mustChangePassword: false,
    grants: await loadGrants(db, u.id),
    sessionId: 'test',
    csrfToken: 'test',
  };
}

/** '2026-03-05 10:00' China time as an instant. */
export const cn = (s: string): Date => new Date(s.replace(' ', 'T') + (s.length <= 10 ? 'T00:00' : '') + ':00+08:00');

/** Writes a case row directly (the formula fixtures: exact timestamps, no workflow). */
export async function insertCase(db: Kysely<DB>, grid: { id: number; path: string }, owner: number, categoryId: number, v: Partial<Insertable<CaseFileTable>>): Promise<number> {
  const row = await db
    .insertInto('case_file')
    .values({
      status: 'reported',
      category_id: categoryId,
      description: 'fixture',
      lat: 41.305,
      lng: 123.705,
      grid_id: grid.id,
      grid_path: grid.path,
      source: 'resident',
      holder_node_id: owner,
      holder_path: '',
      owner_node_id: owner,
      reported_at: new Date(),
      ...v,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Appends a timeline event at an instant. */
export async function insertEvent(db: Kysely<DB>, caseId: number, action: string, at: Date): Promise<void> {
  await db.insertInto('case_event').values({ case_id: caseId, action, at, actor_user_id: null, actor_node_id: null }).execute();
}
