import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot, resnetBin } from './run.js';

// What a command loads, as a preload logs it (tests/fixtures/log-module-loads.cjs): a command reads only what it
// needs, so `resnet sweep` starts fast. Both launchers: the bundle (bin/resnet.js) and the module tree (dist/main.js).
const logger = resolve(repoRoot, 'tests/fixtures/log-module-loads.cjs');
const tree = resolve(repoRoot, 'apps/cli/dist/main.js');
const dir = mkdtempSync(join(tmpdir(), 'resnet-loading-'));
let n = 0;

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The modules `resnet args...` loaded (URLs and CommonJS ids), after it exited 0. */
function loaded(entry: string, args: string[]): string[] {
  const out = args[0] === 'sweep' ? ['--out', join(dir, `o${n++}`), '--quiet'] : [];
  const r = spawnSync(process.execPath, ['--require', logger, entry, ...args, ...out], {
    cwd: repoRoot,
    encoding: 'utf8',
    env: { ...process.env, FORCE_COLOR: '0' },
  });
  expect(r.status, r.stderr).toBe(0);
  return r.stderr
    .split('\n')
    .filter((line) => line.startsWith('module-load '))
    .map((line) => line.slice('module-load '.length));
}

const ONE_CELL = ['sweep', '--depths', '5', '--seeds', '1', '--archs', 'plain'];
const report = (m: string) => /packages\/report\/|dist\/report\.mjs$/.test(m);
const mathjs = (m: string) => m.includes('mathjs');
const otherCommand = (m: string) =>
  /apps\/cli\/dist\/(train|report|merge|reproduce|theory|demo|explore)Commands?\.js$/.test(m);

describe('resnet sweep loads what it needs', () => {
  it.each([
    ['the bundle', resnetBin],
    ['the module tree', tree],
  ])('%s: a sweep without a report loads no report module, no mathjs, no other command', (_, entry) => {
    const modules = loaded(entry, [...ONE_CELL, '--no-report']);
    expect(modules.length).toBeGreaterThan(0);
    expect(modules.filter(report)).toEqual([]);
    expect(modules.filter(mathjs)).toEqual([]);
    expect(modules.filter(otherCommand)).toEqual([]);
  });

  it('the bundle: a sweep without a report reads none of core beyond what @resnet/sweep bundles (no training or theory code)', () => {
    const files = loaded(resnetBin, [...ONE_CELL, '--no-report'])
      .filter((m) => m.startsWith('file:') && m.endsWith('.mjs'))
      .map((m) => fileURLToPath(m));
    expect(files.length).toBeGreaterThan(0);
    // esbuild writes each bundled module's path above its code: no such module of core's train/ or theory/.
    const core = files.filter((f) => /^\/\/ \S*packages\/core\/dist\/(train|theory)\//m.test(readFileSync(f, 'utf8')));
    expect(core).toEqual([]);
  });

  it('loads the report modules when it writes a report, and mathjs when an axis is an expression', () => {
    const modules = loaded(resnetBin, [...ONE_CELL, '--branch-scale', '1/depth']);
    expect(modules.some(report)).toBe(true);
    expect(modules.some(mathjs)).toBe(true);
  });

  it('the module tree loads each command only when it runs', () => {
    expect(loaded(tree, [...ONE_CELL, '--no-report']).some((m) => m.endsWith('/sweepCommand.js'))).toBe(true);
    const all = loaded(tree, ['--help']);
    expect(all.filter(otherCommand).length).toBeGreaterThan(0);
    // `resnet --version` needs no command at all.
    expect(loaded(tree, ['--version']).filter((m) => /apps\/cli\/dist\/\w+Commands?\.js$/.test(m))).toEqual([]);
  });
});
