import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/http.js';
import { makeIdNumber } from '../../../common/id-number.js';

let t: TestApp;
let raw: { id: number; id_number: string; phone: string | null; health: string | null }[];
beforeAll(async () => {
  t = await startTestApp();
  raw = await t.database.db.selectFrom('resident').select(['id', 'id_number', 'phone', 'health']).execute();
});
afterAll(() => t?.close());

const auditRows = (action: string) => t.database.db.selectFrom('audit_log').selectAll().where('action', '=', action).orderBy('id').execute();
/** No raw ID number, phone or health value of any fixture resident appears in a response body. */
function expectNoRawValues(body: string) {
  for (const r of raw) {
    expect(body).not.toContain(r.id_number);
    if (r.phone) expect(body).not.toContain(r.phone);
    if (r.health) expect(body).not.toContain(r.health);
  }
}
let seq = 500;
const newId = (birth = '1990-05-06') => makeIdNumber('210502', birth, seq++);

describe('masking', () => {
  it('masks ID number, phone and health in the list, and never sends the raw values', async () => {
    const grid = await t.as('grid');
    const res = await grid.call('GET', '/api/people/residents');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.items.map((r: any) => r.name).sort()).toEqual(['张秀兰', '李明']);
    const head = body.items.find((r: any) => r.name === '张秀兰');
    expect(head.idNumber).toMatch(/^2105\*{10}\d{3}[\dX]$/);
    expect(head.phone).toMatch(/^138\*{4}\d{4}$/);
    expect(head.health).toBe('******');
    expect(head.age).toBeGreaterThan(80);
    expect(head).not.toHaveProperty('birthDate');
    expect(body.items.find((r: any) => r.name === '李明').health).toBeNull();
    expectNoRawValues(res.body);
  });

  it('masks the detail and the household members, and tells what the caller may do', async () => {
    const id = t.fx.residents.g1_head!;
    const grid = await (await t.as('grid')).call('GET', `/api/people/residents/${id}`);
    expect(grid.statusCode).toBe(200);
    expect(grid.json().abilities).toEqual({ reveal: true, edit: true });
    expect(grid.json().household.address).toContain('测试路');
    expect(grid.json().grid.id).toBe(t.fx.nodes.G1.id);
    expectNoRawValues(grid.body);
    const admin = await (await t.as('admin')).call('GET', `/api/people/residents/${id}`);
    expect(admin.json().abilities).toEqual({ reveal: false, edit: true });
    const district = await (await t.as('district')).call('GET', `/api/people/residents/${id}`);
    expect(district.json().abilities).toEqual({ reveal: true, edit: false });
    const household = await (await t.as('community')).call('GET', `/api/people/households/${t.fx.households.g1}`);
    expect(household.statusCode).toBe(200);
    expect(household.json().members).toHaveLength(2);
    expect(household.json().house.building.id).toBe(t.fx.buildings.g1);
    expectNoRawValues(household.body);
    const building = await (await t.as('street')).call('GET', `/api/people/buildings/${t.fx.buildings.g1}`);
    expect(building.statusCode).toBe(200);
    expect(building.json().houses[0].households[0]).toMatchObject({ id: t.fx.households.g1, memberCount: 2 });
  });
});

describe('reveal', () => {
  it('reveals one field with a reason and audits who, what, when and why in the same step', async () => {
    const id = t.fx.residents.g1_head!;
    const before = Date.now();
    const res = await (await t.as('grid')).call('POST', `/api/people/residents/${id}/reveal`, { field: 'idNumber', reason: '入户走访核对身份' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ field: 'idNumber', value: raw.find((r) => r.id === id)!.id_number });
    const rows = await auditRows('personal.reveal');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ actor_id: t.fx.users.grid, entity: 'resident', entity_id: String(id), node_id: t.fx.nodes.G1.id, reason: '入户走访核对身份', detail: { field: 'idNumber' } });
    expect(new Date(rows[0]!.at).getTime()).toBeGreaterThanOrEqual(before - 1000);
    const health = await (await t.as('community')).call('POST', `/api/people/residents/${id}/reveal`, { field: 'health', reason: 'care visit planning' });
    expect(health.json().value).toBe('高血压');
  });

  it('refuses a reveal without a real reason and writes nothing', async () => {
    const grid = await t.as('grid');
    const id = t.fx.residents.g1_head!;
    const count = (await auditRows('personal.reveal')).length;
    for (const body of [{ field: 'phone' }, { field: 'phone', reason: '' }, { field: 'phone', reason: '  看看 ' }, { field: 'phone', reason: null }]) {
      const res = await grid.call('POST', `/api/people/residents/${id}/reveal?lang=en`, body);
      expect(res.json().error.message).toBe('A reason is required to reveal personal data');
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('REVEAL_REASON_REQUIRED');
    }
    const zh = await grid.call('POST', `/api/people/residents/${id}/reveal`, { field: 'phone' });
    expect(zh.json().error.message).toBe('查看敏感信息须填写事由');
    expect((await grid.call('POST', `/api/people/residents/${id}/reveal`, { field: 'password', reason: 'just checking' })).statusCode).toBe(400);
    expect((await grid.call('POST', `/api/people/residents/${id}/reveal`, { field: 'phone', reason: 'x'.repeat(201) })).statusCode).toBe(400);
    expect((await auditRows('personal.reveal')).length).toBe(count);
  });

  it('answers 404 outside the scope and 403 inside it without personal.reveal', async () => {
    const id = t.fx.residents.g1_head!;
    const body = { field: 'phone', reason: '核实联系方式' };
    expect((await (await t.as('grid4')).call('POST', `/api/people/residents/${id}/reveal`, body)).statusCode).toBe(404);
    expect((await (await t.as('street2')).call('POST', `/api/people/residents/${id}/reveal`, body)).statusCode).toBe(404);
    expect((await (await t.as('grid')).call('POST', `/api/people/residents/999999/reveal`, body)).statusCode).toBe(404);
    const admin = await (await t.as('admin')).call('POST', `/api/people/residents/${id}/reveal`, body);
    expect(admin.statusCode).toBe(403);
    expect(admin.json().error.code).toBe('FORBIDDEN');
    expect((await t.anonymous.call('POST', `/api/people/residents/${id}/reveal`, body)).statusCode).toBe(401);
  });
});

