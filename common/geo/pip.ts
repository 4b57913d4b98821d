/** Point-in-polygon by ray casting (even-odd rule, holes respected) and distances to a boundary. */
import type { AreaGeometry, PolygonCoords, Ring } from './types.js';
import { polygonsOf } from './types.js';
import { pointSegmentDistance } from './segments.js';

/**
 * True when (x, y) is inside the ring. Half-open rule: of two rings sharing an edge, a point on (or
 * within rounding of) the edge belongs to exactly one of them.
 */
export function pointInRing(x: number, y: number, ring: Ring): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const xi = ring[i]![0];
    const yi = ring[i]![1];
    const xj = ring[j]![0];
    const yj = ring[j]![1];
    // Crossing computed from the edge's lower end: rings sharing the edge agree to the last bit.
    if (yi > y !== yj > y && x < (yi < yj ? xi + ((xj - xi) * (y - yi)) / (yj - yi) : xj + ((xi - xj) * (y - yj)) / (yi - yj))) inside = !inside;
  }
  return inside;
}

/** True when (x, y) is inside the polygon's shell and outside all of its holes. */
export function pointInPolygon(x: number, y: number, polygon: PolygonCoords): boolean {
  if (!pointInRing(x, y, polygon[0]!)) return false;
  for (let h = 1; h < polygon.length; h++) if (pointInRing(x, y, polygon[h]!)) return false;
  return true;
}

/** True when (x, y) is inside any polygon of the geometry. */
export function pointInGeometry(x: number, y: number, g: AreaGeometry): boolean {
  return polygonsOf(g).some((p) => pointInPolygon(x, y, p));
}

/** Distance (degrees) from (x, y) to the nearest edge of any ring of the polygons. */
export function distanceToBoundary(x: number, y: number, polygons: PolygonCoords[]): number {
  let best = Infinity;
  for (const poly of polygons)
    for (const ring of poly)
      for (let i = 1; i < ring.length; i++) {
        const d = pointSegmentDistance(x, y, ring[i - 1]![0], ring[i - 1]![1], ring[i]![0], ring[i]![1]);
        if (d < best) best = d;
      }
  return best;
}

/** Where a point lies relative to polygons, with a tolerance for the boundary. */
export function classifyPoint(x: number, y: number, polygons: PolygonCoords[], tol: number): 'inside' | 'boundary' | 'outside' {
  if (distanceToBoundary(x, y, polygons) <= tol) return 'boundary';
  return polygons.some((p) => pointInPolygon(x, y, p)) ? 'inside' : 'outside';
}
