/**
 * The case workflow as data: which action may start from which status, who may take it, and where it
 * leads. Pure — no I/O — so that the table itself is tested move by move (case-workflow.test.ts) and the
 * service only looks things up here. The rules: ../../../../shared/docs/DOMAIN-RULES.md §2; README.md.
 */
import type { CaseStatus } from '../../platform/db/tables/cases.js';

export const CASE_ACTIONS = [
  'accept', // 立案 (a centre takes a new report) / 签收 (a handler signs for a dispatched case)
  'reject', // 不立案, with a reason
  'cancel', // the reporter withdraws a report nobody has taken yet
  'dispatch', // 派遣 down to a direct subordinate, a department of the node, or the node itself
  'hand_up', // 上报 to the direct superior
  'note', // 办理中: a progress note (photos allowed)
  'finish', // 处理反馈: the handler reports the result
  'verify', // 核查通过 → 结案 (the owner)
  'rework', // 核查不通过 → 返工 (back to the handler)
  'return', // 退回: not our responsibility, with a reason → back to the owner
  'request_extension', // 申请延期
  'decide_extension', // 审批延期 (approve or deny), by the owner
  'park', // 挂账: cannot be solved now, written reason
  'unpark',
  'merge', // a duplicate folds into another case
  'cc', // 抄告: copy to other nodes
  'edit', // fix category, location or description during triage
  'rate', // the reporter rates a closed case (and may reopen it once when not satisfied)
] as const;
export type CaseAction = (typeof CASE_ACTIONS)[number];

/** Cases in these statuses are finished for the public (Open311 `closed`). */
export const FINAL_STATUSES: readonly CaseStatus[] = ['closed', 'rated', 'rejected', 'cancelled', 'merged'];
export const OPEN_STATUSES: readonly CaseStatus[] = ['reported', 'accepted', 'dispatched', 'in_progress', 'handled', 'returned', 'parked'];

/** Node kinds as far as the workflow cares: a governance centre commands, a handler does the work. */
export type NodeKind = 'centre' | 'handler';
/** Centres are district/street/community (and city); grids and departments handle. */
export function nodeKind(type: string): NodeKind {
  return type === 'grid' || type === 'department' ? 'handler' : 'centre';
}

/**
 * Who may take an action:
 * - 'holder': staff acting for the node that holds the case, with `case.dispatch` when that node is a
 *   centre and `case.handle` when it is a grid or a department;
 * - 'holder-centre': as 'holder' but only when the holder is a centre (`case.dispatch`);
 * - 'owner': staff of the owning centre (the one that accepted the case, verifies it, decides extensions);
 * - 'reporter': the resident (or staff member) who filed the report.
 */
export type Who = 'holder' | 'holder-centre' | 'owner' | 'reporter';

export interface Rule {
  from: readonly CaseStatus[];
  who: Who;
  /** Extra condition on the case, explained by the code it fails with. */
  when?: (c: WorkflowCase) => 'ok' | WorkflowRefusal;
}

/** The few facts about a case the table looks at. */
export interface WorkflowCase {
  status: CaseStatus;
  holderNodeId: number;
  holderKind: NodeKind;
  ownerNodeId: number;
  reopenCount: number;
  hasPendingExtension: boolean;
}

export type WorkflowRefusal = 'CASE_OWNER_HOLDS' | 'CASE_EXTENSION_PENDING' | 'CASE_NO_PENDING_EXTENSION' | 'CASE_NOT_OWNER_HANDLING';

const OPEN = OPEN_STATUSES;
const delegated = (c: WorkflowCase) => (c.holderNodeId !== c.ownerNodeId ? 'ok' : 'CASE_OWNER_HOLDS');
const ownerHandles = (c: WorkflowCase) => (c.status !== 'in_progress' || c.holderNodeId === c.ownerNodeId ? 'ok' : 'CASE_NOT_OWNER_HANDLING');

export const RULES: Record<CaseAction, Rule> = {
  accept: { from: ['reported', 'dispatched'], who: 'holder' },
  reject: { from: ['reported'], who: 'holder-centre' },
  cancel: { from: ['reported'], who: 'reporter' },
  dispatch: { from: ['accepted', 'returned'], who: 'holder-centre' },
  hand_up: { from: ['accepted', 'returned', 'dispatched', 'in_progress'], who: 'holder' },
  note: { from: ['accepted', 'dispatched', 'in_progress', 'returned', 'handled', 'parked'], who: 'holder' },
  finish: { from: ['in_progress'], who: 'holder' },
  verify: { from: ['handled'], who: 'holder-centre' },
  rework: { from: ['handled'], who: 'holder-centre' },
  return: { from: ['dispatched', 'in_progress'], who: 'holder', when: delegated },
  request_extension: {
    from: ['in_progress'],
    who: 'holder',
    when: (c) => (c.hasPendingExtension ? 'CASE_EXTENSION_PENDING' : delegated(c)),
  },
  decide_extension: { from: ['in_progress'], who: 'owner', when: (c) => (c.hasPendingExtension ? 'ok' : 'CASE_NO_PENDING_EXTENSION') },
  park: { from: ['accepted', 'returned', 'in_progress'], who: 'holder-centre', when: ownerHandles },
  unpark: { from: ['parked'], who: 'holder-centre' },
  merge: { from: ['reported', 'accepted', 'returned'], who: 'holder-centre' },
  cc: { from: OPEN, who: 'holder-centre' },
  edit: { from: ['reported', 'accepted', 'returned'], who: 'holder-centre' },
  rate: { from: ['closed'], who: 'reporter' },
};

/**
 * Where an action leads (the status after it), given the facts the service knows at that moment:
 * `targetKind` is the kind of the node the case moves to (dispatch to self means handling it here).
 */
export function nextStatus(action: CaseAction, c: WorkflowCase, opts: { targetKind?: NodeKind; toSelf?: boolean; reopen?: boolean } = {}): CaseStatus | null {
  switch (action) {
    case 'accept':
      return c.holderKind === 'centre' ? 'accepted' : 'in_progress';
    case 'reject':
      return 'rejected';
    case 'cancel':
      return 'cancelled';
    case 'dispatch':
      return opts.toSelf ? 'in_progress' : 'dispatched';
    case 'hand_up':
    case 'unpark':
      return 'accepted';
    case 'finish':
      return 'handled';
    case 'verify':
      return 'closed';
    case 'rework':
      return 'in_progress';
    case 'return':
      return 'returned';
    case 'park':
      return 'parked';
    case 'merge':
      return 'merged';
    case 'rate':
      return opts.reopen ? 'accepted' : 'rated';
    default:
      return null; // note, request/decide extension, cc, edit: no change of status
  }
}

/** The deadline stage a status runs under (null: no clock). */
export function stageOf(status: CaseStatus): 'accept' | 'handle' | 'verify' | null {
  switch (status) {
    case 'reported':
    case 'accepted':
    case 'dispatched':
    case 'returned':
      return 'accept';
    case 'in_progress':
      return 'handle';
    case 'handled':
      return 'verify';
    default:
      return null;
  }
}

/** Whether the action may start from the case's status, and why not (a stable error code) if not. */
export function check(action: CaseAction, c: WorkflowCase): 'ok' | 'CASE_BAD_STATUS' | WorkflowRefusal {
  const rule = RULES[action];
  if (!rule.from.includes(c.status)) return 'CASE_BAD_STATUS';
  if (rule.who === 'holder-centre' && c.holderKind !== 'centre') return 'CASE_BAD_STATUS';
  return rule.when ? rule.when(c) : 'ok';
}
