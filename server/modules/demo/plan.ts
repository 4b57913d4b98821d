/**
 * The shape of the demo jurisdiction, decided before any row is written: how many districts, streets,
 * communities and grids for the requested number of households, their codes, names, rectangles of the
 * lattice and each grid's household count. Pure and deterministic from the seed.
 */
import { Rng, deriveSeed } from './prng.js';
import { Lattice, partition, readingOrder, cellsOf, type CellRect } from './geometry.js';
import { STREET_NAMES, COMMUNITY_NAMES, chineseNumber, poolName } from './names.js';

export const DEFAULT_HOUSEHOLDS = 20_000;
/** At city scale a grid holds about this many households (the real 300–500 range). */
export const SCALE_HOUSEHOLDS_PER_GRID = 400;
/** The default demo's fixed shape: 5 streets, 37 communities, 380 grids (20 × 19 cells). */
const DEMO_GRIDS = 380;
const DEMO_COMMUNITIES = 37;
const STREETS_PER_DISTRICT = 12;

/** Centre of the lattice (Benxi, Liaoning: 41.29 N, 123.77 E) and cell size (~300 m × 300 m). */
export const CITY_CENTRE: [number, number] = [123.766, 41.294];
const CELL_LNG = 0.0036;
const CELL_LAT = 0.0027;

export const CITY = { nameZh: '本溪市', nameEn: 'Benxi', code: '210500' };
const DISTRICT_NAMES: readonly [string, string][] = [
  ['明湖', 'Minghu'], ['东岭', 'Dongling'], ['西河', 'Xihe'], ['南湖', 'Nanhu'], ['北岭', 'Beiling'], ['高新', 'Gaoxin'],
  ['滨江', 'Binjiang'], ['望溪', 'Wangxi'], ['华岳', 'Huayue'], ['青云', 'Qingyun'], ['金桥', 'Jinqiao'], ['龙湾', 'Longwan'],
];

export interface PlannedGrid {
  /** 0-based index over the whole jurisdiction (stream label for its generator). */
  index: number;
  /** 1-based number inside its community. */
  number: number;
  code: string;
  nameZh: string;
  nameEn: string;
  cell: [number, number];
  households: number;
}
export interface PlannedCommunity {
  index: number;
  code: string;
  nameZh: string;
  nameEn: string;
  shortZh: string;
  rect: CellRect;
  grids: PlannedGrid[];
}
export interface PlannedStreet {
  index: number;
  code: string;
  nameZh: string;
  nameEn: string;
  shortZh: string;
  shortEn: string;
  rect: CellRect;
  communities: PlannedCommunity[];
}
export interface PlannedDistrict {
  index: number;
  code: string;
  nameZh: string;
  nameEn: string;
  shortZh: string;
  shortEn: string;
  rect: CellRect;
  streets: PlannedStreet[];
}
export interface DemoPlan {
  seed: number;
  households: number;
  /** 'district' for one district (the default demo); 'city' above 12 streets. */
  rootType: 'district' | 'city';
  lattice: Lattice;
  districts: PlannedDistrict[];
  gridCount: number;
}

/** How many grids, communities and streets a number of households gets. */
export function shapeFor(households: number): { grids: number; communities: number; streets: number; districts: number } {
  let grids: number;
  if (households >= DEMO_GRIDS * SCALE_HOUSEHOLDS_PER_GRID) grids = Math.round(households / SCALE_HOUSEHOLDS_PER_GRID);
  else if (households >= DEMO_GRIDS * 10) grids = DEMO_GRIDS;
  else grids = Math.max(16, Math.round(households / 10));
  const communities = grids === DEMO_GRIDS ? DEMO_COMMUNITIES : Math.max(4, Math.round(grids / 10.27));
  const streets = Math.max(2, Math.round(communities / 7.4));
  const districts = Math.ceil(streets / STREETS_PER_DISTRICT);
  return { grids, communities, streets, districts };
}

/** Splits `total` into `parts` integers as even as possible (the first ones get the remainder). */
function evenSplit(total: number, parts: number): number[] {
  return Array.from({ length: parts }, (_, i) => Math.floor(total / parts) + (i < total % parts ? 1 : 0));
}

