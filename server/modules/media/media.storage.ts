/**
 * Photo files on disk: `<mediaDir>/<millions>/<thousands>/<id>-<variant>` (e.g. 000/012/12345-thumb), so no
 * folder holds more than a thousand photos. Every file is written to a staging folder under
 * `<mediaDir>/tmp/` first, flushed, then renamed into place: a reader never sees half a file, and a failed
 * upload removes its staging folder and whatever it had already moved.
 */
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import crypto from 'node:crypto';
import type { MediaVariant } from '../../../common/contracts/media.js';

const TMP = 'tmp';

/** Where a variant of a photo lives. */
export function variantPath(root: string, id: number, variant: MediaVariant): string {
  if (!Number.isSafeInteger(id) || id <= 0) throw new Error(`not a media id: ${id}`);
  const pad = (n: number) => String(n).padStart(3, '0');
  return path.join(root, pad(Math.floor(id / 1_000_000)), pad(Math.floor(id / 1000) % 1000), `${id}-${variant}`);
}

async function flushAndClose(fh: fsp.FileHandle) {
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}

/** One upload's work area: staged files, then atomic moves into place; undo removes everything it placed. */
export class Staging {
  private placed: string[] = [];
  private constructor(
    readonly root: string,
    readonly dir: string,
  ) {}

  /** Makes a fresh staging folder under `<root>/tmp/`. */
  static async open(root: string): Promise<Staging> {
    const dir = path.join(root, TMP, `${Date.now()}-${crypto.randomBytes(6).toString('hex')}`);
    await fsp.mkdir(dir, { recursive: true });
    return new Staging(root, dir);
  }

  /** A new file name inside the staging folder. */
  file(name: string): string {
    return path.join(this.dir, name);
  }

  /** Writes bytes to a staged file and flushes them. */
  async write(name: string, bytes: Buffer): Promise<string> {
    const file = this.file(name);
    const fh = await fsp.open(file, 'wx');
    try {
      await fh.writeFile(bytes);
    } finally {
      await flushAndClose(fh);
    }
    return file;
  }

  /** Moves a staged file to its final place (same file system, so the rename is atomic). */
  async place(staged: string, id: number, variant: MediaVariant): Promise<void> {
    const target = variantPath(this.root, id, variant);
    await fsp.mkdir(path.dirname(target), { recursive: true });
    await fsp.rename(staged, target);
    this.placed.push(target);
  }

  /** Removes every file this upload placed (the upload failed after moving some). */
  async undo(): Promise<void> {
    await Promise.all(this.placed.map((f) => fsp.rm(f, { force: true })));
    this.placed = [];
  }

  /** Removes the staging folder and whatever is left in it. */
  async close(): Promise<void> {
    await fsp.rm(this.dir, { recursive: true, force: true });
  }
}

/** A readable stream of a stored variant, or null when the file is missing. */
export async function openVariant(root: string, id: number, variant: MediaVariant): Promise<{ stream: fs.ReadStream; size: number } | null> {
  const file = variantPath(root, id, variant);
  let fh: fsp.FileHandle;
  try {
    fh = await fsp.open(file, 'r');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
  const { size } = await fh.stat();
  return { stream: fh.createReadStream(), size };
}

/** Deletes every variant of a photo (missing files are fine). */
export async function removeVariants(root: string, id: number, variants: readonly MediaVariant[]): Promise<void> {
  await Promise.all(variants.map((v) => fsp.rm(variantPath(root, id, v), { force: true })));
}

/** Removes staging folders older than a moment (left by a process that died mid-upload). */
export async function sweepStaging(root: string, olderThan: Date): Promise<number> {
  const dir = path.join(root, TMP);
  let names: string[];
  try {
    names = await fsp.readdir(dir);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw e;
  }
  let removed = 0;
  for (const name of names) {
    const full = path.join(dir, name);
    const st = await fsp.stat(full).catch(() => null);
    if (st && st.mtime < olderThan) {
      await fsp.rm(full, { recursive: true, force: true });
      removed++;
    }
  }
  return removed;
}
