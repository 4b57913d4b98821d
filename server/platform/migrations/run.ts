import { sql, type Kysely } from 'kysely';

/** Runs DDL statements one by one (the PGlite bridge accepts one statement per query). */
export async function runStatements(db: Kysely<any>, statements: string[]): Promise<void> {
  for (const s of statements) await sql.raw(s).execute(db);
}
