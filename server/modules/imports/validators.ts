/**
 * Checks every row of a residents file on its own and against the other rows of the file, collecting all
 * problems (pure: the checks against the database are in references.ts).
 */
import type { ImportField, ImportProblem } from '../../../common/contracts/imports.js';
import { idNumberProblem, idNumberFacts } from '../../../common/id-number.js';
import { maskValue } from '../../../common/mask.js';
import type { SheetRow } from './file-reader.js';
import type { HeaderMap } from './headers.js';
import { ethnicity, normalisePhone, parseTags, partyMember, relationCode } from './vocab.js';

export interface RowProblem {
  row: number;
  /** The column's header as written in the file ('' for the file as a whole). */
  column: string;
  code: ImportProblem;
  /** The offending value as the report shows it (ID numbers and phones masked). */
  value: string;
  params?: Record<string, string | number>;
}

export interface ResidentRow {
  row: number;
  gridCode: string;
  householdNo: string;
  address: string;
  name: string;
  idNumber: string;
  gender: 'M' | 'F';
  birthDate: string;
  relation: string;
  /** The relation as written in the file. */
  relationText: string;
  phone: string | null;
  ethnicity: string;
  tags: string[];
  isPartyMember: boolean;
  health: string | null;
  disability: string | null;
  income: string | null;
  buildingCode: string | null;
  room: string | null;
  /** Fields of this row that failed a check (later checks skip them). */
  bad: Set<ImportField>;
}

const MAX: Partial<Record<ImportField, number>> = {
  grid_code: 40,
  household_no: 40,
  address: 200,
  name: 50,
  health: 200,
  disability: 200,
  income: 200,
  building_code: 40,
  room: 20,
};

/** The value a report may show: ID numbers and phones masked, long text cut. */
export function shown(field: ImportField | null, raw: string): string {
  if (field === 'id_number') return maskValue('idNumber', raw) ?? '';
  if (field === 'phone') return maskValue('phone', raw) ?? '';
  return [...raw].length > 100 ? [...raw].slice(0, 100).join('') + '…' : raw;
}

/** A text without any whitespace (addresses compare this way). */
export const compact = (s: string) => s.replace(/\s+/g, '');

/** Checks every data row (rows after the header) and the file's cross-row rules. */
export function validateRows(rows: SheetRow[], header: HeaderMap): { residents: ResidentRow[]; problems: RowProblem[] } {
  const problems: RowProblem[] = [];
  const residents: ResidentRow[] = [];
  for (const sheetRow of rows) {
    if (sheetRow.row <= header.row) continue;
    residents.push(validateRow(sheetRow, header, problems));
  }
  checkDuplicateIds(residents, header, problems);
  checkHouseholds(residents, header, problems);
  return { residents, problems };
}

function validateRow(r: SheetRow, header: HeaderMap, problems: RowProblem[]): ResidentRow {
  const bad = new Set<ImportField>();
  const cell = (f: ImportField) => {
    const i = header.index[f];
    return i === undefined ? '' : (r.cells[i] ?? '');
  };
  const report = (f: ImportField, code: ImportProblem, params?: Record<string, string | number>, raw = cell(f)) => {
    bad.add(f);
    problems.push({ row: r.row, column: header.text[f] ?? '', code, value: shown(f, raw), ...(params && { params }) });
  };
  const text = (f: ImportField, required: boolean): string => {
    const v = cell(f);
    if (v === '') {
      if (required) report(f, 'REQUIRED');
      return v;
    }
    const max = MAX[f];
    if (max && [...v].length > max) report(f, 'TOO_LONG', { max });
    return v;
  };

  const gridCode = text('grid_code', true);
  const householdNo = text('household_no', true);
  const address = text('address', true);
  const name = text('name', true);

  let idNumber = cell('id_number').toUpperCase();
  let facts: { birthDate: string; gender: 'M' | 'F' } = { birthDate: '', gender: 'M' };
  const idIndex = header.index.id_number!;
  if (idNumber === '') report('id_number', 'REQUIRED');
  else if (r.numeric.includes(idIndex) || /^\d+(\.\d+)?E\+?\d+$/.test(idNumber)) report('id_number', 'ID_NUMERIC_CELL');
  else {
    const problem = idNumberProblem(idNumber);
    if (problem) report('id_number', problem === 'format' ? 'ID_FORMAT' : problem === 'birth_date' ? 'ID_BIRTH_DATE' : 'ID_CHECKSUM');
    else facts = idNumberFacts(idNumber);
  }
  if (bad.has('id_number')) idNumber = '';

  const relationCell = text('relation', true);
  const relation = relationCell === '' ? '' : relationCode(relationCell);
  if (relation === null) report('relation', 'RELATION_UNKNOWN', { value: relationCell });

  const phoneCell = cell('phone');
  const phone = phoneCell === '' ? null : normalisePhone(phoneCell);
  if (phoneCell !== '' && phone === null) report('phone', 'PHONE_FORMAT');

  const ethnicityCell = cell('ethnicity');
  const ethnic = ethnicity(ethnicityCell);
  if (ethnic === null) report('ethnicity', 'ETHNICITY_UNKNOWN', { value: ethnicityCell });

  const tags = parseTags(cell('tags'));
  for (const tag of tags.unknown) report('tags', 'TAG_UNKNOWN', { tag });

  const partyCell = cell('is_party_member');
  const party = partyMember(partyCell);
  if (party === null) report('is_party_member', 'PARTY_VALUE', { value: partyCell });

  const buildingCode = text('building_code', false) || null;
  const room = text('room', false) || null;
  if (room && !buildingCode && !bad.has('room')) report('room', 'ROOM_NEEDS_BUILDING');

  return {
    row: r.row,
    gridCode,
    householdNo,
    address,
    name,
    idNumber,
    ...facts,
    relation: relation ?? '',
    relationText: relationCell,
    phone,
    ethnicity: ethnic ?? '',
    tags: tags.codes,
    isPartyMember: party ?? false,
    health: text('health', false) || null,
    disability: text('disability', false) || null,
    income: text('income', false) || null,
    buildingCode,
    room,
    bad,
  };
}

