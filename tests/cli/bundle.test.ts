import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from './run.js';

const dist = resolve(repoRoot, 'apps/cli/dist');
const run = (entry: string, args: string[]) => {
  const r = spawnSync(process.execPath, [resolve(dist, entry), ...args], {
    cwd: repoRoot,
    encoding: 'utf8',
    env: { ...process.env, FORCE_COLOR: '0' },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};

describe('the bundled CLI (dist/resnet.mjs, what bin/resnet.js starts) behaves as the module tree (dist/main.js)', () => {
  it('is built by npm run build, after the module tree', () => {
    expect(existsSync(resolve(dist, 'resnet.mjs'))).toBe(true);
    const bundled = statSync(resolve(dist, 'resnet.mjs')).mtimeMs;
    const newer = readdirSync(dist).filter(
      (f) => f.endsWith('.js') && statSync(resolve(dist, f)).mtimeMs > bundled + 2000,
    );
    expect(newer, 'dist/resnet.mjs is older than files tsc wrote: run `npm run build` in apps/cli').toEqual([]);
  });

  it.each([
    [['--help']],
    [['sweep', '--help']],
    [['merge', '--help']],
    [['sweep', '--bogus']],
    [['swep']],
    [['sweep', '--depths', '--json']],
    [['identity', '--no-figures', '--json']],
  ])('resnet %j', (args) => {
    const bundled = run('resnet.mjs', args);
    const tree = run('main.js', args);
    expect(bundled).toEqual(tree);
    expect(bundled.stdout + bundled.stderr).not.toBe('');
  });
});
