/** Use cases of the categories module: read the tree, search it, and (case.configure) change it. */
import type { Kysely, Transaction, Updateable } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import type { CaseCategoryTable } from '../../platform/db/tables/categories.js';
import { AppError, notFound } from '../../platform/http/errors.js';
import { audit, type AuditContext } from '../../platform/audit/index.js';
import { holds, type Actor } from '../../platform/authz/index.js';
import { isUniqueViolation } from '../../platform/db/index.js';
import {
  compactLimits,
  KIND_NAMES,
  LIMIT_MAX,
  LIMIT_MIN,
  limitsProblems,
  resolveAllLimits,
  resolveLimits,
  STAGE_NAMES,
  type HandlerKind,
  type Limit,
  type LimitsOverride,
  type Stage,
} from '../../../common/deadline-limits.js';
import { queryTokens } from '../../../common/search-tokens.js';
import type { CategoryCreate, CategoryUpdate } from '../../../common/contracts/categories.js';
import { categoryTree, invalidateCategoryTree } from './categories.cache.js';
import { searchCategories as search } from './categories.search.js';
import { MAX_DEPTH, type CaseCategory, type CategoryRecord, type CategoryTree } from './categories.tree.js';
import * as repo from './categories.repository.js';

type Db = Kysely<DB> | Transaction<DB>;

/** Staff (who may file any active category, not only public ones): handlers, centres, configurers. */
function isStaff(actor: Actor | null): boolean {
  return holds(actor, 'case.handle') || holds(actor, 'case.dispatch') || holds(actor, 'case.configure');
}

/** A category visible to everyone: it and all its ancestors are active. */
function openToAll(tree: CategoryTree, id: number): boolean {
  const chain = tree.chain(id);
  return chain.length > 0 && chain.every((c) => c.active);
}

const brief = (r: CategoryRecord) => ({ id: r.id, code: r.code, nameZh: r.nameZh, nameEn: r.nameEn });

function presentItem(c: CaseCategory) {
  return {
    id: c.id,
    parentId: c.parentId,
    code: c.code,
    nameZh: c.nameZh,
    nameEn: c.nameEn,
    descriptionZh: c.descriptionZh,
    descriptionEn: c.descriptionEn,
    defaultLevel: c.defaultLevel,
    public: c.public,
    active: c.active,
    sort: c.sort,
    depth: c.depth,
    leaf: c.leaf,
    selectable: c.selectable,
    residentSelectable: c.residentSelectable,
  };
}

/** The tree as a flat list in display order: active categories, or (all) every category. */
export async function listCategories(db: Kysely<DB>, opts: { all: boolean }) {
  const tree = await categoryTree(db);
  const items = tree.ordered.filter((c) => opts.all || openToAll(tree, c.id)).map(presentItem);
  return { version: tree.version, items };
}

/** Leaves matching a query, best first (≤ 20); staff also find non-public categories. */
export async function searchCategories(db: Kysely<DB>, actor: Actor | null, q: string) {
  if (queryTokens(q).length === 0) throw new AppError(400, 'SEARCH_QUERY_UNUSABLE');
  const tree = await categoryTree(db);
  const hits = search(tree, q, { residentsOnly: !isStaff(actor) });
  return { items: hits.map((h) => ({ ...presentItem(h.category), path: h.path.map(brief), score: h.score })) };
}

/** One category with its own and resolved limits; an inactive one only for case.configure. */
export async function getCategory(db: Kysely<DB>, actor: Actor | null, id: number) {
  const tree = await categoryTree(db);
  const c = tree.get(id);
  if (!c || (!openToAll(tree, id) && !holds(actor, 'case.configure'))) throw notFound();
  const chain = tree.chain(id);
  return {
    ...presentItem(c),
    keywords: c.keywords,
    defaultDepartmentCode: c.defaultDepartmentCode,
    limits: c.limits,
    resolvedLimits: resolveAllLimits(chain),
    path: chain.slice(0, -1).map(brief),
    children: tree.children(id).map((k) => ({ ...brief(k), active: k.active })),
    updatedAt: c.updatedAt,
  };
}

