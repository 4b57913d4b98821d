/**
 * Case statistics (事件统计) for any node and period: the formulas of DOMAIN-RULES §9 (README "Statistics",
 * docs/decisions/0004-case-metrics.md) over the exact rollup (case-stats.refresh.ts), refreshed before each
 * read, plus the live "open / overdue now" counts, a ranking of the direct subordinates and departments, a
 * daily series and the breakdowns by category group and source.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import { authorize, can, scopePaths, type Actor } from '../../platform/authz/index.js';
import { AppError, notFound } from '../../platform/http/errors.js';
import { chinaDayOf, chinaMidnight, dayNumber, isoDayOf } from '../../../common/working-days.js';
import { RATE_KEYS, STATS_MAX_DAYS, type CaseCounts, type CaseFigures, type CaseStatsAnswer, type CaseStatsQuery, type Rate, type RateKey, type StatsNode } from '../../../common/contracts/case-stats.js';
import { categoryTree } from '../categories/index.js';
import { refreshCaseStats } from './case-stats.refresh.js';
import * as repo from './case-stats.repository.js';
import type { Counters, LiveCount } from './case-stats.repository.js';

export { refreshCaseStats, rebuildCaseStats, type RefreshResult } from './case-stats.refresh.js';
export { directCounters, type Counters, type Scope } from './case-stats.repository.js';

/** num ÷ den, or null for 0 ÷ 0 (shown as "—"). */
export function rate(num: number, den: number): Rate {
  return { num, den, value: den === 0 ? null : num / den };
}

/** The rates of DOMAIN-RULES §9 from the counts. */
export function ratesOf(c: Counters): Record<RateKey, Rate> {
  const rates: Record<RateKey, Rate> = {
    response: rate(c.respondedOnTime, c.received),
    closure: rate(c.closedOfDue, c.due),
    onTimeClosure: rate(c.closedOnTime, c.due),
    resolution: rate(c.resolved, c.closed),
    satisfaction: rate(c.satisfied + c.basic, c.rated),
    rework: rate(c.reworked, c.verified),
    extension: rate(c.extended, c.dispatched),
    whistle: rate(c.whistled, c.closed),
  };
  return Object.fromEntries(RATE_KEYS.map((k) => [k, rates[k]])) as Record<RateKey, Rate>;
}

/** Counts and rates together. */
export function figuresOf(c: Counters, live: LiveCount): CaseFigures {
  const counts: CaseCounts = { ...c, open: live.open, overdue: live.overdue };
  return { counts, rates: ratesOf(c) };
}

export interface Period {
  /** First day, last day (both included), and the exclusive end day. */
  from: string;
  to: string;
  end: string;
  days: number;
}

/** The period asked for: defaults to this month up to today (China time); checked for order and length. */
export function resolvePeriod(q: { from?: string; to?: string }, now: Date = new Date()): Period {
  const today = chinaDayOf(now);
  const to = q.to ?? (q.from && q.from > today ? q.from : today);
  const from = q.from ?? to.slice(0, 8) + '01';
  const a = dayNumber(from);
  const b = dayNumber(to);
  if (a === null || b === null) throw new AppError(400, 'VALIDATION_FAILED');
  if (b < a) throw new AppError(400, 'STATS_PERIOD_ORDER', { from, to });
  if (b - a + 1 > STATS_MAX_DAYS) throw new AppError(400, 'STATS_PERIOD_TOO_LONG', { max: STATS_MAX_DAYS });
  return { from, to, end: isoDayOf(b + 1), days: b - a + 1 };
}

type NodeRow = { id: number; parent_id: number | null; type: string; tree: string; path: string; name_zh: string; name_en: string; active: boolean };
const nodeOut = (n: NodeRow): StatsNode => ({ id: n.id, type: n.type, nameZh: n.name_zh, nameEn: n.name_en, active: n.active });
const NODE_COLS = ['id', 'parent_id', 'type', 'tree', 'path', 'name_zh', 'name_en', 'active'] as const;

/** The node asked for, or the caller's top node with stats.read; authorized (404 outside scope, 403 inside). */
async function targetNode(db: Kysely<DB>, actor: Actor, nodeId: number | undefined): Promise<NodeRow> {
  let id = nodeId;
  if (id === undefined) {
    const top = scopePaths(actor, 'stats.read')[0];
    if (!top) throw new AppError(403, 'FORBIDDEN');
    id = Number(top.split('/').filter(Boolean).pop());
  }
  const node = await db.selectFrom('org_node').select(NODE_COLS).where('id', '=', id).executeTakeFirst();
  if (!node) throw notFound();
  authorize(actor, 'stats.read', node.path);
  if (node.tree === 'party') throw new AppError(422, 'STATS_NODE_KIND');
  return node;
}

