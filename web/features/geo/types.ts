/** Map data as the geo API returns it (GeoJSON, [lng, lat]). */
import type { AreaGeometry } from '../../../common/geo/types.js';

export interface AreaProperties {
  id: number;
  code: string;
  nameZh: string;
  nameEn: string;
  type?: string;
  level?: string;
  communityId?: number | null;
  streetId?: number | null;
  active?: boolean;
  [k: string]: unknown;
}

export interface AreaFeature {
  type: 'Feature';
  id?: number | string;
  geometry: AreaGeometry;
  properties: AreaProperties;
}

export interface AreaCollection {
  type: 'FeatureCollection';
  features: AreaFeature[];
  [k: string]: unknown;
}
