import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  GRID_DEFAULTS,
  GRID_FLAGS,
  ProfileStore,
  TRAIN_DEFAULTS,
  gridFromFlags,
  hashToState,
  pageSummary,
  runGridTask,
  stateToHash,
  type GridFlag,
} from '@resnet/explorer/model';
import { trainFromFlags } from '../../packages/explorer/src/model/trainFlags.js';
import { STAT_FIELDS, jobAxes } from '@resnet/sweep/browser';
import { resnet } from '../cli/run.js';

const made: string[] = [];
const tmp = () => {
  const dir = mkdtempSync(join(tmpdir(), 'resnet-explorer-'));
  made.push(dir);
  return dir;
};
afterAll(() => {
  for (const d of made) rmSync(d, { recursive: true, force: true });
});

/** The page's computation of a grid in chunks of seeds (in the order given), assembled as the page does. */
function pageStats(flags: Partial<Record<GridFlag, string>>, chunks: [number, number][]) {
  const pg = gridFromFlags({ ...GRID_DEFAULTS, ...flags });
  const stats = new Float64Array(pg.layout.groupCount * pg.layout.seedCount * STAT_FIELDS);
  for (const [from, to] of chunks) {
    const r = runGridTask({ kind: 'grid', job: 1, grid: pg.grid, from, to, stats: true, profileDepth: null });
    stats.set(r.stats!, from * pg.layout.groupCount * STAT_FIELDS);
  }
  return { pg, stats };
}

describe('the page computes the sweep’s numbers (summary.csv byte for byte)', () => {
  const flags = {
    depths: '3..6',
    seeds: '7',
    blocks: 'notebook,preact',
    'branch-scale': '1,1/sqrt(blocks)',
    dout: 'normal',
  };
  const cli = [
    '--depths',
    '3..6',
    '--seeds',
    '7',
    '--blocks',
    'notebook,preact',
    '--branch-scale',
    '1,1/sqrt(blocks)',
    '--dout',
    'normal',
  ];

  it('a grid with variant axes and an expression, computed in chunks out of order, equals resnet sweep’s summary.csv', async () => {
    const out = tmp();
    const r = await resnet('sweep', ...cli, '--no-report', '--threads', '1', '--out', out);
    expect(r.code, r.stderr).toBe(0);
    const { pg, stats } = pageStats(flags, [
      [4, 7],
      [0, 1],
      [1, 4],
    ]);
    expect(pageSummary(pg.grid, stats, 7).csv).toBe(readFileSync(join(out, 'summary.csv'), 'utf8'));
  });

  it('the first n seeds’ summary equals resnet sweep with --seeds n (what the page shows while streaming)', async () => {
    const out = tmp();
    const r = await resnet('sweep', ...cli.slice(0, 2), '--seeds', '3', ...cli.slice(4), '--no-report', '--out', out);
    expect(r.code, r.stderr).toBe(0);
    const { pg, stats } = pageStats(flags, [[0, 7]]);
    expect(pageSummary(pg.grid, stats, 3).csv).toBe(readFileSync(join(out, 'summary.csv'), 'utf8'));
  });

  it('reads flags as the CLI does: --width sets the input size, errors name the flag', () => {
    const pg = gridFromFlags({ ...GRID_DEFAULTS, width: '8', depths: '5,10', seeds: '1000..1009' });
    expect(pg.grid).toMatchObject({ width: 8, inputSize: 8, depths: [5, 10], seeds: { start: 1000, count: 10 } });
    expect(pg.profileDepth).toBe(10);
    expect(() => gridFromFlags({ ...GRID_DEFAULTS, depths: '40..5' })).toThrow(/^--depths: got "40\.\.5"/);
    expect(() => gridFromFlags({ ...GRID_DEFAULTS, blocks: 'postact' })).toThrow(/^--blocks: got "postact"/);
    expect(() => gridFromFlags({ ...GRID_DEFAULTS, 'branch-scale': '1/sqrt(layer)' })).toThrow(/^--branch-scale/);
    expect(() => gridFromFlags({ ...GRID_DEFAULTS, depth: '41' })).toThrow(
      /^--depth: got "41"; expected one of the swept depths/,
    );
    expect(() => gridFromFlags({ ...GRID_DEFAULTS, archs: 'plain', depths: '1..3' })).toThrow(/^--depths: got 1/);
  });
});

