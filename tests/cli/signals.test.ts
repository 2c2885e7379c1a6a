import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resnet, start, waitForStderr } from './run.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'resnet-cli-'));
const read = (dir: string, file: string) => readFileSync(join(dir, file), 'utf8');
/** True once a progress line shows cells done (the pool is running). */
const pastZero = (text: string) =>
  [...text.matchAll(/sweep +\d+% ([\d,]+)\//g)].some((m) => Number(m[1]!.replace(/,/g, '')) > 0);

describe('resnet sweep stopped by a signal exits 128+n, keeps a resumable folder, says so in one line, and the same command finishes it', () => {
  const args = ['sweep', '--depths', '5..40', '--seeds', '400', '--no-report', '--threads', '2'];

  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
    ['SIGHUP', 129],
  ] as const)(
    '%s exits %i',
    async (signal, code) => {
      const out = tmp();
      const run = start([...args, '--out', out]);
      await waitForStderr(run.child, pastZero);
      run.child.kill(signal);
      const stopped = await run.done;
      expect(stopped.signal).toBeNull();
      expect(stopped.code).toBe(code);
      const lines = stopped.stderr.split('\n').filter((l) => l.startsWith('resnet: '));
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(
        new RegExp(
          `^resnet: Interrupted by ${signal}: ([\\d,]+) of 28,800 cells are saved in ${out} and the folder is resumable; resume with: resnet sweep .*--out ${out}$`,
        ),
      );
      const saved = Number(lines[0]!.match(/: ([\d,]+) of/)![1]!.replace(/,/g, ''));
      expect(saved).toBeGreaterThan(0);
      const resumed = await resnet(...args, '--out', out, '--json');
      expect(resumed.code).toBe(0);
      const json = JSON.parse(resumed.stdout);
      expect(json.resumed).toBe(saved);
      expect(json.computed + json.resumed).toBe(28_800);
      expect(JSON.parse(read(out, 'manifest.json')).cellCount).toBe(28_800);
      if (signal === 'SIGINT') {
        const fresh = tmp();
        expect((await resnet(...args, '--out', fresh)).code).toBe(0);
        expect(read(out, 'cells.parquet') === read(fresh, 'cells.parquet')).toBe(true);
        expect(read(out, 'summary.csv')).toBe(read(fresh, 'summary.csv'));
      }
    },
    120_000,
  );

  it('resnet report stopped by SIGTERM exits 143 at once, naming the folder and the command to rerun', async () => {
    const out = tmp();
    expect((await resnet('sweep', '--depths', '5..12', '--seeds', '10', '--out', out, '--no-report')).code).toBe(0);
    const run = start(['report', out, '--png', '--svg', '--pdf']);
    await waitForStderr(run.child, (text) => /report: writing/.test(text));
    run.child.kill('SIGTERM');
    const stopped = await run.done;
    expect(stopped.signal).toBeNull();
    expect(stopped.code).toBe(143);
    expect(stopped.stderr).toMatch(
      new RegExp(
        `^resnet: Interrupted by SIGTERM while writing the report of ${out}; rerun: resnet report ${out} --png --svg --pdf$`,
        'm',
      ),
    );
    const again = await resnet('report', out, '--json');
    expect(again.code).toBe(0);
    expect(existsSync(join(out, 'report.html'))).toBe(true);
  }, 120_000);

  it('Ctrl-C while the report is written stops it and exits 130, never 0; the same command then writes the report', async () => {
    const out = tmp();
    const sweepArgs = ['sweep', '--depths', '5..12', '--seeds', '10', '--out', out];
    const run = start(sweepArgs);
    await waitForStderr(run.child, (text) => /report: writing/.test(text));
    run.child.kill('SIGINT');
    const stopped = await run.done;
    expect(stopped.code).toBe(130);
    expect(stopped.stderr).toMatch(
      new RegExp(
        `^resnet: Interrupted by SIGINT while writing the report: the sweep in ${out} is complete; rerun the same command`,
        'm',
      ),
    );
    expect(stopped.stdout).not.toMatch(/Report:/);
    const again = await resnet(...sweepArgs);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/^All 160 cells were already in /);
    expect(again.stdout).toMatch(/Report: .*report\.html/);
    expect(existsSync(join(out, 'report.html'))).toBe(true);
  }, 120_000);
});
