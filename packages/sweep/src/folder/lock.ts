import type { ErrorKind } from '@resnet/core';
import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { SweepError } from '../errors.js';
import type { FolderWords } from './format.js';
import { LOCK_FILE } from './names.js';

/** What the lock's messages call the job: a sweep's words unless told. */
type LockWords = Pick<FolderWords, 'command' | 'items'>;
const SWEEP_WORDS: LockWords = { command: 'sweep', items: 'cells' };

/** Another live job (process `pid`) on this machine is writing to the folder `out`. */
export class FolderBusyError extends SweepError {
  override name = 'FolderBusyError';
  override readonly kind: ErrorKind = 'state';
  constructor(
    readonly out: string,
    readonly pid: number,
    words: LockWords = SWEEP_WORDS,
  ) {
    super(
      `${out} is being written by another resnet ${words.command} (process ${pid} on this machine). Wait for it to finish or stop it (Ctrl-C keeps its ${words.items}), then rerun; two jobs on one folder would overwrite each other.`,
    );
  }
}

/** Who holds a lock: process id, host name and the process's start time (clock ticks after boot; '' where unknown). */
interface Holder {
  pid: number;
  host: string;
  start: string;
}

/**
 * Takes out/.lock for this process, so two jobs on one machine never write the same folder at once.
 * The lock records the process id, the host and the process's start time (from /proc/<pid>/stat on
 * Linux): a lock is honoured only when that very process still runs on this machine. A lock left by a
 * process that is gone (kill -9, a crash), by a process whose id was since reused, or written on another
 * machine (a requeued cluster job) is taken over. Returns the release function.
 */
export function lockFolder(out: string, words: LockWords): () => void {
  const path = join(out, LOCK_FILE);
  const me = `${process.pid} ${hostname()} ${startTime(process.pid) ?? ''}\n`;
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
    if (holder && holder.host === hostname() && holder.pid !== process.pid && isSameLiveProcess(holder))
      throw new FolderBusyError(out, holder.pid, words);
    rmSync(path, { force: true }); // stale: its process is gone, was another one, or ran elsewhere
  }
  throw new SweepError(
    `Could not take the lock ${path}: another job keeps creating it. Make sure only one resnet ${words.command} writes to ${out}.`,
  );
}

/** Start time of a process (field 22 of /proc/<pid>/stat), or null where /proc cannot tell. */
export function startTime(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces and parentheses: fields after it follow the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return fields[19] ?? null;
  } catch {
    return null;
  }
}

function readHolder(path: string): Holder | null {
  try {
    const [pid, host, start] = readFileSync(path, 'utf8').trim().split(' ');
    return Number.isInteger(Number(pid)) ? { pid: Number(pid), host: host ?? '', start: start ?? '' } : null;
  } catch {
    return null;
  }
}

/** Whether the holder's process runs: alive, and (where /proc tells) started when the lock says. */
function isSameLiveProcess(holder: Holder): boolean {
  if (!isAlive(holder.pid)) return false;
  const now = startTime(holder.pid);
  if (now === null) return startTime(process.pid) === null; // no /proc on this system: trust the pid
  return now === holder.start;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