describe('scope', () => {
  it('shows a grid worker only her grid, and 404 for another grid by id', async () => {
    const grid = await t.as('grid');
    const list = await grid.call('GET', '/api/people/residents?q=测试路');
    expect(list.json().items.every((r: any) => r.grid.id === t.fx.nodes.G1.id)).toBe(true);
    expect((await grid.call('GET', `/api/people/residents/${t.fx.residents.g4_head}`)).statusCode).toBe(404);
    expect((await grid.call('GET', `/api/people/households/${t.fx.households.g4}`)).statusCode).toBe(404);
    expect((await grid.call('GET', `/api/people/buildings/${t.fx.buildings.g4}`)).statusCode).toBe(404);
    expect((await grid.call('GET', `/api/people/residents?nodeId=${t.fx.nodes.G4.id}`)).statusCode).toBe(404);
    expect((await grid.call('GET', `/api/people/residents?nodeId=${t.fx.nodes.C1.id}`)).statusCode).toBe(404);
    const households = await grid.call('GET', '/api/people/households');
    expect(households.json().items.map((h: any) => h.id)).toEqual([t.fx.households.g1]);
    const buildings = await grid.call('GET', '/api/people/buildings');
    expect(buildings.json().items.map((b: any) => b.id)).toEqual([t.fx.buildings.g1]);
  });

  it("shows a street its own communities' residents and not another street's", async () => {
    const street = await t.as('street');
    const names = (await street.call('GET', '/api/people/residents')).json().items.map((r: any) => r.name);
    expect(names).toContain('张秀兰');
    expect(names).not.toContain('王建国');
    expect((await street.call('GET', `/api/people/residents/${t.fx.residents.g4_head}`)).statusCode).toBe(404);
    expect((await street.call('GET', `/api/people/residents?nodeId=${t.fx.nodes.S2.id}`)).statusCode).toBe(404);
    expect((await street.call('GET', `/api/people/residents?nodeId=${t.fx.nodes.G2.id}`)).json().items).toEqual([]);
    const street2 = await t.as('street2');
    const names2 = (await street2.call('GET', '/api/people/residents')).json().items.map((r: any) => r.name);
    expect(names2.sort()).toEqual(['王建国', '赵丽']);
    const district = (await (await t.as('district')).call('GET', '/api/people/residents')).json();
    expect(district.total).toBeGreaterThanOrEqual(4);
  });

  it('refuses callers without people.read', async () => {
    expect((await (await t.as('mediator')).call('GET', '/api/people/residents')).statusCode).toBe(403);
    expect((await (await t.as('resident')).call('GET', '/api/people/residents')).statusCode).toBe(403);
    expect((await (await t.as('department')).call('GET', `/api/people/residents/${t.fx.residents.g1_head}`)).statusCode).toBe(403); // no people.read anywhere: 403 whatever the target
    expect((await t.anonymous.call('GET', '/api/people/residents')).statusCode).toBe(401);
  });
});