/** Both rows of a repeated ID number are reported, each pointing at the other. */
function checkDuplicateIds(residents: ResidentRow[], header: HeaderMap, problems: RowProblem[]) {
  const first = new Map<string, ResidentRow>();
  const reported = new Set<ResidentRow>();
  const dup = (r: ResidentRow, otherRow: number) => {
    r.bad.add('id_number');
    problems.push({ row: r.row, column: header.text.id_number ?? '', code: 'ID_DUPLICATE_IN_FILE', value: shown('id_number', r.idNumber), params: { otherRow } });
  };
  for (const r of residents) {
    if (!r.idNumber) continue;
    const seen = first.get(r.idNumber);
    if (!seen) {
      first.set(r.idNumber, r);
      continue;
    }
    if (!reported.has(seen)) {
      reported.add(seen);
      dup(seen, r.row);
    }
    dup(r, seen.row);
  }
}

const HOUSEHOLD_FIELDS = [
  ['grid_code', (r: ResidentRow) => r.gridCode],
  ['address', (r: ResidentRow) => compact(r.address)],
  ['building_code', (r: ResidentRow) => r.buildingCode ?? ''],
  ['room', (r: ResidentRow) => r.room ?? ''],
] as const;

/** Rows of one household must agree on grid, address, building and room, and have at most one head. */
function checkHouseholds(residents: ResidentRow[], header: HeaderMap, problems: RowProblem[]) {
  const byHousehold = new Map<string, ResidentRow[]>();
  for (const r of residents) {
    if (!r.householdNo || r.bad.has('household_no')) continue;
    const list = byHousehold.get(r.householdNo);
    if (list) list.push(r);
    else byHousehold.set(r.householdNo, [r]);
  }
  for (const [household, members] of byHousehold) {
    if (members.length < 2) continue;
    for (const [field, valueOf] of HOUSEHOLD_FIELDS) {
      const ref = members.find((m) => valueOf(m) !== '' && !m.bad.has(field));
      if (!ref) continue;
      for (const m of members) {
        if (m === ref || m.bad.has(field) || valueOf(m) === '' || valueOf(m) === valueOf(ref)) continue;
        m.bad.add(field);
        const raw = field === 'grid_code' ? m.gridCode : field === 'address' ? m.address : field === 'building_code' ? m.buildingCode! : m.room!;
        problems.push({ row: m.row, column: header.text[field] ?? '', code: 'HOUSEHOLD_INCONSISTENT', value: shown(field, raw), params: { household, firstRow: ref.row } });
      }
    }
    const heads = members.filter((m) => m.relation === 'head');
    for (const h of heads.slice(1)) {
      h.bad.add('relation');
      problems.push({ row: h.row, column: header.text.relation ?? '', code: 'HOUSEHOLD_TWO_HEADS', value: shown('relation', h.relationText), params: { otherRow: heads[0]!.row } });
    }
  }
}
