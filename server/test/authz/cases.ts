/**
 * Authorization-matrix rows of the cases module. Who may see a case is more than "permission on a node"
 * (the reporter sees her own; handlers see what reached them), so rows say the expected outcome per user.
 * "in": a resident's report in G1, held by community C1. "out": grid4's patrol finding in G4 (street S2).
 */
import { expect } from 'vitest';
import { multipart } from '../multipart.js';
import { photo } from '../../modules/media/test-images.js';
import type { MatrixArea, MatrixContext, Outcome, Side } from './matrix.js';

const STAFF_IN = ['district', 'street', 'community', 'grid'];
/** Who sees the case at all (as staff or as its reporter). */
const sees = (u: string, s: Side) => (s === 'in' ? [...STAFF_IN, 'resident'].includes(u) : u === 'district');
const CASE_USERS = ['district', 'street', 'community', 'grid', 'department', 'resident'];
const HANDLERS = ['district', 'street', 'community', 'grid', 'department'];
const CENTRES = ['district', 'street', 'community'];

const within = (allowedUsers: string[], u: string, s: Side, inner: () => Outcome): Outcome => (!allowedUsers.includes(u) ? 'forbidden' : !sees(u, s) ? 'hidden' : inner());

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
  },
  cases: ({ ids }) => {
    const caseId = (s: Side) => (s === 'in' ? ids.caseIn : ids.caseOut);
    const body = { categoryId: ids.categoryCase, description: '路灯不亮', lat: 41.305, lng: 123.705 };
    return [
      { method: 'GET', route: '/api/cases', perm: 'case.read', req: () => ({ url: '/api/cases' }), expect: (u) => (CASE_USERS.includes(u) ? 'allowed' : 'forbidden') },
      { method: 'POST', route: '/api/cases', perm: 'case.report', req: () => ({ url: '/api/cases', body }) },
      { method: 'GET', route: '/api/cases/nearby', perm: 'case.report', req: () => ({ url: `/api/cases/nearby?categoryId=${ids.categoryCase}&lat=41.305&lng=123.705` }) },
      { method: 'GET', route: '/api/cases/:id', perm: 'case.read', req: (s) => ({ url: `/api/cases/${caseId(s)}` }), target: () => '', expect: (u, s) => within(CASE_USERS, u, s, () => 'allowed') },
      { method: 'GET', route: '/api/cases/:id/targets', perm: 'case.handle', req: (s) => ({ url: `/api/cases/${caseId(s)}/targets` }), target: () => '', expect: (u, s) => within(HANDLERS, u, s, () => 'allowed') },
      {
        method: 'POST', route: '/api/cases/:id/actions', perm: 'case.read',
        // A copy to a unit that does not exist: refused after authorization, so nothing changes.
        req: (s) => ({ url: `/api/cases/${caseId(s)}/actions`, body: { action: 'cc', nodeIds: [999999] } }),
        target: () => '',
        expect: (u, s) => within(CASE_USERS, u, s, () => (s === 'out' || u === 'community' ? 'allowed' : 'forbidden')),
      },
      { method: 'POST', route: '/api/cases/:id/read', perm: 'case.read', req: (s) => ({ url: `/api/cases/${caseId(s)}/read` }), target: () => '', expect: (u, s) => within(HANDLERS, u, s, () => 'allowed') },
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
