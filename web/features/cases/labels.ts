/** Names of case statuses, timeline actions, stages, cards and sources in both languages (GLOSSARY terms). */
import type { Msg } from '../../lib/i18n.js';
import type { CaseStatus, Stage, WhistleKind, WhistleStatus } from './types.js';

export const STATUS_ORDER: CaseStatus[] = ['reported', 'accepted', 'dispatched', 'in_progress', 'handled', 'returned', 'parked', 'closed', 'rated', 'rejected', 'cancelled', 'merged'];

export const STATUS_LABELS: Record<CaseStatus, Msg> = {
  reported: { zh: '待受理', en: 'Reported' },
  accepted: { zh: '已立案', en: 'Accepted' },
  dispatched: { zh: '已派遣', en: 'Dispatched' },
  in_progress: { zh: '办理中', en: 'In progress' },
  handled: { zh: '待核查', en: 'Handled' },
  closed: { zh: '已结案', en: 'Closed' },
  rated: { zh: '已评价', en: 'Rated' },
  returned: { zh: '已退回', en: 'Returned' },
  parked: { zh: '挂账', en: 'Parked' },
  rejected: { zh: '不予立案', en: 'Rejected' },
  cancelled: { zh: '已撤销', en: 'Cancelled' },
  merged: { zh: '已合并', en: 'Merged' },
};

/** Ant Design tag colours per status: open work blue/orange, finished green, side paths grey/purple. */
export const STATUS_COLOURS: Record<CaseStatus, string> = {
  reported: 'orange',
  accepted: 'blue',
  dispatched: 'geekblue',
  in_progress: 'processing',
  handled: 'cyan',
  closed: 'success',
  rated: 'green',
  returned: 'magenta',
  parked: 'purple',
  rejected: 'default',
  cancelled: 'default',
  merged: 'default',
};

/** Hex colours per status for map points (cards override). */
export const STATUS_HEX: Record<CaseStatus, string> = {
  reported: '#fa8c16',
  accepted: '#1677ff',
  dispatched: '#2f54eb',
  in_progress: '#1677ff',
  handled: '#13c2c2',
  closed: '#52c41a',
  rated: '#389e0d',
  returned: '#eb2f96',
  parked: '#722ed1',
  rejected: '#8c8c8c',
  cancelled: '#8c8c8c',
  merged: '#8c8c8c',
};

export const PUBLIC_STATUS_LABELS: Record<'open' | 'closed', Msg> = {
  open: { zh: '处理中', en: 'Open' },
  closed: { zh: '已办结', en: 'Closed' },
};

export const STAGE_LABELS: Record<Stage, Msg> = {
  accept: { zh: '受理时限', en: 'Time to accept' },
  handle: { zh: '办理时限', en: 'Time to handle' },
  verify: { zh: '核查时限', en: 'Time to verify' },
};

export const SOURCE_LABELS: Record<string, Msg> = {
  resident: { zh: '居民上报', en: 'Resident' },
  patrol: { zh: '网格员巡查', en: 'Patrol' },
  staff: { zh: '工作人员录入', en: 'Staff' },
  hotline: { zh: '热线电话', en: 'Hotline' },
  open311: { zh: 'Open311 接口', en: 'Open311' },
  sensor: { zh: '物联感知', en: 'Sensor' },
};

export const SATISFACTION_LABELS: Record<'satisfied' | 'basic' | 'unsatisfied', Msg> = {
  satisfied: { zh: '满意', en: 'Satisfied' },
  basic: { zh: '基本满意', en: 'Basically satisfied' },
  unsatisfied: { zh: '不满意', en: 'Not satisfied' },
};

export const WHISTLE_KIND_LABELS: Record<WhistleKind, Msg> = {
  routine: { zh: '日常吹哨', en: 'Routine' },
  tough: { zh: '攻坚吹哨', en: 'Tough problem' },
  emergency: { zh: '应急吹哨', en: 'Emergency' },
};

export const WHISTLE_STATUS_LABELS: Record<WhistleStatus, Msg> = {
  pending_approval: { zh: '待领导审批', en: 'Awaiting approval' },
  open: { zh: '报到中', en: 'Open' },
  closed: { zh: '已结束', en: 'Closed' },
  rejected: { zh: '未批准', en: 'Not approved' },
};

