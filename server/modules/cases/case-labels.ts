/** Names of statuses, sources and cards in both languages (exports and notifications). */
import type { Card, CaseSource, CaseStatus } from '../../platform/db/tables/cases.js';
import type { Locale } from '../../../common/i18n/errors.js';

type L = Record<Locale, string>;

export const STATUS_LABELS: Record<CaseStatus, L> = {
  reported: { 'zh-CN': '待受理', en: 'Reported' },
  accepted: { 'zh-CN': '已受理', en: 'Accepted' },
  dispatched: { 'zh-CN': '已派遣', en: 'Dispatched' },
  in_progress: { 'zh-CN': '处置中', en: 'In progress' },
  handled: { 'zh-CN': '待核查', en: 'Handled, to verify' },
  closed: { 'zh-CN': '已结案', en: 'Closed' },
  rated: { 'zh-CN': '已评价', en: 'Rated' },
  returned: { 'zh-CN': '已退回', en: 'Returned' },
  parked: { 'zh-CN': '已挂账', en: 'Parked' },
  rejected: { 'zh-CN': '不予立案', en: 'Rejected' },
  cancelled: { 'zh-CN': '已撤销', en: 'Cancelled' },
  merged: { 'zh-CN': '已合并', en: 'Merged' },
};

export const SOURCE_LABELS: Record<CaseSource, L> = {
  resident: { 'zh-CN': '居民上报', en: 'Resident' },
  patrol: { 'zh-CN': '网格巡查', en: 'Patrol' },
  staff: { 'zh-CN': '工作人员录入', en: 'Staff entry' },
  hotline: { 'zh-CN': '热线电话', en: 'Hotline' },
  open311: { 'zh-CN': '开放接口', en: 'Open311' },
  sensor: { 'zh-CN': '感知设备', en: 'Sensor' },
};

export const CARD_LABELS: Record<Exclude<Card, 'none'>, L> = {
  yellow: { 'zh-CN': '黄牌', en: 'Yellow' },
  red: { 'zh-CN': '红牌', en: 'Red' },
};
