/**
 * Validation of GeoJSON Polygon / MultiPolygon input with a reason for the first problem found, and
 * normalisation of valid input: 2-D positions, no repeated consecutive positions, counter-clockwise shells
 * and clockwise holes (RFC 7946).
 */
import type { AreaGeometry, PolygonCoords, Position, Ring } from './types.js';
import { TOLERANCE, geometryOf } from './types.js';
import { cross, makeEdge, relateSegments, forEachNearPair, pointSegmentDistance, type Edge } from './segments.js';
import { orientPolygon, ringAreaM2 } from './measure.js';
import { pointInRing } from './pip.js';
import { polygonsOverlap } from './relate.js';

export const GEO_PROBLEMS = [
  'NOT_POLYGON',
  'BAD_COORDINATE',
  'RING_TOO_SHORT',
  'RING_NOT_CLOSED',
  'ZERO_AREA',
  'SELF_INTERSECTION',
  'HOLE_OUTSIDE_SHELL',
  'HOLES_OVERLAP',
  'PARTS_OVERLAP',
  'TOO_COMPLEX',
] as const;
export type GeoProblemReason = (typeof GEO_PROBLEMS)[number];

export interface GeoProblem {
  reason: GeoProblemReason;
  /** 1-based polygon (MultiPolygon member) and ring numbers, when the problem is in one. */
  polygon?: number;
  ring?: number;
  /** Roughly where, [lng, lat]. */
  at?: Position;
}

export type GeometryCheck = { ok: true; geometry: AreaGeometry } | { ok: false; problem: GeoProblem };

export interface ValidateOptions {
  /** Rings smaller than this are "zero area" (m²). Default 0.01 m². */
  minAreaM2?: number;
  /** Most positions accepted in one geometry. Default 100,000. */
  maxPositions?: number;
  tol?: number;
}

const fail = (problem: GeoProblem): GeometryCheck => ({ ok: false, problem });
const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Checks a GeoJSON geometry and returns it normalised, or the first problem with its reason. */
export function validateGeometry(input: unknown, opts: ValidateOptions = {}): GeometryCheck {
  const tol = opts.tol ?? TOLERANCE;
  const maxPositions = opts.maxPositions ?? 100_000;
  if (!isObj(input) || (input.type !== 'Polygon' && input.type !== 'MultiPolygon') || !Array.isArray(input.coordinates)) {
    return fail({ reason: 'NOT_POLYGON' });
  }
  const rawPolys = input.type === 'Polygon' ? [input.coordinates] : (input.coordinates as unknown[]);
  if (rawPolys.length === 0) return fail({ reason: 'NOT_POLYGON' });
  let count = 0;
  const polygons: PolygonCoords[] = [];
  for (let pi = 0; pi < rawPolys.length; pi++) {
    const raw = rawPolys[pi];
    const where = { polygon: pi + 1 };
    if (!Array.isArray(raw) || raw.length === 0) return fail({ reason: 'NOT_POLYGON', ...where });
    const rings: Ring[] = [];
    for (let ri = 0; ri < raw.length; ri++) {
      const r = parseRing(raw[ri], { ...where, ring: ri + 1 });
      if ('reason' in r) return fail(r);
      count += r.length;
      if (count > maxPositions) return fail({ reason: 'TOO_COMPLEX' });
      rings.push(r);
    }
    const problem = checkPolygon(rings, pi + 1, tol);
    if (problem) return fail(problem);
    const tiny = rings.findIndex((r) => ringAreaM2(r) < (opts.minAreaM2 ?? 0.01));
    if (tiny >= 0) return fail({ reason: 'ZERO_AREA', polygon: pi + 1, ring: tiny + 1, at: rings[tiny]![0] });
    polygons.push(orientPolygon(rings));
  }
  for (let i = 0; i < polygons.length; i++)
    for (let j = i + 1; j < polygons.length; j++)
      if (polygonsOverlap(polygons[i]!, polygons[j]!, tol)) return fail({ reason: 'PARTS_OVERLAP', polygon: j + 1, at: polygons[j]![0]![0] });
  return { ok: true, geometry: input.type === 'Polygon' ? geometryOf(polygons) : { type: 'MultiPolygon', coordinates: polygons } };
}

/** Parses one ring: positions, closure, length, area; drops repeated consecutive positions and altitudes. */
function parseRing(raw: unknown, where: { polygon: number; ring: number }): Ring | GeoProblem {
  if (!Array.isArray(raw)) return { reason: 'NOT_POLYGON', ...where };
  const ring: Ring = [];
  for (const p of raw) {
    if (!Array.isArray(p) || p.length < 2 || typeof p[0] !== 'number' || typeof p[1] !== 'number') return { reason: 'BAD_COORDINATE', ...where };
    const [x, y] = p as number[];
    if (!Number.isFinite(x) || !Number.isFinite(y) || x! < -180 || x! > 180 || y! < -90 || y! > 90) {
      return { reason: 'BAD_COORDINATE', ...where, ...(Number.isFinite(x) && Number.isFinite(y) && { at: [x!, y!] as Position }) };
    }
    const last = ring[ring.length - 1];
    if (!last || last[0] !== x || last[1] !== y) ring.push([x!, y!]);
  }
  if (raw.length < 4) return { reason: 'RING_TOO_SHORT', ...where };
  const first = raw[0] as number[];
  const end = raw[raw.length - 1] as number[];
  if (first[0] !== end[0] || first[1] !== end[1]) return { reason: 'RING_NOT_CLOSED', ...where, at: [end[0]!, end[1]!] };
  if (ring.length < 4) return { reason: 'RING_TOO_SHORT', ...where };
  if (collinear(ring, TOLERANCE)) return { reason: 'ZERO_AREA', ...where, at: ring[0] };
  return ring;
}

