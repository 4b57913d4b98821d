/**
 * resident-search: p95 latency of searching residents by part of a Chinese name or address, through the
 * repository function behind GET /api/people/residents (token tsquery on the GIN index + ILIKE recheck,
 * one page of 20 + the total counted up to 1,000), over the whole district (the widest scope); also over one
 * street and one grid. Each query's time is its median over 3 passes (the machine may be shared).
 * Baseline: the same searches, same page and capped count, with plain ILIKE '%q%' on name or address and
 * no search index (one pass: every such query reads the whole table).
 *
 * Data: synthetic (seeded): 1 district, 10 streets, 50 communities, 400 grids, ~200,000 households and
 * 500,000 residents with realistic names and addresses, bulk-inserted into a scratch database (dropped
 * afterwards) on the DATABASE_URL server, or a PGlite directory in the scratch dir.
 * RESIDENT_SEARCH_N overrides the number of residents (e.g. a smaller N on PGlite).
 */
import crypto from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { sql, type Kysely } from 'kysely';
import { PGlite } from '@electric-sql/pglite';
import type { Bench, BenchContext } from './harness.js';
import { percentile, round } from './harness.js';
import { openDatabase, type Database } from '../server/platform/db/index.js';
import type { DB } from '../server/platform/db/schema.js';
import { createNodeUnchecked } from '../server/modules/org/index.js';
import { residentSearch, residentSearchTokens, searchResidents, SEARCH_CAP } from '../server/modules/people/index.js';
import { escapeLike } from '../server/modules/people/resident-search.js';
import { makeIdNumber } from '../common/id-number.js';

const QUERIES = 200;
const PAGE_SIZE = 20;
const PASSES = 3;
const BATCH = 5000;

/** A small seeded PRNG (mulberry32) so every run searches the same data with the same queries. */
function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Surnames roughly by frequency (the top ones carry most of the population), given-name characters.
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN = '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂玉华建国志红梅林淑珍海燕飞鹏辉春晓云峰凤雪琳婷宇浩俊文博欣怡佳慧晨阳丹萍波成亮颖鑫鸿德福宝山金荣凯祥瑞新玲彬倩蓉媛晶斌翠琴莉冬梅淑兰桂芝素梅秀珍永庆卫东振华';
const GIVEN_PAIRS = ['秀兰', '建国', '志强', '丽娟', '桂英', '淑珍', '海燕', '秀英', '玉兰', '建华', '国庆', '红梅', '晓燕', '春梅', '俊杰', '子涵', '欣怡', '浩然', '雨涵', '梓萱'];
const ROADS = ['胜利路', '解放路', '人民路', '和平街', '建设街', '新华路', '东明路', '北地路', '平山路', '明山路', '永丰街', '站前街', '花园路', '滨河路', '光明街', '团结路', '文化路', '青年街', '工人街', '矿山路', '东兴路', '太河路', '峪明路', '北台路'];
const ESTATE_HEAD = ['石榴', '幸福', '锦绣', '华府', '阳光', '翠湖', '金域', '银河', '东方', '春晖', '御景', '丽水', '康桥', '龙湾', '枫林', '桂园', '红旗', '向阳', '长青', '新华'];
const ESTATE_TAIL = ['园', '里', '小区', '花园', '家园', '新村', '公寓', '苑'];
const STREETS = ['千金', '桥头', '平山', '崔东', '站前', '东明', '南地', '北台', '工人', '胜利'];
const TAGS = ['elderly_alone', 'empty_nest', 'disabled', 'low_income', 'veteran', 'floating_population', 'left_behind_child'];
const RELATIONS = ['head', 'spouse', 'child', 'parent', 'grandchild'];

function pick<T>(r: () => number, list: readonly T[] | string): T {
  return list[Math.floor(r() * list.length)] as T;
}
/** A surname weighted towards the common ones. */
const surname = (r: () => number) => SURNAMES[Math.floor(Math.pow(r(), 2.2) * SURNAMES.length)]!;
function givenName(r: () => number) {
  const x = r();
  if (x < 0.25) return pick<string>(r, GIVEN_PAIRS);
  if (x < 0.6) return pick<string>(r, GIVEN);
  return pick<string>(r, GIVEN) + pick<string>(r, GIVEN);
}

interface Scratch {
  database: Database;
  drop(): Promise<void>;
}

