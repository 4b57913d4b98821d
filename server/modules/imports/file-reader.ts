/**
 * Reads an uploaded CSV or XLSX file into rows of trimmed text cells, keeping each row's number as the
 * user sees it (the first line or spreadsheet row is 1). Knows nothing about residents.
 */
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { parse as parseCsv } from 'csv-parse/sync';
import type { BrokenReason } from '../../../common/contracts/imports.js';

export interface SheetRow {
  /** The row number in the file (1-based, empty rows counted). */
  row: number;
  cells: string[];
  /** Indexes of cells that the spreadsheet stored as numbers. */
  numeric: number[];
}

export type FileProblemCode = 'IMPORT_FILE_TYPE' | 'IMPORT_FILE_BROKEN' | 'IMPORT_FILE_EMPTY';

/** A file that cannot be read as a table at all. */
export class FileProblem extends Error {
  constructor(
    readonly code: FileProblemCode,
    readonly reason?: BrokenReason,
    readonly params: Record<string, string | number> = {},
  ) {
    super(reason ? `${code}: ${reason}` : code);
  }
}

const SIGNATURES: [string, number[]][] = [
  ['zip', [0x50, 0x4b, 0x03, 0x04]],
  ['zip-empty', [0x50, 0x4b, 0x05, 0x06]],
  ['ole', [0xd0, 0xcf, 0x11, 0xe0]], // legacy .xls / .doc
  ['png', [0x89, 0x50, 0x4e, 0x47]],
  ['jpeg', [0xff, 0xd8, 0xff]],
  ['gif', [0x47, 0x49, 0x46, 0x38]],
  ['pdf', [0x25, 0x50, 0x44, 0x46]],
  ['gzip', [0x1f, 0x8b]],
  ['rar', [0x52, 0x61, 0x72, 0x21]],
  ['7z', [0x37, 0x7a, 0xbc, 0xaf]],
];

/** The binary container a file starts with, if any. */
export function sniff(buf: Uint8Array): string | null {
  for (const [name, sig] of SIGNATURES) if (sig.every((b, i) => buf[i] === b)) return name;
  return null;
}

/** The lower-case extension of a file name ('' when none). */
export function extensionOf(filename: string): string {
  const m = /\.([A-Za-z0-9]+)$/.exec(filename.trim());
  return m ? m[1]!.toLowerCase() : '';
}

/** Reads a CSV or XLSX file into rows; throws FileProblem when it is of another kind or unreadable. */
export async function readTable(buf: Buffer, filename: string): Promise<SheetRow[]> {
  const ext = extensionOf(filename);
  if (ext !== 'csv' && ext !== 'xlsx') throw new FileProblem('IMPORT_FILE_TYPE');
  if (buf.length === 0) throw new FileProblem('IMPORT_FILE_EMPTY');
  const kind = sniff(buf);
  let rows: SheetRow[];
  if (ext === 'xlsx') {
    if (kind !== 'zip' && kind !== 'zip-empty') throw kind && kind !== 'gzip' ? new FileProblem('IMPORT_FILE_TYPE') : new FileProblem('IMPORT_FILE_BROKEN', 'not_zip');
    rows = await readXlsx(buf);
  } else {
    if (kind) throw new FileProblem('IMPORT_FILE_TYPE');
    rows = readCsv(decodeText(buf));
  }
  if (rows.length === 0) throw new FileProblem('IMPORT_FILE_EMPTY');
  return rows;
}

/**
 * Decodes CSV bytes: a BOM decides (UTF-8, UTF-16); otherwise strict UTF-8, falling back to GB18030
 * (a superset of GBK, what Excel on a Chinese Windows writes). Binary content is refused.
 */
