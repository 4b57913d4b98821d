/** Strings of "My reports" and the case status words a resident reads. */
import { defineMessages, type Msg } from '../../../lib/i18n.js';

export const m = defineMessages({
  title: { zh: '我的上报', en: 'My reports' },
  subtitle: { zh: '您上报和关注的问题，以及处理进展', en: 'Problems you reported or follow, and how they are going' },
  newReport: { zh: '随手拍', en: 'Report a problem' },
  reload: { zh: '刷新', en: 'Refresh' },
  pull: { zh: '下拉刷新', en: 'Pull down to refresh' },
  release: { zh: '松开刷新', en: 'Release to refresh' },
  refreshing: { zh: '正在刷新…', en: 'Refreshing…' },
  updated: { zh: '已更新', en: 'Up to date' },
  emptyTitle: { zh: '您还没有上报过问题', en: 'You have not reported anything yet' },
  emptyHint: {
    zh: '看到路灯不亮、垃圾乱堆、井盖缺失等问题，拍张照片告诉我们，社区会跟进处理。',
    en: 'A broken street light, rubbish piling up, a missing manhole cover? Take a photo and tell us; the community will follow it up.',
  },
  loadMore: { zh: '加载更多', en: 'Show more' },
  shown: { zh: '共 {total} 件', en: '{total} in all' },
  lastUpdate: { zh: '最近更新 {t}', en: 'Last update {t}' },
  reportedAt: { zh: '上报于 {t}', en: 'Reported {t}' },
  number: { zh: '编号 {id}', en: 'No. {id}' },
  following: { zh: '我关注的', en: 'Following' },
  rateNow: { zh: '待您评价', en: 'Please rate' },
  rateHint: { zh: '问题已处理并核查，请告诉我们是否满意', en: 'It has been fixed and checked; tell us whether you are satisfied' },
  noPhoto: { zh: '无照片', en: 'No photo' },
});

/** A case's status in the words a resident understands. */
export const STATUS: Record<string, Msg> = {
  reported: { zh: '待受理', en: 'Waiting to be taken on' },
  accepted: { zh: '已受理', en: 'Taken on' },
  dispatched: { zh: '已派遣', en: 'Sent to a handler' },
  in_progress: { zh: '处理中', en: 'Being handled' },
  handled: { zh: '已处理，待核查', en: 'Handled, being checked' },
  closed: { zh: '已核查结案', en: 'Checked and closed' },
  rated: { zh: '已评价', en: 'Rated' },
  returned: { zh: '重新派遣中', en: 'Being reassigned' },
  parked: { zh: '暂缓办理', en: 'On hold' },
  rejected: { zh: '不予受理', en: 'Not taken on' },
  cancelled: { zh: '已撤销', en: 'Withdrawn' },
  merged: { zh: '已与其他事件合并', en: 'Merged with another case' },
};

/** The tag colour of a status. */
export const STATUS_COLOUR: Record<string, string> = {
  reported: 'blue',
  accepted: 'geekblue',
  dispatched: 'processing',
  in_progress: 'processing',
  handled: 'cyan',
  closed: 'success',
  rated: 'green',
  returned: 'orange',
  parked: 'warning',
  rejected: 'default',
  cancelled: 'default',
  merged: 'default',
};
