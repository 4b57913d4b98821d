/** Types of the case dashboard: the API answer (common/contracts/case-stats.ts). */
export type { CaseStatsAnswer, CaseFigures, CaseCounts, Rate, RateKey, StatsNode, DepartmentRatings } from '../../../common/contracts/case-stats.js';
