import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FolderBusyError, LOCK_FILE, parseDepths, runSweep } from '@resnet/sweep';
import { cleanTemp, fixtures, tempDir } from './helpers.js';

afterAll(cleanTemp);

const grid = { depths: parseDepths('5..40'), seeds: { start: 0, count: 400 }, threads: 1, formats: ['jsonl' as const] };

describe('one sweep at a time per folder', () => {
  it('refuses a second sweep while a live one writes the folder, then takes over its lock once it is killed', async () => {
    const out = tempDir('lock');
    const options = { ...grid, out };
    const child = spawn(process.execPath, [join(fixtures, 'sweep-child.mjs'), JSON.stringify(options)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
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
    expect(await second.catch((e: unknown) => e)).toHaveProperty('kind', 'state');
    await expect(second).rejects.toThrow(
      new RegExp(`being written by another resnet sweep \\(process ${child.pid} on this machine\\)`),
    );
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

  it('takes over a lock naming an unrelated live process (a reused process id: its start time differs, or is not recorded)', async () => {
    const sleeper = spawn('sleep', ['30'], { stdio: 'ignore' });
    try {
      const stat = readFileSync(`/proc/${sleeper.pid}/stat`, 'utf8');
      const start = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
      for (const lock of [`${sleeper.pid} ${hostname()} ${Number(start) + 1}\n`, `${sleeper.pid} ${hostname()}\n`]) {
        const out = tempDir('lock-reused');
        writeFileSync(join(out, LOCK_FILE), lock);
        const r = await runSweep({ depths: [5, 6], seeds: { start: 0, count: 3 }, threads: 1, out });
        expect(r.cellCount, lock).toBe(12);
        expect(existsSync(join(out, LOCK_FILE))).toBe(false);
      }
      // The same process with its true start time still holds the folder.
      const out = tempDir('lock-live');
      writeFileSync(join(out, LOCK_FILE), `${sleeper.pid} ${hostname()} ${start}\n`);
      await expect(runSweep({ depths: [5, 6], seeds: { start: 0, count: 3 }, threads: 1, out })).rejects.toThrowError(
        FolderBusyError,
      );
    } finally {
      sleeper.kill('SIGKILL');
    }
  });
});
