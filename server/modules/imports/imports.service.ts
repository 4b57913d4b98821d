/**
 * Use cases of the imports module: import a residents file all-or-nothing, read jobs, download reports
 * and the template. Parsing and every check run before the (short) write transaction.
 */
import type { Kysely } from 'kysely';
import type { DB, ImportRowError } from '../../platform/db/schema.js';
import { AppError, notFound } from '../../platform/http/errors.js';
import { audit, type AuditContext } from '../../platform/audit/index.js';
import { authorize, can, scopePaths, type Actor } from '../../platform/authz/index.js';
import { isUniqueViolation } from '../../platform/db/index.js';
import { documentTokens } from '../../../common/search-tokens.js';
import { format, type Locale } from '../../../common/i18n/errors.js';
import {
  IMPORT_BROKEN_REASONS,
  IMPORT_ERRORS_IN_RESPONSE,
  IMPORT_ROW_LIMIT,
  IMPORT_STORED_ERROR_LIMIT,
  problemMessage,
  type ImportField,
  type ImportProblemView,
} from '../../../common/contracts/imports.js';
import { FileProblem, readTable } from './file-reader.js';
import { mapHeaders, type HeaderMap } from './headers.js';
import { validateRows, type ResidentRow, type RowProblem } from './validators.js';
import { checkReferences, type ImportScope, type Placement } from './references.js';
import { reportFile, templateFile, type FileFormat } from './report-writer.js';
import * as repo from './imports.repository.js';

export interface ImportInput {
  buffer: Buffer;
  filename: string;
  /** Null for a system import (command line): full scope. */
  actor: Actor | null;
  /** The node the upload is for (HTTP: an id the actor may import on; command line: a code). */
  node?: { id: number } | { code: string };
  /** The language of file-level messages. */
  locale: Locale;
  ip: string | null;
}

export type ImportOutcome =
  | { status: 'completed'; jobId: number; rows: number; households: number; newHouseholds: number; residents: number }
  | { status: 'rejected'; jobId: number; rows: number; errorCount: number; errors: ImportRowError[] };

/** Imports a residents file: either every row is written, or nothing is and a rejected job holds the problems. */
export async function importResidents(db: Kysely<DB>, input: ImportInput): Promise<ImportOutcome> {
  const node = input.node ? await resolveNode(db, input.actor, input.node) : null;
  const scope: ImportScope = { paths: input.actor ? scopePaths(input.actor, 'people.import') : ['/'], node };
  if (scope.paths.length === 0) throw new AppError(403, 'FORBIDDEN');

  const rows = await readFile(input);
  const { header, problems: headerProblems } = mapHeaders(rows);
  const dataRows = rows.filter((r) => r.row > header.row);
  if (dataRows.length === 0) throw new AppError(422, 'IMPORT_FILE_EMPTY');
  if (dataRows.length > IMPORT_ROW_LIMIT) throw new AppError(422, 'IMPORT_TOO_MANY_ROWS', { rows: dataRows.length, limit: IMPORT_ROW_LIMIT });
  const base = { db, input, header, rowCount: dataRows.length, scope, node };
  if (headerProblems.length) return reject({ ...base, problems: headerProblems, gridPaths: [] });

  const { residents, problems } = validateRows(rows, header);
  const ok = (r: ResidentRow, f: ImportField) => !r.bad.has(f);
  const lookups = await repo.loadLookups(db, {
    gridCodes: unique(residents.filter((r) => r.gridCode && ok(r, 'grid_code')).map((r) => r.gridCode)),
    idNumbers: unique(residents.filter((r) => r.idNumber && ok(r, 'id_number')).map((r) => r.idNumber)),
    householdNos: unique(residents.filter((r) => r.householdNo && ok(r, 'household_no')).map((r) => r.householdNo)),
    buildingCodes: unique(residents.filter((r) => r.buildingCode && ok(r, 'building_code')).map((r) => r.buildingCode!)),
  });
  const refs = checkReferences(residents, header, lookups, scope);
  const gridPaths = unique([...refs.placements.keys()].map((r) => lookups.grids.get(r.gridCode)!.path));
  const all = [...problems, ...refs.problems];
  if (all.length) return reject({ ...base, problems: all, gridPaths });
  return write({ ...base, residents, placements: refs.placements, existing: lookups.households, gridPaths });
}

const unique = <T>(xs: T[]) => [...new Set(xs)];

