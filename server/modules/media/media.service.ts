/** Use cases of the media module: upload photos, read a variant, attach photos to a record, purge strays. */
import type { Kysely, Transaction } from 'kysely';
import type { Multipart } from '@fastify/multipart';
import type { DB } from '../../platform/db/schema.js';
import { loadConfig } from '../../config.js';
import type { MediaMime } from '../../platform/db/tables/media.js';
import { AppError, notFound } from '../../platform/http/errors.js';
import { audit, type AuditContext } from '../../platform/audit/index.js';
import type { Actor } from '../../platform/authz/index.js';
import { MEDIA_MAX_FILES, MEDIA_MAX_PIXELS, MEDIA_VARIANTS, mediaUrl, publicMediaUrl, type MediaVariant, type UploadMediaResult } from '../../../common/contracts/media.js';
import { ImageRejected, processImage, sniffImageType, type ProcessedImage } from './media.images.js';
import { Staging, openVariant, removeVariants, sweepStaging } from './media.storage.js';
import { receiveFiles, type ReceivedFile } from './media.upload.js';
import { isEntityName, resolverFor, type MediaAccess } from './media.access.js';
import * as repo from './media.repository.js';

/** Checks one received file by content and makes its copies; throws the AppError the user should see. */
async function checkFile(f: ReceivedFile): Promise<{ mime: MediaMime; image: ProcessedImage }> {
  const params = { index: f.index, name: f.name };
  if (f.bytes === 0) throw new AppError(400, 'MEDIA_FILE_EMPTY', params, params);
  const mime = sniffImageType(f.head);
  if (!mime) throw new AppError(415, 'MEDIA_TYPE_UNSUPPORTED', params, params);
  try {
    return { mime, image: await processImage(f.file, mime) };
  } catch (e) {
    if (!(e instanceof ImageRejected)) throw e;
    if (e.reason === 'pixels') throw new AppError(413, 'MEDIA_TOO_MANY_PIXELS', { ...params, mp: MEDIA_MAX_PIXELS / 1_000_000 }, params);
    throw new AppError(422, 'MEDIA_FILE_BROKEN', params, params);
  }
}

/**
 * Stores 1–9 uploaded photos, all or nothing: each is checked by content and fully decoded, its original
 * kept byte for byte, a stripped display copy and thumbnail made, and a row written (audited).
 */
export async function uploadMedia(db: Kysely<DB>, root: string, actor: Actor, parts: AsyncIterableIterator<Multipart>, ctx: AuditContext): Promise<UploadMediaResult> {
  const staging = await Staging.open(root);
  try {
    const files = await receiveFiles(parts, staging);
    if (files.length === 0) throw new AppError(400, 'MEDIA_FILES_REQUIRED');
    const images = [];
    // One at a time: decoding is CPU- and memory-heavy, and the machine is shared.
    for (const f of files) images.push({ f, ...(await checkFile(f)) });
    const ids = await repo.reserveIds(db, images.length);
    const checked = images.map((c, i) => ({ ...c, id: ids[i]! }));
    for (const { f, image, id } of checked) {
      await staging.place(f.file, id, 'original');
      await staging.place(await staging.write(`${id}-display`, image.display), id, 'display');
      await staging.place(await staging.write(`${id}-thumb`, image.thumb), id, 'thumb');
    }
    const rows = checked.map(({ f, mime, image, id }) => ({
      id,
      uploader_id: actor.userId,
      sha256: f.sha256,
      mime,
      display_mime: image.displayMime,
      width: image.width,
      height: image.height,
      bytes: f.bytes,
      taken_at: image.exif.takenAt,
      gps_lat: image.exif.lat,
      gps_lng: image.exif.lng,
    }));
    await db.transaction().execute(async (tx) => {
      await repo.insertMedia(tx, rows);
      for (const r of rows) {
        await audit(tx, ctx, { action: 'media.upload', entity: 'media', entityId: r.id, detail: { sha256: r.sha256, mime: r.mime, bytes: r.bytes, width: r.width, height: r.height } });
      }
    });
    return {
      items: rows.map((r) => ({ id: r.id, mime: r.mime, width: r.width, height: r.height, bytes: r.bytes, thumbUrl: mediaUrl(r.id, 'thumb'), displayUrl: mediaUrl(r.id, 'display') })),
    };
  } catch (e) {
    await staging.undo();
    throw e;
  } finally {
    await staging.close();
  }
}

