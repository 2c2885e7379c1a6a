import { existsSync, mkdirSync, readFileSync, readdirSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FolderFormatError, GridError, GridTooLargeError, runSweep, type SweepOptions } from '@resnet/sweep';
import { cleanTemp, folderDifference, tempDir } from './helpers.js';

const grid = {
  depths: [5, 6, 7],
  seeds: { start: 0, count: 8 },
  threads: 2,
  formats: ['parquet' as const, 'jsonl' as const],
}; // 48 cells
const sweep = (out: string, extra: Partial<SweepOptions> = {}) => runSweep({ ...grid, out, ...extra });

let reference: string;
beforeAll(async () => {
  reference = (await sweep(tempDir('ref'))).out;
});
afterAll(cleanTemp);

/** Copies a finished reference folder's files into a fresh folder. */
function copyOfReference(): string {
  const out = tempDir('copy');
  for (const name of readdirSync(reference)) writeFileSync(join(out, name), readFileSync(join(reference, name)));
  return out;
}

describe('a finished folder', () => {
  it("lists each file's size and crc32 in its manifest (the main thread combines the units' crc32s)", () => {
    const manifest = JSON.parse(readFileSync(join(reference, 'manifest.json'), 'utf8')) as {
      files: Record<string, { bytes: number; crc32: string }>;
    };
    expect(Object.keys(manifest.files).sort()).toEqual([
      'cells.jsonl',
      'cells.parquet',
      'cellstats.f64',
      'summary.csv',
    ]);
    for (const [name, file] of Object.entries(manifest.files)) {
      const bytes = readFileSync(join(reference, name));
      expect({ name, bytes: bytes.length, crc32: crc32(bytes).toString(16).padStart(8, '0') }).toEqual({
        name,
        ...file,
      });
    }
  });

  it.each([
    ['cells.jsonl truncated', (d: string) => truncateSync(join(d, 'cells.jsonl'), 1000)],
    ['a byte of cells.parquet changed (same size)', (d: string) => flipByte(join(d, 'cells.parquet'))],
    ['summary.csv edited', (d: string) => flipByte(join(d, 'summary.csv'))],
    ['cellstats.f64 deleted', (d: string) => writeFileSync(join(d, 'cellstats.f64'), '')],
  ])(
    'with %s is not reported complete: the rerun says what was wrong and recomputes it byte for byte',
    async (_what, damage) => {
      const out = copyOfReference();
      expect((await sweep(out)).computed).toBe(0); // intact: verified and left alone
      damage(out);
      const r = await sweep(out);
      expect(r.repaired.length).toBeGreaterThan(0);
      expect(r.repaired.join('; ')).toMatch(/(bytes, the manifest says|crc32 [0-9a-f]{8}, the manifest says)/);
      expect(r.computed).toBe(48);
      expect(folderDifference(reference, out)).toBeNull();
    },
  );

  it('made by format 1 is refused with a message saying to use a new folder', async () => {
    const out = tempDir('v1');
    writeFileSync(join(out, 'manifest.json'), JSON.stringify({ format: 'resnet-sweep/1', grid: {} }));
    writeFileSync(join(out, 'cells.jsonl'), '{}\n');
    const run = sweep(out);
    await expect(run).rejects.toThrowError(FolderFormatError);
    await expect(run).rejects.toThrowError(
      /made by an older version \(format resnet-sweep\/1; this version writes resnet-sweep\/2\)\. Rerun the sweep into a new folder/,
    );
    expect(await run.catch((e: unknown) => e)).toHaveProperty('kind', 'state');
    // An unfinished format-1 folder too.
    const resume = tempDir('v1-resume');
    mkdirSync(join(resume, '.resume'));
    writeFileSync(join(resume, '.resume', 'config.json'), JSON.stringify({ format: 'resnet-sweep/1' }));
    await expect(sweep(resume)).rejects.toThrowError(/made by an older version/);
  });
});

describe('--out', () => {
  it('that cannot be a folder is a usage error naming --out at once, never a hang', async () => {
    const file = join(tempDir('file'), 'a-file');
    writeFileSync(file, 'x');
    for (const out of ['/proc/forbidden', '/proc/self/x', file, join(file, 'below')]) {
      const t0 = performance.now();
      const error = (await sweep(out).catch((e: unknown) => e)) as GridError;
      expect(error, out).toBeInstanceOf(GridError);
      expect(error.kind).toBe('usage');
      expect(error.message, out).toMatch(/^--out: got ".*"; expected a folder/);
      expect(performance.now() - t0).toBeLessThan(5000);
    }
    expect(existsSync('/proc/forbidden')).toBe(false);
  });
});

describe('a refused grid', () => {
  it('too large for the disk leaves no trace: a new folder is not created, an existing one is unchanged and usable', async () => {
    // 4e9 seeds: petabytes of output; the memory limit is lifted so the disk check is what refuses it.
    const huge = { seeds: { start: 0, count: 4_000_000_000 }, memoryLimit: 1e18 };
    const fresh = join(tempDir('refused'), 'new', 'folder');
    const error = (await sweep(fresh, huge).catch((e: unknown) => e)) as GridTooLargeError;
    expect(error).toBeInstanceOf(GridTooLargeError);
    expect(error.kind).toBe('state');
    expect(error.message).toMatch(/of disk/);
    expect(existsSync(join(fresh, '..'))).toBe(false);
    const existing = tempDir('refused-existing');
    await expect(sweep(existing, huge)).rejects.toThrowError(GridTooLargeError);
    expect(readdirSync(existing)).toEqual([]);
    // Too large for memory: refused before anything is touched.
    await expect(sweep(existing, { memoryLimit: 1024 })).rejects.toThrowError(/of memory/);
    expect(readdirSync(existing)).toEqual([]);
    // Another grid on the same folder runs.
    expect((await sweep(existing)).computed).toBe(48);
    expect(folderDifference(reference, existing)).toBeNull();
  });
});

function flipByte(path: string): void {
  const bytes = readFileSync(path);
  bytes[Math.floor(bytes.length / 2)] ^= 0x01;
  writeFileSync(path, bytes);
}
