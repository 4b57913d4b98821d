/** Colours for communities on the map: neighbouring communities get different colours where possible. */
import type { AreaCollection } from './types.js';

/** Tableau 10 without its red (red marks the selection). */
export const PALETTE = ['#4e79a7', '#f28e2b', '#59a14f', '#b07aa1', '#76b7b2', '#edc948', '#9c755f', '#ff9da7', '#bab0ac'];

type Box = [number, number, number, number];

/** The bounding box of every position under a GeoJSON coordinates array. */
function boxOf(coords: unknown, box: Box = [Infinity, Infinity, -Infinity, -Infinity]): Box {
  if (Array.isArray(coords) && typeof coords[0] === 'number') {
    const [x, y] = coords as number[];
    box[0] = Math.min(box[0], x!);
    box[1] = Math.min(box[1], y!);
    box[2] = Math.max(box[2], x!);
    box[3] = Math.max(box[3], y!);
  } else if (Array.isArray(coords)) for (const c of coords) boxOf(c, box);
  return box;
}

/**
 * Greedy colouring of areas whose bounding boxes touch (a cheap stand-in for sharing a border): each area
 * takes the first palette colour none of its already-coloured neighbours has.
 */
export function colourAreas(areas: AreaCollection | undefined): Map<number, string> {
  const out = new Map<number, string>();
  if (!areas) return out;
  const boxes = areas.features.filter((f) => f.geometry).map((f) => ({ id: f.properties.id, box: boxOf(f.geometry.coordinates) }));
  boxes.sort((a, b) => a.box[0] - b.box[0] || a.box[1] - b.box[1]);
  const eps = 1e-6;
  const touches = (a: Box, b: Box) => a[0] <= b[2] + eps && b[0] <= a[2] + eps && a[1] <= b[3] + eps && b[1] <= a[3] + eps;
  for (const a of boxes) {
    const used = new Set(boxes.filter((b) => out.has(b.id) && touches(a.box, b.box)).map((b) => out.get(b.id)));
    out.set(a.id, PALETTE.find((c) => !used.has(c)) ?? PALETTE[Math.abs(a.id) % PALETTE.length]!);
  }
  return out;
}

/** A stable fallback colour for an area id. */
export function colourOf(id: number | null | undefined): string {
  if (id === null || id === undefined) return PALETTE[0]!;
  return PALETTE[Math.abs(Number(id)) % PALETTE.length]!;
}
