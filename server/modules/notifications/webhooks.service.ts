/** Use cases of webhook subscriptions (permission webhook.manage, scoped to the organisation tree). */
import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import { audit, type AuditContext } from '../../platform/audit/index.js';
import { authorize, scopePaths, type Actor } from '../../platform/authz/index.js';
import { AppError, forbidden, notFound } from '../../platform/http/errors.js';
import { ROLE_PERMISSIONS } from '../../../common/permissions.js';
import type { WebhookCreate, WebhookUpdate } from '../../../common/contracts/notifications.js';
import { findNode } from '../org/index.js';
import { newWebhookSecret, secretHint } from './webhooks.signature.js';
import { queueDelivery } from './webhooks.delivery.js';
import * as repo from './webhooks.repository.js';

/** Subscriptions one node may have. */
export const MAX_WEBHOOKS_PER_NODE = 50;

function present(w: repo.WebhookRow) {
  return {
    id: w.id,
    nodeId: w.node_id,
    nodeNameZh: w.node_name_zh,
    nodeNameEn: w.node_name_en,
    url: w.url,
    description: w.description,
    eventTypes: w.event_types,
    active: w.active,
    secretHint: secretHint(w.secret),
    createdAt: w.created_at,
    updatedAt: w.updated_at,
    lastDelivery: w.last_delivery ?? null,
  };
}

/** A subscription the actor may manage, or 404/403. */
async function manageable(db: Kysely<DB>, actor: Actor, id: number) {
  const w = await repo.findWebhook(db, id);
  if (!w) throw notFound();
  authorize(actor, 'webhook.manage', w.node_path);
  return w;
}

/** Subscriptions in the caller's scope, newest first. */
export async function listWebhooks(db: Kysely<DB>, actor: Actor, q: { page: number; pageSize: number }) {
  const paths = scopePaths(actor, 'webhook.manage');
  if (paths.length === 0) throw forbidden();
  const { rows, total } = await repo.listWebhooks(db, paths, q.page, q.pageSize);
  return { items: rows.map(present), total, page: q.page, pageSize: q.pageSize };
}

/** One subscription. */
export async function getWebhook(db: Kysely<DB>, actor: Actor, id: number) {
  return present(await manageable(db, actor, id));
}

/** The node a new subscription belongs to: the one named, else the caller's only webhook.manage node. */
async function ownerNode(db: Kysely<DB>, actor: Actor, nodeId: number | undefined) {
  if (nodeId === undefined) {
    const nodes = [...new Set(actor.grants.filter((g) => ROLE_PERMISSIONS[g.role].includes('webhook.manage')).map((g) => g.nodeId))];
    if (nodes.length === 0) throw forbidden();
    if (nodes.length > 1) throw new AppError(400, 'WEBHOOK_NODE_REQUIRED');
    nodeId = nodes[0]!;
  }
  const node = await findNode(db, nodeId);
  if (!node) throw notFound();
  authorize(actor, 'webhook.manage', node.path);
  return node;
}

/** Creates a subscription; the answer carries the secret, which is never shown again. */
export async function createWebhook(db: Kysely<DB>, actor: Actor, input: WebhookCreate, ctx: AuditContext) {
  const node = await ownerNode(db, actor, input.nodeId);
  const secret = newWebhookSecret();
  const id = await db.transaction().execute(async (tx) => {
    if ((await repo.countAtNode(tx, node.id)) >= MAX_WEBHOOKS_PER_NODE) throw new AppError(409, 'WEBHOOK_LIMIT', { limit: MAX_WEBHOOKS_PER_NODE });
    const row = await tx
      .insertInto('webhook')
      .values({ node_id: node.id, url: input.url, description: input.description, secret, event_types: [...new Set(input.eventTypes)], active: input.active, created_by: actor.userId })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(tx, ctx, { action: 'webhook.create', entity: 'webhook', entityId: row.id, nodeId: node.id, detail: { url: input.url, eventTypes: input.eventTypes, active: input.active } });
    return row.id;
  });
  return { ...(await getWebhook(db, actor, id)), secret };
}

