/**
 * The small tables the scale generator joins against, built in Node and loaded as temp tables on its
 * connection: categories (weights, department, resolved deadline limits), grids and their nodes, the
 * departments, descriptions per template and place (with their search tokens), the workflow paths, and
 * the working-day index that turns working time into instants exactly as the calendar does.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import { documentTokens } from '../../../common/search-tokens.js';
import { limitsFor } from '../categories/index.js';
import { loadWorkCalendar } from '../calendar/index.js';
import { Rng, deriveSeed } from './prng.js';
import { CASE_TEXTS, PATROL_GROUPS, fillText, groupOf } from './cases-text.js';
import { flowSteps } from './cases-scale-flows.js';
import type { Col } from './cases-write.js';

const DAY = 86_400_000;
const CST = 8 * 3_600_000;

export interface TempTable {
  create: string;
  table: string;
  cols: Col[];
  rows: unknown[][];
}

export interface References {
  tables: TempTable[];
  catCum: number[];
  catTotal: number;
  gridCum: number[];
  gridTotal: number;
  /** The working position (ms of working time since the index's day 0) of an instant. */
  position(t: Date): number;
  /** The working-day index as arrays (inlined into the SQL): per day from `first`, its working-day number
   * (the next working day's for a day off) and whether it is one; per working-day number, its day. */
  dayIndex: { first: number; widx: number[]; work: boolean[]; dayOfWidx: number[] };
  grids: number;
  categories: number;
  descriptions: number;
}

