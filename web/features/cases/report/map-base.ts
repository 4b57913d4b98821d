/**
 * A bare Leaflet map for the case pages: created once in a container, street tiles only when /api/config
 * names a tile server (as web/features/geo does), resized with its container (steps that were hidden).
 */
import { useEffect, useRef, useState, type RefObject } from 'react';
import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import { useConfig } from '../../../lib/config.js';

/** Where a map looks before it knows anything better (the same first view as the grid map). */
export const FALLBACK_VIEW = { center: [41.3, 123.7] as [number, number], zoom: 12 };

/** Creates the map in `box`; returns it (null until mounted) and whether street tiles are shown. */
export function useLeafletMap(box: RefObject<HTMLDivElement | null>): { map: L.Map | null; tiles: boolean | undefined } {
  const config = useConfig();
  const [map, setMap] = useState<L.Map | null>(null);
  const made = useRef<L.Map | null>(null);

  useEffect(() => {
    if (!box.current) return;
    // Explicit zoom limits: without a tile layer Leaflet has none and clamps setView oddly.
    const m = L.map(box.current, { zoomControl: true, attributionControl: false, zoomSnap: 0.5, minZoom: 3, maxZoom: 19 });
    m.setView(FALLBACK_VIEW.center, FALLBACK_VIEW.zoom);
    made.current = m;
    setMap(m);
    const ro = new ResizeObserver(() => m.invalidateSize());
    ro.observe(box.current);
    return () => {
      ro.disconnect();
      m.remove();
      made.current = null;
      setMap(null);
    };
  }, [box]);

  useEffect(() => {
    if (!map || !config?.tileUrl) return;
    const tiles = L.tileLayer(config.tileUrl, { maxZoom: 19, attribution: config.tileAttribution ?? '' }).addTo(map);
    tiles.bringToBack();
    const credit = L.control.attribution({ prefix: false }).addTo(map);
    return () => {
      tiles.remove();
      credit.remove();
    };
  }, [map, config?.tileUrl, config?.tileAttribution]);

  return { map, tiles: config ? !!config.tileUrl : undefined };
}

/** A red map pin drawn in CSS (no image files to bundle), its tip on the point. */
export function pinIcon(): L.DivIcon {
  return L.divIcon({
    className: '',
    html: '<div style="box-sizing:border-box;width:28px;height:28px;border-radius:50% 50% 50% 0;background:#c4161c;transform:rotate(-45deg);border:3px solid #fff;box-shadow:0 1px 4px rgba(0,0,0,.45)"></div>',
    iconSize: [28, 28],
    iconAnchor: [14, 34],
  });
}
