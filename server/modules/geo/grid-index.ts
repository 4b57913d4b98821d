/**
 * Point → grid: an in-memory index of the active grids. A packed R-tree (flatbush) over the grids'
 * bounding boxes, with a uniform lookup table in front of it, finds the candidates; ray casting over flat
 * coordinate arrays decides.
 * Keeping it current is grid-freshness.ts's job.
 */
import Flatbush from 'flatbush';
/** What the index knows about a grid. */
export interface IndexedGrid {
  id: number;
  communityId: number;
  streetId: number | null;
}

/** A grid to index: its geometry's rings as [lng, lat] positions (Polygon or MultiPolygon coordinates). */
export interface GridShape extends IndexedGrid {
  geometry: { type: string; coordinates: unknown };
}

/** The rings of a geometry as flat closed coordinate arrays; malformed rings are skipped. */
function flatRings(geometry: GridShape['geometry']): number[][] {
  const polys = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.type === 'MultiPolygon' ? (geometry.coordinates as unknown[]) : [];
  const out: number[][] = [];
  for (const p of polys) {
    if (!Array.isArray(p)) continue;
    for (const ring of p) {
      if (!Array.isArray(ring) || ring.length < 4) continue;
      const flat: number[] = [];
      for (const pos of ring) if (Array.isArray(pos) && Number.isFinite(pos[0]) && Number.isFinite(pos[1])) flat.push(pos[0], pos[1]);
      if (flat.length >= 8) {
        if (flat[0] !== flat[flat.length - 2] || flat[1] !== flat[flat.length - 1]) flat.push(flat[0]!, flat[1]!);
        out.push(flat);
      }
    }
  }
  return out;
}

/** Buckets with more candidate grids than this are answered by the R-tree instead of a linear pass. */
const DENSE_BUCKET = 24;
/** Lookup-table size: about this many buckets per grid (capped). */
const BUCKETS_PER_GRID = 4;
const MAX_BUCKETS = 1 << 20;

/**
 * An immutable point → grid index. The flatbush R-tree over the grids' boxes is the general structure;
 * in front of it sits a uniform lookup table over the grids' extent whose buckets list the grids whose
 * boxes meet them, so a typical lookup is one bucket, a box test or two and one ray cast. Buckets that
 * many boxes meet (very uneven grid sizes) defer to the R-tree.
 */
export class GridIndex {
  private readonly tree: Flatbush | null;
  private readonly grids: IndexedGrid[];
  /** All rings of grid i are coords[ringStart[first[i]] … ringStart[first[i + 1]]). */
  private readonly coords: Float64Array;
  private readonly ringStart: Uint32Array;
  private readonly first: Uint32Array;
  /** minX, minY, maxX, maxY of grid i at 4i. */
  private readonly boxes: Float64Array;
  // The lookup table: bucket b lists grids items[offsets[b] … offsets[b + 1]).
  private readonly nbx: number;
  private readonly nby: number;
  private readonly originX: number;
  private readonly originY: number;
  private readonly scaleX: number;
  private readonly scaleY: number;
  private readonly offsets: Uint32Array;
  private readonly items: Uint32Array;
  private qx = 0;
  private qy = 0;
  private hit = -1;
  private readonly test = (i: number): boolean => {
    if (this.contains(i, this.qx, this.qy)) {
      this.hit = i;
      return true;
    }
    return false;
  };