async function resolveNode(db: Kysely<DB>, actor: Actor | null, by: { id: number } | { code: string }) {
  const node = await repo.findAdminNode(db, by);
  if (!node || !node.active) throw notFound();
  if (actor) authorize(actor, 'people.import', node.path);
  return node;
}

async function readFile(input: ImportInput) {
  try {
    return await readTable(input.buffer, input.filename);
  } catch (e) {
    if (!(e instanceof FileProblem)) throw e;
    const reason = e.reason ? format(IMPORT_BROKEN_REASONS[e.reason][input.locale], e.params) : '';
    throw new AppError(422, e.code, { reason });
  }
}

interface Context {
  db: Kysely<DB>;
  input: ImportInput;
  header: HeaderMap;
  rowCount: number;
  scope: ImportScope;
  node: { id: number; path: string } | null;
  gridPaths: string[];
}

/** The node a job belongs to: the chosen node, else the lowest node above every grid named, else the uploader's scope. */
async function jobNodeId(ctx: Context): Promise<number> {
  if (ctx.node) return ctx.node.id;
  const path = ctx.gridPaths.length ? commonAncestor(ctx.gridPaths) : ctx.input.actor ? ctx.scope.paths[0]! : null;
  const found = path && path !== '/' ? await repo.findNodeByPath(ctx.db, path) : await repo.findAdminRoot(ctx.db);
  if (!found) throw new Error('the organisation tree has no root node');
  return found.id;
}

/** The deepest path both above (or at) every given path, e.g. /1/2/5/ and /1/2/7/ → /1/2/. */
export function commonAncestor(paths: string[]): string {
  const split = paths.map((p) => p.split('/').filter(Boolean));
  const out: string[] = [];
  for (let i = 0; split.every((s) => i < s.length && s[i] === split[0]![i]); i++) out.push(split[0]![i]!);
  return '/' + out.map((s) => s + '/').join('');
}

/** Orders problems as the file reads: by row, then by column position. */
function ordered(problems: RowProblem[], header: HeaderMap): ImportRowError[] {
  const position = new Map<string, number>();
  for (const [field, text] of Object.entries(header.text)) position.set(text!, header.index[field as keyof HeaderMap['index']]!);
  return problems
    .map((p, i) => ({ p, i }))
    .sort((a, b) => a.p.row - b.p.row || (position.get(a.p.column) ?? -1) - (position.get(b.p.column) ?? -1) || a.i - b.i)
    .map(({ p }) => ({ row: p.row, column: p.column, code: p.code, value: p.value, ...(p.params && { params: p.params }) }));
}

async function reject(ctx: Context & { problems: RowProblem[] }): Promise<ImportOutcome> {
  const errors = ordered(ctx.problems, ctx.header);
  const nodeId = await jobNodeId(ctx);
  const stored = errors.slice(0, IMPORT_STORED_ERROR_LIMIT);
  const jobId = await ctx.db.transaction().execute(async (tx) => {
    const id = await repo.insertJob(tx, {
      filename: ctx.input.filename,
      status: 'rejected',
      row_count: ctx.rowCount,
      error_count: errors.length,
      errors: stored,
      node_id: nodeId,
      created_by: ctx.input.actor?.userId ?? null,
      household_count: 0,
      resident_count: 0,
    });
    await audit(tx, auditOf(ctx.input), {
      action: 'people.import_rejected',
      entity: 'import_job',
      entityId: id,
      nodeId,
      detail: { filename: ctx.input.filename, rows: ctx.rowCount, errors: errors.length },
    });
    return id;
  });
  return { status: 'rejected', jobId, rows: ctx.rowCount, errorCount: errors.length, errors: stored };
}

const auditOf = (input: ImportInput): AuditContext => ({ actor: input.actor, ip: input.ip });

