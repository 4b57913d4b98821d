/** Strings of the app shell: navigation, header, home page. */
import { defineMessages } from '../lib/i18n.js';

export const nav = defineMessages({
  home: { zh: '首页', en: 'Home' },
  org: { zh: '组织架构', en: 'Organisation' },
  cases: { zh: '事件', en: 'Cases' },
  dashboard: { zh: '事件统计', en: 'Case dashboard' },
  map: { zh: '网格地图', en: 'Grid map' },
  people: { zh: '人口房屋', en: 'People & buildings' },
  residents: { zh: '居民', en: 'Residents' },
  households: { zh: '住户', en: 'Households' },
  buildings: { zh: '楼栋', en: 'Buildings' },
  imports: { zh: '数据导入', en: 'Data import' },
  patrol: { zh: '巡查日志', en: 'Patrol log' },
  users: { zh: '用户与授权', en: 'Users & roles' },
  audit: { zh: '操作日志', en: 'Audit log' },
  calendar: { zh: '工作日历', en: 'Working-day calendar' },
  categories: { zh: '事件分类', en: 'Case categories' },
  webhooks: { zh: 'Webhook 订阅', en: 'Webhooks' },
  report: { zh: '随手拍', en: 'Report' },
  myReports: { zh: '我的上报', en: 'My reports' },
  account: { zh: '账号设置', en: 'My account' },
  signOut: { zh: '退出登录', en: 'Sign out' },
  menu: { zh: '菜单', en: 'Menu' },
  more: { zh: '更多', en: 'More' },
  otherRoles: { zh: '另有 {n} 项授权', en: '+{n} more roles' },
  noRole: { zh: '未分配角色', en: 'No role assigned' },
});

export const home = defineMessages({
  greeting: { zh: '您好，{name}', en: 'Hello, {name}' },
  scopeOf: { zh: '{role} · {node}', en: '{role} · {node}' },
  figures: { zh: '辖区概况', en: 'Area at a glance' },
  grids: { zh: '网格', en: 'Grids' },
  buildings: { zh: '楼栋', en: 'Buildings' },
  households: { zh: '住户', en: 'Households' },
  residents: { zh: '居民', en: 'Residents' },
  partyMembers: { zh: '党员', en: 'Party members' },
  keyPopulations: { zh: '重点人群', en: 'Key populations' },
  myGrid: { zh: '我的网格', en: 'My grid' },
  openGrid: { zh: '打开网格', en: 'Open grid' },
  todayPatrol: { zh: '今日巡查', en: 'Today’s patrol' },
  noPatrolToday: { zh: '今天还没有巡查记录', en: 'No patrol recorded today' },
  writePatrol: { zh: '填写今日巡查', en: 'Record today’s patrol' },
  patrolsToday: { zh: '今天已记录 {n} 次巡查', en: '{n} patrol(s) recorded today' },
  shortcuts: { zh: '常用功能', en: 'Shortcuts' },
  residentWelcome: {
    zh: '您已登录共治平台。您所在的网格是“{grid}”。',
    en: 'You are signed in to Gongzhi. Your grid is “{grid}”.',
  },
  residentHint: {
    zh: '如需更改个人信息，请联系您的网格员或社区。',
    en: 'To change your personal details, contact your grid worker or community office.',
  },
  noGrants: {
    zh: '您的账号还没有分配任何角色，请联系管理员。',
    en: 'Your account has no role yet; please ask an administrator.',
  },
  nodeCard: { zh: '所在单位', en: 'Your unit' },
  openNode: { zh: '查看组织详情', en: 'Open in organisation' },
});

export const shellMisc = defineMessages({
  tagline: {
    zh: '网格化管理 · 多元共治 —— 服务街道、社区、网格和居民',
    en: 'Grid management and co-governance for streets, communities, grid workers and residents',
  },
});
