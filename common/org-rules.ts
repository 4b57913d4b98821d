/** Pure rules of the organisation tree: which node type goes under which, levels, trees. */
import type { NodeTypeName } from './contracts/org.js';

export const LEVELS: Record<string, number> = { province: 50, city: 40, district: 30, street: 20, community: 10, grid: 0 };

export interface TypeRule {
  tree: 'admin' | 'department' | 'party';
  /** Allowed parent types (null: may be a root). */
  parents: (NodeTypeName | null)[];
  /** For party nodes: the admin node types they may be linked to. */
  links?: NodeTypeName[];
}

export const TYPE_RULES: Record<NodeTypeName, TypeRule> = {
  city: { tree: 'admin', parents: [null] },
  district: { tree: 'admin', parents: [null, 'city'] },
  street: { tree: 'admin', parents: ['district'] },
  community: { tree: 'admin', parents: ['street'] },
  grid: { tree: 'admin', parents: ['community'] },
  department: { tree: 'department', parents: ['city', 'district', 'street', 'department'] },
  party_committee: { tree: 'party', parents: [null, 'party_committee'], links: ['city', 'district', 'street'] },
  party_community: { tree: 'party', parents: ['party_committee'], links: ['community'] },
  party_branch: { tree: 'party', parents: ['party_community'], links: ['grid'] },
  party_group: { tree: 'party', parents: ['party_branch'], links: ['grid'] },
  party_household: { tree: 'party', parents: ['party_group'], links: ['grid'] },
};

/** The path of a new node: parent path + id for admin and department nodes; party nodes live under the
 * path of the administrative node they are linked to, so one scope check covers both trees. */
export function nodePath(type: NodeTypeName, id: number, parentPath: string | null, linkedAdminPath: string | null): string {
  if (TYPE_RULES[type].tree === 'party') return `${linkedAdminPath}p${id}/`;
  return `${parentPath ?? '/'}${id}/`;
}

/** The level of a node: by type for admin nodes, else the level of the admin node it hangs under. */
export function nodeLevel(type: NodeTypeName, anchorLevel: number | null): number {
  return LEVELS[type] ?? anchorLevel ?? 0;
}
