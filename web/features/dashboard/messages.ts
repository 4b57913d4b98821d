/** Strings of the case dashboard (事件统计). */
import { defineMessages, type Msg } from '../../lib/i18n.js';
import type { RateKey } from '../../../common/contracts/case-stats.js';

export const m = defineMessages({
  title: { zh: '事件统计', en: 'Case dashboard' },
  subtitle: { zh: '{node} · {from} 至 {to}', en: '{node} · {from} to {to}' },
  asOf: { zh: '数据截至 {time}', en: 'As of {time}' },
  node: { zh: '统计范围', en: 'Area' },
  up: { zh: '返回上级：{name}', en: 'Up to {name}' },
  periodMonth: { zh: '本月', en: 'This month' },
  periodLastMonth: { zh: '上月', en: 'Last month' },
  periodYear: { zh: '本年', en: 'This year' },
  periodCustom: { zh: '自定义', en: 'Custom' },
  rates: { zh: '核心指标', en: 'Key rates' },
  counts: { zh: '事件数量', en: 'Counts' },
  received: { zh: '受理', en: 'Received' },
  due: { zh: '应结案', en: 'Due to close' },
  closed: { zh: '结案', en: 'Closed' },
  open: { zh: '当前在办', en: 'Open now' },
  overdue: { zh: '当前超时', en: 'Overdue now' },
  yellowCards: { zh: '黄牌', en: 'Yellow cards' },
  redCards: { zh: '红牌', en: 'Red cards' },
  cards: { zh: '黄牌 / 红牌', en: 'Yellow / red cards' },
  points: { zh: '扣分', en: 'Points deducted' },
  daily: { zh: '每日受理与结案', en: 'Received and closed per day' },
  dailyReceived: { zh: '受理', en: 'Received' },
  dailyClosed: { zh: '结案', en: 'Closed' },
  ranking: { zh: '排名', en: 'Ranking' },
  subordinates: { zh: '下级单位', en: 'Units below' },
  departments: { zh: '职能部门', en: 'Departments' },
  noSubordinates: { zh: '没有下级单位', en: 'No units below' },
  noDepartments: { zh: '辖区内没有职能部门', en: 'No departments in this area' },
  unit: { zh: '单位', en: 'Unit' },
  sortBy: { zh: '排序', en: 'Sort by' },
  ratings: { zh: '吹哨评价（速度 / 质量）', en: 'Whistle ratings (speed / quality)' },
  ratingsShort: { zh: '评价', en: 'Ratings' },
  ratingsCount: { zh: '{n} 次评价', en: '{n} rating(s)' },
  categories: { zh: '按事件分类', en: 'By category' },
  sources: { zh: '按来源', en: 'By source' },
  category: { zh: '分类', en: 'Category' },
  none: { zh: '本期没有事件', en: 'No cases in this period' },
  dash: { zh: '—', en: '—' },
  rateHelp: { zh: '比率 = 分子 ÷ 分母；分母为 0 时显示“—”。', en: 'Rate = numerator ÷ denominator; "—" when the denominator is 0.' },
  departmentNote: {
    zh: '部门的数字按其承办过的事件计算；“当前在办”为其手上的事件。',
    en: 'A department’s figures count the cases it handled; “open now” are the cases it holds.',
  },
  openCases: { zh: '查看在办事件', en: 'See open cases' },
  periodDays: { zh: '共 {n} 天', en: '{n} days' },
  retired: { zh: '已撤销', en: 'retired' },
});

/** Each rate: its name, what is divided by what, and the definition (README "Statistics"). */
export const RATE_TEXT: Record<RateKey, { name: Msg; fraction: Msg; help: Msg }> = {
  response: {
    name: { zh: '响应率', en: 'Response rate' },
    fraction: { zh: '按时受理 / 受理', en: 'on time / received' },
    help: {
      zh: '本期上报的事件（不含上报人撤回的）中，在受理时限内立案、签收或不予立案的比例。',
      en: 'Of the cases reported in the period (not withdrawn), the share accepted, signed for or turned down within the accept limit.',
    },
  },
  closure: {
    name: { zh: '结案率', en: 'Closure rate' },
    fraction: { zh: '结案 / 应结案', en: 'closed / due' },
    help: {
      zh: '处置时限落在本期的事件（应结案）中，到期末已结案的比例。',
      en: 'Of the cases whose handling deadline fell in the period (due to close), the share closed by the end of the period.',
    },
  },
  onTimeClosure: {
    name: { zh: '按期结案率', en: 'On-time closure' },
    fraction: { zh: '按期结案 / 应结案', en: 'on time / due' },
    help: { zh: '应结案事件中，在处置时限（含批准的延期）内结案的比例。', en: 'Of the cases due to close, the share closed by their deadline (approved extensions included).' },
  },
  resolution: {
    name: { zh: '解决率', en: 'Resolution rate' },
    fraction: { zh: '已解决 / 结案', en: 'solved / closed' },
    help: {
      zh: '本期结案的事件中标记为“已解决”的比例（居民评价时的回答优先于核查人员的判断）。',
      en: 'Of the cases closed in the period, the share marked solved (the resident’s answer overrides the verifier’s).',
    },
  },
  satisfaction: {
    name: { zh: '满意率', en: 'Satisfaction' },
    fraction: { zh: '满意+基本满意 / 评价', en: 'satisfied + basic / rated' },
    help: { zh: '本期居民评价中，“满意”和“基本满意”的比例。', en: 'Of the residents’ ratings given in the period, the share “satisfied” or “basically satisfied”.' },
  },
  rework: {
    name: { zh: '返工率', en: 'Rework rate' },
    fraction: { zh: '返工 / 核查', en: 'sent back / verifications' },
    help: {
      zh: '本期核查决定（通过或返工）中返工的比例；同一事件两次返工计两次。',
      en: 'Of the verification decisions in the period (pass or send back), the share sent back; a case sent back twice counts twice.',
    },
  },
  extension: {
    name: { zh: '延期率', en: 'Extension rate' },
    fraction: { zh: '延期 / 派遣', en: 'extended / dispatched' },
    help: { zh: '本期派遣（开始处置）的事件中，获批延期的比例。', en: 'Of the cases dispatched (handling started) in the period, the share given an extension.' },
  },
  whistle: {
    name: { zh: '吹哨率', en: 'Whistle rate' },
    fraction: { zh: '吹哨 / 结案', en: 'whistled / closed' },
    help: {
      zh: '本期结案的事件中吹过哨的比例。过低或过高都值得关注。',
      en: 'Of the cases closed in the period, the share that needed a whistle. Too low and too high are both warning signs.',
    },
  },
};
