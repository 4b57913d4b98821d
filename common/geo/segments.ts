/** Segment primitives with a distance tolerance: orientation, distances, and how two segments meet. */
import type { Position } from './types.js';

/** Twice the signed area of triangle abc (> 0 when c is left of a→b). */
export function cross(ax: number, ay: number, bx: number, by: number, cx: number, cy: number): number {
  return (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
}

/** Distance from point p to segment ab. */
export function pointSegmentDistance(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax;
  const dy = by - ay;
  const len2 = dx * dx + dy * dy;
  let t = len2 === 0 ? 0 : ((px - ax) * dx + (py - ay) * dy) / len2;
  if (t < 0) t = 0;
  else if (t > 1) t = 1;
  const qx = ax + t * dx - px;
  const qy = ay + t * dy - py;
  return Math.sqrt(qx * qx + qy * qy);
}

/** Parameter t in [0, 1] of the projection of p on segment ab. */
export function projectParam(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax;
  const dy = by - ay;
  const len2 = dx * dx + dy * dy;
  if (len2 === 0) return 0;
  return Math.min(1, Math.max(0, ((px - ax) * dx + (py - ay) * dy) / len2));
}

/** One edge of a ring with its bounding box. */
export interface Edge {
  ax: number;
  ay: number;
  bx: number;
  by: number;
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
  /** Which polygon and ring of the geometry, and the index of the edge in its ring. */
  poly: number;
  ring: number;
  index: number;
}

/** An edge from a to b. */
export function makeEdge(a: Position, b: Position, poly: number, ring: number, index: number): Edge {
  return {
    ax: a[0],
    ay: a[1],
    bx: b[0],
    by: b[1],
    minX: Math.min(a[0], b[0]),
    minY: Math.min(a[1], b[1]),
    maxX: Math.max(a[0], b[0]),
    maxY: Math.max(a[1], b[1]),
    poly,
    ring,
    index,
  };
}

export type SegmentRelation =
  | { kind: 'none' }
  /** The interiors of both segments cross at one point, away from every endpoint. */
  | { kind: 'cross'; x: number; y: number }
  /** Collinear with an overlap longer than the tolerance; `same` when they run the same way. */
  | { kind: 'collinear'; same: boolean }
  /** They meet at a point that is an endpoint of at least one of them (corner or T-junction). */
  | { kind: 'touch' };

const len = (e: Edge) => Math.hypot(e.bx - e.ax, e.by - e.ay);

/** How two segments meet, treating distances up to `tol` as zero. */
export function relateSegments(p: Edge, q: Edge, tol: number): SegmentRelation {
  if (p.maxX < q.minX - tol || q.maxX < p.minX - tol || p.maxY < q.minY - tol || q.maxY < p.minY - tol) return { kind: 'none' };
  const lp = len(p);
  const lq = len(q);
  // Signed distances of each segment's endpoints from the other's line.
  const dq1 = lp === 0 ? 0 : cross(p.ax, p.ay, p.bx, p.by, q.ax, q.ay) / lp;
  const dq2 = lp === 0 ? 0 : cross(p.ax, p.ay, p.bx, p.by, q.bx, q.by) / lp;
  const dp1 = lq === 0 ? 0 : cross(q.ax, q.ay, q.bx, q.by, p.ax, p.ay) / lq;
  const dp2 = lq === 0 ? 0 : cross(q.ax, q.ay, q.bx, q.by, p.bx, p.by) / lq;
  const [long, short, dShort1, dShort2] = lp >= lq ? [p, q, dq1, dq2] : [q, p, dp1, dp2];
  if (Math.abs(dShort1) <= tol && Math.abs(dShort2) <= tol) {
    // Collinear: compare the intervals along the longer segment.
    const l = Math.max(lp, lq);
    if (l === 0) return { kind: 'touch' };
    const ux = (long.bx - long.ax) / l;
    const uy = (long.by - long.ay) / l;
    const s1 = (short.ax - long.ax) * ux + (short.ay - long.ay) * uy;
    const s2 = (short.bx - long.ax) * ux + (short.by - long.ay) * uy;
    const overlap = Math.min(l, Math.max(s1, s2)) - Math.max(0, Math.min(s1, s2));
    if (overlap > tol) return { kind: 'collinear', same: s2 > s1 };
    return overlap >= -tol ? { kind: 'touch' } : { kind: 'none' };
  }
  const properQ = (dq1 > tol && dq2 < -tol) || (dq1 < -tol && dq2 > tol);
  const properP = (dp1 > tol && dp2 < -tol) || (dp1 < -tol && dp2 > tol);
  if (properQ && properP) {
    const t = dp1 / (dp1 - dp2);
    return { kind: 'cross', x: p.ax + t * (p.bx - p.ax), y: p.ay + t * (p.by - p.ay) };
  }
  const near =
    pointSegmentDistance(q.ax, q.ay, p.ax, p.ay, p.bx, p.by) <= tol ||
    pointSegmentDistance(q.bx, q.by, p.ax, p.ay, p.bx, p.by) <= tol ||
    pointSegmentDistance(p.ax, p.ay, q.ax, q.ay, q.bx, q.by) <= tol ||
    pointSegmentDistance(p.bx, p.by, q.ax, q.ay, q.bx, q.by) <= tol;
  return near ? { kind: 'touch' } : { kind: 'none' };
}

/**
 * Calls fn for every pair (one edge from each list) whose bounding boxes come within tol, sweeping along x.
 * fn returns true to stop early; the function then returns true.
 */
export function forEachNearPair(as: Edge[], bs: Edge[], tol: number, fn: (a: Edge, b: Edge) => boolean | void): boolean {
  const A = [...as].sort((x, y) => x.minX - y.minX);
  const B = [...bs].sort((x, y) => x.minX - y.minX);
  let start = 0;
  for (const a of A) {
    // A is sorted by minX: an edge of B left of this one is left of every later one too.
    while (start < B.length && B[start]!.maxX < a.minX - tol) start++;
    for (let j = start; j < B.length; j++) {
      const b = B[j]!;
      if (b.minX > a.maxX + tol) break;
      if (b.maxX < a.minX - tol || b.minY > a.maxY + tol || b.maxY < a.minY - tol) continue;
      if (fn(a, b)) return true;
    }
  }
  return false;
}
