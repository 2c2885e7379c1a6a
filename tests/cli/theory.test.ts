import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resnet } from './run.js';

const IDS = [
  ...['1a', '1a', '1a', '1b', '1b', '1b', '1c', '1c', '1d', '1d', '1e', '1e'],
  ...['2a', '2b', '3a', '3b', '4a', '4b', '4c', '4d', '5a', '5b', '5c'],
];
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'resnet-theory-cli-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('resnet theory', () => {
  it('prints per check its law, what is measured and the tolerance, then every setting with its verdict and reason; progress on stderr', async () => {
    const r = await resnet('theory', '--seeds', '40');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(
      /^Theory against measurement: 40 seeds per network \(prediction 5: 20 per net\), \d threads?, /,
    );
    const lines = r.stdout.split('\n');
    const checks = lines.filter((l) => /^\d[a-e] {2}\S/.test(l)).map((l) => l.slice(0, 2));
    expect(checks).toEqual([...new Set(IDS)]);
    // Each check: its heading, then a column header and one line per setting ending in its verdict, each with a reason line.
    const verdicts = lines.filter((l) => /^ {4}\S.*\s(agrees|FAILS|inconclusive)$/.test(l));
    expect(verdicts).toHaveLength(IDS.length);
    for (const l of lines.filter((x) => /^ {4}setting\s/.test(x)))
      expect(l).toMatch(/^ {4}setting\s+predicted\s+measured \[CI\]\s+seeds\s+verdict$/);
    const reasons = lines.filter(
      (l, i) => /^ {6}\S/.test(l) && /(agrees|FAILS|inconclusive)$/.test(lines[i - 1] ?? ''),
    );
    expect(reasons).toHaveLength(IDS.length);
    // No law name is cut, and the symbols are defined once, under the table.
    expect(r.stdout).not.toContain('…');
    expect(r.stdout).toMatch(
      /^1d {2}σ² = 2, the notebook's output gradient \(dout = ones through a ReLU output\): first and last layers have equal mean \|\|dW\|\|²$/m,
    );
    expect(r.stdout.match(/^Symbols\. /gm)).toHaveLength(1);
    expect(r.stdout).toMatch(/^Verdicts: \d+ agree, \d+ fail, \d+ inconclusive\. /m);
    expect(r.stdout).not.toMatch(/issue \d/i);
    expect(r.stderr).toMatch(/theory, \d+ s: prediction 5: the grid of 9 nets, 20 seeds each/);
  });

  it('--json gives the data: options, rows with numbers, intervals, tolerances and verdicts, figure series', async () => {
    const r = await resnet('theory', '--seeds', '40', '--hanin-seeds', '20', '--json', '--quiet');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const data = JSON.parse(r.stdout);
    expect(data.options.mode).toBe('fixed');
    expect(data.options.plan.start).toBe(40);
    expect(data.options.haninPlan.start).toBe(20);
    expect(data.rows.map((x: { id: string }) => x.id)).toEqual(IDS);
    for (const row of data.rows) {
      expect(typeof row.predicted).toBe('number');
      expect(['agrees', 'fails', 'inconclusive']).toContain(row.verdict);
      expect(row.tolerance.kind).toMatch(/^(relative|absolute|above|exact)$/);
      if (row.verdict === 'inconclusive')
        expect(row.seedsNeeded === null || row.seedsNeeded > row.seeds, row.id).toBe(true);
    }
    expect(data.predictions).toHaveLength(5);
    expect(data.predictions[0].figure.series.length).toBeGreaterThan(0);
    expect(data.files).toBeNull();
  });

  it('gives the same rows on one thread as on several', async () => {
    const one = JSON.parse((await resnet('theory', '--seeds', '20', '--threads', '1', '--json', '--quiet')).stdout);
    const three = JSON.parse((await resnet('theory', '--seeds', '20', '--threads', '3', '--json', '--quiet')).stdout);
    expect(three.rows).toEqual(one.rows);
    expect(three.predictions).toEqual(one.predictions);
  });

  it('--out writes theory.html with every figure inline, theory.json and the figure files', async () => {
    const out = join(dir, 'page');
    const r = await resnet('theory', '--seeds', '20', '--out', out);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`Wrote ${join(out, 'theory.html')}`);
    const html = await readFile(join(out, 'theory.html'), 'utf8');
    for (const name of ['theory-1', 'theory-2', 'theory-3', 'theory-4', 'theory-4-widths', 'theory-5'])
      expect(html).toContain(`id="fig-${name}"`);
    expect(html.match(/<svg /g)).toHaveLength(6);
    expect(html).toContain('<code>resnet theory --seeds 20 --out ');
    expect(existsSync(join(out, 'theory.json'))).toBe(true);
    expect(existsSync(join(out, 'figures', 'theory-5.png'))).toBe(true);
  });

  it('refuses bad flags as usage errors naming the flag (exit 2)', async () => {
    const r = await resnet('theory', '--seeds', '5');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--seeds: got "5"; expected an integer >= 20\./);
    const h = await resnet('theory', '--hanin-seeds', 'x', '--json');
    expect(h.code).toBe(2);
    expect(JSON.parse(h.stdout).error.flag).toBe('--hanin-seeds');
    const m = await resnet('theory', '--max-seeds', '10');
    expect(m.code).toBe(2);
    expect(m.stderr).toMatch(/--max-seeds: got "10"; expected an integer >= 1000\./);
    const file = join(dir, 'a-file');
    await writeFile(file, '');
    const o = await resnet('theory', '--seeds', '20', '--out', file);
    expect(o.code).toBe(2);
    expect(o.stderr).toMatch(/--out: .*that path is a file/);
  });
});
