/**
 * The authorization matrix: every endpoint × every role × (inside scope, outside scope), plus anonymous.
 *
 * The policy (docs/decisions/0003-authorization.md): anonymous → 401; a role that holds the endpoint's
 * permission nowhere → 403 whatever the target (the answer says nothing about it); a target outside every
 * grant → 404, exactly like a missing one; a target inside the scope → allowed (any answer but 401/403/404,
 * including validation or conflict errors from the use case, which come after authorization).
 * "Inside" targets hang under G1 (community C1, street S1); "outside" targets under G4 (street S2).
 * A new endpoint fails the completeness check until it is added here.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './http.js';
import { box } from './fixture.js';
import { multipart } from './multipart.js';
import { ROLE_PERMISSIONS, type Permission, type Role } from '../../common/permissions.js';
import type { MatrixArea, MatrixCase, MatrixContext, Outcome, Side as MatrixSide } from './authz/matrix.js';
import { notificationsArea } from './authz/notifications.js';
import { calendarArea } from './authz/calendar.js';
import { mediaArea } from './authz/media.js';
import { categoriesArea } from './authz/categories.js';
import { casesArea } from './authz/cases.js';
import { caseStatsArea } from './authz/case-stats.js';

type Side = MatrixSide;
type Case = MatrixCase;

/** Modules' own rows (server/test/authz/<module>.ts). */
const AREAS: MatrixArea[] = [notificationsArea, calendarArea, mediaArea, categoriesArea, casesArea, caseStatsArea];

const ROLES_UNDER_TEST = ['district', 'street', 'community', 'grid', 'department', 'mediator', 'resident', 'admin', 'leader'] as const;
let t: TestApp;
let ids: Record<string, number> = {};
let n = 0;
const uniq = () => `${Date.now().toString(36)}${(n++).toString(36)}`;

beforeAll(async () => {
  t = await startTestApp();
  const { db } = t.database;
  const { G1, G2, G4, C1, C3 } = t.fx.nodes;
  const today = new Date().toISOString().slice(0, 10);
  const patrol = async (username: string, gridId: number) =>
    (await db.insertInto('patrol_log').values({ grid_id: gridId, user_id: t.fx.users[username]!, patrol_date: today, started_at: new Date(), notes: '巡查' }).returning('id').executeTakeFirstOrThrow()).id;
  const job = async (nodeId: number) =>
    (await db.insertInto('import_job').values({ kind: 'residents', filename: 'x.csv', status: 'rejected', row_count: 1, error_count: 1, errors: JSON.stringify([{ row: 2, column: '姓名', code: 'required' }]), node_id: nodeId, created_by: null }).returning('id').executeTakeFirstOrThrow()).id;
  const user = async (username: string, role: Role, nodeId: number) => {
    const u = await db.insertInto('app_user').values({ username, password_hash: 'x', display_name: username, locale: 'zh-CN' }).returning('id').executeTakeFirstOrThrow();
    const g = await db.insertInto('role_grant').values({ user_id: u.id, role, node_id: nodeId }).returning('id').executeTakeFirstOrThrow();
    return [u.id, g.id];
  };
  const [userIn, grantIn] = await user('target-in', 'grid_worker', G2.id);
  const [userOut, grantOut] = await user('target-out', 'grid_worker', G4.id);
  ids = {
    patrolIn: await patrol('grid', G1.id),
    patrolOut: await patrol('grid4', G4.id),
    jobIn: await job(C1.id),
    jobOut: await job(C3.id),
    userIn: userIn!,
    userOut: userOut!,
    grantIn: grantIn!,
    grantOut: grantOut!,
  };
  for (const area of AREAS) await area.setup?.(ctx());
  CASES.push(...AREAS.flatMap((a) => a.cases(ctx())));
});
afterAll(() => t?.close());

const N = () => t.fx.nodes;
const grid = (s: Side) => (s === 'in' ? N().G1 : N().G4);
const community = (s: Side) => (s === 'in' ? N().C1 : N().C3);
const key = (s: Side) => (s === 'in' ? 'g1' : 'g4');
const path = (s: Side) => grid(s).path;
const ctx = (): MatrixContext => ({ t, ids, uniq, grid, community, key, path });

