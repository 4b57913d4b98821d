/** Error codes of the categories module (merged into ERROR_MESSAGES in ../errors.ts). */
import type { Messages } from '../errors.js';

export const CATEGORIES_ERRORS = {
  CATEGORY_CODE_TAKEN: { 'zh-CN': '编码“{code}”已被其他分类使用', en: 'The code "{code}" is already used by another category' },
  CATEGORY_PARENT_UNKNOWN: { 'zh-CN': '所选的上级分类不存在', en: 'The chosen parent category does not exist' },
  CATEGORY_PARENT_INACTIVE: {
    'zh-CN': '上级分类“{parentZh}”已停用，不能在其下新增、移入或启用分类',
    en: 'The parent category "{parentEn}" is inactive: nothing can be added, moved or activated under it',
  },
  CATEGORY_CYCLE: {
    'zh-CN': '不能把分类移到它自己或它的下级分类之下',
    en: 'A category cannot be moved under itself or one of its own sub-categories',
  },
  CATEGORY_TOO_DEEP: {
    'zh-CN': '分类最多 {max} 级，此操作会超出层级限制',
    en: 'Categories go at most {max} levels deep; this would go deeper',
  },
  CATEGORY_HAS_ACTIVE_CHILDREN: {
    'zh-CN': '该分类下还有 {count} 个启用中的下级分类，请先停用它们',
    en: 'This category still has {count} active sub-categories; deactivate them first',
  },
  CATEGORY_LIMIT_RANGE: {
    'zh-CN': '{kindZh}{stageZh}时限须在 {min}～{max} 个工作日之间',
    en: 'The {stageEn} limit for a {kindEn} must be between {min} and {max} working days',
  },
  CATEGORY_LIMIT_STEP: {
    'zh-CN': '{kindZh}{stageZh}时限须为整天或半天（如 1、1.5、2）',
    en: 'The {stageEn} limit for a {kindEn} must be in whole or half working days (e.g. 1, 1.5, 2)',
  },
  CATEGORY_LIMIT_ORDER: {
    'zh-CN': '{kindZh}{stageZh}时限：黄牌（{yellow} 天）不能晚于红牌（{red} 天）',
    en: 'The {stageEn} limit for a {kindEn}: yellow ({yellow} days) cannot be later than red ({red} days)',
  },
  CATEGORY_DEPARTMENT_UNKNOWN: {
    'zh-CN': '没有编码为“{code}”（或以“-{code}”结尾）的启用中的职能部门',
    en: 'No active department has the code "{code}" (or a code ending in "-{code}")',
  },
} as const satisfies Messages;
