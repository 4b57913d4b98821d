/** Checksums of table contents, to verify a restore (and the demo generator's determinism). */
import { sql, type Kysely } from 'kysely';
import { readCatalog } from './catalog.js';
import { PORTABLE_SETTINGS } from './format.js';

/** md5 of every table's rows in key order (text forms, portable settings), minus the excluded columns. */
export async function tableChecksums(db: Kysely<any>, opts: { tables?: string[]; excludeColumns?: string[] } = {}): Promise<Record<string, string>> {
  return db.transaction().execute(async (tx) => {
    for (const s of PORTABLE_SETTINGS) await sql.raw(s).execute(tx);
    const catalog = await readCatalog(tx);
    const out: Record<string, string> = {};
    for (const t of catalog.tables) {
      if (opts.tables && !opts.tables.includes(t.name)) continue;
      const cols = t.columns.filter((c) => !opts.excludeColumns?.includes(c.name));
      const row = sql.join(cols.map((c) => sql`coalesce(${sql.id(c.name)}::text, '∅')`), sql`, `);
      const text = sql`array_to_string(array[${row}], '|')`;
      const order = t.primaryKey.length ? sql.join(t.primaryKey.map((k) => sql.id(k))) : text;
      const r = await sql<{ h: string }>`
        select md5(coalesce(string_agg(${text}, E'\\n' order by ${order}), '')) as h from ${sql.id(t.name)}`.execute(tx);
      out[t.name] = r.rows[0]!.h;
    }
    return out;
  });
}
