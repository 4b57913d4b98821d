/**
 * Contracts of the imports module: request schemas, the residents file's columns, and the row problems
 * a file can have with their messages in both languages (the error report and the web client use them).
 */
import { z } from 'zod';
import { id, page } from './accounts.js';
import { format, type Locale } from '../i18n/errors.js';

/** The most data rows one residents file may hold. */
export const IMPORT_ROW_LIMIT = 50_000;
/** The most row problems stored with a rejected job (the count is always exact). */
export const IMPORT_STORED_ERROR_LIMIT = 10_000;
/** The row problems sent back in an HTTP answer; the report has the rest. */
export const IMPORT_ERRORS_IN_RESPONSE = 100;

export const fileFormat = z.enum(['csv', 'xlsx']);
export const importFields = z.object({ nodeId: id.optional() });
export const reportQuery = z.object({ format: fileFormat.default('xlsx'), lang: z.enum(['zh-CN', 'en']).optional() });
export const templateQuery = reportQuery;
export const jobListQuery = page;

export type ImportField =
  | 'grid_code'
  | 'household_no'
  | 'address'
  | 'name'
  | 'id_number'
  | 'relation'
  | 'phone'
  | 'ethnicity'
  | 'tags'
  | 'is_party_member'
  | 'health'
  | 'disability'
  | 'income'
  | 'building_code'
  | 'room';

export interface ImportColumn {
  field: ImportField;
  required: boolean;
  /** The header the templates write, per language. */
  header: Record<Locale, string>;
  /** Other headers accepted on import (compared without case, spaces, '_', '-' and '*'). */
  aliases: string[];
  help: Record<Locale, string>;
  example: string;
}

/** The columns of a residents file, in template order. */
export const IMPORT_COLUMNS: ImportColumn[] = [
  { field: 'grid_code', required: true, header: { 'zh-CN': '网格编码', en: 'grid_code' }, aliases: ['网格代码', '所属网格编码', '网格编号'], help: { 'zh-CN': '居民所在网格的编码（见组织架构）', en: 'Code of the grid the resident lives in (see the organisation tree)' }, example: '21050200100101' },
  { field: 'household_no', required: true, header: { 'zh-CN': '户编号', en: 'household_no' }, aliases: ['户号', '户籍编号'], help: { 'zh-CN': '同一户的成员填写相同的户编号；每户的网格、地址须一致', en: 'Members of one household share the number; grid and address must agree within a household' }, example: 'HH-000123' },
  { field: 'address', required: true, header: { 'zh-CN': '地址', en: 'address' }, aliases: ['住址', '居住地址', '现住址'], help: { 'zh-CN': '现居住地址，最多 200 字', en: 'Current address, at most 200 characters' }, example: '平山区胜利路12号1单元301室' },
  { field: 'name', required: true, header: { 'zh-CN': '姓名', en: 'name' }, aliases: [], help: { 'zh-CN': '最多 50 字', en: 'At most 50 characters' }, example: '张秀兰' },
  { field: 'id_number', required: true, header: { 'zh-CN': '公民身份号码', en: 'id_number' }, aliases: ['公民身份号码(身份证号)', '身份证号', '身份证号码', '身份证'], help: { 'zh-CN': '18 位居民身份证号；请把此列设为“文本”格式，否则 Excel 会丢失后几位', en: '18-character resident ID number; format this column as Text or Excel loses the last digits' }, example: '210502194503120013' },
  { field: 'relation', required: true, header: { 'zh-CN': '与户主关系', en: 'relation' }, aliases: ['关系', '与户主的关系'], help: { 'zh-CN': '户主、配偶、子女、儿媳/女婿、孙子女、父母、公婆/岳父母、祖父母、兄弟姐妹、其他亲属、租户、其他', en: 'head, spouse, child, child_in_law, grandchild, parent, parent_in_law, grandparent, sibling, other_relative, tenant, other' }, example: '户主' },
  { field: 'phone', required: false, header: { 'zh-CN': '联系电话', en: 'phone' }, aliases: ['电话', '手机', '手机号', '手机号码', '联系方式'], help: { 'zh-CN': '11 位手机号或带区号的座机号', en: '11-digit mobile or a landline with its area code' }, example: '13800001234' },
  { field: 'ethnicity', required: false, header: { 'zh-CN': '民族', en: 'ethnicity' }, aliases: [], help: { 'zh-CN': '如“汉族”“满族”；空白按汉族', en: 'e.g. 汉族, 满族 (in Chinese); empty means 汉族' }, example: '汉族' },
  { field: 'tags', required: false, header: { 'zh-CN': '人员标签', en: 'tags' }, aliases: ['标签', '重点人群', '人员类别'], help: { 'zh-CN': '可填多个，用、，；或 | 分隔', en: 'Several allowed, separated by 、 , ; or |' }, example: '独居老人' },
  { field: 'is_party_member', required: false, header: { 'zh-CN': '政治面貌', en: 'is_party_member' }, aliases: ['是否党员', '党员'], help: { 'zh-CN': '中共党员 / 预备党员 / 群众 / 共青团员，或 是 / 否', en: '中共党员 / 群众 …, or yes / no' }, example: '群众' },
  { field: 'health', required: false, header: { 'zh-CN': '健康状况', en: 'health' }, aliases: ['健康情况'], help: { 'zh-CN': '最多 200 字', en: 'At most 200 characters' }, example: '高血压' },
  { field: 'disability', required: false, header: { 'zh-CN': '残疾情况', en: 'disability' }, aliases: ['残疾状况'], help: { 'zh-CN': '最多 200 字', en: 'At most 200 characters' }, example: '' },
  { field: 'income', required: false, header: { 'zh-CN': '收入情况', en: 'income' }, aliases: ['收入状况', '经济状况'], help: { 'zh-CN': '最多 200 字', en: 'At most 200 characters' }, example: '退休金' },
  { field: 'building_code', required: false, header: { 'zh-CN': '楼栋编码', en: 'building_code' }, aliases: ['楼栋', '楼栋编号'], help: { 'zh-CN': '已登记楼栋的编码（可空）', en: 'Code of a registered building (optional)' }, example: '' },
  { field: 'room', required: false, header: { 'zh-CN': '房号', en: 'room' }, aliases: ['房间号', '门牌号'], help: { 'zh-CN': '“单元-房号”如 1-301，或只填房号；须同时填楼栋编码', en: '“unit-room” like 1-301, or the room alone; needs the building code' }, example: '' },
];

