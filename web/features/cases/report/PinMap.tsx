/**
 * The pin map of the report flow: a tap drops the pin, dragging moves it. Opens on the chosen point (close
 * up) or on the caller's area; follows the point when it changes from outside (e.g. "use my location").
 */
import { useEffect, useRef } from 'react';
import L from 'leaflet';
import { useI18n } from '../../../lib/i18n.js';
import { pinIcon, useLeafletMap } from './map-base.js';
import type { Extent } from './start-view.js';
import { m } from './messages.js';

export interface PinMapProps {
  point: { lat: number; lng: number; accuracy?: number } | null;
  onPick(p: { lat: number; lng: number }): void;
  start: Extent | null | undefined;
  height: number;
  /** Called once the map knows whether it shows street tiles. */
  onTiles?(tiles: boolean): void;
}

const CLOSE_ZOOM = 17;

/** The map. */
export function PinMap({ point, onPick, start, height, onTiles }: PinMapProps) {
  const { t } = useI18n();
  const box = useRef<HTMLDivElement>(null);
  const { map, tiles } = useLeafletMap(box);
  const pin = useRef<L.Marker | null>(null);
  const ring = useRef<L.Circle | null>(null);
  const pickRef = useRef(onPick);
  pickRef.current = onPick;
  const framed = useRef(false);

  useEffect(() => {
    if (tiles !== undefined) onTiles?.(tiles);
  }, [tiles, onTiles]);

  // Taps drop the pin.
  useEffect(() => {
    if (!map) return;
    const click = (e: L.LeafletMouseEvent) => pickRef.current({ lat: round(e.latlng.lat), lng: round(e.latlng.lng) });
    map.on('click', click);
    return () => {
      map.off('click', click);
    };
  }, [map]);

  // The first view: the point, else the caller's area.
  useEffect(() => {
    if (!map || framed.current) return;
    map.invalidateSize({ pan: false }); // the size Leaflet measured at creation may be stale
    if (point) {
      map.setView([point.lat, point.lng], CLOSE_ZOOM);
      framed.current = true;
    } else if (start) {
      map.fitBounds([[start[1], start[0]], [start[3], start[2]]], { padding: [12, 12], maxZoom: CLOSE_ZOOM });
      framed.current = true;
    }
  }, [map, point, start]);

  // The pin (and the accuracy ring of a GPS fix).
  useEffect(() => {
    if (!map) return;
    if (!point) {
      pin.current?.remove();
      ring.current?.remove();
      pin.current = ring.current = null;
      return;
    }
    if (!pin.current) {
      pin.current = L.marker([point.lat, point.lng], { draggable: true, icon: pinIcon(), keyboard: false, title: t(m.mapLabel) }).addTo(map);
      pin.current.on('dragend', () => {
        const ll = pin.current!.getLatLng();
        pickRef.current({ lat: round(ll.lat), lng: round(ll.lng) });
      });
    } else pin.current.setLatLng([point.lat, point.lng]);
    ring.current?.remove();
    ring.current = point.accuracy ? L.circle([point.lat, point.lng], { radius: point.accuracy, color: '#1f5fbf', weight: 1, fillOpacity: 0.08, interactive: false }).addTo(map) : null;
    // A GPS fix centres the map on her; a tap leaves the map where she put it (unless the pin left the view).
    map.invalidateSize({ pan: false });
    if (point.accuracy !== undefined) map.setView([point.lat, point.lng], Math.max(map.getZoom(), CLOSE_ZOOM));
    else if (!map.getBounds().pad(-0.1).contains([point.lat, point.lng])) map.setView([point.lat, point.lng], Math.max(map.getZoom(), CLOSE_ZOOM - 1));
  }, [map, point, t]);

  return <div ref={box} role="application" aria-label={t(m.mapLabel)} style={{ height, width: '100%', borderRadius: 8, background: '#eef1f4', zIndex: 0 }} data-testid="report-map" />;
}

/** Six decimals (≈ 0.1 m): enough, and stable in the stored draft. */
function round(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}
