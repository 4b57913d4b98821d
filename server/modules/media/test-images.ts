/**
 * Real image files for tests, made with sharp: photos with EXIF orientation, GPS and time, transparent PNGs,
 * WebP, and broken or forged files. Test support only.
 */
import zlib from 'node:zlib';
import sharp from 'sharp';

export const BLUE = { r: 0, g: 0, b: 255 };
export const RED = { r: 220, g: 20, b: 20 };

/** A width × height picture: the left quarter blue, the rest red (so a rotation is visible). */
async function banded(width: number, height: number) {
  const band = Math.max(1, Math.round(width / 4));
  return sharp({ create: { width, height, channels: 3, background: RED } })
    .composite([{ input: { create: { width: band, height, channels: 3, background: BLUE } }, left: 0, top: 0 }])
    .png()
    .toBuffer();
}

export interface PhotoOptions {
  width?: number;
  height?: number;
  /** EXIF orientation (6: the camera was turned, show rotated 90° clockwise). */
  orientation?: number;
  /** [lat, lng] in degrees, written as EXIF GPS. */
  gps?: [number, number];
  /** EXIF DateTimeOriginal, "YYYY:MM:DD HH:MM:SS". */
  takenAt?: string;
}

function dms(value: number): string {
  const v = Math.abs(value);
  const deg = Math.floor(v);
  const min = Math.floor((v - deg) * 60);
  const sec = Math.round(((v - deg) * 60 - min) * 60 * 10000);
  return `${deg}/1 ${min}/1 ${sec}/10000`;
}

/** A JPEG photo, optionally with EXIF orientation, GPS position and time taken. */
export async function photo(o: PhotoOptions = {}): Promise<Buffer> {
  let img = sharp(await banded(o.width ?? 800, o.height ?? 400));
  if (o.orientation) img = img.withMetadata({ orientation: o.orientation });
  const exif: Record<string, Record<string, string>> = { IFD0: { Make: 'GongzhiTestCam', Model: 'T1' } };
  if (o.takenAt) exif.IFD2 = { DateTimeOriginal: o.takenAt };
  if (o.gps) {
    const [lat, lng] = o.gps;
    exif.IFD3 = { GPSLatitudeRef: lat < 0 ? 'S' : 'N', GPSLatitude: dms(lat), GPSLongitudeRef: lng < 0 ? 'W' : 'E', GPSLongitude: dms(lng) };
  }
  return img.withExif(exif).jpeg({ quality: 90 }).toBuffer();
}

/** A PNG with a transparent half. */
export async function transparentPng(width = 300, height = 200): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 4, background: { r: 0, g: 128, b: 0, alpha: 0 } } })
    .composite([{ input: { create: { width: Math.round(width / 2), height, channels: 4, background: { r: 0, g: 128, b: 0, alpha: 1 } } }, left: 0, top: 0 }])
    .png()
    .toBuffer();
}

/** An opaque WebP picture. */
export async function webp(width = 500, height = 500): Promise<Buffer> {
  return sharp(await banded(width, height)).webp({ quality: 80 }).toBuffer();
}

/** A noisy JPEG (compresses badly, like a real photo). */
export async function noisyJpeg(width: number, height: number): Promise<Buffer> {
  const raw = Buffer.alloc(width * height * 3);
  let x = 12345;
  for (let i = 0; i < raw.length; i++) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    raw[i] = x >> 23;
  }
  return sharp(raw, { raw: { width, height, channels: 3 } }).jpeg({ quality: 90 }).toBuffer();
}

/** The first part of a file (a truncated upload). */
export function truncated(file: Buffer, fraction = 0.6): Buffer {
  return file.subarray(0, Math.floor(file.length * fraction));
}

/** The start of a Windows program (MZ header), as if renamed to photo.jpg. */
export function fakeExe(): Buffer {
  const b = Buffer.alloc(4096, 0);
  b.write('MZ', 0, 'latin1');
  b.write('This program cannot be run in DOS mode.', 78, 'latin1');
  return b;
}

/** An SVG drawing (refused: it can carry scripts). */
export function svg(): Buffer {
  return Buffer.from('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script><rect width="10" height="10"/></svg>');
}

function crc32(buf: Buffer): number {
  let c = ~0;
  for (const byte of buf) {
    c ^= byte;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  }
  return ~c >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** A tiny PNG whose header claims width × height pixels (a decompression bomb's shape). */
export function pngClaiming(width: number, height: number): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.writeUInt8(8, 8); // bit depth
  ihdr.writeUInt8(0, 9); // greyscale
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(Buffer.alloc(1024))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
