/**
 * The map of the public list: one dot per case (orange open, green closed), a popup with a link to the
 * case. Reports the visible box when the visitor moves or zooms it (not when it frames the results itself).
 */
import { useEffect, useRef } from 'react';
import L from 'leaflet';
import { useNavigate } from 'react-router';
import { useI18n } from '../../../lib/i18n.js';
import { useLeafletMap } from '../report/map-base.js';
import type { PublicCaseItem } from './types.js';
import { m } from './messages.js';

export interface PublicCaseMapProps {
  items: PublicCaseItem[];
  /** Frame these items (when the list was loaded without a map box). */
  frame: boolean;
  onMove(bbox: [number, number, number, number]): void;
  height: number | string;
  selectedId?: number | null;
}

export const OPEN_COLOUR = '#fa8c16';
export const CLOSED_COLOUR = '#389e0d';

/** The map. */
export function PublicCaseMap({ items, frame, onMove, height, selectedId }: PublicCaseMapProps) {
  const { t, pick } = useI18n();
  const navigate = useNavigate();
  const box = useRef<HTMLDivElement>(null);
  const { map } = useLeafletMap(box);
  const dots = useRef<L.LayerGroup | null>(null);
  const auto = useRef(false);
  const moveRef = useRef(onMove);
  moveRef.current = onMove;

  useEffect(() => {
    if (!map) return;
    dots.current = L.layerGroup().addTo(map);
    // Only the visitor's drags and zooms count (not a resize, not our own framing).
    let user = false;
    const began = () => {
      if (!auto.current) user = true;
    };
    const moved = () => {
      if (!user || auto.current) return;
      user = false;
      const b = map.getBounds();
      const r = (x: number) => Math.round(x * 1e5) / 1e5;
      moveRef.current([r(b.getWest()), r(b.getSouth()), r(b.getEast()), r(b.getNorth())]);
    };
    map.on('dragstart zoomstart', began);
    map.on('moveend', moved);
    // Links in popups go through the router.
    const click = (e: Event) => {
      const a = (e.target as HTMLElement).closest('a[data-case]');
      if (!a) return;
      e.preventDefault();
      navigate(`/public/cases/${a.getAttribute('data-case')}`);
    };
    map.getContainer().addEventListener('click', click);
    return () => {
      map.off('dragstart zoomstart', began);
      map.off('moveend', moved);
      map.getContainer().removeEventListener('click', click);
      dots.current?.remove();
    };
  }, [map, navigate]);

  useEffect(() => {
    const g = dots.current;
    if (!map || !g) return;
    g.clearLayers();
    for (const c of items) {
      const open = c.status === 'open';
      const sel = c.id === selectedId;
      const popup = document.createElement('div');
      const title = document.createElement('strong');
      title.textContent = pick(c.category.nameZh, c.category.nameEn);
      const text = document.createElement('div');
      text.textContent = c.description.length > 60 ? c.description.slice(0, 60) + '…' : c.description;
      text.style.margin = '4px 0';
      const link = document.createElement('a');
      link.href = `/public/cases/${c.id}`;
      link.setAttribute('data-case', String(c.id));
      link.textContent = `${open ? t(m.open) : t(m.closed)} · ${t(m.details)} ›`;
      popup.append(title, text, link);
      L.circleMarker([c.lat, c.lng], { radius: sel ? 10 : 7, color: '#fff', weight: 2, fillColor: open ? OPEN_COLOUR : CLOSED_COLOUR, fillOpacity: 0.95 })
        .bindPopup(popup, { maxWidth: 240 })
        .addTo(g);
    }
    if (frame && items.length > 0) {
      const b = L.latLngBounds(items.map((c) => [c.lat, c.lng] as [number, number]));
      auto.current = true;
      map.invalidateSize({ pan: false });
      // Not animated: moveend fires inside the call, while `auto` says "not the visitor".
      map.fitBounds(b.pad(0.15), { maxZoom: 16, animate: false });
      auto.current = false;
    }
  }, [map, items, frame, selectedId, pick, t]);

  return <div ref={box} style={{ height, width: '100%', borderRadius: 8, background: '#eef1f4', zIndex: 0 }} data-testid="public-map" />;
}
