import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { testDatabase } from '../../test/db.js';
import type { Database } from '../db/index.js';
import { currentEventListener, onReconnect, publish, startEventListener, stopEventListener, subscribe } from './index.js';

let d: Database;
const quiet = { info() {}, warn() {}, error() {} };
const until = async (cond: () => boolean | Promise<boolean>, ms = 10_000) => {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
};

beforeAll(async () => {
  d = await testDatabase();
});
afterAll(async () => {
  await stopEventListener();
  await d?.close();
});

describe('events', () => {
  it('delivers a published payload to the subscribers of its channel', async () => {
    const got: unknown[] = [];
    const other: unknown[] = [];
    subscribe('gz_test_a', (p) => got.push(p));
    subscribe('gz_test_b', (p) => other.push(p));
    await startEventListener(d, { log: quiet });
    await currentEventListener()!.ready();
    await publish(d.db, 'gz_test_a', { id: 1 });
    await until(() => got.length === 1);
    expect(got).toEqual([{ id: 1 }]);
    expect(other).toEqual([]);
  });

  it('delivers inside a transaction only when it commits', async () => {
    const got: any[] = [];
    subscribe('gz_test_tx', (p) => got.push(p));
    await currentEventListener()!.ready(); // a channel subscribed after start is listened to as well
    await d.db.transaction().execute(async (tx) => {
      await publish(tx, 'gz_test_tx', { n: 'committed' });
      await new Promise((r) => setTimeout(r, 100));
      expect(got).toEqual([]); // not before the commit
    });
    await expect(
      d.db.transaction().execute(async (tx) => {
        await publish(tx, 'gz_test_tx', { n: 'rolled back' });
        throw new Error('no');
      }),
    ).rejects.toThrow('no');
    await publish(d.db, 'gz_test_tx', { n: 'after' });
    await until(() => got.length === 2);
    await new Promise((r) => setTimeout(r, 100));
    expect(got.map((g) => g.n)).toEqual(['committed', 'after']);
  });

  it('stops delivering to an unsubscribed handler and survives a throwing one', async () => {
    const got: unknown[] = [];
    subscribe('gz_test_c', () => {
      throw new Error('handler bug');
    });
    const off = subscribe('gz_test_c', (p) => got.push(p));
    await currentEventListener()!.ready();
    await publish(d.db, 'gz_test_c', 1);
    await until(() => got.length === 1);
    off();
    await publish(d.db, 'gz_test_c', 2);
    await new Promise((r) => setTimeout(r, 150));
    expect(got).toEqual([1]);
  });

  it('refuses a bad channel name and a payload over the limit', async () => {
    await expect(publish(d.db, 'Bad-Name', {})).rejects.toThrow(/invalid event channel/);
    await expect(publish(d.db, 'gz_test_a', { ids: 'x'.repeat(8000) })).rejects.toThrow(/limit/);
    await publish(d.db, 'gz_test_a', { ids: 'x'.repeat(7800) }); // just under: fine
  });

  it.runIf(!!process.env.TEST_DATABASE_URL)('reconnects when its connection is killed, and says so', async () => {
    const got: unknown[] = [];
    let reconnects = 0;
    subscribe('gz_test_r', (p) => got.push(p));
    onReconnect(() => reconnects++);
    const listener = currentEventListener()!;
    await listener.ready();
    const before = listener.connections;
    const killed = await sql<{ n: number }>`select count(pg_terminate_backend(pid))::int as n from pg_stat_activity
      where application_name = 'gongzhi-listener' and datname = current_database()`.execute(d.db);
    expect(killed.rows[0]!.n).toBe(1);
    await until(() => listener.connections > before && reconnects === 1, 10_000);
    await listener.ready();
    await publish(d.db, 'gz_test_r', { again: true });
    await until(() => got.length === 1);
    expect(got).toEqual([{ again: true }]);
  });
});
