/** `npm run bench -- <name>|all`: runs benchmarks and prints one JSON line per benchmark (the last line). */
import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Bench, BenchContext } from './harness.js';

const here = path.dirname(fileURLToPath(import.meta.url));

async function load(name: string): Promise<Bench> {
  const file = path.join(here, `${name}.bench.ts`);
  if (!fs.existsSync(file)) throw new Error(`no benchmark "${name}" (looked for ${file})`);
  return (await import(pathToFileURL(file).href)).default as Bench;
}

async function main() {
  const name = process.argv[2];
  const all = fs.readdirSync(here).filter((f) => f.endsWith('.bench.ts')).map((f) => f.replace('.bench.ts', '')).sort();
  if (!name) {
    console.error(`usage: npm run bench -- <name>|all   (benchmarks: ${all.join(', ')})`);
    process.exit(2);
  }
  const names = name === 'all' ? all : [name];
  const databaseUrl = process.env.DATABASE_URL || null;
  for (const n of names) {
    const bench = await load(n);
    const scratchDir = fs.mkdtempSync(path.join(os.tmpdir(), `gz-bench-${n}-`));
    const ctx: BenchContext = { db: databaseUrl ? 'postgres' : 'pglite', databaseUrl, scratchDir, log: (m) => console.error(`[${n}] ${m}`) };
    try {
      const result = await bench.run(ctx);
      console.log(JSON.stringify(result));
    } finally {
      fs.rmSync(scratchDir, { recursive: true, force: true });
    }
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
