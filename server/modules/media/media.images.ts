/**
 * Photo checks and conversions: the type is read from the content (magic bytes), then the whole image is
 * decoded by sharp (a truncated or forged file fails here), and the public copies are made: auto-rotated by
 * the EXIF orientation, scaled down, every piece of metadata stripped.
 */
import sharp, { type Metadata, type Sharp } from 'sharp';
import { MEDIA_DISPLAY_EDGE, MEDIA_MAX_PIXELS, MEDIA_THUMB_EDGE } from '../../../common/contracts/media.js';
import type { DisplayMime, MediaMime } from '../../platform/db/tables/media.js';
import { readExif, type ExifFacts } from './exif.js';

/** Why an image was refused. */
export class ImageRejected extends Error {
  constructor(readonly reason: 'broken' | 'pixels') {
    super(reason);
  }
}

/** The image type from the first bytes of a file, or null when it is not JPEG, PNG or WebP. */
export function sniffImageType(head: Buffer): MediaMime | null {
  if (head.length >= 3 && head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'image/jpeg';
  if (head.length >= 8 && head.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (head.length >= 12 && head.toString('latin1', 0, 4) === 'RIFF' && head.toString('latin1', 8, 12) === 'WEBP') return 'image/webp';
  return null;
}

const FORMAT_OF: Record<MediaMime, string> = { 'image/jpeg': 'jpeg', 'image/png': 'png', 'image/webp': 'webp' };

export interface ProcessedImage {
  /** Upright size of the original. */
  width: number;
  height: number;
  displayMime: DisplayMime;
  display: Buffer;
  thumb: Buffer;
  exif: ExifFacts;
}

function open(input: string | Buffer): Sharp {
  // 'error' refuses truncated and corrupt pixel data; the pixel limit stops decompression bombs.
  return sharp(input, { failOn: 'error', limitInputPixels: MEDIA_MAX_PIXELS });
}

function encode(s: Sharp, mime: DisplayMime): Sharp {
  // Without withMetadata()/keepExif() sharp writes no EXIF, XMP, IPTC or ICC: the copies carry no GPS.
  return mime === 'image/webp' ? s.webp({ quality: 80 }) : s.jpeg({ quality: 82, mozjpeg: true });
}

/**
 * Decodes the file completely and makes the display copy (long edge ≤ 1600 px) and the thumbnail
 * (≤ 320 px). Opaque images become JPEG, images with transparency WebP. Throws ImageRejected.
 */
export async function processImage(file: string, mime: MediaMime): Promise<ProcessedImage> {
  let meta: Metadata;
  try {
    meta = await open(file).metadata();
  } catch (e) {
    throw new ImageRejected(/pixel limit/i.test((e as Error).message) ? 'pixels' : 'broken');
  }
  if (meta.format !== FORMAT_OF[mime] || !meta.width || !meta.height) throw new ImageRejected('broken');
  if (meta.width * meta.height > MEDIA_MAX_PIXELS) throw new ImageRejected('pixels');
  const displayMime: DisplayMime = meta.hasAlpha ? 'image/webp' : 'image/jpeg';
  let display: Buffer;
  let thumb: Buffer;
  try {
    const box = (edge: number) => ({ width: edge, height: edge, fit: 'inside' as const, withoutEnlargement: true });
    display = await encode(open(file).rotate().resize(box(MEDIA_DISPLAY_EDGE)), displayMime).toBuffer();
    thumb = await encode(open(display).resize(box(MEDIA_THUMB_EDGE)), displayMime).toBuffer();
  } catch (e) {
    if (/pixel limit/i.test((e as Error).message)) throw new ImageRejected('pixels');
    throw new ImageRejected('broken');
  }
  const upright = meta.autoOrient ?? { width: meta.width, height: meta.height };
  return { width: upright.width, height: upright.height, displayMime, display, thumb, exif: readExif(meta.exif) };
}