const CASES: Case[] = [
  { method: 'GET', route: '/api/openapi.json', perm: 'public', req: () => ({ url: '/api/openapi.json' }) },
  { method: 'GET', route: '/api/health', perm: 'public', req: () => ({ url: '/api/health' }) },
  { method: 'GET', route: '/api/config', perm: 'public', req: () => ({ url: '/api/config' }) },
  { method: 'POST', route: '/api/auth/login', perm: 'public', req: () => ({ url: '/api/auth/login', body: { username: 'nobody', password: 'x' } }) },
  { method: 'POST', route: '/api/auth/logout', perm: 'public', req: () => ({ url: '/api/auth/logout' }) },
  { method: 'GET', route: '/api/auth/me', perm: 'signed-in', req: () => ({ url: '/api/auth/me' }) },
  { method: 'POST', route: '/api/auth/password', perm: 'signed-in', req: () => ({ url: '/api/auth/password', body: { current: 'wrong', next: 'whatever-long' } }) },
  { method: 'PUT', route: '/api/auth/locale', perm: 'signed-in', req: () => ({ url: '/api/auth/locale', body: { locale: 'zh-CN' } }) },
  // users: targets are users granted under G2 (inside C1/S1) and G4
  { method: 'GET', route: '/api/users', perm: 'user.manage', req: () => ({ url: '/api/users' }) },
  { method: 'GET', route: '/api/users/:id', perm: 'user.manage', req: (s) => ({ url: `/api/users/${s === 'in' ? ids.userIn : ids.userOut}` }), target: (s) => (s === 'in' ? N().G2.path : N().G4.path) },
  { method: 'POST', route: '/api/users', perm: 'user.manage', req: () => ({ url: '/api/users', body: { username: `u-${uniq()}`, displayName: '新用户', password: 'a-long-password' } }) },
  { method: 'PATCH', route: '/api/users/:id', perm: 'user.manage', req: (s) => ({ url: `/api/users/${s === 'in' ? ids.userIn : ids.userOut}`, body: { displayName: '改名' } }), target: (s) => (s === 'in' ? N().G2.path : N().G4.path) },
  { method: 'POST', route: '/api/users/:id/reset-password', perm: 'user.manage', req: (s) => ({ url: `/api/users/${s === 'in' ? ids.userIn : ids.userOut}/reset-password`, body: { password: 'another-long-password' } }), target: (s) => (s === 'in' ? N().G2.path : N().G4.path) },
  { method: 'POST', route: '/api/users/:id/grants', perm: 'user.manage', req: (s) => ({ url: `/api/users/${s === 'in' ? ids.userIn : ids.userOut}/grants`, body: { role: 'resident', nodeId: s === 'in' ? N().G2.id : N().G4.id } }), target: (s) => (s === 'in' ? N().G2.path : N().G4.path) },
  { method: 'DELETE', route: '/api/users/:id/grants/:grantId', perm: 'user.manage', req: (s) => ({ url: `/api/users/${s === 'in' ? ids.userIn : ids.userOut}/grants/${s === 'in' ? ids.grantIn : ids.grantOut}` }), target: (s) => (s === 'in' ? N().G2.path : N().G4.path) },
  // organisation
  { method: 'GET', route: '/api/org/tree', perm: 'org.read', req: () => ({ url: '/api/org/tree?tree=admin' }) },
  { method: 'GET', route: '/api/org/nodes/:id', perm: 'org.read', req: (s) => ({ url: `/api/org/nodes/${grid(s).id}` }), target: path },
  { method: 'POST', route: '/api/org/nodes', perm: 'org.manage', req: (s) => ({ url: '/api/org/nodes', body: { parentId: community(s).id, type: 'grid', code: `X${uniq()}`, nameZh: '新网格', nameEn: 'New grid' } }), target: (s) => community(s).path },
  { method: 'PATCH', route: '/api/org/nodes/:id', perm: 'org.manage', req: (s) => ({ url: `/api/org/nodes/${grid(s).id}`, body: { sort: 0 } }), target: path },
  { method: 'DELETE', route: '/api/org/nodes/:id', perm: 'org.manage', req: (s) => ({ url: `/api/org/nodes/${grid(s).id}` }), target: path },
  // geo
  { method: 'GET', route: '/api/geo/grids', perm: 'org.read', req: (s) => ({ url: `/api/geo/grids?nodeId=${grid(s).id}` }), target: path },
  { method: 'GET', route: '/api/geo/locate', perm: 'signed-in', req: (s) => ({ url: `/api/geo/locate?lat=41.305&lng=${s === 'in' ? 123.705 : 123.735}` }) },
  {
    method: 'POST', route: '/api/geo/import-grids', perm: 'grid.manage',
    // A bow-tie polygon: refused by the import (422) once the caller may import at all.
    req: (s) => ({ url: '/api/geo/import-grids', body: { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { code: `X${uniq()}`, name_zh: '新', community_code: community(s).code }, geometry: { type: 'Polygon', coordinates: [[[123.7, 41.3], [123.71, 41.31], [123.71, 41.3], [123.7, 41.31], [123.7, 41.3]]] } }] } }),
  },
  {
    method: 'POST', route: '/api/geo/grids/:id/split', perm: 'grid.manage',
    // Two identical halves overlap: refused after authorization.
    req: (s) => {
      const [x0, y0] = [grid(s).bbox![0]!, grid(s).bbox![1]!];
      const half = box(x0, y0, x0 + 0.005, y0 + 0.01);
      return { url: `/api/geo/grids/${grid(s).id}/split`, body: { parts: [{ nameZh: '甲', geometry: half }, { nameZh: '乙', geometry: half }] } };
    },
    target: path,
  },
  { method: 'POST', route: '/api/geo/grids/merge', perm: 'grid.manage', req: (s) => ({ url: '/api/geo/grids/merge', body: { gridIds: [grid(s).id, N().G3.id], nameZh: '合并' } }), target: path },
  { method: 'GET', route: '/api/geo/grids/:id/history', perm: 'org.read', req: (s) => ({ url: `/api/geo/grids/${grid(s).id}/history` }), target: path },
  // people
  { method: 'GET', route: '/api/people/buildings', perm: 'people.read', req: (s) => ({ url: `/api/people/buildings?nodeId=${grid(s).id}` }), target: path },
  { method: 'GET', route: '/api/people/buildings/:id', perm: 'people.read', req: (s) => ({ url: `/api/people/buildings/${t.fx.buildings[key(s)]}` }), target: path },
  { method: 'POST', route: '/api/people/buildings', perm: 'people.write', req: (s) => ({ url: '/api/people/buildings', body: { gridId: grid(s).id, code: `B${uniq()}`, name: '新楼', address: '测试路', lat: 41.305, lng: s === 'in' ? 123.705 : 123.735, floors: 6, unitCount: 2 } }), target: path },
  { method: 'PATCH', route: '/api/people/buildings/:id', perm: 'people.write', req: (s) => ({ url: `/api/people/buildings/${t.fx.buildings[key(s)]}`, body: { floors: 6 } }), target: path },
  { method: 'POST', route: '/api/people/buildings/:id/houses', perm: 'people.write', req: (s) => ({ url: `/api/people/buildings/${t.fx.buildings[key(s)]}/houses`, body: { unitNo: '2', floor: 1, roomNo: `R${uniq()}`, areaCenti: 6000 } }), target: path },
  { method: 'GET', route: '/api/people/households', perm: 'people.read', req: (s) => ({ url: `/api/people/households?nodeId=${grid(s).id}` }), target: path },
  { method: 'GET', route: '/api/people/households/:id', perm: 'people.read', req: (s) => ({ url: `/api/people/households/${t.fx.households[key(s)]}` }), target: path },
  { method: 'POST', route: '/api/people/households', perm: 'people.write', req: (s) => ({ url: '/api/people/households', body: { gridId: grid(s).id, householdNo: `H${uniq()}`, address: '测试路1号' } }), target: path },
  { method: 'PATCH', route: '/api/people/households/:id', perm: 'people.write', req: (s) => ({ url: `/api/people/households/${t.fx.households[key(s)]}`, body: { kind: 'family' } }), target: path },
  { method: 'GET', route: '/api/people/residents', perm: 'people.read', req: (s) => ({ url: `/api/people/residents?nodeId=${grid(s).id}` }), target: path },
  { method: 'GET', route: '/api/people/residents/:id', perm: 'people.read', req: (s) => ({ url: `/api/people/residents/${t.fx.residents[`${key(s)}_head`]}` }), target: path },
  { method: 'POST', route: '/api/people/residents', perm: 'people.write', req: (s) => ({ url: '/api/people/residents', body: { householdId: t.fx.households[key(s)], name: '新人', idNumber: '11010519491231002X' } }), target: path },
  { method: 'PATCH', route: '/api/people/residents/:id', perm: 'people.write', req: (s) => ({ url: `/api/people/residents/${t.fx.residents[`${key(s)}_head`]}`, body: { ethnicity: '汉族' } }), target: path },
  { method: 'POST', route: '/api/people/residents/:id/reveal', perm: 'personal.reveal', req: (s) => ({ url: `/api/people/residents/${t.fx.residents[`${key(s)}_head`]}/reveal`, body: { field: 'phone', reason: '核实联系方式' } }), target: path },
  { method: 'GET', route: '/api/people/key-populations', perm: 'people.read', req: (s) => ({ url: `/api/people/key-populations?nodeId=${community(s).id}` }), target: (s) => community(s).path },
  // patrol logs: the "inside" entry is the grid worker's own
  { method: 'GET', route: '/api/patrols', perm: 'patrol.read', req: (s) => ({ url: `/api/patrols?gridId=${grid(s).id}` }), target: path },
  { method: 'GET', route: '/api/patrols/:id', perm: 'patrol.read', req: (s) => ({ url: `/api/patrols/${s === 'in' ? ids.patrolIn : ids.patrolOut}` }), target: path },
  { method: 'POST', route: '/api/patrols', perm: 'patrol.write', req: (s) => ({ url: '/api/patrols', body: { gridId: grid(s).id, patrolDate: new Date().toISOString().slice(0, 10), startedAt: new Date().toISOString(), notes: '巡查楼道' } }), target: path },
  { method: 'PATCH', route: '/api/patrols/:id', perm: 'patrol.write', req: (s) => ({ url: `/api/patrols/${s === 'in' ? ids.patrolIn : ids.patrolOut}`, body: { notes: '补充记录' } }), target: path },
  // audit
  { method: 'GET', route: '/api/audit', perm: 'audit.read', req: () => ({ url: '/api/audit' }) },
  // imports
  {
    method: 'POST', route: '/api/imports', perm: 'people.import',
    req: (s) => {
      const csv = Buffer.from(`网格编码,户编号,地址,姓名,公民身份号码\n${grid(s).code},H${uniq()},测试路,张三,110105194912310021\n`);
      const m = multipart([{ name: 'nodeId', value: String(community(s).id) }, { name: 'file', filename: 'r.csv', content: csv, contentType: 'text/csv' }]);
      return { url: '/api/imports', body: m.payload, headers: m.headers };
    },
    target: (s) => community(s).path,
  },
  { method: 'GET', route: '/api/imports', perm: 'people.import', req: () => ({ url: '/api/imports' }) },
  { method: 'GET', route: '/api/imports/template', perm: 'people.import', req: () => ({ url: '/api/imports/template?format=csv' }) },
  { method: 'GET', route: '/api/imports/:id', perm: 'people.import', req: (s) => ({ url: `/api/imports/${s === 'in' ? ids.jobIn : ids.jobOut}` }), target: (s) => community(s).path },
  { method: 'GET', route: '/api/imports/:id/report', perm: 'people.import', req: (s) => ({ url: `/api/imports/${s === 'in' ? ids.jobIn : ids.jobOut}/report?format=csv` }), target: (s) => community(s).path },
];

