/**
 * Case statistics (事件统计): the request schema of GET /api/stats/cases and the shape of its answer, shared by
 * the server and the web app. Formulas: server/modules/cases/README.md "Statistics" and
 * docs/decisions/0004-case-metrics.md.
 */
import { z } from 'zod';
import { id } from './accounts.js';

/** The longest period one request may cover, in days (three years). */
export const STATS_MAX_DAYS = 1096;

export const caseStatsQuery = z.object({
  /** An administrative node (cases located under it) or a department (cases it handled); default: the caller's top node. */
  nodeId: id.optional(),
  /** First and last day of the period, China time, both included; default: this month up to today. */
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
});
export type CaseStatsQuery = z.infer<typeof caseStatsQuery>;

/** A rate as a fraction: numerator, denominator and num ÷ den (null when the denominator is 0). */
export interface Rate {
  num: number;
  den: number;
  value: number | null;
}

export const RATE_KEYS = ['response', 'closure', 'onTimeClosure', 'resolution', 'satisfaction', 'rework', 'extension', 'whistle'] as const;
export type RateKey = (typeof RATE_KEYS)[number];

/** The counts behind the rates, over the period (open and overdue: now). */
export interface CaseCounts {
  /** Reported in the period, not withdrawn by the reporter. */
  received: number;
  /** Of those: accepted (or rejected / merged) within the accept limit. */
  respondedOnTime: number;
  /** 应结案: handling deadline in the period (merged duplicates left out). */
  due: number;
  /** 结案: of those, closed by the end of the period. */
  closedOfDue: number;
  /** 按期结案: of those, closed no later than the deadline. */
  closedOnTime: number;
  /** Closed (verified) in the period. */
  closed: number;
  /** Of those, marked solved (the resident's answer overrides the verifier's). */
  resolved: number;
  /** Of those, whistled. */
  whistled: number;
  /** Rated by the resident in the period; satisfied; basically satisfied. */
  rated: number;
  satisfied: number;
  basic: number;
  /** Verification decisions in the period (pass or send back), and those sent back. */
  verified: number;
  reworked: number;
  /** Handling first assigned in the period, and of those extended. */
  dispatched: number;
  extended: number;
  yellowCards: number;
  redCards: number;
  pointsDeducted: number;
  /** Open now, and past the red limit of the current stage now. */
  open: number;
  overdue: number;
}

export interface CaseFigures {
  counts: CaseCounts;
  rates: Record<RateKey, Rate>;
}

export interface StatsNode {
  id: number;
  type: string;
  nameZh: string;
  nameEn: string;
  active: boolean;
}

export interface DepartmentRatings {
  /** Average whistle ratings (1–5) given in the period, and how many summons were rated. */
  speed: number | null;
  quality: number | null;
  count: number;
}

export interface CaseStatsAnswer {
  node: StatsNode & { kind: 'area' | 'grid' | 'department' };
  /** The node above it, when the caller may see its statistics too (for going back up). */
  up: StatsNode | null;
  period: { from: string; to: string; days: number };
  figures: CaseFigures;
  /** Direct subordinate administrative nodes. */
  children: { node: StatsNode; figures: CaseFigures }[];
  /** Departments under the node (their handled cases), with whistle ratings. */
  departments: { node: StatsNode; figures: CaseFigures; ratings: DepartmentRatings }[];
  /** Per day: received and closed. */
  daily: { day: string; received: number; closed: number }[];
  /** Received and closed per top-level category group, most received first. */
  categories: { id: number; code: string; nameZh: string; nameEn: string; received: number; closed: number }[];
  sources: { source: string; received: number }[];
  /** When the figures were read (open and overdue are as of this instant). */
  asOf: string;
}
