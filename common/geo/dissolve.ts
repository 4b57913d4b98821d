/**
 * Dissolve: the union of polygons that do not overlap (adjacent grids sharing edges), as one Polygon or
 * MultiPolygon without the shared edges. Edges are cut where another polygon's vertex lies on them
 * (T-junctions); edges present in both directions cancel out; the rest are chained into rings.
 * Returns null when the input does not allow a clean result (the caller then keeps a MultiPolygon of the
 * parts); callers should still validate the result.
 */
import type { AreaGeometry, PolygonCoords, Position, Ring } from './types.js';
import { TOLERANCE, geometryOf } from './types.js';
import { orientPolygon, signedRingArea } from './measure.js';
import { pointInRing } from './pip.js';
import { forEachNearPair, makeEdge, pointSegmentDistance, projectParam, type Edge } from './segments.js';

/** The union of non-overlapping polygons, or null when it cannot be built cleanly. */
export function dissolve(polygons: PolygonCoords[], tol = TOLERANCE): AreaGeometry | null {
  const oriented = polygons.map(orientPolygon);
  // 1. Snap vertices closer than tol to one representative.
  const points: Position[] = [];
  for (const p of oriented) for (const ring of p) for (let i = 0; i < ring.length - 1; i++) points.push(ring[i]!);
  const { ids, coords } = snap(points, tol);
  // 2. Edges between representatives, cut at every vertex lying on them.
  const edges: Edge[] = [];
  const ends: [number, number][] = [];
  let k = 0;
  for (const p of oriented)
    for (const ring of p) {
      const n = ring.length - 1;
      const first = k;
      for (let i = 0; i < n; i++) {
        const u = ids[first + i]!;
        const v = ids[first + ((i + 1) % n)]!;
        if (u !== v) {
          edges.push(makeEdge(coords[u]!, coords[v]!, 0, 0, edges.length));
          ends.push([u, v]);
        }
      }
      k += n;
    }
  const vertexEdges = coords.map((c, i) => makeEdge(c, c, 0, 0, i));
  const cuts = new Map<number, { t: number; id: number }[]>();
  forEachNearPair(edges, vertexEdges, tol, (e, v) => {
    const [u, w] = ends[e.index]!;
    if (v.index === u || v.index === w) return;
    if (pointSegmentDistance(v.ax, v.ay, e.ax, e.ay, e.bx, e.by) > tol) return;
    const list = cuts.get(e.index) ?? [];
    list.push({ t: projectParam(v.ax, v.ay, e.ax, e.ay, e.bx, e.by), id: v.index });
    cuts.set(e.index, list);
  });
  // 3. Count directed pieces; a piece present both ways is shared and cancels.
  const count = new Map<string, number>();
  const pieces: [number, number][] = [];
  ends.forEach(([u, w], i) => {
    const seq = [u, ...(cuts.get(i) ?? []).sort((a, b) => a.t - b.t).map((c) => c.id), w];
    for (let j = 1; j < seq.length; j++) {
      if (seq[j - 1] === seq[j]) continue;
      const key = `${seq[j - 1]}>${seq[j]}`;
      count.set(key, (count.get(key) ?? 0) + 1);
      pieces.push([seq[j - 1]!, seq[j]!]);
    }
  });
  for (const c of count.values()) if (c > 1) return null; // the same edge twice the same way: overlapping input
  const remaining = pieces.filter(([u, w]) => !count.has(`${w}>${u}`));
  if (remaining.length === 0) return null;
  // 4. Chain the remaining pieces into rings, keeping each face on the left at shared corners.
  const out = new Map<number, number[]>();
  remaining.forEach(([u], i) => out.set(u, [...(out.get(u) ?? []), i]));
  const used = new Uint8Array(remaining.length);
  const rings: Ring[] = [];
  for (let s = 0; s < remaining.length; s++) {
    if (used[s]) continue;
    const ring: Ring = [];
    let cur = s;
    for (let guard = 0; ; guard++) {
      if (guard > remaining.length) return null;
      used[cur] = 1;
      const [u, v] = remaining[cur]!;
      ring.push(coords[u]!);
      const next = chooseNext(coords, u, v, out.get(v) ?? [], remaining, used, s);
      if (next === s) break;
      if (next < 0) return null;
      cur = next;
    }
    if (ring.length < 3) return null;
    ring.push(ring[0]!);
    rings.push(ring);
  }
  // 5. Counter-clockwise rings are shells, clockwise ones holes of the smallest shell around them.
  const shells = rings.filter((r) => signedRingArea(r) > 0).map((r) => ({ ring: r, area: signedRingArea(r), holes: [] as Ring[] }));
  for (const hole of rings.filter((r) => signedRingArea(r) < 0)) {
    const mx = (hole[0]![0] + hole[1]![0]) / 2;
    const my = (hole[0]![1] + hole[1]![1]) / 2;
    const owner = shells.filter((s) => pointInRing(mx, my, s.ring)).sort((a, b) => a.area - b.area)[0];
    if (!owner) return null;
    owner.holes.push(hole);
  }
  if (shells.length === 0) return null;
  return geometryOf(shells.map((s) => [s.ring, ...s.holes]));
}

/** The outgoing piece at v that turns least clockwise from the way back (u), or the start piece if it closes. */
function chooseNext(coords: Position[], u: number, v: number, candidates: number[], pieces: [number, number][], used: Uint8Array, start: number): number {
  const back = Math.atan2(coords[u]![1] - coords[v]![1], coords[u]![0] - coords[v]![0]);
  let best = -1;
  let bestAngle = Infinity;
  for (const c of candidates) {
    if (used[c] && c !== start) continue;
    const w = pieces[c]![1];
    let a = back - Math.atan2(coords[w]![1] - coords[v]![1], coords[w]![0] - coords[v]![0]);
    while (a <= 0) a += 2 * Math.PI;
    while (a > 2 * Math.PI) a -= 2 * Math.PI;
    if (a < bestAngle) {
      bestAngle = a;
      best = c;
    }
  }
  return best;
}

/** Groups points closer than tol; returns each point's group id and each group's coordinates. */
function snap(points: Position[], tol: number): { ids: number[]; coords: Position[] } {
  const order = points.map((_, i) => i).sort((a, b) => points[a]![0] - points[b]![0] || points[a]![1] - points[b]![1]);
  const ids = new Array<number>(points.length).fill(-1);
  const coords: Position[] = [];
  for (let oi = 0; oi < order.length; oi++) {
    const i = order[oi]!;
    if (ids[i] !== -1) continue;
    const id = coords.length;
    coords.push(points[i]!);
    ids[i] = id;
    for (let oj = oi + 1; oj < order.length; oj++) {
      const j = order[oj]!;
      if (points[j]![0] - points[i]![0] > tol) break;
      if (ids[j] === -1 && Math.abs(points[j]![1] - points[i]![1]) <= tol) ids[j] = id;
    }
  }
  return { ids, coords };
}
