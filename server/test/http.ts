/** HTTP test helpers: an app on a fresh database, and signed-in callers with cookie and CSRF token. */
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../app.js';
import { loadConfig } from '../config.js';
import { testDatabase } from './db.js';
import { buildFixture, PASSWORD, type Fixture } from './fixture.js';
import type { Database } from '../platform/db/index.js';

export interface Caller {
  cookie: string;
  csrf: string;
  call(method: InjectOptions['method'], url: string, body?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
}

export interface TestApp {
  app: FastifyInstance;
  database: Database;
  fx: Fixture;
  as(username: string): Promise<Caller>;
  anonymous: Caller;
  close(): Promise<void>;
}

/** Starts an app (no web) on a fresh database with the fixture. */
export async function startTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const database = await testDatabase();
  const fx = await buildFixture(database.db);
  const config = { ...loadConfig({ ...process.env, GONGZHI_DATA_DIR: '.tmp/unused', ...env }), databaseUrl: null };
  const app = await buildApp({ db: database.db, kind: database.kind, config, startedAt: new Date() }, { serveWeb: false });
  const callerOf = (cookie: string, csrf: string): Caller => ({
    cookie,
    csrf,
    call: (method, url, body, headers = {}) =>
      app.inject({
        method,
        url,
        headers: { ...(cookie && { cookie }), ...(csrf && { 'x-csrf-token': csrf }), ...headers },
        ...(body !== undefined && (typeof body === 'string' || Buffer.isBuffer(body) ? { payload: body } : { payload: body as object })),
      }),
  });
  const sessions = new Map<string, Caller>();
  return {
    app,
    database,
    fx,
    anonymous: callerOf('', ''),
    async as(username) {
      const known = sessions.get(username);
      if (known) return known;
      const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: PASSWORD } });
      if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.statusCode} ${res.body}`);
      const cookie = res.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
      const caller = callerOf(cookie, res.json().csrfToken);
      sessions.set(username, caller);
      return caller;
    },
    async close() {
      await app.close();
      await database.close();
    },
  };
}
