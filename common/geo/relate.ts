/**
 * Relations between areas with a tolerance: do two areas overlap (shared edges and touching corners do not
 * count), and does one lie inside another.
 *
 * Method: orient every shell counter-clockwise and every hole clockwise, so that the interior is always on
 * the left of an edge. Then
 *  - two edges crossing properly mean the interiors overlap near the crossing;
 *  - two collinear edges running the same way have both interiors on the same side: overlap; running
 *    opposite ways they are a shared border;
 *  - otherwise the boundaries only touch; cut each edge where the other boundary touches it, and test the
 *    midpoint of every piece: a piece strictly inside the other area means overlap.
 */
import type { AreaGeometry, PolygonCoords } from './types.js';
import { TOLERANCE, polygonsOf } from './types.js';
import { bboxOfPolygons, bboxesOverlap, orientPolygon } from './measure.js';
import { classifyPoint, pointInPolygon } from './pip.js';
import { forEachNearPair, makeEdge, pointSegmentDistance, projectParam, relateSegments, type Edge } from './segments.js';

interface Analysis {
  crossing: boolean;
  sameWay: boolean;
  /** Collinear pairs running opposite ways: [edge of A, edge of B]. */
  opposite: [Edge, Edge][];
  splitsA: Map<Edge, number[]>;
  splitsB: Map<Edge, number[]>;
}

/** Edges of oriented polygons. */
function edgesOf(polygons: PolygonCoords[]): Edge[] {
  const out: Edge[] = [];
  polygons.forEach((p, pi) =>
    p.forEach((ring, ri) => {
      for (let i = 1; i < ring.length; i++) out.push(makeEdge(ring[i - 1]!, ring[i]!, pi, ri, i - 1));
    }),
  );
  return out;
}

function addSplit(m: Map<Edge, number[]>, e: Edge, x: number, y: number, tol: number) {
  const t = projectParam(x, y, e.ax, e.ay, e.bx, e.by);
  const l = Math.hypot(e.bx - e.ax, e.by - e.ay);
  if (t * l <= tol || (1 - t) * l <= tol) return;
  const list = m.get(e);
  if (list) list.push(t);
  else m.set(e, [t]);
}

/** Endpoints of q lying on p (within tol) become cut points of p. */
function cutAtEndpoints(m: Map<Edge, number[]>, p: Edge, q: Edge, tol: number) {
  if (pointSegmentDistance(q.ax, q.ay, p.ax, p.ay, p.bx, p.by) <= tol) addSplit(m, p, q.ax, q.ay, tol);
  if (pointSegmentDistance(q.bx, q.by, p.ax, p.ay, p.bx, p.by) <= tol) addSplit(m, p, q.bx, q.by, tol);
}

function analyse(ea: Edge[], eb: Edge[], tol: number, stopOnOverlap: boolean): Analysis {
  const r: Analysis = { crossing: false, sameWay: false, opposite: [], splitsA: new Map(), splitsB: new Map() };
  forEachNearPair(ea, eb, tol, (a, b) => {
    const rel = relateSegments(a, b, tol);
    if (rel.kind === 'none') return false;
    if (rel.kind === 'cross') {
      r.crossing = true;
      addSplit(r.splitsA, a, rel.x, rel.y, tol);
      addSplit(r.splitsB, b, rel.x, rel.y, tol);
      return stopOnOverlap;
    }
    if (rel.kind === 'collinear') {
      if (rel.same) r.sameWay = true;
      else r.opposite.push([a, b]);
      if (rel.same && stopOnOverlap) return true;
    }
    cutAtEndpoints(r.splitsA, a, b, tol);
    cutAtEndpoints(r.splitsB, b, a, tol);
    return false;
  });
  return r;
}

/** Midpoints of the pieces of each edge cut at its split points, with the edge they lie on. */
function* pieceMidpoints(edges: Edge[], splits: Map<Edge, number[]>): Generator<[number, number, Edge]> {
  for (const e of edges) {
    const ts = [0, ...(splits.get(e) ?? []).sort((x, y) => x - y), 1];
    for (let i = 1; i < ts.length; i++) {
      const t = (ts[i - 1]! + ts[i]!) / 2;
      yield [e.ax + t * (e.bx - e.ax), e.ay + t * (e.by - e.ay), e];
    }
  }
}

