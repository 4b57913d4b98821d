import { describe, expect, it } from 'vitest';
import { Rng, deriveSeed } from './prng.js';
import { planDemo, shapeFor } from './plan.js';
import { tilingProblems, pointInRing, isSimpleRing, type Point } from './geometry.js';
import { IdNumberAllocator } from './people.js';
import { idNumberProblem, idNumberFacts } from '../../../common/id-number.js';
import { chineseNumber } from './names.js';

const cellRing = (plan: ReturnType<typeof planDemo>, [i, j]: [number, number]) => plan.lattice.ring({ x0: i, y0: j, x1: i + 1, y1: j + 1 });

describe('prng', () => {
  it('is deterministic, seed-dependent and roughly uniform', () => {
    const a = new Rng(42);
    const b = new Rng(42);
    const xs = Array.from({ length: 10_000 }, () => a.next());
    expect(Array.from({ length: 10_000 }, () => b.next())).toEqual(xs);
    expect(new Rng(43).next()).not.toBe(xs[0]);
    expect(deriveSeed(1, 2)).not.toBe(deriveSeed(1, 3));
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.02);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    const r = new Rng(7);
    const ints = new Set(Array.from({ length: 1000 }, () => r.int(1, 6)));
    expect([...ints].sort()).toEqual([1, 2, 3, 4, 5, 6]);
  });
});

describe('the default demo plan', () => {
  const plan = planDemo(20261121, 20_000);
  const district = plan.districts[0]!;
  const streets = district.streets;
  const communities = streets.flatMap((s) => s.communities);
  const grids = communities.flatMap((c) => c.grids);

  it('has one district, 5 streets, 37 communities, 380 grids and exactly 20,000 households', () => {
    expect(plan.rootType).toBe('district');
    expect(plan.districts).toHaveLength(1);
    expect(streets).toHaveLength(5);
    expect(communities).toHaveLength(37);
    expect(grids).toHaveLength(380);
    expect(grids.reduce((s, g) => s + g.households, 0)).toBe(20_000);
    expect(Math.min(...grids.map((g) => g.households))).toBeGreaterThan(25);
  });

  it('codes follow the administrative code + street + community + 2-digit grid number scheme', () => {
    expect(district.code).toBe('210506');
    for (const s of streets) {
      expect(s.code).toMatch(new RegExp(`^${district.code}\\d{3}$`));
      for (const c of s.communities) {
        expect(c.code).toMatch(new RegExp(`^${s.code}\\d{3}$`));
        c.grids.forEach((g, k) => {
          expect(g.code).toBe(c.code + String(k + 1).padStart(2, '0'));
          expect(g.nameZh).toBe(`${c.shortZh}社区第${chineseNumber(k + 1)}网格`);
        });
      }
    }
    const codes = grids.map((g) => g.code);
    expect(new Set(codes).size).toBe(codes.length);
    expect(new Set(communities.map((c) => c.nameZh)).size).toBe(37);
  });

  it('tiles: grids tile their community, communities their street, streets the district, edges shared exactly', () => {
    const ring = (r: { x0: number; y0: number; x1: number; y1: number }) => plan.lattice.ring(r);
    expect(tilingProblems(ring(district.rect), streets.map((s) => ring(s.rect)))).toEqual([]);
    for (const s of streets) {
      expect(tilingProblems(ring(s.rect), s.communities.map((c) => ring(c.rect)))).toEqual([]);
      for (const c of s.communities) expect(tilingProblems(ring(c.rect), c.grids.map((g) => cellRing(plan, g.cell)))).toEqual([]);
    }
  });

  it('the tiling check catches an overlap and a gap', () => {
    const c = communities[0]!;
    const rings = c.grids.map((g) => cellRing(plan, g.cell));
    const moved = rings.map((r, k) => (k === 0 ? r.map(([x, y]) => [x + 0.0001, y] as Point) : r));
    expect(tilingProblems(plan.lattice.ring(c.rect), moved).length).toBeGreaterThan(0);
    expect(tilingProblems(plan.lattice.ring(c.rect), rings.slice(1)).length).toBeGreaterThan(0);
  });

  it('numbers grids north to south, west to east inside each community', () => {
    for (const c of communities) {
      for (let k = 1; k < c.grids.length; k++) {
        const [pi, pj] = c.grids[k - 1]!.cell;
        const [i, j] = c.grids[k]!.cell;
        expect(j < pj || (j === pj && i > pi)).toBe(true);
      }
    }
  });

  it('lies around Benxi and every cell polygon is simple and contains its centre', () => {
    for (const g of grids) {
      const r = cellRing(plan, g.cell);
      expect(isSimpleRing(r)).toBe(true);
      expect(pointInRing(plan.lattice.cellPoint(g.cell[0], g.cell[1], 0.5, 0.5), r)).toBe(true);
      for (const [x, y] of r) {
        expect(x).toBeGreaterThan(123.6);
        expect(x).toBeLessThan(123.95);
        expect(y).toBeGreaterThan(41.2);
        expect(y).toBeLessThan(41.4);
      }
    }
  });

  it('is deterministic from the seed', () => {
    const again = planDemo(20261121, 20_000);
    expect(again.districts).toEqual(plan.districts);
    expect(again.lattice.corner(7, 9)).toEqual(plan.lattice.corner(7, 9));
    const other = planDemo(1, 20_000);
    expect(other.lattice.corner(7, 9)).not.toEqual(plan.lattice.corner(7, 9));
  });
});

