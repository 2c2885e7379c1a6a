import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resnet, resnetWithEnv, start, waitForStderr } from './run.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'resnet-cli-train-'));
const read = (dir: string, file: string) => readFileSync(join(dir, file), 'utf8');
// 2 archs x depths 4, 6 x 2 seeds, 1 epoch on 200 digits: a second or two.
const small = [
  '--depths',
  '4,6',
  '--seeds',
  '2',
  '--epochs',
  '1',
  '--limit',
  '200',
  '--width',
  '16',
  '--batch-size',
  '50',
];

describe('resnet train', () => {
  it('trains the grid, prints progress in steps, the table by depth and arch, and writes the report', async () => {
    const out = tmp();
    const r = await resnet('train', ...small, '--out', out);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^train 100% 32\/32 steps .* ETA /m);
    expect(r.stdout).toMatch(/^8 runs in [\d.]+s \(8 trained\); written to /);
    expect(r.stdout).toMatch(
      /Train error after 1 epoch \(weight layers; median over 2 seeds with range; test error median\)/,
    );
    expect(r.stdout).toMatch(/^\s+4 {2}[\d.]+ \[[\d.]+ - [\d.]+\]\s+[\d.]+ {2}[\d.]+ \[/m);
    expect(r.stdout).toMatch(/^\s+6 {2}/m);
    const manifest = JSON.parse(read(out, 'manifest.json'));
    expect(manifest.format).toBe('resnet-train/2');
    expect(manifest.data).toMatchObject({ name: 'mnist[:200]', train: 200, test: 50 });
    expect(manifest.options).toMatchObject({ epochs: 1, width: 16, batchSize: 50, batchNorm: true, branchScale: 1 });
    expect(manifest.command).toMatch(/^resnet train /);
    expect(manifest.formats).toEqual(['parquet']);
    expect(Object.keys(manifest.files)).toEqual(['runs.parquet', 'summary.csv']);
    expect(existsSync(join(out, 'runs.jsonl'))).toBe(false);
    expect(existsSync(join(out, 'report.html'))).toBe(true);
    expect(existsSync(join(out, 'figures', 'train-curves.svg'))).toBe(true);
    // Rerun: nothing to train.
    const again = await resnet('train', ...small, '--out', out, '--no-report');
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/^All 8 runs were already in .*; nothing to train\./);
  });

  it('gives --json, takes RESNET_* variables, and passes --no-batch-norm and --branch-scale invSqrtBlocks through', async () => {
    const out = tmp();
    const r = await resnetWithEnv(
      { RESNET_EPOCHS: '2' },
      'train',
      ...small.filter((a, i, all) => a !== '--epochs' && all[i - 1] !== '--epochs'),
      '--archs',
      'residual',
      '--no-batch-norm',
      '--branch-scale',
      'invSqrtBlocks',
      '--out',
      out,
      '--no-report',
      '--json',
      '--format',
      'jsonl,parquet',
    );
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json).toMatchObject({ runCount: 4, computed: 4, resumed: 0, report: null, steps: 4 * 2 * 4 });
    expect(json.summary.map((s: { arch: string; depth: number }) => `${s.arch}${s.depth}`)).toEqual([
      'residual4',
      'residual6',
    ]);
    const manifest = JSON.parse(read(out, 'manifest.json'));
    expect(manifest.options).toMatchObject({ epochs: 2, batchNorm: false, branchScale: 'invSqrtBlocks' });
    expect(Object.keys(manifest.files)).toEqual(['runs.jsonl', 'runs.parquet', 'summary.csv']);
    const runs = read(out, 'runs.jsonl')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(runs[1].options.branchScale).toBeCloseTo(1 / Math.sqrt(2), 15);
  });

  it.each([
    [
      ['--depths', '4,5', '--archs', 'residual'],
      /--depths: got "5"; expected an even integer >= 4 for arch "residual"/,
    ],
    [['--epochs', '0'], /--epochs: got "0"; expected an integer from 1 to 100000/],
    [['--lr', 'fast'], /--lr: got "fast"; expected a finite number >= 0/],
    [['--optimizer', 'rmsprop'], /--optimizer: got "rmsprop"; expected one of sgd, adam/],
    [['--schedule', 'linear'], /--schedule: got "linear"; expected one of constant, step, cosine/],
    [
      ['--branch-scale', 'big'],
      /--branch-scale: got "big"; expected a number or an expression of depth, .*"big" is not allowed/,
    ],
    [
      ['--branch-scale', '1,1/sqrt(block)'],
      /--branch-scale: got "1\/sqrt\(block\)"; expected an expression of one value per net/,
    ],
    [['--branch-scale', '-1'], /--branch-scale: got "-1"; expected a finite number >= 0/],
    [['--depth-unit', 'blocks', '--depths', '0'], /--depths: got "0"/],
    [['--archs', 'dense'], /--archs: got "dense"/],
    [['--shard', '3/2'], /--shard: got "3\/2"/],
    [['--format', 'parquet,csv'], /--format: got "parquet,csv"; expected a comma-separated list of parquet, jsonl/],
  ])('refuses %j naming the flag, before any work', async (args, message) => {
    const out = join(tmp(), 'never');
    const r = await resnet('train', ...args, '--out', out);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(existsSync(out)).toBe(false);
  });

  it("runs --branch-scale 1,'1/sqrt(blocks)' as a grid axis, as resnet sweep does: table, summary and report per variant", async () => {
    const out = tmp();
    const r = await resnet('train', ...small, '--branch-scale', '1,1/sqrt(blocks)', '--out', out);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^12 runs in /m);
    expect(r.stdout).toMatch(/residual \(eta=1\/sqrt\(blocks\)\): train %/);
    const summary = read(out, 'summary.csv').trim().split('\n');
    expect(summary[0]).toMatch(/^arch,branchScale,branchScaleExpr,depth,count,/);
    expect(summary.at(-1)).toMatch(/^residual,0\.7071067811865475?,1\/sqrt\(blocks\),6,2,/);
    const spec = read(out, 'figures/train-error-depth.vl.json');
    expect(spec).toContain('residual (eta=1/sqrt(blocks))');
    expect(JSON.parse(read(out, 'manifest.json')).grid.axes).toEqual({ branchScale: [1, '1/sqrt(blocks)'] });
  });

  it('two shards merged by resnet merge equal one run; resnet report draws a training folder', async () => {
    const whole = tmp();
    const s1 = tmp();
    const s2 = tmp();
    const merged = join(tmp(), 'all');
    expect((await resnet('train', ...small, '--out', whole, '--no-report')).code).toBe(0);
    const r1 = await resnet('train', ...small, '--shard', '1/2', '--out', s1);
    expect(r1.code).toBe(0);
    expect(r1.stdout).toMatch(/Shard 1\/2 done/);
    expect(existsSync(join(s1, 'report.html'))).toBe(false);
    expect((await resnet('train', ...small, '--shard', '2/2', '--out', s2)).code).toBe(0);
    const m = await resnet('merge', s1, s2, '--out', merged);
    expect(m.code).toBe(0);
    expect(m.stdout).toMatch(/Merged 2 folders: 8 training runs in /);
    expect(m.stdout).toMatch(/Train error after 1 epoch/);
    for (const f of ['runs.parquet', 'summary.csv', 'report.html']) expect(existsSync(join(merged, f)), f).toBe(true);
    for (const f of ['runs.parquet', 'summary.csv'])
      expect(readFileSync(join(merged, f)).equals(readFileSync(join(whole, f))), f).toBe(true);
    expect(existsSync(join(merged, 'report.html'))).toBe(true);
    const rep = await resnet('report', whole, '--svg');
    expect(rep.code).toBe(0);
    expect(rep.stdout).toMatch(/Figure: .*train-error-depth\.svg/);
    expect(read(whole, 'report.html')).toMatch(/Final training error against depth/);
    const depth = await resnet('report', whole, '--depth', '4');
    expect(depth.code).toBe(2);
    expect(depth.stderr).toMatch(/--depth: got "4"; expected no --depth for a training folder/);
  });

  it('stops on SIGINT keeping finished runs; the same command resumes', async () => {
    const out = tmp();
    const args = [
      'train',
      '--depths',
      '4,6',
      '--seeds',
      '6',
      '--epochs',
      '3',
      '--limit',
      '600',
      '--width',
      '32',
      '--threads',
      '1',
      '--out',
      out,
      '--no-report',
    ];
    const { child, done } = start(args);
    await waitForStderr(
      child,
      (t) =>
        /train +\d+% [1-9][\d,]*\//.test(t) &&
        existsSync(join(out, '.resume', 'journal.jsonl')) &&
        read(out, '.resume/journal.jsonl').length > 0,
    );
    child.kill('SIGINT');
    const r = await done;
    expect(r.code).toBe(130);
    expect(r.stderr).toMatch(
      /Interrupted by SIGINT: \d+ of 24 runs are saved in .* and the folder is resumable; resume with: resnet train /,
    );
    const saved = Number(/(\d+) of 24 runs/.exec(r.stderr)![1]);
    expect(saved).toBeGreaterThan(0);
    expect(saved).toBeLessThan(24);
    const resumed = await resnet(...args, '--json');
    expect(resumed.code).toBe(0);
    expect(JSON.parse(resumed.stdout)).toMatchObject({ runCount: 24, resumed: saved, computed: 24 - saved });
  });

  it('trains on MNIST IDX files with --idx (a small set the test writes), and names a missing file', async () => {
    const dir = tmp();
    const idx = (dims: number[], data: Uint8Array) => {
      const header = Buffer.alloc(4 + 4 * dims.length);
      header[2] = 0x08;
      header[3] = dims.length;
      for (const [i, d] of dims.entries()) header.writeUInt32BE(d, 4 + 4 * i);
      return Buffer.concat([header, Buffer.from(data)]);
    };
    const write = (name: string, n: number) => {
      const pixels = Uint8Array.from({ length: n * 7 * 7 }, (_, i) => (i * 37 + 11) % 256);
      writeFileSync(join(dir, `${name}-images-idx3-ubyte`), idx([n, 7, 7], pixels));
      writeFileSync(
        join(dir, `${name}-labels-idx1-ubyte`),
        idx(
          [n],
          Uint8Array.from({ length: n }, (_, i) => i % 10),
        ),
      );
    };
    write('train', 120);
    write('t10k', 40);
    const out = tmp();
    const r = await resnet(
      'train',
      '--idx',
      dir,
      '--depths',
      '4',
      '--archs',
      'plain',
      '--seeds',
      '1',
      '--epochs',
      '1',
      '--out',
      out,
      '--no-report',
      '--json',
    );
    expect(r.code).toBe(0);
    expect(JSON.parse(read(out, 'manifest.json')).data).toMatchObject({
      name: 'mnist-idx',
      train: 120,
      test: 40,
      features: 49,
      classes: 10,
    });
    const missing = await resnet('train', '--idx', out, '--out', join(tmp(), 'x'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/train-images-idx3-ubyte: is missing/);
  });
});