async function write(
  ctx: Context & { residents: ResidentRow[]; placements: Map<ResidentRow, Placement>; existing: Map<string, { id: number; address: string }> },
): Promise<ImportOutcome> {
  // Everything is prepared before the transaction opens: it only inserts.
  const newHouseholds = new Map<string, repo.NewHousehold>();
  for (const r of ctx.residents) {
    const place = ctx.placements.get(r)!;
    if (ctx.existing.has(r.householdNo)) continue;
    const h = newHouseholds.get(r.householdNo);
    if (!h) newHouseholds.set(r.householdNo, { household_no: r.householdNo, grid_id: place.gridId, address: r.address, house_id: place.houseId });
    else if (h.house_id === null && place.houseId !== null) h.house_id = place.houseId;
  }
  const nodeId = await jobNodeId(ctx);
  const households = unique(ctx.residents.map((r) => r.householdNo)).length;
  try {
    const jobId = await ctx.db.transaction().execute(async (tx) => {
      const ids = await repo.insertHouseholds(tx, [...newHouseholds.values()]);
      await repo.insertResidents(
        tx,
        ctx.residents.map((r) => {
          const existing = ctx.existing.get(r.householdNo);
          return {
            household_id: existing?.id ?? ids.get(r.householdNo)!,
            grid_id: ctx.placements.get(r)!.gridId,
            name: r.name,
            gender: r.gender,
            birth_date: r.birthDate,
            id_number: r.idNumber,
            phone: r.phone,
            ethnicity: r.ethnicity,
            relation: r.relation,
            tags: r.tags,
            is_party_member: r.isPartyMember,
            health: r.health,
            disability: r.disability,
            income: r.income,
            search_tokens: documentTokens(r.name, existing?.address ?? r.address),
          };
        }),
      );
      const id = await repo.insertJob(tx, {
        filename: ctx.input.filename,
        status: 'completed',
        row_count: ctx.rowCount,
        error_count: 0,
        errors: [],
        node_id: nodeId,
        created_by: ctx.input.actor?.userId ?? null,
        household_count: households,
        resident_count: ctx.residents.length,
      });
      await audit(tx, auditOf(ctx.input), {
        action: 'people.import',
        entity: 'import_job',
        entityId: id,
        nodeId,
        detail: { filename: ctx.input.filename, rows: ctx.rowCount, households, newHouseholds: newHouseholds.size, residents: ctx.residents.length },
      });
      return id;
    });
    return { status: 'completed', jobId, rows: ctx.rowCount, households, newHouseholds: newHouseholds.size, residents: ctx.residents.length };
  } catch (e) {
    // Someone registered one of these ID numbers or household numbers since the checks ran.
    if (isUniqueViolation(e)) throw new AppError(409, 'CONFLICT');
    throw e;
  }
}

/** Problems with their messages in a language. */
export function presentProblems(errors: ImportRowError[], locale: Locale): ImportProblemView[] {
  return errors.map((e) => ({ row: e.row, column: e.column, code: e.code, value: e.value ?? '', message: problemMessage(e.code, locale, e.params) }));
}

type JobRow = NonNullable<Awaited<ReturnType<typeof repo.findJob>>>;

function presentJob(j: Omit<JobRow, 'errors'>) {
  return {
    id: j.id,
    kind: j.kind,
    filename: j.filename,
    status: j.status,
    rows: j.row_count,
    errorCount: j.error_count,
    households: j.household_count,
    residents: j.resident_count,
    node: { id: j.node_id, code: j.node_code, nameZh: j.node_name_zh, nameEn: j.node_name_en },
    createdBy: j.created_by === null ? null : { id: j.created_by, displayName: j.creator_name },
    createdAt: j.created_at,
  };
}

/** A job the actor created, or one on a node where the actor may import; else 404. */
async function visibleJob(db: Kysely<DB>, actor: Actor, id: number): Promise<JobRow> {
  const job = await repo.findJob(db, id);
  if (!job || (job.created_by !== actor.userId && !can(actor, 'people.import', job.node_path))) throw notFound();
  return job;
}

/** A job's summary with its first problems in the caller's language. */
export async function getJob(db: Kysely<DB>, actor: Actor, id: number, locale: Locale) {
  const job = await visibleJob(db, actor, id);
  return { ...presentJob(job), errors: presentProblems(job.errors.slice(0, IMPORT_ERRORS_IN_RESPONSE), locale) };
}

/** Recent residents import jobs the actor may see, newest first. */
export async function listJobs(db: Kysely<DB>, actor: Actor, page: number, pageSize: number) {
  const { rows, total } = await repo.listJobs(db, actor.userId, scopePaths(actor, 'people.import'), page, pageSize);
  return { items: rows.map(presentJob), total, page, pageSize };
}

/** A job's row-by-row error report as a file. */
export async function jobReport(db: Kysely<DB>, actor: Actor, id: number, format: FileFormat, locale: Locale) {
  return reportFile(await visibleJob(db, actor, id), format, locale);
}

/** The empty residents template. */
export const template = templateFile;
