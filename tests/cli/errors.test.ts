import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resnet, resnetWithEnv } from './run.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'resnet-cli-'));

describe('resnet reports bad flags in one line naming the flag, with exit code 2', () => {
  it.each([
    [['sweep', '--depths', '40..5'], /--depths/],
    [['sweep', '--depths', 'abc'], /--depths/],
    [['sweep', '--depths', '1..5', '--archs', 'plain'], /--depths|depth/],
    [['sweep', '--seeds', '0'], /--seeds/],
    [['sweep', '--archs', 'dense'], /--archs/],
    [['sweep', '--width', 'abc'], /^resnet: --width: got "abc"; expected an integer >= 1\.$/m],
    [['sweep', '--width=2.5'], /^resnet: --width: got "2\.5"; expected an integer >= 1\.$/m],
    [['sweep', '--threads', '0'], /--threads: got "0"; expected an integer from 1 to 256\./],
    [['sweep', '--shard', '5/4'], /--shard/],
    [
      ['sweep', '--format', 'csv'],
      /^resnet: --format: got "csv"; expected a comma-separated list of parquet, jsonl\.$/m,
    ],
    [
      ['sweep', '--format', 'parquet,'],
      /^resnet: --format: got "parquet,"; expected a comma-separated list of parquet, jsonl\.$/m,
    ],
    [['sweep', '--bogus'], /^resnet: Unknown flag --bogus\. See resnet sweep --help\.$/m],
    [['identity', '--scale', 'x'], /--scale: got "x"; expected a finite number\./],
    [['patterns', '--size', '2'], /--size: got "2"; expected an integer from 4 to 256\./],
    [['report', '--ppi', '300'], /Not enough non-option arguments|dir/],
    [[], /Name a command/],
  ])('resnet %j', async (args, message) => {
    const r = await resnet(...(args as string[]));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stdout).toBe('');
  });

  it('prints the stack with --debug', async () => {
    const r = await resnet('sweep', '--width', 'abc', '--debug');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/\n\s+at /);
  });

  it('exits 2 when the folder given to report is not a sweep (kind state: the request does not fit what is on disk)', async () => {
    const r = await resnet('report', 'tests/cli');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^resnet: .*(cells\.jsonl|cells\.parquet|manifest\.json|summary\.csv)/m);
  });
});

describe('a flag given without a value is a usage error naming the flag, for every flag that takes one', () => {
  // [command words, flag]: the flag at the end of the line, and followed by another flag.
  const valueFlags: [string[], string][] = [
    ...['depths', 'seeds', 'archs', 'width', 'threads', 'out', 'shard', 'shards', 'format', 'title'].map(
      (f): [string[], string] => [['sweep'], f],
    ),
    ...['html', 'ppi', 'depth', 'title'].map((f): [string[], string] => [['report', 'somewhere'], f]),
    [['merge', 'a', 'b'], 'out'],
    [['reproduce'], 'out'],
    ...['seed', 'out', 'samples', 'size', 'noise'].map((f): [string[], string] => [['patterns'], f]),
    ...['seed', 'out', 'size', 'scale'].map((f): [string[], string] => [['identity'], f]),
  ];

  it.each(valueFlags)('resnet %j --%s', async (words, flag) => {
    const out = join(tmp(), 'never');
    const where = flag === 'out' ? [] : ['--out', out];
    for (const args of [
      [...words, ...where, `--${flag}`],
      [...words, `--${flag}`, '--quiet', ...where],
      [...words, `--${flag}=`, ...where],
    ]) {
      const r = await resnet(...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(new RegExp(`^resnet: --${flag}: got (no value|""); expected .+\\.\\n$`));
      expect(r.stdout).toBe('');
    }
    expect(existsSync(out)).toBe(false);
  });

  it('resnet sweep --depths --seeds 3 (a script with an unset $DEPTHS) refuses instead of running 5..40', async () => {
    const out = join(tmp(), 'never');
    const r = await resnet('sweep', '--out', out, '--depths', '--seeds', '3');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('resnet: --depths: got no value; expected depths such as 5..40, 5..40:5 or 5,10,20.\n');
    expect(existsSync(out)).toBe(false);
  });
});

describe('every flag is checked before any work', () => {
  it("--title '' is refused before any cell is computed, naming --title", async () => {
    const out = join(tmp(), 'never');
    const r = await resnet('sweep', '--depths', '5,6', '--seeds', '2', '--out', out, '--title', '');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^resnet: --title: got ""; expected a non-empty report title\.$/m);
    expect(existsSync(out)).toBe(false);
  });

  it('--shards 3 with no index variable set is a usage error naming --shards and the variables', async () => {
    const out = join(tmp(), 'never');
    const r = await resnet('sweep', '--depths', '5,6', '--seeds', '2', '--out', out, '--shards', '3');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /^resnet: --shards: got "3"; expected .*SLURM_ARRAY_TASK_ID.*JOB_COMPLETION_INDEX.*AWS_BATCH_JOB_ARRAY_INDEX/m,
    );
    expect(existsSync(out)).toBe(false);
    const indexed = await resnetWithEnv(
      { JOB_COMPLETION_INDEX: '0' },
      'sweep',
      '--depths',
      '5,6',
      '--seeds',
      '3',
      '--out',
      out,
      '--shards',
      '3',
      '--json',
    );
    expect(indexed.code).toBe(0);
    expect(JSON.parse(indexed.stdout).cellCount).toBe(4);
    const aws = await resnetWithEnv(
      { AWS_BATCH_JOB_ARRAY_INDEX: '2' },
      ...['sweep', '--depths', '5,6', '--seeds', '3', '--out', join(tmp(), 'aws'), '--shards', '3', '--json'],
    );
    expect(aws.code).toBe(0);
    expect(JSON.parse(aws.stdout).cellCount).toBe(4);
  });

  it.each([['sweep'], ['merge', 'a', 'b'], ['reproduce', '--no-figures'], ['identity', '--no-figures']])(
    'resnet %s --out naming a file is a usage error naming --out',
    async (...words) => {
      const file = join(tmp(), 'a-file');
      writeFileSync(file, 'not a folder');
      for (const out of [file, join(file, 'below')]) {
        const r = await resnet(...words, '--out', out);
        expect(r.code).toBe(2);
        expect(r.stderr).toMatch(new RegExp(`^resnet: --out: got "${out}"; expected a folder path \\(.*is a file\\)`));
        expect(r.stderr).not.toMatch(/EEXIST|ENOTDIR/);
      }
      expect(readFileSync(file, 'utf8')).toBe('not a folder');
    },
  );
});

