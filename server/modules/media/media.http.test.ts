import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { startTestApp, type TestApp } from '../../test/http.js';
import { multipart } from '../../test/multipart.js';
import { loadActor } from '../../platform/auth/sessions.js';
import { can, type Actor } from '../../platform/authz/index.js';
import { attachMedia, listAttachedMedia, purgeUnattachedMedia, registerMediaAccess, type AttachedMediaForStaff } from './index.js';
import { variantPath } from './media.storage.js';
import { BLUE, RED, fakeExe, noisyJpeg, photo, pngClaiming, svg, transparentPng, truncated, webp } from './test-images.js';

const mediaDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gz-media-http-'));
let t: TestApp;
/** Records of the test-only entity whose photos anyone may see. */
const publicRecords = new Set<number>();
const resolverCalls: { actor: string | null; entityId: number; mediaId: number }[] = [];
let unregister = () => {};

beforeAll(async () => {
  t = await startTestApp({ GONGZHI_MEDIA_DIR: mediaDir });
  // A test-only entity: dispatchers of community C1 are staff, public records are public, the rest nobody.
  unregister = registerMediaAccess('media_test', async (db, actor, entityId, media) => {
    resolverCalls.push({ actor: actor?.username ?? null, entityId, mediaId: media.id });
    await db.selectFrom('media').select('id').where('id', '=', media.id).executeTakeFirstOrThrow();
    if (actor && can(actor, 'case.dispatch', t.fx.nodes.C1.path)) return 'staff';
    return publicRecords.has(entityId) ? 'public' : 'none';
  });
});
afterAll(async () => {
  unregister();
  await t?.close();
  fs.rmSync(mediaDir, { recursive: true, force: true });
});

interface File {
  name: string;
  content: Buffer;
  type?: string;
}

async function upload(username: string, files: File[], query = '') {
  const m = multipart(files.map((f) => ({ name: 'file', filename: f.name, content: f.content, contentType: f.type ?? 'image/jpeg' })));
  return (await t.as(username)).call('POST', `/api/media${query}`, m.payload, m.headers);
}

async function uploadOne(username: string, content?: Buffer): Promise<number> {
  const res = await upload(username, [{ name: 'p.jpg', content: content ?? (await photo()) }]);
  expect(res.statusCode, res.body).toBe(201);
  return res.json().items[0].id;
}

/** Every file under the media directory (staging folders included). */
function filesOnDisk(): string[] {
  return (fs.readdirSync(mediaDir, { recursive: true }) as string[]).filter((f) => fs.statSync(path.join(mediaDir, f)).isFile()).sort();
}

