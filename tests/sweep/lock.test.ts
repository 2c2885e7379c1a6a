import { spawn } from 'node:child_process';
import { existsSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FolderBusyError, LOCK_FILE, parseDepths, runSweep } from '@resnet/sweep';
import { lockFolder } from '@resnet/sweep/folder';
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

  it('an empty or unreadable lock (caught half written) counts as held until it is old, then is taken over', () => {
    const out = tempDir('lock-empty');
    const path = join(out, LOCK_FILE);
    for (const content of ['', 'garbage']) {
      writeFileSync(path, content);
      expect(() => lockFolder(out)).toThrowError(/being locked by another process right now/);
      expect(existsSync(path)).toBe(true);
      const old = (Date.now() - 60_000) / 1000;
      utimesSync(path, old, old);
      const release = lockFolder(out);
      expect(readFileSync(path, 'utf8')).toMatch(new RegExp(`^${process.pid} `));
      release();
      expect(existsSync(path)).toBe(false);
    }
  });

  it("names the holder's own command: a folder held by resnet train says so", () => {
    const out = tempDir('lock-command');
    const sleeper = spawn('sleep', ['30'], { stdio: 'ignore' });
    try {
      const stat = readFileSync(`/proc/${sleeper.pid}/stat`, 'utf8');
      const start = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
      writeFileSync(join(out, LOCK_FILE), `${sleeper.pid} ${hostname()} ${start} resnet_train\n`);
      expect(() => lockFolder(out)).toThrowError(
        new RegExp(`being written by another resnet train \\(process ${sleeper.pid} on this machine\\)`),
      );
    } finally {
      sleeper.kill('SIGKILL');
    }
  });

  /** Starts `n` processes that try to lock `out` at the same moment; resolves with what each printed. */
  async function race(out: string, n: number): Promise<string[]> {
    const children = Array.from({ length: n }, () =>
      spawn(process.execPath, [join(fixtures, 'lock-child.mjs'), out], { stdio: ['ignore', 'pipe', 'inherit'] }),
    );
    const lines = children.map((child) => {
      let text = '';
      child.stdout.on('data', (d: Buffer) => {
        text += String(d);
      });
      const outcome = () => text.split('\n').find((l) => l === 'held' || l.startsWith('busy')) ?? null;
      const exited = new Promise((res) => child.on('exit', res));
      return { exited, ready: () => text.startsWith('ready'), outcome };
    });
    while (!lines.every((l) => l.ready())) await new Promise((res) => setTimeout(res, 10));
    writeFileSync(join(out, 'go'), '');
    while (!lines.every((l) => l.outcome() !== null)) await new Promise((res) => setTimeout(res, 10));
    const outcomes = lines.map((l) => l.outcome()!);
    writeFileSync(join(out, 'release'), '');
    await Promise.all(lines.map((l) => l.exited));
    return outcomes;
  }

  it('of 16 processes starting at once, exactly one holds the lock: on a free folder and on a stale lock', async () => {
    for (const stale of [false, true, false, true]) {
      const out = tempDir('lock-race');
      // A stale lock: a process id that is not running (the largest pid_max is 2^22).
      if (stale) writeFileSync(join(out, LOCK_FILE), `${2 ** 22 + 1} ${hostname()} 1 resnet_sweep\n`);
      const outcomes = await race(out, 16);
      expect(
        outcomes.filter((o) => o === 'held'),
        outcomes.join('\n'),
      ).toHaveLength(1);
      for (const o of outcomes.filter((o) => o !== 'held'))
        expect(o).toMatch(/^busy .*(another resnet test|locked by another process)/);
      expect(existsSync(join(out, LOCK_FILE))).toBe(false);
    }
  }, 120_000);
});
