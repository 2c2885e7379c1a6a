import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resnet } from './run.js';

const IDS = [
  '1a',
  '1b',
  '1c',
  '1d',
  '1e',
  '1f',
  '1g',
  '1h',
  '1i',
  '1j',
  '2a',
  '2b',
  '3a',
  '3b',
  '4a',
  '4b',
  '4c',
  '4d',
  '5a',
  '5b',
  '5c',
];
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'resnet-theory-cli-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('resnet theory', () => {
  it('prints the agreement table (prediction / predicted / measured [CI] / agrees?) with progress on stderr', async () => {
    const r = await resnet('theory', '--seeds', '40');
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines.find((l) => l.startsWith('#'))).toMatch(
      /^#\s+prediction\s+predicted\s+measured \[99% CI\]\s+agrees\?$/,
    );
    const rows = lines.filter((l) => /^\d[a-j] {2}/.test(l));
    expect(rows.map((l) => l.slice(0, 2))).toEqual(IDS);
    for (const l of rows) expect(l).toMatch(/(agrees|FAILS)$/);
    // The notebook's case of prediction 1 fails, and its reason is printed under the table.
    expect(rows.find((l) => l.startsWith('1h'))).toMatch(/FAILS$/);
    expect(r.stdout).toMatch(/^1h FAILS: mean \|\|dW_first\|\|² \/ mean \|\|dW_last\|\|²/m);
    expect(r.stdout).toMatch(/of 21 checks agree/);
    expect(r.stderr).toMatch(/theory 27\/27 networks: prediction 5/);
  });

  it('--json gives the data: options, rows with numbers and CIs, figure series', async () => {
    const r = await resnet('theory', '--seeds', '40', '--hanin-seeds', '20', '--json', '--quiet');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const data = JSON.parse(r.stdout);
    expect(data.options.seeds).toBe(40);
    expect(data.options.haninSeeds).toBe(20);
    expect(data.rows.map((x: { id: string }) => x.id)).toEqual(IDS);
    for (const row of data.rows) {
      expect(typeof row.predicted).toBe('number');
      expect(['agrees', 'fails']).toContain(row.agreement);
    }
    expect(data.predictions).toHaveLength(5);
    expect(data.predictions[0].figure.series.length).toBeGreaterThan(0);
    expect(data.files).toBeNull();
  });

  it('--out writes theory.html with every figure inline, theory.json and the figure files', async () => {
    const out = join(dir, 'page');
    const r = await resnet('theory', '--seeds', '20', '--out', out);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`Wrote ${join(out, 'theory.html')}`);
    const html = await readFile(join(out, 'theory.html'), 'utf8');
    for (let i = 1; i <= 5; i++) expect(html).toContain(`id="fig-theory-${i}"`);
    expect(html.match(/<svg /g)).toHaveLength(5);
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
    const file = join(dir, 'a-file');
    await writeFile(file, '');
    const o = await resnet('theory', '--seeds', '20', '--out', file);
    expect(o.code).toBe(2);
    expect(o.stderr).toMatch(/--out: .*that path is a file/);
  });
});
