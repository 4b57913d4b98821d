/**
 * A small, defensive EXIF reader: only what staff need from a photo (when it was taken and where). The
 * input is the EXIF block sharp returns (`metadata().exif`, "Exif\0\0" + a TIFF structure). Anything
 * malformed yields nulls; nothing here throws.
 */

export interface ExifFacts {
  takenAt: Date | null;
  lat: number | null;
  lng: number | null;
}

const NONE: ExifFacts = { takenAt: null, lat: null, lng: null };
const TAG_EXIF_IFD = 0x8769;
const TAG_GPS_IFD = 0x8825;
const TAG_DATETIME = 0x0132;
const TAG_DATETIME_ORIGINAL = 0x9003;
const TAG_OFFSET_TIME_ORIGINAL = 0x9011;
const GPS_LAT_REF = 1;
const GPS_LAT = 2;
const GPS_LNG_REF = 3;
const GPS_LNG = 4;
/** Bytes per value of each TIFF type (1 BYTE, 2 ASCII, 3 SHORT, 4 LONG, 5 RATIONAL, 7 UNDEFINED, 9 SLONG, 10 SRATIONAL). */
const TYPE_SIZE: Record<number, number> = { 1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 7: 1, 9: 4, 10: 8 };
/** Photos are taken in the jurisdiction: a time without an offset is China Standard Time. */
const DEFAULT_OFFSET = '+08:00';

interface Entry {
  type: number;
  count: number;
  /** Absolute offset of the value inside the TIFF buffer. */
  at: number;
}

class Tiff {
  constructor(
    private readonly b: Buffer,
    private readonly le: boolean,
  ) {}
  u16(o: number) {
    return this.le ? this.b.readUInt16LE(o) : this.b.readUInt16BE(o);
  }
  u32(o: number) {
    return this.le ? this.b.readUInt32LE(o) : this.b.readUInt32BE(o);
  }
  /** The entries of the IFD at an offset, by tag (bounds-checked). */
  ifd(offset: number): Map<number, Entry> {
    const out = new Map<number, Entry>();
    if (offset < 8 || offset + 2 > this.b.length) return out;
    const n = this.u16(offset);
    for (let i = 0; i < n && i < 512; i++) {
      const e = offset + 2 + i * 12;
      if (e + 12 > this.b.length) break;
      const tag = this.u16(e);
      const type = this.u16(e + 2);
      const count = this.u32(e + 4);
      const size = (TYPE_SIZE[type] ?? 0) * count;
      if (size === 0) continue;
      const at = size <= 4 ? e + 8 : this.u32(e + 8);
      if (at + size > this.b.length) continue;
      out.set(tag, { type, count, at });
    }
    return out;
  }
  ascii(e: Entry | undefined): string | null {
    if (!e || e.type !== 2) return null;
    return this.b.toString('latin1', e.at, e.at + e.count).replace(/\0.*$/s, '').trim() || null;
  }
  long(e: Entry | undefined): number | null {
    if (!e) return null;
    if (e.type === 4) return this.u32(e.at);
    if (e.type === 3) return this.u16(e.at);
    return null;
  }
  rationals(e: Entry | undefined): number[] | null {
    if (!e || e.type !== 5) return null;
    const out: number[] = [];
    for (let i = 0; i < e.count; i++) {
      const num = this.u32(e.at + i * 8);
      const den = this.u32(e.at + i * 8 + 4);
      if (den === 0) return null;
      out.push(num / den);
    }
    return out;
  }
}

/** "YYYY:MM:DD HH:MM:SS" (+ optional "+HH:MM") as an instant; null when not a real date and time. */
export function exifDate(value: string | null, offset: string | null): Date | null {
  const m = value?.match(/^(\d{4}):(\d{2}):(\d{2})[ T](\d{2}):(\d{2}):(\d{2})/);
  if (!m) return null;
  const [, y, mo, d, h, mi, s] = m;
  const zone = offset && /^[+-]\d{2}:\d{2}$/.test(offset) ? offset : DEFAULT_OFFSET;
  const date = new Date(`${y}-${mo}-${d}T${h}:${mi}:${s}${zone}`);
  if (Number.isNaN(date.getTime())) return null;
  // Reject rolled-over dates such as 2025-02-30 (Date would turn it into 2 March).
  const local = new Date(date.getTime() + zoneMinutes(zone) * 60_000);
  if (local.getUTCDate() !== Number(d) || local.getUTCMonth() + 1 !== Number(mo)) return null;
  if (Number(y) < 1990 || date.getTime() > Date.now() + 86_400_000) return null;
  return date;
}

function zoneMinutes(zone: string): number {
  const sign = zone.startsWith('-') ? -1 : 1;
  return sign * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6)));
}

function coordinate(parts: number[] | null, ref: string | null, limit: number, negative: string): number | null {
  if (!parts || parts.length < 1 || parts.length > 3) return null;
  const [deg = 0, min = 0, sec = 0] = parts;
  let v = deg + min / 60 + sec / 3600;
  if (ref?.toUpperCase().startsWith(negative)) v = -v;
  if (!Number.isFinite(v) || Math.abs(v) > limit) return null;
  return Math.round(v * 1e7) / 1e7;
}

/** When and where a photo was taken, from its EXIF block; nulls for whatever is missing or malformed. */
export function readExif(block: Buffer | undefined | null): ExifFacts {
  if (!block || block.length < 14) return NONE;
  try {
    const start = block.subarray(0, 6).toString('latin1') === 'Exif\0\0' ? 6 : 0;
    const b = block.subarray(start);
    const order = b.toString('latin1', 0, 2);
    if (order !== 'II' && order !== 'MM') return NONE;
    const t = new Tiff(b, order === 'II');
    if (t.u16(2) !== 42) return NONE;
    const ifd0 = t.ifd(t.u32(4));
    const exifAt = t.long(ifd0.get(TAG_EXIF_IFD));
    const exif = exifAt ? t.ifd(exifAt) : new Map<number, Entry>();
    const takenAt =
      exifDate(t.ascii(exif.get(TAG_DATETIME_ORIGINAL)), t.ascii(exif.get(TAG_OFFSET_TIME_ORIGINAL))) ??
      exifDate(t.ascii(ifd0.get(TAG_DATETIME)), null);
    const gpsAt = t.long(ifd0.get(TAG_GPS_IFD));
    let lat: number | null = null;
    let lng: number | null = null;
    if (gpsAt) {
      const gps = t.ifd(gpsAt);
      lat = coordinate(t.rationals(gps.get(GPS_LAT)), t.ascii(gps.get(GPS_LAT_REF)), 90, 'S');
      lng = coordinate(t.rationals(gps.get(GPS_LNG)), t.ascii(gps.get(GPS_LNG_REF)), 180, 'W');
      // 0/0 is what cameras write when they had no fix.
      if (lat === null || lng === null || (lat === 0 && lng === 0)) lat = lng = null;
    }
    return { takenAt, lat, lng };
  } catch {
    return NONE;
  }
}
