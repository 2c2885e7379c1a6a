import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { SweepError } from './errors.js';

/** Lock file in a sweep folder while a sweep writes to it. */
export const LOCK_FILE = '.lock';

/** Another live sweep on this machine is writing to the folder. */
export class FolderBusyError extends SweepError {
  override name = 'FolderBusyError';
  constructor(readonly out: string, readonly pid: number) {
    super(
      `${out} is being written by another resnet sweep (process ${pid} on this machine). Wait for it to finish or stop it (Ctrl-C keeps its cells), then rerun; two sweeps on one folder would overwrite each other.`,
    );
  }
}

/**
 * Takes out/.lock for this process, so two sweeps on one machine never write the same folder at once.
 * A lock left by a process that no longer runs (kill -9, a crash) or by another machine (a requeued
 * cluster job) is taken over: only a live process on this machine holds the folder.
 * Returns the release function.
 */
export function lockFolder(out: string): () => void {
  const path = join(out, LOCK_FILE);
  const me = `${process.pid} ${hostname()}\n`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, me);
      closeSync(fd);
      return () => rmSync(path, { force: true });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    const holder = readHolder(path);
    if (holder && holder.host === hostname() && holder.pid !== process.pid && isAlive(holder.pid)) throw new FolderBusyError(out, holder.pid);
    rmSync(path, { force: true }); // stale: its process is gone or ran elsewhere
  }
  throw new SweepError(`Could not take the lock ${path}: another sweep keeps creating it. Make sure only one sweep writes to ${out}.`);
}

function readHolder(path: string): { pid: number; host: string } | null {
  try {
    const [pid, host] = readFileSync(path, 'utf8').trim().split(' ');
    return Number.isInteger(Number(pid)) ? { pid: Number(pid), host: host ?? '' } : null;
  } catch {
    return null;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
