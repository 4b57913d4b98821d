/** Shapes of the organisation API as the web app reads them. */
import type { Permission } from '../../../common/permissions.js';

export type TreeName = 'admin' | 'department' | 'party';

export interface TreeItem {
  id: number;
  parentId: number | null;
  type: string;
  level: number;
  code: string;
  nameZh: string;
  nameEn: string;
  adminNodeId: number | null;
  active: boolean;
  inScope: boolean;
}

export interface Figures {
  grids: number;
  buildings: number;
  households: number;
  residents: number;
  partyMembers: number;
  keyPopulations: Record<string, number>;
}

export interface NodeRef {
  id: number;
  type: string;
  code?: string;
  nameZh: string;
  nameEn: string;
  active?: boolean;
}

export interface NodeDetail {
  id: number;
  parentId: number | null;
  tree: TreeName;
  type: string;
  level: number;
  code: string;
  nameZh: string;
  nameEn: string;
  adminNodeId: number | null;
  active: boolean;
  retiredAt: string | null;
  attrs: Record<string, unknown>;
  geometry: { type: 'Polygon' | 'MultiPolygon'; coordinates: unknown } | null;
  bbox: number[] | null;
  ancestors: NodeRef[];
  children: NodeRef[];
  party: NodeRef[];
  staff: { userId: number; displayName: string; role: string }[];
  figures: Figures;
  abilities: Permission[];
}
