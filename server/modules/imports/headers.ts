/** Finds the header row of a residents file and maps its columns to fields (Chinese or English headers). */
import { IMPORT_COLUMNS, type ImportField } from '../../../common/contracts/imports.js';
import type { SheetRow } from './file-reader.js';
import type { RowProblem } from './validators.js';

/** Compares headers without case, spaces, underscores, hyphens, required-markers or bracket styles. */
export function headerKey(text: string): string {
  return text
    .toLowerCase()
    .replace(/（/g, '(')
    .replace(/）/g, ')')
    .replace(/[\s_\-*＊:：]/g, '');
}

const fieldByHeader = new Map<string, ImportField>();
for (const c of IMPORT_COLUMNS) {
  for (const h of [c.field, c.header['zh-CN'], c.header.en, ...c.aliases]) fieldByHeader.set(headerKey(h), c.field);
}

/** The field a header names, or null for a column the import ignores (e.g. 序号). */
export function fieldOf(header: string): ImportField | null {
  return fieldByHeader.get(headerKey(header)) ?? null;
}

export interface HeaderMap {
  /** The header row's number in the file. */
  row: number;
  /** Column index of each field present. */
  index: Partial<Record<ImportField, number>>;
  /** The header text as written in the file, per field. */
  text: Partial<Record<ImportField, string>>;
}

const HEADER_SEARCH_ROWS = 10;

/**
 * The header row is the first of the first ten rows naming at least two known columns (a title row above
 * it is allowed); else the first row. Missing required and repeated columns are file-level problems.
 */
export function mapHeaders(rows: SheetRow[]): { header: HeaderMap; problems: RowProblem[] } {
  const candidate =
    rows.slice(0, HEADER_SEARCH_ROWS).find((r) => new Set(r.cells.map(fieldOf).filter(Boolean)).size >= 2) ?? rows[0]!;
  const header: HeaderMap = { row: candidate.row, index: {}, text: {} };
  const problems: RowProblem[] = [];
  candidate.cells.forEach((cell, i) => {
    const field = fieldOf(cell);
    if (!field) return;
    if (header.index[field] !== undefined) {
      problems.push({ row: candidate.row, column: cell, code: 'DUPLICATE_COLUMN', value: cell, params: { value: cell } });
      return;
    }
    header.index[field] = i;
    header.text[field] = cell;
  });
  for (const c of IMPORT_COLUMNS) {
    if (c.required && header.index[c.field] === undefined) {
      problems.push({ row: candidate.row, column: '', code: 'MISSING_COLUMN', value: '', params: { field: c.field } });
    }
  }
  return { header, problems };
}
