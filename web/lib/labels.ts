/** Names of roles and organisation node types in both languages (GLOSSARY terms). */
import type { Role, Permission } from '../../common/permissions.js';
import type { NodeTypeName } from '../../common/contracts/org.js';
import type { Msg } from './i18n.js';

export const ROLE_LABELS: Record<Role, Msg> = {
  admin: { zh: '系统管理员', en: 'Administrator' },
  district_operator: { zh: '区综治中心', en: 'District centre operator' },
  street_operator: { zh: '街道综治中心', en: 'Street centre operator' },
  community_staff: { zh: '社区工作人员', en: 'Community staff' },
  grid_worker: { zh: '网格员', en: 'Grid worker' },
  department_staff: { zh: '部门工作人员', en: 'Department staff' },
  mediator: { zh: '调解员', en: 'Mediator' },
  unit_org: { zh: '共建单位', en: 'Partner unit' },
  resident: { zh: '居民', en: 'Resident' },
  leader: { zh: '主要负责人', en: 'Principal leader' },
};

export const NODE_TYPE_LABELS: Record<NodeTypeName, Msg> = {
  city: { zh: '市', en: 'City' },
  district: { zh: '区', en: 'District' },
  street: { zh: '街道', en: 'Street' },
  community: { zh: '社区', en: 'Community' },
  grid: { zh: '网格', en: 'Grid' },
  department: { zh: '职能部门', en: 'Department' },
  party_committee: { zh: '党委', en: 'Party committee' },
  party_community: { zh: '社区党组织', en: 'Community party organisation' },
  party_branch: { zh: '网格党支部', en: 'Grid party branch' },
  party_group: { zh: '楼栋党小组', en: 'Building party group' },
  party_household: { zh: '党员中心户', en: 'Party-member centre household' },
};

export const PERMISSION_LABELS: Record<Permission, Msg> = {
  'org.read': { zh: '查看组织与地图', en: 'See organisation and map' },
  'org.manage': { zh: '管理组织架构', en: 'Manage the organisation' },
  'grid.manage': { zh: '管理网格边界', en: 'Manage grid boundaries' },
  'user.manage': { zh: '管理用户与授权', en: 'Manage users and roles' },
  'people.read': { zh: '查看人口房屋', en: 'See people and buildings' },
  'people.write': { zh: '维护人口房屋', en: 'Edit people and buildings' },
  'people.import': { zh: '批量导入居民', en: 'Import residents' },
  'personal.reveal': { zh: '查看敏感信息', en: 'Reveal personal data' },
  'patrol.write': { zh: '填写巡查日志', en: 'Write patrol log' },
  'patrol.read': { zh: '查看巡查日志', en: 'Read patrol logs' },
  'audit.read': { zh: '查看操作日志', en: 'Read the audit log' },
  'case.report': { zh: '上报事件', en: 'Report cases' },
  'case.read': { zh: '查看事件', en: 'See cases' },
  'case.handle': { zh: '办理事件', en: 'Handle cases' },
  'case.dispatch': { zh: '受理派遣与核查', en: 'Triage, dispatch and verify cases' },
  'case.whistle': { zh: '吹哨调度部门', en: 'Whistle departments' },
  'case.configure': { zh: '事件分类与工作日历', en: 'Case categories and calendar' },
  'stats.read': { zh: '查看统计分析', en: 'See statistics' },
  'webhook.manage': { zh: '管理消息推送接口', en: 'Manage webhooks' },
  'case.whistle.approve': { zh: '审批攻坚哨', en: 'Approve tough whistles' },
};

/** Label for a role (unknown roles show their code). */
export function roleLabel(role: string): Msg {
  return ROLE_LABELS[role as Role] ?? { zh: role, en: role };
}

/** Label for a node type (unknown types show their code). */
export function nodeTypeLabel(type: string): Msg {
  return NODE_TYPE_LABELS[type as NodeTypeName] ?? { zh: type, en: type };
}
