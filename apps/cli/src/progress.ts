/** Progress of a long job as the sweep reports it. */
export interface Progress {
  done: number;
  total: number;
  /** Cells per second. */
  rate: number;
  etaSeconds: number;
}

/** Formats seconds as `12s`, `3m05s` or `1h02m`. */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?';
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}

/**
 * A progress reporter on a stream: a redrawn bar when it is a TTY, otherwise a plain line at most
 * every `intervalMs` (and at each 10%), so logs of batch jobs stay short.
 */
export function createProgressReporter(stream: NodeJS.WriteStream, label: string, intervalMs = 5000) {
  const tty = Boolean(stream.isTTY);
  let last = 0;
  let lastDecile = -1;
  let drawn = false;
  return {
    update(p: Progress): void {
      const now = Date.now();
      const line = `${label} ${p.done.toLocaleString('en-US')}/${p.total.toLocaleString('en-US')} cells  ${Math.round(p.rate).toLocaleString('en-US')} cells/s  ETA ${formatDuration(p.etaSeconds)}`;
      if (tty) {
        if (now - last < 80 && p.done < p.total) return;
        const width = 24;
        const filled = p.total ? Math.round((p.done / p.total) * width) : width;
        stream.write(`\r\x1b[2K[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${line}`);
        drawn = true;
      } else {
        const decile = p.total ? Math.floor((p.done / p.total) * 10) : 10;
        if (now - last < intervalMs && decile === lastDecile) return;
        lastDecile = decile;
        stream.write(`${line}\n`);
      }
      last = now;
    },
    /** Ends the bar's line (TTY) so the next output starts clean. */
    finish(): void {
      if (tty && drawn) stream.write('\n');
      drawn = false;
    },
  };
}
