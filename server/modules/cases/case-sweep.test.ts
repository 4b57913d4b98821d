/** The deadline sweep: warning, yellow and red cards, points, escalation; idempotent; safe when racing. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { startTestApp, type TestApp } from '../../test/http.js';
import { openDatabase } from '../../platform/db/index.js';
import { withDatabase } from '../../test/db.js';
import { sweepDeadlines } from './case-sweep.js';

let t: TestApp;
let garbage: number;
beforeAll(async () => {
  t = await startTestApp();
  garbage = (await t.database.db.selectFrom('case_category').select('id').where('code', '=', 'urban.exposed_garbage').executeTakeFirstOrThrow()).id;
});
afterAll(() => t?.close());

const HOUR = 3600_000;
async function fileCase(): Promise<number> {
  const res = await (await t.as('resident')).call('POST', '/api/cases', { categoryId: garbage, description: '垃圾堆放无人清运', lat: 41.305, lng: 123.705 });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id;
}
const row = (id: number) => t.database.db.selectFrom('case_file').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

describe('deadline sweep', () => {
  it('warns, then raises a yellow and a red card, deducts points and escalates to the superior — once', async () => {
    const id = await fileCase();
    const c = await row(id);
    expect(c.stage).toBe('accept');
    expect(c.next_sweep_at!.getTime()).toBe(c.stage_warn_at!.getTime());
    const at = (d: Date | null, ms = 1) => new Date(d!.getTime() + ms);

    expect(await sweepDeadlines(t.database.db, { now: new Date(c.stage_warn_at!.getTime() - 1) })).toMatchObject({ warned: 0, yellow: 0, red: 0 });
    expect(await sweepDeadlines(t.database.db, { now: at(c.stage_warn_at) })).toMatchObject({ warned: 1, yellow: 0 });
    expect((await row(id)).next_sweep_at!.getTime()).toBe(c.stage_yellow_at!.getTime());
    expect(await sweepDeadlines(t.database.db, { now: at(c.stage_yellow_at) })).toMatchObject({ warned: 0, yellow: 1, red: 0 });
    expect(await sweepDeadlines(t.database.db, { now: at(c.stage_yellow_at) })).toMatchObject({ yellow: 0, batches: 0 });
    expect(await sweepDeadlines(t.database.db, { now: at(c.stage_red_at) })).toMatchObject({ red: 1, escalated: 1 });
    expect(await sweepDeadlines(t.database.db, { now: at(c.stage_red_at, 10 * 86_400_000) })).toMatchObject({ red: 0, batches: 0 });

    const after = await row(id);
    expect(after).toMatchObject({ card: 'red', warned: true, next_sweep_at: null, escalated_node_id: t.fx.nodes.S1.id });
    const cards = await t.database.db.selectFrom('case_card').select(['color', 'points', 'node_id']).where('case_id', '=', id).orderBy('id').execute();
    expect(cards).toEqual([
      { color: 'yellow', points: 5, node_id: t.fx.nodes.C1.id },
      { color: 'red', points: 10, node_id: t.fx.nodes.C1.id },
    ]);
    const score = await t.database.db.selectFrom('node_score_entry').select((eb) => eb.fn.sum<number>('points').as('p')).where('node_id', '=', t.fx.nodes.C1.id).executeTakeFirstOrThrow();
    expect(Number(score.p)).toBe(-15);
    const street = await (await t.as('street')).call('GET', `/api/cases/${id}`);
    expect(street.json()).toMatchObject({ escalatedTo: { id: t.fx.nodes.S1.id }, card: 'red' });
    expect(street.json().timeline.map((e: { action: string }) => e.action)).toEqual(['report', 'card_yellow', 'card_red', 'escalate']);
    const told = await t.database.db.selectFrom('notification').select('kind').where('user_id', '=', t.fx.users.street!).execute();
    expect(told.map((n) => n.kind)).toContain('case.escalate');
    // the case is now on the street's "below" board with a red card
    const board = (await (await t.as('street')).call('GET', '/api/cases?view=below&card=red')).json();
    expect(board.items.map((x: { id: number }) => x.id)).toContain(id);
  });

  it('starts a fresh clock (and fresh cards) when the case moves on', async () => {
    const id = await fileCase();
    const c = await row(id);
    await sweepDeadlines(t.database.db, { now: new Date(c.stage_red_at!.getTime() + 1) });
    const accepted = await (await t.as('community')).call('POST', `/api/cases/${id}/actions`, { action: 'dispatch', targetNodeId: t.fx.nodes.G1.id });
    expect(accepted.statusCode).toBe(409); // still 'reported': accept first
    await (await t.as('community')).call('POST', `/api/cases/${id}/actions`, { action: 'accept' });
    const d = await (await t.as('community')).call('POST', `/api/cases/${id}/actions`, { action: 'dispatch', targetNodeId: t.fx.nodes.G1.id });
    expect(d.json()).toMatchObject({ status: 'dispatched', card: 'none', clock: { stage: 'accept', card: 'none' } });
    const moved = await row(id);
    expect(moved.stage_seq).toBe(c.stage_seq + 1);
    expect(moved.next_sweep_at).not.toBeNull();
  });

  it('gives each card once when several sweepers race over many cases', async () => {
    const ids: number[] = [];
    for (let i = 0; i < 40; i++) ids.push(await fileCase());
    const far = new Date(Date.now() + 365 * 86_400_000);
    const due = (await t.database.db.selectFrom('case_file').select((eb) => eb.fn.countAll<number>().as('n')).where('next_sweep_at', 'is not', null).executeTakeFirstOrThrow()).n;
    const url = process.env.TEST_DATABASE_URL;
    // On PostgreSQL: separate connection pools, as separate processes would have. On PGlite: one database.
    const dbName = url ? (await sql<{ d: string }>`select current_database() as d`.execute(t.database.db)).rows[0]!.d : null;
    const others = url ? await Promise.all([0, 1, 2].map(() => openDatabase({ databaseUrl: withDatabase(url, dbName!), dataDir: '', poolSize: 3, migrate: false }))) : [];
    try {
      const dbs = [t.database.db, ...others.map((o) => o.db)];
      const results = await Promise.all([...dbs, ...dbs].map((db) => sweepDeadlines(db, { now: far, batchSize: 7 })));
      const red = results.reduce((s, r) => s + r.red, 0);
      const cards = await t.database.db.selectFrom('case_card').select(['case_id', 'color']).where('case_id', 'in', ids).execute();
      expect(cards).toHaveLength(ids.length); // straight to red: one red card each, no yellow (the sweep skipped it)
      expect(cards.every((k) => k.color === 'red')).toBe(true);
      expect(red).toBe(Number(due)); // every case still on a clock, each counted by exactly one sweeper
      const events = await t.database.db.selectFrom('case_event').select('case_id').where('case_id', 'in', ids).where('action', '=', 'escalate').execute();
      expect(events).toHaveLength(ids.length);
    } finally {
      await Promise.all(others.map((o) => o.close()));
    }
  });
});

describe('background jobs', () => {
  it('runs the sweep as a periodic job and recomputes open clocks when a holiday is added', async () => {
    const { runDueJobs } = await import('../../platform/jobs/index.js');
    const id = await fileCase();
    const c = await row(id);
    const summary = await runDueJobs(t.database.db, { now: new Date(c.stage_red_at!.getTime() + 60_000), kinds: ['cases.sweep'] });
    expect(summary.done).toBeGreaterThanOrEqual(1);
    expect((await row(id)).card).toBe('red');

    const fresh = await fileCase();
    const before = await row(fresh);
    // Make the day the accept clock's red limit falls on a holiday (a weekday, else a weekend is already off).
    const redDay = new Date(before.stage_red_at!.getTime() + 8 * HOUR).toISOString().slice(0, 10);
    const weekday = new Date(`${redDay}T00:00:00Z`).getUTCDay();
    if (weekday === 0 || weekday === 6) return; // the calendar refuses a holiday on a weekend: nothing to test today
    const put = await (await t.as('admin')).call('PUT', `/api/calendar/days/${redDay}`, { kind: 'holiday', nameZh: '测试假日' });
    expect(put.statusCode, put.body).toBe(200);
    await runDueJobs(t.database.db, { kinds: ['cases.recompute_clocks'] });
    const after = await row(fresh);
    expect(after.stage_red_at!.getTime()).toBeGreaterThan(before.stage_red_at!.getTime());
    expect([after.stage_warn_at, after.stage_yellow_at, after.stage_red_at].map((d) => d!.getTime())).toContain(after.next_sweep_at!.getTime());
    expect(after.card).toBe(before.card);
  });
});
