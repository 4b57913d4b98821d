/**
 * The backup file: gzip of JSON lines. Line 1 is the header (format, version, when, which database,
 * migrations, tables with their columns and row counts, sequence states); then for each table in
 * foreign-key order a `{"table": name}` line followed by one JSON array per row (every value as its
 * PostgreSQL text form, or null); last an `{"end": true, "rows": n}` line, so a cut-off file is detected.
 */
export const BACKUP_FORMAT = 'gongzhi-backup';
export const BACKUP_VERSION = 1;

export interface BackupHeader {
  format: typeof BACKUP_FORMAT;
  version: number;
  createdAt: string;
  database: 'pglite' | 'postgres';
  serverVersion: string;
  migrations: string[];
  tables: { name: string; columns: { name: string; type: string }[]; rows: number }[];
  sequences: { name: string; lastValue: number; isCalled: boolean }[];
}

export interface BackupStats {
  file: string;
  bytes: number;
  tables: number;
  rows: number;
  ms: number;
}

export interface RestoreStats {
  file: string;
  tables: number;
  rows: number;
  ms: number;
}

/** Session settings that make every value's text form exact and portable (both directions). */
export const PORTABLE_SETTINGS = [
  `set local timezone = 'UTC'`,
  `set local datestyle = 'ISO, YMD'`,
  `set local intervalstyle = 'postgres'`,
  `set local extra_float_digits = 1`,
  `set local bytea_output = 'hex'`,
];