const mediaCount = async () => Number((await t.database.db.selectFrom('media').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

async function actorOf(username: string): Promise<Actor> {
  const caller = await t.as(username);
  const token = caller.cookie.split('; ').find((c) => c.startsWith('gz_session='))!.slice('gz_session='.length);
  return (await loadActor(t.database.db, token))!;
}

async function attach(username: string, ids: number[], entityId: number, role?: string) {
  const actor = await actorOf(username);
  return t.database.db.transaction().execute((tx) => attachMedia(tx, actor, ids, { entity: 'media_test', entityId, role, ip: '10.0.0.1' }));
}

const errorOf = async (p: Promise<unknown>) => p.then(() => 'ok', (e: { code?: string; message: string }) => e.code ?? e.message);

/** The average colour of a small box of an image. */
async function colourAt(image: Buffer, left: number, top: number) {
  const { data } = await sharp(image).extract({ left, top, width: 8, height: 8 }).raw().toBuffer({ resolveWithObject: true });
  const avg = (k: number) => Math.round(data.filter((_, i) => i % 3 === k).reduce((a, b) => a + b, 0) / (data.length / 3));
  return { r: avg(0), g: avg(1), b: avg(2) };
}
const near = (c: { r: number; g: number; b: number }, want: { r: number; g: number; b: number }) =>
  Math.abs(c.r - want.r) < 40 && Math.abs(c.g - want.g) < 40 && Math.abs(c.b - want.b) < 40;

describe('upload', () => {
  it('keeps the original byte for byte, and serves an upright, GPS-free display copy and thumbnail', async () => {
    const original = await photo({ width: 800, height: 400, orientation: 6, gps: [41.30512, 123.70844], takenAt: '2025:06:01 09:30:15' });
    const res = await upload('resident', [{ name: 'IMG_0001.jpg', content: original }]);
    expect(res.statusCode, res.body).toBe(201);
    const [item] = res.json().items;
    expect(item).toEqual({ id: expect.any(Number), mime: 'image/jpeg', width: 400, height: 800, bytes: original.length, thumbUrl: `/api/media/${item.id}/thumb`, displayUrl: `/api/media/${item.id}/display` });

    const row = await t.database.db.selectFrom('media').selectAll().where('id', '=', item.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      uploader_id: t.fx.users.resident,
      sha256: crypto.createHash('sha256').update(original).digest('hex'),
      mime: 'image/jpeg',
      display_mime: 'image/jpeg',
      bytes: original.length,
      gps_lat: 41.30512,
      gps_lng: 123.70844,
      attached_entity: null,
      attached_id: null,
    });
    expect(row.taken_at?.toISOString()).toBe('2025-06-01T01:30:15.000Z');
    expect(fs.readFileSync(variantPath(mediaDir, item.id, 'original')).equals(original)).toBe(true);

    const resident = await t.as('resident');
    const display = await resident.call('GET', item.displayUrl);
    expect(display.statusCode).toBe(200);
    expect(display.headers).toMatchObject({ 'content-type': 'image/jpeg', 'x-content-type-options': 'nosniff', 'cache-control': 'private, max-age=3600' });
    const meta = await sharp(display.rawPayload).metadata();
    expect(meta).toMatchObject({ format: 'jpeg', width: 400, height: 800 });
    expect([meta.exif, meta.xmp, meta.iptc, meta.orientation]).toEqual([undefined, undefined, undefined, undefined]);
    expect(display.rawPayload.includes(Buffer.from('GongzhiTestCam'))).toBe(false);
    // Orientation 6 turns the picture clockwise: its blue left edge is now the top.
    expect(near(await colourAt(display.rawPayload, 196, 10), BLUE)).toBe(true);
    expect(near(await colourAt(display.rawPayload, 196, 780), RED)).toBe(true);

    const thumb = await resident.call('GET', item.thumbUrl);
    expect(thumb.headers['content-type']).toBe('image/jpeg');
    const tm = await sharp(thumb.rawPayload).metadata();
    expect([tm.width, tm.height, tm.exif]).toEqual([160, 320, undefined]);

    const orig = await resident.call('GET', `/api/media/${item.id}/original`);
    expect(orig.statusCode).toBe(200);
    expect(orig.rawPayload.equals(original)).toBe(true);

    const audit = await t.database.db.selectFrom('audit_log').selectAll().where('action', '=', 'media.upload').where('entity_id', '=', String(item.id)).execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor_id: t.fx.users.resident, entity: 'media' });
  });

  it('takes several photos of several formats in one request; transparent ones get WebP copies', async () => {
    const res = await upload('grid', [
      { name: 'a.png', content: await transparentPng(), type: 'image/png' },
      { name: 'b.webp', content: await webp(), type: 'image/webp' },
      { name: 'c.jpg', content: await noisyJpeg(2400, 1200) },
    ]);
    expect(res.statusCode, res.body).toBe(201);
    const items = res.json().items;
    expect(items.map((i: any) => [i.mime, i.width, i.height])).toEqual([['image/png', 300, 200], ['image/webp', 500, 500], ['image/jpeg', 2400, 1200]]);
    const grid = await t.as('grid');
    const png = await grid.call('GET', items[0].displayUrl);
    expect(png.headers['content-type']).toBe('image/webp');
    expect((await sharp(png.rawPayload).metadata()).hasAlpha).toBe(true);
    expect((await grid.call('GET', items[1].displayUrl)).headers['content-type']).toBe('image/jpeg');
    expect((await grid.call('GET', `/api/media/${items[1].id}/original`)).headers['content-type']).toBe('image/webp');
    const big = await sharp((await grid.call('GET', items[2].displayUrl)).rawPayload).metadata();
    expect([big.width, big.height]).toEqual([1600, 800]);
  });

  it('refuses, by content, anything that is not a whole JPEG, PNG or WebP photo — and leaves nothing behind', async () => {
    const before = filesOnDisk();
    const rows = await mediaCount();
    const good = { name: 'ok.jpg', content: await photo() };
    const cases: [File[], number, string][] = [
      [[{ name: 'photo.jpg', content: fakeExe() }], 415, 'MEDIA_TYPE_UNSUPPORTED'],
      [[{ name: 'drawing.svg', content: svg(), type: 'image/svg+xml' }], 415, 'MEDIA_TYPE_UNSUPPORTED'],
      [[{ name: 'empty.jpg', content: Buffer.alloc(0) }], 400, 'MEDIA_FILE_EMPTY'],
      [[{ name: 'cut.jpg', content: truncated(await noisyJpeg(600, 400)) }], 422, 'MEDIA_FILE_BROKEN'],
      [[{ name: 'bomb.png', content: pngClaiming(20000, 20000), type: 'image/png' }], 413, 'MEDIA_TOO_MANY_PIXELS'],
      [[good, { name: 'huge.jpg', content: Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), Buffer.alloc(10 * 1024 * 1024)]) }], 413, 'MEDIA_FILE_TOO_LARGE'],
      [Array.from({ length: 10 }, (_, i) => ({ ...good, name: `p${i}.jpg` })), 400, 'MEDIA_TOO_MANY_FILES'],
      [[good, good, { name: 'third.gif', content: Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00', 'latin1') }], 415, 'MEDIA_TYPE_UNSUPPORTED'],
      [[], 400, 'MEDIA_FILES_REQUIRED'],
    ];
    for (const [files, status, code] of cases) {
      const res = await upload('grid', files);
      expect([res.statusCode, res.json().error.code], files.map((f) => f.name).join()).toEqual([status, code]);
    }
    const en = await upload('grid', [good, { name: 'C:\\Users\\me\\virus.jpg', content: fakeExe() }], '?lang=en');
    expect(en.json().error).toMatchObject({ message: 'The file "virus.jpg" is not a JPEG, PNG or WebP photo', details: { index: 2, name: 'virus.jpg' } });
    const zh = await upload('grid', [good, { name: 'huge.jpg', content: Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), Buffer.alloc(10 * 1024 * 1024)]) }]);
    expect(zh.json().error.message).toBe('照片“huge.jpg”超过 10 MiB 的大小上限');
    const json = await (await t.as('grid')).call('POST', '/api/media', { file: 'x' });
    expect([json.statusCode, json.json().error.code]).toEqual([415, 'UNSUPPORTED_MEDIA_TYPE']);
    expect(filesOnDisk()).toEqual(before);
    expect(await mediaCount()).toBe(rows);
  });

  it('accepts exactly 9 photos and exactly 10 MiB', async () => {
    const small = await webp(64, 64);
    const ok = await upload('community', Array.from({ length: 9 }, (_, i) => ({ name: `p${i}.webp`, content: small, type: 'image/webp' })));
    expect([ok.statusCode, ok.json().items.length]).toEqual([201, 9]);
    // A real JPEG padded to exactly 10 MiB with bytes after its end marker.
    const jpeg = await photo();
    const padded = Buffer.concat([jpeg, Buffer.alloc(10 * 1024 * 1024 - jpeg.length)]);
    const limit = await upload('community', [{ name: 'limit.jpg', content: padded }]);
    expect(limit.statusCode, limit.body).toBe(201);
    expect(limit.json().items[0].bytes).toBe(10 * 1024 * 1024);
  });

  it('lets anyone who may report or handle cases upload, nobody else', async () => {
    for (const username of ['district', 'street', 'community', 'grid', 'department', 'resident']) {
      expect((await upload(username, [{ name: 'p.jpg', content: await photo({ width: 40, height: 20 }) }])).statusCode, username).toBe(201);
    }
    for (const username of ['admin', 'mediator']) {
      const res = await upload(username, [{ name: 'p.jpg', content: await photo() }]);
      expect([res.statusCode, res.json().error.code], username).toEqual([403, 'FORBIDDEN']);
    }
    const m = multipart([{ name: 'file', filename: 'p.jpg', content: await photo() }]);
    expect((await t.anonymous.call('POST', '/api/media', m.payload, m.headers)).statusCode).toBe(401);
  });
});