describe('exit codes follow the error kind; with --json the error is JSON on stdout too', () => {
  it('usage: 2, {"error": {"kind": "usage", "flag": "--depths"}}', async () => {
    const r = await resnet('sweep', '--depths', '40..5', '--json');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^resnet: --depths/);
    expect(JSON.parse(r.stdout)).toEqual({
      error: { kind: 'usage', message: expect.stringMatching(/^--depths: got "40\.\.5"/), flag: '--depths' },
    });
  });

  it('a missing value is a usage error in JSON too', async () => {
    const r = await resnet('sweep', '--threads', '--json');
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout).error).toMatchObject({ kind: 'usage', flag: '--threads' });
  });

  it('state: 2, {"error": {"kind": "state", "flag": null}} for a folder that is not a sweep', async () => {
    const r = await resnet('report', 'tests/cli', '--json');
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout).error).toMatchObject({ kind: 'state', flag: null });
  });

  it('failure: 1 for an error of kind failure or with no kind (a bug, a raw Node error); interrupted: 128 + signal', async () => {
    const { exitCodeOf, InterruptedError } = await import('../../apps/cli/dist/errors.js');
    expect(exitCodeOf(Object.assign(new Error('disk on fire'), { kind: 'failure' }))).toBe(1);
    expect(exitCodeOf(new Error('EIO: i/o error'))).toBe(1);
    expect(exitCodeOf(new InterruptedError('SIGTERM'))).toBe(143);
    expect(exitCodeOf(Object.assign(new Error('stopped'), { kind: 'interrupted' }))).toBe(130);
  });

  it('state: 2, for a grid too large and for another grid in the folder', async () => {
    const big = await resnet('sweep', '--depths', '5..40', '--seeds', '100000000', '--out', tmp(), '--json');
    expect(big.code).toBe(2);
    expect(JSON.parse(big.stdout).error.kind).toBe('state');
    const out = tmp();
    expect((await resnet('sweep', '--depths', '5,6', '--seeds', '2', '--out', out, '--no-report')).code).toBe(0);
    const other = await resnet('sweep', '--depths', '5..7', '--seeds', '2', '--out', out, '--no-report', '--json');
    expect(other.code).toBe(2);
    expect(JSON.parse(other.stdout).error.kind).toBe('state');
  });
});

describe('report options the folder refuses are usage errors', () => {
  it('report --depth 999 on a sweep of depths 5 and 6: exit 2, naming the value and the swept depths', async () => {
    const out = tmp();
    expect((await resnet('sweep', '--depths', '5,6', '--seeds', '2', '--out', out, '--no-report')).code).toBe(0);
    const r = await resnet('report', out, '--depth', '999', '--json');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/depth.*5, 6.*999|depth.*999.*5, 6/);
    expect(JSON.parse(r.stdout).error.kind).toBe('usage');
  });
});

describe('a mistyped command suggests the nearest', () => {
  it.each([
    ['swep', 'sweep'],
    ['reprot', 'report'],
    ['merg', 'merge'],
    ['reproduc', 'reproduce'],
  ])('resnet %s -> Did you mean %s?', async (typed, meant) => {
    const r = await resnet(typed);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`^resnet: Unknown command "${typed}"\\. Did you mean ${meant}\\?`));
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('names the commands when nothing is near', async () => {
    const r = await resnet('xyzzy');
    expect(r.code).toBe(2);
    expect(r.stderr).not.toMatch(/Did you mean/);
    expect(r.stderr).toMatch(/Commands: sweep, report, merge, reproduce, patterns, identity/);
  });
});

describe('resnet refuses what the flags ask for as a whole, with exit code 2', () => {
  it('refuses a grid too large for memory, showing the estimate and what to do', async () => {
    const out = tmp();
    const r = await resnet('sweep', '--depths', '5..40', '--seeds', '100000000', '--out', out);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/too large: it needs an estimated [\d.]+ [GT]B of memory/);
    expect(r.stderr).toMatch(/--shard i\/n/);
  });

  it('refuses another grid on a folder that holds a sweep, naming the differences, and keeps the folder', async () => {
    const out = tmp();
    expect((await resnet('sweep', '--depths', '5,6', '--seeds', '2', '--out', out, '--no-report')).code).toBe(0);
    const before = readFileSync(join(out, 'cells.parquet'), 'latin1');
    const r = await resnet('sweep', '--depths', '5..7', '--seeds', '2', '--out', out, '--no-report');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--depths: folder has 5,6, requested 5\.\.7|--depths: folder has .*requested/);
    expect(r.stderr).toMatch(/Choose a new --out folder/);
    expect(readFileSync(join(out, 'cells.parquet'), 'latin1')).toBe(before);
    const again = await resnet('sweep', '--depths', '5,6', '--seeds', '2', '--out', out, '--no-report');
    expect(again.stdout).toMatch(/^All 8 cells were already in .*; nothing to compute\./);
  });
});
