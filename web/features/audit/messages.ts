/** Strings of the audit log page, and the names of audited actions. */
import { defineMessages, type Msg } from '../../lib/i18n.js';

export const m = defineMessages({
  title: { zh: '操作日志', en: 'Audit log' },
  subtitle: { zh: '谁在何时做了什么；查看敏感信息的每一次记录都在这里', en: 'Who did what and when; every reveal of personal data is recorded here' },
  action: { zh: '操作', en: 'Action' },
  anyAction: { zh: '全部操作', en: 'All actions' },
  actor: { zh: '操作人', en: 'By' },
  target: { zh: '对象', en: 'Record' },
  node: { zh: '所属范围', en: 'Area' },
  reason: { zh: '事由', en: 'Reason' },
  detail: { zh: '详情', en: 'Details' },
  ip: { zh: 'IP 地址', en: 'IP address' },
  system: { zh: '系统', en: 'System' },
  area: { zh: '范围', en: 'Area' },
  allArea: { zh: '我负责的全部范围', en: 'All my area' },
  capped: { zh: '结果过多，仅统计前 {n} 条，请缩小范围', en: 'Too many rows; only the first {n} are counted — narrow the filter' },
  field: { zh: '字段', en: 'Field' },
});

/** Names of the actions the server records (unknown actions show their code). */
export const ACTIONS: Record<string, Msg> = {
  'personal.reveal': { zh: '查看敏感信息', en: 'Revealed personal data' },
  'personal.lookup': { zh: '按身份证号查找', en: 'Looked up by ID number' },
  'people.sensitive_list': { zh: '按敏感标签筛选', en: 'Listed by a sensitive tag' },
  'people.import': { zh: '导入居民', en: 'Imported residents' },
  'people.import_rejected': { zh: '导入被拒绝', en: 'Import rejected' },
  'resident.create': { zh: '新增居民', en: 'Added a resident' },
  'resident.update': { zh: '修改居民信息', en: 'Edited a resident' },
  'household.create': { zh: '新增住户', en: 'Added a household' },
  'household.update': { zh: '修改住户', en: 'Edited a household' },
  'building.create': { zh: '新增楼栋', en: 'Added a building' },
  'building.update': { zh: '修改楼栋', en: 'Edited a building' },
  'house.create': { zh: '新增房屋', en: 'Added a home' },
  'patrol.create': { zh: '填写巡查日志', en: 'Wrote a patrol entry' },
  'patrol.update': { zh: '修改巡查日志', en: 'Edited a patrol entry' },
  'org.node_create': { zh: '新增组织节点', en: 'Created an organisation node' },
  'org.node_update': { zh: '修改组织节点', en: 'Edited an organisation node' },
  'org.node_delete': { zh: '删除组织节点', en: 'Deleted an organisation node' },
  'geo.grids_import': { zh: '导入网格边界', en: 'Imported grid boundaries' },
  'geo.grid_split': { zh: '拆分网格', en: 'Split a grid' },
  'geo.grid_merge': { zh: '合并网格', en: 'Merged grids' },
  'user.create': { zh: '新建用户', en: 'Created a user' },
  'user.update': { zh: '修改用户', en: 'Edited a user' },
  'user.password_reset': { zh: '重置密码', en: 'Reset a password' },
  'user.password_change': { zh: '修改本人密码', en: 'Changed own password' },
  'grant.add': { zh: '授予角色', en: 'Granted a role' },
  'grant.remove': { zh: '移除角色', en: 'Removed a role' },
  'auth.login': { zh: '登录', en: 'Signed in' },
  'auth.logout': { zh: '退出登录', en: 'Signed out' },
  'demo.seed': { zh: '生成演示数据', en: 'Generated demo data' },
};

/** Names of the kinds of record an audit row is about. */
export const ENTITIES: Record<string, Msg> = {
  resident: { zh: '居民', en: 'Resident' },
  household: { zh: '住户', en: 'Household' },
  building: { zh: '楼栋', en: 'Building' },
  house: { zh: '房屋', en: 'Home' },
  user: { zh: '用户', en: 'User' },
  org_node: { zh: '组织节点', en: 'Organisation node' },
  grid: { zh: '网格', en: 'Grid' },
  grid_change: { zh: '网格调整', en: 'Grid change' },
  patrol: { zh: '巡查记录', en: 'Patrol entry' },
  patrol_log: { zh: '巡查记录', en: 'Patrol entry' },
  import_job: { zh: '导入任务', en: 'Import' },
  system: { zh: '系统', en: 'System' },
};
