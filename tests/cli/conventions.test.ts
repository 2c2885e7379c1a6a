import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resnet, resnetWithEnv } from './run.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'resnet-cli-'));

/** Every key of every object in a JSON value, at any depth. */
function keysOf(value: unknown, into: string[] = []): string[] {
  if (Array.isArray(value)) for (const v of value) keysOf(v, into);
  else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      into.push(k);
      keysOf(v, into);
    }
  }
  return into;
}
const camelCase = /^[a-z][a-zA-Z0-9]*$/;

describe('resnet --help', () => {
  it.each([
    ['sweep', ['width', 'threads', 'shards']],
    ['report', ['ppi', 'depth']],
    ['patterns', ['seed', 'samples', 'size', 'noise']],
    ['identity', ['seed', 'size', 'scale']],
  ])('%s types its numeric flags as numbers', async (cmd, numeric) => {
    const r = await resnet(cmd, '--help');
    expect(r.code).toBe(0);
    for (const flag of numeric) {
      const entry = r.stdout.slice(r.stdout.indexOf(`--${flag} `)).split(/\n\s+--|\n\s+-h/)[0]!;
      expect(entry, flag).toMatch(/\[number\]/);
    }
  });

  it('merge shows its folders as a required positional without a default', async () => {
    const r = await resnet('merge', '--help');
    expect(r.stdout).toMatch(/^ {2}dirs .*\[array\] \[required\]$/m);
    expect(r.stdout).not.toMatch(/default: \[\]/);
  });

  it.each(['', 'sweep', 'report', 'merge', 'reproduce', 'patterns', 'identity', 'explore'])(
    'resnet %s --help fits 80 columns, examples included',
    async (cmd) => {
      const r = await resnet(...(cmd ? [cmd] : []), '--help');
      expect(r.code).toBe(0);
      for (const line of r.stdout.split('\n')) expect(line.length, line).toBeLessThanOrEqual(80);
      if (cmd) expect(r.stdout).toMatch(/Examples:\n {2}resnet /);
    },
  );

  it('says how RESNET_* variables and flags take precedence', async () => {
    const r = await resnet('--help');
    expect(r.stdout).toMatch(/RESNET_THREADS=4/);
    expect(r.stdout).toMatch(/command line wins over a\s+variable, a\s+variable over the\s+default/);
  });
});

describe('resnet completion', () => {
  it('prints a shell completion script', async () => {
    const r = await resnet('completion');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/resnet completion >> ~\/\.bashrc/);
    expect(r.stdout).toMatch(/--get-yargs-completions/);
  });

  it('completes commands and flags', async () => {
    expect((await resnet('--get-yargs-completions', 'sw')).stdout.split('\n')).toContain('sweep');
    expect((await resnet('--get-yargs-completions', 'sweep', '--')).stdout.split('\n')).toEqual(
      expect.arrayContaining(['--depths', '--seeds', '--format', '--quiet']),
    );
  });
});

describe('RESNET_* environment variables set flags: command line > variable > default', () => {
  it('takes the grid and --no-report from variables', async () => {
    const out = tmp();
    const r = await resnetWithEnv(
      { RESNET_DEPTHS: '5,6', RESNET_SEEDS: '2', RESNET_REPORT: 'false', RESNET_THREADS: '1' },
      'sweep',
      '--out',
      out,
      '--json',
    );
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.cellCount).toBe(8);
    expect(json.report).toBeNull();
    expect(existsSync(join(out, 'report.html'))).toBe(false);
  });

  it('lets a flag on the command line win over its variable', async () => {
    const r = await resnetWithEnv(
      { RESNET_DEPTHS: '5,6', RESNET_SEEDS: '2' },
      'sweep',
      '--depths',
      '7',
      '--out',
      tmp(),
      '--no-report',
      '--json',
    );
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).cellCount).toBe(4);
  });

  it('names the variable when its value is refused, and ignores RESNET_* names that are no flag', async () => {
    const bad = await resnetWithEnv({ RESNET_THREADS: '0' }, 'sweep', '--out', tmp());
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(
      /^resnet: --threads: got "0"; expected an integer from 1 to 256\. \(--threads was set by RESNET_THREADS\)$/m,
    );
    const stray = await resnetWithEnv({ RESNET_NOT_A_FLAG: '1' }, 'identity', '--no-figures', '--json');
    expect(stray.code).toBe(0);
  });
});

