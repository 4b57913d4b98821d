/**
 * The demo's geography: a jittered lattice around a city centre whose cells are the grids. Communities,
 * streets and districts are rectangles of cells (a guillotine partition), so every polygon is walked along
 * the same shared lattice vertices: neighbours share their edges exactly, children tile their parent with
 * no gaps and no overlaps. Each cell edge carries a jittered midpoint so blocks do not look like squares.
 */
import { Rng } from './prng.js';

export type Point = [number, number]; // [lng, lat]

/** A rectangle of lattice cells, half-open: columns x0..x1-1, rows y0..y1-1 (row 0 is the southmost). */
export interface CellRect {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export interface LatticeOptions {
  nx: number;
  ny: number;
  /** South-west corner of the lattice. */
  origin: Point;
  /** Cell size in degrees. */
  cellLng: number;
  cellLat: number;
}

const round6 = (v: number) => Math.round(v * 1e6) / 1e6;

/** A jittered lattice: corners move up to a quarter cell, edge midpoints up to an eighth across the edge. */
export class Lattice {
  readonly nx: number;
  readonly ny: number;
  private readonly corners: Float64Array;
  private readonly hMids: Float64Array; // edge (i,j)→(i+1,j)
  private readonly vMids: Float64Array; // edge (i,j)→(i,j+1)

  constructor(
    readonly opts: LatticeOptions,
    seed: number,
  ) {
    const { nx, ny, origin, cellLng, cellLat } = opts;
    this.nx = nx;
    this.ny = ny;
    const rng = new Rng(seed);
    this.corners = new Float64Array((nx + 1) * (ny + 1) * 2);
    for (let j = 0; j <= ny; j++) {
      for (let i = 0; i <= nx; i++) {
        const k = (j * (nx + 1) + i) * 2;
        this.corners[k] = round6(origin[0] + (i + rng.range(-0.25, 0.25)) * cellLng);
        this.corners[k + 1] = round6(origin[1] + (j + rng.range(-0.25, 0.25)) * cellLat);
      }
    }
    this.hMids = new Float64Array(nx * (ny + 1) * 2);
    for (let j = 0; j <= ny; j++) {
      for (let i = 0; i < nx; i++) {
        const a = this.corner(i, j);
        const b = this.corner(i + 1, j);
        const k = (j * nx + i) * 2;
        this.hMids[k] = round6((a[0] + b[0]) / 2 + rng.range(-0.05, 0.05) * cellLng);
        this.hMids[k + 1] = round6((a[1] + b[1]) / 2 + rng.range(-0.125, 0.125) * cellLat);
      }
    }
    this.vMids = new Float64Array((nx + 1) * ny * 2);
    for (let j = 0; j < ny; j++) {
      for (let i = 0; i <= nx; i++) {
        const a = this.corner(i, j);
        const b = this.corner(i, j + 1);
        const k = (j * (nx + 1) + i) * 2;
        this.vMids[k] = round6((a[0] + b[0]) / 2 + rng.range(-0.125, 0.125) * cellLng);
        this.vMids[k + 1] = round6((a[1] + b[1]) / 2 + rng.range(-0.05, 0.05) * cellLat);
      }
    }
  }

  /** The lattice corner at column i, row j. */
  corner(i: number, j: number): Point {
    const k = (j * (this.nx + 1) + i) * 2;
    return [this.corners[k]!, this.corners[k + 1]!];
  }

  private hMid(i: number, j: number): Point {
    const k = (j * this.nx + i) * 2;
    return [this.hMids[k]!, this.hMids[k + 1]!];
  }

  private vMid(i: number, j: number): Point {
    const k = (j * (this.nx + 1) + i) * 2;
    return [this.vMids[k]!, this.vMids[k + 1]!];
  }

  /** The closed counter-clockwise ring around a rectangle of cells, through every lattice vertex on it. */
  ring(r: CellRect): Point[] {
    const out: Point[] = [];
    for (let i = r.x0; i < r.x1; i++) out.push(this.corner(i, r.y0), this.hMid(i, r.y0));
    for (let j = r.y0; j < r.y1; j++) out.push(this.corner(r.x1, j), this.vMid(r.x1, j));
    for (let i = r.x1; i > r.x0; i--) out.push(this.corner(i, r.y1), this.hMid(i - 1, r.y1));
    for (let j = r.y1; j > r.y0; j--) out.push(this.corner(r.x0, j), this.vMid(r.x0, j - 1));
    out.push(this.corner(r.x0, r.y0));
    return out;
  }

