/**
 * The list's map view: the grids of the caller's area as faint outlines and one dot per case, coloured by
 * its deadline (on time, due soon, yellow card, red card) or grey when finished; a click opens the case.
 */
import { useEffect, useMemo, useRef } from 'react';
import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import { Flex, Typography } from 'antd';
import { useConfig } from '../../lib/config.js';
import { useI18n } from '../../lib/i18n.js';
import { useFetch } from '../../lib/use-fetch.js';
import type { AreaCollection } from '../geo/types.js';
import { deadlineState, LEVEL_HEX } from './deadline.js';
import { statusLabel } from './labels.js';
import { m } from './messages.js';
import type { CaseListItem } from './types.js';

const FINISHED_HEX = '#8c8c8c';

/** The dot colour of a case. */
export function caseColour(c: Pick<CaseListItem, 'publicStatus' | 'card' | 'yellowAt' | 'redAt'>, now = Date.now()): string {
  if (c.publicStatus === 'closed') return FINISHED_HEX;
  const s = deadlineState({ card: c.card, yellowAt: c.yellowAt, redAt: c.redAt }, now);
  return s ? LEVEL_HEX[s.level] : '#1677ff';
}

/** The legend under the map. */
function Legend() {
  const { t } = useI18n();
  const items: [string, string][] = [
    [LEVEL_HEX.ok, t(m.legendOk)],
    [LEVEL_HEX.warning, t(m.legendWarning)],
    [LEVEL_HEX.yellow, t(m.yellowCard)],
    [LEVEL_HEX.red, t(m.redCard)],
    [FINISHED_HEX, t(m.legendDone)],
  ];
  return (
    <Flex gap={14} wrap style={{ fontSize: 12, color: '#555' }}>
      {items.map(([c, label]) => (
        <Flex key={label} align="center" gap={4}>
          <span style={{ width: 10, height: 10, borderRadius: 5, background: c, border: '1px solid rgba(0,0,0,0.25)', display: 'inline-block' }} />
          {label}
        </Flex>
      ))}
    </Flex>
  );
}

/** The map of cases. */
export function CasesMap({ items, onOpen, showGrids, height = 560 }: { items: CaseListItem[]; onOpen(id: number): void; showGrids: boolean; height?: number }) {
  const { t, pick } = useI18n();
  const config = useConfig();
  const grids = useFetch<AreaCollection>(showGrids ? '/geo/grids' : null);
  const box = useRef<HTMLDivElement>(null);
  const map = useRef<L.Map | null>(null);
  const gridLayer = useRef<L.LayerGroup | null>(null);
  const dotLayer = useRef<L.LayerGroup | null>(null);
  const openRef = useRef(onOpen);
  openRef.current = onOpen;

  useEffect(() => {
    if (!box.current) return;
    const mp = L.map(box.current, { attributionControl: false, zoomSnap: 0.25 });
    mp.setView([41.3, 123.76], 13);
    gridLayer.current = L.layerGroup().addTo(mp);
    dotLayer.current = L.layerGroup().addTo(mp);
    map.current = mp;
    const ro = new ResizeObserver(() => mp.invalidateSize());
    ro.observe(box.current);
    return () => {
      ro.disconnect();
      mp.remove();
      map.current = null;
    };
  }, []);

  useEffect(() => {
    const mp = map.current;
    if (!mp || !config?.tileUrl) return;
    const tiles = L.tileLayer(config.tileUrl, { maxZoom: 19, attribution: config.tileAttribution ?? '' }).addTo(mp);
    tiles.bringToBack();
    return () => void tiles.remove();
  }, [config?.tileUrl, config?.tileAttribution]);

  useEffect(() => {
    const g = gridLayer.current;
    if (!g) return;
    g.clearLayers();
    if (grids.data) {
      L.geoJSON(grids.data as never, {
        interactive: false,
        style: () => ({ color: '#7b8aa0', weight: 1, fillColor: '#c9d3e0', fillOpacity: 0.15 }),
      }).addTo(g);
    }
  }, [grids.data]);

  // Redraw the dots whenever the rows change (a live refresh recolours them) …
  useEffect(() => {
    const g = dotLayer.current;
    if (!g) return;
    g.clearLayers();
    const now = Date.now();
    for (const c of items) {
      L.circleMarker([c.lat, c.lng], { radius: c.urgent ? 8 : 6, color: '#fff', weight: 1.5, fillColor: caseColour(c, now), fillOpacity: 0.95 })
        .bindTooltip(`#${c.id} ${c.category ? pick(c.category.nameZh, c.category.nameEn) : ''} · ${t(statusLabel(c.status))}`)
        .on('click', () => openRef.current(c.id))
        .addTo(g);
    }
  }, [items, pick, t]);

  // … but move the view only when the set of cases (or the area) changes.
  const idKey = useMemo(() => items.map((c) => c.id).join(','), [items]);
  useEffect(() => {
    const mp = map.current;
    if (!mp) return;
    const pts = items.map((c) => L.latLng(c.lat, c.lng));
    if (pts.length > 0) mp.fitBounds(L.latLngBounds(pts), { padding: [30, 30], maxZoom: 16 });
    else if (grids.data) {
      const b = L.geoJSON(grids.data as never).getBounds();
      if (b.isValid()) mp.fitBounds(b);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [idKey, grids.data]);

  return (
    <Flex vertical gap={8}>
      <div ref={box} data-testid="cases-map" style={{ height, width: '100%', borderRadius: 8, background: '#eef1f5', border: '1px solid #e5e7eb', zIndex: 0 }} />
      <Legend />
      {items.length === 0 && <Typography.Text type="secondary">{t(m.mapNoPoints)}</Typography.Text>}
    </Flex>
  );
}
