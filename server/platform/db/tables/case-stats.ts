/** Kysely table types of the case statistics rollup. Keep in step with migrations/2026112207_case_stats.ts. */
import type { ColumnType, Generated } from 'kysely';

/** A `date` column: read as 'YYYY-MM-DD'. */
type Day = ColumnType<string, string, string>;

/** The buckets whose raw rows changed since the last refresh (append-only log; duplicates allowed). */
export interface CaseStatsDirtyTable {
  id: Generated<number>;
  node_id: number;
  day: Day;
  /** Logged for a card or points entry (areas recompute their card columns). */
  cards: Generated<boolean>;
}

/** A verification decision (verify or rework event) with its case's current grid and handler. */
export interface CaseStatsEventTable {
  event_id: number;
  case_id: number;
  day: Day;
  rework: boolean;
  grid_id: number;
  handler_id: number | null;
}

/** One node's metric numerators and denominators on one China day (see the cases README, "Statistics"). */
export interface CaseStatsDayTable {
  node_id: number;
  day: Day;
  received: Generated<number>;
  responded: Generated<number>;
  due: Generated<number>;
  closed_on_time: Generated<number>;
  closed: Generated<number>;
  resolved: Generated<number>;
  whistled: Generated<number>;
  rated: Generated<number>;
  satisfied: Generated<number>;
  basic: Generated<number>;
  verified: Generated<number>;
  reworked: Generated<number>;
  dispatched: Generated<number>;
  extended: Generated<number>;
  yellow_cards: Generated<number>;
  red_cards: Generated<number>;
  points_deducted: Generated<number>;
}

/** Cases closed after their handling deadline, by due day and closing day. */
export interface CaseStatsLateTable {
  node_id: number;
  due_day: Day;
  closed_day: Day;
  n: number;
}

/** Cases received and closed per category (leaf) and day. */
export interface CaseStatsCategoryTable {
  node_id: number;
  day: Day;
  category_id: number;
  received: Generated<number>;
  closed: Generated<number>;
}

/** Cases received per source and day. */
export interface CaseStatsSourceTable {
  node_id: number;
  day: Day;
  source: string;
  received: Generated<number>;
}

export interface CaseStatsTables {
  case_stats_dirty: CaseStatsDirtyTable;
  case_stats_event: CaseStatsEventTable;
  case_stats_day: CaseStatsDayTable;
  case_stats_late: CaseStatsLateTable;
  case_stats_category: CaseStatsCategoryTable;
  case_stats_source: CaseStatsSourceTable;
}
