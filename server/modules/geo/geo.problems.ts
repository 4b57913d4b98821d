/** Problem reports of the geo module: one item per problem, with a message in the caller's language. */
import type { GeoProblem } from '../../../common/geo/index.js';
import { errorMessage, type ErrorCode, type Locale } from '../../../common/i18n/errors.js';

/** One problem of an import (feature = 0-based index in the file) or of a split/merge (part = 0-based). */
export interface ProblemItem {
  feature?: number | null;
  part?: number | null;
  code: string | null;
  problem: ErrorCode;
  message: string;
  params?: Record<string, string | number>;
  [k: string]: unknown;
}

/** Collects problems and translates them as they come. */
export class ProblemList {
  readonly items: ProblemItem[] = [];
  constructor(
    private readonly locale: Locale,
    private readonly key: 'feature' | 'part',
  ) {}

  /** Adds a problem of item `index` (null: the whole file). */
  add(index: number | null, code: string | null, problem: ErrorCode, params: Record<string, string | number> = {}): void {
    this.items.push({ [this.key]: index, code, problem, message: errorMessage(problem, this.locale, params), ...(Object.keys(params).length && { params }) });
  }

  /** Adds a geometry problem with its reason. */
  addGeometry(index: number | null, code: string | null, p: GeoProblem): void {
    this.add(index, code, geometryProblemCode(p), geometryProblemParams(p));
  }

  get size(): number {
    return this.items.length;
  }

  /** The problems ordered by item (whole-file problems first), keeping the order within an item. */
  sorted(): ProblemItem[] {
    const at = (p: ProblemItem) => (p[this.key] as number | null | undefined) ?? -1;
    return [...this.items].sort((a, b) => at(a) - at(b));
  }
}

/** The error code of a geometry problem reason. */
export function geometryProblemCode(p: GeoProblem): ErrorCode {
  return `GEO_${p.reason}` as ErrorCode;
}

/** Message parameters of a geometry problem: where it is, and limits. */
export function geometryProblemParams(p: GeoProblem): Record<string, string | number> {
  const out: Record<string, string | number> = { at: p.at ? `${p.at[0].toFixed(6)}, ${p.at[1].toFixed(6)}` : '-' };
  if (p.reason === 'TOO_COMPLEX') out.limit = MAX_POSITIONS;
  if (p.polygon) out.polygon = p.polygon;
  if (p.ring) out.ring = p.ring;
  return out;
}

/** Most positions one grid geometry may have. */
export const MAX_POSITIONS = 100_000;
