import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { exifDate, readExif } from './exif.js';
import { ImageRejected, processImage, sniffImageType } from './media.images.js';
import { fakeExe, noisyJpeg, photo, pngClaiming, svg, transparentPng, truncated, webp } from './test-images.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gz-media-img-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
let n = 0;
const onDisk = (b: Buffer) => {
  const f = path.join(dir, `f${n++}`);
  fs.writeFileSync(f, b);
  return f;
};

describe('EXIF reader', () => {
  it('reads the time taken and the GPS position of a photo, in every hemisphere', async () => {
    const north = await sharp(await photo({ gps: [41.30512, 123.70844], takenAt: '2025:06:01 09:30:15' })).metadata();
    expect(readExif(north.exif)).toEqual({ takenAt: new Date('2025-06-01T01:30:15Z'), lat: 41.30512, lng: 123.70844 });
    const south = await sharp(await photo({ gps: [-33.8568, -151.2153] })).metadata();
    expect(readExif(south.exif)).toMatchObject({ takenAt: null, lat: -33.8568, lng: -151.2153 });
  });

  it('gives nulls for photos without EXIF and for malformed blocks, never throwing', async () => {
    expect(readExif(undefined)).toEqual({ takenAt: null, lat: null, lng: null });
    expect(readExif((await sharp(await photo()).metadata()).exif)).toEqual({ takenAt: null, lat: null, lng: null });
    const real = (await sharp(await photo({ gps: [41.3, 123.7] })).metadata()).exif!;
    for (let cut = 6; cut < real.length; cut += 7) expect(() => readExif(real.subarray(0, cut))).not.toThrow();
    const garbage = Buffer.from(real);
    for (let i = 14; i < garbage.length; i += 3) garbage[i] = 0xff;
    expect(() => readExif(garbage)).not.toThrow();
    expect(readExif(Buffer.from('Exif\0\0XX*\0\0\0\0\0\0\0'))).toEqual({ takenAt: null, lat: null, lng: null });
  });

  it('reads EXIF times as China time unless an offset is given, and refuses impossible dates', () => {
    expect(exifDate('2025:06:01 09:30:15', null)?.toISOString()).toBe('2025-06-01T01:30:15.000Z');
    expect(exifDate('2025:06:01 09:30:15', '-05:00')?.toISOString()).toBe('2025-06-01T14:30:15.000Z');
    expect(exifDate('2025:02:30 09:30:15', null)).toBeNull();
    expect(exifDate('0000:00:00 00:00:00', null)).toBeNull();
    expect(exifDate('2999:01:01 00:00:00', null)).toBeNull();
    expect(exifDate('yesterday', null)).toBeNull();
  });
});

describe('image checks and copies', () => {
  it('recognises JPEG, PNG and WebP by their first bytes only', async () => {
    expect(sniffImageType(await photo())).toBe('image/jpeg');
    expect(sniffImageType(await transparentPng())).toBe('image/png');
    expect(sniffImageType(await webp())).toBe('image/webp');
    expect(sniffImageType(fakeExe())).toBeNull();
    expect(sniffImageType(svg())).toBeNull();
    expect(sniffImageType(Buffer.alloc(0))).toBeNull();
    expect(sniffImageType(Buffer.from('GIF89a\x01\x00\x01\x00', 'latin1'))).toBeNull();
  });

  it('turns the display copy upright, drops every metadata field, and scales it down', async () => {
    const out = await processImage(onDisk(await photo({ width: 800, height: 400, orientation: 6, gps: [41.3, 123.7], takenAt: '2025:06:01 09:30:15' })), 'image/jpeg');
    expect(out).toMatchObject({ width: 400, height: 800, displayMime: 'image/jpeg', exif: { lat: 41.3, lng: 123.7 } });
    const d = await sharp(out.display).metadata();
    expect(d).toMatchObject({ format: 'jpeg', width: 400, height: 800 });
    expect(d.exif).toBeUndefined();
    expect(d.orientation).toBeUndefined();
    expect(d.xmp).toBeUndefined();
    expect(d.iptc).toBeUndefined();
    const t = await sharp(out.thumb).metadata();
    expect([t.width, t.height, t.exif]).toEqual([160, 320, undefined]);

    const big = await processImage(onDisk(await noisyJpeg(2400, 1200)), 'image/jpeg');
    expect([big.width, big.height]).toEqual([2400, 1200]);
    expect((await sharp(big.display).metadata()).width).toBe(1600);
    expect((await sharp(big.thumb).metadata()).width).toBe(320);
  });

  it('keeps transparency in WebP copies', async () => {
    const out = await processImage(onDisk(await transparentPng()), 'image/png');
    expect(out.displayMime).toBe('image/webp');
    const d = await sharp(out.display).metadata();
    expect(d).toMatchObject({ format: 'webp', hasAlpha: true, width: 300, height: 200 });
  });

  it('refuses truncated files, a type that does not match its content, and decompression bombs', async () => {
    const reason = (p: Promise<unknown>) => p.then(() => 'accepted', (e) => (e instanceof ImageRejected ? e.reason : `other: ${e}`));
    expect(await reason(processImage(onDisk(truncated(await noisyJpeg(600, 400))), 'image/jpeg'))).toBe('broken');
    expect(await reason(processImage(onDisk(truncated(await transparentPng(), 0.5)), 'image/png'))).toBe('broken');
    expect(await reason(processImage(onDisk(truncated(await webp())), 'image/webp'))).toBe('broken');
    expect(await reason(processImage(onDisk(await webp()), 'image/jpeg'))).toBe('broken');
    expect(await reason(processImage(onDisk(pngClaiming(20000, 20000)), 'image/png'))).toBe('pixels');
  });
});