/** What the policy says a role should get. */
function expected(c: Case, role: string, side: Side): Outcome {
  if (c.expect) return c.expect(role, side);
  if (c.perm === 'public' || c.perm === 'signed-in') return 'allowed';
  const grants = t.fx.grantsByUser[role]!;
  const holding = grants.filter((g) => ROLE_PERMISSIONS[g.role].includes(c.perm as Permission));
  if (holding.length === 0) return 'forbidden';
  if (!c.target) return 'allowed';
  const target = c.target(side);
  if (holding.some((g) => target.startsWith(g.path))) return 'allowed';
  return grants.some((g) => target.startsWith(g.path)) ? 'forbidden' : 'hidden';
}

function outcome(status: number): Outcome {
  if (status === 401) return 'anonymous';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'hidden';
  return 'allowed';
}

describe('authorization matrix', () => {
  it('covers every registered endpoint', () => {
    const known = new Set(CASES.map((c) => `${c.method} ${c.route}`));
    const missing = t.app.routeList.filter((r) => r.url.startsWith('/api/') && !known.has(`${r.method} ${r.url}`)).map((r) => `${r.method} ${r.url}`);
    expect(missing, 'endpoints without a row in the authorization matrix').toEqual([]);
  });

  it('answers anonymous callers with 401 on every non-public endpoint', async () => {
    const wrong: string[] = [];
    for (const c of CASES) {
      if (c.perm === 'public') continue;
      const r = c.req('in');
      const res = await t.anonymous.call(c.method as never, r.url, r.body, r.headers);
      if (res.statusCode !== 401) wrong.push(`${c.method} ${c.route}: ${res.statusCode}`);
    }
    expect(wrong).toEqual([]);
  });

  it('gives every role exactly what the policy says, inside and outside its scope', async () => {
    const wrong: string[] = [];
    for (const role of ROLES_UNDER_TEST) {
      const caller = await t.as(role);
      for (const c of CASES) {
        if (c.method === 'POST' && c.route === '/api/auth/logout') continue; // would end this caller's session
        for (const side of c.target ? (['in', 'out'] as const) : (['in'] as const)) {
          const r = c.req(side);
          const res = await caller.call(c.method as never, r.url, r.body, r.headers);
          if (res.statusCode >= 500) wrong.push(`${role} ${c.method} ${c.route} [${side}]: ${res.statusCode} ${res.body.slice(0, 200)}`);
          if (c.perm === 'public') continue; // e.g. a failed login is 401 by design
          const got = outcome(res.statusCode);
          const want = expected(c, role, side);
          if (got !== want) wrong.push(`${role} ${c.method} ${c.route} [${side}]: want ${want}, got ${res.statusCode} ${res.body.slice(0, 160)}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  }, 300_000);
});