/** Reads the district and builds the reference tables. */
export async function references(db: Kysely<DB>, now: Date, days: number, seed: number): Promise<References> {
  const rng = new Rng(deriveSeed(seed, 41));
  const nodes = await db.selectFrom('org_node').select(['id', 'parent_id', 'type', 'tree', 'path', 'code', 'name_zh']).where('tree', 'in', ['admin', 'department']).where('active', '=', true).orderBy('id').execute();
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const up = (id: number, type: string): number => {
    for (let n = byId.get(id); n; n = n.parent_id ? byId.get(n.parent_id) : undefined) if (n.type === type) return n.id;
    throw new Error(`scale cases: no ${type} above node ${id}`);
  };
  const grids = nodes.filter((n) => n.type === 'grid');
  if (grids.length === 0) throw new Error('scale cases need a district with grids (seed the demo first)');
  const households = new Map((await db.selectFrom('household').select(['grid_id']).select((eb) => eb.fn.countAll<number>().as('n')).groupBy('grid_id').execute()).map((r) => [r.grid_id, Number(r.n)]));
  const buildings = new Map<number, { name: string; address: string; lat: number; lng: number }[]>();
  for (const b of await db.selectFrom('building').select(['grid_id', 'name', 'address', 'lat', 'lng']).orderBy('id').execute()) buildings.set(b.grid_id, [...(buildings.get(b.grid_id) ?? []), { name: b.name, address: b.address, lat: b.lat!, lng: b.lng! }]);

  // Departments by district and code suffix, each with the one a return goes on to.
  const depts = nodes.filter((n) => n.type === 'department');
  const deptRows = depts.map((d) => {
    const siblings = depts.filter((x) => x.parent_id === d.parent_id);
    const alt = siblings[(siblings.indexOf(d) + 1) % siblings.length]!;
    return [d.parent_id, d.code.split('-').pop()!, d.id, alt.id];
  });

  // Categories: selectable leaves, weights as the demo's, limits resolved by the categories module.
  const cats = await db.selectFrom('case_category').select(['id', 'parent_id', 'code', 'name_zh', 'name_en', 'default_level', 'default_department_code', 'public', 'description_zh']).where('active', '=', true).orderBy('code').execute();
  const parents = new Set(cats.map((c) => c.parent_id));
  const leaves = cats.filter((c) => !parents.has(c.id));
  const texts = new Map(CASE_TEXTS.map(([code, w, t]) => [code, { w, t }]));
  const deptCodes = new Set(deptRows.map((d) => d[1]));
  const catRows: unknown[][] = [];
  const templates: string[][] = [];
  for (const [k, c] of leaves.entries()) {
    const t = texts.get(c.code);
    const limits: number[] = [];
    for (const kind of ['admin', 'department'] as const) {
      for (const stage of ['accept', 'handle', 'verify'] as const) {
        const l = await limitsFor(db, c.id, kind, stage);
        limits.push(l.yellow, l.red);
      }
    }
    const tmpl = t ? [...t.t] : [`{e}附近：${c.description_zh || c.name_zh}`];
    templates.push(tmpl);
    const weight = t ? t.w : groupOf(c.code) === 'emergency' ? 0.25 : c.public ? 0.3 : 0.15;
    const patrol = PATROL_GROUPS.some((g) => c.code === g || c.code.startsWith(g + '.'));
    catRows.push([k, c.id, c.default_level, c.default_department_code, !!c.default_department_code && deptCodes.has(c.default_department_code), patrol, groupOf(c.code) === 'emergency', weight, tmpl.length, ...limits]);
  }
  const catCum = cumulate(catRows.map((r) => r[7] as number));

  // Grids: weight by households; up to two places (buildings) each, fewer in a city-sized tree.
  const perGrid = grids.length > 1500 ? 1 : 2;
  const gridRows: unknown[][] = [];
  const places: { name: string; address: string; estate: string; road: string; lat: number; lng: number }[][] = [];
  for (const [k, g] of grids.entries()) {
    const list = buildings.get(g.id) ?? [];
    const chosen = list.length ? [list[0]!, list[Math.floor(list.length / 2)]!].slice(0, Math.min(perGrid, list.length)) : [];
    places.push(chosen.map((b) => {
      const m = b.address.match(/^.+?区(.+?[路街])\d+号(.+?)\d+号楼$/);
      return { name: b.name, address: b.address.replace(/^.+?区/, ''), estate: m?.[2] ?? b.name, road: m?.[1] ?? '', lat: b.lat, lng: b.lng };
    }));
    gridRows.push([k, g.id, g.path, g.name_zh, up(g.id, 'community'), up(g.id, 'street'), up(g.id, 'district'), 5 + (households.get(g.id) ?? 0), places[k]!.length]);
  }
  const gridCum = cumulate(gridRows.map((r) => r[7] as number));

  // Descriptions per (category template, grid place), with the tokens documentTokens gives the case.
  const descRows: unknown[][] = [];
  for (const [ck, tmpl] of templates.entries()) {
    const cat = leaves[ck]!;
    for (const [gk, list] of places.entries()) {
      for (const [pj, pl] of list.entries()) {
        for (const [tj, t] of tmpl.entries()) {
          const d = fillText(t, rng, { building: pl.name, estate: pl.estate, road: pl.road });
          descRows.push([ck, tj, gk, pj, d, pl.address, pl.lat, pl.lng, documentTokens(d, pl.address, cat.name_zh, cat.name_en, grids[gk]!.name_zh)]);
        }
      }
    }
  }

  // The working-day index: every day from well before the period to long after now.
  const cal = await loadWorkCalendar(db);
  const dayOf = (t: number) => Math.floor((t + CST) / DAY);
  const first = dayOf(now.getTime()) - days - 400;
  const last = dayOf(now.getTime()) + 800;
  const wi: unknown[][] = [];
  const widxOf = new Map<number, { work: boolean; widx: number }>();
  let widx = 0;
  const pending: number[] = [];
  for (let n = first; n <= last; n++) {
    const work = cal.isWorkingDay(new Date(n * DAY - CST + 12 * 3_600_000));
    if (!work) {
      pending.push(n);
      continue;
    }
    for (const p of pending) widxOf.set(p, { work: false, widx });
    pending.length = 0;
    widxOf.set(n, { work: true, widx });
    wi.push([widx, n]);
    widx++;
  }
  const dayIndex = { first, widx: [] as number[], work: [] as boolean[], dayOfWidx: wi.map((r) => r[1] as number) };
  for (let n = first; n <= last; n++) {
    const v = widxOf.get(n);
    dayIndex.widx.push(v?.widx ?? widx);
    dayIndex.work.push(v?.work ?? false);
  }
  const position = (t: Date) => {
    const local = t.getTime() + CST;
    const n = Math.floor(local / DAY);
    const v = widxOf.get(n);
    if (!v) throw new Error('scale cases: instant outside the working-day index');
    return v.work ? v.widx * DAY + (local - n * DAY) : v.widx * DAY;
  };

  const flows = flowSteps().map((f) => [
    f.flow, f.step, f.action, f.status, f.fromStatus, f.holder, f.fromHolder, f.owner, f.handler, f.stage, f.startsClock, f.stageSeq, f.clock, f.curClock,
    f.prevClock, f.dur, f.public, f.data, f.last, f.openRank, `{${f.parties.map((p) => p[0]).join(',')}}`, `{${f.parties.map((p) => p[1]).join(',')}}`,
  ]);
  const admin = new Set(nodes.filter((n) => n.tree === 'admin').map((n) => n.id));
  const nodeRows = nodes.map((n) => [n.id, n.path, n.parent_id && admin.has(n.parent_id) ? n.parent_id : null]);

  const limitCols: Col[] = ['a', 'd'].flatMap((kind) => ['accept', 'handle', 'verify'].flatMap((stage) => [[`${kind}_${stage}_y`, 'float8'], [`${kind}_${stage}_r`, 'float8']] as Col[]));
  const t = (table: string, cols: Col[], rows: unknown[][], extra = ''): TempTable => ({
    table,
    cols,
    rows,
    create: `create temp table ${table} (${cols.map(([n, type, cast]) => `${n} ${cast ?? type}`).join(', ')}${extra})`,
  });
  return {
    tables: [
      t('gz_cat', [['k', 'int'], ['id', 'int'], ['level', 'text'], ['dept', 'text'], ['dept_id_hint', 'bool'], ['patrol', 'bool'], ['urgent', 'bool'], ['w', 'float8'], ['ntmpl', 'int'], ...limitCols], catRows, ', primary key (k)'),
      t('gz_grid', [['k', 'int'], ['id', 'int'], ['path', 'text'], ['name_zh', 'text'], ['comm', 'int'], ['street', 'int'], ['dist', 'int'], ['w', 'float8'], ['nplace', 'int']], gridRows, ', primary key (k)'),
      t('gz_dept', [['dist', 'int'], ['code', 'text'], ['id', 'int'], ['alt', 'int']], deptRows, ', primary key (dist, code)'),
      t('gz_desc', [['cat_k', 'int'], ['tj', 'int'], ['grid_k', 'int'], ['pj', 'int'], ['description', 'text'], ['address', 'text'], ['lat', 'float8'], ['lng', 'float8'], ['tokens', 'text']], descRows, ', primary key (cat_k, tj, grid_k, pj)'),
      t('gz_flow', [['flow', 'text'], ['step', 'int'], ['action', 'text'], ['status', 'text'], ['from_status', 'text'], ['holder', 'text'], ['from_holder', 'text'], ['owner', 'text'], ['handler', 'text'], ['stage', 'text'], ['starts_clock', 'bool'], ['stage_seq', 'int'], ['clock', 'text'], ['cur_clock', 'text'], ['prev_clock', 'text'], ['dur', 'text'], ['public', 'bool'], ['data', 'text'], ['last', 'bool'], ['open_rank', 'int'], ['party_roles', 'text', 'text[]'], ['party_kinds', 'text', 'text[]']], flows, ', primary key (flow, step)'),
      t('gz_node', [['id', 'int'], ['path', 'text'], ['parent_admin', 'int']], nodeRows, ', primary key (id)'),
    ],
    catCum: catCum.slice(0, -1),
    catTotal: catCum[catCum.length - 1]!,
    gridCum: gridCum.slice(0, -1),
    gridTotal: gridCum[gridCum.length - 1]!,
    position,
    dayIndex,
    grids: grids.length,
    categories: leaves.length,
    descriptions: descRows.length,
  };
}

function cumulate(ws: number[]): number[] {
  let s = 0;
  return ws.map((w) => (s += w));
}
