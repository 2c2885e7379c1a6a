import { spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigMismatchError, SweepAbortedError, parseDepths, runSweep, type SweepOptions } from '@resnet/sweep';
import { cleanTemp, fixtures, folderDifference, savedCells, tempDir } from './helpers.js';

// 2 archs x 36 depths x 30 seeds = 2,160 cells in 90 blocks, about a second on two threads.
const grid = {
  depths: parseDepths('5..40'),
  seeds: { start: 0, count: 30 },
  threads: 2,
  formats: ['parquet' as const, 'jsonl' as const],
  bufferBytes: 512 * 1024,
};
/** The most computed cells a kill may lose: the output window (512 KiB, ~100 cells) plus the blocks running and committing. */
const IN_FLIGHT = 400;

let reference: string;
beforeAll(async () => {
  reference = (await runSweep({ ...grid, out: tempDir('ref') })).out;
});
afterAll(cleanTemp);

/** Runs the sweep in a child process; SIGKILLs it `delayMs` after progress first reaches `at` cells, or lets it kill itself after publishing step `step`. */
function runAndKill(
  options: SweepOptions,
  at: number,
  delayMs: number,
  step?: string,
): Promise<{ seen: number; signal: NodeJS.Signals | null }> {
  return new Promise((resolve, reject) => {
    // A V8 flag on the parent must not break the workers (they inherit it).
    const args = [
      '--max-old-space-size=1024',
      join(fixtures, 'sweep-child.mjs'),
      JSON.stringify(options),
      ...(step ? [step] : []),
    ];
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let seen = 0;
    let armed = false;
    let buffered = '';
    child.stdout.on('data', (data: Buffer) => {
      buffered += data.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop()!;
      for (const line of lines) {
        const m = /^progress (\d+)/.exec(line);
        if (m) seen = Math.max(seen, Number(m[1]));
        if (!armed && seen >= at) {
          armed = true;
          setTimeout(() => child.kill('SIGKILL'), delayMs);
        }
      }
    });
    child.on('error', reject);
    child.on('exit', (_code, signal) => resolve({ seen, signal }));
  });
}

/** Aborts an in-process sweep once `at` cells are done; returns the cells it saved. */
async function interrupted(out: string, at: number): Promise<number> {
  const controller = new AbortController();
  const run = runSweep(
    { ...grid, out },
    { signal: controller.signal, progressIntervalMs: 5, onProgress: (p) => p.done >= at && controller.abort() },
  );
  const error = (await run.catch((e: unknown) => e)) as SweepAbortedError;
  expect(error).toBeInstanceOf(SweepAbortedError);
  return error.saved;
}

