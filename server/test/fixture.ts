/**
 * A small jurisdiction for tests: one district, two streets, three communities, four grids, a department,
 * a party branch, a few residents, and one user per role (plus users of other scopes to test isolation).
 */
import type { Kysely } from 'kysely';
import type { DB, GeoJsonGeometry } from '../platform/db/schema.js';
import { createNodeUnchecked } from '../modules/org/index.js';
import { hashPassword } from '../platform/auth/sessions.js';
import { documentTokens } from '../../common/search-tokens.js';
import { makeIdNumber } from '../../common/id-number.js';
import type { Role } from '../../common/permissions.js';

export const PASSWORD = 'correct-horse-9';

/** An axis-aligned square polygon. */
export function box(minLng: number, minLat: number, maxLng: number, maxLat: number): GeoJsonGeometry {
  return { type: 'Polygon', coordinates: [[[minLng, minLat], [maxLng, minLat], [maxLng, maxLat], [minLng, maxLat], [minLng, minLat]]] };
}

export type Fixture = Awaited<ReturnType<typeof buildFixture>>;

/** Builds the fixture; every id it made is returned by name. */
export async function buildFixture(db: Kysely<DB>) {
  const node = (parentId: number | null, type: any, code: string, nameZh: string, nameEn: string, geometry?: GeoJsonGeometry, adminNodeId?: number) =>
    createNodeUnchecked(db, {
      parentId,
      type,
      code,
      nameZh,
      nameEn,
      geometry: geometry ?? null,
      bbox: geometry ? bboxOf(geometry) : null,
      adminNodeId: adminNodeId ?? null,
    });
  const D = await node(null, 'district', '210502', '平山区', 'Pingshan District', box(123.7, 41.3, 123.74, 41.31));
  const S1 = await node(D.id, 'street', '210502001', '千金街道', 'Qianjin Street', box(123.7, 41.3, 123.73, 41.31));
  const S2 = await node(D.id, 'street', '210502002', '桥头街道', 'Qiaotou Street', box(123.73, 41.3, 123.74, 41.31));
  const C1 = await node(S1.id, 'community', '210502001001', '石榴园社区', 'Shiliuyuan Community', box(123.7, 41.3, 123.72, 41.31));
  const C2 = await node(S1.id, 'community', '210502001002', '通化社区', 'Tonghua Community', box(123.72, 41.3, 123.73, 41.31));
  const C3 = await node(S2.id, 'community', '210502002001', '东明社区', 'Dongming Community', box(123.73, 41.3, 123.74, 41.31));
  const G1 = await node(C1.id, 'grid', '21050200100101', '石榴园第一网格', 'Shiliuyuan Grid 1', box(123.7, 41.3, 123.71, 41.31));
  const G2 = await node(C1.id, 'grid', '21050200100102', '石榴园第二网格', 'Shiliuyuan Grid 2', box(123.71, 41.3, 123.72, 41.31));
  const G3 = await node(C2.id, 'grid', '21050200100201', '通化第一网格', 'Tonghua Grid 1', box(123.72, 41.3, 123.73, 41.31));
  const G4 = await node(C3.id, 'grid', '21050200200101', '东明第一网格', 'Dongming Grid 1', box(123.73, 41.3, 123.74, 41.31));
  const DEP = await node(D.id, 'department', 'DEP-CG', '区城市管理局', 'District Urban Management Bureau');
  const PC = await node(null, 'party_committee', 'P-210502', '平山区委', 'Pingshan District Party Committee', undefined, D.id);
  const PCC1 = await node(PC.id, 'party_community', 'P-C1', '石榴园社区党委', 'Shiliuyuan Community Party Committee', undefined, C1.id);
  const PB1 = await node(PCC1.id, 'party_branch', 'P-G1', '石榴园第一网格党支部', 'Shiliuyuan Grid 1 Party Branch', undefined, G1.id);

  const residents: Record<string, number> = {};
  const households: Record<string, number> = {};
  const buildings: Record<string, number> = {};
  let seq = 1;
  for (const [grid, key] of [[G1, 'g1'], [G4, 'g4']] as const) {
    const b = await db
      .insertInto('building')
      .values({ grid_id: grid.id, code: `B-${key}`, name: `${key}号楼`, address: `平山区测试路${seq}号`, lat: 41.305, lng: (grid.bbox![0]! + grid.bbox![2]!) / 2, floors: 6, unit_count: 2, kind: 'residential' })
      .returning('id')
      .executeTakeFirstOrThrow();
    buildings[key] = b.id;
    const house = await db.insertInto('house').values({ building_id: b.id, unit_no: '1', floor: 3, room_no: '301', area_centi: 8950, use: 'residential' }).returning('id').executeTakeFirstOrThrow();
    const address = `平山区测试路${seq}号1单元301室`;
    const h = await db.insertInto('household').values({ house_id: house.id, grid_id: grid.id, household_no: `HH-${key}`, address }).returning('id').executeTakeFirstOrThrow();
    households[key] = h.id;
    for (const [name, rel, tags] of [[key === 'g1' ? '张秀兰' : '王建国', 'head', ['elderly_alone']], [key === 'g1' ? '李明' : '赵丽', 'child', []]] as const) {
      const idNumber = makeIdNumber('210502', rel === 'head' ? '1945-03-12' : '1980-07-01', seq++);
      const r = await db
        .insertInto('resident')
        .values({
          household_id: h.id,
          grid_id: grid.id,
          name,
          gender: Number(idNumber[16]) % 2 ? 'M' : 'F',
          birth_date: rel === 'head' ? '1945-03-12' : '1980-07-01',
          id_number: idNumber,
          phone: '1380000' + String(1000 + seq),
          relation: rel,
          tags: [...tags],
          health: rel === 'head' ? '高血压' : null,
          search_tokens: documentTokens(name, address),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      residents[`${key}_${rel}`] = r.id;
    }
  }

  const passwordHash = await hashPassword(PASSWORD);
  const users: Record<string, number> = {};
  const grantsByUser: Record<string, { role: Role; path: string }[]> = {};
  const pathOf = new Map([D, S1, S2, C1, C2, C3, G1, G2, G3, G4, DEP].map((n) => [n.id, n.path]));
  const grants: [string, Role, number][] = [
    ['admin', 'admin', D.id],
    ['district', 'district_operator', D.id],
    ['street', 'street_operator', S1.id],
    ['community', 'community_staff', C1.id],
    ['grid', 'grid_worker', G1.id],
    ['department', 'department_staff', DEP.id],
    ['mediator', 'mediator', S1.id],
    ['resident', 'resident', G1.id],
    ['street2', 'street_operator', S2.id],
    ['community3', 'community_staff', C3.id],
    ['grid4', 'grid_worker', G4.id],
    ['leader', 'leader', S1.id],
  ];
  for (const [username, role, nodeId] of grants) {
    const u = await db
      .insertInto('app_user')
      .values({ username, password_hash: passwordHash, display_name: username, locale: 'zh-CN', resident_id: role === 'resident' ? residents.g1_head! : null })
      .returning('id')
      .executeTakeFirstOrThrow();
    users[username] = u.id;
    grantsByUser[username] = [{ role, path: pathOf.get(nodeId)! }];
    await db.insertInto('role_grant').values({ user_id: u.id, role, node_id: nodeId }).execute();
  }
  return { nodes: { D, S1, S2, C1, C2, C3, G1, G2, G3, G4, DEP, PC, PCC1, PB1 }, users, grantsByUser, residents, households, buildings };
}

/** [minLng, minLat, maxLng, maxLat] of a polygon. */
export function bboxOf(g: GeoJsonGeometry): number[] {
  const pts = (g.type === 'Polygon' ? [g.coordinates as number[][][]] : (g.coordinates as number[][][][])).flat(2) as unknown as number[][];
  const xs = pts.map((p) => p[0]!);
  const ys = pts.map((p) => p[1]!);
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
}
