/**
 * Sending webhook events: `emitWebhookEvent` (in the writer's transaction) stores one delivery per matching
 * active subscription and enqueues a `webhook.deliver` job for each; the job POSTs the stored body with the
 * signature headers, records the attempt (status, duration, error), and throws on anything but a 2xx so the
 * job queue retries it with back-off — dead after the last attempt.
 */
import crypto from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import { enqueue, registerJob } from '../../platform/jobs/index.js';
import { loadConfig } from '../../config.js';
import { signWebhook } from './webhooks.signature.js';
import * as repo from './webhooks.repository.js';

type Q = Kysely<DB> | Transaction<DB>;

export const DELIVER_JOB = 'webhook.deliver';
/** The largest `data` accepted in one event (JSON bytes). */
export const MAX_EVENT_BYTES = 64 * 1024;
const USER_AGENT = 'Gongzhi-Webhooks/1';

export interface WebhookSettings {
  /** Time limit of one HTTP attempt. */
  timeoutMs: number;
  /** Attempts of one delivery before it is dead. */
  maxAttempts: number;
}

let settings: WebhookSettings | null = null;

/** The webhook settings (from the environment: GONGZHI_WEBHOOK_TIMEOUT_MS, GONGZHI_WEBHOOK_MAX_ATTEMPTS). */
export function webhookSettings(): WebhookSettings {
  if (!settings) {
    const c = loadConfig();
    settings = { timeoutMs: c.webhookTimeoutMs, maxAttempts: c.webhookMaxAttempts };
  }
  return settings;
}

/** Overrides settings (tests). */
export function configureWebhooks(s: Partial<WebhookSettings>): void {
  settings = { ...webhookSettings(), ...s };
}

/** True when an event type is wanted by a subscription's filter (empty: everything; `case.*`: a family). */
export function matchesEventType(type: string, patterns: string[]): boolean {
  if (patterns.length === 0) return true;
  return patterns.some((p) => p === '*' || p === type || (p.endsWith('.*') && type.startsWith(p.slice(0, -1))));
}

/** Stores one delivery of an event for one subscription and enqueues its job. */
export async function queueDelivery(tx: Q, webhookId: number, type: string, data: unknown, eventId = crypto.randomUUID()): Promise<number> {
  const body = JSON.stringify({ id: eventId, type, createdAt: new Date().toISOString(), data });
  const { maxAttempts } = webhookSettings();
  const id = await repo.insertDelivery(tx, { uuid: crypto.randomUUID(), webhook_id: webhookId, event_type: type, body, max_attempts: maxAttempts });
  const job = await enqueue(tx, { kind: DELIVER_JOB, payload: { deliveryId: id }, maxAttempts });
  await repo.setDeliveryJob(tx, id, job.id);
  return id;
}

/**
 * Sends an event to every active subscription whose filter matches `type` — and, when `nodePaths` is given,
 * whose node is one of those nodes or above them (a district's subscription hears its streets' events).
 * Without `nodePaths` the event goes to matching subscriptions everywhere (system-wide events only).
 * Call it inside the transaction of the change: nothing is sent if it rolls back. Returns the delivery ids.
 */
export async function emitWebhookEvent(tx: Q, type: string, data: unknown, opts: { nodePaths?: string[] } = {}): Promise<number[]> {
  if (!/^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/.test(type)) throw new Error(`invalid webhook event type "${type}" (use e.g. "case.created")`);
  const size = Buffer.byteLength(JSON.stringify(data ?? null));
  if (size > MAX_EVENT_BYTES) throw new Error(`webhook event ${type} carries ${size} bytes; the limit is ${MAX_EVENT_BYTES}`);
  const hooks = (await repo.activeWebhooks(tx)).filter(
    (h) => matchesEventType(type, h.event_types) && (!opts.nodePaths || opts.nodePaths.some((p) => p.startsWith(h.node_path))),
  );
  const eventId = crypto.randomUUID();
  const ids: number[] = [];
  for (const h of hooks) ids.push(await queueDelivery(tx, h.id, type, data, eventId));
  return ids;
}

/** What a failed attempt says: the HTTP status, a timeout, or the network error. */
function describeFailure(e: unknown, timeoutMs: number): string {
  const err = e as Error & { cause?: { code?: string; message?: string } };
  if (err?.name === 'TimeoutError') return `timed out after ${timeoutMs / 1000} s`;
  if (err?.name === 'AbortError') return 'stopped: the worker is shutting down';
  if (err?.cause?.code) return `${err.cause.code}: ${err.cause.message ?? ''}`.trim().slice(0, 500);
  return String(err?.message ?? e).slice(0, 500);
}

/** Reads at most 2 KB of a response body (the rest is not wanted) and keeps 500 characters. */
async function excerpt(res: Response): Promise<string | null> {
  if (!res.body) return null;
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    while (size < 2048) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.length;
    }
  } finally {
    await reader.cancel().catch(() => {});
  }
  const text = Buffer.concat(chunks).toString('utf8').slice(0, 500);
  return text || null;
}

export class WebhookAttemptFailed extends Error {}

registerJob<{ deliveryId: number }>(
  DELIVER_JOB,
  async ({ db, job, signal }) => {
    const d = await repo.deliveryToSend(db, job.payload.deliveryId);
    if (!d || d.status !== 'pending') return; // subscription deleted, or already finished
    if (!d.active && d.event_type !== 'ping') {
      await repo.cancelDelivery(db, d.id);
      return;
    }
    const { timeoutMs } = webhookSettings();
    const t = Math.floor(Date.now() / 1000);
    const started = performance.now();
    let status: number | null = null;
    let error: string | null = null;
    let text: string | null = null;
    try {
      const res = await fetch(d.url, {
        method: 'POST',
        redirect: 'manual',
        headers: {
          'content-type': 'application/json; charset=utf-8',
          'user-agent': USER_AGENT,
          'x-gongzhi-event': d.event_type,
          'x-gongzhi-delivery': d.uuid,
          'x-gongzhi-signature': signWebhook(d.secret, t, d.body),
        },
        body: d.body,
        signal: AbortSignal.any([AbortSignal.timeout(timeoutMs), signal]),
      });
      status = res.status;
      text = await excerpt(res).catch(() => null);
      if (status < 200 || status > 299) error = `HTTP ${status}`;
    } catch (e) {
      error = describeFailure(e, timeoutMs);
    }
    const duration = Math.round(performance.now() - started);
    const ok = error === null;
    const outcome = ok ? 'succeeded' : job.attempt >= job.maxAttempts ? 'dead' : 'pending';
    await db.transaction().execute((tx) =>
      repo.recordAttempt(tx, { delivery_id: d.id, attempt: job.attempt, status_code: status, duration_ms: duration, error, response_excerpt: text }, outcome),
    );
    if (!ok) throw new WebhookAttemptFailed(`webhook delivery ${d.uuid} attempt ${job.attempt}: ${error}`);
  },
  { maxAttempts: 8, backoffMs: 30_000, maxBackoffMs: 3_600_000 },
);
