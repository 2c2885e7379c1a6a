import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resnet } from './run.js';

describe('resnet reports bad flags in one line naming the flag, with exit code 2', () => {
  it.each([
    [['sweep', '--depths', '40..5'], /--depths/],
    [['sweep', '--depths', 'abc'], /--depths/],
    [['sweep', '--depths', '1..5', '--archs', 'plain'], /--depths|depth/],
    [['sweep', '--seeds', '0'], /--seeds/],
    [['sweep', '--archs', 'dense'], /--archs/],
    [['sweep', '--width', 'abc'], /--width: got "abc"; expected an integer >= 1\./],
    [['sweep', '--threads', '0'], /--threads: got "0"; expected an integer from 1 to 256\./],
    [['sweep', '--shard', '5/4'], /--shard/],
    [['sweep', '--bogus'], /Unknown argument: bogus/],
    [['identity', '--scale', 'x'], /--scale: got "x"; expected a finite number\./],
    [['patterns', '--size', '2'], /--size: got "2"; expected an integer from 4 to 256\./],
    [['report', '--ppi', '300'], /Not enough non-option arguments|dir/],
    [[], /Name a command/],
  ])('resnet %j', async (args, message) => {
    const r = await resnet(...(args as string[]));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace without --debug
    expect(r.stdout).toBe('');
  });

  it('prints the stack with --debug', async () => {
    const r = await resnet('sweep', '--width', 'abc', '--debug');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/\n\s+at /);
  });

  it('exits 1 on a runtime failure: a report of a folder that is not a sweep', async () => {
    const r = await resnet('report', 'tests/cli');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^resnet: .*(cells\.jsonl|manifest\.json|summary\.csv)/);
  });
});

describe('resnet refuses what the flags ask for as a whole, with exit code 2', () => {
  it('refuses a grid too large for memory, showing the estimate and what to do', async () => {
    const out = mkdtempSync(join(tmpdir(), 'resnet-cli-'));
    const r = await resnet('sweep', '--depths', '5..40', '--seeds', '100000000', '--out', out);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/too large: it needs an estimated [\d.]+ [GT]B of memory/);
    expect(r.stderr).toMatch(/--shard i\/n/);
  });

  it('refuses another grid on a folder that holds a sweep, naming the differences, and keeps the folder', async () => {
    const out = mkdtempSync(join(tmpdir(), 'resnet-cli-'));
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

describe('resnet --version and --help', () => {
  it('prints the version', async () => {
    const r = await resnet('--version');
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it.each(['sweep', 'report', 'merge', 'reproduce', 'patterns', 'identity'])('%s --help shows examples', async (cmd) => {
    const r = await resnet(cmd, '--help');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Examples:/);
    expect(r.stdout).toMatch(/--json/);
  });
});
