/**
 * Deadline limits of a case (DOMAIN-RULES §2): per stage (accept / handle / verify) and per kind of handler
 * (an administrative node or a functional department), a yellow and a red limit in working days. The system
 * defaults come from a real system; a case category may override any (kind, stage) pair, and a category
 * without its own pair inherits its parent's, up to the system default. Pure: no I/O.
 */

export const STAGES = ['accept', 'handle', 'verify'] as const;
export type Stage = (typeof STAGES)[number];

export const HANDLER_KINDS = ['admin', 'department'] as const;
export type HandlerKind = (typeof HANDLER_KINDS)[number];

/** A yellow and a red limit, in working days. */
export interface Limit {
  yellow: number;
  red: number;
}

/** A category's own overrides: any subset of (kind, stage) pairs. */
export type LimitsOverride = { [K in HandlerKind]?: { [S in Stage]?: Limit } };

export const LIMIT_MIN = 0.5;
export const LIMIT_MAX = 365;
/** Limits are whole or half working days. */
export const LIMIT_STEP = 0.5;

/**
 * The system defaults. accept/handle: DOMAIN-RULES §2 (administrative nodes 1/2 and 1/2; departments 1/2 to
 * accept, 5/10 to handle). verify: our own default (the rules give none), 1/2 for both kinds.
 */
export const DEFAULT_LIMITS: Readonly<Record<HandlerKind, Readonly<Record<Stage, Limit>>>> = {
  admin: { accept: { yellow: 1, red: 2 }, handle: { yellow: 1, red: 2 }, verify: { yellow: 1, red: 2 } },
  department: { accept: { yellow: 1, red: 2 }, handle: { yellow: 5, red: 10 }, verify: { yellow: 1, red: 2 } },
};

/** Display names of the stages and handler kinds (zh-CN / en). */
export const STAGE_NAMES: Record<Stage, { zh: string; en: string }> = {
  accept: { zh: '受理', en: 'accept' },
  handle: { zh: '处置', en: 'handle' },
  verify: { zh: '核查', en: 'verify' },
};
export const KIND_NAMES: Record<HandlerKind, { zh: string; en: string }> = {
  admin: { zh: '行政节点', en: 'administrative node' },
  department: { zh: '职能部门', en: 'department' },
};

export type LimitProblemKind = 'range' | 'step' | 'order';

export interface LimitProblem {
  kind: HandlerKind;
  stage: Stage;
  problem: LimitProblemKind;
  limit: Limit;
}

const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** What is wrong with one limit, or null: both within 0.5–365, in half days, yellow not after red. */
export function checkLimit(l: Limit): LimitProblemKind | null {
  if (!isNumber(l.yellow) || !isNumber(l.red)) return 'range';
  if ([l.yellow, l.red].some((v) => v < LIMIT_MIN || v > LIMIT_MAX)) return 'range';
  if ([l.yellow, l.red].some((v) => !Number.isInteger(v / LIMIT_STEP))) return 'step';
  if (l.yellow > l.red) return 'order';
  return null;
}

/** Every problem of an override set, in kind then stage order; empty when it is valid (or null). */
export function limitsProblems(o: LimitsOverride | null | undefined): LimitProblem[] {
  const out: LimitProblem[] = [];
  if (!o) return out;
  for (const kind of HANDLER_KINDS) {
    for (const stage of STAGES) {
      const limit = o[kind]?.[stage];
      if (!limit) continue;
      const problem = checkLimit(limit);
      if (problem) out.push({ kind, stage, problem, limit });
    }
  }
  return out;
}

/** The override set without empty kinds, or null when nothing is overridden (what a category stores). */
export function compactLimits(o: LimitsOverride | null | undefined): LimitsOverride | null {
  if (!o) return null;
  const out: LimitsOverride = {};
  for (const kind of HANDLER_KINDS) {
    const stages: { [S in Stage]?: Limit } = {};
    for (const stage of STAGES) {
      const l = o[kind]?.[stage];
      if (l) stages[stage] = { yellow: l.yellow, red: l.red };
    }
    if (Object.keys(stages).length > 0) out[kind] = stages;
  }
  return Object.keys(out).length > 0 ? out : null;
}

/** A resolved limit and where it comes from: a category id, or null for the system default. */
export interface ResolvedLimit extends Limit {
  source: number | null;
}

/** A category as the resolver needs it. */
export interface LimitsHolder {
  id?: number;
  limits?: LimitsOverride | null;
}

/** The nearest valid override of a pair, leaf first; malformed stored values are skipped. */
function nearest(chain: readonly LimitsHolder[], kind: HandlerKind, stage: Stage): { limit: Limit; source: number | null } | null {
  for (let i = chain.length - 1; i >= 0; i--) {
    const l = chain[i]!.limits?.[kind]?.[stage];
    if (l && checkLimit(l) === null) return { limit: { yellow: l.yellow, red: l.red }, source: chain[i]!.id ?? null };
  }
  return null;
}

/** The limit of a (kind, stage) for a category, given its chain from the root to the category itself. */
export function resolveLimits(chain: readonly LimitsHolder[], kind: HandlerKind, stage: Stage): Limit {
  const hit = nearest(chain, kind, stage);
  return hit ? hit.limit : { ...DEFAULT_LIMITS[kind][stage] };
}

/** Like resolveLimits, also saying which category (or null: the system default) the limit comes from. */
export function resolveLimitWithSource(chain: readonly LimitsHolder[], kind: HandlerKind, stage: Stage): ResolvedLimit {
  const hit = nearest(chain, kind, stage);
  return hit ? { ...hit.limit, source: hit.source } : { ...DEFAULT_LIMITS[kind][stage], source: null };
}

/** Every (kind, stage) resolved for a chain, with its source. */
export function resolveAllLimits(chain: readonly LimitsHolder[]): Record<HandlerKind, Record<Stage, ResolvedLimit>> {
  const of = (kind: HandlerKind) =>
    Object.fromEntries(STAGES.map((s) => [s, resolveLimitWithSource(chain, kind, s)])) as Record<Stage, ResolvedLimit>;
  return { admin: of('admin'), department: of('department') };
}
