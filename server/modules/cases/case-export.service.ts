/**
 * A filtered case list as a file (CSV with BOM, or XLSX), in the caller's language. Same view and filters as
 * GET /api/cases; no reporter names or contact data; at most EXPORT_MAX rows (narrow the filter beyond).
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import { AppError } from '../../platform/http/errors.js';
import type { Actor } from '../../platform/authz/index.js';
import type { Locale } from '../../../common/i18n/errors.js';
import { CONTENT_TYPES, toCsv, toXlsx, type FileFormat, type OutputFile } from '../../platform/files/table-file.js';
import type { CaseListQuery } from '../../../common/contracts/cases.js';
import { caseFilter } from './case-query.service.js';
import { STATUS_LABELS, SOURCE_LABELS, CARD_LABELS } from './case-labels.js';
import * as repo from './case.repository.js';

export const EXPORT_MAX = 20_000;

const HEADERS: Record<Locale, string[]> = {
  'zh-CN': ['编号', '状态', '分类', '描述', '地点', '网格', '当前办理单位', '来源', '紧急', '上报时间', '受理时间', '处理完毕时间', '结案时间', '时限牌', '满意度', '是否解决', '延期', '吹哨', '重新办理次数'],
  en: ['No.', 'Status', 'Category', 'Description', 'Place', 'Grid', 'Now with', 'Source', 'Urgent', 'Reported', 'Accepted', 'Handled', 'Closed', 'Card', 'Satisfaction', 'Solved', 'Extended', 'Whistled', 'Reopened'],
};
const SATISFACTION: Record<string, Record<Locale, string>> = {
  satisfied: { 'zh-CN': '满意', en: 'Satisfied' },
  basic: { 'zh-CN': '基本满意', en: 'Basically satisfied' },
  unsatisfied: { 'zh-CN': '不满意', en: 'Not satisfied' },
};
const YES = { 'zh-CN': '是', en: 'yes' };
const NO = { 'zh-CN': '否', en: 'no' };

/** China time, minutes (YYYY-MM-DD HH:mm). */
function cst(d: Date | null): string {
  if (!d) return '';
  return new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
}

/** Writes the filtered cases to a file. */
export async function exportCases(db: Kysely<DB>, actor: Actor, q: Omit<CaseListQuery, 'page' | 'pageSize'>, format: FileFormat, locale: Locale): Promise<OutputFile> {
  const base = await caseFilter(db, actor, q);
  const rows = base
    ? await base
        .innerJoin('case_category as k', 'k.id', 'c.category_id')
        .select(['c.id', 'c.status', 'c.description', 'c.address', 'c.grid_id', 'c.holder_node_id', 'c.source', 'c.urgent', 'c.reported_at', 'c.accepted_at', 'c.handled_at', 'c.closed_at', 'c.card', 'c.satisfaction', 'c.resolved', 'c.extended', 'c.whistled', 'c.reopen_count', 'k.name_zh', 'k.name_en'])
        .orderBy('c.reported_at', 'desc')
        .orderBy('c.id', 'desc')
        .limit(EXPORT_MAX + 1)
        .execute()
    : [];
  if (rows.length > EXPORT_MAX) throw new AppError(422, 'CASE_EXPORT_TOO_MANY', { max: EXPORT_MAX });
  const nodes = new Map<number, { name_zh: string; name_en: string }>();
  const ids = [...new Set(rows.flatMap((r) => [r.grid_id, r.holder_node_id]))];
  for (let i = 0; i < ids.length; i += 5000) for (const n of await repo.nodesBrief(db, ids.slice(i, i + 5000))) nodes.set(n.id, n);
  const name = (id: number) => {
    const n = nodes.get(id);
    return n ? (locale === 'en' ? n.name_en || n.name_zh : n.name_zh) : '';
  };
  const table: (string | number)[][] = [HEADERS[locale]];
  for (const r of rows) {
    table.push([
      r.id,
      STATUS_LABELS[r.status][locale],
      locale === 'en' ? r.name_en : r.name_zh,
      r.description,
      r.address,
      name(r.grid_id),
      name(r.holder_node_id),
      SOURCE_LABELS[r.source][locale],
      r.urgent ? YES[locale] : '',
      cst(r.reported_at),
      cst(r.accepted_at),
      cst(r.handled_at),
      cst(r.closed_at),
      r.card === 'none' ? '' : CARD_LABELS[r.card][locale],
      r.satisfaction ? SATISFACTION[r.satisfaction]![locale] : '',
      r.resolved === null ? '' : r.resolved ? YES[locale] : NO[locale],
      r.extended ? YES[locale] : '',
      r.whistled ? YES[locale] : '',
      r.reopen_count,
    ]);
  }
  const stamp = cst(new Date()).slice(0, 10);
  const filename = `${locale === 'en' ? 'cases' : '事件清单'}-${stamp}.${format}`;
  const body = format === 'csv' ? toCsv(table) : await toXlsx([{ name: locale === 'en' ? 'Cases' : '事件', rows: table, widths: [8, 10, 16, 48, 24, 18, 18, 10, 6, 17, 17, 17, 17, 8, 12, 8, 6, 6, 8] }]);
  return { filename, contentType: CONTENT_TYPES[format], body };
}
