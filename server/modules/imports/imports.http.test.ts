import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { parse as parseCsv } from 'csv-parse/sync';
import { startTestApp, type Caller, type TestApp } from '../../test/http.js';
import { createNodeUnchecked } from '../org/index.js';
import { IMPORT_ROW_LIMIT } from '../../../common/contracts/imports.js';
import { csvFile, csvText, EN_HEADERS, multipart, PNG, residentRows, testId, upload, xlsxFile, ZH_HEADERS } from './test-files.js';

let t: TestApp;
const G1 = '21050200100101';
const G2 = '21050200100102';
const G3 = '21050200100201';
const G4 = '21050200200101';
const RETIRED = '21050200100199';

beforeAll(async () => {
  t = await startTestApp();
  const grid = await createNodeUnchecked(t.database.db, { parentId: t.fx.nodes.C1.id, type: 'grid', code: RETIRED, nameZh: '已撤销网格', nameEn: 'Retired grid' });
  await t.database.db.updateTable('org_node').set({ active: false, retired_at: new Date() }).where('id', '=', grid.id).execute();
});
afterAll(() => t?.close());

async function counts() {
  const db = t.database.db;
  const one = async (table: 'resident' | 'household' | 'import_job' | 'audit_log') =>
    Number((await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  return { residents: await one('resident'), households: await one('household'), jobs: await one('import_job'), audits: await one('audit_log') };
}

function post(caller: Caller, filename: string, content: Buffer, fields: Record<string, string> = {}, lang?: 'en' | 'zh-CN') {
  const body = upload(filename, content, fields);
  return caller.call('POST', `/api/imports${lang ? `?lang=${lang}` : ''}`, body.payload, body.headers);
}

/** The problems of a 422 answer as "row:code" strings. */
function codes(res: { json(): any }): string[] {
  return res.json().error.details.errors.map((e: any) => `${e.row}:${e.code}`);
}

/** Imports must leave residents and households untouched; a rejected job (and its audit row) is all that is written. */
async function expectNothingImported(before: Awaited<ReturnType<typeof counts>>, jobs = 1) {
  const after = await counts();
  expect(after.residents).toBe(before.residents);
  expect(after.households).toBe(before.households);
  expect(after.jobs).toBe(before.jobs + jobs);
}

describe('who may import', () => {
  it('refuses anonymous callers with 401 and grid workers (no people.import) with 403', async () => {
    const file = csvFile([ZH_HEADERS, ...residentRows(3, G1, { prefix: 'AUTH' })]);
    const anon = await post(t.anonymous, 'a.csv', file);
    expect(anon.statusCode).toBe(401);
    const grid = await post(await t.as('grid'), 'a.csv', file);
    expect(grid.statusCode).toBe(403);
    expect(grid.json().error.code).toBe('FORBIDDEN');
    expect((await (await t.as('grid')).call('GET', '/api/imports')).statusCode).toBe(403);
    expect((await t.anonymous.call('GET', '/api/imports/template')).statusCode).toBe(401);
  });

  it('hides grids outside the uploader’s scope behind the same message as unknown codes', async () => {
    const before = await counts();
    const rows = residentRows(3, G1, { prefix: 'SCOPE', offset: 99 });
    rows.push([...residentRows(1, 'NO-SUCH-GRID', { prefix: 'SCOPE2', offset: 102 })[0]!]);
    const res = await post(await t.as('community3'), 'scope.csv', csvFile([ZH_HEADERS, ...rows]));
    expect(res.statusCode).toBe(422);
    const errors = res.json().error.details.errors;
    expect(errors.map((e: any) => `${e.row}:${e.code}`)).toEqual(['2:GRID_UNKNOWN', '3:GRID_UNKNOWN', '4:GRID_UNKNOWN', '5:GRID_UNKNOWN']);
    expect(errors[0].message).toBe(`网格编码“${G1}”不存在，或不在您的导入范围内`);
    expect(errors[3].message).toBe('网格编码“NO-SUCH-GRID”不存在，或不在您的导入范围内');
    await expectNothingImported(before);
  });

  it('keeps rows under the chosen node, and answers 404 for a node outside the scope', async () => {
    const street = await t.as('street');
    const rows = [...residentRows(3, G1, { prefix: 'NODE', offset: 111 }), ...residentRows(3, G3, { prefix: 'NODE3', offset: 114 })];
    const res = await post(street, 'node.csv', csvFile([ZH_HEADERS, ...rows]), { nodeId: String(t.fx.nodes.C1.id) });
    expect(res.statusCode).toBe(422);
    expect(codes(res)).toEqual(['5:GRID_NOT_UNDER_NODE', '6:GRID_NOT_UNDER_NODE', '7:GRID_NOT_UNDER_NODE']);
    expect(res.json().error.details.errors[0].message).toBe(`网格“${G3}”不属于本次导入选定的“石榴园社区”`);
    const outside = await post(await t.as('community3'), 'node.csv', csvFile([ZH_HEADERS, ...rows]), { nodeId: String(t.fx.nodes.C1.id) });
    expect(outside.statusCode).toBe(404);
    const bad = await post(street, 'node.csv', csvFile([ZH_HEADERS, ...rows]), { nodeId: 'abc' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('VALIDATION_FAILED');
  });
});

describe('a good file', () => {
  it('imports a UTF-8 CSV exactly: households grouped, gender and birth date from the ID number, tokens, one audit row', async () => {
    const before = await counts();
    const rows = residentRows(6, G1, { prefix: 'GOOD', offset: 201 });
    const res = await post(await t.as('community'), '石榴园居民.csv', csvFile([ZH_HEADERS, ...rows]));
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({ rows: 6, households: 2, newHouseholds: 2, residents: 6 });
    const after = await counts();
    expect(after.residents - before.residents).toBe(6);
    expect(after.households - before.households).toBe(2);

    const db = t.database.db;
    const head = await db.selectFrom('resident').selectAll().where('id_number', '=', testId(201)).executeTakeFirstOrThrow();
    expect(head).toMatchObject({ name: '居民201', relation: 'head', ethnicity: '汉族', phone: '13900000201', is_party_member: false, gender: Number(testId(201)[16]) % 2 ? 'M' : 'F', birth_date: `${testId(201).slice(6, 10)}-${testId(201).slice(10, 12)}-${testId(201).slice(12, 14)}` });
    expect(head.tags.sort()).toEqual(['elderly_alone', 'low_income']);
    expect(head.search_tokens.split(' ')).toEqual(expect.arrayContaining(['居民', '测试', '201']));
    const spouse = await db.selectFrom('resident').selectAll().where('id_number', '=', testId(202)).executeTakeFirstOrThrow();
    expect(spouse).toMatchObject({ relation: 'spouse', household_id: head.household_id, grid_id: t.fx.nodes.G1.id, tags: [] });
    expect((await db.selectFrom('resident').select('is_party_member').where('id_number', '=', testId(205)).executeTakeFirstOrThrow()).is_party_member).toBe(true);
    const household = await db.selectFrom('household').selectAll().where('id', '=', head.household_id).executeTakeFirstOrThrow();
    expect(household).toMatchObject({ household_no: 'GOOD-67', address: '平山区测试路67号', grid_id: t.fx.nodes.G1.id, house_id: null });

    const job = await db.selectFrom('import_job').selectAll().where('id', '=', body.jobId).executeTakeFirstOrThrow();
    expect(job).toMatchObject({ status: 'completed', row_count: 6, error_count: 0, household_count: 2, resident_count: 6, node_id: t.fx.nodes.G1.id, created_by: t.fx.users.community });
    const auditRows = await db.selectFrom('audit_log').selectAll().where('entity', '=', 'import_job').where('entity_id', '=', String(body.jobId)).execute();
    expect(auditRows).toHaveLength(1);
    expect(auditRows[0]).toMatchObject({ action: 'people.import', actor_id: t.fx.users.community });
    expect(auditRows[0]!.detail).toMatchObject({ filename: '石榴园居民.csv', rows: 6, households: 2, residents: 6 });
    const detail = JSON.stringify(auditRows[0]!.detail);
    expect(detail).not.toContain(testId(201));
    expect(detail).not.toContain('居民201');
  });

  it('rejects the same file uploaded twice: every ID number is already registered', async () => {
    const before = await counts();
    const rows = residentRows(6, G1, { prefix: 'GOOD', offset: 201 });
    const res = await post(await t.as('community'), 'again.csv', csvFile([ZH_HEADERS, ...rows]));
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe('IMPORT_REJECTED');
    expect(res.json().error.message).toBe('文件有 6 处错误，未导入任何数据，请下载错误报告修改后重试');
    expect(codes(res)).toEqual(['2:ID_EXISTS', '3:ID_EXISTS', '4:ID_EXISTS', '5:ID_EXISTS', '6:ID_EXISTS', '7:ID_EXISTS']);
    expect(res.json().error.details.errors[0]).toMatchObject({ column: '公民身份号码', value: testId(201).slice(0, 4) + '**********' + testId(201).slice(-4) });
    await expectNothingImported(before);
  });

  it('reads a UTF-8 CSV with a BOM and English headers written in any case and spacing', async () => {
    const headers = ['Grid Code', ' HOUSEHOLD_NO', 'Address', 'name ', 'ID Number', 'Relation', 'phone', 'ethnicity', 'tags', 'Is Party Member', 'health', 'disability', 'income'];
    const rows = residentRows(3, G2, { prefix: 'BOM', offset: 300 });
    rows[1]![5] = 'spouse';
    rows[2]![7] = '满';
    rows[2]![8] = 'disabled|empty_nest';
    rows[0]![9] = 'yes';
    rows[0]![3] = `D'Arcy "Jr", \\{x}`; // quotes, comma, backslash and braces survive the array insert
    rows[1]![3] = '阿依古丽·买买提';
    rows[1]![10] = 'NULL';
    const res = await post(await t.as('community'), 'bom.csv', csvFile([headers, ...rows], 'utf8-bom'));
    expect(res.statusCode).toBe(201);
    const names = await t.database.db.selectFrom('resident').select(['name', 'health']).where('id_number', 'in', [testId(300), testId(301)]).orderBy('id').execute();
    expect(names).toEqual([{ name: `D'Arcy "Jr", \\{x}`, health: null }, { name: '阿依古丽·买买提', health: 'NULL' }]);
    const r = await t.database.db.selectFrom('resident').selectAll().where('id_number', '=', testId(302)).executeTakeFirstOrThrow();
    expect(r).toMatchObject({ ethnicity: '满族', grid_id: t.fx.nodes.G2.id });
    expect(r.tags.sort()).toEqual(['disabled', 'empty_nest']);
    const head = await t.database.db.selectFrom('resident').selectAll().where('id_number', '=', testId(300)).executeTakeFirstOrThrow();
    expect(head.is_party_member).toBe(true);
  });

  it('reads a GBK CSV (what Excel on a Chinese Windows writes) with Chinese names and headers', async () => {
    const rows = residentRows(3, G1, { prefix: 'GBK', offset: 402 });
    rows[0]![3] = '欧阳秀兰';
    rows[1]![3] = '张伟';
    rows[2]![3] = '李娜';
    rows[0]![2] = rows[1]![2] = rows[2]![2] = '平山区胜利路12号1单元301室';
    const file = csvFile([ZH_HEADERS, ...rows], 'gbk');
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(file)).toThrow();
    const res = await post(await t.as('community'), 'gbk.csv', file);
    expect(res.statusCode).toBe(201);
    const names = await t.database.db.selectFrom('resident').select(['name', 'search_tokens']).where('id_number', 'in', [testId(402), testId(403), testId(404)]).orderBy('id').execute();
    expect(names.map((n) => n.name)).toEqual(['欧阳秀兰', '张伟', '李娜']);
    expect(names[0]!.search_tokens.split(' ')).toEqual(expect.arrayContaining(['欧阳', '胜利']));
    const hh = await t.database.db.selectFrom('household').select('address').where('household_no', '=', 'GBK-134').executeTakeFirstOrThrow();
    expect(hh.address).toBe('平山区胜利路12号1单元301室');
  });

  it('reads an XLSX with a title row, numbers and rich text, and links a registered building and room', async () => {
    const rows: (string | number | null)[][] = [['石榴园社区居民信息表'], [...ZH_HEADERS, '楼栋编码', '房号']];
    for (const r of residentRows(3, G1, { prefix: 'XL', offset: 501 })) rows.push([...r, 'B-g1', '1-301']);
    rows[2]![0] = Number(G1); // a grid code typed as a number
    rows[2]![6] = 13900000501; // a phone typed as a number
    const file = await xlsxFile(rows);
    const res = await post(await t.as('community'), '居民.xlsx', file);
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ rows: 3, households: 1, residents: 3 });
    const r = await t.database.db.selectFrom('resident').selectAll().where('id_number', '=', testId(501)).executeTakeFirstOrThrow();
    expect(r.phone).toBe('13900000501');
    const hh = await t.database.db.selectFrom('household').selectAll().where('id', '=', r.household_id).executeTakeFirstOrThrow();
    const house = await t.database.db.selectFrom('house').select('id').where('building_id', '=', t.fx.buildings.g1!).executeTakeFirstOrThrow();
    expect(hh.house_id).toBe(house.id);
  });

  it('adds residents to a household already registered in the same grid', async () => {
    const db = t.database.db;
    const existing = await db.selectFrom('household').selectAll().where('household_no', '=', 'HH-g1').executeTakeFirstOrThrow();
    const row = residentRows(1, G1, { prefix: 'X', offset: 600 })[0]!;
    row[1] = 'HH-g1';
    row[2] = existing.address;
    row[5] = '孙女';
    const res = await post(await t.as('community'), 'add.csv', csvFile([ZH_HEADERS, row]));
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ households: 1, newHouseholds: 0, residents: 1 });
    const r = await db.selectFrom('resident').selectAll().where('id_number', '=', testId(600)).executeTakeFirstOrThrow();
    expect(r).toMatchObject({ household_id: existing.id, relation: 'grandchild' });
  });

  it('imports a template the server handed out, once filled in', async () => {
    const tpl = await (await t.as('community')).call('GET', '/api/imports/template?format=xlsx&lang=en');
    expect(tpl.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(tpl.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    for (const r of residentRows(2, G2, { prefix: 'TPL', offset: 700 })) ws.addRow(r);
    const filled = Buffer.from(await wb.xlsx.writeBuffer());
    const res = await post(await t.as('community'), 'template.xlsx', filled);
    expect(res.statusCode).toBe(201);
    expect(res.json().residents).toBe(2);
  });
});

describe('a file with problems', () => {
  it('collects every row problem with its row, column and code, and writes nothing', async () => {
    const before = await counts();
    const good = (i: number) => residentRows(1, G1, { prefix: 'BAD', offset: 1000 + i })[0]!;
    const rows: string[][] = [];
    const add = (edit: (r: string[]) => void, i = rows.length) => {
      const r = good(i);
      r[1] = `BAD-${i}`;
      r[5] = '户主';
      edit(r);
      rows.push(r);
    };
    add((r) => (r[3] = '')); // row 2: name empty
    add((r) => (r[3] = '名'.repeat(51))); // row 3
    add((r) => (r[4] = '11010519800101')); // row 4: format
    add((r) => (r[4] = '110105198002300011')); // row 5: Feb 30th
    add((r) => (r[4] = testId(1004).slice(0, 17) + (testId(1004)[17] === '0' ? '1' : '0'))); // row 6: checksum
    add((r) => (r[4] = testId(5000))); // row 7: duplicate …
    add((r) => (r[4] = testId(5000))); // row 8: … of row 7
    add((r) => (r[0] = 'ZZ-404')); // row 9: unknown grid
    add((r) => (r[0] = RETIRED)); // row 10: retired grid
    add((r) => (r[6] = '12345')); // row 11: phone
    add((r) => (r[8] = '独居老人、外星人')); // row 12: unknown tag
    add((r) => (r[1] = 'HH-g4')); // row 13: household registered in G4
    add((r) => ((r[1] = 'BAD-same'), (r[2] = '甲路1号'))); // row 14
    add((r) => ((r[1] = 'BAD-same'), (r[2] = '乙路2号'), (r[5] = '配偶'))); // row 15: other address, same household
    add((r) => (r[5] = '邻居')); // row 16: relation
    add((r) => (r[9] = '也许')); // row 17: party
    add((r) => (r[7] = '火星族')); // row 18: ethnicity
    add((r) => (r[4] = '')); // row 19: ID empty
    add((r) => ((r[1] = 'BAD-heads'), (r[2] = '丙路3号'))); // row 20
    add((r) => ((r[1] = 'BAD-heads'), (r[2] = '丙路3号'))); // row 21: second head
    rows.push(['', '', '', '', '', '', '', '', '', '', '', '', '']); // row 22: blank, skipped
    add((r) => ((r[1] = 'HH-g1'), (r[2] = '别处路9号'))); // row 23: registered household, other address, and it has a head already
    const res = await post(await t.as('community'), 'bad.csv', csvFile([ZH_HEADERS, ...rows]));
    expect(res.statusCode).toBe(422);
    const details = res.json().error.details;
    expect(codes(res)).toEqual([
      '2:REQUIRED',
      '3:TOO_LONG',
      '4:ID_FORMAT',
      '5:ID_BIRTH_DATE',
      '6:ID_CHECKSUM',
      '7:ID_DUPLICATE_IN_FILE',
      '8:ID_DUPLICATE_IN_FILE',
      '9:GRID_UNKNOWN',
      '10:GRID_RETIRED',
      '11:PHONE_FORMAT',
      '12:TAG_UNKNOWN',
      '13:HOUSEHOLD_OTHER_GRID',
      '15:HOUSEHOLD_INCONSISTENT',
      '16:RELATION_UNKNOWN',
      '17:PARTY_VALUE',
      '18:ETHNICITY_UNKNOWN',
      '19:REQUIRED',
      '21:HOUSEHOLD_TWO_HEADS',
      '23:HOUSEHOLD_ADDRESS_DIFFERS',
      '23:HOUSEHOLD_HAS_HEAD',
    ]);
    expect(details.errorCount).toBe(20);
    const byRow = (row: number) => details.errors.find((e: any) => e.row === row);
    expect(byRow(2)).toMatchObject({ column: '姓名', message: '此项必填' });
    expect(byRow(7)).toMatchObject({ column: '公民身份号码', message: '该身份证号在文件中重复（另见第 8 行）' });
    expect(byRow(8).message).toBe('该身份证号在文件中重复（另见第 7 行）');
    expect(byRow(7).value).not.toContain(testId(5000).slice(4, 14));
    expect(byRow(11)).toMatchObject({ column: '联系电话', value: '****' });
    expect(byRow(12).message).toBe('无法识别的人员标签“外星人”');
    expect(byRow(15)).toMatchObject({ column: '地址', message: '同一户（户编号 BAD-same）的此项与第 14 行不一致' });
    expect(byRow(21).message).toBe('同一户有两位户主（另见第 20 行）');
    await expectNothingImported(before);
    const job = await t.database.db.selectFrom('import_job').selectAll().where('id', '=', details.jobId).executeTakeFirstOrThrow();
    expect(job).toMatchObject({ status: 'rejected', row_count: 21, error_count: 20, created_by: t.fx.users.community });
    expect(JSON.stringify(job.errors)).not.toContain(testId(5000));
  });

  it('lists the missing required columns as file-level problems in both languages', async () => {
    const before = await counts();
    const headers = ['网格编码', '户编号', '姓名', '备注'];
    const res = await post(await t.as('community'), 'cols.csv', csvFile([headers, [G1, 'C-1', '张三', 'x']]), {}, 'en');
    expect(res.statusCode).toBe(422);
    const errors = res.json().error.details.errors;
    expect(errors.map((e: any) => `${e.row}:${e.code}`)).toEqual(['1:MISSING_COLUMN', '1:MISSING_COLUMN', '1:MISSING_COLUMN']);
    expect(errors.map((e: any) => e.message)).toEqual([
      'The required column "address" is missing (accepted headers: 地址、住址、居住地址、现住址)',
      'The required column "id_number" is missing (accepted headers: 公民身份号码、公民身份号码(身份证号)、身份证号、身份证号码、身份证)',
      'The required column "relation" is missing (accepted headers: 与户主关系、关系、与户主的关系)',
    ]);
    await expectNothingImported(before);
  });

  it('reports an ID number that Excel stored as a number, with the hint to format the column as text', async () => {
    const before = await counts();
    const row: (string | number)[] = residentRows(1, G1, { prefix: 'NUM', offset: 800 })[0]!;
    row[4] = Number(testId(800));
    const res = await post(await t.as('community'), 'num.xlsx', await xlsxFile([ZH_HEADERS, row]));
    expect(res.statusCode).toBe(422);
    expect(codes(res)).toEqual(['2:ID_NUMERIC_CELL']);
    expect(res.json().error.details.errors[0].message).toContain('文本');
    // The same mistake saved to CSV by Excel shows as scientific notation.
    const csvRow = residentRows(1, G1, { prefix: 'NUM', offset: 800 })[0]!;
    csvRow[4] = '1.10105E+17';
    const res2 = await post(await t.as('community'), 'num.csv', csvFile([ZH_HEADERS, csvRow]));
    expect(codes(res2)).toEqual(['2:ID_NUMERIC_CELL']);
    await expectNothingImported(before, 2);
  });

  it('answers files that are not residents tables with stable codes and no job', async () => {
    const community = await t.as('community');
    const before = await counts();
    const good = await xlsxFile([ZH_HEADERS, ...residentRows(3, G1, { prefix: 'BRK', offset: 900 })]);
    const cases: [string, Buffer, string][] = [
      ['broken.xlsx', good.subarray(0, Math.floor(good.length / 2)), 'IMPORT_FILE_BROKEN'],
      ['junk.xlsx', Buffer.from('this is not a spreadsheet at all'), 'IMPORT_FILE_BROKEN'],
      ['picture.csv', PNG, 'IMPORT_FILE_TYPE'],
      ['picture.xlsx', PNG, 'IMPORT_FILE_TYPE'],
      ['residents.xlsx.csv', good, 'IMPORT_FILE_TYPE'],
      ['residents.txt', csvFile([ZH_HEADERS]), 'IMPORT_FILE_TYPE'],
      ['old.xls', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), 'IMPORT_FILE_TYPE'],
      ['junk.csv', Buffer.from(Array.from({ length: 2000 }, (_, i) => (i * 7919) % 256)), 'IMPORT_FILE_BROKEN'],
      ['empty.csv', Buffer.alloc(0), 'IMPORT_FILE_EMPTY'],
      ['headers-only.csv', csvFile([ZH_HEADERS]), 'IMPORT_FILE_EMPTY'],
      ['blank-lines.csv', Buffer.from('\r\n\r\n,,,\r\n'), 'IMPORT_FILE_EMPTY'],
      ['headers-only.xlsx', await xlsxFile([ZH_HEADERS]), 'IMPORT_FILE_EMPTY'],
      ['quote.csv', Buffer.from(csvText([ZH_HEADERS]) + `${G1},Q-1,"unclosed,张三\r\n`), 'IMPORT_FILE_BROKEN'],
    ];
    for (const [name, content, code] of cases) {
      const res = await post(community, name, content);
      expect([name, res.statusCode, res.json().error.code]).toEqual([name, 422, code]);
    }
    const broken = await post(community, 'broken.xlsx', good.subarray(0, 100), {}, 'en');
    expect(broken.json().error.message).toBe('The file cannot be read: the XLSX file is damaged or incomplete');
    const after = await counts();
    expect(after).toEqual(before);
  });

  it('refuses more rows than one import accepts', async () => {
    const line = `${G1},R-1,路,张三,${testId(1)},户主,,,,,,,\r\n`;
    const file = Buffer.from(csvText([ZH_HEADERS]) + line.repeat(IMPORT_ROW_LIMIT + 1));
    const res = await post(await t.as('community'), 'many.csv', file);
    expect(res.statusCode).toBe(422);
    expect(res.json().error).toMatchObject({ code: 'IMPORT_TOO_MANY_ROWS', message: `文件有 ${IMPORT_ROW_LIMIT + 1} 行数据，超过单次导入上限 ${IMPORT_ROW_LIMIT} 行，请拆分后分批导入` });
  });

  it('answers an oversized file with 413 BODY_TOO_LARGE naming the import limit', async () => {
    const res = await post(await t.as('community'), 'huge.csv', Buffer.alloc(t.app.ctx.config.importLimitBytes + 10, 0x41), {}, 'en');
    expect(res.statusCode).toBe(413);
    expect(res.json().error).toEqual({ code: 'BODY_TOO_LARGE', message: 'The request body is too large (limit 20 MiB)' });
  });

  it('answers a missing file, a JSON body and a malformed multipart body with stable codes', async () => {
    const community = await t.as('community');
    const noFile = multipart([{ name: 'nodeId', value: String(t.fx.nodes.C1.id) }]);
    const r1 = await community.call('POST', '/api/imports', noFile.payload, noFile.headers);
    expect([r1.statusCode, r1.json().error.code]).toEqual([400, 'FILE_REQUIRED']);
    const r2 = await community.call('POST', '/api/imports', { file: 'x' });
    expect([r2.statusCode, r2.json().error.code]).toEqual([415, 'UNSUPPORTED_MEDIA_TYPE']);
    const body = upload('a.csv', csvFile([ZH_HEADERS, ...residentRows(1, G1)]));
    const r3 = await community.call('POST', '/api/imports', body.payload.subarray(0, body.payload.length - 30), body.headers);
    expect(r3.statusCode).toBe(400);
    expect(r3.json().error.code).toBe('VALIDATION_FAILED');
    const two = multipart([
      { name: 'file', filename: 'a.csv', content: csvFile([ZH_HEADERS]) },
      { name: 'file', filename: 'b.csv', content: csvFile([ZH_HEADERS]) },
    ]);
    const r4 = await community.call('POST', '/api/imports', two.payload, two.headers);
    expect(r4.statusCode).toBe(400);
  });
});

