/** GeoJSON area types used across the product: [lng, lat] positions, rings, polygons, multipolygons. */

export type Position = [number, number];
/** A closed ring: first position equals the last. */
export type Ring = Position[];
/** A polygon's rings: the outer ring (shell) first, then holes. */
export type PolygonCoords = Ring[];

export interface PolygonGeometry {
  type: 'Polygon';
  coordinates: PolygonCoords;
}
export interface MultiPolygonGeometry {
  type: 'MultiPolygon';
  coordinates: PolygonCoords[];
}
/** A Polygon or a MultiPolygon: the only geometries grids, communities and streets may have. */
export type AreaGeometry = PolygonGeometry | MultiPolygonGeometry;

/** [minLng, minLat, maxLng, maxLat]. */
export type BBox = [number, number, number, number];

/** Default distance tolerance in degrees (~0.1 mm): closer points are the same point. */
export const TOLERANCE = 1e-9;

/** The polygons of a geometry (one for a Polygon). */
export function polygonsOf(g: AreaGeometry): PolygonCoords[] {
  return g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
}

/** A Polygon when there is one polygon, else a MultiPolygon. */
export function geometryOf(polygons: PolygonCoords[]): AreaGeometry {
  return polygons.length === 1 ? { type: 'Polygon', coordinates: polygons[0]! } : { type: 'MultiPolygon', coordinates: polygons };
}
