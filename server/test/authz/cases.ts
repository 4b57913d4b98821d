/**
 * Authorization-matrix rows of the cases module. Who may see a case is more than "permission on a node"
 * (the reporter sees her own; handlers see what reached them), so rows say the expected outcome per user.
 * "in": a resident's report in G1, held by community C1. "out": grid4's patrol finding in G4 (street S2).
 */
import { expect } from 'vitest';
import { multipart } from '../multipart.js';
import { photo } from '../../modules/media/test-images.js';
import type { MatrixArea, MatrixContext, Outcome, Side } from './matrix.js';

const STAFF_IN = ['district', 'street', 'community', 'grid', 'leader'];
/** Who sees the case at all (as staff or as its reporter). */
const sees = (u: string, s: Side) => (s === 'in' ? [...STAFF_IN, 'resident'].includes(u) : u === 'district');
const CASE_USERS = ['district', 'street', 'community', 'grid', 'department', 'resident', 'leader'];
const HANDLERS = ['district', 'street', 'community', 'grid', 'department'];
const CENTRES = ['district', 'street', 'community'];

const within = (allowedUsers: string[], u: string, s: Side, inner: () => Outcome): Outcome => (!allowedUsers.includes(u) ? 'forbidden' : !sees(u, s) ? 'hidden' : inner());

const holder: { ctx?: MatrixContext } = {};
const ctx0 = () => holder.ctx!;

