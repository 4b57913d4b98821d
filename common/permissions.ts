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
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const STAFF_READ: Permission[] = ['org.read', 'people.read', 'patrol.read'];

/** Which permissions each role carries. A grant gives these permissions on one node and everything below it. */
export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  admin: ['org.read', 'org.manage', 'grid.manage', 'user.manage', 'people.read', 'people.write', 'people.import', 'audit.read'],
  district_operator: [...STAFF_READ, 'people.import', 'personal.reveal', 'audit.read'],
  street_operator: [...STAFF_READ, 'people.import', 'personal.reveal'],
  community_staff: [...STAFF_READ, 'people.write', 'people.import', 'personal.reveal'],
  grid_worker: [...STAFF_READ, 'people.write', 'personal.reveal', 'patrol.write'],
  department_staff: ['org.read'],
  mediator: ['org.read'],
  unit_org: ['org.read'],
  resident: [],
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
};

/** True when the role carries the permission. */
export function roleHas(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}
