/**
 * Authorization-matrix rows of the notifications module (see matrix.ts). Notifications belong to one user:
 * the "inside" one is the grid worker's, the "outside" one grid4's (not under test), so everyone but its
 * owner gets 404. Webhooks: "inside" on the fixture district, "outside" on a second district nobody holds.
 */
import { createNodeUnchecked } from '../../modules/org/index.js';
import type { MatrixArea, Side } from './matrix.js';

/** The path of the district outside every fixture grant (made in setup). */
let otherPath = '';

export const notificationsArea: MatrixArea = {
  async setup({ t, ids }) {
    const db = t.database.db;
    const note = async (username: string) =>
      (
        await db
          .insertInto('notification')
          .values({ user_id: t.fx.users[username]!, kind: 'case.dispatched', link: '/cases/1', entity: 'case', entity_id: '1', title_zh: '测试', title_en: 'Test' })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    ids.noteIn = await note('grid');
    ids.noteOut = await note('grid4');
    const other = await createNodeUnchecked(db, { parentId: null, type: 'district', code: 'AZ-OTHER', nameZh: '外区', nameEn: 'Other district', geometry: null, bbox: null, adminNodeId: null });
    ids.otherDistrict = other.id;
    otherPath = other.path;
    const hook = async (nodeId: number) =>
      (await db.insertInto('webhook').values({ node_id: nodeId, url: 'http://127.0.0.1:9/hook', secret: 'whsec_matrix' }).returning('id').executeTakeFirstOrThrow()).id;
    ids.hookIn = await hook(t.fx.nodes.D.id);
    ids.hookOut = await hook(other.id);
    ids.hookDelIn = await hook(t.fx.nodes.D.id);
    ids.hookDelOut = await hook(other.id);
  },
  cases({ t, ids }) {
    const D = () => t.fx.nodes.D;
    const hook = (s: Side) => (s === 'in' ? ids.hookIn : ids.hookOut);
    const outsidePath = (s: Side) => (s === 'in' ? D().path : otherPath);
    return [
      { method: 'GET', route: '/api/notifications', perm: 'signed-in', req: () => ({ url: '/api/notifications' }) },
      { method: 'POST', route: '/api/notifications/read-all', perm: 'signed-in', req: () => ({ url: '/api/notifications/read-all' }) },
      {
        method: 'POST',
        route: '/api/notifications/:id/read',
        perm: 'signed-in',
        req: (s) => ({ url: `/api/notifications/${s === 'in' ? ids.noteIn : ids.noteOut}/read` }),
        target: outsidePath,
        expect: (username, s) => (s === 'in' && username === 'grid' ? 'allowed' : 'hidden'),
      },
      // Without `Accept: text/event-stream` the stream answers 406 once the caller is signed in (a request
      // that accepts it would stay open: tests/notifications.stream.test.ts covers it over real HTTP).
      { method: 'GET', route: '/api/notifications/stream', perm: 'signed-in', req: () => ({ url: '/api/notifications/stream' }) },
      { method: 'GET', route: '/api/webhooks', perm: 'webhook.manage', req: () => ({ url: '/api/webhooks' }) },
      {
        method: 'POST',
        route: '/api/webhooks',
        perm: 'webhook.manage',
        req: (s) => ({ url: '/api/webhooks', body: { url: 'http://127.0.0.1:9/hook', nodeId: s === 'in' ? D().id : ids.otherDistrict } }),
        target: outsidePath,
      },
      { method: 'GET', route: '/api/webhooks/:id', perm: 'webhook.manage', req: (s) => ({ url: `/api/webhooks/${hook(s)}` }), target: outsidePath },
      { method: 'PATCH', route: '/api/webhooks/:id', perm: 'webhook.manage', req: (s) => ({ url: `/api/webhooks/${hook(s)}`, body: { description: '矩阵' } }), target: outsidePath },
      { method: 'GET', route: '/api/webhooks/:id/deliveries', perm: 'webhook.manage', req: (s) => ({ url: `/api/webhooks/${hook(s)}/deliveries` }), target: outsidePath },
      { method: 'POST', route: '/api/webhooks/:id/ping', perm: 'webhook.manage', req: (s) => ({ url: `/api/webhooks/${hook(s)}/ping` }), target: outsidePath },
      { method: 'POST', route: '/api/webhooks/:id/rotate-secret', perm: 'webhook.manage', req: (s) => ({ url: `/api/webhooks/${hook(s)}/rotate-secret` }), target: outsidePath },
      { method: 'DELETE', route: '/api/webhooks/:id', perm: 'webhook.manage', req: (s) => ({ url: `/api/webhooks/${s === 'in' ? ids.hookDelIn : ids.hookDelOut}` }), target: outsidePath },
    ];
  },
};