/** Throws the first problem of a limits override with its (kind, stage) named in both languages. */
function checkLimits(limits: LimitsOverride | null | undefined) {
  const p = limitsProblems(limits)[0];
  if (!p) return;
  const names = { kindZh: KIND_NAMES[p.kind].zh, kindEn: KIND_NAMES[p.kind].en, stageZh: STAGE_NAMES[p.stage].zh, stageEn: STAGE_NAMES[p.stage].en };
  const path = [{ path: `limits.${p.kind}.${p.stage}`, message: p.problem }];
  if (p.problem === 'order') throw new AppError(400, 'CATEGORY_LIMIT_ORDER', { ...names, yellow: p.limit.yellow, red: p.limit.red }, path);
  if (p.problem === 'step') throw new AppError(400, 'CATEGORY_LIMIT_STEP', names, path);
  throw new AppError(400, 'CATEGORY_LIMIT_RANGE', { ...names, min: LIMIT_MIN, max: LIMIT_MAX }, path);
}

async function checkDepartment(db: Kysely<DB>, code: string | null | undefined) {
  if (code && !(await repo.departmentCodeExists(db, code))) throw new AppError(400, 'CATEGORY_DEPARTMENT_UNKNOWN', { code });
}

/** The parent a category goes under: it exists, is active when the child is, and keeps the tree ≤ MAX_DEPTH. */
function checkParent(tree: CategoryTree, parentId: number | null, opts: { childActive: boolean; subtreeHeight: number }) {
  if (parentId === null) return;
  const parent = tree.get(parentId);
  if (!parent) throw new AppError(400, 'CATEGORY_PARENT_UNKNOWN');
  if (opts.childActive && !openToAll(tree, parentId)) throw new AppError(400, 'CATEGORY_PARENT_INACTIVE', { parentZh: parent.nameZh, parentEn: parent.nameEn });
  if (parent.depth + opts.subtreeHeight > MAX_DEPTH) throw new AppError(400, 'CATEGORY_TOO_DEEP', { max: MAX_DEPTH });
}

/** Runs a change: serialised by the version row, audited by the caller, the cache dropped once committed. */
async function change<T>(db: Kysely<DB>, fn: (tx: Transaction<DB>, tree: CategoryTree) => Promise<T>): Promise<T> {
  try {
    return await db.transaction().execute(async (tx) => {
      await repo.bumpVersion(tx);
      return fn(tx, await categoryTree(tx));
    });
  } finally {
    invalidateCategoryTree(db);
  }
}

