/**
 * A Leaflet map of areas (grids, with optional community outlines). No tile layer unless the server
 * configures one: the polygons draw on a plain background either way. Fits the bounds of what it shows.
 */
import { useEffect, useRef } from 'react';
import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import { useConfig } from '../../lib/config.js';
import { useI18n } from '../../lib/i18n.js';
import type { AreaCollection, AreaFeature } from './types.js';

import { colourOf } from './colours.js';

const groupOf = (f: AreaFeature) => (f.properties.communityId ?? (f.properties.parentId as number | undefined) ?? null) as number | null;

export interface GridMapProps {
  grids: AreaCollection | undefined;
  /** Community (or street) outlines drawn under the grids. */
  outlines?: AreaCollection;
  /** Extra shapes drawn on top (e.g. the parts of a planned split), dashed. */
  overlay?: AreaCollection;
  selectedIds?: number[];
  onGridClick?(f: AreaFeature): void;
  /** When set, a click on the map reports the point instead of selecting a grid. */
  onMapClick?(latlng: { lat: number; lng: number }): void;
  marker?: { lat: number; lng: number } | null;
  /** Small dots (e.g. buildings) with a hover label; clicking one calls onPointClick. */
  points?: { id: number; lat: number; lng: number; label: string }[];
  onPointClick?(id: number): void;
  height?: number | string;
  /** Show grid names as labels (default: when there are few grids). */
  labels?: boolean;
  /** Colour of each community (default: a fixed colour per id). */
  colours?: Map<number, string>;
  testId?: string;
}

/** The map. */
export function GridMap({ grids, outlines, overlay, selectedIds, onGridClick, onMapClick, marker, points, onPointClick, height = 520, labels, colours, testId = 'map' }: GridMapProps) {
  const { pick } = useI18n();
  const config = useConfig();
  const box = useRef<HTMLDivElement>(null);
  const map = useRef<L.Map | null>(null);
  const layers = useRef<L.LayerGroup | null>(null);
  const markerLayer = useRef<L.LayerGroup | null>(null);
  const fitted = useRef<string>('');
  const handlers = useRef({ onGridClick, onMapClick, onPointClick });
  handlers.current = { onGridClick, onMapClick, onPointClick };

  // Create the map once.
  useEffect(() => {
    if (!box.current) return;
    const m = L.map(box.current, { zoomControl: true, attributionControl: false, preferCanvas: false, zoomSnap: 0.25 });
    m.setView([41.3, 123.7], 12);
    layers.current = L.layerGroup().addTo(m);
    markerLayer.current = L.layerGroup().addTo(m);
    m.on('click', (e: L.LeafletMouseEvent) => handlers.current.onMapClick?.({ lat: e.latlng.lat, lng: e.latlng.lng }));
    map.current = m;
    const ro = new ResizeObserver(() => m.invalidateSize());
    ro.observe(box.current);
    return () => {
      ro.disconnect();
      m.remove();
      map.current = null;
    };
  }, []);

  // Tiles only when configured.
  useEffect(() => {
    const m = map.current;
    if (!m || !config?.tileUrl) return;
    const tiles = L.tileLayer(config.tileUrl, { maxZoom: 19, attribution: config.tileAttribution ?? '' }).addTo(m);
    tiles.bringToBack();
    // Credit the tile provider only when tiles are shown.
    const credit = L.control.attribution({ prefix: false }).addTo(m);
    return () => {
      tiles.remove();
      credit.remove();
    };
  }, [config?.tileUrl, config?.tileAttribution]);

  // Draw the areas.
  useEffect(() => {
    const m = map.current;
    const group = layers.current;
    if (!m || !group) return;
    group.clearLayers();
    const selected = new Set(selectedIds ?? []);
    const colour = (id: number | null | undefined) => (id != null && colours?.get(id)) || colourOf(id);
    const count = grids?.features.length ?? 0;
    const showLabels = labels ?? count <= 80;
    if (outlines) {
      L.geoJSON(outlines as never, {
        interactive: false,
        style: (f) => ({ color: colour((f as unknown as AreaFeature).properties.id), weight: 2.5, fill: false, dashArray: '6 4' }),
      }).addTo(group);
    }
    if (grids) {
      L.geoJSON(grids as never, {
        style: (f) => {
          const feat = f as unknown as AreaFeature;
          const fill = colour(groupOf(feat));
          const sel = selected.has(feat.properties.id);
          const retired = feat.properties.active === false;
          return { color: sel ? '#c4161c' : fill, weight: sel ? 3 : 1.2, fillColor: fill, fillOpacity: sel ? 0.45 : retired ? 0.05 : 0.22, dashArray: retired ? '4 4' : undefined };
        },
        onEachFeature: (f, layer) => {
          const feat = f as unknown as AreaFeature;
          const name = pick(feat.properties.nameZh, feat.properties.nameEn);
          if (showLabels) layer.bindTooltip(name, { permanent: true, direction: 'center', className: 'gz-grid-label', interactive: false });
          else layer.bindTooltip(name, { sticky: true });
          layer.on('click', (e: L.LeafletMouseEvent) => {
            if (handlers.current.onMapClick) return; // the map click handler reports the point
            L.DomEvent.stopPropagation(e);
            handlers.current.onGridClick?.(feat);
          });
        },
      }).addTo(group);
    }
    if (overlay) {
      L.geoJSON(overlay as never, { interactive: false, style: () => ({ color: '#c4161c', weight: 2, dashArray: '5 5', fillColor: '#c4161c', fillOpacity: 0.12 }) }).addTo(group);
    }
    // Fit once per distinct set of shapes (not on every selection change).
    const key = `${grids?.features.map((f) => f.properties.id).join(',')}|${overlay?.features.length ?? 0}`;
    if (key !== fitted.current) {
      const bounds = L.geoJSON({ type: 'FeatureCollection', features: [...(grids?.features ?? []), ...(overlay?.features ?? []), ...(outlines?.features ?? [])] } as never).getBounds();
      if (bounds.isValid()) {
        m.fitBounds(bounds, { padding: [16, 16] });
        fitted.current = key;
      }
    }
  }, [grids, outlines, overlay, selectedIds, labels, colours, pick]);

  // The located point and the dots.
  useEffect(() => {
    const g = markerLayer.current;
    if (!g) return;
    g.clearLayers();
    for (const p of points ?? []) {
      L.circleMarker([p.lat, p.lng], { radius: 5, color: '#fff', weight: 1.5, fillColor: '#374151', fillOpacity: 0.9 })
        .bindTooltip(p.label)
        .on('click', (e: L.LeafletMouseEvent) => {
          L.DomEvent.stopPropagation(e);
          handlers.current.onPointClick?.(p.id);
        })
        .addTo(g);
    }
    if (marker) L.circleMarker([marker.lat, marker.lng], { radius: 7, color: '#fff', weight: 2, fillColor: '#c4161c', fillOpacity: 1 }).addTo(g);
  }, [marker, points]);

  useEffect(() => {
    if (box.current) box.current.style.cursor = onMapClick ? 'crosshair' : '';
  }, [onMapClick]);

  return (
    <div
      ref={box}
      data-testid={testId}
      style={{ height, width: '100%', borderRadius: 8, background: '#eef1f5', border: '1px solid #e5e7eb', zIndex: 0 }}
    />
  );
}
