/** The category tree in memory: parents, children, chains, depth and who may pick what. Pure. */
import type { LimitsOverride } from '../../../common/deadline-limits.js';
import type { CategoryLevel } from '../../platform/db/tables/categories.js';

/** Categories go at most this many levels deep (top level = 1). */
export const MAX_DEPTH = 3;

/** One stored category, as the module and its callers see it. */
export interface CategoryRecord {
  id: number;
  parentId: number | null;
  code: string;
  nameZh: string;
  nameEn: string;
  keywords: string;
  descriptionZh: string;
  descriptionEn: string;
  defaultLevel: CategoryLevel;
  /** Suffix of a department's code (`<district>-CG` → 'CG'); not inherited. */
  defaultDepartmentCode: string | null;
  /** The category's own limit overrides (absent pairs come from the parent). */
  limits: LimitsOverride | null;
  public: boolean;
  active: boolean;
  sort: number;
  updatedAt: Date;
}

/** A category with what the tree knows about it. */
export interface CaseCategory extends CategoryRecord {
  /** 1 for a top-level category. */
  depth: number;
  /** No active sub-categories. */
  leaf: boolean;
  /** A case may be filed in it: active, all ancestors active, a leaf. */
  selectable: boolean;
  /** A resident may choose it: selectable, and it and all its ancestors are public. */
  residentSelectable: boolean;
}

/** An immutable index over all categories. */
export class CategoryTree {
  private readonly byId = new Map<number, CategoryRecord>();
  private readonly kids = new Map<number | null, CategoryRecord[]>();
  private readonly described = new Map<number, CaseCategory>();
  /** Every category in display order: depth first, siblings by sort then id. */
  readonly ordered: CaseCategory[];

  constructor(
    records: readonly CategoryRecord[],
    /** The version of the categories this tree was built from. */
    readonly version = 0,
  ) {
    for (const r of records) this.byId.set(r.id, r);
    for (const r of records) {
      const p = r.parentId !== null && this.byId.has(r.parentId) ? r.parentId : null;
      (this.kids.get(p) ?? this.kids.set(p, []).get(p)!).push(r);
    }
    for (const list of this.kids.values()) list.sort((a, b) => a.sort - b.sort || a.id - b.id);
    this.ordered = [];
    const walk = (parent: number | null, seen: Set<number>) => {
      for (const r of this.kids.get(parent) ?? []) {
        if (seen.has(r.id)) continue; // never loop on a corrupt tree
        seen.add(r.id);
        this.ordered.push(this.get(r.id)!);
        walk(r.id, seen);
      }
    };
    walk(null, new Set());
  }

  /** The stored category, or undefined. */
  record(id: number): CategoryRecord | undefined {
    return this.byId.get(id);
  }

  /** The category with its tree facts, or undefined. */
  get(id: number): CaseCategory | undefined {
    let c = this.described.get(id);
    if (!c) {
      c = this.describe(id);
      if (c) this.described.set(id, c);
    }
    return c;
  }

  /** The category whose code this is. */
  byCode(code: string): CaseCategory | undefined {
    for (const r of this.byId.values()) if (r.code === code) return this.get(r.id);
    return undefined;
  }

  /** Direct sub-categories in display order. */
  children(id: number | null): CategoryRecord[] {
    return this.kids.get(id) ?? [];
  }

  /** Ancestors and the category itself, root first; empty when unknown. */
  chain(id: number): CategoryRecord[] {
    const out: CategoryRecord[] = [];
    const seen = new Set<number>();
    for (let r = this.byId.get(id); r && !seen.has(r.id); r = r.parentId === null ? undefined : this.byId.get(r.parentId)) {
      seen.add(r.id);
      out.unshift(r);
    }
    return out;
  }

  /** True when `id` is `ancestor` or lies below it. */
  isWithin(id: number, ancestor: number): boolean {
    return this.chain(id).some((r) => r.id === ancestor);
  }

  /** Levels from this category down to its deepest descendant (1 for a category without children). */
  height(id: number): number {
    const kids = this.children(id);
    return 1 + (kids.length ? Math.max(...kids.map((k) => this.height(k.id))) : 0);
  }

  private describe(id: number): CaseCategory | undefined {
    const r = this.byId.get(id);
    if (!r) return undefined;
    const chain = this.chain(id);
    const leaf = !this.children(id).some((k) => k.active);
    const selectable = leaf && chain.every((c) => c.active);
    return { ...r, depth: chain.length, leaf, selectable, residentSelectable: selectable && chain.every((c) => c.public) };
  }
}