export const casesArea: MatrixArea = {
  async setup(ctx: MatrixContext) {
    const { t } = ctx;
    const cat = await t.database.db.selectFrom('case_category').select('id').where('code', '=', 'urban.exposed_garbage').executeTakeFirstOrThrow();
    const m = multipart([{ name: 'files', filename: 'p.jpg', contentType: 'image/jpeg', content: await photo() }]);
    const up = await (await t.as('resident')).call('POST', '/api/media', m.payload, m.headers);
    expect(up.statusCode, up.body).toBe(201);
    const photoIn = up.json().items[0].id as number;
    const caseIn = await (await t.as('resident')).call('POST', '/api/cases', { categoryId: cat.id, description: '垃圾无人清运', lat: 41.305, lng: 123.705, photoIds: [photoIn] });
    expect(caseIn.statusCode, caseIn.body).toBe(201);
    const caseOut = await (await t.as('grid4')).call('POST', '/api/cases', { categoryId: cat.id, description: '巡查发现垃圾', lat: 41.305, lng: 123.735 });
    expect(caseOut.statusCode, caseOut.body).toBe(201);
    Object.assign(ctx.ids, { caseIn: caseIn.json().id, caseOut: caseOut.json().id, photoIn, categoryCase: cat.id });
    // Two cases handed up to street S1, one with a routine whistle (open), one with a tough one (waiting).
    for (const [n, kind] of [[1, 'routine'], [2, 'tough']] as const) {
      const c = await (await t.as('resident')).call('POST', '/api/cases', { categoryId: cat.id, description: `需要街道协调的问题${n}`, lat: 41.305, lng: 123.705 });
      const id = c.json().id as number;
      for (const [user, body] of [['community', { action: 'accept' }], ['community', { action: 'hand_up', reason: '需街道协调' }]] as const) {
        const r = await (await t.as(user)).call('POST', `/api/cases/${id}/actions`, body);
        expect(r.statusCode, r.body).toBe(200);
      }
      const w = await (await t.as('street')).call('POST', `/api/cases/${id}/whistles`, { kind, departmentIds: [t.fx.nodes.DEP.id], reason: '需要执法部门到场' });
      expect(w.statusCode, w.body).toBe(201);
      ctx.ids[`whistle${n}`] = w.json().whistles[0].id;
      ctx.ids[`summons${n}`] = w.json().whistles[0].summons[0].id;
    }
    holder.ctx = ctx;
  },
  cases: ({ ids }) => {
    const caseId = (s: Side) => (s === 'in' ? ids.caseIn : ids.caseOut);
    const body = { categoryId: ids.categoryCase, description: '路灯不亮', lat: 41.305, lng: 123.705 };
    return [
      { method: 'GET', route: '/api/cases', perm: 'case.read', req: () => ({ url: '/api/cases' }), expect: (u) => (CASE_USERS.includes(u) ? 'allowed' : 'forbidden') },
      { method: 'POST', route: '/api/cases', perm: 'case.report', req: () => ({ url: '/api/cases', body }) },
      { method: 'GET', route: '/api/cases/export', perm: 'case.read', req: () => ({ url: '/api/cases/export?format=csv' }), expect: (u) => (CASE_USERS.includes(u) ? 'allowed' : 'forbidden') },
      { method: 'GET', route: '/api/cases/nearby', perm: 'case.report', req: () => ({ url: `/api/cases/nearby?categoryId=${ids.categoryCase}&lat=41.305&lng=123.705` }) },
      { method: 'GET', route: '/api/cases/:id', perm: 'case.read', req: (s) => ({ url: `/api/cases/${caseId(s)}` }), target: () => '', expect: (u, s) => within(CASE_USERS, u, s, () => 'allowed') },
      { method: 'GET', route: '/api/cases/:id/targets', perm: 'case.handle', req: (s) => ({ url: `/api/cases/${caseId(s)}/targets` }), target: () => '', expect: (u, s) => within(HANDLERS, u, s, () => 'allowed') },
      // whistles: W1 (routine, open, DEP summoned) and W2 (tough, waiting for S1's leader), both held by street S1
      {
        method: 'POST', route: '/api/cases/:id/whistles', perm: 'case.whistle',
        req: (s) => ({ url: `/api/cases/${caseId(s)}/whistles`, body: { kind: 'routine', departmentIds: [ctx0().t.fx.nodes.DEP.id], reason: '需要执法' } }),
        target: () => '',
        // the in-case is with community C1, not the street: the street may not whistle on it
        expect: (u, s) => within(['street'], u, s, () => 'forbidden'),
      },
      { method: 'GET', route: '/api/whistles', perm: 'case.read', req: () => ({ url: '/api/whistles?view=summoned' }) },
      {
        method: 'POST', route: '/api/whistles/:id/decide', perm: 'case.whistle.approve',
        req: (s) => ({ url: `/api/whistles/${s === 'in' ? ids.whistle2 : 999999}/decide`, body: { approve: true } }),
        target: () => '',
        expect: (u, s) => (u !== 'leader' ? 'forbidden' : s === 'in' ? 'allowed' : 'hidden'),
      },
      {
        method: 'POST', route: '/api/whistles/:id/summons/:summonsId', perm: 'case.handle',
        req: (s) => ({ url: `/api/whistles/${s === 'in' ? ids.whistle1 : 999999}/summons/${s === 'in' ? ids.summons1 : 999999}`, body: { action: 'sign' } }),
        target: () => '',
        expect: (u, s) => (!HANDLERS.includes(u) ? 'forbidden' : s === 'out' ? 'hidden' : u === 'department' ? 'allowed' : 'forbidden'),
      },
      {
        method: 'POST', route: '/api/whistles/:id/summons/:summonsId/rating', perm: 'case.whistle',
        req: (s) => ({ url: `/api/whistles/${s === 'in' ? ids.whistle1 : 999999}/summons/${s === 'in' ? ids.summons1 : 999999}/rating`, body: { speed: 5, quality: 4 } }),
        target: () => '',
        expect: (u, s) => (u !== 'street' ? 'forbidden' : s === 'in' ? 'allowed' : 'hidden'),
      },
      {
        method: 'POST', route: '/api/cases/:id/actions', perm: 'case.read',
        // A copy to a unit that does not exist: refused after authorization, so nothing changes.
        req: (s) => ({ url: `/api/cases/${caseId(s)}/actions`, body: { action: 'cc', nodeIds: [999999] } }),
        target: () => '',
        expect: (u, s) => within(CASE_USERS, u, s, () => (s === 'out' || u === 'community' ? 'allowed' : 'forbidden')),
      },
      { method: 'POST', route: '/api/cases/:id/read', perm: 'case.read', req: (s) => ({ url: `/api/cases/${caseId(s)}/read` }), target: () => '', expect: (u, s) => within([...HANDLERS, 'leader'], u, s, () => 'allowed') },
      {
        method: 'PUT', route: '/api/cases/:id/photos/:mediaId/public', perm: 'case.dispatch',
        req: (s) => ({ url: `/api/cases/${caseId(s)}/photos/${ids.photoIn}/public` }),
        target: () => '',
        expect: (u, s) => within(CENTRES, u, s, () => (s === 'in' && u === 'community' ? 'allowed' : 'forbidden')),
      },
      {
        method: 'DELETE', route: '/api/cases/:id/photos/:mediaId/public', perm: 'case.dispatch',
        req: (s) => ({ url: `/api/cases/${caseId(s)}/photos/${ids.photoIn}/public` }),
        target: () => '',
        expect: (u, s) => within(CENTRES, u, s, () => (s === 'in' && u === 'community' ? 'allowed' : 'forbidden')),
      },
      { method: 'POST', route: '/api/cases/:id/follow', perm: 'case.report', req: () => ({ url: `/api/cases/${ids.caseIn}/follow` }) },
      { method: 'DELETE', route: '/api/cases/:id/follow', perm: 'case.report', req: () => ({ url: `/api/cases/${ids.caseIn}/follow` }) },
      { method: 'GET', route: '/api/public/cases', perm: 'public', req: () => ({ url: '/api/public/cases' }) },
      { method: 'GET', route: '/api/public/cases/:id', perm: 'public', req: () => ({ url: `/api/public/cases/${ids.caseIn}` }) },
    ];
  },
};
