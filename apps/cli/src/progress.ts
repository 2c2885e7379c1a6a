/** Progress of a long job as the sweep reports it (its own `rate` and `etaSeconds`, if any, are not used). */
export interface Progress {
  /** Cells finished, including those already on disk at start. */
  done: number;
  total: number;
  /** Cells already on disk at start; default the first event's `done`. */
  resumed?: number;
  /** The job's own ETA, used only with the reporter's `ownEta` option. */
  etaSeconds?: number;
}

/** This run's compute: the one definition of the rate that the bar and the summary both show. */
export interface RunStats {
  /** Cells computed by this run. */
  computed: number;
  /** Seconds from the first progress event to the last cell (or to now, while running). */
  seconds: number;
  /** computed / seconds (0 before any time has passed). */
  rate: number;
}

/** Formats seconds as `0.4s`, `12s`, `3m05s` or `1h02m`. */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?';
  if (seconds < 9.95) return `${Math.max(0, seconds).toFixed(1)}s`;
  const s = Math.round(seconds);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}

/** Cells per second as shown everywhere: whole cells, thousands separated. */
export const formatRate = (rate: number) => `${Math.round(rate).toLocaleString('en-US')} cells/s`;

/** Options of a progress reporter. */
export interface ProgressOptions {
  /** Track time but draw nothing (--quiet). */
  quiet?: boolean;
  /** Minimum milliseconds between plain lines when the stream is not a TTY; default 5000 (plus one per 10%). */
  intervalMs?: number;
  /** Clock in milliseconds; default performance.now. */
  now?: () => number;
  /** What is counted, e.g. `steps`; default `cells`. */
  unit?: string;
  /** Show the job's own `etaSeconds` (e.g. weighted by work) instead of the count-rate estimate. */
  ownEta?: boolean;
}

/**
 * A progress reporter on a stream: a redrawn bar when it is a TTY, otherwise a plain line at most
 * every `intervalMs` and at each 10%, so logs of batch jobs stay short. Each shows the percentage,
 * the count, the rate of this run, the elapsed time and the ETA.
 */
export function createProgressReporter(stream: NodeJS.WriteStream, label: string, options: ProgressOptions = {}) {
  const { quiet = false, intervalMs = 5000, now = () => performance.now(), unit = 'cells', ownEta = false } = options;
  const tty = Boolean(stream.isTTY);
  let start: number | null = null;
  let end: number | null = null;
  let base = 0;
  let done = 0;
  let lastDraw = -Infinity;
  let lastDecile = -1;
  let drawn = false;
  const stats = (t: number): RunStats => {
    const seconds = start === null ? 0 : ((end ?? t) - start) / 1000;
    const computed = done - base;
    return { computed, seconds, rate: seconds > 0 ? computed / seconds : 0 };
  };
  return {
    update(p: Progress): void {
      const t = now();
      if (start === null) {
        start = t;
        base = p.resumed ?? p.done;
      }
      done = p.done;
      if (end === null && p.done >= p.total) end = t;
      if (quiet) return;
      const s = stats(t);
      const percent = p.total ? Math.floor((p.done / p.total) * 100) : 100;
      const rateEta = p.done >= p.total ? 0 : s.rate > 0 ? (p.total - p.done) / s.rate : Infinity;
      const eta = ownEta && p.etaSeconds !== undefined ? p.etaSeconds : rateEta;
      const rate = unit === 'cells' ? formatRate(s.rate) : `${Math.round(s.rate).toLocaleString('en-US')} ${unit}/s`;
      const line =
        `${label} ${String(percent).padStart(3)}% ${p.done.toLocaleString('en-US')}/${p.total.toLocaleString('en-US')} ${unit}  ` +
        `${rate}  elapsed ${formatDuration(s.seconds)}  ETA ${formatDuration(eta)}`;
      if (tty) {
        if (t - lastDraw < 80 && p.done < p.total) return;
        const width = 24;
        const filled = p.total ? Math.round((p.done / p.total) * width) : width;
        stream.write(`\r\x1b[2K[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${line}`);
        drawn = true;
      } else {
        const decile = p.total ? Math.floor((p.done / p.total) * 10) : 10;
        if (t - lastDraw < intervalMs && decile === lastDecile) return;
        lastDecile = decile;
        stream.write(`${line}\n`);
      }
      lastDraw = t;
    },
    /** This run's counts and rate (the summary prints these, so it agrees with the bar). */
    stats: (): RunStats => stats(now()),
    /** Ends the bar's line (TTY) so the next output starts clean. */
    finish(): void {
      if (tty && drawn) stream.write('\n');
      drawn = false;
    },
  };
}