describe('city scale', () => {
  it('keeps ~400 households per grid and becomes a city of districts at 3,000,000 households', () => {
    const shape = shapeFor(3_000_000);
    expect(shape.grids).toBe(7500);
    const plan = planDemo(5, 3_000_000);
    expect(plan.rootType).toBe('city');
    expect(plan.districts.length).toBeGreaterThan(1);
    const grids = plan.districts.flatMap((d) => d.streets.flatMap((s) => s.communities.flatMap((c) => c.grids)));
    expect(grids.length).toBe(plan.gridCount);
    expect(grids.reduce((s, g) => s + g.households, 0)).toBe(3_000_000);
    const mean = 3_000_000 / grids.length;
    expect(mean).toBeGreaterThan(300);
    expect(mean).toBeLessThan(500);
    expect(new Set(grids.map((g) => g.code)).size).toBe(grids.length);
    const d = plan.districts[1]!;
    expect(tilingProblems(plan.lattice.ring(d.rect), d.streets.map((s) => plan.lattice.ring(s.rect)))).toEqual([]);
  });

  it('gives a small demo at least two streets', () => {
    const plan = planDemo(5, 300);
    expect(plan.districts[0]!.streets.length).toBe(2);
  });
});

describe('ID numbers', () => {
  it('stay unique and valid when one day runs out of sequence numbers', () => {
    const ids = new IdNumberAllocator();
    const day = 30_000; // 1982-02-20
    const made = Array.from({ length: 1200 }, (_, k) => ids.make(0, day, k % 2 ? 'M' : 'F'));
    expect(new Set(made.map((m) => m.idNumber)).size).toBe(1200);
    for (const m of made) {
      expect(idNumberProblem(m.idNumber)).toBeNull();
      expect(idNumberFacts(m.idNumber).birthDate).toBe(m.birthDate);
    }
    expect(idNumberFacts(made[1]!.idNumber).gender).toBe('M');
    expect(idNumberFacts(made[0]!.idNumber).gender).toBe('F');
    expect(new Set(made.map((m) => m.birthDate)).size).toBe(2); // 500 per sex and day, then the next day
  });
});

describe('any size', () => {
  it('plans a valid tiling from 10 households to city scale', () => {
    for (const n of [10, 20, 57, 150, 999, 3_799, 3_800, 151_999, 152_000, 400_001]) {
      const plan = planDemo(n, n);
      const communities = plan.districts.flatMap((d) => d.streets.flatMap((s) => s.communities));
      const grids = communities.flatMap((c) => c.grids);
      expect(grids.reduce((s, g) => s + g.households, 0), String(n)).toBe(n);
      expect(Math.min(...communities.map((c) => c.grids.length)), String(n)).toBeGreaterThanOrEqual(2);
    }
  });
});
