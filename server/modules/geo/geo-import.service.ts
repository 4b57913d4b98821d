/**
 * Grid import from a GeoJSON FeatureCollection: creates new grids and reshapes existing ones by code,
 * all or nothing. Every problem is reported (feature index, code, problem, translated message).
 */
import type { Kysely, Transaction } from 'kysely';
import type { DB, GeoJsonGeometry } from '../../platform/db/schema.js';
import { AppError } from '../../platform/http/errors.js';
import { audit, type AuditContext } from '../../platform/audit/index.js';
import { can, type Actor } from '../../platform/authz/index.js';
import type { Locale } from '../../../common/i18n/errors.js';
import { createNodeUnchecked } from '../org/index.js';
import {
  bboxOf,
  bboxesOverlap,
  geometriesOverlap,
  geometryWithin,
  validateGeometry,
  GRID_CODE_PATTERN,
  type AreaGeometry,
  type BBox,
} from '../../../common/geo/index.js';
import { MAX_POSITIONS, ProblemList } from './geo.problems.js';
import { withGridChange } from './grid-freshness.js';
import * as repo from './geo.repository.js';

type Q = Kysely<DB> | Transaction<DB>;

export const MAX_FEATURES = 5000;
/** Overlap tolerance between grids (degrees): shared edges may differ by this much. */
export const OVERLAP_TOL = 1e-9;
/** Containment tolerance (degrees, ~0.1 m): a grid may stray this far beyond its community. */
export const WITHIN_TOL = 1e-6;

export interface ImportOptions {
  dryRun?: boolean;
  locale?: Locale;
  audit?: AuditContext;
  filename?: string | null;
}

export interface ImportedGrid {
  id: number | null;
  code: string;
  nameZh: string;
  nameEn: string;
  communityId: number;
}

export interface ImportResult {
  dryRun: boolean;
  created: ImportedGrid[];
  updated: ImportedGrid[];
  changeIds: number[];
}

/** The import's input: parsed JSON, or the text of an uploaded file. */
export type ImportInput = { json: unknown } | { text: string };

