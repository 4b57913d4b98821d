import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { startTestApp, type TestApp } from '../../test/http.js';
import { box, PASSWORD } from '../../test/fixture.js';
import { createNodeUnchecked } from '../org/index.js';
import { hashPassword } from '../../platform/auth/sessions.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.close());

const fc = (...features: unknown[]) => ({ type: 'FeatureCollection', features });
const feature = (props: Record<string, unknown>, geometry: unknown) => ({ type: 'Feature', properties: props, geometry });
const C1 = '210502001001';
const C2 = '210502001002';
const C3 = '210502002001';
const G1 = '21050200100101';
const G2 = '21050200100102';
const G3 = '21050200100201';
const G4 = '21050200200101';

/** Everything an import could change, to prove a rejected import changed nothing. */
async function snapshot() {
  const db = t.database.db;
  const r = await sql<{ nodes: string; changes: number; touched: number; audits: number; version: unknown }>`
    select
      (select string_agg(id || ':' || code || ':' || name_en || ':' || active || ':' || coalesce(geometry::text, ''), '|' order by id) from org_node) as nodes,
      (select count(*)::int from grid_change) as changes,
      (select count(*)::int from grid_change_node) as touched,
      (select count(*)::int from audit_log where action like 'geo.%') as audits,
      (select value from setting where key = 'geo.grid_version') as version`.execute(db);
  return r.rows[0]!;
}

