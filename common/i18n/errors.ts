/**
 * Stable error codes and their messages in both languages. The server sends {code, message}; the web app
 * may re-translate by code. Placeholders are {name}.
 */
export type Locale = 'zh-CN' | 'en';
export const LOCALES: Locale[] = ['zh-CN', 'en'];

export const ERROR_MESSAGES = {
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
} as const satisfies Record<string, Record<Locale, string>>;

export type ErrorCode = keyof typeof ERROR_MESSAGES;

/** Fills {placeholders} in a message. */
export function format(template: string, params: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (m, k) => (k in params ? String(params[k]) : m));
}

/** The message for an error code in a locale. */
export function errorMessage(code: ErrorCode, locale: Locale, params?: Record<string, string | number>): string {
  return format(ERROR_MESSAGES[code][locale], params);
}
