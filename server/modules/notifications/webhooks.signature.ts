/**
 * Webhook signatures: `X-Gongzhi-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>`.
 * A receiver recomputes the HMAC over the raw body it received, compares in constant time, and refuses a
 * timestamp too far from its clock (replays). See README.md for a receiver's code.
 */
import crypto from 'node:crypto';

/** A new subscription secret (shown to the administrator once). */
export function newWebhookSecret(): string {
  return 'whsec_' + crypto.randomBytes(24).toString('base64url');
}

/** The hex HMAC-SHA256 of "<t>.<body>". */
export function webhookHmac(secret: string, timestamp: number, body: string): string {
  return crypto.createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
}

/** The X-Gongzhi-Signature header value for a body sent at `timestamp` (unix seconds). */
export function signWebhook(secret: string, timestamp: number, body: string): string {
  return `t=${timestamp},v1=${webhookHmac(secret, timestamp, body)}`;
}

/** Checks a signature header against the raw body: right secret, and a timestamp within the tolerance. */
export function verifyWebhookSignature(secret: string, header: string | undefined, body: string, opts: { toleranceSec?: number; now?: Date } = {}): boolean {
  if (!header) return false;
  const parts = new Map(header.split(',').map((kv) => kv.trim().split('=', 2) as [string, string]));
  const t = Number(parts.get('t'));
  const v1 = parts.get('v1') ?? '';
  if (!Number.isInteger(t) || !/^[0-9a-f]{64}$/.test(v1)) return false;
  const now = Math.floor((opts.now ?? new Date()).getTime() / 1000);
  if (Math.abs(now - t) > (opts.toleranceSec ?? 300)) return false;
  return crypto.timingSafeEqual(Buffer.from(v1, 'hex'), Buffer.from(webhookHmac(secret, t, body), 'hex'));
}

/** The last characters of a secret, to recognise it without revealing it. */
export function secretHint(secret: string): string {
  return `whsec_…${secret.slice(-4)}`;
}
