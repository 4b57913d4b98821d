/** Logical backup and restore of the whole database, portable between PGlite and PostgreSQL. See README.md. */
export { writeBackup } from './backup.js';
export { restoreBackup, readBackupHeader } from './restore.js';
export { readCatalog, appliedMigrations, dropSecondaryIndexes, createIndexes, type Catalog, type TableInfo } from './catalog.js';
export { tableChecksums } from './checksum.js';
export type { BackupHeader, BackupStats, RestoreStats } from './format.js';
