/** Imports: residents and households from CSV or XLSX, all or nothing, with an error report. See README.md. */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { Module } from '../index.js';
import type { DB } from '../../platform/db/schema.js';
import type { Actor } from '../../platform/authz/index.js';
import { AppError } from '../../platform/http/errors.js';
import { errorMessage, type Locale } from '../../../common/i18n/errors.js';
import type { ImportProblemView } from '../../../common/contracts/imports.js';
import { importsRoutes } from './imports.routes.js';
import { importResidents, presentProblems } from './imports.service.js';
import { reportFile } from './report-writer.js';

export const importsModule: Module = { name: 'imports', routes: importsRoutes };

export interface ImportFileOptions {
  /** Code of the community or street the file is for: every row must lie under it. */
  nodeCode?: string;
  /** Language of the messages and of the report (default zh-CN). */
  locale?: Locale;
  /** Where to write the error report when the file is rejected (.csv or .xlsx by its extension). */
  reportPath?: string;
}

export type ImportFileResult =
  | { status: 'completed'; jobId: number; rows: number; households: number; newHouseholds: number; residents: number }
  | { status: 'rejected'; jobId: number; rows: number; errorCount: number; errors: ImportProblemView[]; message: string; reportPath: string | null }
  | { status: 'failed'; code: string; message: string };

/**
 * Imports a residents file from disk (the command line). actor null is a system import with full scope.
 * Never throws for a problem of the file: the result says what went wrong, in opts.locale.
 */
export async function importResidentsFile(db: Kysely<DB>, filePath: string, actor: Actor | null, opts: ImportFileOptions = {}): Promise<ImportFileResult> {
  const locale = opts.locale ?? 'zh-CN';
  try {
    const outcome = await importResidents(db, {
      buffer: await fs.readFile(filePath),
      filename: path.basename(filePath),
      actor,
      node: opts.nodeCode ? { code: opts.nodeCode } : undefined,
      locale,
      ip: null,
    });
    if (outcome.status === 'completed') return outcome;
    let reportPath: string | null = null;
    if (opts.reportPath) {
      const format = path.extname(opts.reportPath).toLowerCase() === '.csv' ? 'csv' : 'xlsx';
      const file = await reportFile({ id: outcome.jobId, errors: outcome.errors, error_count: outcome.errorCount }, format, locale);
      await fs.writeFile(opts.reportPath, file.body);
      reportPath = opts.reportPath;
    }
    return {
      status: 'rejected',
      jobId: outcome.jobId,
      rows: outcome.rows,
      errorCount: outcome.errorCount,
      errors: presentProblems(outcome.errors, locale),
      message: errorMessage('IMPORT_REJECTED', locale, { count: outcome.errorCount }),
      reportPath,
    };
  } catch (e) {
    if (e instanceof AppError) return { status: 'failed', code: e.code, message: errorMessage(e.code, locale, e.params) };
    throw e;
  }
}