function multipart(field: string, filename: string, content: string) {
  const boundary = '----gzgeo' + Math.random().toString(16).slice(2);
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\nContent-Type: application/geo+json\r\n\r\n`),
    Buffer.from(content),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { body, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

describe('GET /geo/locate', () => {
  it('answers any signed-in user with the grid, community and street', async () => {
    const resident = await t.as('resident');
    const res = await resident.call('GET', '/api/geo/locate?lat=41.305&lng=123.705');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.grid).toEqual({ id: t.fx.nodes.G1.id, code: G1, nameZh: '石榴园第一网格', nameEn: 'Shiliuyuan Grid 1' });
    expect(body.community.code).toBe(C1);
    expect(body.street.code).toBe('210502001');
    const east = await resident.call('GET', '/api/geo/locate?lat=41.301&lng=123.739');
    expect(east.json().grid.code).toBe(G4);
  });
  it('returns 404 POINT_OUTSIDE outside every grid, 400 for bad coordinates, 401 for anonymous callers', async () => {
    const grid = await t.as('grid');
    const out = await grid.call('GET', '/api/geo/locate?lat=41.305&lng=123.8&lang=en');
    expect(out.statusCode).toBe(404);
    expect(out.json().error).toEqual({ code: 'POINT_OUTSIDE', message: 'This location is not inside any grid of the jurisdiction' });
    expect((await grid.call('GET', '/api/geo/locate?lat=100&lng=123.7')).statusCode).toBe(400);
    expect((await grid.call('GET', '/api/geo/locate?lat=abc&lng=123.7')).statusCode).toBe(400);
    expect((await t.anonymous.call('GET', '/api/geo/locate?lat=41.305&lng=123.705')).statusCode).toBe(401);
  });
});

describe('GET /geo/grids', () => {
  it('returns the grids in the caller’s scope as a FeatureCollection with counts', async () => {
    const admin = await t.as('admin');
    const res = await admin.call('GET', '/api/geo/grids');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.type).toBe('FeatureCollection');
    expect(body.features.map((f: any) => f.properties.code)).toEqual([G1, G2, G3, G4]);
    const g1 = body.features[0];
    expect(g1.geometry.type).toBe('Polygon');
    expect(g1.properties).toMatchObject({ id: t.fx.nodes.G1.id, communityId: t.fx.nodes.C1.id, households: 1, residents: 2, active: true, level: 'grid' });
    expect(body.bbox).toEqual([123.7, 41.3, 123.74, 41.31]);
    const street2 = await (await t.as('street2')).call('GET', '/api/geo/grids?includeRetired=false');
    expect(street2.json().features.map((f: any) => f.properties.code)).toEqual([G4]);
    const grid = await (await t.as('grid')).call('GET', '/api/geo/grids');
    expect(grid.json().features.map((f: any) => f.properties.code)).toEqual([G1]);
    const resident = await (await t.as('resident')).call('GET', '/api/geo/grids');
    expect(resident.statusCode).toBe(403); // residents hold no org.read
  });
  it('returns community and street outlines, under a node in scope only', async () => {
    const street = await t.as('street');
    const communities = await street.call('GET', '/api/geo/grids?level=community');
    expect(communities.json().features.map((f: any) => [f.properties.code, f.properties.households])).toEqual([[C1, 1], [C2, 0]]);
    const streets = await (await t.as('admin')).call('GET', `/api/geo/grids?level=street&nodeId=${t.fx.nodes.S2.id}`);
    expect(streets.json().features.map((f: any) => [f.properties.code, f.properties.residents])).toEqual([['210502002', 2]]);
    const under = await street.call('GET', `/api/geo/grids?nodeId=${t.fx.nodes.C2.id}`);
    expect(under.json().features.map((f: any) => f.properties.code)).toEqual([G3]);
    expect((await street.call('GET', `/api/geo/grids?nodeId=${t.fx.nodes.S2.id}`)).statusCode).toBe(404);
    expect((await street.call('GET', '/api/geo/grids?level=planet')).statusCode).toBe(400);
    expect((await t.anonymous.call('GET', '/api/geo/grids')).statusCode).toBe(401);
  });
});

describe('POST /geo/import-grids', () => {
  it('refuses callers without grid.manage', async () => {
    const body = fc(feature({ code: 'X1', community_code: C3 }, box(123.73, 41.3, 123.735, 41.31)));
    expect((await t.anonymous.call('POST', '/api/geo/import-grids', body)).statusCode).toBe(401);
    expect((await (await t.as('grid')).call('POST', '/api/geo/import-grids', body)).statusCode).toBe(403);
    expect((await (await t.as('street')).call('POST', '/api/geo/import-grids', body)).statusCode).toBe(403);
  });

  const reshapeAndAdd = fc(
    feature({ code: G4, community_code: C3 }, box(123.73, 41.3, 123.735, 41.31)),
    feature({ code: '21050200200102', name_zh: '东明第二网格', name_en: 'Dongming Grid 2', community_code: C3 }, box(123.735, 41.3, 123.74, 41.31)),
  );

  it('checks a file without writing on dryRun', async () => {
    const before = await snapshot();
    const res = await (await t.as('admin')).call('POST', '/api/geo/import-grids?dryRun=true', reshapeAndAdd);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ dryRun: true, created: [{ id: null, code: '21050200200102' }], updated: [{ id: t.fx.nodes.G4.id, code: G4 }], changeIds: [] });
    expect(await snapshot()).toEqual(before);
  });

  it('creates and reshapes grids, records the changes and serves the new shapes at once', async () => {
    const admin = await t.as('admin');
    // Warm the index first so that the test proves it is rebuilt, not built for the first time.
    expect((await admin.call('GET', '/api/geo/locate?lat=41.305&lng=123.738')).json().grid.code).toBe(G4);
    const res = await admin.call('POST', '/api/geo/import-grids', reshapeAndAdd);
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body.created).toMatchObject([{ code: '21050200200102', nameZh: '东明第二网格', nameEn: 'Dongming Grid 2', communityId: t.fx.nodes.C3.id }]);
    expect(body.updated).toMatchObject([{ id: t.fx.nodes.G4.id, code: G4, nameZh: '东明第一网格' }]);
    expect(body.changeIds).toHaveLength(2);
    const db = t.database.db;
    const changes = await db.selectFrom('grid_change').selectAll().where('id', 'in', body.changeIds).orderBy('id').execute();
    expect(changes.map((c) => [c.kind, c.community_id, c.created_by])).toEqual([
      ['import', t.fx.nodes.C3.id, t.fx.users.admin],
      ['reshape', t.fx.nodes.C3.id, t.fx.users.admin],
    ]);
    const touched = await db.selectFrom('grid_change_node').selectAll().where('change_id', 'in', body.changeIds).orderBy('change_id').execute();
    expect(touched.map((r) => r.action)).toEqual(['created', 'reshaped']);
    expect(touched[1]!.previous_geometry).toEqual(box(123.73, 41.3, 123.74, 41.31));
    const g4 = await db.selectFrom('org_node').select(['bbox', 'geometry']).where('id', '=', t.fx.nodes.G4.id).executeTakeFirstOrThrow();
    expect(g4.bbox).toEqual([123.73, 41.3, 123.735, 41.31]);
    const audits = await db.selectFrom('audit_log').selectAll().where('action', '=', 'geo.grids_import').execute();
    expect(audits).toHaveLength(1);
    expect(audits[0]!.actor_id).toBe(t.fx.users.admin);
    expect((await admin.call('GET', '/api/geo/locate?lat=41.305&lng=123.738')).json().grid.code).toBe('21050200200102');
    expect((await admin.call('GET', '/api/geo/locate?lat=41.305&lng=123.732')).json().grid.code).toBe(G4);
  });

  it('accepts a multipart upload (field "file") and GeoJSON codes given as numbers', async () => {
    const admin = await t.as('admin');
    const file = JSON.stringify(fc(feature({ code: Number(G3), name_en: 'Tonghua Grid One', community_code: Number(C2) }, box(123.72, 41.3, 123.73, 41.31))));
    const { body, headers } = multipart('file', 'grids.geojson', '\uFEFF' + file);
    const res = await admin.call('POST', '/api/geo/import-grids', body, headers);
    expect(res.statusCode).toBe(201);
    expect(res.json().updated).toMatchObject([{ code: G3, nameEn: 'Tonghua Grid One', nameZh: '通化第一网格' }]);
    const wrongField = multipart('upload', 'grids.geojson', file);
    const r2 = await admin.call('POST', '/api/geo/import-grids', wrongField.body, wrongField.headers);
    expect(r2.statusCode).toBe(400);
    expect(r2.json().error.code).toBe('FILE_REQUIRED');
  });

  /** Posts a file expecting 422 and no change; returns the report. */
  async function rejected(body: unknown, headers: Record<string, string> = {}, query = '', as = 'admin') {
    const before = await snapshot();
    const res = await (await t.as(as)).call('POST', '/api/geo/import-grids' + query, body, headers);
    expect(res.statusCode, res.body).toBe(422);
    expect(res.json().error.code).toBe('GEOJSON_INVALID');
    expect(await snapshot()).toEqual(before);
    return res.json().error.details as { feature: number | null; code: string | null; problem: string; message: string }[];
  }
  const problems = (report: { feature: number | null; problem: string }[]) => report.map((p) => [p.feature, p.problem]);

  it('rejects what is not a FeatureCollection, broken JSON and an empty file', async () => {
    expect(problems(await rejected({ type: 'Feature', geometry: null, properties: {} }))).toEqual([[null, 'GEO_NOT_FEATURE_COLLECTION']]);
    expect(problems(await rejected([1, 2]))).toEqual([[null, 'GEO_NOT_FEATURE_COLLECTION']]);
    expect(problems(await rejected(fc()))).toEqual([[null, 'GEO_EMPTY']]);
    const broken = multipart('file', 'broken.geojson', '{"type": "FeatureCollection", "features": [');
    expect(problems(await rejected(broken.body, broken.headers))).toEqual([[null, 'GEO_NOT_JSON']]);
    expect(problems(await rejected('{"type":', { 'content-type': 'application/geo+json' }))).toEqual([[null, 'GEO_NOT_JSON']]);
  });

  it('rejects invalid polygons with their reason, in the request’s language', async () => {
    const report = await rejected(
      fc(
        feature({ code: 'N1', community_code: C1 }, { type: 'Polygon', coordinates: [[[123.7, 41.3], [123.701, 41.3], [123.701, 41.301], [123.7, 41.301]]] }),
        feature({ code: 'N2', community_code: C1 }, { type: 'Polygon', coordinates: [[[123.7, 41.3], [123.701, 41.301], [123.701, 41.3], [123.7, 41.301], [123.7, 41.3]]] }),
        feature({ code: 'N3', community_code: C1 }, { type: 'Point', coordinates: [123.7, 41.3] }),
        feature({ code: 'N4', community_code: C1 }, { type: 'Polygon', coordinates: [[[123.7, 41.3], [200, 41.3], [123.701, 41.301], [123.7, 41.3]]] }),
        { type: 'Feature', properties: { code: 'N5', community_code: C1 } },
        'not a feature',
      ),
      {},
      '?lang=en',
    );
    expect(report.map((p) => [p.feature, p.code, p.problem])).toEqual([
      [0, 'N1', 'GEO_RING_NOT_CLOSED'],
      [1, 'N2', 'GEO_SELF_INTERSECTION'],
      [2, 'N3', 'GEO_NOT_POLYGON'],
      [3, 'N4', 'GEO_BAD_COORDINATE'],
      [4, 'N5', 'GEO_NOT_POLYGON'],
      [5, null, 'GEO_NOT_FEATURE'],
    ]);
    expect(report[1]!.message).toBe('The boundary intersects itself (near 123.700500, 41.300500)');
    const zh = await rejected(fc(feature({ code: 'N1', community_code: C1 }, { type: 'Point', coordinates: [1, 2] })));
    expect(zh[0]!.message).toBe('几何图形必须是 Polygon 或 MultiPolygon');
  });

  it('rejects unknown communities, bad codes and names, duplicate codes and codes of other nodes', async () => {
    const g = (x: number) => box(123.7 + x * 0.001, 41.3, 123.7 + (x + 1) * 0.001, 41.301);
    const report = await rejected(
      fc(
        feature({ code: 'A1', community_code: 'NOPE' }, g(0)),
        feature({ code: 'A2' }, g(1)),
        feature({ code: 'bad code!', community_code: C1 }, g(2)),
        feature({ code: 'A4', community_code: C1, name_zh: 'x'.repeat(101) }, g(3)),
        feature({ code: 'A5', community_code: C1 }, g(4)),
        feature({ code: 'A5', community_code: C1 }, g(5)),
        feature({ code: C2, community_code: C1 }, g(6)),
        feature({ code: G1, community_code: C2 }, box(123.72, 41.3, 123.73, 41.31)),
        feature({ code: 'A9', community_code: G1 }, g(8)),
      ),
    );
    expect(problems(report)).toEqual([
      [0, 'GEO_COMMUNITY_UNKNOWN'],
      [1, 'GEO_COMMUNITY_MISSING'],
      [2, 'GEO_CODE_INVALID'],
      [3, 'GEO_NAME_INVALID'],
      [4, 'GEO_OVERLAP'],
      [5, 'GEO_DUPLICATE_CODE'],
      [6, 'GEO_CODE_TAKEN'],
      [7, 'GEO_COMMUNITY_MISMATCH'],
      [8, 'GEO_COMMUNITY_UNKNOWN'],
    ]);
    expect(report[4]!.message).toBe(`网格与“${G1}”重叠`);
    expect(report[5]!.message).toBe('编码“A5”重复（第 5 项已使用）');
  });

  it('rejects grids outside their community, overlapping each other or existing grids; all or nothing', async () => {
    const report = await rejected(
      fc(
        // Reshape G1 into the west half of C1 (fine on its own) …
        feature({ code: G1, community_code: C1 }, box(123.7, 41.3, 123.705, 41.31)),
        // … a new grid overlapping that new G1 in the file and the existing G2 …
        feature({ code: 'C1-X', community_code: C1 }, box(123.704, 41.3, 123.712, 41.31)),
        // … and one reaching from C1 into C2.
        feature({ code: 'C1-Y', community_code: C1 }, box(123.715, 41.3, 123.725, 41.301)),
      ),
    );
    expect(report.map((p) => [p.feature, p.problem, p.message])).toEqual([
      [1, 'GEO_OVERLAP', `网格与“${G1}”重叠`],
      [1, 'GEO_OVERLAP', `网格与“${G2}”重叠`],
      [2, 'GEO_OUTSIDE_COMMUNITY', `网格超出了社区“石榴园社区 (${C1})”的边界`],
      [2, 'GEO_OVERLAP', `网格与“${G2}”重叠`],
      [2, 'GEO_OVERLAP', `网格与“${G3}”重叠`],
    ]);
  });

  it('treats communities outside the caller’s scope as unknown', async () => {
    const db = t.database.db;
    const d2 = await createNodeUnchecked(db, { parentId: null, type: 'district', code: 'D2', nameZh: '另一区', nameEn: 'Other District' });
    const s = await createNodeUnchecked(db, { parentId: d2.id, type: 'street', code: 'D2-S', nameZh: '另一街道', nameEn: 'Other Street' });
    await createNodeUnchecked(db, { parentId: s.id, type: 'community', code: 'D2-C', nameZh: '另一社区', nameEn: 'Other Community' });
    const u = await db.insertInto('app_user').values({ username: 'admin2', password_hash: await hashPassword(PASSWORD), display_name: 'admin2', locale: 'zh-CN' }).returning('id').executeTakeFirstOrThrow();
    await db.insertInto('role_grant').values({ user_id: u.id, role: 'admin', node_id: d2.id }).execute();
    const report = await rejected(fc(feature({ code: 'Z1', community_code: C1 }, box(123.7, 41.3, 123.701, 41.301))), {}, '', 'admin2');
    expect(problems(report)).toEqual([[0, 'GEO_COMMUNITY_UNKNOWN']]);
    // The same admin may import into its own community (no outline there: no containment check).
    const ok = await (await t.as('admin2')).call('POST', '/api/geo/import-grids', fc(feature({ code: 'D2-C01', community_code: 'D2-C' }, box(10, 10, 10.01, 10.01))));
    expect(ok.statusCode).toBe(201);
    expect((await (await t.as('admin2')).call('GET', '/api/geo/locate?lat=10.005&lng=10.005')).json().grid.code).toBe('D2-C01');
  });
});

describe('importGridsFile (the CLI)', () => {
  it('imports a file as the system and reports problems the same way', async () => {
    const fs = await import('node:fs');
    const os = await import('node:os');
    const path = await import('node:path');
    const { importGridsFile, locate } = await import('./index.js');
    const AppErrorMod = await import('../../platform/http/errors.js');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gz-geo-'));
    const file = path.join(dir, 'grids.geojson');
    fs.writeFileSync(file, JSON.stringify(fc(feature({ code: 'D2-C02', community_code: 'D2-C', name_zh: '二号' }, box(10.01, 10, 10.02, 10.01)))));
    const db = t.database.db;
    const result = await importGridsFile(db, file, null);
    expect(result.created.map((g) => g.code)).toEqual(['D2-C02']);
    const a = await db.selectFrom('audit_log').selectAll().where('action', '=', 'geo.grids_import').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(a.actor_id).toBeNull();
    expect(a.detail).toMatchObject({ via: 'cli', filename: 'grids.geojson', created: ['D2-C02'] });
    expect((await locate(10.005, 10.015, db))!.grid.code).toBe('D2-C02');
    fs.writeFileSync(file, '{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"code":"D2-C03","community_code":"D2-C"},"geometry":{"type":"Polygon","coordinates":[[[10.015,10],[10.03,10],[10.03,10.01],[10.015,10]]]}}]}');
    const err = await importGridsFile(db, file, null, { locale: 'en' }).catch((e) => e);
    expect(err).toBeInstanceOf(AppErrorMod.AppError);
    expect(err.status).toBe(422);
    expect(err.details.map((p: any) => p.problem)).toEqual(['GEO_OVERLAP']);
    const missing = await importGridsFile(db, path.join(dir, 'nope.geojson'), null).catch((e) => e);
    expect(missing.code).toBe('IMPORT_FILE_BROKEN');
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe('OpenAPI', () => {
  it('documents the geo endpoints', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    const paths = Object.keys(res.json().paths);
    for (const p of ['/api/geo/grids', '/api/geo/locate', '/api/geo/import-grids', '/api/geo/grids/{id}/split', '/api/geo/grids/merge', '/api/geo/grids/{id}/history']) expect(paths).toContain(p);
  });
});