/** Splits `total` into integers proportional to the weights (largest remainder). */
function proportional(total: number, weights: number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const raw = weights.map((w) => (total * w) / sum);
  const out = raw.map(Math.floor);
  let left = total - out.reduce((a, b) => a + b, 0);
  const order = raw.map((r, i) => [r - Math.floor(r), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let k = 0; left > 0; k = (k + 1) % order.length, left--) out[order[k]![1]]! += 1;
  return out;
}

/** A deterministic shuffle of 0..n-1. */
function shuffled(n: number, rng: Rng): number[] {
  const a = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}

/** Plans the jurisdiction for a seed and a number of households. */
export function planDemo(seed: number, households: number): DemoPlan {
  if (!Number.isInteger(households) || households < 10) throw new Error('households must be an integer ≥ 10');
  const shape = shapeFor(households);
  const rng = new Rng(deriveSeed(seed, 1));
  const nx = Math.max(2, Math.round(Math.sqrt(shape.grids * 1.05)));
  const ny = Math.max(2, Math.round(shape.grids / nx));
  const lattice = new Lattice(
    {
      nx,
      ny,
      origin: [CITY_CENTRE[0] - (nx * CELL_LNG) / 2, CITY_CENTRE[1] - (ny * CELL_LAT) / 2],
      cellLng: CELL_LNG,
      cellLat: CELL_LAT,
    },
    deriveSeed(seed, 2),
  );
  const communityCount = Math.min(shape.communities, Math.floor((nx * ny) / 3));
  const streetCount = Math.min(shape.streets, communityCount);
  const districtCount = Math.min(shape.districts, streetCount);
  const streetsPer = evenSplit(streetCount, districtCount);
  const communitiesPerStreet = evenSplit(communityCount, streetCount);
  const streetNames = shuffled(STREET_NAMES.length, rng);
  const communityNames = shuffled(COMMUNITY_NAMES.length, rng);

  const whole: CellRect = { x0: 0, y0: 0, x1: nx, y1: ny };
  let streetIdx = 0;
  const districtStreetCounts = streetsPer.map((n) => {
    const counts = communitiesPerStreet.slice(streetIdx, streetIdx + n);
    streetIdx += n;
    return counts;
  });
  const districtRects = partition(
    whole,
    districtStreetCounts.map((c) => c.reduce((a, b) => a + b, 0)),
    districtStreetCounts.map((c) => 2 * c.reduce((a, b) => a + b, 0)),
  );
  const districts: PlannedDistrict[] = [];
  let sGlobal = 0;
  let cGlobal = 0;
  const gridsFlat: PlannedGrid[] = [];
  readingOrder(districtRects.map((rect, k) => ({ rect, counts: districtStreetCounts[k]! }))).forEach((d, di) => {
    const [dz, de] = poolName(DISTRICT_NAMES, di);
    const dCode = districtCount === 1 ? '210506' : `2105${String(6 + di).padStart(2, '0')}`;
    const streetRects = partition(d.rect, d.counts, d.counts.map((c) => 2 * c));
    const streets: PlannedStreet[] = readingOrder(streetRects.map((rect, k) => ({ rect, n: d.counts[k]! }))).map((s, si) => {
      const [sz, se] = poolName(STREET_NAMES, streetNames[sGlobal % STREET_NAMES.length]! + STREET_NAMES.length * Math.floor(sGlobal / STREET_NAMES.length));
      const sCode = dCode + String(si + 1).padStart(3, '0');
      const street: PlannedStreet = {
        index: sGlobal++,
        code: sCode,
        nameZh: `${sz}街道`,
        nameEn: `${se} Street`,
        shortZh: sz,
        shortEn: se,
        rect: s.rect,
        communities: [],
      };
      const commRects = partition(s.rect, Array(s.n).fill(1), Array(s.n).fill(2));
      street.communities = readingOrder(commRects.map((rect) => ({ rect }))).map((c, ci) => {
        const k = cGlobal;
        const [cz, ce] = poolName(COMMUNITY_NAMES, communityNames[k % COMMUNITY_NAMES.length]! + COMMUNITY_NAMES.length * Math.floor(k / COMMUNITY_NAMES.length));
        const cCode = sCode + String(ci + 1).padStart(3, '0');
        const cells = cellsOf(c.rect);
        if (cells.length > 99) throw new Error('a community cannot hold more than 99 grids');
        const community: PlannedCommunity = {
          index: cGlobal++,
          code: cCode,
          nameZh: `${cz}社区`,
          nameEn: `${ce} Community`,
          shortZh: cz,
          rect: c.rect,
          grids: cells.map((cell, gi) => ({
            index: 0,
            number: gi + 1,
            code: cCode + String(gi + 1).padStart(2, '0'),
            nameZh: `${cz}社区第${chineseNumber(gi + 1)}网格`,
            nameEn: `${ce} Grid ${gi + 1}`,
            cell,
            households: 0,
          })),
        };
        gridsFlat.push(...community.grids);
        return community;
      });
      return street;
    });
    districts.push({
      index: di,
      code: dCode,
      nameZh: `${dz}区`,
      nameEn: `${de} District`,
      shortZh: dz,
      shortEn: de,
      rect: d.rect,
      streets,
    });
  });
  // Households per grid: around the mean, ±35 %, summing exactly to the total.
  const counts = proportional(households, gridsFlat.map(() => rng.range(0.65, 1.35)));
  gridsFlat.forEach((g, i) => {
    g.index = i;
    g.households = counts[i]!;
  });
  return { seed, households, rootType: districtCount === 1 ? 'district' : 'city', lattice, districts, gridCount: gridsFlat.length };
}
