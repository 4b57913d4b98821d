/** Test helpers: real residents files (CSV in several encodings, XLSX) and multipart bodies built by hand. */
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { makeIdNumber } from '../../../common/id-number.js';

export const ZH_HEADERS = ['网格编码', '户编号', '地址', '姓名', '公民身份号码', '与户主关系', '联系电话', '民族', '人员标签', '政治面貌', '健康状况', '残疾情况', '收入情况'];
export const EN_HEADERS = ['grid_code', 'household_no', 'address', 'name', 'id_number', 'relation', 'phone', 'ethnicity', 'tags', 'is_party_member', 'health', 'disability', 'income'];

/** A valid ID number that the test fixture does not use (area 110105, born in 1950–1999). */
export function testId(i: number): string {
  const year = 1950 + (i % 50);
  const day = 1 + (Math.floor(i / 50) % 28);
  return makeIdNumber('110105', `${year}-06-${String(day).padStart(2, '0')}`, Math.floor(i / 1400));
}

/** n valid rows in a grid: households of three (head, spouse, child). */
export function residentRows(n: number, gridCode: string, opts: { prefix?: string; offset?: number } = {}): string[][] {
  const prefix = opts.prefix ?? 'T';
  const offset = opts.offset ?? 0;
  const rows: string[][] = [];
  for (let i = 0; i < n; i++) {
    const k = i + offset;
    const hh = Math.floor(k / 3);
    const relation = ['户主', '配偶', '子女'][k % 3]!;
    rows.push([
      gridCode,
      `${prefix}-${hh}`,
      `平山区测试路${hh}号`,
      `居民${k}`,
      testId(k),
      relation,
      `139${String(k).padStart(8, '0')}`,
      '汉族',
      k % 3 === 0 ? '独居老人、low_income' : '',
      k % 5 === 0 ? '中共党员' : '群众',
      '',
      '',
      '',
    ]);
  }
  return rows;
}

function csvField(v: string): string {
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** CSV text of a table. */
export function csvText(rows: string[][]): string {
  return rows.map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}

/** A CSV file in UTF-8 (optionally with a BOM) or GBK. */
export function csvFile(rows: string[][], encoding: 'utf8' | 'utf8-bom' | 'gbk' = 'utf8'): Buffer {
  const text = csvText(rows);
  if (encoding === 'gbk') return iconv.encode(text, 'gbk');
  return Buffer.from((encoding === 'utf8-bom' ? '\ufeff' : '') + text, 'utf8');
}

/** An XLSX file whose first sheet holds the rows (numbers stay numbers). */
export async function xlsxFile(rows: (string | number | null)[][], extraSheets: string[] = []): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('居民');
  for (const r of rows) ws.addRow(r);
  for (const name of extraSheets) wb.addWorksheet(name).addRow(['other sheet']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The smallest valid PNG (1×1). */
export const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

export { multipart, upload, type Part } from '../../test/multipart.js';
