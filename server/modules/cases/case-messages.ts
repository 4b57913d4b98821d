/** Notification texts of the cases module, written at send time in both languages. */

export interface CaseRef {
  id: number;
  categoryZh: string;
  categoryEn: string;
}
type Texts = { zh: { title: string; body: string }; en: { title: string; body: string } };

const ref = (c: CaseRef) => ({ zh: `事件 #${c.id}（${c.categoryZh}）`, en: `Case #${c.id} (${c.categoryEn})` });

/** For the reporter and followers: one text per public change. */
const PUBLIC: Record<string, { zh: string; en: string }> = {
  report: { zh: '已收到您的上报，正在等待受理', en: 'We have your report; it is waiting to be accepted' },
  accept: { zh: '已受理，正在安排处理', en: 'Accepted; handling is being arranged' },
  reject: { zh: '未予立案', en: 'Not taken up' },
  dispatch: { zh: '已派给处理单位', en: 'Sent to the unit that will handle it' },
  sign: { zh: '处理单位已签收，正在处理', en: 'The handling unit has signed for it and is working on it' },
  note: { zh: '有新的办理进展', en: 'There is news on the handling' },
  finish: { zh: '已处理完毕，正在核查', en: 'Handled; being checked' },
  verify: { zh: '已核查结案，请您评价', en: 'Checked and closed; please rate the result' },
  rework: { zh: '核查未通过，正在重新处理', en: 'The check failed; it is being handled again' },
  park: { zh: '暂时无法解决，已挂账并说明原因', en: 'It cannot be solved for now; parked with an explanation' },
  unpark: { zh: '已恢复办理', en: 'Handling has resumed' },
  merge: { zh: '已与同一问题的其他上报合并办理', en: 'Merged with another report of the same problem' },
  reopen: { zh: '已按您的意见重新办理', en: 'Reopened as you asked' },
  escalate: { zh: '已超时，上级正在督办', en: 'Overdue; the level above is now supervising it' },
};

/** For staff: a case has arrived at (or come back to) their unit. */
const ARRIVAL: Record<string, { zh: string; en: string }> = {
  report: { zh: '新上报事件待受理', en: 'New report to accept' },
  dispatch: { zh: '新派遣事件待签收', en: 'New case dispatched to you' },
  hand_up: { zh: '下级上报事件待处理', en: 'Case handed up to you' },
  return: { zh: '事件被退回', en: 'Case returned to you' },
  finish: { zh: '事件已处理，待核查', en: 'Case handled; please verify' },
  rework: { zh: '核查未通过，请返工', en: 'Verification failed; please rework' },
  request_extension: { zh: '延期申请待审批', en: 'Extension request to decide' },
  decide_extension: { zh: '延期申请已审批', en: 'Your extension request was decided' },
  cc: { zh: '抄告事件，请阅知', en: 'A case was copied to you' },
  unpark: { zh: '挂账事件已恢复办理', en: 'Parked case resumed' },
  reopen: { zh: '居民不满意，事件重新办理', en: 'The resident was not satisfied; the case is reopened' },
  escalate: { zh: '下级事件红牌超时，请督办', en: 'A case below you is red-carded; please supervise' },
  warn: { zh: '事件即将超时', en: 'Case about to be overdue' },
  yellow: { zh: '事件超时，亮黄牌', en: 'Case overdue: yellow card' },
  red: { zh: '事件严重超时，亮红牌', en: 'Case badly overdue: red card' },
  whistle: { zh: '吹哨报到：请签收', en: 'Whistle: please sign' },
  whistle_rejected: { zh: '攻坚哨未获批准', en: 'Tough whistle not approved' },
  summons_sign: { zh: '部门已签收吹哨', en: 'A department signed for the whistle' },
  summons_contact: { zh: '部门已联系', en: 'A department made contact' },
  summons_arrive: { zh: '部门已到场报到', en: 'A department reported on site' },
};

/** The text the reporter gets for a public change, if the action has one. */
export function publicText(action: string, c: CaseRef, note?: string | null): Texts | null {
  const m = PUBLIC[action];
  if (!m) return null;
  const r = ref(c);
  return {
    zh: { title: `${r.zh}：${m.zh}`, body: note ?? m.zh },
    en: { title: `${r.en}: ${m.en}`, body: note ?? m.en },
  };
}

/** The text staff get when a case arrives or needs them. */
export function staffText(kind: string, c: CaseRef, note?: string | null): Texts {
  const m = ARRIVAL[kind] ?? { zh: '事件有更新', en: 'Case updated' };
  const r = ref(c);
  return {
    zh: { title: `${m.zh}：${r.zh}`, body: note ?? m.zh },
    en: { title: `${m.en}: ${r.en}`, body: note ?? m.en },
  };
}
