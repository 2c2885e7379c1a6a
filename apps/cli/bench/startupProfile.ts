// Where a short `resnet` process spends its CPU: a V8 CPU profile (node --cpu-prof) summed by what each sample ran.
// The CLI runs bundled (dist/resnet.mjs and its chunks, scripts/bundle.mjs): esbuild keeps a `// <path>` comment
// above each bundled module, so a sample's line in a bundle file names the module, hence the package, it came from.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

/** Milliseconds of CPU samples per category, and the process's profiled span. */
export interface StartupBreakdown {
  totalMs: number;
  byCategory: Map<string, number>;
}

/** The bundled modules of a bundle file: the line each starts at and the package it belongs to, sorted by line. */
function moduleStarts(file: string): { line: number; pkg: string }[] {
  const out: { line: number; pkg: string }[] = [];
  readFileSync(file, 'utf8')
    .split('\n')
    .forEach((text, line) => {
      const m = /^\/\/ (\S+\.(?:m?js|cjs|json))$/.exec(text);
      if (m) out.push({ line, pkg: packageOf(m[1]!) });
    });
  return out;
}

/** A bundled module's path as esbuild writes it (`../../node_modules/yargs/build/...`, `src/...`) to a package name. */
function packageOf(path: string): string {
  const nm = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path);
  if (nm) return nm[1]!;
  const ws = /packages\/([^/]+)\//.exec(path);
  if (ws) return `@resnet/${ws[1]}`;
  return '@resnet/cli';
}

const FSYNC = new Set(['fsync', 'fdatasync']);
const FS_CALLS = new Set(
  'open openFileHandle close stat lstat fstat mkdir rmdir read writeBuffer writeString readFileUtf8 existsSync rename unlink readdir realpath access copyFile ftruncate'.split(
    ' ',
  ),
);
const COMPILE = new Set(['compileFunction', 'Module', 'evaluate', 'Instance', 'link', 'instantiate', 'compile']);

/** The category of one profile node: a package of the bundle, node's own JavaScript, or V8's pseudo-frames. */
function categorize(frame: ProfileNode['callFrame'], bundles: Map<string, { line: number; pkg: string }[]>): string {
  const { url, functionName, lineNumber } = frame;
  if (!url) {
    if (functionName === '(garbage collector)') return 'V8: garbage collection';
    if (functionName === '(idle)') return '(idle: waiting for I/O or a worker)';
    if (functionName === '(program)') return 'V8: compiling and running native code (program)';
    if (FSYNC.has(functionName)) return 'file system: fsync (a published folder is durable)';
    if (FS_CALLS.has(functionName)) return 'file system: other calls (open, stat, read, write, ...)';
    if (COMPILE.has(functionName)) return 'V8: compiling modules and WebAssembly';
    return 'V8/native: other';
  }
  if (url.startsWith('node:')) return 'node internals (module loading, fs, bootstrap)';
  if (url.startsWith('wasm://')) return 'WebAssembly (cell kernel)';
  const path = url.startsWith('file://') ? fileURLToPath(url) : url;
  const starts = bundles.get(path);
  if (starts) {
    let pkg = '@resnet/cli';
    for (const s of starts) {
      if (s.line > lineNumber) break;
      pkg = s.pkg;
    }
    return pkg;
  }
  const nm = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path);
  if (nm) return nm[1]!;
  return path.includes('/packages/') ? packageOf(path) : path;
}

/** Runs `node --cpu-prof <args>` once and sums its samples by category (the bundle files are read from `dist`). */
export function profileStartup(args: readonly string[], cwd: string, dist: string): StartupBreakdown {
  const dir = mkdtempSync(join(tmpdir(), 'resnet-prof-'));
  try {
    const r = spawnSync(
      process.execPath,
      ['--cpu-prof', '--cpu-prof-dir', dir, '--cpu-prof-interval', '100', ...args],
      { cwd, stdio: ['ignore', 'ignore', 'pipe'] },
    );
    if (r.status !== 0) throw new Error(`${args.join(' ')} failed: ${r.stderr}`);
    const bundles = new Map<string, { line: number; pkg: string }[]>();
    for (const f of readdirSync(dist)) if (f.endsWith('.mjs')) bundles.set(join(dist, f), moduleStarts(join(dist, f)));
    const byCategory = new Map<string, number>();
    let totalMs = 0;
    // One profile per thread that ran JavaScript (the main thread; a worker's when the sweep started one).
    for (const f of readdirSync(dir)) {
      const p = JSON.parse(readFileSync(join(dir, f), 'utf8')) as CpuProfile;
      const category = new Map(p.nodes.map((n) => [n.id, categorize(n.callFrame, bundles)]));
      p.samples.forEach((id, i) => {
        const ms = (p.timeDeltas[i] ?? 0) / 1000;
        const c = category.get(id)!;
        byCategory.set(c, (byCategory.get(c) ?? 0) + ms);
      });
      totalMs = Math.max(totalMs, (p.endTime - p.startTime) / 1000);
    }
    return { totalMs, byCategory };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The breakdown as lines, largest first, CPU categories apart from idle. */
export function formatBreakdown(b: StartupBreakdown): string[] {
  const rows = [...b.byCategory.entries()].sort((x, y) => y[1] - x[1]);
  const busy = rows.filter(([c]) => !c.startsWith('(idle')).reduce((a, [, ms]) => a + ms, 0);
  return [
    `  profiled span ${b.totalMs.toFixed(0)} ms (from V8's start, after node's own bootstrap); ${busy.toFixed(0)} ms of it on CPU:`,
    ...rows.map(([c, ms]) => `    ${ms.toFixed(1).padStart(7)} ms  ${c}`),
  ];
}
