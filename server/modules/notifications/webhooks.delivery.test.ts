/** Webhook delivery against a real HTTP receiver on 127.0.0.1: signature, retries with back-off, dead, filters. */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/http.js';
import { runDueJobs } from '../../platform/jobs/index.js';
import { emitWebhookEvent, verifyWebhookSignature } from './index.js';
import { configureWebhooks, matchesEventType } from './webhooks.delivery.js';
import { signWebhook } from './webhooks.signature.js';

let t: TestApp;
let receiver: http.Server;
let url: string;
/** What the receiver answers next (shifted per request); default 200. */
let script: (number | 'hang')[] = [];
const received: { headers: http.IncomingHttpHeaders; body: string; at: number }[] = [];
const quiet = { info() {}, warn() {}, error() {} };

beforeAll(async () => {
  t = await startTestApp();
  receiver = http.createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      received.push({ headers: req.headers, body, at: Date.now() });
      const next = script.shift() ?? 200;
      if (next === 'hang') return; // never answers: the sender's timeout must fire
      res.writeHead(next, { 'content-type': 'text/plain' }).end(next === 200 ? 'ok' : `failure ${next}`);
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks/gongzhi`;
  configureWebhooks({ maxAttempts: 4, timeoutMs: 2000 }); // generous: the machine may be busy
});
afterAll(async () => {
  receiver?.closeAllConnections();
  await new Promise((r) => receiver?.close(r));
  await t?.close();
});
beforeEach(async () => {
  script = [];
  received.length = 0;
  await t.database.db.deleteFrom('webhook').execute();
  await t.database.db.deleteFrom('job').execute();
});

/** Creates a subscription through the API; returns it with its secret. */
async function subscribe(body: Record<string, unknown> = {}) {
  const res = await (await t.as('admin')).call('POST', '/api/webhooks', { url, ...body });
  expect(res.statusCode).toBe(201);
  return res.json() as { id: number; secret: string };
}
const emit = (type: string, data: unknown, nodePaths?: string[]) => t.database.db.transaction().execute((tx) => emitWebhookEvent(tx, type, data, { nodePaths }));
const deliveries = async (id: number) => (await (await t.as('admin')).call('GET', `/api/webhooks/${id}/deliveries`)).json();
const run = (now?: Date) => runDueJobs(t.database.db, { kinds: ['webhook.deliver'], now, log: quiet });

describe('webhook delivery', () => {
  it('signs the body, retries a failing receiver with back-off, records every attempt, and succeeds', async () => {
    const hook = await subscribe({ eventTypes: ['case.*'] });
    script = [500, 503];
    const [deliveryId] = await emit('case.created', { caseId: 12, status: 'reported' });
    expect(received).toHaveLength(0); // nothing is sent inside the transaction

    expect(await run()).toMatchObject({ ran: 1, retry: 1 });
    let d = (await deliveries(hook.id)).items[0];
    expect(d).toMatchObject({ id: deliveryId, eventType: 'case.created', status: 'pending', attempts: 1, lastStatusCode: 500, lastError: 'HTTP 500' });
    const next1 = new Date(d.nextAttemptAt).getTime();
    expect(next1 - Date.now()).toBeGreaterThan(10_000); // 15–30 s
    expect(await run()).toMatchObject({ ran: 0 }); // not yet

    expect(await run(new Date(next1 + 1))).toMatchObject({ ran: 1, retry: 1 });
    d = (await deliveries(hook.id)).items[0];
    const next2 = new Date(d.nextAttemptAt).getTime();
    expect(next2 - next1).toBeGreaterThan(25_000); // 30–60 s after the second attempt: the delay doubled
    expect(await run(new Date(next2 + 1))).toMatchObject({ ran: 1, done: 1 });

    d = (await deliveries(hook.id)).items[0];
    expect(d).toMatchObject({ status: 'succeeded', attempts: 3, lastStatusCode: 200, lastError: null, nextAttemptAt: null });
    expect(d.attemptLog.map((a: any) => [a.attempt, a.statusCode, a.error])).toEqual([
      [1, 500, 'HTTP 500'],
      [2, 503, 'HTTP 503'],
      [3, 200, null],
    ]);
    expect(d.attemptLog[0].responseExcerpt).toBe('failure 500');
    expect(d.attemptLog.every((a: any) => Number.isInteger(a.durationMs) && a.durationMs >= 0)).toBe(true);

    // the same bytes every time, each attempt signed afresh; the receiver can verify with the secret
    expect(received).toHaveLength(3);
    expect(new Set(received.map((r) => r.body)).size).toBe(1);
    const body = JSON.parse(received[0]!.body);
    expect(body).toMatchObject({ type: 'case.created', data: { caseId: 12, status: 'reported' } });
    expect(body.id).toMatch(/^[0-9a-f-]{36}$/);
    for (const r of received) {
      expect(r.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(r.headers['x-gongzhi-event']).toBe('case.created');
      expect(r.headers['x-gongzhi-delivery']).toBe(d.uuid);
      const sig = String(r.headers['x-gongzhi-signature']);
      expect(sig).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
      expect(verifyWebhookSignature(hook.secret, sig, r.body)).toBe(true);
      expect(verifyWebhookSignature(hook.secret, sig, r.body + ' ')).toBe(false);
      expect(verifyWebhookSignature('whsec_wrong', sig, r.body)).toBe(false);
    }
  });

  it('gives up after the last attempt (dead) and records a timeout', async () => {
    const hook = await subscribe();
    script = ['hang', 502, 502, 502];
    await emit('case.closed', { caseId: 1 });
    const t0 = Date.now();
    await run();
    expect(Date.now() - t0).toBeLessThan(8000);
    let now = Date.now();
    for (let i = 0; i < 3; i++) {
      now += 2 * 3600_000;
      await run(new Date(now));
    }
    const d = (await deliveries(hook.id)).items[0];
    expect(d).toMatchObject({ status: 'dead', attempts: 4, maxAttempts: 4, lastStatusCode: 502 });
    expect(d.finishedAt).not.toBeNull();
    expect(d.attemptLog[0]).toMatchObject({ attempt: 1, statusCode: null, error: 'timed out after 2 s' });
    expect((await run(new Date(now + 10 * 3600_000))).ran).toBe(0);
    const job = await t.database.db.selectFrom('job').selectAll().where('kind', '=', 'webhook.deliver').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(job).toMatchObject({ status: 'dead', attempts: 4 });
  });

  it('records a refused connection as an error', async () => {
    const closed = http.createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((r) => closed.close(r));
    const hook = await subscribe();
    await (await t.as('admin')).call('PATCH', `/api/webhooks/${hook.id}`, { url: `http://127.0.0.1:${port}/gone` });
    await emit('case.created', { caseId: 2 });
    await run();
    const d = (await deliveries(hook.id)).items[0];
    expect(d.attemptLog[0]).toMatchObject({ statusCode: null });
    expect(d.attemptLog[0].error).toMatch(/ECONNREFUSED/);
  });

  it('sends only to active subscriptions whose type filter and place match', async () => {
    const { D, S1, S2, G1 } = t.fx.nodes;
    const all = await subscribe({ nodeId: D.id });
    const cases = await subscribe({ nodeId: D.id, eventTypes: ['case.created'] });
    const street1 = await subscribe({ nodeId: S1.id, eventTypes: ['case.*'] });
    const street2 = await subscribe({ nodeId: S2.id });
    const off = await subscribe({ nodeId: D.id, active: false });
    const hooksOf = async (ids: number[]) =>
      (await t.database.db.selectFrom('webhook_delivery').select('webhook_id').where('id', 'in', ids).execute()).map((r) => r.webhook_id).sort();
    expect(await hooksOf(await emit('case.created', { caseId: 3 }, [G1.path]))).toEqual([all.id, cases.id, street1.id].sort());
    expect(await hooksOf(await emit('case.closed', { caseId: 3 }, [G1.path]))).toEqual([all.id, street1.id].sort());
    expect(await hooksOf(await emit('case.closed', { caseId: 4 }, [t.fx.nodes.G4.path]))).toEqual([all.id, street2.id].sort());
    expect(await hooksOf(await emit('system.backup_done', {}))).toEqual([all.id, street2.id].sort()); // no place: everyone whose filter matches
    expect(off.id).toBeGreaterThan(0);
  });

  it('cancels a queued delivery whose subscription was switched off before it went out', async () => {
    const hook = await subscribe();
    const [id] = await emit('case.created', { caseId: 5 });
    await (await t.as('admin')).call('PATCH', `/api/webhooks/${hook.id}`, { active: false });
    expect(await run()).toMatchObject({ ran: 1, done: 1 });
    expect(received).toHaveLength(0);
    expect((await deliveries(hook.id)).items[0]).toMatchObject({ id, status: 'cancelled', attempts: 0 });
  });

  it('pings an inactive subscription too, and drops pending deliveries with a deleted one', async () => {
    const hook = await subscribe({ active: false });
    const admin = await t.as('admin');
    const ping = await admin.call('POST', `/api/webhooks/${hook.id}/ping`);
    expect(ping.statusCode).toBe(202);
    await run();
    expect(received.map((r) => r.headers['x-gongzhi-event'])).toEqual(['ping']);
    expect(JSON.parse(received[0]!.body).data).toMatchObject({ webhookId: hook.id });
    expect((await deliveries(hook.id)).items[0]).toMatchObject({ id: ping.json().deliveryId, status: 'succeeded', eventType: 'ping' });
    await admin.call('PATCH', `/api/webhooks/${hook.id}`, { active: true });
    await emit('case.created', { caseId: 6 });
    expect((await admin.call('DELETE', `/api/webhooks/${hook.id}`)).statusCode).toBe(200);
    expect(await run()).toMatchObject({ ran: 1, done: 1 });
    expect(received).toHaveLength(1);
  });

  it('refuses an event type that is not dotted, and data over the limit', async () => {
    await expect(emit('created', {})).rejects.toThrow(/event type/);
    await expect(emit('case.created', { big: 'x'.repeat(70_000) })).rejects.toThrow(/limit/);
  });

  it('matches type filters and verifies signatures within the tolerance only', () => {
    expect(matchesEventType('case.created', [])).toBe(true);
    expect(matchesEventType('case.created', ['*'])).toBe(true);
    expect(matchesEventType('case.created', ['case.*'])).toBe(true);
    expect(matchesEventType('case.created', ['case.closed'])).toBe(false);
    expect(matchesEventType('cases.created', ['case.*'])).toBe(false);
    const at = 1_767_225_600; // 2026-01-01T00:00:00Z
    const header = signWebhook('whsec_s', at, '{"a":1}');
    expect(verifyWebhookSignature('whsec_s', header, '{"a":1}', { now: new Date(at * 1000 + 299_000) })).toBe(true);
    expect(verifyWebhookSignature('whsec_s', header, '{"a":1}', { now: new Date(at * 1000 + 301_000) })).toBe(false);
    expect(verifyWebhookSignature('whsec_s', 'garbage', '{"a":1}')).toBe(false);
    expect(verifyWebhookSignature('whsec_s', undefined, '{"a":1}')).toBe(false);
  });
});
