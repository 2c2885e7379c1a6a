import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigMismatchError, SweepAbortedError, parseDepths, runSweep, type SweepOptions } from '@resnet/sweep';
import { cleanTemp, fixtures, folderDifference, tempDir } from './helpers.js';

// 2 archs x 36 depths x 30 seeds = 2,160 cells, about half a second on two threads.
const grid = { depths: parseDepths('5..40'), seeds: { start: 0, count: 30 }, threads: 2, chunkSize: 72 };
const IN_FLIGHT = 2 * 2 * 72; // lanes (threads x 2) x chunk: the most cells a kill may lose

let reference: string;
beforeAll(async () => {
  reference = (await runSweep({ ...grid, out: tempDir('ref') })).out;
});
afterAll(cleanTemp);

/** Cells marked done in an unfinished folder's resume state (0 when there is none). */
function savedCells(out: string): number {
  const path = join(out, '.resume', 'done.u8');
  return existsSync(path) ? readFileSync(path).reduce((a, b) => a + b, 0) : 0;
}

/** Runs the sweep in a child process and SIGKILLs it `delayMs` after progress first reaches `at` cells. */
function runAndKill(options: SweepOptions, at: number, delayMs: number): Promise<{ seen: number; signal: NodeJS.Signals | null }> {
  return new Promise((resolve, reject) => {
    // A V8 flag on the parent must not break the workers (they inherit it).
    const child = spawn(process.execPath, ['--max-old-space-size=1024', join(fixtures, 'sweep-child.mjs'), JSON.stringify(options)], { stdio: ['ignore', 'pipe', 'inherit'] });
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
      const finished = existsSync(join(out, 'manifest.json')) && !existsSync(join(out, '.resume'));
      const where = `kill at ${at} cells + ${delay} ms (saw ${seen}, signal ${signal}, saved ${saved})`;
      if (!finished) {
        expect(signal, where).toBe('SIGKILL');
        expect(saved, where).toBeGreaterThanOrEqual(Math.max(before, seen - IN_FLIGHT));
        expect(existsSync(join(out, 'cells.jsonl')), where).toBe(false);
      }
      before = finished ? total : saved;
    }
    const resumed = await runSweep(options);
    expect(resumed.resumed).toBe(before);
    expect(resumed.computed).toBe(total - before);
    expect(folderDifference(reference, out)).toBeNull();
    expect(existsSync(join(out, '.resume'))).toBe(false);
  });

  it('on abort stops the workers, keeps finished cells, rejects with SweepAbortedError, and a rerun resumes', async () => {
    const out = tempDir('aborted');
    const controller = new AbortController();
    const run = runSweep({ ...grid, out }, {
      signal: controller.signal,
      progressIntervalMs: 5,
      onProgress: (p) => p.done >= 700 && controller.abort(),
    });
    await expect(run).rejects.toThrowError(SweepAbortedError);
    const error = (await run.catch((e: unknown) => e)) as SweepAbortedError;
    expect(error.message).toMatch(/Sweep stopped: \d+ of 2160 cells are saved in .*Rerun the same command to resume/);
    expect(error.saved).toBe(savedCells(out));
    expect(error.saved).toBeGreaterThanOrEqual(700 - IN_FLIGHT);
    expect(error.saved).toBeLessThan(2160);
    expect(existsSync(join(out, 'manifest.json'))).toBe(false);

    // A different grid on the unfinished folder is refused, naming both sides, and touches nothing.
    const other = runSweep({ ...grid, depths: parseDepths('5..20'), seeds: { start: 0, count: 40 }, out });
    await expect(other).rejects.toThrowError(ConfigMismatchError);
    await expect(other).rejects.toThrowError(/--depths: folder has 5\.\.40, requested 5\.\.20\n {2}--seeds: folder has 0\.\.29, requested 0\.\.39/);
    expect(savedCells(out)).toBe(error.saved);

    const resumed = await runSweep({ ...grid, out, threads: 1, chunkSize: 100 });
    expect(resumed).toMatchObject({ resumed: error.saved, computed: 2160 - error.saved });
    expect(folderDifference(reference, out)).toBeNull();
  });

  it('on abort after the last cell (while writing the final files) leaves a folder that a rerun completes', async () => {
    const out = tempDir('late-abort');
    const controller = new AbortController();
    const run = runSweep({ ...grid, out }, { signal: controller.signal, onProgress: (p) => p.done === p.total && controller.abort() });
    await expect(run).rejects.toThrowError(/Sweep stopped: 2160 of 2160 cells are saved/);
    expect(existsSync(join(out, 'cells.jsonl'))).toBe(false);
    expect(existsSync(join(out, 'cells.jsonl.tmp'))).toBe(false);
    const resumed = await runSweep({ ...grid, out });
    expect(resumed).toMatchObject({ resumed: 2160, computed: 0 });
    expect(folderDifference(reference, out)).toBeNull();
  });

  it('refuses to run another configuration on a finished folder', async () => {
    const run = runSweep({ ...grid, shard: { index: 1, count: 2 }, archs: ['residual'], out: reference });
    await expect(run).rejects.toThrowError(/holds a sweep with a different configuration[^]*--archs: folder has plain,residual, requested residual[^]*--shard: folder has none \(whole grid\), requested 1\/2[^]*new --out folder/);
  });
});