describe('reading photos', () => {
  it('shows an unattached photo to its uploader only, with caching headers', async () => {
    const id = await uploadOne('grid');
    const grid = await t.as('grid');
    const first = await grid.call('GET', `/api/media/${id}/thumb`);
    expect(first.statusCode).toBe(200);
    expect(first.headers.etag).toMatch(/^"[0-9a-f]{16}-\d+-thumb"$/);
    expect(Number(first.headers['content-length'])).toBe(first.rawPayload.length);
    const again = await grid.call('GET', `/api/media/${id}/thumb`, undefined, { 'if-none-match': first.headers.etag as string });
    expect([again.statusCode, again.rawPayload.length, again.headers['cache-control']]).toEqual([304, 0, 'private, max-age=3600']);
    for (const other of ['community', 'street', 'district', 'grid4', 'resident']) {
      const res = await (await t.as(other)).call('GET', `/api/media/${id}/display`);
      expect([res.statusCode, res.headers['cache-control']], other).toEqual([404, 'no-store']);
    }
    expect((await t.anonymous.call('GET', `/api/media/${id}/display`)).statusCode).toBe(401);
    expect((await t.anonymous.call('GET', `/api/public/media/${id}/display`)).statusCode).toBe(404);
    expect((await grid.call('GET', `/api/media/${id}/full`)).statusCode).toBe(400);
    expect((await grid.call('GET', `/api/media/abc/thumb`)).statusCode).toBe(400);
    expect((await grid.call('GET', `/api/media/999999/thumb`)).statusCode).toBe(404);
  });

  it('asks the registered resolver of the record a photo is attached to', async () => {
    const ids = [await uploadOne('resident'), await uploadOne('resident')];
    const attached = await attach('resident', ids, 501, 'report');
    expect(attached.map((a) => [a.id, a.role, a.position])).toEqual([[ids[0], 'report', 0], [ids[1], 'report', 1]]);
    const [a] = ids;
    const get = async (who: string | null, url: string) => (who ? (await t.as(who)).call('GET', url) : t.anonymous.call('GET', url));

    // Private record: C1's dispatchers are staff and see the original; others see nothing.
    resolverCalls.length = 0;
    expect((await get('community', `/api/media/${a}/original`)).statusCode).toBe(200);
    expect(resolverCalls).toEqual([{ actor: 'community', entityId: 501, mediaId: a }]);
    expect((await get('street', `/api/media/${a}/display`)).statusCode).toBe(200);
    expect((await get('street2', `/api/media/${a}/display`)).statusCode).toBe(404);
    expect((await get(null, `/api/public/media/${a}/display`)).statusCode).toBe(404);
    // The uploader keeps her own photo (not its original) even where the record's rule would say no.
    expect((await get('resident', `/api/media/${a}/display`)).statusCode).toBe(200);
    const orig = await get('resident', `/api/media/${a}/original?lang=en`);
    expect([orig.statusCode, orig.json().error]).toEqual([403, { code: 'MEDIA_ORIGINAL_FORBIDDEN', message: 'Only staff may see the original photo' }]);

    // Public record: anyone sees the display copy and thumbnail, signed in or not; the original stays staff-only.
    publicRecords.add(501);
    expect((await get('street2', `/api/media/${a}/display`)).statusCode).toBe(200);
    expect((await get('street2', `/api/media/${a}/original`)).statusCode).toBe(403);
    const pub = await get(null, `/api/public/media/${a}/thumb`);
    expect([pub.statusCode, pub.headers['content-type'], pub.headers['cache-control'], pub.headers['x-content-type-options']]).toEqual([200, 'image/jpeg', 'public, max-age=300', 'nosniff']);
    expect((await get(null, `/api/public/media/${a}/original`)).statusCode).toBe(400);
    // The public route never passes the caller to the resolver, even a signed-in staff member.
    resolverCalls.length = 0;
    await get('community', `/api/public/media/${a}/display`);
    expect(resolverCalls.map((c) => c.actor)).toEqual([null]);
    publicRecords.delete(501);
    expect((await get(null, `/api/public/media/${a}/display`)).statusCode).toBe(404);
  });

  it('shows photos attached to an entity nobody registered to nobody but the uploader', async () => {
    const id = await uploadOne('grid');
    const actor = await actorOf('grid');
    await t.database.db.transaction().execute((tx) => attachMedia(tx, actor, [id], { entity: 'unregistered_thing', entityId: 7 }));
    expect((await (await t.as('community')).call('GET', `/api/media/${id}/display`)).statusCode).toBe(404);
    expect((await (await t.as('grid')).call('GET', `/api/media/${id}/display`)).statusCode).toBe(200);
  });
});