  /** Builds the index from grid shapes (grids without usable rings are left out). */
  constructor(shapes: GridShape[]) {
    const grids: IndexedGrid[] = [];
    const rings: number[][][] = [];
    for (const s of shapes) {
      const r = flatRings(s.geometry);
      if (r.length === 0) continue;
      grids.push({ id: s.id, communityId: s.communityId, streetId: s.streetId });
      rings.push(r);
    }
    this.grids = grids;
    const n = grids.length;
    const total = rings.reduce((k, rs) => k + rs.reduce((m, r) => m + r.length, 0), 0);
    const ringCount = rings.reduce((k, rs) => k + rs.length, 0);
    this.coords = new Float64Array(total);
    this.ringStart = new Uint32Array(ringCount + 1);
    this.first = new Uint32Array(n + 1);
    this.boxes = new Float64Array(n * 4);
    let c = 0;
    let r = 0;
    let eMinX = Infinity, eMinY = Infinity, eMaxX = -Infinity, eMaxY = -Infinity;
    this.tree = n ? new Flatbush(n) : null;
    rings.forEach((rs, i) => {
      this.first[i] = r;
      let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
      for (const ring of rs) {
        this.ringStart[r++] = c;
        for (let k = 0; k < ring.length; k += 2) {
          const x = ring[k]!;
          const y = ring[k + 1]!;
          this.coords[c++] = x;
          this.coords[c++] = y;
          if (x < minX) minX = x;
          if (x > maxX) maxX = x;
          if (y < minY) minY = y;
          if (y > maxY) maxY = y;
        }
      }
      this.boxes[i * 4] = minX;
      this.boxes[i * 4 + 1] = minY;
      this.boxes[i * 4 + 2] = maxX;
      this.boxes[i * 4 + 3] = maxY;
      this.tree!.add(minX, minY, maxX, maxY);
      eMinX = Math.min(eMinX, minX);
      eMinY = Math.min(eMinY, minY);
      eMaxX = Math.max(eMaxX, maxX);
      eMaxY = Math.max(eMaxY, maxY);
    });
    this.ringStart[r] = c;
    this.first[n] = r;
    this.tree?.finish();

    // The lookup table, shaped like the extent.
    const w = Math.max(eMaxX - eMinX, 1e-9);
    const h = Math.max(eMaxY - eMinY, 1e-9);
    const target = Math.min(MAX_BUCKETS, Math.max(1, n * BUCKETS_PER_GRID));
    this.nbx = n ? Math.max(1, Math.min(target, Math.round(Math.sqrt((target * w) / h)))) : 1;
    this.nby = n ? Math.max(1, Math.min(target, Math.round(target / this.nbx))) : 1;
    this.originX = n ? eMinX : 0;
    this.originY = n ? eMinY : 0;
    this.scaleX = this.nbx / w;
    this.scaleY = this.nby / h;
    const counts = new Uint32Array(this.nbx * this.nby + 1);
    const span = (i: number, f: (b: number) => void) => {
      const x0 = this.col(this.boxes[i * 4]!), y0 = this.row(this.boxes[i * 4 + 1]!);
      const x1 = this.col(this.boxes[i * 4 + 2]!), y1 = this.row(this.boxes[i * 4 + 3]!);
      for (let y = y0; y <= y1; y++) for (let x = x0; x <= x1; x++) f(y * this.nbx + x);
    };
    for (let i = 0; i < n; i++) span(i, (b) => counts[b + 1]!++);
    for (let b = 0; b < this.nbx * this.nby; b++) counts[b + 1]! += counts[b]!;
    this.offsets = counts;
    this.items = new Uint32Array(counts[this.nbx * this.nby]!);
    const fill = counts.slice(0, this.nbx * this.nby);
    for (let i = 0; i < n; i++) span(i, (b) => (this.items[fill[b]!++] = i));
  }

  private col(x: number): number {
    const k = Math.floor((x - this.originX) * this.scaleX);
    return k < 0 ? 0 : k >= this.nbx ? this.nbx - 1 : k;
  }

  private row(y: number): number {
    const k = Math.floor((y - this.originY) * this.scaleY);
    return k < 0 ? 0 : k >= this.nby ? this.nby - 1 : k;
  }

  /** Number of indexed grids. */
  get size(): number {
    return this.grids.length;
  }

  /** Even-odd ray casting over all rings of grid i (holes and MultiPolygon members included). */
  contains(i: number, x: number, y: number): boolean {
    const coords = this.coords;
    let inside = false;
    for (let r = this.first[i]!, rEnd = this.first[i + 1]!; r < rEnd; r++) {
      const end = this.ringStart[r + 1]!;
      let xj = coords[this.ringStart[r]!]!;
      let yj = coords[this.ringStart[r]! + 1]!;
      for (let k = this.ringStart[r]! + 2; k < end; k += 2) {
        const xi = coords[k]!;
        const yi = coords[k + 1]!;
        // The crossing is computed from the edge's lower end, so two grids sharing the edge get the very
        // same number and a point near it lands in exactly one of them.
        if (yi > y !== yj > y && x < (yi < yj ? xi + ((xj - xi) * (y - yi)) / (yj - yi) : xj + ((xi - xj) * (y - yj)) / (yi - yj))) inside = !inside;
        xj = xi;
        yj = yi;
      }
    }
    return inside;
  }

  /** Position (0-based) of the grid containing the point, or -1. */
  lookup(lng: number, lat: number): number {
    if (!this.tree) return -1;
    const bx = Math.floor((lng - this.originX) * this.scaleX);
    const by = Math.floor((lat - this.originY) * this.scaleY);
    // Outside the extent (within rounding of its edge, the clamped bucket still holds the edge grids).
    if (bx < -1 || by < -1 || bx > this.nbx || by > this.nby) return -1;
    const b = (by < 0 ? 0 : by >= this.nby ? this.nby - 1 : by) * this.nbx + (bx < 0 ? 0 : bx >= this.nbx ? this.nbx - 1 : bx);
    const from = this.offsets[b]!;
    const to = this.offsets[b + 1]!;
    if (to - from > DENSE_BUCKET) return this.lookupInTree(lng, lat);
    const boxes = this.boxes;
    for (let k = from; k < to; k++) {
      const i = this.items[k]!;
      const o = i * 4;
      if (lng < boxes[o]! || lat < boxes[o + 1]! || lng > boxes[o + 2]! || lat > boxes[o + 3]!) continue;
      if (this.contains(i, lng, lat)) return i;
    }
    return -1;
  }

  /** The same answer through the R-tree alone (dense buckets; also measured by the benchmark). */
  lookupInTree(lng: number, lat: number): number {
    if (!this.tree) return -1;
    this.qx = lng;
    this.qy = lat;
    this.hit = -1;
    this.tree.collides(lng, lat, lng, lat, this.test);
    return this.hit;
  }

  /** The grid containing the point, or null. */
  locate(lng: number, lat: number): IndexedGrid | null {
    const i = this.lookup(lng, lat);
    return i < 0 ? null : this.grids[i]!;
  }
}
