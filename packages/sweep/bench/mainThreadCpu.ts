import { readFileSync } from 'node:fs';

/** Clock ticks per second of /proc's utime and stime (USER_HZ, 100 on Linux). */
const TICKS_PER_S = 100;

/**
 * CPU seconds of the main thread alone: utime + stime of /proc/self/task/<pid>/stat (the main thread's
 * task id is the process id). null where /proc is missing. Resolution 10 ms.
 */
export function mainThreadCpuSeconds(): number | null {
  try {
    const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_S; // fields 14 and 15
  } catch {
    return null;
  }
}

/** CPU seconds of the whole process: every thread (main, workers, libuv's I/O threads, GC helpers). */
export function processCpuSeconds(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
}