describe('resume', () => {
  it('after kill -9 at random points loses at most the cells in flight and ends byte-identical to an uninterrupted run', async () => {
    const out = tempDir('killed');
    const options = { ...grid, out };
    const total = 2160;
    // Kill early, late, and after the last cell (while the final files are being written).
    const points = [
      [1 + Math.floor(Math.random() * 0.4 * total), 0],
      [Math.floor((0.5 + Math.random() * 0.45) * total), Math.floor(Math.random() * 20)],
      [total, Math.floor(Math.random() * 100)],
    ] as const;
    let before = 0;
    for (const [at, delay] of points) {
      const { seen, signal } = await runAndKill(options, at, delay);
      const saved = savedCells(out);
      // manifest.json is written last of the results (atomically): with it the folder is complete, even when the kill
      // landed while .resume/ was being deleted after it (the rerun verifies the files and removes the leftover).
      const finished = existsSync(join(out, 'manifest.json'));
      const where = `kill at ${at} cells + ${delay} ms (saw ${seen}, signal ${signal}, saved ${saved})`;
      if (!finished) {
        expect(signal, where).toBe('SIGKILL');
        expect(saved, where).toBeGreaterThanOrEqual(Math.max(before, seen - IN_FLIGHT));
      }
      before = finished ? total : saved;
    }
    const resumed = await runSweep(options);
    expect(resumed.resumed).toBe(before);
    expect(resumed.computed).toBe(total - before);
    expect(folderDifference(reference, out)).toBeNull();
    expect(existsSync(join(out, '.resume'))).toBe(false);
  });

  it.each(['summary', 'publish:cells.parquet', 'publish:cells.jsonl', 'publish:cellstats.f64', 'manifest'])(
    'after kill -9 right after publishing step %s, the same command finishes the folder byte for byte',
    async (step) => {
      const out = tempDir('kill-step');
      const { signal } = await runAndKill({ ...grid, out }, Infinity, 0, step);
      expect(signal).toBe('SIGKILL');
      expect(existsSync(join(out, '.resume'))).toBe(true);
      const rerun = await runSweep({ ...grid, out });
      expect(rerun.computed).toBe(0);
      expect(folderDifference(reference, out)).toBeNull();
      expect(existsSync(join(out, '.resume'))).toBe(false);
      expect(existsSync(join(out, '.lock'))).toBe(false);
      expect(readdirSync(out).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    },
  );

  it.each([
    ['a cells part file truncated to 0 bytes', (d: string) => truncateSync(join(d, 'cells.jsonl.part'), 0)],
    [
      'the summary values part file truncated to 0 bytes',
      (d: string) => truncateSync(join(d, 'cellstats.f64.part'), 0),
    ],
    ['a byte changed in the middle of the Parquet part', (d: string) => flipByte(join(d, 'cells.parquet.part'), 0.5)],
    ['a byte changed in the summary values', (d: string) => flipByte(join(d, 'cellstats.f64.part'), 0.3)],
    ['a journal line edited', (d: string) => flipByte(join(d, 'journal.jsonl'), 0.4)],
    [
      'the journal cut mid-line',
      (d: string) =>
        truncateSync(join(d, 'journal.jsonl'), Math.floor(readFileSync(join(d, 'journal.jsonl')).length * 0.6)),
    ],
  ])(
    'with %s in the resume state, recomputes what is damaged and ends byte-identical to a clean run',
    async (_what, damage) => {
      const out = tempDir('damaged');
      const saved = await interrupted(out, 1200);
      expect(saved).toBeGreaterThan(0);
      damage(join(out, '.resume'));
      const rerun = await runSweep({ ...grid, out });
      expect(rerun.resumed).toBeLessThan(saved);
      expect(rerun.resumed + rerun.computed).toBe(2160);
      expect(folderDifference(reference, out)).toBeNull();
    },
  );

  it('on abort stops the workers, keeps committed blocks, rejects with SweepAbortedError, and a rerun resumes', async () => {
    const out = tempDir('aborted');
    const saved = await interrupted(out, 700);
    expect(saved).toBe(savedCells(out));
    expect(saved).toBeGreaterThanOrEqual(700 - IN_FLIGHT);
    expect(saved).toBeLessThan(2160);
    expect(existsSync(join(out, 'manifest.json'))).toBe(false);

    // A different grid on the unfinished folder is refused, naming both sides, and touches nothing.
    const other = runSweep({ ...grid, depths: parseDepths('5..20'), seeds: { start: 0, count: 40 }, out });
    await expect(other).rejects.toThrowError(ConfigMismatchError);
    await expect(other).rejects.toThrowError(
      /--depths: folder has 5\.\.40, requested 5\.\.20\n {2}--seeds: folder has 0\.\.29, requested 0\.\.39/,
    );
    await expect(runSweep({ ...grid, formats: ['jsonl'], out })).rejects.toThrowError(
      /--format: folder has parquet,jsonl, requested jsonl/,
    );
    expect(savedCells(out)).toBe(saved);

    const resumed = await runSweep({ ...grid, out, threads: 1 });
    expect(resumed).toMatchObject({ resumed: saved, computed: 2160 - saved });
    expect(folderDifference(reference, out)).toBeNull();
  });

  it('on abort after the last cell (while writing the final files) leaves a folder that a rerun completes', async () => {
    const out = tempDir('late-abort');
    const controller = new AbortController();
    const run = runSweep(
      { ...grid, out },
      { signal: controller.signal, onProgress: (p) => p.done === p.total && controller.abort() },
    );
    await expect(run).rejects.toThrowError(/Sweep stopped: \d+ of 2160 cells are saved/);
    expect(existsSync(join(out, 'manifest.json'))).toBe(false);
    expect(readdirSync(out).filter((f) => !f.startsWith('.'))).toEqual([]);
    const resumed = await runSweep({ ...grid, out });
    expect(resumed.resumed + resumed.computed).toBe(2160);
    expect(folderDifference(reference, out)).toBeNull();
  });

  it('refuses to run another configuration on a finished folder', async () => {
    const run = runSweep({ ...grid, shard: { index: 1, count: 2 }, archs: ['residual'], out: reference });
    await expect(run).rejects.toThrowError(
      /holds a sweep with a different configuration[\s\S]*--archs: folder has plain,residual, requested residual[\s\S]*--shard: folder has none \(whole grid\), requested 1\/2[\s\S]*new --out folder/,
    );
  });
});

function flipByte(path: string, at: number): void {
  const bytes = readFileSync(path);
  const i = Math.floor(bytes.length * at);
  bytes[i] = bytes[i]! ^ 0x04;
  writeFileSync(path, bytes);
}
