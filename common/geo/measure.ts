/** Bounding boxes, ring orientation and areas (square metres on the sphere). */
import type { AreaGeometry, BBox, PolygonCoords, Ring } from './types.js';
import { polygonsOf } from './types.js';

/** WGS84 equatorial radius, as used by common web-map tools for areas. */
const EARTH_RADIUS_M = 6378137;
const RAD = Math.PI / 180;

/** The bounding box of a geometry. */
export function bboxOf(g: AreaGeometry): BBox {
  return bboxOfPolygons(polygonsOf(g));
}

/** The bounding box of polygons (their shells suffice). */
export function bboxOfPolygons(polygons: PolygonCoords[]): BBox {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const p of polygons)
    for (const [x, y] of p[0]!) {
      if (x < minX) minX = x;
      if (y < minY) minY = y;
      if (x > maxX) maxX = x;
      if (y > maxY) maxY = y;
    }
  return [minX, minY, maxX, maxY];
}

/** True when two boxes share more than a line (interiors intersect beyond tol). */
export function bboxesOverlap(a: BBox, b: BBox, tol = 0): boolean {
  return a[0] < b[2] - tol && b[0] < a[2] - tol && a[1] < b[3] - tol && b[1] < a[3] - tol;
}

/** Signed planar area of a ring in square degrees: positive when counter-clockwise. */
export function signedRingArea(ring: Ring): number {
  let s = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) s += (ring[j]![0] - ring[i]![0]) * (ring[j]![1] + ring[i]![1]);
  return s / 2;
}

/**
 * Area of a ring in m² on the sphere, always positive. Edges are taken as straight lines in longitude and
 * latitude (as drawn on a web map and as every other function here treats them), so the area follows from
 * Green's theorem exactly: A = R² |Σ Δλ · (cos φ1 − cos φ2) / (φ2 − φ1)|.
 */
export function ringAreaM2(ring: Ring): number {
  let total = 0;
  for (let i = 1; i < ring.length; i++) {
    const l1 = ring[i - 1]![0] * RAD;
    const p1 = ring[i - 1]![1] * RAD;
    const l2 = ring[i]![0] * RAD;
    const p2 = ring[i]![1] * RAD;
    const half = (p2 - p1) / 2;
    // (cos p1 − cos p2)/(p2 − p1) = sin(mid) · sin(half)/half, stable when p1 ≈ p2.
    const sinc = half === 0 ? 1 : Math.sin(half) / half;
    total += (l2 - l1) * Math.sin((p1 + p2) / 2) * sinc;
  }
  return Math.abs(total * EARTH_RADIUS_M * EARTH_RADIUS_M);
}

/** Area of a polygon in m²: shell minus holes. */
export function polygonAreaM2(p: PolygonCoords): number {
  let a = ringAreaM2(p[0]!);
  for (let h = 1; h < p.length; h++) a -= ringAreaM2(p[h]!);
  return a;
}

/** Area of a Polygon or MultiPolygon in m² (members must not overlap). */
export function areaM2(g: AreaGeometry): number {
  return polygonsOf(g).reduce((s, p) => s + polygonAreaM2(p), 0);
}

/** The ring turned to the given orientation (counter-clockwise for shells, clockwise for holes, RFC 7946). */
export function orientRing(ring: Ring, ccw: boolean): Ring {
  return signedRingArea(ring) > 0 === ccw ? ring : [...ring].reverse();
}

/** The polygon with a counter-clockwise shell and clockwise holes. */
export function orientPolygon(p: PolygonCoords): PolygonCoords {
  return p.map((ring, i) => orientRing(ring, i === 0));
}
