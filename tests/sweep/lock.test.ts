import { spawn } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FolderBusyError, LOCK_FILE, parseDepths, runSweep } from '@resnet/sweep';
import { cleanTemp, fixtures, tempDir } from './helpers.js';

afterAll(cleanTemp);

const grid = { depths: parseDepths('5..40'), seeds: { start: 0, count: 400 }, threads: 1, chunkSize: 72 };

describe('one sweep at a time per folder', () => {
  it('refuses a second sweep while a live one writes the folder, then takes over its lock once it is killed', async () => {
    const out = tempDir('lock');
    const options = { ...grid, out };
    const child = spawn(process.execPath, [join(fixtures, 'sweep-child.mjs'), JSON.stringify(options)], { stdio: ['ignore', 'pipe', 'inherit'] });
    const exited = new Promise((res) => child.on('exit', res));
    // Wait until the child has saved a few chunks (it holds the lock by then).
    await new Promise<void>((res) => {
      child.stdout.on('data', (d: Buffer) => {
        const done = Math.max(0, ...[...String(d).matchAll(/^progress (\d+)/gm)].map((m) => Number(m[1])));
        if (done >= 1000) res();
      });
    });
    const second = runSweep({ ...options, threads: 1 });
    await expect(second).rejects.toBeInstanceOf(FolderBusyError);
    await expect(second).rejects.toThrow(new RegExp(`being written by another resnet sweep \\(process ${child.pid} on this machine\\)`));
    child.kill('SIGKILL');
    await exited;
    expect(existsSync(join(out, LOCK_FILE))).toBe(true); // left behind by the killed sweep
    const resumed = await runSweep({ ...options, seeds: { start: 0, count: 400 }, threads: 2 });
    expect(resumed.resumed).toBeGreaterThan(0);
    expect(existsSync(join(out, LOCK_FILE))).toBe(false);
  }, 120_000);

  it('takes over a lock written on another machine (a requeued cluster job)', async () => {
    const out = tempDir('lock-host');
    writeFileSync(join(out, LOCK_FILE), `${process.pid} some-other-host\n`);
    const r = await runSweep({ depths: [5, 6], seeds: { start: 0, count: 3 }, threads: 1, out });
    expect(r.cellCount).toBe(12);
    expect(existsSync(join(out, LOCK_FILE))).toBe(false);
  });
});