export function decodeText(buf: Buffer): string {
  let text: string;
  if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) text = utf8(buf.subarray(3)) ?? '\ufffd';
  else if (buf[0] === 0xff && buf[1] === 0xfe) text = buf.subarray(2).toString('utf16le');
  else if (buf[0] === 0xfe && buf[1] === 0xff) text = iconv.decode(buf.subarray(2), 'utf16-be');
  else text = utf8(buf) ?? iconv.decode(buf, 'gb18030');
  // Control characters other than tab and line breaks, or undecodable bytes: not a text file.
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffd]/.test(text)) throw new FileProblem('IMPORT_FILE_BROKEN', 'binary');
  return text;
}

function utf8(buf: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(buf);
  } catch {
    return null;
  }
}

/** Trims a cell, including full-width and zero-width spaces. */
export function clean(text: string): string {
  return text.replace(/[\u200b-\u200d\u2060\ufeff]/g, '').trim();
}

/** The delimiter of a CSV text: the most frequent of comma, semicolon and tab in its first line. */
function delimiterOf(text: string): string {
  const first = text.slice(0, text.search(/\r?\n|$/));
  let best = ',';
  let most = 0;
  for (const d of [',', ';', '\t']) {
    const n = first.split(d).length - 1;
    if (n > most) [best, most] = [d, n];
  }
  return best;
}

function readCsv(text: string): SheetRow[] {
  let records: string[][];
  try {
    records = parseCsv(text, { delimiter: delimiterOf(text), relax_column_count: true, relax_quotes: true, skip_empty_lines: false, record_delimiter: ['\r\n', '\n', '\r'] });
  } catch (e) {
    throw new FileProblem('IMPORT_FILE_BROKEN', 'csv_syntax', { line: (e as { lines?: number }).lines ?? '?' });
  }
  const rows: SheetRow[] = [];
  records.forEach((rec, i) => {
    const cells = rec.map(clean);
    if (cells.some((c) => c !== '')) rows.push({ row: i + 1, cells, numeric: [] });
  });
  return rows;
}

async function readXlsx(buf: Buffer): Promise<SheetRow[]> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
  } catch {
    throw new FileProblem('IMPORT_FILE_BROKEN', 'zip_broken');
  }
  const ws = wb.worksheets[0];
  if (!ws) throw new FileProblem('IMPORT_FILE_BROKEN', 'no_sheet');
  const rows: SheetRow[] = [];
  ws.eachRow({ includeEmpty: false }, (r, rowNumber) => {
    const cells: string[] = [];
    const numeric: number[] = [];
    r.eachCell({ includeEmpty: true }, (cell, col) => {
      const { text, isNumber } = cellText(cell.value);
      cells[col - 1] = clean(text);
      if (isNumber) numeric.push(col - 1);
    });
    for (let i = 0; i < cells.length; i++) cells[i] ??= '';
    if (cells.some((c) => c !== '')) rows.push({ row: rowNumber, cells, numeric });
  });
  return rows;
}

/** The text of a spreadsheet cell, whatever it holds (number, date, rich text, formula, hyperlink). */
export function cellText(v: ExcelJS.CellValue | undefined): { text: string; isNumber: boolean } {
  if (v == null) return { text: '', isNumber: false };
  if (typeof v === 'string') return { text: v, isNumber: false };
  if (typeof v === 'number') return { text: Number.isInteger(v) ? BigInt(Math.round(v)).toString() : String(v), isNumber: true };
  if (typeof v === 'boolean') return { text: v ? 'TRUE' : 'FALSE', isNumber: false };
  if (v instanceof Date) return { text: isNaN(v.getTime()) ? '' : v.toISOString().slice(0, 10), isNumber: false };
  if ('richText' in v && Array.isArray(v.richText)) return { text: v.richText.map((t) => t.text).join(''), isNumber: false };
  if ('formula' in v || 'sharedFormula' in v) return cellText((v as { result?: ExcelJS.CellValue }).result);
  if ('hyperlink' in v) return cellText((v as { text?: ExcelJS.CellValue }).text);
  if ('error' in v) return { text: String(v.error), isNumber: false };
  return { text: '', isNumber: false };
}
