import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/http.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.close());

describe('organisation tree', () => {
  it('shows a street operator her street and below, with ancestors for context, and nothing beside it', async () => {
    const street = await t.as('street');
    const res = await street.call('GET', '/api/org/tree?tree=admin');
    expect(res.statusCode).toBe(200);
    const items = res.json().items as { id: number; inScope: boolean; code: string }[];
    const ids = items.map((i) => i.id);
    const { D, S1, S2, C1, C2, C3, G1, G2, G3, G4 } = t.fx.nodes;
    expect(ids).toEqual(expect.arrayContaining([D.id, S1.id, C1.id, C2.id, G1.id, G2.id, G3.id]));
    for (const hidden of [S2.id, C3.id, G4.id]) expect(ids).not.toContain(hidden);
    expect(items.find((i) => i.id === D.id)!.inScope).toBe(false);
    expect(items.find((i) => i.id === G1.id)!.inScope).toBe(true);
  });

  it('lists the party tree in scope (party nodes live under their administrative node)', async () => {
    const grid = await t.as('grid');
    const items = (await grid.call('GET', '/api/org/tree?tree=party')).json().items as { id: number; type: string; inScope: boolean }[];
    expect(items.filter((i) => i.inScope).map((i) => i.id)).toEqual([t.fx.nodes.PB1.id]);
    const grid4 = await t.as('grid4');
    expect((await grid4.call('GET', '/api/org/tree?tree=party')).json().items.filter((i: { inScope: boolean }) => i.inScope)).toEqual([]);
  });

  it('gives a node card with figures, staff and abilities; another scope gets 404', async () => {
    const community = await t.as('community');
    const res = await community.call('GET', `/api/org/nodes/${t.fx.nodes.G1.id}`);
    expect(res.statusCode).toBe(200);
    const card = res.json();
    expect(card.figures).toMatchObject({ grids: 1, buildings: 1, households: 1, residents: 2 });
    expect(card.figures.keyPopulations).toEqual({ elderly_alone: 1 });
    expect(card.staff.map((s: { role: string }) => s.role).sort()).toEqual(['grid_worker', 'resident']);
    expect(card.party.map((p: { id: number }) => p.id)).toEqual([t.fx.nodes.PB1.id]);
    expect(card.ancestors.map((a: { id: number }) => a.id)).toEqual([t.fx.nodes.D.id, t.fx.nodes.S1.id, t.fx.nodes.C1.id]);
    expect(card.abilities).toContain('personal.reveal');
    expect(card.abilities).not.toContain('org.manage');
    const outside = await community.call('GET', `/api/org/nodes/${t.fx.nodes.G4.id}`);
    expect(outside.statusCode).toBe(404);
    expect((await community.call('GET', '/api/org/nodes/999999')).statusCode).toBe(404);
    expect((await community.call('GET', '/api/org/nodes/abc')).statusCode).toBe(400);
  });

  it('shows counts of sensitive key populations only to those who may see personal data', async () => {
    await t.database.db.updateTable('resident').set({ tags: ['disabled'] }).where('id', '=', t.fx.residents.g1_child!).execute();
    const community = (await (await t.as('community')).call('GET', `/api/org/nodes/${t.fx.nodes.G1.id}`)).json();
    expect(community.figures.keyPopulations).toEqual({ disabled: 1, elderly_alone: 1 });
    const admin = (await (await t.as('admin')).call('GET', `/api/org/nodes/${t.fx.nodes.G1.id}`)).json();
    expect(admin.figures.keyPopulations).toEqual({ elderly_alone: 1 });
    await t.database.db.updateTable('resident').set({ tags: [] }).where('id', '=', t.fx.residents.g1_child!).execute();
  });

  it('lets the admin create, rename and delete nodes under the tree rules', async () => {
    const admin = await t.as('admin');
    const created = await admin.call('POST', '/api/org/nodes', { parentId: t.fx.nodes.C2.id, type: 'grid', code: '21050200100202', nameZh: '通化第二网格', nameEn: 'Tonghua Grid 2' });
    expect(created.statusCode).toBe(201);
    const id = created.json().id;
    const wrongParent = await admin.call('POST', '/api/org/nodes', { parentId: t.fx.nodes.S1.id, type: 'grid', code: 'X1', nameZh: '错', nameEn: 'Wrong' });
    expect(wrongParent.statusCode).toBe(400);
    expect(wrongParent.json().error.code).toBe('NODE_PARENT_TYPE');
    const dupCode = await admin.call('POST', '/api/org/nodes', { parentId: t.fx.nodes.C2.id, type: 'grid', code: '21050200100202', nameZh: '重', nameEn: 'Dup' });
    expect(dupCode.statusCode).toBe(409);
    expect(dupCode.json().error.code).toBe('NODE_CODE_TAKEN');
    const renamed = await admin.call('PATCH', `/api/org/nodes/${id}`, { nameZh: '通化二网格' });
    expect(renamed.json().nameZh).toBe('通化二网格');
    const hasChildren = await admin.call('DELETE', `/api/org/nodes/${t.fx.nodes.C2.id}`);
    expect(hasChildren.statusCode).toBe(409);
    expect(hasChildren.json().error.code).toBe('NODE_HAS_CHILDREN');
    expect((await admin.call('DELETE', `/api/org/nodes/${id}`)).statusCode).toBe(200);
    const actions = await t.database.db.selectFrom('audit_log').select('action').where('entity', '=', 'org_node').where('entity_id', '=', String(id)).orderBy('id').execute();
    expect(actions.map((a) => a.action)).toEqual(['org.node_create', 'org.node_update', 'org.node_delete']);
  });

  it('links party nodes to administrative nodes of the right type only', async () => {
    const admin = await t.as('admin');
    const ok = await admin.call('POST', '/api/org/nodes', { parentId: t.fx.nodes.PCC1.id, type: 'party_branch', code: 'P-G2', nameZh: '石榴园第二网格党支部', nameEn: 'Grid 2 Party Branch', adminNodeId: t.fx.nodes.G2.id });
    expect(ok.statusCode).toBe(201);
    const bad = await admin.call('POST', '/api/org/nodes', { parentId: t.fx.nodes.PCC1.id, type: 'party_branch', code: 'P-X', nameZh: '错', nameEn: 'Wrong', adminNodeId: t.fx.nodes.C1.id });
    expect(bad.statusCode).toBe(400);
  });

  it('keeps org management from staff: inside scope 403, outside 404', async () => {
    const street = await t.as('street');
    const inside = await street.call('PATCH', `/api/org/nodes/${t.fx.nodes.G1.id}`, { nameZh: 'x' });
    expect(inside.statusCode).toBe(403);
    const admin = await t.as('admin');
    expect((await admin.call('PATCH', `/api/org/nodes/${t.fx.nodes.G1.id}`, { nameZh: '石榴园第一网格' })).statusCode).toBe(200);
  });
});