describe('jobs and reports', () => {
  let jobId: number;
  beforeAll(async () => {
    const rows = residentRows(3, G1, { prefix: 'REP', offset: 3000 });
    rows[0]![6] = '1391234912';
    rows[1]![4] = '110105198002300011';
    rows[2]![3] = '';
    const res = await post(await t.as('community'), '报告.csv', csvFile([ZH_HEADERS, ...rows]));
    jobId = res.json().error.details.jobId;
  });

  it('shows a job to its creator and to people.import holders above its node, and hides it from others', async () => {
    const mine = await (await t.as('community')).call('GET', `/api/imports/${jobId}?lang=en`);
    expect(mine.statusCode).toBe(200);
    expect(mine.json()).toMatchObject({ id: jobId, status: 'rejected', rows: 3, errorCount: 3, filename: '报告.csv', node: { id: t.fx.nodes.G1.id }, createdBy: { id: t.fx.users.community } });
    expect(mine.json().errors.map((e: any) => e.message)).toEqual([
      'Not a valid phone number (an 11-digit mobile, or a landline with area code like 024-12345678)',
      'The birth date inside the ID number is not a real date',
      'This cell is required',
    ]);
    expect((await (await t.as('street')).call('GET', `/api/imports/${jobId}`)).statusCode).toBe(200);
    expect((await (await t.as('district')).call('GET', `/api/imports/${jobId}`)).statusCode).toBe(200);
    expect((await (await t.as('community3')).call('GET', `/api/imports/${jobId}`)).statusCode).toBe(404);
    expect((await (await t.as('street2')).call('GET', `/api/imports/${jobId}/report`)).statusCode).toBe(404);
    expect((await (await t.as('community')).call('GET', `/api/imports/999999`)).statusCode).toBe(404);
  });

  it('lists recent jobs in scope', async () => {
    const list = await (await t.as('community')).call('GET', '/api/imports?page=1&pageSize=5');
    expect(list.statusCode).toBe(200);
    expect(list.json().items[0]).toMatchObject({ id: jobId, status: 'rejected' });
    expect(list.json().items).toHaveLength(5);
    expect(list.json().total).toBeGreaterThan(5);
    const other = await (await t.as('community3')).call('GET', '/api/imports');
    expect(other.json().items.every((j: any) => j.createdBy?.id === t.fx.users.community3)).toBe(true);
    expect(other.json().items.length).toBeGreaterThan(0);
  });

  it('downloads the error report as CSV (UTF-8 BOM) in Chinese and English, values masked', async () => {
    const community = await t.as('community');
    const zh = await community.call('GET', `/api/imports/${jobId}/report?format=csv&lang=zh-CN`);
    expect(zh.statusCode).toBe(200);
    expect(zh.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(zh.headers['content-disposition']).toBe(
      `attachment; filename="________-${jobId}.csv"; filename*=UTF-8''${encodeURIComponent('居民导入错误报告')}-${jobId}.csv`,
    );
    expect([...zh.rawPayload.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parseCsv(zh.rawPayload.toString('utf8').slice(1)) as string[][];
    expect(rows[0]).toEqual(['行号', '列', '值', '问题', '错误代码']);
    expect(rows.slice(1)).toEqual([
      ['2', '联系电话', '139****4912', '电话号码格式不正确（11 位手机号，或带区号的座机号如 024-12345678）', 'PHONE_FORMAT'],
      ['3', '公民身份号码', '1101**********0011', '身份证号中的出生日期无效', 'ID_BIRTH_DATE'],
      ['4', '姓名', '', '此项必填', 'REQUIRED'],
    ]);
    const en = await community.call('GET', `/api/imports/${jobId}/report?format=csv&lang=en`);
    const enRows = parseCsv(en.rawPayload.toString('utf8').slice(1)) as string[][];
    expect(enRows[0]).toEqual(['Row', 'Column', 'Value', 'Problem', 'Code']);
    expect(enRows[3]).toEqual(['4', '姓名', '', 'This cell is required', 'REQUIRED']);
    expect(en.headers['content-disposition']).toBe(`attachment; filename="resident-import-errors-${jobId}.csv"; filename*=UTF-8''resident-import-errors-${jobId}.csv`);
  });

  it('downloads the error report as XLSX in both languages', async () => {
    const community = await t.as('community');
    for (const [lang, header, problem] of [
      ['zh-CN', '问题', '身份证号中的出生日期无效'],
      ['en', 'Problem', 'The birth date inside the ID number is not a real date'],
    ] as const) {
      const res = await community.call('GET', `/api/imports/${jobId}/report?format=xlsx&lang=${lang}`);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      const ws = wb.worksheets[0]!;
      expect(ws.getRow(1).getCell(4).value).toBe(header);
      expect(ws.getRow(3).getCell(1).value).toBe(3);
      expect(ws.getRow(3).getCell(3).value).toBe('1101**********0011');
      expect(ws.getRow(3).getCell(4).value).toBe(problem);
      expect(ws.rowCount).toBe(4);
    }
    const bad = await community.call('GET', `/api/imports/${jobId}/report?format=pdf`);
    expect(bad.statusCode).toBe(400);
  });

  it('hands out the template: CSV headers only (with BOM), XLSX with an instructions sheet', async () => {
    const community = await t.as('community');
    const csv = await community.call('GET', '/api/imports/template?format=csv&lang=zh-CN');
    expect(csv.statusCode).toBe(200);
    const text = csv.rawPayload.toString('utf8');
    expect(text.startsWith('\ufeff网格编码,户编号,地址,姓名,公民身份号码,与户主关系,联系电话')).toBe(true);
    expect(text.trim().split('\r\n')).toHaveLength(1);
    expect(csv.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('居民导入模板')}.csv`);
    const xlsx = await community.call('GET', '/api/imports/template?format=xlsx&lang=zh-CN');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['居民信息', '填写说明']);
    expect(wb.worksheets[0]!.getRow(1).getCell(5).value).toBe('公民身份号码');
    expect(wb.worksheets[0]!.getColumn(5).numFmt).toBe('@');
    const help = wb.worksheets[1]!;
    expect(help.getRow(6).getCell(1).value).toBe('公民身份号码');
    expect(help.getRow(6).getCell(2).value).toBe('必填');
  });
});