/** Changes a subscription's URL, description, event filter or active flag. */
export async function updateWebhook(db: Kysely<DB>, actor: Actor, id: number, input: WebhookUpdate, ctx: AuditContext) {
  const w = await manageable(db, actor, id);
  const set = {
    ...(input.url !== undefined && { url: input.url }),
    ...(input.description !== undefined && { description: input.description }),
    ...(input.eventTypes !== undefined && { event_types: [...new Set(input.eventTypes)] }),
    ...(input.active !== undefined && { active: input.active }),
  };
  if (Object.keys(set).length > 0) {
    await db.transaction().execute(async (tx) => {
      await tx.updateTable('webhook').set({ ...set, updated_at: new Date() }).where('id', '=', id).execute();
      await audit(tx, ctx, { action: 'webhook.update', entity: 'webhook', entityId: id, nodeId: w.node_id, detail: { fields: Object.keys(input).sort(), ...input } });
    });
  }
  return getWebhook(db, actor, id);
}

/** Deletes a subscription with its delivery history (pending deliveries are dropped). */
export async function deleteWebhook(db: Kysely<DB>, actor: Actor, id: number, ctx: AuditContext) {
  const w = await manageable(db, actor, id);
  await db.transaction().execute(async (tx) => {
    await tx.deleteFrom('webhook').where('id', '=', id).execute();
    await audit(tx, ctx, { action: 'webhook.delete', entity: 'webhook', entityId: id, nodeId: w.node_id, detail: { url: w.url } });
  });
  return { id, deleted: true };
}

/** Replaces the secret; the answer carries the new one, which is never shown again. */
export async function rotateWebhookSecret(db: Kysely<DB>, actor: Actor, id: number, ctx: AuditContext) {
  const w = await manageable(db, actor, id);
  const secret = newWebhookSecret();
  await db.transaction().execute(async (tx) => {
    await tx.updateTable('webhook').set({ secret, updated_at: new Date() }).where('id', '=', id).execute();
    await audit(tx, ctx, { action: 'webhook.rotate_secret', entity: 'webhook', entityId: id, nodeId: w.node_id });
  });
  return { ...(await getWebhook(db, actor, id)), secret };
}

/** Sends a `ping` event to the subscription (even when inactive: it tests the receiver). */
export async function pingWebhook(db: Kysely<DB>, actor: Actor, id: number, ctx: AuditContext) {
  const w = await manageable(db, actor, id);
  const deliveryId = await db.transaction().execute(async (tx) => {
    const d = await queueDelivery(tx, id, 'ping', { webhookId: id, message: 'Gongzhi webhook test / 共治 Webhook 测试' });
    await audit(tx, ctx, { action: 'webhook.ping', entity: 'webhook', entityId: id, nodeId: w.node_id, detail: { deliveryId: d } });
    return d;
  });
  return { deliveryId };
}

/** A subscription's deliveries, newest first, each with its attempts. */
export async function listDeliveries(db: Kysely<DB>, actor: Actor, id: number, q: { page: number; pageSize: number }) {
  await manageable(db, actor, id);
  const { rows, attempts, total } = await repo.listDeliveries(db, id, q.page, q.pageSize);
  const items = rows.map((d) => ({
    id: d.id,
    uuid: d.uuid,
    eventType: d.event_type,
    status: d.status,
    attempts: d.attempts,
    maxAttempts: d.max_attempts,
    lastStatusCode: d.last_status_code,
    lastError: d.last_error,
    createdAt: d.created_at,
    finishedAt: d.finished_at,
    nextAttemptAt: d.status === 'pending' ? d.next_attempt_at : null,
    attemptLog: attempts
      .filter((a) => a.delivery_id === d.id)
      .map((a) => ({ attempt: a.attempt, at: a.at, statusCode: a.status_code, durationMs: a.duration_ms, error: a.error, responseExcerpt: a.response_excerpt })),
  }));
  return { items, total, page: q.page, pageSize: q.pageSize };
}
