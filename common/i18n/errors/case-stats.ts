/** Error codes of the case statistics (merged into ERROR_MESSAGES in ../errors.ts). */
import type { Messages } from '../errors.js';

export const CASE_STATS_ERRORS = {
  STATS_PERIOD_ORDER: { 'zh-CN': '统计期间有误：开始日期 {from} 晚于结束日期 {to}', en: 'The period is not valid: it starts on {from}, after its end on {to}' },
  STATS_PERIOD_TOO_LONG: { 'zh-CN': '统计期间最长 {max} 天，请缩短后重试', en: 'A period may cover at most {max} days; choose a shorter one' },
  STATS_NODE_KIND: {
    'zh-CN': '只能统计行政区划节点（区、街道、社区、网格）或职能部门，党组织节点没有事件统计',
    en: 'Statistics are kept for administrative units (district, street, community, grid) and departments, not for party organisations',
  },
} as const satisfies Messages;
