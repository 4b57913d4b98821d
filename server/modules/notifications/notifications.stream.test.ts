/** The live stream over real HTTP: events from the database, filtered per user, heartbeat, session end, cleanup. */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/http.js';
import { startEventListener, stopEventListener } from '../../platform/events/index.js';
import { notify, publishChange } from './index.js';
import { liveStreamCount } from './live.js';

let t: TestApp;
let base: string;

interface Stream {
  events: { event: string; data: any }[];
  comments: number;
  closed: boolean;
  close(): void;
}

/** Opens the stream as a user (cookie), collecting parsed events. */
async function open(username: string, lang = 'zh-CN'): Promise<Stream> {
  const caller = await t.as(username);
  return new Promise((resolve, reject) => {
    const s: Stream = { events: [], comments: 0, closed: false, close: () => req.destroy() };
    let buf = '';
    const req = http.get(`${base}/api/notifications/stream?lang=${lang}`, { headers: { cookie: caller.cookie, accept: 'text/event-stream' } }, (res) => {
      if (res.statusCode !== 200) return reject(new Error(`stream: ${res.statusCode}`));
      expect(res.headers['content-type']).toMatch(/^text\/event-stream/);
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buf += chunk;
        let i;
        while ((i = buf.indexOf('\n\n')) >= 0) {
          const block = buf.slice(0, i);
          buf = buf.slice(i + 2);
          if (block.startsWith(':')) s.comments++;
          const ev = /^event: (.+)$/m.exec(block)?.[1];
          const data = /^data: (.+)$/m.exec(block)?.[1];
          if (ev) s.events.push({ event: ev, data: data ? JSON.parse(data) : null });
        }
      });
      res.on('end', () => (s.closed = true));
      res.on('close', () => (s.closed = true));
      resolve(s);
    });
    req.on('error', () => (s.closed = true));
  });
}

const until = async (cond: () => boolean, ms = 10_000) => {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
};
const named = (s: Stream, e: string) => s.events.filter((x) => x.event === e);

beforeAll(async () => {
  t = await startTestApp({ GONGZHI_SSE_HEARTBEAT_MS: '1000' });
  await t.app.listen({ host: '127.0.0.1', port: 0 });
  base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  await startEventListener(t.database, { log: { info() {}, warn() {}, error() {} } });
});
afterAll(async () => {
  await stopEventListener(); // its connection would keep the test database from being dropped
  await t?.close();
});

describe('live stream', () => {
  it('greets with the unread count and pushes new notifications to their user only, in the stream’s language', async () => {
    const db = t.database.db;
    await db.transaction().execute((tx) =>
      notify(tx, { userIds: [t.fx.users.grid!], kind: 'case.new', link: '/cases/1', entity: 'case', entityId: 1, zh: { title: '旧的', body: '' }, en: { title: 'Old', body: '' } }),
    );
    const grid = await open('grid', 'en');
    const community = await open('community');
    await until(() => named(grid, 'hello').length === 1 && named(community, 'hello').length === 1);
    expect(named(grid, 'hello')[0]!.data).toEqual({ unread: 1 });
    expect(named(community, 'hello')[0]!.data).toEqual({ unread: 0 });
    await db.transaction().execute((tx) =>
      notify(tx, { userIds: [t.fx.users.grid!], kind: 'case.dispatched', link: '/cases/2', entity: 'case', entityId: 2, zh: { title: '新事件', body: '请签收' }, en: { title: 'New case', body: 'Please sign' } }),
    );
    await until(() => named(grid, 'notification').length === 1);
    expect(named(grid, 'notification')[0]!.data).toMatchObject({ unread: 2, notification: { title: 'New case', body: 'Please sign', link: '/cases/2', kind: 'case.dispatched', read: false } });
    await new Promise((r) => setTimeout(r, 200));
    expect(named(community, 'notification')).toEqual([]);
    grid.close();
    community.close();
  });

  it('passes change events to users whose grants cover a node path, or who are listed', async () => {
    const { G1, G4 } = t.fx.nodes;
    const grid = await open('grid');
    const street = await open('street');
    const grid4 = await open('grid4');
    const resident = await open('resident');
    const admin = await open('admin');
    await until(() => [grid, street, grid4, resident, admin].every((s) => named(s, 'hello').length === 1));
    await t.database.db.transaction().execute((tx) => publishChange(tx, { entity: 'case', id: 41, nodePaths: [G1.path], userIds: [t.fx.users.resident!] }));
    await t.database.db.transaction().execute((tx) => publishChange(tx, { entity: 'case', id: 42, nodePaths: [G4.path] }));
    await until(() => named(grid4, 'change').length === 1 && named(grid, 'change').length === 1);
    await new Promise((r) => setTimeout(r, 200));
    const ids = (s: Stream) => named(s, 'change').map((c) => c.data.id);
    expect(named(grid, 'change')[0]!.data).toEqual({ entity: 'case', id: 41 });
    expect(ids(grid)).toEqual([41]);
    expect(ids(street)).toEqual([41]); // S1 is above G1
    expect(ids(resident)).toEqual([41]); // listed (a resident's grant also covers G1)
    expect(ids(grid4)).toEqual([42]);
    expect(ids(admin)).toEqual([41, 42]); // the district admin's grant covers both
    // a rolled-back change is never sent
    await t.database.db
      .transaction()
      .execute(async (tx) => {
        await publishChange(tx, { entity: 'case', id: 43, nodePaths: [G1.path] });
        throw new Error('no');
      })
      .catch(() => {});
    await new Promise((r) => setTimeout(r, 200));
    expect(ids(grid)).toEqual([41]);
    for (const s of [grid, street, grid4, resident, admin]) s.close();
  });

  it('beats every heartbeat, ends the stream when the session ends, and forgets closed streams', async () => {
    await until(() => liveStreamCount() === 0);
    const grid = await open('grid');
    await until(() => liveStreamCount() === 1);
    await until(() => grid.comments >= 1);
    grid.close();
    await until(() => liveStreamCount() === 0);
    // sign out: the next beat ends the stream
    const dep = await open('department');
    await until(() => named(dep, 'hello').length === 1);
    const caller = await t.as('department');
    expect((await caller.call('POST', '/api/auth/logout')).statusCode).toBeLessThan(300);
    await until(() => dep.closed);
    expect(named(dep, 'end')).toEqual([{ event: 'end', data: { reason: 'session' } }]);
    expect(liveStreamCount()).toBe(0);
  });
});