/** Edges of one ring. */
function ringEdges(ring: Ring, poly: number, ringNo: number): Edge[] {
  const out: Edge[] = [];
  for (let i = 1; i < ring.length; i++) out.push(makeEdge(ring[i - 1]!, ring[i]!, poly, ringNo, i - 1));
  return out;
}

/** Self-intersections in each ring, then holes against the shell and against each other. */
function checkPolygon(rings: Ring[], polygon: number, tol: number): GeoProblem | null {
  const edges = rings.map((r, i) => ringEdges(r, polygon, i + 1));
  for (let r = 0; r < rings.length; r++) {
    const at = ringSelfIntersection(edges[r]!, tol);
    if (at) return { reason: 'SELF_INTERSECTION', polygon, ring: r + 1, at };
  }
  const shell = rings[0]!;
  for (let h = 1; h < rings.length; h++) {
    const where = { polygon, ring: h + 1 };
    const hit = firstContact(edges[h]!, edges[0]!, tol);
    if (hit) return { reason: 'HOLE_OUTSIDE_SHELL', ...where, at: hit };
    // No contact: the hole is wholly inside or wholly outside; one vertex decides.
    if (!pointInRing(rings[h]![0]![0], rings[h]![0]![1], shell)) return { reason: 'HOLE_OUTSIDE_SHELL', ...where, at: rings[h]![0] };
    for (let k = 1; k < h; k++) {
      const contact = firstContact(edges[h]!, edges[k]!, tol);
      const nested = pointInRing(rings[h]![0]![0], rings[h]![0]![1], rings[k]!) || pointInRing(rings[k]![0]![0], rings[k]![0]![1], rings[h]!);
      if (contact || nested) return { reason: 'HOLES_OVERLAP', ...where, at: contact ?? rings[h]![0] };
    }
  }
  return null;
}

/** Where two different rings cross or touch, if they do. */
function firstContact(a: Edge[], b: Edge[], tol: number): Position | null {
  let at: Position | null = null;
  forEachNearPair(a, b, tol, (p, q) => {
    const rel = relateSegments(p, q, tol);
    if (rel.kind === 'none') return false;
    at = rel.kind === 'cross' ? [rel.x, rel.y] : contactPoint(p, q, tol);
    return true;
  });
  return at;
}

/** Where a ring crosses or touches itself (including spikes that fold back), if it does. */
function ringSelfIntersection(edges: Edge[], tol: number): Position | null {
  const n = edges.length;
  let at: Position | null = null;
  forEachNearPair(edges, edges, tol, (p, q) => {
    if (q.index <= p.index) return false;
    const adjacent = q.index === p.index + 1 || (p.index === 0 && q.index === n - 1);
    if (adjacent) {
      // Neighbours share one vertex; they fail only when one folds back onto the other.
      const [first, second] = q.index === p.index + 1 ? [p, q] : [q, p];
      // (A neighbour shorter than tol is noise at the shared vertex, not a fold.)
      const farFromVertex = (x: number, y: number) => Math.hypot(x - first.bx, y - first.by) > tol;
      const back =
        (farFromVertex(second.bx, second.by) && pointSegmentDistance(second.bx, second.by, first.ax, first.ay, first.bx, first.by) <= tol) ||
        (farFromVertex(first.ax, first.ay) && pointSegmentDistance(first.ax, first.ay, second.ax, second.ay, second.bx, second.by) <= tol);
      if (back) at = [first.bx, first.by];
      return !!at;
    }
    const rel = relateSegments(p, q, tol);
    if (rel.kind === 'none') return false;
    at = rel.kind === 'cross' ? [rel.x, rel.y] : contactPoint(p, q, tol);
    return true;
  });
  return at;
}

/** An endpoint of one segment lying on the other (where two touching segments meet). */
function contactPoint(p: Edge, q: Edge, tol: number): Position {
  const cands: Position[] = [[q.ax, q.ay], [q.bx, q.by]];
  for (const c of cands) if (pointSegmentDistance(c[0], c[1], p.ax, p.ay, p.bx, p.by) <= tol) return c;
  return pointSegmentDistance(p.ax, p.ay, q.ax, q.ay, q.bx, q.by) <= tol ? [p.ax, p.ay] : [p.bx, p.by];
}

/** True when every position lies within tol of one line (the ring encloses nothing). */
function collinear(ring: Ring, tol: number): boolean {
  const [ax, ay] = ring[0]!;
  let far = ring[0]!;
  let best = 0;
  for (const p of ring) {
    const d = Math.hypot(p[0] - ax, p[1] - ay);
    if (d > best) [best, far] = [d, p];
  }
  if (best === 0) return true;
  return ring.every((p) => Math.abs(cross(ax, ay, far[0], far[1], p[0], p[1])) / best <= tol);
}
