import { describe, expect, it, vi } from 'vitest';
import { GridIndex, type GridShape } from './grid-index.js';
import { jitteredLattice, random, shapesOf } from '../../../bench/grid-lookup.bench.js';
import { pointInGeometry, polygonsOverlap, validateGeometry, type AreaGeometry, type PolygonCoords } from '../../../common/geo/index.js';

const box = (x0: number, y0: number, x1: number, y1: number): PolygonCoords => [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]];
const shape = (id: number, geometry: AreaGeometry): GridShape => ({ id, communityId: 1, streetId: null, geometry });
/** The reference answer: the first grid whose geometry contains the point. */
const scan = (shapes: GridShape[], x: number, y: number) => shapes.findIndex((s) => pointInGeometry(x, y, s.geometry as AreaGeometry));

describe('jittered lattice (test data of the index and of the benchmark)', () => {
  const cells = jitteredLattice(12, 10, 3);
  it('is made of valid polygons whose neighbours share edges without overlapping', () => {
    for (const c of cells) expect(validateGeometry({ type: 'Polygon', coordinates: c }).ok).toBe(true);
    for (let j = 0; j < 10; j++)
      for (let i = 0; i < 12; i++) {
        const k = j * 12 + i;
        if (i < 11) expect(polygonsOverlap(cells[k]!, cells[k + 1]!)).toBe(false);
        if (j < 9) expect(polygonsOverlap(cells[k]!, cells[k + 12]!)).toBe(false);
        if (i < 11 && j < 9) expect(polygonsOverlap(cells[k]!, cells[k + 13]!)).toBe(false);
      }
  });
  it('overlaps when a cell is moved a little', () => {
    const moved = cells[13]!.map((r) => r.map(([x, y]) => [x + 0.0005, y] as [number, number]));
    expect(polygonsOverlap(cells[14]!, moved)).toBe(true);
  });
});

describe('GridIndex', () => {
  it('answers like a scan over every polygon, on random points, vertices and shared edges', () => {
    const cells = jitteredLattice(30, 20, 11);
    const shapes = shapesOf(cells);
    const index = new GridIndex(shapes);
    expect(index.size).toBe(600);
    const rnd = random(5);
    for (let k = 0; k < 4000; k++) {
      const x = 123.58 + rnd() * 0.34;
      const y = 41.18 + rnd() * 0.29;
      expect(index.lookup(x, y)).toBe(scan(shapes, x, y));
      expect(index.lookupInTree(x, y)).toBe(index.lookup(x, y));
    }
    // Interior vertices and points on shared edges belong to exactly one grid.
    for (const c of cells.slice(31, 40)) {
      const ring = c[0]!;
      for (let v = 0; v < ring.length - 1; v++) {
        const [x, y] = ring[v]!;
        const mx = (x + ring[v + 1]![0]) / 2;
        const my = (y + ring[v + 1]![1]) / 2;
        for (const [px, py] of [[x, y], [mx, my]] as const) {
          const hit = index.lookup(px, py);
          expect(hit).toBe(scan(shapes, px, py));
          expect(shapes.filter((s) => pointInGeometry(px, py, s.geometry as AreaGeometry)).length).toBe(1);
        }
      }
    }
  });

  it('respects holes and MultiPolygons, and sends crowded buckets to the R-tree', () => {
    const shapes: GridShape[] = [
      // A big grid with a hole full of tiny grids: the buckets over the hole hold many candidates.
      shape(1, { type: 'Polygon', coordinates: [box(0, 0, 1, 1)[0]!, box(0.4, 0.4, 0.6, 0.6)[0]!.slice().reverse()] }),
      shape(2, { type: 'MultiPolygon', coordinates: [box(2, 0, 3, 1), box(4, 0, 5, 1)] }),
    ];
    for (let i = 0; i < 40; i++) for (let j = 0; j < 40; j++) shapes.push(shape(100 + i * 40 + j, { type: 'Polygon', coordinates: box(0.4 + i * 0.005, 0.4 + j * 0.005, 0.4 + (i + 1) * 0.005, 0.4 + (j + 1) * 0.005) }));
    const index = new GridIndex(shapes);
    expect(index.locate(0.1, 0.1)!.id).toBe(1);
    expect(index.locate(0.5001, 0.5001)!.id).toBe(100 + 20 * 40 + 20);
    expect(index.locate(4.5, 0.5)!.id).toBe(2);
    expect(index.locate(3.5, 0.5)).toBeNull();
    expect(index.locate(-1, 0.5)).toBeNull();
    expect(index.locate(9, 9)).toBeNull();
    const viaTree = vi.spyOn(index, 'lookupInTree');
    const rnd = random(9);
    for (let k = 0; k < 1500; k++) {
      const x = -0.2 + rnd() * 5.4;
      const y = -0.2 + rnd() * 1.4;
      expect(index.lookup(x, y)).toBe(scan(shapes, x, y));
    }
    expect(viaTree).toHaveBeenCalled();
  });

  it('is empty without grids and skips malformed geometries', () => {
    expect(new GridIndex([]).locate(1, 1)).toBeNull();
    const index = new GridIndex([
      { id: 1, communityId: 1, streetId: null, geometry: { type: 'Polygon', coordinates: 'nope' } },
      { id: 2, communityId: 1, streetId: null, geometry: { type: 'Point', coordinates: [1, 1] } },
      shape(3, { type: 'Polygon', coordinates: box(0, 0, 2, 2) }),
    ]);
    expect(index.size).toBe(1);
    expect(index.locate(1, 1)!.id).toBe(3);
  });
});