describe('attaching', () => {
  it('attaches only the caller’s own unattached photos, at most 9, all or nothing, audited', async () => {
    const mine = [await uploadOne('grid'), await uploadOne('grid')];
    const theirs = await uploadOne('grid4');
    expect(await errorOf(attach('grid', [mine[0]!, theirs], 601))).toBe('MEDIA_NOT_ATTACHABLE');
    expect(await errorOf(attach('grid', [mine[0]!, 987654321], 601))).toBe('MEDIA_NOT_ATTACHABLE');
    expect(await errorOf(attach('grid', [mine[0]!, mine[0]!], 601))).toBe('MEDIA_ATTACH_DUPLICATE');
    expect(await errorOf(attach('grid', Array.from({ length: 10 }, (_, i) => i + 1), 601))).toBe('MEDIA_ATTACH_TOO_MANY');
    const untouched = await t.database.db.selectFrom('media').select(['id', 'attached_entity']).where('id', 'in', mine).execute();
    expect(untouched.map((r) => r.attached_entity)).toEqual([null, null]);

    const first = await attach('grid', [mine[1]!], 601, 'before');
    const second = await attach('grid', [mine[0]!], 601, 'after');
    expect([first[0]!.position, second[0]!.position, second[0]!.role]).toEqual([0, 1, 'after']);
    expect(await errorOf(attach('grid', [mine[0]!], 602))).toBe('MEDIA_NOT_ATTACHABLE');
    expect(await attach('grid', [], 603)).toEqual([]);
    const audit = await t.database.db.selectFrom('audit_log').selectAll().where('action', '=', 'media.attach').where('entity_id', '=', '601').orderBy('id').execute();
    expect(audit.map((r) => [r.actor_id, r.entity, r.ip, (r.detail as any).media, (r.detail as any).role])).toEqual([
      [t.fx.users.grid, 'media_test', '10.0.0.1', [mine[1]], 'before'],
      [t.fx.users.grid, 'media_test', '10.0.0.1', [mine[0]], 'after'],
    ]);
    // A failure later in the caller's transaction undoes the attach.
    const third = await uploadOne('grid');
    const actor = await actorOf('grid');
    await expect(
      t.database.db.transaction().execute(async (tx) => {
        await attachMedia(tx, actor, [third], { entity: 'media_test', entityId: 604 });
        throw new Error('the case could not be saved');
      }),
    ).rejects.toThrow('the case could not be saved');
    expect((await t.database.db.selectFrom('media').select('attached_entity').where('id', '=', third).executeTakeFirstOrThrow()).attached_entity).toBeNull();
  });

  it('lists a record’s photos for staff (with time and place), for viewers and for public pages', async () => {
    const id = await uploadOne('resident', await photo({ gps: [41.3071, 123.7152], takenAt: '2025:07:02 18:00:00' }));
    const plain = await uploadOne('resident');
    await attach('resident', [id, plain], 701, 'report');
    const staff = (await listAttachedMedia(t.database.db, 'media_test', [701, 702], 'staff')).get(701)! as AttachedMediaForStaff[];
    expect(staff.map((m) => m.id)).toEqual([id, plain]);
    expect(staff[0]).toMatchObject({ role: 'report', lat: 41.3071, lng: 123.7152, originalUrl: `/api/media/${id}/original`, uploaderId: t.fx.users.resident });
    expect(staff[0]!.takenAt?.toISOString()).toBe('2025-07-02T10:00:00.000Z');
    expect(staff[1]).toMatchObject({ lat: null, lng: null, takenAt: null });
    const pub = (await listAttachedMedia(t.database.db, 'media_test', [701], 'public')).get(701)!;
    expect(pub[0]).toEqual({ id, role: 'report', position: 0, width: 800, height: 400, thumbUrl: `/api/public/media/${id}/thumb`, displayUrl: `/api/public/media/${id}/display` });
    const viewer = (await listAttachedMedia(t.database.db, 'media_test', [701, 702], 'viewer'));
    expect(viewer.get(701)![0]).not.toHaveProperty('lat');
    expect(viewer.get(701)![0]!.thumbUrl).toBe(`/api/media/${id}/thumb`);
    expect(viewer.get(702)).toEqual([]);
  });
});

