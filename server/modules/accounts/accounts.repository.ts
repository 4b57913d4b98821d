/** All SQL of the accounts module. */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import { escapeLike } from '../../platform/db/like.js';

type Q = Kysely<DB> | Transaction<DB>;

export const findUserByUsername = (db: Q, username: string) =>
  db.selectFrom('app_user').selectAll().where('username', '=', username).executeTakeFirst();

export const findUser = (db: Q, id: number) => db.selectFrom('app_user').selectAll().where('id', '=', id).executeTakeFirst();

/** Failed sign-ins for a username since a moment. */
export async function countFailures(db: Q, username: string, since: Date): Promise<number> {
  const r = await db
    .selectFrom('login_failure')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('username', '=', username)
    .where('at', '>', since)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export const recordFailure = (db: Q, username: string, ip: string | null) =>
  db.insertInto('login_failure').values({ username, ip }).execute();

export const clearFailures = (db: Q, username: string) => db.deleteFrom('login_failure').where('username', '=', username).execute();

/**
 * Users visible under some paths: those holding a grant on a node below one of the paths, plus (when
 * `includeUngranted`) users without any grant.
 */
export async function listUsers(db: Q, paths: string[], includeUngranted: boolean, q: string | undefined, page: number, pageSize: number) {
  let query = db.selectFrom('app_user as u').where((eb) =>
    eb.or([
      eb.exists(
        eb
          .selectFrom('role_grant as g')
          .innerJoin('org_node as n', 'n.id', 'g.node_id')
          .select(sql`1`.as('one'))
          .whereRef('g.user_id', '=', 'u.id')
          .where(sql<boolean>`n.path like any(${sql.val(paths.map((p) => p + '%'))}::text[])`),
      ),
      ...(includeUngranted ? [eb.not(eb.exists(eb.selectFrom('role_grant as g2').select(sql`1`.as('one')).whereRef('g2.user_id', '=', 'u.id')))] : []),
    ]),
  );
  if (q) query = query.where((eb) => eb.or([eb('u.username', 'ilike', `%${escapeLike(q)}%`), eb('u.display_name', 'ilike', `%${escapeLike(q)}%`)]));
  const [rows, total] = await Promise.all([
    query
      .select(['u.id', 'u.username', 'u.display_name', 'u.phone', 'u.locale', 'u.disabled', 'u.must_change_password', 'u.created_at'])
      .orderBy('u.username')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

/** Grants of several users with their nodes. */
export function grantsOf(db: Q, userIds: number[]) {
  if (userIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('role_grant as g')
    .innerJoin('org_node as n', 'n.id', 'g.node_id')
    .select(['g.id', 'g.user_id', 'g.role', 'g.node_id', 'n.path', 'n.type', 'n.name_zh', 'n.name_en', 'n.code'])
    .where('g.user_id', 'in', userIds)
    .orderBy('g.id')
    .execute();
}

/** Number of users holding the admin role who are not disabled, optionally ignoring one grant. */
export async function countActiveAdmins(db: Q, exceptGrantId?: number): Promise<number> {
  let q = db
    .selectFrom('role_grant as g')
    .innerJoin('app_user as u', 'u.id', 'g.user_id')
    .select((eb) => eb.fn.count<number>('g.user_id').distinct().as('n'))
    .where('g.role', '=', 'admin')
    .where('u.disabled', '=', false);
  if (exceptGrantId) q = q.where('g.id', '<>', exceptGrantId);
  return Number((await q.executeTakeFirstOrThrow()).n);
}

