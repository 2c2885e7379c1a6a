// Runs bench/numpyGrid.py (the notebook's per-cell loop in numpy) so a bench can quote ratios measured
// in the same run, never a figure frozen from another machine.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The script's path. */
export const NUMPY_SCRIPT = fileURLToPath(new URL('./numpyGrid.py', import.meta.url));

/** One numpy run: the loop's own timing and the whole process's. */
export interface NumpyRun {
  cells: number;
  /** Seconds of the cell loop (after python and numpy have loaded). */
  seconds: number;
  cellsPerSecond: number;
  /** Seconds of the whole `python3 numpyGrid.py` process, as a user would time it. */
  processSeconds: number;
  numpy: string;
}

/** Why no baseline could be measured (python3 or numpy missing), or null when it can. */
export function numpyUnavailable(): string | null {
  const r = spawnSync('python3', ['-c', 'import numpy; print(numpy.__version__)'], { encoding: 'utf8' });
  if (r.error) return `python3 is not installed (${r.error.message})`;
  if (r.status !== 0) return `python3 has no numpy (${r.stderr.trim().split('\n').pop()})`;
  return null;
}

/** Runs the numpy loop once over the grid (default: the README grid, depths 5..40, seeds 0..99, both archs). */
export function runNumpy(args: string[] = []): NumpyRun {
  const t0 = performance.now();
  const r = spawnSync('python3', [NUMPY_SCRIPT, ...args], { encoding: 'utf8' });
  const processSeconds = (performance.now() - t0) / 1000;
  if (r.status !== 0) throw new Error(`python3 ${NUMPY_SCRIPT} failed: ${r.stderr}`);
  return { ...(JSON.parse(r.stdout) as Omit<NumpyRun, 'processSeconds'>), processSeconds };
}

/** Median of a sample. */
export const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
