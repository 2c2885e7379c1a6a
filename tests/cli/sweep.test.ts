import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resnet, start } from './run.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'resnet-cli-'));
const read = (dir: string, file: string) => readFileSync(join(dir, file), 'utf8');

describe('resnet sweep', () => {
  it('runs a grid, writes the folder, prints the summary table and the report path', async () => {
    const out = tmp();
    const r = await resnet('sweep', '--depths', '5..10:5', '--seeds', '4', '--out', out);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^16 cells in [\d.]+ s, [\d,]+ cells\/s, written to /);
    expect(r.stdout).toMatch(/First\/last gradient-norm ratio over seeds/);
    expect(r.stdout).toMatch(/^\s+5 {2}\S/m);
    expect(r.stdout).toMatch(new RegExp(`Report: ${out.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/report.html`));
    expect(JSON.parse(read(out, 'manifest.json')).cellCount).toBe(16);
    expect(read(out, 'summary.csv').trim().split('\n')).toHaveLength(5);
    expect(existsSync(join(out, 'report.html'))).toBe(true);
  });

  it('writes parseable JSON with --json and no report with --no-report', async () => {
    const out = tmp();
    const r = await resnet('sweep', '--depths', '5,6', '--seeds', '3', '--archs', 'residual', '--out', out, '--no-report', '--json');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.cellCount).toBe(6);
    expect(json.report).toBeNull();
    expect(json.summary).toHaveLength(2);
    expect(existsSync(join(out, 'report.html'))).toBe(false);
  });

  it('stops on Ctrl-C with exit 130, keeps finished cells, prints the resume command, and resumes to the same files', async () => {
    const args = ['sweep', '--depths', '5..40', '--seeds', '400', '--no-report', '--threads', '2'];
    const out = tmp();
    const run = start([...args, '--out', out]);
    // Interrupt once the sweep has reported progress.
    await new Promise<void>((res) => {
      const onData = (d: Buffer) => {
        const done = String(d).match(/sweep ([\d,]+)\//);
        if (done && Number(done[1]!.replace(/,/g, '')) > 0) {
          run.child.stderr!.off('data', onData);
          res();
        }
      };
      run.child.stderr!.on('data', onData);
    });
    run.child.kill('SIGINT');
    const stopped = await run.done;
    expect(stopped.code).toBe(130);
    expect(stopped.stderr).toMatch(/Interrupted after [\d,]+ of 28,800 cells/);
    expect(stopped.stderr).toMatch(/Resume with: resnet sweep /);
    const resumed = await resnet(...args, '--out', out, '--json');
    expect(resumed.code).toBe(0);
    const json = JSON.parse(resumed.stdout);
    expect(json.resumed).toBeGreaterThan(0);
    expect(json.computed + json.resumed).toBe(28_800);
    const fresh = tmp();
    expect((await resnet(...args, '--out', fresh)).code).toBe(0);
    expect(read(out, 'cells.parquet') === read(fresh, 'cells.parquet')).toBe(true);
    expect(read(out, 'summary.csv')).toBe(read(fresh, 'summary.csv'));
  }, 120_000);
});
