/**
 * Authorization-matrix rows of the media module (see matrix.ts). Uploading needs case.report or
 * case.handle anywhere; an unattached photo is visible to its uploader only ('in': the grid worker's own,
 * 'out': grid4's); the public route answers without sign-in.
 */
import { ROLE_PERMISSIONS } from '../../../common/permissions.js';
import { multipart } from '../multipart.js';
import type { MatrixArea, MatrixContext, Outcome } from './matrix.js';
import { fakeExe, photo } from '../../modules/media/test-images.js';

async function uploadAs(ctx: MatrixContext, username: string): Promise<number> {
  const m = multipart([{ name: 'file', filename: 'p.jpg', content: await photo({ width: 64, height: 32 }), contentType: 'image/jpeg' }]);
  const res = await (await ctx.t.as(username)).call('POST', '/api/media', m.payload, m.headers);
  if (res.statusCode !== 201) throw new Error(`media matrix setup: ${res.statusCode} ${res.body}`);
  return res.json().items[0].id;
}

export const mediaArea: MatrixArea = {
  async setup(ctx) {
    ctx.ids.mediaIn = await uploadAs(ctx, 'grid');
    ctx.ids.mediaOut = await uploadAs(ctx, 'grid4');
  },
  cases: ({ t, ids }) => {
    const mayUpload = (username: string): Outcome =>
      t.fx.grantsByUser[username]!.some((g) => ROLE_PERMISSIONS[g.role].includes('case.report') || ROLE_PERMISSIONS[g.role].includes('case.handle')) ? 'allowed' : 'forbidden';
    const media = (s: 'in' | 'out') => (s === 'in' ? ids.mediaIn : ids.mediaOut);
    return [
      {
        method: 'POST',
        route: '/api/media',
        perm: 'case.report',
        // A renamed program: refused (415) once the caller may upload at all; nothing is stored.
        req: () => {
          const m = multipart([{ name: 'file', filename: 'photo.jpg', content: fakeExe(), contentType: 'image/jpeg' }]);
          return { url: '/api/media', body: m.payload, headers: m.headers };
        },
        expect: (username) => mayUpload(username),
      },
      {
        method: 'GET',
        route: '/api/media/:id/:variant',
        perm: 'signed-in',
        req: (s) => ({ url: `/api/media/${media(s)}/display` }),
        target: (s) => (s === 'in' ? t.fx.nodes.G1.path : t.fx.nodes.G4.path),
        expect: (username, s) => (s === 'in' && username === 'grid' ? 'allowed' : 'hidden'),
      },
      { method: 'GET', route: '/api/public/media/:id/:variant', perm: 'public', req: () => ({ url: `/api/public/media/${ids.mediaIn}/thumb` }) },
    ];
  },
};
