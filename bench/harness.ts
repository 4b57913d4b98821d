/**
 * The benchmark contract. Each benchmark is `bench/<name>.bench.ts` exporting `run(ctx)`, which measures
 * the thing and a baseline in the same run and returns one result; `npm run bench -- <name>` prints it as
 * the last line, one JSON object. On PostgreSQL when DATABASE_URL is set, else on a throwaway PGlite.
 */
export interface BenchContext {
  /** 'postgres' when DATABASE_URL is set, else 'pglite'. */
  db: 'postgres' | 'pglite';
  databaseUrl: string | null;
  /** A scratch directory the benchmark may use and delete. */
  scratchDir: string;
  log(msg: string): void;
}

export interface BenchResult {
  bench: string;
  db: 'postgres' | 'pglite' | 'none';
  value: number;
  unit: string;
  baseline: number;
  ratio: number;
  p50_ms?: number;
  p95_ms?: number;
  p99_ms?: number;
  target?: string;
  [k: string]: unknown;
}

export interface Bench {
  name: string;
  run(ctx: BenchContext): Promise<BenchResult>;
}

/** Percentile (0–100) of a list of numbers, nearest-rank. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

/** Rounds to a few significant decimals for printing. */
export const round = (n: number, d = 3) => Math.round(n * 10 ** d) / 10 ** d;
