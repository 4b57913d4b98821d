/**
 * Stable error codes and their messages in both languages. The server sends {code, message}; the web app
 * may re-translate by code. Placeholders are {name}.
 */
import { NOTIFICATIONS_ERRORS } from './errors/notifications.js';
import { CALENDAR_ERRORS } from './errors/calendar.js';
import { MEDIA_ERRORS } from './errors/media.js';
import { CATEGORIES_ERRORS } from './errors/categories.js';
import { CASES_ERRORS } from './errors/cases.js';
import { CASE_STATS_ERRORS } from './errors/case-stats.js';

export type Locale = 'zh-CN' | 'en';
export const LOCALES: Locale[] = ['zh-CN', 'en'];

/** A table of codes with their messages in every locale. */
export type Messages = Record<string, Record<Locale, string>>;

const CORE_ERRORS = {
  VALIDATION_FAILED: { 'zh-CN': '提交的数据不符合要求', en: 'The submitted data is not valid' },
  MALFORMED_JSON: { 'zh-CN': '请求内容不是有效的 JSON', en: 'The request body is not valid JSON' },
  BODY_TOO_LARGE: { 'zh-CN': '请求内容过大（上限 {limit}）', en: 'The request body is too large (limit {limit})' },
  UNSUPPORTED_MEDIA_TYPE: { 'zh-CN': '不支持的内容类型', en: 'Unsupported content type' },
  NOT_FOUND: { 'zh-CN': '未找到，或您无权查看', en: 'Not found, or you may not see it' },
  FORBIDDEN: { 'zh-CN': '您没有执行此操作的权限', en: 'You are not allowed to do this' },
  AUTH_REQUIRED: { 'zh-CN': '请先登录', en: 'Please sign in first' },
  AUTH_INVALID_CREDENTIALS: { 'zh-CN': '用户名或密码错误', en: 'Wrong username or password' },
  AUTH_THROTTLED: {
    'zh-CN': '登录失败次数过多，请 {minutes} 分钟后再试',
    en: 'Too many failed sign-ins; try again in {minutes} minutes',
  },
  AUTH_DISABLED: { 'zh-CN': '该账号已停用', en: 'This account is disabled' },
  CSRF_INVALID: { 'zh-CN': '页面已过期，请刷新后重试', en: 'The page has expired; reload and try again' },
  RATE_LIMITED: { 'zh-CN': '请求过于频繁，请稍后再试', en: 'Too many requests; please wait a moment' },
  CONFLICT: { 'zh-CN': '数据已被他人修改，请刷新后重试', en: 'Someone else changed this; reload and try again' },
  INTERNAL: { 'zh-CN': '服务器内部错误，已记录', en: 'Internal server error; it has been logged' },
  USERNAME_TAKEN: { 'zh-CN': '用户名“{username}”已被使用', en: 'The username "{username}" is taken' },
  PASSWORD_TOO_WEAK: {
    'zh-CN': '密码至少 10 个字符，且不能与用户名相同',
    en: 'The password needs at least 10 characters and must differ from the username',
  },
  PASSWORD_WRONG: { 'zh-CN': '当前密码不正确', en: 'The current password is wrong' },
  GRANT_NODE_TYPE: {
    'zh-CN': '角色“{role}”不能授予在“{nodeType}”类型的节点上',
    en: 'The role "{role}" cannot be granted on a node of type "{nodeType}"',
  },
  GRANT_EXISTS: { 'zh-CN': '该授权已存在', en: 'This grant already exists' },
  LAST_ADMIN: { 'zh-CN': '不能移除最后一个管理员', en: 'The last administrator cannot be removed' },
  NODE_PARENT_TYPE: {
    'zh-CN': '“{type}”类型的节点不能放在“{parentType}”下',
    en: 'A "{type}" node cannot be placed under a "{parentType}" node',
  },
  NODE_CODE_TAKEN: { 'zh-CN': '编码“{code}”已被使用', en: 'The code "{code}" is already in use' },
  NODE_HAS_CHILDREN: { 'zh-CN': '该节点下还有下级，不能删除', en: 'This node still has children and cannot be deleted' },
  REVEAL_REASON_REQUIRED: { 'zh-CN': '查看敏感信息须填写事由', en: 'A reason is required to reveal personal data' },
  POINT_OUTSIDE: { 'zh-CN': '该位置不在本辖区任何网格内', en: 'This location is not inside any grid of the jurisdiction' },
  GEOJSON_INVALID: { 'zh-CN': 'GeoJSON 文件有误，详见错误报告', en: 'The GeoJSON file has errors; see the report' },
  IMPORT_REJECTED: {
    'zh-CN': '文件有 {count} 处错误，未导入任何数据，请下载错误报告修改后重试',
    en: 'The file has {count} errors and nothing was imported; download the error report, fix it and retry',
  },
  IMPORT_FILE_TYPE: { 'zh-CN': '只支持 CSV 或 XLSX 文件', en: 'Only CSV or XLSX files are accepted' },
  IMPORT_FILE_BROKEN: { 'zh-CN': '文件无法读取：{reason}', en: 'The file cannot be read: {reason}' },
  FILE_REQUIRED: { 'zh-CN': '请选择要上传的文件', en: 'Please choose a file to upload' },
  DATABASE_BUSY: { 'zh-CN': '数据库正被另一个进程使用', en: 'The database is in use by another process' },
  // people, patrol, audit modules
  ID_NUMBER_FORMAT: { 'zh-CN': '身份证号码应为 18 位（末位可为 X）', en: 'An ID number has 18 characters (the last may be X)' },
  ID_NUMBER_BIRTH_DATE: { 'zh-CN': '身份证号码中的出生日期无效', en: 'The birth date in the ID number is not valid' },
  ID_NUMBER_CHECKSUM: { 'zh-CN': '身份证号码校验位不正确，请核对', en: 'The check character of the ID number is wrong; please check it' },
  ID_NUMBER_TAKEN: { 'zh-CN': '该身份证号码已登记', en: 'This ID number is already registered' },
  HOUSEHOLD_NO_TAKEN: { 'zh-CN': '户号“{code}”已被使用', en: 'The household number "{code}" is already in use' },
  BUILDING_CODE_TAKEN: { 'zh-CN': '楼栋编码“{code}”已被使用', en: 'The building code "{code}" is already in use' },
  HOUSE_TAKEN: { 'zh-CN': '该楼栋已有 {unit} 单元 {room} 室', en: 'This building already has unit {unit}, room {room}' },
  HOUSEHOLD_GRID_MISMATCH: { 'zh-CN': '房屋所在网格与所选网格不一致', en: 'The house lies in a different grid from the one chosen' },
  PARTY_NODE_INVALID: { 'zh-CN': '所选党组织无效或不在您的管辖范围内', en: 'The chosen party organisation is not valid or not in your area' },
  PARTY_MEMBER_REQUIRED: { 'zh-CN': '只有党员才能关联党组织', en: 'Only a party member can be linked to a party organisation' },
  NODE_NOT_GRID: { 'zh-CN': '请选择一个网格', en: 'Please choose a grid' },
  SENSITIVE_TAG_FORBIDDEN: {
    'zh-CN': '按敏感标签筛选需要查看敏感信息的权限',
    en: 'Filtering by a sensitive tag needs the permission to reveal personal data',
  },
  SEARCH_QUERY_UNUSABLE: { 'zh-CN': '请输入汉字、字母或数字进行搜索', en: 'Search with Chinese characters, letters or digits' },
  GRID_REQUIRED: { 'zh-CN': '您负责多个网格，请选择网格', en: 'You look after several grids; please choose one' },
  PATROL_TIME_ORDER: { 'zh-CN': '结束时间不能早于开始时间', en: 'The end time cannot be before the start time' },
  PATROL_FUTURE_DATE: { 'zh-CN': '巡查日期不能晚于今天', en: 'The patrol date cannot be in the future' },
  PATROL_EDIT_CLOSED: {
    'zh-CN': '巡查日志只能由本人在填写当天修改',
    en: 'A patrol log can be changed only by its author, on the day it was written',
  },
  // imports module
  IMPORT_FILE_EMPTY: { 'zh-CN': '文件中没有数据行', en: 'The file has no data rows' },
  IMPORT_TOO_MANY_ROWS: {
    'zh-CN': '文件有 {rows} 行数据，超过单次导入上限 {limit} 行，请拆分后分批导入',
    en: 'The file has {rows} data rows, more than the {limit} one import accepts; split it and import the parts',
  },
  // geo module: grid import, split and merge
  GEO_NOT_JSON: { 'zh-CN': '文件不是有效的 JSON', en: 'The file is not valid JSON' },
  GEO_NOT_FEATURE_COLLECTION: {
    'zh-CN': '文件应为 GeoJSON FeatureCollection（含 features 数组）',
    en: 'The file must be a GeoJSON FeatureCollection with a features array',
  },
  GEO_EMPTY: { 'zh-CN': '文件中没有任何要素', en: 'The file has no features' },
  GEO_TOO_MANY_FEATURES: { 'zh-CN': '要素数量 {count} 超过单次上限 {limit}', en: '{count} features are more than the {limit} one import accepts' },
  GEO_NOT_FEATURE: { 'zh-CN': '该项不是 GeoJSON Feature', en: 'This item is not a GeoJSON Feature' },
  GEO_CODE_INVALID: {
    'zh-CN': '网格编码 code 缺失或格式不对（1–40 位字母、数字、“-”或“_”）',
    en: 'The grid code is missing or malformed (1–40 letters, digits, "-" or "_")',
  },
  GEO_NAME_INVALID: {
    'zh-CN': '网格名称无效（中文名 1–100 字，英文名 1–200 字）',
    en: 'The grid name is not valid (Chinese name 1–100 characters, English name 1–200)',
  },
  GEO_COMMUNITY_MISSING: { 'zh-CN': '缺少所属社区编码 community_code', en: 'The community code (community_code) is missing' },
  GEO_COMMUNITY_UNKNOWN: {
    'zh-CN': '社区“{community}”不存在或不在您的管辖范围内',
    en: 'The community "{community}" does not exist or is outside your area',
  },
  GEO_CODE_TAKEN: {
    'zh-CN': '编码“{code}”已被其他节点或已撤销的网格使用',
    en: 'The code "{code}" is used by another node or by a retired grid',
  },
  GEO_COMMUNITY_MISMATCH: {
    'zh-CN': '网格“{code}”属于社区“{actual}”，不能通过导入改到社区“{community}”',
    en: 'The grid "{code}" belongs to the community "{actual}"; an import cannot move it to "{community}"',
  },
  GEO_DUPLICATE_CODE: { 'zh-CN': '编码“{code}”重复（第 {first} 项已使用）', en: 'The code "{code}" appears twice (first in item {first})' },
  GEO_OUTSIDE_COMMUNITY: { 'zh-CN': '网格超出了社区“{community}”的边界', en: 'The grid extends beyond the boundary of the community "{community}"' },
  GEO_OVERLAP: { 'zh-CN': '网格与“{other}”重叠', en: 'The grid overlaps "{other}"' },
  GEO_NOT_POLYGON: { 'zh-CN': '几何图形必须是 Polygon 或 MultiPolygon', en: 'The geometry must be a Polygon or a MultiPolygon' },
  GEO_BAD_COORDINATE: {
    'zh-CN': '坐标无效：须为数值，经度在 -180～180、纬度在 -90～90 之间',
    en: 'A coordinate is not valid: numbers only, longitude -180 to 180, latitude -90 to 90',
  },
  GEO_RING_TOO_SHORT: { 'zh-CN': '边界环至少需要 4 个坐标点（首尾相同）', en: 'A ring needs at least 4 positions (first equals last)' },
  GEO_RING_NOT_CLOSED: { 'zh-CN': '边界环未闭合：首尾坐标必须相同', en: 'A ring is not closed: its first and last positions must be equal' },
  GEO_ZERO_AREA: { 'zh-CN': '多边形面积为零', en: 'The polygon has no area' },
  GEO_SELF_INTERSECTION: { 'zh-CN': '边界自相交（约在 {at}）', en: 'The boundary intersects itself (near {at})' },
  GEO_HOLE_OUTSIDE_SHELL: { 'zh-CN': '内洞不完全在外边界之内（约在 {at}）', en: 'A hole is not strictly inside its outer ring (near {at})' },
  GEO_HOLES_OVERLAP: { 'zh-CN': '内洞相互重叠或嵌套（约在 {at}）', en: 'Holes overlap or lie inside each other (near {at})' },
  GEO_PARTS_OVERLAP: { 'zh-CN': '多部件多边形的各部分相互重叠（约在 {at}）', en: 'Members of the MultiPolygon overlap (near {at})' },
  GEO_TOO_COMPLEX: { 'zh-CN': '图形过于复杂（超过 {limit} 个坐标点）', en: 'The shape is too complex (more than {limit} positions)' },
  GEO_PART_OUTSIDE: { 'zh-CN': '该部分超出了原网格的范围', en: 'This part extends beyond the original grid' },
  GEO_PARTS_NOT_COVER: {
    'zh-CN': '各部分面积合计为原网格的 {percent}%，应覆盖原网格（误差不超过 1%）',
    en: 'The parts add up to {percent}% of the original grid; they must cover it (within 1%)',
  },
  GRID_PARTS_INVALID: { 'zh-CN': '网格图形有误，详见明细', en: 'The grid shapes have errors; see the details' },
  GRID_RETIRED: { 'zh-CN': '网格“{code}”已撤销，不能再调整', en: 'The grid "{code}" is retired and cannot be changed' },
  GRID_NO_GEOMETRY: { 'zh-CN': '网格“{code}”没有边界图形，请先导入', en: 'The grid "{code}" has no boundary; import one first' },
  GRIDS_NOT_SAME_COMMUNITY: { 'zh-CN': '只能合并同一社区的网格', en: 'Only grids of the same community can be merged' },
  GRIDS_DUPLICATE: { 'zh-CN': '同一网格不能出现两次', en: 'The same grid cannot be listed twice' },
  GRID_CODES_EXHAUSTED: {
    'zh-CN': '社区“{community}”的网格编号 01–99 已用完，请指定编码',
    en: 'The grid numbers 01–99 of the community "{community}" are used up; please give a code',
  },
  FILE_NOT_FOUND: { 'zh-CN': '找不到文件“{file}”', en: 'The file "{file}" does not exist' },
  BACKUP_FILE_MISSING: { 'zh-CN': '找不到备份文件“{file}”', en: 'The backup file "{file}" does not exist' },
  BACKUP_INVALID: { 'zh-CN': '“{file}”不是有效的共治备份文件', en: '"{file}" is not a valid Gongzhi backup file' },
  BACKUP_VERSION: {
    'zh-CN': '备份文件格式版本 {version} 不受支持（本程序支持版本 {supported}）',
    en: 'Backup format version {version} is not supported (this program reads version {supported})',
  },
  BACKUP_TRUNCATED: { 'zh-CN': '备份文件“{file}”不完整或已损坏，未做任何更改', en: 'The backup file "{file}" is incomplete or damaged; nothing was changed' },
  BACKUP_MIGRATIONS_MISMATCH: {
    'zh-CN': '备份的数据库结构（迁移 {backup}）与本数据库（迁移 {database}）不同，请使用相同版本的程序恢复',
    en: 'The backup was made at schema migration {backup} but this database is at {database}; restore with the same version of the program',
  },
  BACKUP_TABLE_MISMATCH: { 'zh-CN': '备份中表“{table}”的结构与本数据库不一致', en: 'The table "{table}" in the backup does not match this database' },
  RESTORE_NOT_EMPTY: {
    'zh-CN': '目标数据库已有数据（{tables} 等），为防止覆盖已拒绝恢复；确需覆盖请加 --force',
    en: 'The target database already holds data ({tables} …); restore refused. Add --force to replace everything',
  },
  DEMO_ALREADY_SEEDED: { 'zh-CN': '演示数据已经存在（有演示账号），无需再次生成', en: 'The demo data is already there (the demo users exist)' },
  DEMO_NOT_EMPTY: {
    'zh-CN': '数据库已有组织节点或用户，演示数据只能生成到空数据库中',
    en: 'The database already has organisation nodes or users; the demo can only be generated into an empty database',
  },
  NO_ROOT_NODE: {
    'zh-CN': '还没有区（或市）级根节点，请先导入网格或生成演示数据',
    en: 'There is no district (or city) root node yet; import grids or generate the demo first',
  },
} as const satisfies Messages;

/** Every stable error code: the core's and each module's own file under errors/. */
export const ERROR_MESSAGES = {
  ...CORE_ERRORS,
  ...NOTIFICATIONS_ERRORS,
  ...CALENDAR_ERRORS,
  ...MEDIA_ERRORS,
  ...CATEGORIES_ERRORS,
  ...CASES_ERRORS,
  ...CASE_STATS_ERRORS,
} as const satisfies Messages;

export type ErrorCode = keyof typeof ERROR_MESSAGES;

/** Fills {placeholders} in a message. */
export function format(template: string, params: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (m, k) => (k in params ? String(params[k]) : m));
}

/** The message for an error code in a locale. */
export function errorMessage(code: ErrorCode, locale: Locale, params?: Record<string, string | number>): string {
  return format(ERROR_MESSAGES[code][locale], params);
}
