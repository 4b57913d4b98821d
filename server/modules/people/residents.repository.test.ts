/**
 * The resident search against a brute-force reference (ILIKE over every row, sorted by id) on a few
 * thousand rows shaped to take every path of searchResidents: few matches, many matches found in the
 * first window, many matches elsewhere (candidates by index), and candidates the recheck must drop.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { testDatabase } from '../../test/db.js';
import { buildFixture, type Fixture } from '../../test/fixture.js';
import type { Database } from '../../platform/db/index.js';
import { makeIdNumber } from '../../../common/id-number.js';
import { residentSearch, residentSearchTokens } from './resident-search.js';
import { searchResidents, SEARCH_CAP } from './residents.repository.js';
import { escapeLike } from './resident-search.js';

let d: Database;
let fx: Fixture;
beforeAll(async () => {
  d = await testDatabase();
  fx = await buildFixture(d.db);
  // Households: G4 "和平街" (ids first), G1 "工人街", G1 traps that hold 工人 and 人街 apart.
  const households: [number, string, number][] = [
    [fx.nodes.G4.id, '平山区和平街8号', 3500],
    [fx.nodes.G1.id, '平山区工人路丁人街2号', 1200],
    [fx.nodes.G1.id, '平山区工人街5号3单元502室', 1250],
  ];
  let seq = 0;
  for (const [gridId, address, count] of households) {
    const h = await d.db.insertInto('household').values({ grid_id: gridId, household_no: `T${seq}`, address, kind: 'family' }).returning('id').executeTakeFirstOrThrow();
    const names = Array.from({ length: count }, (_, i) => (i % 3 === 0 ? '王' : '李') + '甲乙丙丁戊己庚辛'[i % 8] + (i % 5 === 0 ? '明' : ''));
    const ids = names.map(() => makeIdNumber('110101', `19${50 + (seq % 40)}-0${1 + (seq % 9)}-1${seq % 10}`, seq++));
    await sql`insert into resident (household_id, grid_id, name, gender, birth_date, id_number, relation, tags, search_tokens, ethnicity)
      select ${h.id}, ${gridId}, u.name, 'F', '1970-01-01', u.idn, 'other', case when u.n % 7 = 0 then '{elderly_alone}'::text[] else '{}' end, u.tokens, '汉族'
      from unnest(${sql.val(names)}::text[], ${sql.val(ids)}::text[], ${sql.val(names.map((n) => residentSearchTokens(n, address)))}::text[]) with ordinality as u(name, idn, tokens, n)`.execute(d.db);
  }
  await sql`analyze resident`.execute(d.db);
});
afterAll(() => d?.close());

/** Ids matching every term by plain ILIKE on name or address under a path, in id order. */
async function reference(query: string, path: string, tag?: string) {
  const terms = query.trim().split(/\s+/).map((t) => `%${escapeLike(t)}%`);
  const rows = await sql<{ id: number }>`
    select r.id from resident r join household h on h.id = r.household_id join org_node g on g.id = r.grid_id
    where g.path like ${path + '%'} and (r.name || ' ' || h.address) ilike all(${sql.val(terms)}::text[])
      ${tag ? sql`and ${tag} = any(r.tags)` : sql``}
    order by r.id`.execute(d.db);
  return rows.rows.map((r) => r.id);
}

describe('searchResidents agrees with a brute-force ILIKE', () => {
  const cases = ['工人街', '和平街', '王', '李丙', '明', '502', '3单元502', '人街', '王甲 工人街', '不存在'];
  for (const q of cases) {
    it(`"${q}" over the district and a grid, first, second and a deep page`, async () => {
      for (const path of [fx.nodes.D.path, fx.nodes.G1.path]) {
        const expected = await reference(q, path);
        for (const [page, pageSize] of [[1, 20], [2, 20], [40, 20], [3, 200]] as const) {
          const got = await searchResidents(d.db, { paths: [path], search: residentSearch(q) }, page, pageSize);
          const capped = expected.slice(0, SEARCH_CAP);
          expect(got.total).toBe(capped.length);
          expect(got.capped).toBe(expected.length > SEARCH_CAP);
          expect(got.rows.map((r) => r.id)).toEqual(capped.slice((page - 1) * pageSize, page * pageSize));
        }
      }
    });
  }

  it('combines search, tag and scope, and browses without a search', async () => {
    const expected = await reference('工人街', fx.nodes.S1.path, 'elderly_alone');
    const got = await searchResidents(d.db, { paths: [fx.nodes.S1.path], search: residentSearch('工人街'), tag: 'elderly_alone' }, 2, 50);
    expect(got.rows.map((r) => r.id)).toEqual(expected.slice(50, 100));
    const all = await searchResidents(d.db, { paths: [fx.nodes.G4.path] }, 3, 100);
    const g4 = (await d.db.selectFrom('resident').select('id').where('grid_id', '=', fx.nodes.G4.id).orderBy('id').execute()).map((r) => r.id);
    expect(all.total).toBe(g4.length);
    expect(all.rows.map((r) => r.id)).toEqual(g4.slice(200, 300));
    expect((await searchResidents(d.db, { paths: [fx.nodes.C2.path] }, 1, 20)).total).toBe(0);
  });
});