  /** A point of cell (i, j) by bilinear interpolation of its corners, u and v in [0, 1]. */
  cellPoint(i: number, j: number, u: number, v: number): Point {
    const a = this.corner(i, j);
    const b = this.corner(i + 1, j);
    const c = this.corner(i + 1, j + 1);
    const d = this.corner(i, j + 1);
    const lng = (1 - v) * ((1 - u) * a[0] + u * b[0]) + v * ((1 - u) * d[0] + u * c[0]);
    const lat = (1 - v) * ((1 - u) * a[1] + u * b[1]) + v * ((1 - u) * d[1] + u * c[1]);
    return [round6(lng), round6(lat)];
  }
}

/** Splits a rectangle of cells into parts whose areas follow the weights (guillotine cuts along the longer
 * side). Each part gets at least `minCells[k]` cells; throws when the rectangle is too small. */
export function partition(rect: CellRect, weights: number[], minCells: number[] = weights.map(() => 1)): CellRect[] {
  const area = (r: CellRect) => (r.x1 - r.x0) * (r.y1 - r.y0);
  const need = minCells.reduce((a, b) => a + b, 0);
  if (area(rect) < need) throw new Error(`partition: ${area(rect)} cells cannot hold ${need}`);
  if (weights.length === 1) return [rect];
  const total = weights.reduce((a, b) => a + b, 0);
  let k = 1;
  let acc = weights[0]!;
  while (k < weights.length - 1 && Math.abs(acc + weights[k]! - total / 2) < Math.abs(acc - total / 2)) acc += weights[k++]!;
  const needA = minCells.slice(0, k).reduce((a, b) => a + b, 0);
  const needB = need - needA;
  const w = rect.x1 - rect.x0;
  const h = rect.y1 - rect.y0;
  const vertical = w >= h; // cut across the longer side
  const len = vertical ? w : h;
  const other = vertical ? h : w;
  let cut = Math.min(len - 1, Math.max(1, Math.round((len * acc) / total)));
  while (cut * other < needA && cut < len - 1) cut++;
  while ((len - cut) * other < needB && cut > 1) cut--;
  const [a, b]: CellRect[] = vertical
    ? [{ ...rect, x1: rect.x0 + cut }, { ...rect, x0: rect.x0 + cut }]
    : [{ ...rect, y1: rect.y0 + cut }, { ...rect, y0: rect.y0 + cut }];
  return [...partition(a, weights.slice(0, k), minCells.slice(0, k)), ...partition(b, weights.slice(k), minCells.slice(k))];
}

/** Orders rectangles north to south, then west to east (the CJ/T 349 numbering order). */
export function readingOrder<T extends { rect: CellRect }>(items: T[]): T[] {
  return [...items].sort((p, q) => q.rect.y1 - p.rect.y1 || p.rect.x0 - q.rect.x0);
}

/** The cells of a rectangle in reading order (north to south, west to east). */
export function cellsOf(r: CellRect): [number, number][] {
  const out: [number, number][] = [];
  for (let j = r.y1 - 1; j >= r.y0; j--) for (let i = r.x0; i < r.x1; i++) out.push([i, j]);
  return out;
}

/** True when the point lies inside the ring (ray casting; points on the boundary may go either way). */
export function pointInRing(p: Point, ring: Point[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    if (yi > p[1] !== yj > p[1] && p[0] < ((xj - xi) * (p[1] - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Signed area of a ring in square degrees (positive when counter-clockwise). */
export function ringArea(ring: Point[]): number {
  let s = 0;
  for (let i = 0; i + 1 < ring.length; i++) s += ring[i]![0] * ring[i + 1]![1] - ring[i + 1]![0] * ring[i]![1];
  return s / 2;
}

/** [minLng, minLat, maxLng, maxLat] of a ring. */
export function ringBbox(ring: Point[]): number[] {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const [x, y] of ring) {
    if (x < minX) minX = x;
    if (y < minY) minY = y;
    if (x > maxX) maxX = x;
    if (y > maxY) maxY = y;
  }
  return [minX, minY, maxX, maxY];
}

const key = (p: Point) => `${p[0]},${p[1]}`;

/** Why the child rings do not tile the parent ring exactly, or [] when they do: every child edge is
 * shared (reversed) with exactly one sibling or lies on the parent's boundary, every parent edge is
 * covered, every ring is counter-clockwise and simple, and the areas add up. */
export function tilingProblems(parent: Point[], children: Point[][]): string[] {
  const problems: string[] = [];
  const parentEdges = new Set<string>();
  for (let i = 0; i + 1 < parent.length; i++) parentEdges.add(`${key(parent[i]!)}>${key(parent[i + 1]!)}`);
  const childEdges = new Map<string, number>();
  children.forEach((ring, c) => {
    if (key(ring[0]!) !== key(ring[ring.length - 1]!)) problems.push(`child ${c}: ring not closed`);
    if (ringArea(ring) <= 0) problems.push(`child ${c}: not counter-clockwise`);
    if (!isSimpleRing(ring)) problems.push(`child ${c}: self-intersecting`);
    for (let i = 0; i + 1 < ring.length; i++) {
      const e = `${key(ring[i]!)}>${key(ring[i + 1]!)}`;
      childEdges.set(e, (childEdges.get(e) ?? 0) + 1);
    }
  });
  for (const [e, n] of childEdges) {
    if (n > 1) problems.push(`edge ${e} used ${n} times`);
    const [a, b] = e.split('>');
    const shared = childEdges.has(`${b}>${a}`);
    if (!shared && !parentEdges.has(e)) problems.push(`edge ${e} neither shared nor on the parent boundary`);
    if (shared && parentEdges.has(e)) problems.push(`edge ${e} on the boundary but also shared`);
  }
  for (const e of parentEdges) if (!childEdges.has(e)) problems.push(`parent edge ${e} not covered`);
  const sum = children.reduce((s, r) => s + ringArea(r), 0);
  const area = ringArea(parent);
  if (Math.abs(sum - area) > Math.abs(area) * 1e-9) problems.push(`areas differ: children ${sum}, parent ${area}`);
  return problems;
}

function segmentsCross(a: Point, b: Point, c: Point, d: Point): boolean {
  const o = (p: Point, q: Point, r: Point) => Math.sign((q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0]));
  return o(a, b, c) * o(a, b, d) < 0 && o(c, d, a) * o(c, d, b) < 0;
}

/** True when no two non-adjacent edges of the closed ring cross. */
export function isSimpleRing(ring: Point[]): boolean {
  const n = ring.length - 1;
  for (let i = 0; i < n; i++) {
    for (let j = i + 2; j < n; j++) {
      if (i === 0 && j === n - 1) continue;
      if (segmentsCross(ring[i]!, ring[i + 1]!, ring[j]!, ring[j + 1]!)) return false;
    }
  }
  return true;
}