/** Creates a category (case.configure). */
export async function createCategory(db: Kysely<DB>, actor: Actor, input: CategoryCreate, ctx: AuditContext) {
  checkLimits(input.limits);
  await checkDepartment(db, input.defaultDepartmentCode);
  let id: number;
  try {
    id = await change(db, async (tx, tree) => {
      if (tree.byCode(input.code)) throw new AppError(409, 'CATEGORY_CODE_TAKEN', { code: input.code });
      checkParent(tree, input.parentId, { childActive: true, subtreeHeight: 1 });
      const sort = input.sort ?? (await repo.maxSiblingSort(tx, input.parentId)) + 10;
      const limits = compactLimits(input.limits);
      const newId = await repo.insertCategory(tx, {
        parent_id: input.parentId,
        code: input.code,
        name_zh: input.nameZh,
        name_en: input.nameEn,
        keywords: input.keywords,
        description_zh: input.descriptionZh,
        description_en: input.descriptionEn,
        default_level: input.defaultLevel,
        default_department_code: input.defaultDepartmentCode,
        limits: limits && JSON.stringify(limits),
        public: input.public,
        sort,
      });
      await audit(tx, ctx, { action: 'category.create', entity: 'case_category', entityId: newId, detail: { code: input.code, parentId: input.parentId, nameZh: input.nameZh } });
      return newId;
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw new AppError(409, 'CATEGORY_CODE_TAKEN', { code: input.code });
    throw e;
  }
  return getCategory(db, actor, id);
}

/** JSON with sorted keys, to compare stored (jsonb-ordered) and submitted values. */
function stable(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v ?? null);
  if (Array.isArray(v)) return `[${v.map(stable).join(',')}]`;
  return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${stable((v as Record<string, unknown>)[k])}`).join(',')}}`;
}

const COLUMNS: Record<keyof Omit<CategoryUpdate, 'limits'>, keyof CaseCategoryTable> = {
  parentId: 'parent_id',
  nameZh: 'name_zh',
  nameEn: 'name_en',
  keywords: 'keywords',
  descriptionZh: 'description_zh',
  descriptionEn: 'description_en',
  defaultLevel: 'default_level',
  defaultDepartmentCode: 'default_department_code',
  public: 'public',
  active: 'active',
  sort: 'sort',
};

/** Changes a category: rename, move, limits, defaults, public, active, sort (case.configure). */
export async function updateCategory(db: Kysely<DB>, actor: Actor, id: number, input: CategoryUpdate, ctx: AuditContext) {
  checkLimits(input.limits);
  await checkDepartment(db, input.defaultDepartmentCode);
  await change(db, async (tx, tree) => {
    const c = tree.get(id);
    if (!c) throw notFound();
    const before: Record<string, unknown> = { ...c };
    const after: Record<string, unknown> = { ...input };
    if (input.limits !== undefined) after.limits = compactLimits(input.limits);
    const changed = Object.keys(after).filter((k) => after[k] !== undefined && stable(after[k]) !== stable(before[k]));
    if (changed.length === 0) return;
    const parentId = input.parentId !== undefined ? input.parentId : c.parentId;
    const active = input.active ?? c.active;
    if (changed.includes('parentId') && parentId !== null && tree.isWithin(parentId, id)) throw new AppError(400, 'CATEGORY_CYCLE');
    if (changed.includes('parentId') || (changed.includes('active') && active)) {
      checkParent(tree, parentId, { childActive: active, subtreeHeight: tree.height(id) });
    }
    if (changed.includes('active') && !active) {
      const activeKids = tree.children(id).filter((k) => k.active).length;
      if (activeKids > 0) throw new AppError(409, 'CATEGORY_HAS_ACTIVE_CHILDREN', { count: activeKids });
    }
    const set: Updateable<CaseCategoryTable> = {};
    for (const k of changed) {
      if (k === 'limits') set.limits = after.limits === null ? null : JSON.stringify(after.limits);
      else (set as Record<string, unknown>)[COLUMNS[k as keyof typeof COLUMNS]] = after[k];
    }
    if (changed.includes('parentId') && input.sort === undefined) set.sort = (await repo.maxSiblingSort(tx, parentId)) + 10;
    await repo.updateCategory(tx, id, set);
    const pick = (o: Record<string, unknown>) => Object.fromEntries(changed.map((k) => [k, o[k] ?? null]));
    await audit(tx, ctx, { action: 'category.update', entity: 'case_category', entityId: id, detail: { code: c.code, fields: changed.sort(), from: pick(before), to: pick(after) } });
  });
  return getCategory(db, actor, id);
}

// ---- for other modules (exported through index.ts) ----

/** One category with its tree facts (leaf, selectable, residentSelectable), or undefined. */
export async function findCategory(db: Db, id: number): Promise<CaseCategory | undefined> {
  return (await categoryTree(db)).get(id);
}

/** The category's ancestors and itself, root first, with their tree facts; [] when unknown. */
export async function categoryChain(db: Db, id: number): Promise<CaseCategory[]> {
  const tree = await categoryTree(db);
  return tree.chain(id).map((r) => tree.get(r.id)!);
}

/** The (yellow, red) working-day limit of a stage for a kind of handler in a category (null: system defaults). */
export async function limitsFor(db: Db, categoryId: number | null, kind: HandlerKind, stage: Stage): Promise<Limit> {
  if (categoryId === null) return resolveLimits([], kind, stage);
  const tree = await categoryTree(db);
  if (!tree.record(categoryId)) throw notFound();
  return resolveLimits(tree.chain(categoryId), kind, stage);
}

/** The department a centre would normally dispatch a case of this category to, nearest to a node; or undefined. */
export async function suggestedDepartment(db: Db, categoryId: number, nodePath: string) {
  const c = (await categoryTree(db)).record(categoryId);
  if (!c?.defaultDepartmentCode) return undefined;
  return repo.nearestDepartment(db, c.defaultDepartmentCode, nodePath);
}