/** The figures of a node over a period, with its subordinates, departments, daily series and breakdowns. */
export async function getCaseStats(db: Kysely<DB>, actor: Actor, q: CaseStatsQuery, now: Date = new Date()): Promise<CaseStatsAnswer> {
  const node = await targetNode(db, actor, q.nodeId);
  const period = resolvePeriod(q, now);
  await refreshCaseStats(db);
  const isDept = node.tree === 'department';
  const [children, departments] = await Promise.all([
    isDept || node.type === 'grid'
      ? Promise.resolve([] as NodeRow[])
      : db.selectFrom('org_node').select(NODE_COLS).where('parent_id', '=', node.id).where('tree', '=', 'admin').orderBy('sort').orderBy('code').execute(),
    node.type === 'grid'
      ? Promise.resolve([] as NodeRow[])
      : db.selectFrom('org_node').select(NODE_COLS).where('tree', '=', 'department').where('path', 'like', node.path + '%').where('id', '<>', node.id).orderBy('path').execute(),
  ]);
  const parent = node.parent_id ? await db.selectFrom('org_node').select(NODE_COLS).where('id', '=', node.parent_id).executeTakeFirst() : undefined;
  const up = parent && parent.tree !== 'party' && can(actor, 'stats.read', parent.path) ? nodeOut(parent) : null;
  const ids = [node.id, ...children.map((c) => c.id), ...departments.map((d) => d.id)];
  const fromAt = chinaMidnight(period.from);
  const endAt = chinaMidnight(period.end);
  const [counters, daily, categories, sources, area, held, ratings, tree] = await Promise.all([
    repo.rollupCounters(db, ids, period.from, period.end),
    repo.dailySeries(db, node.id, period.from, period.end),
    repo.categoryCounts(db, node.id, period.from, period.end),
    repo.sourceCounts(db, node.id, period.from, period.end),
    isDept ? Promise.resolve(null) : repo.liveByArea(db, node.path, now),
    repo.liveByHolder(db, isDept ? [node.id, ...departments.map((d) => d.id)] : departments.map((d) => d.id), now),
    repo.departmentRatings(db, departments.map((d) => d.id), fromAt, endAt),
    categoryTree(db),
  ]);
  const none: LiveCount = { open: 0, overdue: 0 };
  const figures = (id: number, live: LiveCount) => figuresOf(counters.get(id) ?? repo.ZERO, live);
  const hasAny = (id: number) => Object.values(counters.get(id) ?? repo.ZERO).some((v) => v !== 0);

  // Category groups: leaves summed into their top-level group.
  const groups = new Map<number, { received: number; closed: number }>();
  for (const c of categories) {
    const top = tree.chain(c.categoryId)[0];
    const key = top?.id ?? c.categoryId;
    const g = groups.get(key) ?? { received: 0, closed: 0 };
    g.received += c.received;
    g.closed += c.closed;
    groups.set(key, g);
  }
  const byDay = new Map(daily.map((d) => [d.day, d]));
  const start = dayNumber(period.from)!;
  return {
    node: { ...nodeOut(node), kind: isDept ? 'department' : node.type === 'grid' ? 'grid' : 'area' },
    up,
    period: { from: period.from, to: period.to, days: period.days },
    figures: figures(node.id, isDept ? (held.get(node.id) ?? none) : area!.total),
    children: children
      .filter((c) => c.active || hasAny(c.id) || (area?.byChild.get(c.id)?.open ?? 0) > 0)
      .map((c) => ({ node: nodeOut(c), figures: figures(c.id, area?.byChild.get(c.id) ?? none) })),
    departments: departments
      .filter((d) => d.active || hasAny(d.id))
      .map((d) => ({ node: nodeOut(d), figures: figures(d.id, held.get(d.id) ?? none), ratings: ratings.get(d.id) ?? { speed: null, quality: null, count: 0 } })),
    daily: Array.from({ length: period.days }, (_, i) => {
      const day = isoDayOf(start + i);
      const d = byDay.get(day);
      return { day, received: d?.received ?? 0, closed: d?.closed ?? 0 };
    }),
    categories: [...groups.entries()]
      .map(([id, g]) => {
        const c = tree.record(id);
        return { id, code: c?.code ?? '', nameZh: c?.nameZh ?? '', nameEn: c?.nameEn ?? '', ...g };
      })
      .sort((a, b) => b.received - a.received || b.closed - a.closed || a.id - b.id),
    sources,
    asOf: now.toISOString(),
  };
}