/** A fresh migrated database: a scratch database on the PostgreSQL server, or a PGlite directory. */
async function scratchDatabase(ctx: BenchContext): Promise<Scratch> {
  if (ctx.databaseUrl) {
    const name = 'gz_bench_rs_' + crypto.randomBytes(4).toString('hex');
    const admin = new pg.Client({ connectionString: ctx.databaseUrl });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const u = new URL(ctx.databaseUrl);
    u.pathname = '/' + name;
    const database = await openDatabase({ databaseUrl: u.toString(), dataDir: '', poolSize: 4 });
    return {
      database,
      async drop() {
        await database.close();
        const a = new pg.Client({ connectionString: ctx.databaseUrl! });
        await a.connect();
        await a.query(`drop database if exists ${name}`);
        await a.end();
      },
    };
  }
  const lite = await PGlite.create(path.join(ctx.scratchDir, 'pg'));
  const database = await openDatabase({ databaseUrl: null, dataDir: '', pglite: lite });
  return { database, drop: async () => (await database.close(), await lite.close()) };
}

export interface Loaded {
  districtPath: string;
  streetPath: string;
  gridPath: string;
  names: string[];
  addresses: string[];
}

/** Builds the tree and bulk-inserts households and residents (secondary indexes rebuilt after the load). */
export async function load(db: Kysely<DB>, n: number, ctx: BenchContext): Promise<Loaded> {
  const r = rng(20261121);
  const district = await createNodeUnchecked(db, { parentId: null, type: 'district', code: '210502', nameZh: '平山区', nameEn: 'Pingshan District' });
  const grids: { id: number; path: string; road: string; estate: string }[] = [];
  let streetPath = '';
  for (let s = 0; s < STREETS.length; s++) {
    const street = await createNodeUnchecked(db, { parentId: district.id, type: 'street', code: `S${s}`, nameZh: `${STREETS[s]}街道`, nameEn: `Street ${s}` });
    streetPath ||= street.path;
    for (let c = 0; c < 5; c++) {
      const community = await createNodeUnchecked(db, { parentId: street.id, type: 'community', code: `S${s}C${c}`, nameZh: `${pick(r, ESTATE_HEAD)}社区`, nameEn: `Community ${s}-${c}` });
      for (let g = 0; g < 8; g++) {
        const grid = await createNodeUnchecked(db, { parentId: community.id, type: 'grid', code: `S${s}C${c}G${g}`, nameZh: `第${g + 1}网格`, nameEn: `Grid ${g + 1}` });
        grids.push({ id: grid.id, path: grid.path, road: pick(r, ROADS), estate: pick<string>(r, ESTATE_HEAD) + pick<string>(r, ESTATE_TAIL) });
      }
    }
  }
  // Drop the secondary indexes of the two tables for the load and rebuild them from their own definitions.
  const indexes = await sql<{ indexname: string; indexdef: string }>`
    select indexname, indexdef from pg_indexes
    where tablename in ('resident', 'household') and indexname not like '%_pkey' and indexdef not like '%UNIQUE%'`.execute(db);
  for (const ix of indexes.rows) await sql.raw(`drop index ${ix.indexname}`).execute(db);

  const names: string[] = [];
  const addresses: string[] = [];
  let residentId = 0;
  let householdId = 0;
  const t0 = performance.now();
  while (residentId < n) {
    const hh = { id: [] as number[], grid: [] as number[], no: [] as string[], address: [] as string[] };
    const rs = { id: [] as number[], hh: [] as number[], grid: [] as number[], name: [] as string[], gender: [] as string[], birth: [] as string[], idn: [] as string[], phone: [] as string[], relation: [] as string[], tags: [] as string[], tokens: [] as string[] };
    while (rs.id.length < BATCH && residentId < n) {
      const gi = Math.floor((residentId / n) * grids.length);
      const grid = grids[gi]!;
      householdId++;
      const address = `平山区${grid.road}${1 + (gi % 60)}号${grid.estate}${1 + Math.floor(r() * 30)}号楼${1 + Math.floor(r() * 4)}单元${1 + Math.floor(r() * 18)}0${1 + Math.floor(r() * 4)}室`;
      hh.id.push(householdId);
      hh.grid.push(grid.id);
      hh.no.push(`HH${String(householdId).padStart(8, '0')}`);
      hh.address.push(address);
      const family = surname(r);
      const members = 1 + Math.floor(r() * 4);
      for (let m = 0; m < members && residentId < n; m++) {
        residentId++;
        const name = (m === 0 || r() < 0.5 ? family : surname(r)) + givenName(r);
        const day = residentId % 33000;
        const birth = new Date(Date.UTC(1930, 0, 1) + day * 86_400_000).toISOString().slice(0, 10);
        // Unique up to 3.3 million residents: (area, birth day) never repeats.
        const idn = makeIdNumber(`2105${String(Math.floor(residentId / 33000) % 100).padStart(2, '0')}`, birth, residentId % 1000);
        rs.id.push(residentId);
        rs.hh.push(householdId);
        rs.grid.push(grid.id);
        rs.name.push(name);
        rs.gender.push(Number(idn[16]) % 2 ? 'M' : 'F');
        rs.birth.push(birth);
        rs.idn.push(idn);
        rs.phone.push('13' + String(Math.floor(r() * 1e9)).padStart(9, '0'));
        rs.relation.push(m === 0 ? 'head' : pick(r, RELATIONS.slice(1)));
        rs.tags.push(r() < 0.15 ? `{${pick(r, TAGS)}}` : '{}');
        rs.tokens.push(residentSearchTokens(name, address));
        if (residentId % 97 === 0) names.push(name);
        if (residentId % 389 === 0) addresses.push(address);
      }
    }
    await sql`insert into household (id, grid_id, household_no, address, kind)
      select u.id, u.grid_id, u.no, u.address, 'family'
      from unnest(${sql.val(hh.id)}::bigint[], ${sql.val(hh.grid)}::bigint[], ${sql.val(hh.no)}::text[], ${sql.val(hh.address)}::text[]) as u(id, grid_id, no, address)`.execute(db);
    await sql`insert into resident (id, household_id, grid_id, name, gender, birth_date, id_number, phone, relation, tags, search_tokens, ethnicity)
      select u.id, u.hh, u.grid, u.name, u.gender, u.birth::date, u.idn, u.phone, u.relation, u.tags::text[], u.tokens, '汉族'
      from unnest(${sql.val(rs.id)}::bigint[], ${sql.val(rs.hh)}::bigint[], ${sql.val(rs.grid)}::bigint[], ${sql.val(rs.name)}::text[],
        ${sql.val(rs.gender)}::text[], ${sql.val(rs.birth)}::text[], ${sql.val(rs.idn)}::text[], ${sql.val(rs.phone)}::text[],
        ${sql.val(rs.relation)}::text[], ${sql.val(rs.tags)}::text[], ${sql.val(rs.tokens)}::text[])
        as u(id, hh, grid, name, gender, birth, idn, phone, relation, tags, tokens)`.execute(db);
    if (residentId % 50_000 < BATCH) ctx.log(`loaded ${residentId} residents (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
  }
  await sql`select setval('household_id_seq', ${householdId})`.execute(db);
  await sql`select setval('resident_id_seq', ${residentId})`.execute(db);
  ctx.log('rebuilding indexes …');
  for (const ix of indexes.rows) await sql.raw(ix.indexdef).execute(db);
  await sql`vacuum analyze resident`.execute(db);
  await sql`vacuum analyze household`.execute(db);
  await sql`analyze org_node`.execute(db);
  return { districtPath: district.path, streetPath, gridPath: grids[0]!.path, names, addresses };
}

/** ~200 searches by part of a name or address, drawn from the loaded data (plus a few that find nobody). */
export function makeQueries(d: Loaded): string[] {
  const r = rng(7);
  const slice = (s: string, len: number) => {
    const chars = [...s];
    const at = Math.floor(r() * Math.max(1, chars.length - len + 1));
    return chars.slice(at, at + len).join('');
  };
  const out: string[] = [];
  for (let i = 0; i < 60; i++) out.push(slice(pick(r, d.names), 2)); // 2 characters of a name
  for (let i = 0; i < 30; i++) out.push(pick(r, d.names)); // a full name
  for (let i = 0; i < 20; i++) out.push(slice(pick(r, d.names), 1)); // 1 character
  for (let i = 0; i < 25; i++) out.push(pick(r, ROADS)); // a road
  // A piece of a road or estate name (a fragment like "号楼2单" is not something anyone types).
  const places = d.addresses.flatMap((a) => a.match(/^平山区(.+?[路街])\d+号(.+?)\d+号楼/)!.slice(1, 3));
  for (let i = 0; i < 25; i++) out.push(slice(pick(r, places), 2 + Math.floor(r() * 2)));
  for (let i = 0; i < 15; i++) out.push(`${pick(r, d.addresses).match(/号(\D+?)\d+号楼/)![1]}${1 + Math.floor(r() * 30)}号楼`); // estate and building
  for (let i = 0; i < 15; i++) out.push(`${1 + Math.floor(r() * 4)}单元${1 + Math.floor(r() * 18)}0${1 + Math.floor(r() * 4)}`); // unit and room
  for (let i = 0; i < 10; i++) out.push(pick(r, ['欧阳娜娜', '司马光明', '龘靐', '诸葛青云', '东方不败'])); // nobody
  return out.slice(0, QUERIES);
}

/** The baseline: the same page and capped count with ILIKE on name or address, no search index. */
async function ilikeSearch(db: Kysely<DB>, paths: string[], q: string) {
  const p = `%${escapeLike(q)}%`;
  const where = sql`r.grid_id in (select n.id from org_node n where n.path like any(${sql.val(paths.map((x) => x + '%'))}::text[]))
    and (r.name ilike ${p} or h.address ilike ${p})`;
  await Promise.all([
    sql`select r.id, r.name, h.address from resident r join household h on h.id = r.household_id where ${where} order by r.id limit ${PAGE_SIZE}`.execute(db),
    sql`select count(*) from (select 1 from resident r join household h on h.id = r.household_id where ${where} limit ${SEARCH_CAP + 1}) s`.execute(db),
  ]);
}

async function timeAll(queries: string[], run: (q: string) => Promise<unknown>) {
  const times: number[] = [];
  for (const q of queries) {
    const t0 = performance.now();
    await run(q);
    times.push(performance.now() - t0);
  }
  return times;
}

/**
 * Each query's median over several passes (passes interleaved, so a burst of load elsewhere on a shared
 * machine hits one pass of many queries rather than every pass of one).
 */
async function medianOfPasses(queries: string[], passes: number, run: (q: string) => Promise<unknown>) {
  const all: number[][] = [];
  for (let p = 0; p < passes; p++) all.push(await timeAll(queries, run));
  return { medians: queries.map((_, i) => percentile(all.map((pass) => pass[i]!), 50)), first: all[0]! };
}

const stats = (t: number[]) => ({ p50: round(percentile(t, 50), 2), p95: round(percentile(t, 95), 2), p99: round(percentile(t, 99), 2) });

const bench: Bench = {
  name: 'resident-search',
  async run(ctx) {
    const n = Number(process.env.RESIDENT_SEARCH_N || 500_000);
    const scratch = await scratchDatabase(ctx);
    try {
      const db = scratch.database.db;
      const t0 = performance.now();
      const data = await load(db, n, ctx);
      const loadS = (performance.now() - t0) / 1000;
      ctx.log(`loaded ${n} residents in ${loadS.toFixed(0)} s; searching …`);
      const queries = makeQueries(data);
      const api = (paths: string[]) => (q: string) => searchResidents(db, { paths, search: residentSearch(q) }, 1, PAGE_SIZE);
      const loadBefore = os.loadavg().map((l) => round(l, 1));
      // Warm the caches once with both methods, then measure.
      await timeAll(queries, api([data.districtPath]));
      await timeAll(queries.slice(0, 10), (q) => ilikeSearch(db, [data.districtPath], q)); // every one reads the whole table
      const district = await medianOfPasses(queries, PASSES, api([data.districtPath]));
      const street = await medianOfPasses(queries, PASSES, api([data.streetPath]));
      const grid = await medianOfPasses(queries, PASSES, api([data.gridPath]));
      ctx.log('baseline (one pass: each query reads the whole table) …');
      const baseline = await timeAll(queries, (q) => ilikeSearch(db, [data.districtPath], q));
      const hits = await Promise.all(queries.map(async (q) => (await searchResidents(db, { paths: [data.districtPath], search: residentSearch(q) }, 1, 1)).total));
      const s = stats(district.medians);
      const b = stats(baseline);
      return {
        bench: 'resident-search',
        db: scratch.database.kind,
        value: s.p95,
        unit: 'ms (p95, district-wide search, page of 20 + total)',
        baseline: b.p95,
        ratio: round(b.p95 / s.p95, 1),
        p50_ms: s.p50,
        p95_ms: s.p95,
        p99_ms: s.p99,
        target: 'p95 ≤ 50 ms on PostgreSQL',
        residents: n,
        ...(n !== 500_000 && { note: `run with RESIDENT_SEARCH_N=${n} instead of 500,000` }),
        queries: queries.length,
        load_s: round(loadS, 1),
        baseline_p50_ms: b.p50,
        baseline_p99_ms: b.p99,
        method: `per-query median of ${PASSES} passes (baseline: one pass)`,
        single_pass: stats(district.first),
        street_scope: stats(street.medians),
        grid_scope: stats(grid.medians),
        load_average: { before: loadBefore, after: os.loadavg().map((l) => round(l, 1)) },
        matches_median: percentile(hits, 50),
        matches_capped: hits.filter((h) => h >= SEARCH_CAP).length,
      };
    } finally {
      await scratch.drop();
    }
  },
};
export default bench;
