import { describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { cellText, decodeText, FileProblem, readTable } from './file-reader.js';
import { fieldOf, mapHeaders } from './headers.js';
import { ethnicity, normalisePhone, parseTags, partyMember, relationCode } from './vocab.js';
import { validateRows } from './validators.js';
import { findHouse } from './references.js';
import { commonAncestor } from './imports.service.js';
import { contentDisposition, toCsv } from './report-writer.js';
import { problemMessage } from '../../../common/contracts/imports.js';
import { csvFile, residentRows, testId, ZH_HEADERS } from './test-files.js';

describe('decoding CSV bytes', () => {
  const text = '姓名,地址\r\n张三,平山区\r\n';
  it('reads UTF-8 with and without a BOM, GBK, GB18030 and UTF-16 with a BOM', () => {
    expect(decodeText(Buffer.from(text))).toBe(text);
    expect(decodeText(Buffer.from('\ufeff' + text))).toBe(text);
    expect(decodeText(iconv.encode(text, 'gbk'))).toBe(text);
    expect(decodeText(iconv.encode('𠀀' + text, 'gb18030'))).toBe('𠀀' + text);
    expect(decodeText(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]))).toBe(text);
  });
  it('refuses binary content', () => {
    expect(() => decodeText(Buffer.from([0x41, 0x00, 0x42]))).toThrow(FileProblem);
    try {
      decodeText(Buffer.from([0x01, 0x02, 0x03]));
    } catch (e) {
      expect((e as FileProblem).reason).toBe('binary');
    }
  });
});

describe('reading tables', () => {
  it('finds the delimiter, accepts mixed line ends and numbers rows as a spreadsheet does', async () => {
    const csv = Buffer.from('a;b;c\n1;"two\nlines";3\r\n\r\n4;5;6\r7;8;9');
    const rows = await readTable(csv, 'x.CSV');
    expect(rows.map((r) => [r.row, r.cells])).toEqual([
      [1, ['a', 'b', 'c']],
      [2, ['1', 'two\nlines', '3']],
      [4, ['4', '5', '6']],
      [5, ['7', '8', '9']],
    ]);
    const tabs = await readTable(Buffer.from('a\tb\n 1 \t\u3000２\u200b\n'), 'x.csv');
    expect(tabs[1]!.cells).toEqual(['1', '２']);
  });
  it('turns every kind of spreadsheet cell into text', () => {
    expect(cellText(null)).toEqual({ text: '', isNumber: false });
    expect(cellText(13800001234)).toEqual({ text: '13800001234', isNumber: true });
    expect(cellText(1.5)).toEqual({ text: '1.5', isNumber: true });
    expect(cellText(true).text).toBe('TRUE');
    expect(cellText(new Date(Date.UTC(2024, 1, 29))).text).toBe('2024-02-29');
    expect(cellText({ richText: [{ text: '张' }, { text: '三' }] }).text).toBe('张三');
    expect(cellText({ formula: 'A1&B1', result: 'HH-1' }).text).toBe('HH-1');
    expect(cellText({ sharedFormula: 'A1', result: 7 } as never)).toEqual({ text: '7', isNumber: true });
    expect(cellText({ text: '链接', hyperlink: 'http://x' }).text).toBe('链接');
    expect(cellText({ error: '#N/A' } as never).text).toBe('#N/A');
  });
});

describe('headers', () => {
  it('matches Chinese and English headers whatever the case, spacing, brackets or required marks', () => {
    expect(fieldOf('公民身份号码（身份证号）')).toBe('id_number');
    expect(fieldOf('公民身份号码(身份证号)')).toBe('id_number');
    expect(fieldOf('*姓名')).toBe('name');
    expect(fieldOf(' Grid-Code ')).toBe('grid_code');
    expect(fieldOf('IS PARTY MEMBER')).toBe('is_party_member');
    expect(fieldOf('序号')).toBeNull();
  });
  it('skips a title row and reports repeated columns', () => {
    const rows = [
      { row: 1, cells: ['居民信息表'], numeric: [] },
      { row: 2, cells: ['序号', ...ZH_HEADERS, '姓名'], numeric: [] },
    ];
    const { header, problems } = mapHeaders(rows);
    expect(header.row).toBe(2);
    expect(header.index.name).toBe(4);
    expect(problems).toEqual([{ row: 2, column: '姓名', code: 'DUPLICATE_COLUMN', value: '姓名', params: { value: '姓名' } }]);
  });
});

