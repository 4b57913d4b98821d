/** Writes the row-by-row error report and the empty template, as CSV (UTF-8 with BOM) or XLSX. */
import { IMPORT_COLUMNS, problemMessage, type ImportField } from '../../../common/contracts/imports.js';
import type { ImportRowError } from '../../platform/db/schema.js';
import { format as fill, type Locale } from '../../../common/i18n/errors.js';
import { CONTENT_TYPES, toCsv, toXlsx, type FileFormat, type OutputFile } from '../../platform/files/table-file.js';

export { contentDisposition, toCsv, toXlsx, type FileFormat, type OutputFile } from '../../platform/files/table-file.js';

const TEXT = {
  reportHeaders: { 'zh-CN': ['行号', '列', '值', '问题', '错误代码'], en: ['Row', 'Column', 'Value', 'Problem', 'Code'] },
  reportSheet: { 'zh-CN': '错误报告', en: 'Errors' },
  reportName: { 'zh-CN': '居民导入错误报告', en: 'resident-import-errors' },
  truncated: {
    'zh-CN': '共 {count} 处错误，此处只列出前 {shown} 处；请先修改这些后重新上传',
    en: '{count} problems in all; only the first {shown} are listed here; fix these and upload again',
  },
  templateSheet: { 'zh-CN': '居民信息', en: 'Residents' },
  helpSheet: { 'zh-CN': '填写说明', en: 'Instructions' },
  helpHeaders: { 'zh-CN': ['列名', '是否必填', '说明', '示例'], en: ['Column', 'Required', 'How to fill it', 'Example'] },
  yes: { 'zh-CN': '必填', en: 'required' },
  no: { 'zh-CN': '选填', en: 'optional' },
  helpNotes: {
    'zh-CN': [
      '第一行为列名，从第二行起每行一位居民；列的顺序不限，中文或英文列名均可。',
      '文件有任何错误时不会导入任何数据，可下载错误报告，改正后重新上传。',
      '已登记的身份证号不能重复导入。',
    ],
    en: [
      'The first row holds the headers; from the second row on, one resident per row. Columns may come in any order, with Chinese or English headers.',
      'If the file has any problem nothing is imported; download the error report, fix the file and upload it again.',
      'An ID number that is already registered cannot be imported again.',
    ],
  },
  templateName: { 'zh-CN': '居民导入模板', en: 'resident-import-template' },
} as const;

/** The rows of an error report: one line per problem, value already masked, reason in the language. */
export function reportRows(errors: ImportRowError[], errorCount: number, locale: Locale): (string | number)[][] {
  const rows: (string | number)[][] = [[...TEXT.reportHeaders[locale]]];
  for (const e of errors) rows.push([e.row, e.column, e.value ?? '', problemMessage(e.code, locale, e.params), e.code]);
  if (errorCount > errors.length) {
    rows.push(['', '', '', fill(TEXT.truncated[locale], { count: errorCount, shown: errors.length }), '']);
  }
  return rows;
}

/** The error report of a job as a file. */
export async function reportFile(job: { id: number; errors: ImportRowError[]; error_count: number }, format: FileFormat, locale: Locale): Promise<OutputFile> {
  const rows = reportRows(job.errors, job.error_count, locale);
  const body = format === 'csv' ? toCsv(rows) : await toXlsx([{ name: TEXT.reportSheet[locale], rows, widths: [8, 18, 24, 60, 24] }]);
  return { filename: `${TEXT.reportName[locale]}-${job.id}.${format}`, contentType: CONTENT_TYPES[format], body };
}

/** The header row of a residents file in a language. */
export function templateHeaders(locale: Locale): string[] {
  return IMPORT_COLUMNS.map((c) => c.header[locale]);
}

/** An empty residents file: CSV with the header row only; XLSX with a text-formatted sheet and instructions. */
export async function templateFile(format: FileFormat, locale: Locale): Promise<OutputFile> {
  const headers = templateHeaders(locale);
  const filename = `${TEXT.templateName[locale]}.${format}`;
  if (format === 'csv') return { filename, contentType: CONTENT_TYPES.csv, body: toCsv([headers]) };
  const help: (string | number)[][] = [[...TEXT.helpHeaders[locale]]];
  for (const c of IMPORT_COLUMNS) help.push([c.header[locale], c.required ? TEXT.yes[locale] : TEXT.no[locale], c.help[locale], c.example]);
  help.push([]);
  for (const note of TEXT.helpNotes[locale]) help.push([note]);
  const body = await toXlsx([
    { name: TEXT.templateSheet[locale], rows: [headers], widths: IMPORT_COLUMNS.map((c) => widthOf(c.field)), textColumns: true },
    { name: TEXT.helpSheet[locale], rows: help, widths: [18, 10, 60, 30] },
  ]);
  return { filename, contentType: CONTENT_TYPES.xlsx, body };
}

function widthOf(field: ImportField): number {
  return field === 'address' ? 36 : field === 'id_number' ? 22 : field === 'tags' ? 24 : 14;
}