describe('the training flags', () => {
  it('read integers as the CLI and the gradient flags do; errors name the flag', () => {
    const plan = trainFromFlags({ ...TRAIN_DEFAULTS, epochs: '+3', width: ' 16 ', limit: '500' });
    expect(plan.options).toMatchObject({ epochs: 3, width: 16 });
    expect(plan.limit).toBe(500);
    expect(() => trainFromFlags({ ...TRAIN_DEFAULTS, epochs: '1.5' })).toThrow(
      /^--epochs: got "1\.5"; expected an integer from 1 to 100000/,
    );
    expect(() => trainFromFlags({ ...TRAIN_DEFAULTS, limit: '0' })).toThrow(
      /^--limit: got "0"; expected an integer >= 1/,
    );
  });
});

describe('the gradient flags come from the sweep’s axis declarations', () => {
  it('every axis of resnet sweep is a page flag, in axis order, between the grid’s flags and the page’s', () => {
    const axisFlags = jobAxes('sweep').map((a) => a.flag);
    expect(axisFlags).toContain('input-scale');
    expect(GRID_FLAGS.slice(5, 5 + axisFlags.length)).toEqual(axisFlags);
    for (const f of axisFlags) expect(GRID_DEFAULTS[f as GridFlag]).toBe('');
  });

  it('an axis the page has no words for (--input-scale) computes resnet sweep’s summary.csv', async () => {
    const out = tmp();
    const r = await resnet(
      'sweep',
      ...['--depths', '3,5', '--seeds', '4', '--input-scale', '0.5,2'],
      ...['--no-report', '--threads', '1', '--out', out],
    );
    expect(r.code, r.stderr).toBe(0);
    const { pg, stats } = pageStats({ depths: '3,5', seeds: '4', 'input-scale': '0.5,2' }, [[0, 4]]);
    expect(pg.grid.axes?.inputScale).toEqual([0.5, 2]);
    expect(pageSummary(pg.grid, stats, 4).csv).toBe(readFileSync(join(out, 'summary.csv'), 'utf8'));
    expect(() => gridFromFlags({ ...GRID_DEFAULTS, 'input-scale': 'big' })).toThrow(/^--input-scale/);
  });
});

describe('the layer profile', () => {
  it('stores chunks arriving in any order and gives the quantiles of every layer over the seeds done', () => {
    const pg = gridFromFlags({ ...GRID_DEFAULTS, depths: '4,6', seeds: '6' });
    const task = (from: number, to: number) =>
      runGridTask({ kind: 'grid', job: 1, grid: pg.grid, from, to, stats: false, profileDepth: 6 });
    const whole = task(0, 6).profile!;
    expect(whole.groups).toEqual([1, 3]); // plain 6 and residual 6 (groups: plain 4, plain 6, residual 4, residual 6)
    expect(whole.lengths).toEqual([6, 14]);
    const store = new ProfileStore(6, whole.groups, whole.lengths, 6);
    store.add(task(3, 6).profile!, 3, 6);
    expect(store.seedsDone).toBe(0);
    store.add(task(0, 3).profile!, 0, 3);
    expect(store.seedsDone).toBe(6);
    const reference = new ProfileStore(6, whole.groups, whole.lengths, 6);
    reference.add(whole, 0, 6);
    expect(store.bands()).toEqual(reference.bands());
    const [plain] = store.bands();
    expect(plain!.map((b) => b.x)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(plain!.every((b) => b.count === 6 && b.p5 <= b.p25 && b.p25 <= b.median && b.median <= b.p95)).toBe(true);
  });
});

describe('the URL hash', () => {
  it('holds only what differs from the defaults, with the CLI’s flag names, and reads back to the same state', () => {
    const { state } = hashToState('');
    expect(stateToHash(state)).toBe('');
    state.grid.blocks = 'preact';
    state.grid['branch-scale'] = '1/sqrt(blocks)';
    state.grid['sigma-w2'] = '2*(1+1/width)';
    state.grid.depths = '5..40:5';
    state.train.depths = '16';
    state.tab = 'train';
    const hash = stateToHash(state);
    expect(hash).toBe(
      '#tab=train&depths=5..40:5&blocks=preact&sigma-w2=2*(1+1/width)&branch-scale=1/sqrt(blocks)&train.depths=16',
    );
    expect(hashToState(hash)).toEqual({ state, notes: [] });
  });

  it('escapes what would break the hash and notes keys it does not know', () => {
    const { state } = hashToState('');
    state.grid['branch-scale'] = 'max(1, depth/10) & 2';
    const back = hashToState(stateToHash(state));
    expect(back.state.grid['branch-scale']).toBe('max(1, depth/10) & 2');
    const odd = hashToState('#seeds=20&colour=red&tab=nope');
    expect(odd.state.grid.seeds).toBe('20');
    expect(odd.state.tab).toBe('gradient');
    expect(odd.notes.join(' ')).toMatch(/tab=nope/);
    expect(odd.notes.join(' ')).toMatch(/"colour" in the link is not a flag/);
  });
});
