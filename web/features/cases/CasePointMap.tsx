/**
 * A small Leaflet map centred on a case's point, with its grid's outline when known. With `onPick` a click
 * (or dragging the pin) moves the point — the "fix the place" part of the edit dialog.
 */
import { useEffect, useRef } from 'react';
import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import { useConfig } from '../../lib/config.js';

export interface CasePointMapProps {
  lat: number;
  lng: number;
  /** The grid polygon (GeoJSON geometry), drawn faintly. */
  outline?: unknown;
  onPick?(p: { lat: number; lng: number }): void;
  height?: number;
  testId?: string;
}

/** The map. */
export function CasePointMap({ lat, lng, outline, onPick, height = 200, testId = 'case-map' }: CasePointMapProps) {
  const config = useConfig();
  const box = useRef<HTMLDivElement>(null);
  const map = useRef<L.Map | null>(null);
  const pin = useRef<L.CircleMarker | null>(null);
  const shape = useRef<L.GeoJSON | null>(null);
  const pickRef = useRef(onPick);
  pickRef.current = onPick;

  useEffect(() => {
    if (!box.current) return;
    const mp = L.map(box.current, { attributionControl: false, zoomSnap: 0.25, scrollWheelZoom: !!pickRef.current });
    mp.setView([lat, lng], 16);
    pin.current = L.circleMarker([lat, lng], { radius: 8, color: '#fff', weight: 2, fillColor: '#c4161c', fillOpacity: 1 }).addTo(mp);
    mp.on('click', (e: L.LeafletMouseEvent) => pickRef.current?.({ lat: e.latlng.lat, lng: e.latlng.lng }));
    map.current = mp;
    const ro = new ResizeObserver(() => mp.invalidateSize());
    ro.observe(box.current);
    return () => {
      ro.disconnect();
      mp.remove();
      map.current = null;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    pin.current?.setLatLng([lat, lng]);
    if (map.current && !map.current.getBounds().contains([lat, lng])) map.current.panTo([lat, lng]);
  }, [lat, lng]);

  useEffect(() => {
    const mp = map.current;
    if (!mp || !outline) return;
    shape.current?.remove();
    shape.current = L.geoJSON(outline as never, { interactive: false, style: () => ({ color: '#1f5fbf', weight: 1.5, fillColor: '#1f5fbf', fillOpacity: 0.06, dashArray: '4 3' }) }).addTo(mp);
    shape.current.bringToBack();
  }, [outline]);

  useEffect(() => {
    const mp = map.current;
    if (!mp || !config?.tileUrl) return;
    const tiles = L.tileLayer(config.tileUrl, { maxZoom: 19, attribution: config.tileAttribution ?? '' }).addTo(mp);
    tiles.bringToBack();
    return () => void tiles.remove();
  }, [config?.tileUrl, config?.tileAttribution]);

  useEffect(() => {
    if (box.current) box.current.style.cursor = onPick ? 'crosshair' : '';
  }, [onPick]);

  return <div ref={box} data-testid={testId} style={{ height, width: '100%', borderRadius: 8, background: '#eef1f5', border: '1px solid #e5e7eb', zIndex: 0 }} />;
}