/** Words accepted for each relation code of the people module (besides its code and labels). */
export const RELATION_WORDS: Record<string, string[]> = {
  head: ['户主', '本人'],
  spouse: ['妻', '妻子', '夫', '丈夫', '老伴'],
  child: ['子', '女', '儿子', '女儿', '长子', '次子', '三子', '长女', '次女', '三女', '养子', '养女', '继子', '继女'],
  child_in_law: ['儿媳', '儿媳妇', '女婿'],
  grandchild: ['孙子女', '外孙子女', '孙子', '孙女', '外孙', '外孙子', '外孙女'],
  parent: ['父亲', '母亲', '父', '母', '继父', '继母', '养父', '养母'],
  parent_in_law: ['公公', '婆婆', '岳父', '岳母', '公婆', '岳父母'],
  grandparent: ['祖父母', '外祖父母', '祖父', '祖母', '外祖父', '外祖母', '爷爷', '奶奶', '姥爷', '姥姥', '外公', '外婆'],
  sibling: ['兄', '弟', '姐', '妹', '哥哥', '弟弟', '姐姐', '妹妹'],
  other_relative: ['亲属', '侄子', '侄女', '外甥', '外甥女', '叔叔', '伯父', '舅舅', '姑姑', '阿姨'],
  tenant: ['租客', '租房户'],
  other: ['非亲属', '保姆', '其它'],
};