const inBox = (x: number, y: number, b: number[], tol: number) => x >= b[0]! - tol && x <= b[2]! + tol && y >= b[1]! - tol && y <= b[3]! + tol;

/** True when the interiors of two polygon sets overlap by more than the tolerance. */
export function polygonSetsOverlap(a: PolygonCoords[], b: PolygonCoords[], tol = TOLERANCE): boolean {
  const ba = bboxOfPolygons(a);
  const bb = bboxOfPolygons(b);
  if (!bboxesOverlap(ba, bb, tol)) return false;
  const A = a.map(orientPolygon);
  const B = b.map(orientPolygon);
  const ea = edgesOf(A);
  const eb = edgesOf(B);
  const r = analyse(ea, eb, tol, true);
  if (r.crossing || r.sameWay) return true;
  for (const [x, y] of pieceMidpoints(ea, r.splitsA)) if (inBox(x, y, bb, tol) && classifyPoint(x, y, B, tol) === 'inside') return true;
  for (const [x, y] of pieceMidpoints(eb, r.splitsB)) if (inBox(x, y, ba, tol) && classifyPoint(x, y, A, tol) === 'inside') return true;
  return false;
}

/** True when the interiors of two polygons overlap (shared edges and corners do not count). */
export function polygonsOverlap(a: PolygonCoords, b: PolygonCoords, tol = TOLERANCE): boolean {
  return polygonSetsOverlap([a], [b], tol);
}

/** True when the interiors of two Polygon/MultiPolygon geometries overlap. */
export function geometriesOverlap(a: AreaGeometry, b: AreaGeometry, tol = TOLERANCE): boolean {
  return polygonSetsOverlap(polygonsOf(a), polygonsOf(b), tol);
}

/**
 * True when `inner` lies inside `outer`, allowing it to stray up to `tol` degrees beyond the boundary
 * (1e-6° ≈ 0.1 m). Edges shared by two members of a MultiPolygon `outer` are not treated as its boundary.
 */
export function geometryWithin(inner: AreaGeometry, outer: AreaGeometry, tol = 1e-6): boolean {
  const I = polygonsOf(inner).map(orientPolygon);
  const O = polygonsOf(outer).map(orientPolygon);
  const bi = bboxOfPolygons(I);
  const bo = bboxOfPolygons(O);
  if (bi[0] < bo[0] - tol || bi[1] < bo[1] - tol || bi[2] > bo[2] + tol || bi[3] > bo[3] + tol) return false;
  const ei = edgesOf(I);
  const eo = edgesOf(O);
  const r = analyse(ei, eo, tol, false);
  const step = Math.max(10 * tol, 1e-9);
  // Is the point just right of outer edge e at (x, y) still inside `outer` (e is internal to a MultiPolygon)?
  const internal = (e: Edge, x: number, y: number) => {
    const l = Math.hypot(e.bx - e.ax, e.by - e.ay);
    const rx = x + (step * (e.by - e.ay)) / l;
    const ry = y - (step * (e.bx - e.ax)) / l;
    return O.some((p) => pointInPolygon(rx, ry, p));
  };
  // An inner edge running against an outer boundary edge has the inner interior on the outer's outside.
  for (const [a, b] of r.opposite) {
    const t = (projectParam(a.ax, a.ay, b.ax, b.ay, b.bx, b.by) + projectParam(a.bx, a.by, b.ax, b.ay, b.bx, b.by)) / 2;
    if (!internal(b, b.ax + t * (b.bx - b.ax), b.ay + t * (b.by - b.ay))) return false;
  }
  for (const [x, y] of pieceMidpoints(ei, r.splitsA)) if (classifyPoint(x, y, O, tol) === 'outside') return false;
  for (const [x, y, e] of pieceMidpoints(eo, r.splitsB)) {
    if (!inBox(x, y, bi, tol) || classifyPoint(x, y, I, tol) !== 'inside') continue;
    // The outer boundary passes through the inner's interior, unless this edge is internal to `outer`.
    if (!internal(e, x, y)) return false;
  }
  return true;
}