describe('--quiet', () => {
  it('prints no progress and no table: only the path of the result (the folder without a report)', async () => {
    const out = tmp();
    const r = await resnet('sweep', '--depths', '5,6', '--seeds', '2', '--out', out, '--no-report', '--quiet');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(`${out}\n`);
  });

  it('prints the report path when there is a report, and still the errors', async () => {
    const out = tmp();
    const r = await resnet('sweep', '--depths', '5,6', '--seeds', '2', '--out', out, '--quiet');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(`${join(out, 'report.html')}\n`);
    const bad = await resnet('sweep', '--width', 'x', '--quiet');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^resnet: --width/);
  });
});

describe('--json output uses camelCase keys everywhere', () => {
  it.each([
    [['sweep', '--depths', '5,6', '--seeds', '3', '--no-report', '--json']],
    [['reproduce', '--no-figures', '--json']],
    [['patterns', '--no-figures', '--samples', '3', '--json']],
    [['identity', '--no-figures', '--json']],
    [['sweep', '--width', 'x', '--json']],
  ])('resnet %j', async (args) => {
    const withOut = args[0] === 'sweep' ? [...args, '--out', tmp()] : args;
    const r = await resnet(...withOut);
    const keys = keysOf(JSON.parse(r.stdout));
    expect(keys.length).toBeGreaterThan(0);
    expect(keys.filter((k) => !camelCase.test(k))).toEqual([]);
  });

  it('the summary rows say ratioMedian and nonFinite', async () => {
    const r = await resnet('sweep', '--depths', '5,6', '--seeds', '3', '--no-report', '--json', '--out', tmp());
    const row = JSON.parse(r.stdout).summary[0];
    expect(Object.keys(row)).toEqual(expect.arrayContaining(['ratioMedian', 'ratioP5', 'ratioP95', 'nonFinite']));
  });

  it('merge --json too', async () => {
    const [a, b, merged] = [tmp(), tmp(), tmp()];
    for (const [shard, out] of [
      ['1/2', a],
      ['2/2', b],
    ] as const)
      expect((await resnet('sweep', '--depths', '5,6', '--seeds', '2', '--shard', shard, '--out', out)).code).toBe(0);
    const r = await resnet('merge', a, b, '--out', merged, '--no-report', '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).cellCount).toBe(8);
    expect(keysOf(JSON.parse(r.stdout)).filter((k) => !camelCase.test(k))).toEqual([]);
  });
});

describe('progress', () => {
  it('the progress bar and the summary show the same rate; the bar shows percent, elapsed time and ETA', async () => {
    const r = await resnet(
      'sweep',
      '--depths',
      '5..40',
      '--seeds',
      '30',
      '--no-report',
      '--threads',
      '2',
      '--out',
      tmp(),
    );
    expect(r.code).toBe(0);
    const lines = r.stderr.trim().split('\n');
    const last = lines[lines.length - 1]!;
    expect(last).toMatch(/^sweep 100% 2,160\/2,160 cells {2}[\d,]+ cells\/s {2}elapsed [\d.]+s {2}ETA 0\.0s$/);
    for (const line of lines)
      expect(line).toMatch(/^sweep +\d+% [\d,]+\/2,160 cells {2}[\d,]+ cells\/s {2}elapsed \S+ {2}ETA \S+$/);
    const barRate = last.match(/ ([\d,]+) cells\/s/)![1];
    const summary = r.stdout.match(
      /^2,160 cells in [\d.]+ s: 2,160 computed in [\d.]+ s at ([\d,]+) cells\/s; written to /m,
    );
    expect(summary).not.toBeNull();
    expect(summary![1]).toBe(barRate);
  });
});
