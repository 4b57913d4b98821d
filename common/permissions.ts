/** The permission catalogue: every role, every permission, and which role holds which. Pure data. */

export const ROLES = [
  'admin',
  'district_operator',
  'street_operator',
  'community_staff',
  'grid_worker',
  'department_staff',
  'mediator',
  'unit_org',
  'resident',
  'leader',
] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  'org.read', // see the organisation tree, grids and the map inside one's scope
  'org.manage', // create, rename, move organisation nodes; departments; party tree
  'grid.manage', // import grid polygons, split and merge grids
  'user.manage', // users and their role grants
  'people.read', // buildings, households, residents (masked)
  'people.write', // edit base data
  'people.import', // bulk import residents and households
  'personal.reveal', // reveal one masked personal field, with a reason (audited)
  'patrol.write', // write one's own patrol log
  'patrol.read', // read patrol logs in scope
  'audit.read', // read the audit log in scope
  'case.report', // file a case (a resident about her surroundings; staff from a patrol or a phone call)
  'case.read', // read cases in scope: located there, or held, dispatched, copied or whistled there
  'case.handle', // act for the node holding a case: sign, note, finish, return, hand up, ask for more time
  'case.dispatch', // a governance centre's command: triage, dispatch, copy, verify, approve extensions, park, merge
  'case.whistle', // blow a whistle summoning departments (街乡吹哨)
  'case.whistle.approve', // approve a "tough" whistle (攻坚哨): the principal leader of the street
  'case.configure', // categories, the working-day calendar, deadline limits
  'stats.read', // dashboards and statistics in scope
  'webhook.manage', // outbound webhook subscriptions
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const STAFF_READ: Permission[] = ['org.read', 'people.read', 'patrol.read', 'case.read', 'case.report', 'case.handle'];
const CENTRE: Permission[] = ['case.dispatch', 'stats.read'];

/** Which permissions each role carries. A grant gives these permissions on one node and everything below it. */
export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  admin: ['org.read', 'org.manage', 'grid.manage', 'user.manage', 'people.read', 'people.write', 'people.import', 'audit.read', 'case.configure', 'webhook.manage'],
  district_operator: [...STAFF_READ, ...CENTRE, 'people.import', 'personal.reveal', 'audit.read'],
  street_operator: [...STAFF_READ, ...CENTRE, 'case.whistle', 'people.import', 'personal.reveal'],
  community_staff: [...STAFF_READ, ...CENTRE, 'people.write', 'people.import', 'personal.reveal'],
  grid_worker: [...STAFF_READ, 'people.write', 'personal.reveal', 'patrol.write'],
  department_staff: ['org.read', 'case.read', 'case.handle'],
  mediator: ['org.read'],
  unit_org: ['org.read'],
  resident: ['case.report'],
  leader: ['org.read', 'case.read', 'stats.read', 'case.whistle.approve'],
};

/** Node types a role may be granted on (a grant elsewhere makes no sense and is refused). */
export const ROLE_NODE_TYPES: Record<Role, readonly string[]> = {
  admin: ['city', 'district'],
  district_operator: ['district'],
  street_operator: ['street'],
  community_staff: ['community'],
  grid_worker: ['grid'],
  department_staff: ['department'],
  mediator: ['street', 'community'],
  unit_org: ['community'],
  resident: ['grid'],
  leader: ['district', 'street', 'community'],
};

/** True when the role carries the permission. */
export function roleHas(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}
