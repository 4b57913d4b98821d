/** All SQL of outbound webhooks: subscriptions, deliveries and their attempts. */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../platform/db/schema.js';

type Q = Kysely<DB> | Transaction<DB>;

const HOOK_COLUMNS = [
  'w.id',
  'w.node_id',
  'w.url',
  'w.description',
  'w.secret',
  'w.event_types',
  'w.active',
  'w.created_by',
  'w.created_at',
  'w.updated_at',
  'n.path as node_path',
  'n.name_zh as node_name_zh',
  'n.name_en as node_name_en',
] as const;

function hooks(db: Q) {
  return db
    .selectFrom('webhook as w')
    .innerJoin('org_node as n', 'n.id', 'w.node_id')
    .select(HOOK_COLUMNS)
    .select((eb) =>
      eb
        .selectFrom('webhook_delivery as d')
        .select(sql<{ status: string; at: Date; statusCode: number | null; eventType: string }>`json_build_object('status', d.status, 'at', d.created_at, 'statusCode', d.last_status_code, 'eventType', d.event_type)`.as('x'))
        .whereRef('d.webhook_id', '=', 'w.id')
        .orderBy('d.id', 'desc')
        .limit(1)
        .as('last_delivery'),
    );
}

/** Subscriptions on nodes under some paths, newest first. */
export async function listWebhooks(db: Q, paths: string[], page: number, pageSize: number) {
  const under = sql<boolean>`n.path like any(${sql.val(paths.map((p) => p + '%'))}::text[])`;
  const [rows, count] = await Promise.all([
    hooks(db).where(under).orderBy('w.id', 'desc').limit(pageSize).offset((page - 1) * pageSize).execute(),
    db.selectFrom('webhook as w').innerJoin('org_node as n', 'n.id', 'w.node_id').where(under).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

/** One subscription with its node. */
export function findWebhook(db: Q, id: number) {
  return hooks(db).where('w.id', '=', id).executeTakeFirst();
}

export type WebhookRow = NonNullable<Awaited<ReturnType<typeof findWebhook>>>;

/** Subscriptions on one node. */
export async function countAtNode(db: Q, nodeId: number): Promise<number> {
  const r = await db.selectFrom('webhook').where('node_id', '=', nodeId).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Every active subscription with its node's path (few: filtered by type and place in code). */
export function activeWebhooks(db: Q) {
  return db
    .selectFrom('webhook as w')
    .innerJoin('org_node as n', 'n.id', 'w.node_id')
    .select(['w.id', 'w.event_types', 'n.path as node_path'])
    .where('w.active', '=', true)
    .orderBy('w.id')
    .execute();
}

/** Adds a delivery; returns its id. */
export async function insertDelivery(db: Q, d: { uuid: string; webhook_id: number; event_type: string; body: string; max_attempts: number }) {
  return (await db.insertInto('webhook_delivery').values(d).returning('id').executeTakeFirstOrThrow()).id;
}

/** Links a delivery to the job that sends it. */
export async function setDeliveryJob(db: Q, id: number, jobId: number) {
  await db.updateTable('webhook_delivery').set({ job_id: jobId }).where('id', '=', id).execute();
}

/** A delivery with what sending it needs. */
export function deliveryToSend(db: Q, id: number) {
  return db
    .selectFrom('webhook_delivery as d')
    .innerJoin('webhook as w', 'w.id', 'd.webhook_id')
    .select(['d.id', 'd.uuid', 'd.event_type', 'd.body', 'd.status', 'w.url', 'w.secret', 'w.active'])
    .where('d.id', '=', id)
    .executeTakeFirst();
}

/** Records one attempt and the delivery's state after it. */
export async function recordAttempt(
  db: Q,
  a: { delivery_id: number; attempt: number; status_code: number | null; duration_ms: number; error: string | null; response_excerpt: string | null },
  status: 'pending' | 'succeeded' | 'dead',
) {
  await db.insertInto('webhook_attempt').values(a).execute();
  await db
    .updateTable('webhook_delivery')
    .set({
      attempts: a.attempt,
      status,
      last_status_code: a.status_code,
      last_error: a.error,
      finished_at: status === 'pending' ? null : new Date(),
    })
    .where('id', '=', a.delivery_id)
    .execute();
}

/** Marks a delivery cancelled (its subscription was switched off before it went out). */
export async function cancelDelivery(db: Q, id: number) {
  await db.updateTable('webhook_delivery').set({ status: 'cancelled', finished_at: new Date() }).where('id', '=', id).where('status', '=', 'pending').execute();
}

/** A subscription's deliveries, newest first, each with its attempts and (while pending) the next attempt's time. */
export async function listDeliveries(db: Q, webhookId: number, page: number, pageSize: number) {
  const [rows, count] = await Promise.all([
    db
      .selectFrom('webhook_delivery as d')
      .leftJoin('job as j', (j) => j.onRef('j.id', '=', 'd.job_id').on('j.status', 'in', ['pending', 'running']))
      .select(['d.id', 'd.uuid', 'd.event_type', 'd.status', 'd.attempts', 'd.max_attempts', 'd.last_status_code', 'd.last_error', 'd.created_at', 'd.finished_at', 'j.run_at as next_attempt_at'])
      .where('d.webhook_id', '=', webhookId)
      .orderBy('d.id', 'desc')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    db.selectFrom('webhook_delivery').where('webhook_id', '=', webhookId).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  const attempts = rows.length
    ? await db
        .selectFrom('webhook_attempt')
        .select(['delivery_id', 'attempt', 'at', 'status_code', 'duration_ms', 'error', 'response_excerpt'])
        .where(
          'delivery_id',
          'in',
          rows.map((r) => r.id),
        )
        .orderBy('delivery_id')
        .orderBy('attempt')
        .execute()
    : [];
  return { rows, attempts, total: Number(count.n) };
}
