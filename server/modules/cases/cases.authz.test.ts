/**
 * Every workflow action by every fixture user, inside and outside the scope: for each action a case is
 * brought to a status where the action is possible; every other user tries it first (and must fail with
 * 403, or 404 when the case is outside their sight, changing nothing); then the one right user succeeds.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/http.js';
import { CASE_ACTIONS, type CaseAction } from './case-workflow.js';

let t: TestApp;
let category: number;
const USERS = ['district', 'street', 'community', 'grid', 'department', 'mediator', 'resident', 'admin', 'leader', 'street2', 'community3', 'grid4'];
/** Who sees a case located in G1 that stayed within community C1 (plus the reporter). */
const SEES = ['district', 'street', 'community', 'grid', 'resident', 'leader'];
/** Users who may not list or read cases at all (no case permission): refused before any lookup. */
const NO_CASES = ['mediator', 'admin'];

beforeAll(async () => {
  t = await startTestApp();
  category = (await t.database.db.selectFrom('case_category').select('id').where('code', '=', 'urban.exposed_garbage').executeTakeFirstOrThrow()).id;
});
afterAll(() => t?.close());

const call = async (user: string, id: number, body: Record<string, unknown>) => (await t.as(user)).call('POST', `/api/cases/${id}/actions`, body);
async function step(user: string, id: number, body: Record<string, unknown>) {
  const r = await call(user, id, body);
  expect(r.statusCode, `${user} ${body.action}: ${r.body}`).toBe(200);
}
async function file(): Promise<number> {
  const r = await (await t.as('resident')).call('POST', '/api/cases', { categoryId: category, description: '垃圾无人清运', lat: 41.305, lng: 123.705 });
  expect(r.statusCode, r.body).toBe(201);
  return r.json().id;
}

/** Brings a fresh case to where the action can be taken; returns it, who takes it, and the body. */
async function prepare(action: CaseAction): Promise<{ id: number; actor: string; body: Record<string, unknown> }> {
  const id = await file();
  const accept = () => step('community', id, { action: 'accept' });
  const dispatch = async () => (await accept(), step('community', id, { action: 'dispatch', targetNodeId: t.fx.nodes.G1.id }));
  const working = async () => (await dispatch(), step('grid', id, { action: 'accept' }));
  const handled = async () => (await working(), step('grid', id, { action: 'finish', note: '已处理' }));
  switch (action) {
    case 'accept':
      return { id, actor: 'community', body: { action } };
    case 'reject':
      return { id, actor: 'community', body: { action, reason: '不属于受理范围' } };
    case 'cancel':
      return { id, actor: 'resident', body: { action } };
    case 'dispatch':
      await accept();
      return { id, actor: 'community', body: { action, targetNodeId: t.fx.nodes.G1.id } };
    case 'hand_up':
      await accept();
      return { id, actor: 'community', body: { action, reason: '需街道协调' } };
    case 'note':
      await dispatch();
      return { id, actor: 'grid', body: { action, note: '已联系物业' } };
    case 'finish':
      await working();
      return { id, actor: 'grid', body: { action, note: '已清理' } };
    case 'verify':
      await handled();
      return { id, actor: 'community', body: { action } };
    case 'rework':
      await handled();
      return { id, actor: 'community', body: { action, reason: '仍未清理' } };
    case 'return':
      await dispatch();
      return { id, actor: 'grid', body: { action, reason: '不属于网格职责' } };
    case 'request_extension':
      await working();
      return { id, actor: 'grid', body: { action, days: 2, reason: '需等待物业' } };
    case 'decide_extension':
      await working();
      await step('grid', id, { action: 'request_extension', days: 2, reason: '需等待物业' });
      return { id, actor: 'community', body: { action, approve: true } };
    case 'park':
      await accept();
      return { id, actor: 'community', body: { action, reason: '纳入改造计划' } };
    case 'unpark':
      await accept();
      await step('community', id, { action: 'park', reason: '纳入改造计划' });
      return { id, actor: 'community', body: { action } };
    case 'merge':
      return { id, actor: 'community', body: { action, intoCaseId: await file() } };
    case 'cc':
      return { id, actor: 'community', body: { action, nodeIds: [t.fx.nodes.G1.id] } };
    case 'edit':
      return { id, actor: 'community', body: { action, address: '东门外' } };
    case 'rate':
      await handled();
      await step('community', id, { action: 'verify' });
      return { id, actor: 'resident', body: { action, satisfaction: 'satisfied', resolved: true } };
  }
}

describe('who may take each action', () => {
  for (const action of CASE_ACTIONS) {
    it(`${action}: only the right user, and nobody outside the scope learns the case exists`, async () => {
      const { id, actor, body } = await prepare(action);
      const before = await t.database.db.selectFrom('case_file').select(['status', 'holder_node_id', 'updated_at']).where('id', '=', id).executeTakeFirstOrThrow();
      const wrong: string[] = [];
      for (const user of USERS) {
        if (user === actor) continue;
        const r = await call(user, id, body);
        const want = NO_CASES.includes(user) ? 403 : SEES.includes(user) ? 403 : 404;
        if (r.statusCode !== want) wrong.push(`${user}: want ${want}, got ${r.statusCode} ${r.body.slice(0, 120)}`);
      }
      expect(wrong).toEqual([]);
      const unchanged = await t.database.db.selectFrom('case_file').select(['status', 'holder_node_id', 'updated_at']).where('id', '=', id).executeTakeFirstOrThrow();
      expect(unchanged).toEqual(before);
      const ok = await call(actor, id, body);
      expect(ok.statusCode, ok.body).toBe(200);
    });
  }
});
