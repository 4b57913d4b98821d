/** Tables as downloadable files: CSV (UTF-8 with BOM, formula-safe) or XLSX, and the download header. */
import ExcelJS from 'exceljs';

export type FileFormat = 'csv' | 'xlsx';

export interface OutputFile {
  filename: string;
  contentType: string;
  body: Buffer;
}

export const CONTENT_TYPES: Record<FileFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** A Content-Disposition header for a download: an ASCII fallback plus the RFC 5987 UTF-8 name. */
export function contentDisposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename).replace(/['()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase())}`;
}

/** Quotes a CSV field, and defuses text a spreadsheet would run as a formula. */
function csvField(v: string | number): string {
  let s = String(v);
  if (/^[=+\-@\t\r]/.test(s)) s = "'" + s;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** CSV text in UTF-8 with a BOM (so that Excel reads the Chinese) and CRLF line ends. */
export function toCsv(rows: (string | number)[][]): Buffer {
  return Buffer.from('\ufeff' + rows.map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n', 'utf8');
}

export interface SheetSpec {
  name: string;
  rows: (string | number)[][];
  widths: number[];
  /** Format every column as text, so that Excel keeps ID numbers and codes as typed. */
  textColumns?: boolean;
}

/** An XLSX workbook with a bold, frozen header row on each sheet. */
export async function toXlsx(sheets: SheetSpec[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Gongzhi';
  for (const spec of sheets) {
    const ws = wb.addWorksheet(spec.name, { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = spec.widths.map((width) => ({ width, ...(spec.textColumns && { style: { numFmt: '@' } }) }));
    for (const r of spec.rows) ws.addRow(r);
    ws.getRow(1).font = { bold: true };
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

