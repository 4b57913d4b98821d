/** Kysely table types of the media module. Keep in step with its migration. */
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type Json<T = unknown> = ColumnType<T, string | T | undefined, string | T>;

export type MediaMime = 'image/jpeg' | 'image/png' | 'image/webp';
export type DisplayMime = 'image/jpeg' | 'image/webp';

/** One uploaded photo; its files are on disk under the media directory, named by `id`. */
export interface MediaTable {
  id: Generated<number>;
  uploader_id: number;
  sha256: string;
  mime: MediaMime;
  display_mime: DisplayMime;
  /** Upright size of the original (after its EXIF orientation). */
  width: number;
  height: number;
  /** Size of the original file. */
  bytes: number;
  taken_at: NullableTimestamp;
  gps_lat: number | null;
  gps_lng: number | null;
  created_at: Timestamp;
  attached_entity: string | null;
  attached_id: number | null;
  attached_role: string | null;
  attached_position: number | null;
  attached_at: NullableTimestamp;
}

export interface MediaTables {
  media: MediaTable;
}

export type { Timestamp, NullableTimestamp, Json, Generated };