describe('purging', () => {
  it('deletes old unattached photos with their files, keeps attached and recent ones, clears stale staging', async () => {
    const old = await uploadOne('grid');
    const oldAttached = await uploadOne('grid');
    await attach('grid', [oldAttached], 801);
    const recent = await uploadOne('grid');
    const db = t.database.db;
    await db.updateTable('media').set({ created_at: new Date(Date.now() - 3 * 86_400_000) }).where('id', 'in', [old, oldAttached]).execute();
    const stale = path.join(mediaDir, 'tmp', 'stale-upload');
    fs.mkdirSync(stale, { recursive: true });
    fs.writeFileSync(path.join(stale, 'in-1'), 'partial');
    const past = new Date(Date.now() - 2 * 86_400_000);
    fs.utimesSync(stale, past, past);

    const result = await purgeUnattachedMedia(db, new Date(Date.now() - 86_400_000), { mediaDir });
    expect(result.stagingRemoved).toBe(1);
    expect(result.deleted).toBe(1);
    const left = (await db.selectFrom('media').select('id').where('id', 'in', [old, oldAttached, recent]).execute()).map((r) => r.id).sort((a, b) => a - b);
    expect(left).toEqual([oldAttached, recent]);
    for (const v of ['original', 'display', 'thumb'] as const) {
      expect(fs.existsSync(variantPath(mediaDir, old, v))).toBe(false);
      expect(fs.existsSync(variantPath(mediaDir, oldAttached, v))).toBe(true);
      expect(fs.existsSync(variantPath(mediaDir, recent, v))).toBe(true);
    }
    expect(fs.existsSync(stale)).toBe(false);
    expect((await (await t.as('grid')).call('GET', `/api/media/${old}/thumb`)).statusCode).toBe(404);
    const audit = await db.selectFrom('audit_log').selectAll().where('action', '=', 'media.purge').execute();
    expect(audit.length).toBeGreaterThanOrEqual(1);
    expect(audit.flatMap((a) => (a.detail as any).ids)).toContain(old);
    expect(await purgeUnattachedMedia(db, new Date(Date.now() - 86_400_000), { mediaDir })).toEqual({ deleted: 0, stagingRemoved: 0 });
  });
});