/** Timeline actions (server: README "Events"), plus the few that depend on the event's data. */
export const ACTION_LABELS: Record<string, Msg> = {
  report: { zh: '上报', en: 'Reported' },
  accept: { zh: '受理立案', en: 'Accepted' },
  sign: { zh: '签收', en: 'Signed for' },
  reject: { zh: '不予立案', en: 'Rejected' },
  cancel: { zh: '撤销上报', en: 'Withdrawn' },
  dispatch: { zh: '派遣', en: 'Dispatched' },
  dispatch_self: { zh: '本单位自办', en: 'Handled by own unit' },
  hand_up: { zh: '上报上级', en: 'Handed up' },
  note: { zh: '办理进展', en: 'Progress note' },
  finish: { zh: '处理反馈', en: 'Reported as handled' },
  verify: { zh: '核查结案', en: 'Verified and closed' },
  rework: { zh: '核查不通过，返工', en: 'Sent back for rework' },
  return: { zh: '退回', en: 'Returned' },
  request_extension: { zh: '申请延期', en: 'Extension requested' },
  decide_extension: { zh: '延期审批', en: 'Extension decided' },
  extension_approved: { zh: '同意延期', en: 'Extension approved' },
  extension_denied: { zh: '不同意延期', en: 'Extension denied' },
  park: { zh: '挂账', en: 'Parked' },
  unpark: { zh: '恢复办理', en: 'Resumed' },
  merge: { zh: '合并到其他事件', en: 'Merged into another case' },
  merged_in: { zh: '合并了重复上报', en: 'Duplicate merged in' },
  cc: { zh: '抄告', en: 'Copied' },
  cc_read: { zh: '抄告已阅', en: 'Copy read' },
  edit: { zh: '修改事件信息', en: 'Details corrected' },
  rate: { zh: '居民评价', en: 'Rated' },
  reopen: { zh: '不满意，重新办理', en: 'Reopened (not satisfied)' },
  follow: { zh: '关注', en: 'Followed' },
  photo_publish: { zh: '照片设为公开', en: 'Photo made public' },
  photo_unpublish: { zh: '照片取消公开', en: 'Photo made private' },
  card_yellow: { zh: '超时亮黄牌', en: 'Yellow card (overdue)' },
  card_red: { zh: '严重超时亮红牌', en: 'Red card (badly overdue)' },
  escalate: { zh: '超时升级督办', en: 'Escalated to the level above' },
  whistle: { zh: '吹哨，召集部门报到', en: 'Whistle blown: departments summoned' },
  whistle_request: { zh: '申请攻坚吹哨（待领导审批）', en: 'Tough whistle requested (awaiting approval)' },
  whistle_rejected: { zh: '攻坚吹哨未获批准', en: 'Tough whistle not approved' },
  summons_sign: { zh: '部门签收', en: 'Department signed' },
  summons_contact: { zh: '部门已联系', en: 'Department made contact' },
  summons_arrive: { zh: '部门到场报到', en: 'Department reported on site' },
  summons_rate: { zh: '评价报到部门', en: 'Department rated' },
};

/** The label of a status (unknown statuses show their code). */
export function statusLabel(s: string): Msg {
  return STATUS_LABELS[s as CaseStatus] ?? { zh: s, en: s };
}

/** The label of a source. */
export function sourceLabel(s: string): Msg {
  return SOURCE_LABELS[s] ?? { zh: s, en: s };
}

/** A dispatch to the dispatching unit itself (residents' events carry no data: compare the units). */
export function isSelfDispatch(e: { action: string; actorNode?: { id: number } | null; toNode?: { id: number } | null; data?: Record<string, unknown> }): boolean {
  return e.action === 'dispatch' && (!!e.data?.self || (!!e.toNode && e.toNode.id === e.actorNode?.id));
}

/** The label of a timeline event: a grid's or department's accept is a signature, a self-dispatch is "own unit". */
export function actionLabel(e: { action: string; actorNode?: { id: number; type: string } | null; toNode?: { id: number } | null; data?: Record<string, unknown> }): Msg {
  if (e.action === 'accept' && e.actorNode && (e.actorNode.type === 'grid' || e.actorNode.type === 'department')) return ACTION_LABELS.sign!;
  if (isSelfDispatch(e)) return ACTION_LABELS.dispatch_self!;
  if (e.action === 'decide_extension' && typeof e.data?.approve === 'boolean') return e.data.approve ? ACTION_LABELS.extension_approved! : ACTION_LABELS.extension_denied!;
  return ACTION_LABELS[e.action] ?? { zh: e.action, en: e.action };
}
