/** Error codes of the cases module (merged into ERROR_MESSAGES in ../errors.ts). */
import type { Messages } from '../errors.js';

export const CASES_ERRORS = {
  CASE_OUTSIDE_DISTRICT: { 'zh-CN': '该位置不在本区任何网格内，请在地图上重新选点', en: 'This place is not inside any grid of the district; pick it again on the map' },
  CASE_CATEGORY_UNKNOWN: { 'zh-CN': '事件分类不存在或已停用', en: 'The case category does not exist or is no longer used' },
  CASE_CATEGORY_NOT_LEAF: { 'zh-CN': '请选择具体的小类', en: 'Please choose a specific sub-category' },
  CASE_CATEGORY_NOT_PUBLIC: { 'zh-CN': '居民不能选择该分类，请选择其他分类', en: 'Residents cannot choose this category; please choose another' },
  CASE_IDEMPOTENCY_MISMATCH: {
    'zh-CN': '同一个提交编号已用于内容不同的上报，请刷新后重新提交',
    en: 'This submission key was already used for a different report; reload and submit again',
  },
  CASE_IDEMPOTENCY_KEY: { 'zh-CN': '提交编号格式不正确（1–100 个字母、数字、-、_）', en: 'The submission key is malformed (1–100 letters, digits, - or _)' },
  CASE_BAD_STATUS: {
    'zh-CN': '事件当前的状态不允许此操作（可能已被他人处理），请刷新后查看',
    en: 'The case’s current status does not allow this (someone may have acted on it already); reload to see it',
  },
  CASE_NOT_YOURS: { 'zh-CN': '该事件目前不在您所在的单位办理，不能执行此操作', en: 'This case is not with your unit now; you cannot do this' },
  CASE_NOT_REPORTER: { 'zh-CN': '只有上报人本人可以执行此操作', en: 'Only the person who reported the case can do this' },
  CASE_OWNER_HOLDS: { 'zh-CN': '事件由本单位直接办理，无需退回或申请延期', en: 'Your unit is handling this case itself; there is nobody to return it to or ask' },
  CASE_NOT_OWNER_HANDLING: { 'zh-CN': '只有立案单位可以将自办事件挂账', en: 'Only the centre that accepted the case can park it while handling it' },
  CASE_EXTENSION_PENDING: { 'zh-CN': '已有一条延期申请等待审批', en: 'An extension request is already waiting for a decision' },
  CASE_NO_PENDING_EXTENSION: { 'zh-CN': '没有待审批的延期申请', en: 'There is no extension request waiting for a decision' },
  CASE_TARGET_NOT_BELOW: {
    'zh-CN': '只能派遣给直属下级、本级职能部门或本单位自办',
    en: 'A case can be dispatched only to a direct subordinate, one of this level’s departments, or this unit itself',
  },
  CASE_NO_SUPERIOR: { 'zh-CN': '已是最高一级，无法再上报', en: 'This is the top level; there is nobody above to hand up to' },
  CASE_TARGET_INACTIVE: { 'zh-CN': '目标单位已停用', en: 'The target unit is no longer active' },
  CASE_MERGE_SELF: { 'zh-CN': '不能把事件合并到它自己', en: 'A case cannot be merged into itself' },
  CASE_MERGE_TARGET: { 'zh-CN': '目标事件已办结或已被合并，不能合并进去', en: 'The target case is finished or merged itself; it cannot take a duplicate' },
  CASE_REOPEN_USED: { 'zh-CN': '该事件已重新办理过 {max} 次，不能再次退回', en: 'This case has already been reopened {max} time(s); it cannot be reopened again' },
  CASE_REOPEN_NEEDS_UNSATISFIED: { 'zh-CN': '只有“不满意”时才能要求重新办理', en: 'A case can be reopened only when you are not satisfied' },
  CASE_COMMENT_REQUIRED: { 'zh-CN': '选择“不满意”时请说明原因', en: 'Please say why you are not satisfied' },
  CASE_ON_SPOT_GRID_ONLY: { 'zh-CN': '只有网格员可以上报“已现场处置”的事件', en: 'Only grid workers can report a case as fixed on the spot' },
  CASE_CC_TARGET: { 'zh-CN': '抄告对象必须是您管辖范围内的单位', en: 'Copies can go only to units within your area' },
  CASE_NOT_COPIED: { 'zh-CN': '该事件没有抄告给您所在的单位', en: 'This case was not copied to your unit' },
  CASE_PHOTO_NOT_ON_CASE: { 'zh-CN': '该照片不属于此事件', en: 'This photo does not belong to this case' },
  CASE_FOLLOW_OWN: { 'zh-CN': '这是您自己上报的事件，会自动收到进展通知', en: 'You reported this case; you get its updates anyway' },
} as const satisfies Messages;