describe('writes', () => {
  it('registers a resident: GB 11643 check, duplicates refused, audit names fields but holds no values', async () => {
    const grid = await t.as('grid');
    const idNumber = newId();
    const bad = idNumber.slice(0, 17) + (idNumber[17] === '0' ? '1' : '0');
    const base = { householdId: t.fx.households.g1, name: '周晓燕', relation: 'spouse', phone: '13912345678', health: '糖尿病', tags: ['empty_nest'] };
    const wrong = await grid.call('POST', '/api/people/residents', { ...base, idNumber: bad });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.code).toBe('ID_NUMBER_CHECKSUM');
    expect((await grid.call('POST', '/api/people/residents', { ...base, idNumber: '12345' })).json().error.code).toBe('ID_NUMBER_FORMAT');
    const ok = await grid.call('POST', '/api/people/residents', { ...base, idNumber });
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({ name: '周晓燕', relation: 'spouse', tags: ['empty_nest'], health: '******', phone: '139****5678' });
    expect(ok.body).not.toContain(idNumber);
    const dup = await grid.call('POST', '/api/people/residents', { ...base, name: '别人', idNumber });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.code).toBe('ID_NUMBER_TAKEN');
    const [created] = (await auditRows('resident.create')).filter((a) => a.entity_id === String(ok.json().id));
    expect(created!.node_id).toBe(t.fx.nodes.G1.id);
    expect((created!.detail as any).fields).toEqual(expect.arrayContaining(['health', 'idNumber', 'name', 'phone', 'tags']));
    const detail = JSON.stringify(created!.detail);
    for (const v of [idNumber, '13912345678', '糖尿病', '周晓燕']) expect(detail).not.toContain(v);
  });

  it('refuses writes outside the scope (404) and without people.write (403)', async () => {
    const body = { householdId: t.fx.households.g1, name: '外人', idNumber: newId() };
    expect((await (await t.as('grid4')).call('POST', '/api/people/residents', body)).statusCode).toBe(404);
    expect((await (await t.as('district')).call('POST', '/api/people/residents', body)).statusCode).toBe(403);
    expect((await (await t.as('grid4')).call('PATCH', `/api/people/residents/${t.fx.residents.g1_child}`, { phone: '13800000000' })).statusCode).toBe(404);
  });

  it('updates a resident, keeps the search in step, and audits only the changed field names', async () => {
    const grid = await t.as('grid');
    const idNumber = newId('1975-01-02');
    const created = (await grid.call('POST', '/api/people/residents', { householdId: t.fx.households.g1, name: '孙卫东', idNumber })).json();
    const res = await grid.call('PATCH', `/api/people/residents/${created.id}`, { name: '孙卫红', phone: '13700001111', ethnicity: '汉族' });
    expect(res.statusCode).toBe(200);
    expect(res.json().name).toBe('孙卫红');
    const [row] = (await auditRows('resident.update')).filter((a) => a.entity_id === String(created.id));
    expect((row!.detail as any).fields).toEqual(['name', 'phone']);
    expect(JSON.stringify(row!.detail)).not.toContain('13700001111');
    expect((await grid.call('GET', '/api/people/residents?q=卫红')).json().items.map((r: any) => r.id)).toEqual([created.id]);
    expect((await grid.call('GET', '/api/people/residents?q=卫东')).json().items).toEqual([]);
    const newNumber = newId('1976-02-03');
    const changed = await grid.call('PATCH', `/api/people/residents/${created.id}`, { idNumber: newNumber });
    expect(changed.json().age).toBe(ageOf('1976-02-03'));
    const taken = await grid.call('PATCH', `/api/people/residents/${created.id}`, { idNumber: raw[0]!.id_number });
    expect(taken.json().error.code).toBe('ID_NUMBER_TAKEN');
    const party = await grid.call('PATCH', `/api/people/residents/${created.id}`, { partyNodeId: t.fx.nodes.PB1.id });
    expect(party.json().error.code).toBe('PARTY_MEMBER_REQUIRED');
    const member = await grid.call('PATCH', `/api/people/residents/${created.id}`, { isPartyMember: true, partyNodeId: t.fx.nodes.PB1.id });
    expect(member.json()).toMatchObject({ isPartyMember: true, party: { id: t.fx.nodes.PB1.id } });
    const wrongParty = await grid.call('PATCH', `/api/people/residents/${created.id}`, { partyNodeId: t.fx.nodes.G2.id });
    expect(wrongParty.json().error.code).toBe('PARTY_NODE_INVALID');
    const members = (await grid.call('GET', '/api/people/residents?partyMember=true')).json().items.map((r: any) => r.id);
    expect(members).toEqual([created.id]);
  });
});

describe('reveal rate limit', () => {
  it('stops a user after 60 reveals a minute (a bulk reveal is a leak in progress)', async () => {
    const district = await t.as('district');
    const url = `/api/people/residents/${t.fx.residents.g4_child}/reveal`;
    const codes = [];
    for (let i = 0; i < 61; i++) codes.push((await district.call('POST', url, { field: 'phone', reason: '批量核对联系方式' })).statusCode);
    expect(codes.slice(0, 60).every((c) => c === 200)).toBe(true);
    expect(codes[60]).toBe(429);
    // Another user is not affected.
    expect((await (await t.as('street2')).call('POST', url, { field: 'phone', reason: '核对联系方式' })).statusCode).toBe(200);
  });
});

function ageOf(birth: string) {
  const now = new Date();
  const [y, m, d] = birth.split('-').map(Number) as [number, number, number];
  return now.getUTCFullYear() - y - (now.getUTCMonth() + 1 < m || (now.getUTCMonth() + 1 === m && now.getUTCDate() < d) ? 1 : 0);
}
