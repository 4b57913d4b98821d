/** The migration list. Append only; never edit a migration after it has landed. */
import type { Kysely } from 'kysely';
import { Migrator, type Migration } from 'kysely/migration';
import { foundation } from './2026112101_foundation.js';
import { geo } from './2026112102_geo.js';
import { people } from './2026112103_people.js';
import { imports } from './2026112104_imports.js';
import { notifications } from './2026112201_notifications.js';
import { calendar } from './2026112202_calendar.js';
import { media } from './2026112203_media.js';
import { categories } from './2026112204_categories.js';
import { cases } from './2026112205_cases.js';
import { whistles } from './2026112206_whistles.js';
import { caseStats } from './2026112207_case_stats.js';

export const migrations: Record<string, Migration> = {
  '2026112101_foundation': foundation,
  '2026112102_geo': geo,
  '2026112103_people': people,
  '2026112104_imports': imports,
  '2026112201_notifications': notifications,
  '2026112202_calendar': calendar,
  '2026112203_media': media,
  '2026112204_categories': categories,
  '2026112205_cases': cases,
  '2026112206_whistles': whistles,
  '2026112207_case_stats': caseStats,
};

/** Brings the schema up to date; throws with the failing migration's name. */
export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error');
    throw new Error(`migration ${failed?.migrationName ?? '?'} failed: ${(error as Error).message ?? error}`);
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