describe('vocabulary', () => {
  it('reads relations as codes, labels or common words', () => {
    expect(['户主', 'head', '妻子', '长子', '女儿', '孙女', '公公', 'Spouse', '租客'].map(relationCode)).toEqual([
      'head', 'head', 'spouse', 'child', 'child', 'grandchild', 'parent_in_law', 'spouse', 'tenant',
    ]);
    expect(relationCode('邻居')).toBeNull();
  });
  it('reads tags as codes or Chinese labels with any separator', () => {
    expect(parseTags('独居老人、low_income,残疾人；失独家庭|重度残疾人，空巢老人; LEFT_BEHIND_CHILD')).toEqual({
      codes: ['elderly_alone', 'low_income', 'disabled', 'lost_only_child', 'severely_disabled', 'empty_nest', 'left_behind_child'],
      unknown: [],
    });
    expect(parseTags('低保、低收入、xx')).toEqual({ codes: ['low_income'], unknown: ['xx'] });
    expect(parseTags('')).toEqual({ codes: [], unknown: [] });
  });
  it('reads political status and yes/no', () => {
    expect(['党员', '中共预备党员', 'YES', 'true', '是', ''].map(partyMember)).toEqual([true, true, true, true, true, false]);
    expect(['群众', '共青团员', '民革党员', 'no', '否'].map(partyMember)).toEqual([false, false, false, false, false]);
    expect(partyMember('也许')).toBeNull();
  });
  it('reads ethnic groups and phones', () => {
    expect(['', '汉', '汉族', '维吾尔', '其他'].map(ethnicity)).toEqual(['汉族', '汉族', '汉族', '维吾尔族', '其他']);
    expect(ethnicity('火星族')).toBeNull();
    expect(['138 0000 1234', '+86 13800001234', '86-138-0000-1234', '024-12345678', '02412345678', '0411-8765432-12'].map(normalisePhone)).toEqual([
      '13800001234', '13800001234', '13800001234', '024-12345678', '024-12345678', '0411-8765432-12',
    ]);
    expect(['12345', '12800001234', '1380000123', 'abc'].map(normalisePhone)).toEqual([null, null, null, null]);
  });
});

describe('row checks', () => {
  it('derives gender and birth date and keeps the clean values', async () => {
    const rows = await readTable(csvFile([ZH_HEADERS, ...residentRows(3, 'G', { prefix: 'U' })]), 'a.csv');
    const { header } = mapHeaders(rows);
    const { residents, problems } = validateRows(rows, header);
    expect(problems).toEqual([]);
    expect(residents[0]).toMatchObject({ row: 2, idNumber: testId(0), birthDate: `1950-06-01`, relation: 'head', tags: ['elderly_alone', 'low_income'], isPartyMember: true });
    expect(residents[1]).toMatchObject({ relation: 'spouse', tags: [], isPartyMember: false, phone: '13900000001' });
  });
  it('accepts a lower-case x check character and stores it upper-case', async () => {
    const id = ['11010519491231002x', '11010519491231002X'];
    const row = residentRows(1, 'G')[0]!;
    row[4] = id[0]!;
    const rows = await readTable(csvFile([ZH_HEADERS, row]), 'a.csv');
    const { residents, problems } = validateRows(rows, mapHeaders(rows).header);
    expect(problems).toEqual([]);
    expect(residents[0]!.idNumber).toBe(id[1]);
  });
});

describe('small helpers', () => {
  it('finds the lowest common node path', () => {
    expect(commonAncestor(['/1/2/5/', '/1/2/7/'])).toBe('/1/2/');
    expect(commonAncestor(['/1/2/5/'])).toBe('/1/2/5/');
    expect(commonAncestor(['/1/12/', '/1/2/'])).toBe('/1/');
    expect(commonAncestor(['/1/', '/3/'])).toBe('/');
  });
  it('finds a room by unit-room or by a unique room number', () => {
    const houses = [
      { id: 1, unit_no: '1', room_no: '301' },
      { id: 2, unit_no: '2', room_no: '301' },
      { id: 3, unit_no: '2', room_no: '502' },
    ];
    expect(findHouse(houses, '2-301')?.id).toBe(2);
    expect(findHouse(houses, '1单元301室')?.id).toBe(1);
    expect(findHouse(houses, '502')?.id).toBe(3);
    expect(findHouse(houses, '301')).toBeNull();
    expect(findHouse(houses, '3-301')).toBeNull();
  });
  it('encodes a Chinese download name per RFC 5987 with an ASCII fallback', () => {
    expect(contentDisposition('错误报告 (1).csv')).toBe(`attachment; filename="____ (1).csv"; filename*=UTF-8''%E9%94%99%E8%AF%AF%E6%8A%A5%E5%91%8A%20%281%29.csv`);
  });
  it('writes CSV with a BOM and defuses formulas', () => {
    expect(toCsv([['=1+1', 'a,b', 'say "hi"']]).toString('utf8')).toBe('\ufeff\'=1+1,"a,b","say ""hi"""\r\n');
  });
  it('fills node names and column headers in the chosen language', () => {
    expect(problemMessage('GRID_NOT_UNDER_NODE', 'en', { value: 'G9', nodeZh: '东明社区', nodeEn: 'Dongming Community' })).toBe('The grid "G9" is not under "Dongming Community", chosen for this import');
    expect(problemMessage('MISSING_COLUMN', 'zh-CN', { field: 'name' })).toBe('缺少必填列“姓名”（也可写作：name）');
    expect(problemMessage('NO_SUCH_CODE', 'en')).toBe('NO_SUCH_CODE');
  });
});
