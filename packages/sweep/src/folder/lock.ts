import type { ErrorKind } from '@resnet/core';
import { closeSync, linkSync, lstatSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { SweepError } from '../errors.js';
import { entryKind } from './entries.js';
import { LOCK_FILE } from './names.js';

/** A lock that holds no readable holder is treated as held (being written) until it is this old. */
export const UNREADABLE_LOCK_GRACE_MS = 10_000;

/** Another live process on this machine is writing to the folder. */
export class FolderBusyError extends SweepError {
  override name = 'FolderBusyError';
  override readonly kind: ErrorKind = 'state';
  constructor(
    readonly out: string,
    /** The holder's process id, or null while its lock file cannot be read yet. */
    readonly pid: number | null,
    /** The holder's command, e.g. `resnet train` (as its lock records it). */
    readonly holder = 'resnet',
  ) {
    super(
      pid === null
        ? `${out} is being locked by another process right now (its ${LOCK_FILE} is not readable yet). Wait a moment and rerun; if no other resnet runs, the lock is taken over after ${UNREADABLE_LOCK_GRACE_MS / 1000} s.`
        : `${out} is being written by another ${holder} (process ${pid} on this machine). Wait for it to finish or stop it (Ctrl-C keeps its work), then rerun; two runs on one folder would overwrite each other.`,
    );
  }
}

/** Who holds a lock: process id, host name, the process's start time (clock ticks after boot; '' where unknown), command. */
interface Holder {
  pid: number;
  host: string;
  start: string;
  command: string;
}

/**
 * Takes out/.lock for this process, so two runs on one machine never write the same folder at once. The lock records
 * the process id, the host, the process's start time (from /proc/<pid>/stat on Linux) and the command (`command`,
 * e.g. `resnet sweep`); it appears with its content in one step (written to a private file, then hard-linked into
 * place), so no reader ever sees it empty. A lock is honoured when that very process still runs on this machine; a
 * lock left by a process that is gone (kill -9, a crash), by a process whose id was since reused, or written on another
 * machine (a requeued cluster job) is taken over; a lock whose content cannot be read (an older version's lock caught
 * half written) counts as held until it is UNREADABLE_LOCK_GRACE_MS old. Takeovers are serialised by a second lock, so
 * two processes that both find a stale lock never both take it. Returns the release function.
 */
export function lockFolder(out: string, command = 'resnet sweep'): () => void {
  const path = join(out, LOCK_FILE);
  const me = `${process.pid} ${hostname()} ${startTime(process.pid) ?? ''} ${command.replaceAll(' ', '_')}\n`;
  const release = () => rmSync(path, { force: true });
  if (linkNew(path, me)) return release;
  // The lock exists: honour it, or take it over under the takeover lock.
  const takeover = `${path}.takeover`;
  const checkHeld = () => {
    const holder = readHolder(path);
    if (holder === 'missing') return;
    if (holder === 'unreadable') {
      if (ageMs(path) < UNREADABLE_LOCK_GRACE_MS) throw new FolderBusyError(out, null);
      return;
    }
    if (holder.host === hostname() && holder.pid !== process.pid && isSameLiveProcess(holder)) {
      throw new FolderBusyError(out, holder.pid, holder.command);
    }
  };
  checkHeld();
  if (!linkNew(takeover, me)) {
    // Another process is taking the lock over right now (or died doing so long ago: then its takeover lock is old).
    if (ageMs(takeover) < UNREADABLE_LOCK_GRACE_MS) throw new FolderBusyError(out, null);
    rmSync(takeover, { force: true });
    if (!linkNew(takeover, me)) throw new FolderBusyError(out, null);
  }
  try {
    checkHeld(); // again, now that no one else can take it over: it may have been taken since
    rmSync(path, { force: true }); // stale: its process is gone, was another one, or ran elsewhere
    if (!linkNew(path, me)) {
      // A newcomer linked its lock between the remove and the link above: name it like checkHeld does.
      const holder = readHolder(path);
      throw typeof holder === 'object'
        ? new FolderBusyError(out, holder.pid, holder.command)
        : new FolderBusyError(out, null);
    }
    return release;
  } finally {
    rmSync(takeover, { force: true });
  }
}

/** Creates `path` holding `content` atomically (private temp file, hard link); false when `path` already exists. */
function linkNew(path: string, content: string): boolean {
  const tmp = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  try {
    const fd = openSync(tmp, 'wx');
    try {
      writeSync(fd, content);
    } finally {
      closeSync(fd);
    }
    try {
      linkSync(tmp, path);
      return true;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
      if ((e as NodeJS.ErrnoException).code !== 'EPERM' && (e as NodeJS.ErrnoException).code !== 'ENOTSUP') throw e;
      // A file system without hard links: create exclusively, then move the full content over it.
      closeSync(openSync(path, 'wx'));
      renameSync(tmp, path);
      return true;
    }
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw new SweepError(
      `Could not write the lock ${path} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}); nothing was written to the folder. Free some disk or check permissions, then rerun.`,
    );
  } finally {
    rmSync(tmp, { force: true });
  }
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

function readHolder(path: string): Holder | 'missing' | 'unreadable' {
  // A FIFO would block the read forever, a link would name another file: neither is a lock resnet wrote.
  const kind = entryKind(path);
  if (kind === 'none') return 'missing';
  if (kind !== 'file') return 'unreadable';
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'missing' : 'unreadable';
  }
  const [pid, host, start, command] = text.trim().split(' ');
  if (!pid || !/^\d+$/.test(pid)) return 'unreadable';
  return {
    pid: Number(pid),
    host: host ?? '',
    start: start ?? '',
    command: (command ?? 'resnet').replaceAll('_', ' '),
  };
}

/** Milliseconds since `path` was last modified (0 when it is gone). */
function ageMs(path: string): number {
  try {
    return Date.now() - lstatSync(path).mtimeMs;
  } catch {
    return 0;
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
