/**
 * Where the pin map opens before a place is chosen: staff see the extent of their own area (grid,
 * community or street outlines they may read); residents, who may not read the grid map, see the extent of
 * the district's public cases. Null when neither is known (the map keeps its first view).
 */
import { useEffect, useState } from 'react';
import { get } from '../../../lib/api.js';
import type { Me } from '../../../lib/auth.js';

/** [minLng, minLat, maxLng, maxLat] */
export type Extent = [number, number, number, number];

const LEVEL_OF: Record<string, string> = { grid: 'grid', community: 'community', street: 'street', district: 'street', city: 'street' };

/** The extent of a list of points, or null. */
export function extentOf(points: { lat: number; lng: number }[]): Extent | null {
  if (points.length === 0) return null;
  let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const p of points) {
    x0 = Math.min(x0, p.lng);
    y0 = Math.min(y0, p.lat);
    x1 = Math.max(x1, p.lng);
    y1 = Math.max(y1, p.lat);
  }
  return [x0, y0, x1, y1];
}

async function staffExtent(me: Me): Promise<Extent | null> {
  const grant = me.grants.find((g) => g.permissions.includes('org.read') && LEVEL_OF[g.nodeType]);
  if (!grant) return null;
  const fc = await get<{ bbox?: Extent }>(`/geo/grids?level=${LEVEL_OF[grant.nodeType]}&nodeId=${grant.nodeId}`);
  return fc.bbox ?? null;
}

async function publicExtent(): Promise<Extent | null> {
  const list = await get<{ items: { lat: number; lng: number }[] }>('/public/cases?pageSize=100');
  return extentOf(list.items);
}

/** The extent to open the pin map on (undefined while loading). */
export function useStartView(me: Me): Extent | null | undefined {
  const [extent, setExtent] = useState<Extent | null>();
  useEffect(() => {
    let live = true;
    staffExtent(me)
      .catch(() => null)
      .then((e) => e ?? publicExtent().catch(() => null))
      .then((e) => live && setExtent(e));
    return () => {
      live = false;
    };
  }, [me]);
  return extent;
}
