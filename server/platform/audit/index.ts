/** The audit log: one row for every write and every reveal of personal data, in the writer's transaction. */
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/schema.js';
import type { Actor } from '../authz/index.js';

export interface AuditEntry {
  action: string;
  entity: string;
  entityId?: string | number | null;
  nodeId?: number | null;
  reason?: string | null;
  detail?: Record<string, unknown>;
}

export interface AuditContext {
  actor: Actor | null;
  ip: string | null;
}

/** Writes one audit row. Call it inside the same transaction as the change it records. */
export async function audit(db: Kysely<DB> | Transaction<DB>, ctx: AuditContext, entry: AuditEntry): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      actor_id: ctx.actor?.userId ?? null,
      action: entry.action,
      entity: entry.entity,
      entity_id: entry.entityId == null ? null : String(entry.entityId),
      node_id: entry.nodeId ?? null,
      reason: entry.reason ?? null,
      detail: JSON.stringify(entry.detail ?? {}),
      ip: ctx.ip,
    })
    .execute();
}
