/** The case workflow over HTTP, on a fresh database with the fixture district (see server/test/fixture.ts). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/http.js';
import { multipart } from '../../test/multipart.js';
import { photo } from '../media/test-images.js';

let t: TestApp;
let garbage: number; // urban.exposed_garbage: a public leaf triaged by the community
let clutter: number; // property.clutter
let parentCat: number; // the 'urban' group (not a leaf)
const IN_G1 = { lat: 41.305, lng: 123.705 };
const IN_G4 = { lat: 41.305, lng: 123.735 };

beforeAll(async () => {
  t = await startTestApp();
  const cat = (code: string) => t.database.db.selectFrom('case_category').select('id').where('code', '=', code).executeTakeFirstOrThrow();
  garbage = (await cat('urban.exposed_garbage')).id;
  clutter = (await cat('property.clutter')).id;
  parentCat = (await cat('urban')).id;
});
afterAll(() => t?.close());

const report = (over: Record<string, unknown> = {}) => ({ categoryId: garbage, description: '小区东门外垃圾堆放多日无人清运，气味很大。', address: '测试路1号东门', ...IN_G1, ...over });
const act = async (user: string, id: number, body: Record<string, unknown>) => (await t.as(user)).call('POST', `/api/cases/${id}/actions`, body);
const notifications = (username: string) =>
  t.database.db.selectFrom('notification').select(['kind', 'title_zh', 'entity_id']).where('user_id', '=', t.fx.users[username]!).orderBy('id').execute();

async function upload(user: string, n = 1): Promise<number[]> {
  const parts = [];
  for (let i = 0; i < n; i++) parts.push({ name: 'files', filename: `p${i}.jpg`, contentType: 'image/jpeg', content: await photo() });
  const m = multipart(parts);
  const res = await (await t.as(user)).call('POST', '/api/media', m.payload, m.headers);
  expect(res.statusCode, res.body).toBe(201);
  return res.json().items.map((x: { id: number }) => x.id);
}

describe('a resident’s report, from photo to rating', () => {
  let id: number;

  it('files the report at the community of the grid the point lies in, with photos, once per idempotency key', async () => {
    const photos = await upload('resident', 2);
    const resident = await t.as('resident');
    const res = await resident.call('POST', '/api/cases', report({ photoIds: photos }), { 'idempotency-key': 'k-1' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ status: 'reported', publicStatus: 'open', replayed: false, grid: { id: t.fx.nodes.G1.id }, holder: { id: t.fx.nodes.C1.id }, category: { id: garbage } });
    id = res.json().id;
    const c = (await resident.call('GET', `/api/cases/${id}`)).json();
    expect(c).toMatchObject({ status: 'reported', publicStatus: 'open', grid: { id: t.fx.nodes.G1.id }, holder: { id: t.fx.nodes.C1.id }, owner: { id: t.fx.nodes.C1.id }, access: 'reporter', source: 'resident' });
    expect(c.photos).toHaveLength(2);
    expect(c.abilities).toEqual(['cancel']);
    const again = await resident.call('POST', '/api/cases', report({ photoIds: photos }), { 'idempotency-key': 'k-1' });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ id, replayed: true });
    const changed = await resident.call('POST', '/api/cases', report({ description: '另一件事情，内容不同。' }), { 'idempotency-key': 'k-1' });
    expect(changed.statusCode).toBe(409);
    expect(changed.json().error.code).toBe('CASE_IDEMPOTENCY_MISMATCH');
    expect(await t.database.db.selectFrom('case_file').select('id').execute()).toHaveLength(1);
    // the community's staff are told; the staff view has the accept clock
    expect((await notifications('community')).map((n) => n.kind)).toEqual(['case.report']);
    const staff = (await (await t.as('community')).call('GET', `/api/cases/${id}`)).json();
    expect(staff).toMatchObject({ access: 'staff', clock: { stage: 'accept', card: 'none' }, reporter: { displayName: 'resident' } });
    expect(staff.abilities).toEqual(expect.arrayContaining(['accept', 'reject', 'cc']));
  });

  it('offers the open case as a duplicate to a neighbour reporting the same thing nearby', async () => {
    const res = await (await t.as('resident')).call('GET', `/api/cases/nearby?categoryId=${garbage}&lat=41.3051&lng=123.7051`);
    expect(res.json().items.map((x: { id: number }) => x.id)).toEqual([id]);
    const far = await (await t.as('resident')).call('GET', `/api/cases/nearby?categoryId=${garbage}&lat=41.305&lng=123.712`);
    expect(far.json().items).toEqual([]);
  });

  it('lets exactly one of two simultaneous accepts through', async () => {
    const [a, b] = await Promise.all([act('community', id, { action: 'accept' }), act('community', id, { action: 'accept' })]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    expect([a, b].find((r) => r.statusCode === 409)!.json().error.code).toBe('CASE_BAD_STATUS');
    const events = await t.database.db.selectFrom('case_event').select('action').where('case_id', '=', id).orderBy('id').execute();
    expect(events.map((e) => e.action)).toEqual(['report', 'accept']);
  });

  it('refuses actions by the wrong unit and hides the case outside the scope', async () => {
    expect((await act('street', id, { action: 'dispatch', targetNodeId: t.fx.nodes.G1.id })).json().error.code).toBe('CASE_NOT_YOURS');
    expect((await act('grid', id, { action: 'dispatch', targetNodeId: t.fx.nodes.G1.id })).statusCode).toBe(403);
    expect((await (await t.as('street2')).call('GET', `/api/cases/${id}`)).statusCode).toBe(404);
    expect((await act('street2', id, { action: 'accept' })).statusCode).toBe(404);
    expect((await (await t.as('department')).call('GET', `/api/cases/${id}`)).statusCode).toBe(404);
    expect((await act('community', id, { action: 'dispatch', targetNodeId: t.fx.nodes.G4.id })).json().error.code).toBe('CASE_TARGET_NOT_BELOW');
  });

  it('dispatches to the grid; the grid worker signs, notes with a photo and finishes', async () => {
    const d = await act('community', id, { action: 'dispatch', targetNodeId: t.fx.nodes.G1.id, note: '请网格员尽快处理' });
    expect(d.json()).toMatchObject({ status: 'dispatched', holder: { id: t.fx.nodes.G1.id }, handler: { id: t.fx.nodes.G1.id } });
    expect((await (await t.as('grid')).call('GET', '/api/cases?view=inbox')).json().items.map((x: { id: number }) => x.id)).toEqual([id]);
    const s = await act('grid', id, { action: 'accept' });
    expect(s.json()).toMatchObject({ status: 'in_progress', clock: { stage: 'handle' } });
    const before = await upload('grid');
    expect((await act('grid', id, { action: 'note', note: '已联系物业，明早清运', photoIds: before })).statusCode).toBe(200);
    const after = await upload('grid');
    const f = await act('grid', id, { action: 'finish', note: '垃圾已清运完毕', photoIds: after });
    expect(f.json()).toMatchObject({ status: 'handled', holder: { id: t.fx.nodes.C1.id } });
    expect(f.json().photos.map((p: { role: string }) => p.role)).toEqual(['report', 'report', 'before', 'after']);
  });

  it('is verified only by the owning community, then rated by the reporter alone', async () => {
    expect((await act('grid', id, { action: 'verify' })).statusCode).toBe(403);
    const v = await act('community', id, { action: 'verify', note: '现场核查已清理干净' });
    expect(v.json()).toMatchObject({ status: 'closed', publicStatus: 'closed', resolved: true });
    expect((await act('community', id, { action: 'rate', satisfaction: 'satisfied', resolved: true })).json().error.code).toBe('CASE_NOT_REPORTER');
    const r = await act('resident', id, { action: 'rate', satisfaction: 'satisfied', resolved: true });
    expect(r.json()).toMatchObject({ status: 'rated', satisfaction: 'satisfied' });
    const timeline = r.json().timeline.map((e: { action: string }) => e.action);
    expect(timeline).toEqual(['report', 'accept', 'dispatch', 'accept', 'finish', 'verify', 'rate']); // public events only
    expect(r.json().timeline.every((e: { actorName: string | null; action: string }) => e.actorName === null || e.action === 'report' || e.action === 'rate')).toBe(true);
    const told = (await notifications('resident')).map((n) => n.kind);
    expect(told).toEqual(['case.public.accept', 'case.public.dispatch', 'case.public.sign', 'case.public.finish', 'case.public.verify']);
  });

  it('keeps the staff timeline complete and immutable', async () => {
    const staff = (await (await t.as('community')).call('GET', `/api/cases/${id}`)).json();
    expect(staff.timeline.map((e: { action: string }) => e.action)).toEqual(['report', 'accept', 'dispatch', 'accept', 'note', 'finish', 'verify', 'rate']);
    await expect(t.database.db.updateTable('case_event').set({ note: 'x' }).where('case_id', '=', id).execute()).rejects.toThrow(/immutable/);
    await expect(t.database.db.deleteFrom('case_event').where('case_id', '=', id).execute()).rejects.toThrow(/immutable/);
  });
});

describe('side paths', () => {
  const file = async (over: Record<string, unknown> = {}) => {
    const res = await (await t.as('resident')).call('POST', '/api/cases', report(over));
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as number;
  };
  const ok = async (user: string, id: number, body: Record<string, unknown>) => {
    const res = await act(user, id, body);
    expect(res.statusCode, `${user} ${body.action}: ${res.body}`).toBe(200);
    return res.json();
  };

  it('returns to the owner and is dispatched again; an extension moves the deadline', async () => {
    const id = await file();
    await ok('community', id, { action: 'accept' });
    await ok('community', id, { action: 'dispatch', targetNodeId: t.fx.nodes.G1.id });
    const r = await ok('grid', id, { action: 'return', reason: '不属于网格职责' });
    expect(r).toMatchObject({ status: 'returned', holder: { id: t.fx.nodes.C1.id } });
    await ok('community', id, { action: 'dispatch', targetNodeId: t.fx.nodes.G1.id });
    const signed = await ok('grid', id, { action: 'accept' });
    const red0 = new Date(signed.clock.redAt).getTime();
    await ok('grid', id, { action: 'request_extension', days: 3, reason: '需等待物业配合' });
    expect((await act('grid', id, { action: 'request_extension', days: 1, reason: '再申请' })).json().error.code).toBe('CASE_EXTENSION_PENDING');
    expect((await act('grid', id, { action: 'decide_extension', approve: true })).statusCode).toBe(403);
    const d = await ok('community', id, { action: 'decide_extension', approve: true, days: 2 });
    expect(d.extended).toBe(true);
    expect(d.clock.extensionDays).toBe(2);
    // two more working days: at least two calendar days later
    expect(new Date(d.clock.redAt).getTime() - red0).toBeGreaterThanOrEqual(2 * 86_400_000);
    expect(d.extensions[0]).toMatchObject({ status: 'approved', days: 3, approvedDays: 2 });
  });

  it('climbs the tree by hand-ups, goes down to a department, fails verification once, and is reopened once', async () => {
    const id = await file();
    await ok('community', id, { action: 'accept' });
    expect(await ok('community', id, { action: 'hand_up', reason: '需街道协调' })).toMatchObject({ status: 'accepted', holder: { id: t.fx.nodes.S1.id }, owner: { id: t.fx.nodes.S1.id } });
    expect(await ok('street', id, { action: 'hand_up', reason: '需区级部门处理' })).toMatchObject({ holder: { id: t.fx.nodes.D.id } });
    expect((await act('district', id, { action: 'hand_up', reason: '再往上' })).json().error.code).toBe('CASE_NO_SUPERIOR');
    await ok('district', id, { action: 'dispatch', targetNodeId: t.fx.nodes.DEP.id });
    const signed = await ok('department', id, { action: 'accept' });
    expect(signed).toMatchObject({ status: 'in_progress', clock: { stage: 'handle' } });
    // a department's handling limits are longer than an administrative node's (5/10 working days)
    expect(new Date(signed.clock.redAt).getTime() - new Date(signed.clock.startedAt).getTime()).toBeGreaterThanOrEqual(10 * 86_400_000);
    await ok('department', id, { action: 'finish', note: '已处理' });
    const rework = await ok('district', id, { action: 'rework', reason: '现场仍有垃圾' });
    expect(rework).toMatchObject({ status: 'in_progress', holder: { id: t.fx.nodes.DEP.id }, reworkCount: 1 });
    await ok('department', id, { action: 'finish', note: '已彻底清理' });
    await ok('district', id, { action: 'verify' });
    expect((await act('resident', id, { action: 'rate', satisfaction: 'unsatisfied', resolved: false })).json().error.code).toBe('CASE_COMMENT_REQUIRED');
    const reopened = await ok('resident', id, { action: 'rate', satisfaction: 'unsatisfied', resolved: false, comment: '还是很脏', reopen: true });
    expect(reopened).toMatchObject({ status: 'accepted', holder: { id: t.fx.nodes.D.id }, reopenCount: 1 });
    await ok('district', id, { action: 'dispatch', targetNodeId: t.fx.nodes.DEP.id });
    await ok('department', id, { action: 'accept' });
    await ok('department', id, { action: 'finish', note: '第三次清理' });
    await ok('district', id, { action: 'verify' });
    expect((await act('resident', id, { action: 'rate', satisfaction: 'unsatisfied', resolved: false, comment: '仍不满意', reopen: true })).json().error.code).toBe('CASE_REOPEN_USED');
    expect((await ok('resident', id, { action: 'rate', satisfaction: 'basic', resolved: true })).status).toBe('rated');
  });

  it('rejects, cancels, parks and merges with reasons; copies carry read receipts', async () => {
    const a = await file();
    expect((await act('community', a, { action: 'reject', reason: '' })).statusCode).toBe(400);
    expect((await ok('community', a, { action: 'reject', reason: '不属于受理范围' })).status).toBe('rejected');
    const b = await file();
    expect((await ok('resident', b, { action: 'cancel' })).status).toBe('cancelled');
    const c = await file();
    await ok('community', c, { action: 'accept' });
    expect((await ok('community', c, { action: 'park', reason: '需纳入明年改造计划' })).status).toBe('parked');
    expect((await ok('community', c, { action: 'unpark' })).status).toBe('accepted');
    const d = await file({ description: '东门外垃圾又堆起来了，请处理。' });
    const merged = await ok('community', d, { action: 'merge', intoCaseId: c });
    expect(merged).toMatchObject({ status: 'merged', mergedIntoId: c });
    expect((await act('community', c, { action: 'merge', intoCaseId: c })).json().error.code).toBe('CASE_MERGE_SELF');
    const followers = await t.database.db.selectFrom('case_follower').select('user_id').where('case_id', '=', c).execute();
    expect(followers.map((f) => f.user_id)).toEqual([t.fx.users.resident]);
    const cc = await ok('community', c, { action: 'cc', nodeIds: [t.fx.nodes.G1.id] });
    expect(cc.parties.some((p: { kind: string; readAt: unknown }) => p.kind === 'cc' && p.readAt === null)).toBe(true);
    expect((await act('community', c, { action: 'cc', nodeIds: [t.fx.nodes.G4.id] })).json().error.code).toBe('CASE_CC_TARGET');
    const gridView = (await (await t.as('grid')).call('GET', `/api/cases/${c}`)).json();
    expect(gridView.abilities).toContain('read');
    const read = await (await t.as('grid')).call('POST', `/api/cases/${c}/read`);
    expect(read.json().parties.find((p: { kind: string }) => p.kind === 'cc').readAt).not.toBeNull();
  });

  it('lets a grid worker file her own patrol finding, fixed on the spot, for the community to verify', async () => {
    const res = await (await t.as('grid')).call('POST', '/api/cases', report({ categoryId: clutter, description: '3号楼楼道堆放纸箱，已现场清理。', handledOnSpot: true }));
    expect(res.statusCode, res.body).toBe(201);
    const filed = (await (await t.as('grid')).call('GET', `/api/cases/${res.json().id}`)).json();
    expect(filed).toMatchObject({ status: 'handled', source: 'patrol', holder: { id: t.fx.nodes.C1.id }, handler: { id: t.fx.nodes.G1.id } });
    expect((await (await t.as('community')).call('POST', '/api/cases', report({ handledOnSpot: true }))).json().error.code).toBe('CASE_ON_SPOT_GRID_ONLY');
    expect((await ok('community', res.json().id, { action: 'verify' })).status).toBe('closed');
  });

  it('refuses bad reports and changes nothing', async () => {
    const resident = await t.as('resident');
    const before = (await t.database.db.selectFrom('case_file').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;
    const bad = async (body: unknown, headers?: Record<string, string>) => (await resident.call('POST', '/api/cases', body, headers)).json().error.code;
    expect(await bad(report({ lat: 39.9, lng: 116.4 }))).toBe('CASE_OUTSIDE_DISTRICT');
    expect(await bad(report({ categoryId: 999999 }))).toBe('CASE_CATEGORY_UNKNOWN');
    expect(await bad(report({ categoryId: parentCat }))).toBe('CASE_CATEGORY_NOT_LEAF');
    expect(await bad(report({ description: 'x'.repeat(1001) }))).toBe('VALIDATION_FAILED');
    expect(await bad(report({ photoIds: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] }))).toBe('VALIDATION_FAILED');
    expect(await bad(report({ lat: 'north' }))).toBe('VALIDATION_FAILED');
    expect(await bad(report(), { 'idempotency-key': 'has spaces!' })).toBe('CASE_IDEMPOTENCY_KEY');
    expect(await bad('{"categoryId": 1,', { 'content-type': 'application/json' })).toBe('MALFORMED_JSON');
    const othersPhoto = await upload('grid');
    expect((await resident.call('POST', '/api/cases', report({ photoIds: othersPhoto }))).statusCode).toBeGreaterThanOrEqual(400);
    const after = (await t.database.db.selectFrom('case_file').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;
    expect(after).toBe(before);
    expect((await act('resident', 999999, { action: 'cancel' })).statusCode).toBe(404);
    expect((await act('resident', 1, { action: 'fly' })).statusCode).toBe(400);
  });

  it('shows the public no names, rounded places and only approved photos', async () => {
    const photos = await upload('resident');
    const id = await file({ photoIds: photos, description: '有人在此乱倒垃圾，联系电话13812345678。' });
    const pub = await t.anonymous.call('GET', `/api/public/cases/${id}`);
    expect(pub.statusCode).toBe(200);
    const body = pub.json();
    expect(body.description).toContain('138****5678');
    expect(JSON.stringify(body)).not.toMatch(/resident|测试路1号东门/);
    expect(body.lat).toBe(41.305);
    expect(body.photos).toEqual([]);
    expect((await t.anonymous.call('GET', `/api/public/media/${photos[0]}/display`)).statusCode).toBe(404);
    const approve = await (await t.as('community')).call('PUT', `/api/cases/${id}/photos/${photos[0]}/public`);
    expect(approve.statusCode, approve.body).toBe(200);
    expect((await t.anonymous.call('GET', `/api/public/cases/${id}`)).json().photos).toHaveLength(1);
    expect((await t.anonymous.call('GET', `/api/public/media/${photos[0]}/display`)).statusCode).toBe(200);
    const list = (await t.anonymous.call('GET', '/api/public/cases?status=open')).json();
    expect(list.items.some((x: { id: number }) => x.id === id)).toBe(true);
  });
});

describe('export', () => {
  it('writes the filtered list as CSV and XLSX in the caller’s language, without personal data', async () => {
    const ExcelJS = (await import('exceljs')).default;
    const community = await t.as('community');
    const csv = await community.call('GET', '/api/cases/export?format=csv&view=all');
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.headers['content-disposition']).toContain("filename*=UTF-8''");
    const text = csv.rawPayload.toString('utf8');
    expect(text.startsWith('\ufeff编号,状态,分类')).toBe(true);
    const listed = (await community.call('GET', '/api/cases?view=all&pageSize=200')).json();
    expect(text.trim().split('\r\n')).toHaveLength(listed.total + 1);
    expect(text).not.toContain('resident');
    const xlsx = await community.call('GET', '/api/cases/export?format=xlsx&status=rated&lang=en');
    expect(xlsx.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).getCell(2).value).toBe('Status');
    const rated = (await community.call('GET', '/api/cases?status=rated')).json().total;
    expect(ws.rowCount - 1).toBe(rated);
    for (let r = 2; r <= ws.rowCount; r++) expect(ws.getRow(r).getCell(2).value).toBe('Rated');
    expect((await (await t.as('street2')).call('GET', '/api/cases/export?format=csv')).rawPayload.toString('utf8').trim().split('\r\n').length).toBeLessThan(text.trim().split('\r\n').length);
    expect((await community.call('GET', '/api/cases/export?format=pdf')).statusCode).toBe(400);
  });
});
