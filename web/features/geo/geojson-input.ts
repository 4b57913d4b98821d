/** Reading GeoJSON typed or uploaded by the user, for previews and for the split parts. */
import type { AreaCollection, AreaFeature } from './types.js';

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The features with Polygon/MultiPolygon geometry of a FeatureCollection text; null when it is not one. */
export function readCollection(text: string): AreaCollection | null {
  let doc: unknown;
  try {
    doc = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    return null;
  }
  if (!isObj(doc) || doc.type !== 'FeatureCollection' || !Array.isArray(doc.features)) return null;
  const features = (doc.features as unknown[])
    .filter((f): f is Record<string, unknown> => isObj(f) && isObj(f.geometry) && (f.geometry.type === 'Polygon' || f.geometry.type === 'MultiPolygon'))
    .map((f, i) => {
      const p = isObj(f.properties) ? f.properties : {};
      const str = (v: unknown) => (typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : '');
      return {
        type: 'Feature',
        geometry: f.geometry,
        properties: { id: -(i + 1), code: str(p.code), nameZh: str(p.name_zh ?? p.nameZh ?? p.name), nameEn: str(p.name_en ?? p.nameEn) },
      } as AreaFeature;
    });
  return { type: 'FeatureCollection', features };
}

export interface SplitPart {
  code?: string;
  nameZh: string;
  nameEn?: string;
  geometry: AreaFeature['geometry'];
}

/** The split request's parts from a collection (blank code and English name are left to the server). */
export function partsOf(c: AreaCollection): SplitPart[] {
  return c.features.map((f) => ({
    ...(f.properties.code ? { code: f.properties.code } : {}),
    nameZh: f.properties.nameZh,
    ...(f.properties.nameEn ? { nameEn: f.properties.nameEn } : {}),
    geometry: f.geometry,
  }));
}
