import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Staging, openVariant, removeVariants, variantPath } from './media.storage.js';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'gz-media-store-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

describe('media storage', () => {
  it('shards files by thousands of ids', () => {
    expect(path.relative(root, variantPath(root, 12345, 'thumb'))).toBe(path.join('000', '012', '12345-thumb'));
    expect(path.relative(root, variantPath(root, 1_234_567_890, 'original'))).toBe(path.join('1234', '567', '1234567890-original'));
    expect(() => variantPath(root, 0, 'thumb')).toThrow();
    expect(() => variantPath(root, 1.5, 'thumb')).toThrow();
  });

  it('moves staged files into place, undoes what it placed, and removes its staging folder', async () => {
    const s = await Staging.open(root);
    await s.place(await s.write('a', Buffer.from('display bytes')), 7, 'display');
    await s.place(await s.write('b', Buffer.from('thumb bytes')), 7, 'thumb');
    expect(fs.readFileSync(variantPath(root, 7, 'display'), 'utf8')).toBe('display bytes');
    expect(fs.readdirSync(s.dir)).toEqual([]);
    await s.write('left-over', Buffer.from('x'));
    await s.undo();
    expect(fs.existsSync(variantPath(root, 7, 'display'))).toBe(false);
    expect(fs.existsSync(variantPath(root, 7, 'thumb'))).toBe(false);
    await s.close();
    expect(fs.existsSync(s.dir)).toBe(false);
  });

  it('opens a stored variant as a stream, and reports a missing one as null', async () => {
    const s = await Staging.open(root);
    await s.place(await s.write('o', Buffer.from('original bytes')), 8, 'original');
    await s.close();
    const file = await openVariant(root, 8, 'original');
    expect(file?.size).toBe(14);
    const chunks: Buffer[] = [];
    for await (const c of file!.stream) chunks.push(c as Buffer);
    expect(Buffer.concat(chunks).toString()).toBe('original bytes');
    expect(await openVariant(root, 8, 'thumb')).toBeNull();
    await removeVariants(root, 8, ['original', 'display', 'thumb']);
    expect(await openVariant(root, 8, 'original')).toBeNull();
  });
});