/** Row problems: a stable code and its message. {header} is the column's header in the report's language. */
export const IMPORT_PROBLEMS = {
  MISSING_COLUMN: { 'zh-CN': '缺少必填列“{header}”（也可写作：{aliases}）', en: 'The required column "{header}" is missing (accepted headers: {aliases})' },
  DUPLICATE_COLUMN: { 'zh-CN': '“{value}”列出现了不止一次', en: 'The column "{value}" appears more than once' },
  REQUIRED: { 'zh-CN': '此项必填', en: 'This cell is required' },
  TOO_LONG: { 'zh-CN': '内容过长（最多 {max} 个字）', en: 'Too long (at most {max} characters)' },
  ID_FORMAT: { 'zh-CN': '身份证号应为 18 位（前 17 位为数字，最后一位为数字或 X）', en: 'An ID number has 18 characters: 17 digits and a digit or X' },
  ID_BIRTH_DATE: { 'zh-CN': '身份证号中的出生日期无效', en: 'The birth date inside the ID number is not a real date' },
  ID_CHECKSUM: { 'zh-CN': '身份证号校验位不正确，请核对', en: 'The check character of the ID number is wrong; please check the number' },
  ID_NUMERIC_CELL: {
    'zh-CN': '身份证号被 Excel 存成了数字，后几位已丢失：请把该列设为“文本”格式后重新录入',
    en: 'Excel stored the ID number as a number and lost its last digits: format the column as Text and enter the numbers again',
  },
  ID_DUPLICATE_IN_FILE: { 'zh-CN': '该身份证号在文件中重复（另见第 {otherRow} 行）', en: 'This ID number appears more than once in the file (see also row {otherRow})' },
  ID_EXISTS: { 'zh-CN': '该身份证号已登记，不能重复导入', en: 'This ID number is already registered and cannot be imported again' },
  GRID_UNKNOWN: { 'zh-CN': '网格编码“{value}”不存在，或不在您的导入范围内', en: 'The grid code "{value}" does not exist or is outside your import scope' },
  GRID_RETIRED: { 'zh-CN': '网格“{value}”已撤销，请改用调整后的网格', en: 'The grid "{value}" has been retired; use the grid that replaced it' },
  GRID_NOT_UNDER_NODE: { 'zh-CN': '网格“{value}”不属于本次导入选定的“{node}”', en: 'The grid "{value}" is not under "{node}", chosen for this import' },
  PHONE_FORMAT: {
    'zh-CN': '电话号码格式不正确（11 位手机号，或带区号的座机号如 024-12345678）',
    en: 'Not a valid phone number (an 11-digit mobile, or a landline with area code like 024-12345678)',
  },
  TAG_UNKNOWN: { 'zh-CN': '无法识别的人员标签“{tag}”', en: 'Unknown tag "{tag}"' },
  RELATION_UNKNOWN: { 'zh-CN': '无法识别的与户主关系“{value}”（可填：户主、配偶、子女、父母、其他等）', en: 'Unknown relation "{value}" (use head, spouse, child, parent, other, …)' },
  ETHNICITY_UNKNOWN: { 'zh-CN': '无法识别的民族“{value}”', en: 'Unknown ethnic group "{value}"' },
  PARTY_VALUE: { 'zh-CN': '无法识别的政治面貌“{value}”（可填：中共党员、预备党员、群众、共青团员，或 是/否）', en: 'Unknown political status "{value}" (use 中共党员, 群众, or yes / no)' },
  HOUSEHOLD_INCONSISTENT: { 'zh-CN': '同一户（户编号 {household}）的此项与第 {firstRow} 行不一致', en: 'Differs from row {firstRow} of the same household ({household})' },
  HOUSEHOLD_OTHER_GRID: { 'zh-CN': '户编号“{value}”已在其他网格登记', en: 'The household number "{value}" is already registered in another grid' },
  HOUSEHOLD_ADDRESS_DIFFERS: { 'zh-CN': '该户已登记，登记地址为“{existing}”，与文件不一致', en: 'This household is already registered at "{existing}", which differs from the file' },
  HOUSEHOLD_TWO_HEADS: { 'zh-CN': '同一户有两位户主（另见第 {otherRow} 行）', en: 'The household has two heads (see also row {otherRow})' },
  HOUSEHOLD_HAS_HEAD: { 'zh-CN': '该户已登记了户主，不能再导入一位户主', en: 'This household already has a registered head; another cannot be imported' },
  BUILDING_UNKNOWN: { 'zh-CN': '楼栋编码“{value}”不存在，或不在该网格内', en: 'The building code "{value}" does not exist or is not in this grid' },
  ROOM_UNKNOWN: { 'zh-CN': '该楼栋中没有房号“{value}”', en: 'The building has no room "{value}"' },
  ROOM_NEEDS_BUILDING: { 'zh-CN': '填写房号时须同时填写楼栋编码', en: 'A room needs the building code too' },
} as const satisfies Record<string, Record<Locale, string>>;

export type ImportProblem = keyof typeof IMPORT_PROBLEMS;

/** Why a file could not be read at all (the {reason} of IMPORT_FILE_BROKEN). */
export const IMPORT_BROKEN_REASONS = {
  not_zip: { 'zh-CN': '不是有效的 XLSX 文件（可能已损坏，或只下载了一部分）', en: 'not a valid XLSX file (it may be damaged or only partly downloaded)' },
  zip_broken: { 'zh-CN': 'XLSX 文件已损坏或不完整', en: 'the XLSX file is damaged or incomplete' },
  no_sheet: { 'zh-CN': '工作簿中没有工作表', en: 'the workbook has no worksheet' },
  binary: { 'zh-CN': '文件含有非文本内容，不是 CSV', en: 'the file holds binary content, not CSV text' },
  csv_syntax: { 'zh-CN': 'CSV 格式错误（第 {line} 行附近，如引号未闭合）', en: 'CSV syntax error near line {line} (e.g. an unclosed quote)' },
} as const satisfies Record<string, Record<Locale, string>>;

export type BrokenReason = keyof typeof IMPORT_BROKEN_REASONS;

/** One problem of a rejected file, as stored and as sent (message filled in the caller's language). */
export interface ImportProblemView {
  row: number;
  column: string;
  code: string;
  value: string;
  message: string;
}

/** The header of a column in a language. */
export function columnHeader(field: ImportField, locale: Locale): string {
  return IMPORT_COLUMNS.find((c) => c.field === field)!.header[locale];
}

/** The message of a row problem; params.field names a column and params.nodeZh/nodeEn a node, in the chosen language. */
export function problemMessage(code: string, locale: Locale, params: Record<string, string | number> = {}): string {
  const texts = (IMPORT_PROBLEMS as Record<string, Record<Locale, string>>)[code];
  if (!texts) return code;
  const filled: Record<string, string | number> = { ...params };
  const col = IMPORT_COLUMNS.find((c) => c.field === params.field);
  if (col) {
    filled.header = col.header[locale];
    filled.aliases = [col.header['zh-CN'], col.header.en, ...col.aliases].filter((h) => h !== col.header[locale]).join('、');
  }
  if (params.nodeZh !== undefined) filled.node = locale === 'en' ? (params.nodeEn ?? params.nodeZh) : params.nodeZh;
  return format(texts[locale], filled);
}
