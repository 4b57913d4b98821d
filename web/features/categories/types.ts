/** Shapes of the categories API as the web app reads them. */
import type { HandlerKind, Limit, LimitsOverride, Stage } from '../../../common/deadline-limits.js';
import type { CategoryLevelName } from '../../../common/contracts/categories.js';

/** One category of GET /api/categories. */
export interface CategoryItem {
  id: number;
  parentId: number | null;
  code: string;
  nameZh: string;
  nameEn: string;
  descriptionZh: string;
  descriptionEn: string;
  defaultLevel: CategoryLevelName;
  public: boolean;
  active: boolean;
  sort: number;
  depth: number;
  leaf: boolean;
  selectable: boolean;
  residentSelectable: boolean;
}

export interface CategoryRef {
  id: number;
  code: string;
  nameZh: string;
  nameEn: string;
}

export type ResolvedLimits = Record<HandlerKind, Record<Stage, Limit & { source: number | null }>>;

/** GET /api/categories/:id. */
export interface CategoryDetail extends CategoryItem {
  keywords: string;
  defaultDepartmentCode: string | null;
  limits: LimitsOverride | null;
  resolvedLimits: ResolvedLimits;
  path: CategoryRef[];
  children: (CategoryRef & { active: boolean })[];
  updatedAt: string;
}

/** One hit of GET /api/categories/search. */
export interface CategoryHit extends CategoryItem {
  path: CategoryRef[];
  score: number;
}

/** What the picker hands back besides the id. */
export interface PickedCategory {
  id: number;
  code: string;
  nameZh: string;
  nameEn: string;
  path: CategoryRef[];
}