/** What a caller may see of a photo: uploader and registered resolver decide; anonymous callers only 'public'. */
async function accessTo(db: Kysely<DB>, actor: Actor | null, row: repo.MediaRow): Promise<MediaAccess> {
  const own = !!actor && row.uploader_id === actor.userId;
  if (row.attached_entity === null || row.attached_id === null) return own ? 'staff' : 'none';
  const resolver = resolverFor(row.attached_entity);
  const decided = resolver ? await resolver(db, actor, row.attached_id, row) : 'none';
  if (!actor && decided === 'staff') return 'public'; // an anonymous caller is never staff
  // The uploader may always see her own photo (not necessarily its original).
  return decided === 'none' && own ? 'public' : decided;
}

/** A stored variant ready to send. */
export interface MediaFile {
  stream: NodeJS.ReadableStream;
  size: number;
  contentType: string;
  etag: string;
  filename: string;
}

const EXT: Record<string, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp' };

/**
 * One variant of a photo for a caller (null actor: the public route). 404 when the caller may not see the
 * photo at all; 403 when she may see it but asks for the original without staff access; `notModified` when
 * the caller's copy (by ETag) is current.
 */
export async function readMedia(
  db: Kysely<DB>,
  root: string,
  actor: Actor | null,
  id: number,
  variant: MediaVariant,
  ifNoneMatch?: string,
): Promise<MediaFile | { notModified: true; etag: string }> {
  const row = await repo.findMedia(db, id);
  if (!row) throw notFound();
  const access = await accessTo(db, actor, row);
  if (access === 'none') throw notFound();
  if (variant === 'original' && access !== 'staff') throw new AppError(403, 'MEDIA_ORIGINAL_FORBIDDEN');
  // A photo's files never change: the original's hash, the id and the variant are the version.
  const etag = `"${row.sha256.slice(0, 16)}-${row.id}-${variant}"`;
  if (ifNoneMatch && ifNoneMatch.split(',').some((t) => t.trim().replace(/^W\//, '') === etag)) return { notModified: true, etag };
  const file = await openVariant(root, row.id, variant);
  if (!file) throw notFound();
  const contentType = variant === 'original' ? row.mime : row.display_mime;
  return { ...file, contentType, etag, filename: `${row.id}-${variant}.${EXT[contentType]}` };
}

/** Where photos are attached: an entity name (e.g. 'case'), a record id, and an optional role ('before', 'after'). */
export interface AttachTarget {
  entity: string;
  entityId: number;
  role?: string;
  /** The request's address, for the audit row. */
  ip?: string | null;
}

/** An attached photo as other modules present it. */
export interface AttachedMedia {
  id: number;
  role: string | null;
  position: number;
  width: number;
  height: number;
  thumbUrl: string;
  displayUrl: string;
}

/** An attached photo with what only staff see: original, time and place taken, uploader, hash. */
export interface AttachedMediaForStaff extends AttachedMedia {
  originalUrl: string;
  mime: string;
  bytes: number;
  sha256: string;
  uploaderId: number;
  takenAt: Date | null;
  lat: number | null;
  lng: number | null;
  createdAt: Date;
}

/** Presents one attached photo for a view: 'staff' (everything), 'viewer' (signed-in URLs), 'public' (public URLs). */
export function presentAttached(r: repo.MediaRow, view: 'staff' | 'viewer' | 'public'): AttachedMedia | AttachedMediaForStaff {
  const url = (v: 'thumb' | 'display') => (view === 'public' ? publicMediaUrl(r.id, v) : mediaUrl(r.id, v));
  const base: AttachedMedia = { id: r.id, role: r.attached_role, position: r.attached_position ?? 0, width: r.width, height: r.height, thumbUrl: url('thumb'), displayUrl: url('display') };
  if (view !== 'staff') return base;
  return {
    ...base,
    originalUrl: mediaUrl(r.id, 'original'),
    mime: r.mime,
    bytes: r.bytes,
    sha256: r.sha256,
    uploaderId: r.uploader_id,
    takenAt: r.taken_at,
    lat: r.gps_lat,
    lng: r.gps_lng,
    createdAt: r.created_at,
  };
}

const ROLE = /^[a-z][a-z0-9_]{0,31}$/;

/**
 * Attaches the caller's own unattached photos to a record, in the given order after any already attached,
 * inside the caller's transaction (audited there). At most 9 per call; a photo that is missing, someone
 * else's or already attached refuses the whole call (400 MEDIA_NOT_ATTACHABLE).
 */
export async function attachMedia(tx: Transaction<DB>, actor: Actor, mediaIds: readonly number[], target: AttachTarget): Promise<AttachedMediaForStaff[]> {
  if (!isEntityName(target.entity)) throw new Error(`media: bad entity name "${target.entity}"`);
  if (target.role !== undefined && !ROLE.test(target.role)) throw new Error(`media: bad role "${target.role}"`);
  if (!Number.isSafeInteger(target.entityId) || target.entityId <= 0) throw new Error(`media: bad entity id ${target.entityId}`);
  if (mediaIds.length === 0) return [];
  if (mediaIds.length > MEDIA_MAX_FILES) throw new AppError(400, 'MEDIA_ATTACH_TOO_MANY', { max: MEDIA_MAX_FILES });
  const ids = [...mediaIds];
  if (new Set(ids).size !== ids.length) throw new AppError(400, 'MEDIA_ATTACH_DUPLICATE');
  const wellFormed = ids.filter((i) => Number.isSafeInteger(i) && i > 0);
  const rows = wellFormed.length ? await repo.lockMedia(tx, wellFormed) : [];
  const usable = new Set(rows.filter((r) => r.uploader_id === actor.userId && r.attached_entity === null).map((r) => r.id));
  const refused = ids.filter((i) => !usable.has(i));
  if (refused.length > 0) throw new AppError(400, 'MEDIA_NOT_ATTACHABLE', { count: refused.length }, { ids: refused });
  const first = await repo.nextPosition(tx, target.entity, target.entityId);
  await repo.markAttached(tx, ids, { entity: target.entity, entityId: target.entityId, role: target.role ?? null }, first);
  await audit(tx, { actor, ip: target.ip ?? null }, { action: 'media.attach', entity: target.entity, entityId: target.entityId, detail: { media: ids, role: target.role ?? null } });
  const attached = await repo.listAttached(tx, target.entity, [target.entityId]);
  return attached.filter((r) => usable.has(r.id)).map((r) => presentAttached(r, 'staff') as AttachedMediaForStaff);
}

/** Photos attached to records of an entity, by record id, in attach order, presented for a view. */
export async function listAttachedMedia(db: Kysely<DB>, entity: string, entityIds: readonly number[], view: 'staff' | 'viewer' | 'public'): Promise<Map<number, AttachedMedia[]>> {
  const rows = await repo.listAttached(db, entity, [...new Set(entityIds)]);
  const out = new Map<number, AttachedMedia[]>(entityIds.map((id) => [id, []]));
  for (const r of rows) out.get(r.attached_id!)!.push(presentAttached(r, view));
  return out;
}

const PURGE_BATCH = 200;

/**
 * Deletes photos never attached and uploaded before `olderThan` (rows, audited, then files), and staging
 * folders older than that left by an interrupted upload. For a periodic job; safe with concurrent attaches.
 * The media directory defaults to the configured one (GONGZHI_MEDIA_DIR).
 */
export async function purgeUnattachedMedia(
  db: Kysely<DB>,
  olderThan: Date,
  opts: { mediaDir?: string } = {},
): Promise<{ deleted: number; stagingRemoved: number }> {
  const mediaDir = opts.mediaDir ?? loadConfig().mediaDir;
  let deleted = 0;
  for (;;) {
    const candidates = await repo.staleUnattached(db, olderThan, PURGE_BATCH);
    if (candidates.length === 0) break;
    const gone = await db.transaction().execute(async (tx) => {
      const ids = await repo.deleteUnattached(tx, candidates);
      if (ids.length > 0) await audit(tx, { actor: null, ip: null }, { action: 'media.purge', entity: 'media', detail: { count: ids.length, ids, olderThan: olderThan.toISOString() } });
      return ids;
    });
    // Files go after the rows: a crash in between leaves unreachable files, never a row without files.
    for (const id of gone) await removeVariants(mediaDir, id, MEDIA_VARIANTS);
    deleted += gone.length;
    if (candidates.length < PURGE_BATCH) break;
  }
  const stagingRemoved = await sweepStaging(mediaDir, olderThan);
  return { deleted, stagingRemoved };
}