interface Candidate {
  index: number;
  code: string;
  nameZh: string | null;
  nameEn: string | null;
  communityCode: string;
  geometry: AreaGeometry | null;
  bbox: BBox | null;
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
/** A code given as a string or as an integer (GIS tools often store codes as numbers). */
const codeOf = (v: unknown): string | null =>
  typeof v === 'string' ? v.trim() : typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 ? String(v) : null;
const nameOf = (v: unknown): string | null | undefined => (v == null ? undefined : typeof v === 'string' ? v.trim() : null);

/** Imports grids; throws 422 GEOJSON_INVALID with the full report when anything is wrong. */
export async function importGrids(db: Kysely<DB>, actor: Actor | null, input: ImportInput, opts: ImportOptions = {}): Promise<ImportResult> {
  const problems = new ProblemList(opts.locale ?? 'zh-CN', 'feature');
  const doc = readDocument(input, problems);
  const candidates = doc ? parseFeatures(doc, problems) : [];
  checkWithinFile(candidates, problems);
  const reject = () => new AppError(422, 'GEOJSON_INVALID', { count: problems.size }, problems.sorted());
  if (problems.size > 0 || opts.dryRun) {
    const plan = await checkAgainstDatabase(db, actor, candidates, problems);
    if (problems.size > 0) throw reject();
    return { dryRun: true, created: plan.created.map((p) => p.grid), updated: plan.updated.map((p) => p.grid), changeIds: [] };
  }
  return withGridChange(db, () =>
    db.transaction().execute(async (tx) => {
      await repo.bumpGridVersion(tx); // also the lock that serialises grid changes
      const plan = await checkAgainstDatabase(tx, actor, candidates, problems);
      if (problems.size > 0) throw reject();
      return applyPlan(tx, actor, plan, opts);
    }),
  );
}

/** The FeatureCollection, or null after reporting why there is none. */
function readDocument(input: ImportInput, problems: ProblemList): Record<string, unknown> | null {
  let doc: unknown;
  if ('text' in input) {
    try {
      doc = JSON.parse(input.text.replace(/^\uFEFF/, ''));
    } catch {
      problems.add(null, null, 'GEO_NOT_JSON');
      return null;
    }
  } else doc = input.json;
  if (!isObj(doc) || doc.type !== 'FeatureCollection' || !Array.isArray(doc.features)) {
    problems.add(null, null, 'GEO_NOT_FEATURE_COLLECTION');
    return null;
  }
  if (doc.features.length === 0) problems.add(null, null, 'GEO_EMPTY');
  if (doc.features.length > MAX_FEATURES) {
    problems.add(null, null, 'GEO_TOO_MANY_FEATURES', { count: doc.features.length, limit: MAX_FEATURES });
    return null;
  }
  return doc;
}

/** Checks each feature on its own: structure, code, names, community code, geometry, duplicate codes. */
function parseFeatures(doc: Record<string, unknown>, problems: ProblemList): Candidate[] {
  const out: Candidate[] = [];
  const firstByCode = new Map<string, number>();
  (doc.features as unknown[]).forEach((f, index) => {
    if (!isObj(f) || f.type !== 'Feature') return problems.add(index, null, 'GEO_NOT_FEATURE');
    const props = isObj(f.properties) ? f.properties : {};
    const code = codeOf(props.code);
    let ok = true;
    if (!code || !GRID_CODE_PATTERN.test(code)) {
      problems.add(index, code, 'GEO_CODE_INVALID');
      ok = false;
    } else if (firstByCode.has(code)) {
      problems.add(index, code, 'GEO_DUPLICATE_CODE', { code, first: firstByCode.get(code)! + 1 });
      ok = false;
    } else firstByCode.set(code, index);
    const nameZh = nameOf(props.name_zh ?? props.name);
    const nameEn = nameOf(props.name_en);
    if (nameZh === null || nameEn === null || (nameZh !== undefined && (nameZh.length < 1 || nameZh.length > 100)) || (nameEn !== undefined && (nameEn.length < 1 || nameEn.length > 200))) {
      problems.add(index, code, 'GEO_NAME_INVALID');
      ok = false;
    }
    const communityCode = codeOf(props.community_code);
    if (!communityCode) {
      problems.add(index, code, 'GEO_COMMUNITY_MISSING');
      ok = false;
    }
    const check = validateGeometry(f.geometry, { maxPositions: MAX_POSITIONS, tol: OVERLAP_TOL });
    if (!check.ok) problems.addGeometry(index, code, check.problem);
    if (!ok) return;
    out.push({
      index,
      code: code!,
      nameZh: nameZh ?? null,
      nameEn: nameEn ?? null,
      communityCode: communityCode!,
      geometry: check.ok ? check.geometry : null,
      bbox: check.ok ? bboxOf(check.geometry) : null,
    });
  });
  return out;
}

/** Overlaps between grids of the file. */
function checkWithinFile(cands: Candidate[], problems: ProblemList) {
  const shaped = cands.filter((c) => c.geometry);
  for (let i = 0; i < shaped.length; i++)
    for (let j = i + 1; j < shaped.length; j++) {
      const a = shaped[i]!;
      const b = shaped[j]!;
      if (bboxesOverlap(a.bbox!, b.bbox!, OVERLAP_TOL) && geometriesOverlap(a.geometry!, b.geometry!, OVERLAP_TOL)) {
        problems.add(b.index, b.code, 'GEO_OVERLAP', { other: a.code });
      }
    }
}

interface PlannedGrid {
  grid: ImportedGrid;
  geometry: AreaGeometry;
  bbox: BBox;
  previous?: GeoJsonGeometry | null;
}
interface Plan {
  created: PlannedGrid[];
  updated: PlannedGrid[];
}

/** Checks against the database: communities, codes in use, community outlines, existing grids. */
async function checkAgainstDatabase(db: Q, actor: Actor | null, cands: Candidate[], problems: ProblemList): Promise<Plan> {
  const plan: Plan = { created: [], updated: [] };
  if (cands.length === 0) return plan;
  const nodes = await repo.nodesByCodes(db, [...new Set(cands.flatMap((c) => [c.code, c.communityCode]))]);
  const byCode = new Map(nodes.map((n) => [n.code, n]));
  const parents = new Map((await repo.nodesByIds(db, [...new Set(nodes.filter((n) => n.type === 'grid' && n.parent_id).map((n) => n.parent_id!))])).map((n) => [n.id, n]));
  const manages = (path: string) => !actor || can(actor, 'grid.manage', path);
  const reads = (path: string) => !actor || can(actor, 'org.read', path);
  const outlines = new Map<number, AreaGeometry | null>();
  const replacedIds = new Set<number>();
  const ready: { c: Candidate; communityId: number }[] = [];
  for (const c of cands) {
    const community = byCode.get(c.communityCode);
    if (!community || community.type !== 'community' || !community.active || !manages(community.path)) {
      problems.add(c.index, c.code, 'GEO_COMMUNITY_UNKNOWN', { community: c.communityCode });
      continue;
    }
    const existing = byCode.get(c.code);
    if (existing && (existing.type !== 'grid' || !existing.active || !manages(existing.path))) {
      problems.add(c.index, c.code, 'GEO_CODE_TAKEN', { code: c.code });
      continue;
    }
    if (existing && existing.parent_id !== community.id) {
      const actual = parents.get(existing.parent_id!)?.code ?? '-';
      problems.add(c.index, c.code, 'GEO_COMMUNITY_MISMATCH', { code: c.code, actual, community: c.communityCode });
      continue;
    }
    if (!c.geometry) continue; // its geometry problem is already reported
    if (!outlines.has(community.id)) {
      const v = community.geometry ? validateGeometry(community.geometry) : null;
      outlines.set(community.id, v?.ok ? v.geometry : null);
    }
    const outline = outlines.get(community.id);
    if (outline && !geometryWithin(c.geometry, outline, WITHIN_TOL)) {
      problems.add(c.index, c.code, 'GEO_OUTSIDE_COMMUNITY', { community: `${community.name_zh} (${community.code})` });
    }
    if (existing) replacedIds.add(existing.id);
    ready.push({ c, communityId: community.id });
    const grid: ImportedGrid = {
      id: existing?.id ?? null,
      code: c.code,
      nameZh: c.nameZh ?? existing?.name_zh ?? c.code,
      nameEn: c.nameEn ?? existing?.name_en ?? c.code,
      communityId: community.id,
    };
    const planned = { grid, geometry: c.geometry, bbox: c.bbox!, previous: existing ? (existing.geometry as GeoJsonGeometry | null) : undefined };
    (existing ? plan.updated : plan.created).push(planned);
  }
  // Overlaps with active grids that stay as they are.
  if (ready.length) {
    const box = ready.reduce<BBox>((b, { c }) => [Math.min(b[0], c.bbox![0]), Math.min(b[1], c.bbox![1]), Math.max(b[2], c.bbox![2]), Math.max(b[3], c.bbox![3])], [Infinity, Infinity, -Infinity, -Infinity]);
    const others = (await repo.activeGridsInBox(db, box)).filter((g) => !replacedIds.has(g.id));
    const shapes = others.flatMap((g) => {
      const v = validateGeometry(g.geometry);
      return v.ok ? [{ g, geometry: v.geometry, bbox: bboxOf(v.geometry) }] : [];
    });
    for (const { c } of ready)
      for (const o of shapes) {
        if (bboxesOverlap(c.bbox!, o.bbox, OVERLAP_TOL) && geometriesOverlap(c.geometry!, o.geometry, OVERLAP_TOL)) {
          problems.add(c.index, c.code, 'GEO_OVERLAP', { other: reads(o.g.path) ? o.g.code : '-' });
        }
      }
  }
  return plan;
}

/** Writes the plan: new grids, reshaped grids, one change per community and kind, one audit row. */
async function applyPlan(tx: Transaction<DB>, actor: Actor | null, plan: Plan, opts: ImportOptions): Promise<ImportResult> {
  const changeIds: number[] = [];
  const changeOf = new Map<string, number>();
  const change = async (kind: 'import' | 'reshape', communityId: number) => {
    const key = `${kind}:${communityId}`;
    if (!changeOf.has(key)) {
      const id = await repo.insertChange(tx, { kind, communityId, note: opts.filename ?? null, createdBy: actor?.userId ?? null });
      changeOf.set(key, id);
      changeIds.push(id);
    }
    return changeOf.get(key)!;
  };
  for (const p of plan.created) {
    const node = await createNodeUnchecked(tx, {
      parentId: p.grid.communityId,
      type: 'grid',
      code: p.grid.code,
      nameZh: p.grid.nameZh,
      nameEn: p.grid.nameEn,
      geometry: p.geometry as GeoJsonGeometry,
      bbox: p.bbox,
    });
    p.grid.id = node.id;
    await repo.insertChangeNodes(tx, [{ change_id: await change('import', p.grid.communityId), node_id: node.id, action: 'created' }]);
  }
  for (const p of plan.updated) {
    await repo.updateGrid(tx, p.grid.id!, { geometry: p.geometry as GeoJsonGeometry, bbox: p.bbox, nameZh: p.grid.nameZh, nameEn: p.grid.nameEn });
    await repo.insertChangeNodes(tx, [{ change_id: await change('reshape', p.grid.communityId), node_id: p.grid.id!, action: 'reshaped', previous_geometry: p.previous ?? null }]);
  }
  await audit(tx, opts.audit ?? { actor, ip: null }, {
    action: 'geo.grids_import',
    entity: 'grid_change',
    entityId: changeIds[0] ?? null,
    detail: { filename: opts.filename ?? null, created: plan.created.map((p) => p.grid.code), updated: plan.updated.map((p) => p.grid.code), changeIds, via: actor ? 'api' : 'cli' },
  });
  return { dryRun: false, created: plan.created.map((p) => p.grid), updated: plan.updated.map((p) => p.grid), changeIds };
}
