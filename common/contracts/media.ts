/** Request schemas and limits of the media module: photos attached to cases and other records. */
import { z } from 'zod';
import { id } from './accounts.js';

/** At most this many photos per upload request and per attach call. */
export const MEDIA_MAX_FILES = 9;
/** At most this many bytes per photo (10 MiB). */
export const MEDIA_MAX_BYTES = 10 * 1024 * 1024;
/** At most this many pixels per photo (decompression bombs are refused before decoding). */
export const MEDIA_MAX_PIXELS = 100_000_000;
/** Long edge of the display copy and of the thumbnail, in pixels. */
export const MEDIA_DISPLAY_EDGE = 1600;
export const MEDIA_THUMB_EDGE = 320;
/** The stored variants: the untouched original (staff only), the stripped display copy, the thumbnail. */
export const MEDIA_VARIANTS = ['thumb', 'display', 'original'] as const;
export type MediaVariant = (typeof MEDIA_VARIANTS)[number];
/** Formats accepted on upload (checked by content, not by name or declared type). */
export const MEDIA_ACCEPTED_MIME = ['image/jpeg', 'image/png', 'image/webp'] as const;

/** A photo's id. */
export const mediaId = id;
/** A list of photo ids as a form sends them (e.g. `photoIds` of a new case): distinct, at most 9. */
export const mediaIdList = z
  .array(mediaId)
  .max(MEDIA_MAX_FILES)
  .refine((ids) => new Set(ids).size === ids.length, { message: 'duplicate photo id' });

export const mediaParams = z.object({ id: mediaId, variant: z.enum(MEDIA_VARIANTS) });
export const publicMediaParams = z.object({ id: mediaId, variant: z.enum(['thumb', 'display']) });

/** One uploaded photo as the upload answers it. */
export interface UploadedMedia {
  id: number;
  mime: string;
  width: number;
  height: number;
  bytes: number;
  thumbUrl: string;
  displayUrl: string;
}

/** The answer of POST /api/media. */
export interface UploadMediaResult {
  items: UploadedMedia[];
}

/** The signed-in URL of a photo variant. */
export function mediaUrl(id: number, variant: MediaVariant): string {
  return `/api/media/${id}/${variant}`;
}

/** The public (no sign-in) URL of a photo variant. */
export function publicMediaUrl(id: number, variant: 'thumb' | 'display'): string {
  return `/api/public/media/${id}/${variant}`;
}
