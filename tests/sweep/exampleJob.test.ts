// A third experiment is a plug-in of the grid-job core, not a copy of it: this job (the example of
// docs/sweep-format.md, "Grid jobs") measures ||x|| of a 16-dim normal draw per seed. Its folder runs,
// resumes, verifies and merges through runJob and mergeFolders, which know no job by name.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createRng } from '@resnet/core';
import {
  ConfigMismatchError,
  mergeFolders,
  runJob,
  type FolderFormat,
  type FolderIdentity,
  type GridJob,
  type JobFiles,
  type JobKind,
  type ManifestBase,
} from '@resnet/sweep';
import { cleanTemp, fixtures, folderDifference, tempDir } from './helpers.js';

interface NormsIdentity extends FolderIdentity {
  seeds: number;
}
interface NormsManifest extends NormsIdentity, ManifestBase {
  seedCount: number;
}

const NORMS_FOLDER: FolderFormat<NormsIdentity, NormsManifest> = {
  tag: 'example-norms/1',
  older: [],
  words: { kind: 'norms', command: 'norms', items: 'seeds', item: 'seed' },
  outputs: () => ['norms.f64', 'summary.csv'],
  identity: (m) => ({
    format: m.format,
    seeds: m.seeds,
    configHash: m.configHash,
    shard: m.shard,
    formats: m.formats,
    versions: m.versions,
  }),
  manifest: (id, b) => ({
    ...id,
    seedCount: b.rows,
    blocks: b.blocks,
    nonFinite: b.fields.nonFinite,
    files: b.files,
    run: b.run,
  }),
  rows: (m) => m.seedCount,
  differences: (folder, requested) =>
    JSON.stringify(folder?.seeds) === JSON.stringify(requested.seeds)
      ? []
      : [`seeds: ${folder?.seeds} vs ${requested.seeds}`],
};

/** Units of 10 seeds; a shard holds a contiguous range of them. */
function normsFiles(id: NormsIdentity): JobFiles {
  const count = Math.ceil(id.seeds / 10);
  const [first, last] = id.shard
    ? [
        Math.floor(((id.shard.index - 1) * count) / id.shard.count),
        Math.floor((id.shard.index * count) / id.shard.count),
      ]
    : [0, count];
  return {
    units: { count, first, last, start: (u) => Math.min(10 * u, id.seeds), commit: 'ordered', tasksPerThread: 2 },
    parts: [{ name: 'norms.f64', header: new Uint8Array(0), parquet: false }],
    summarize: (read) => {
      const v = new Float64Array(Uint8Array.from(read('norms.f64')).buffer);
      const mean = v.reduce((a, x) => a + x, 0) / v.length;
      return { files: { 'summary.csv': Buffer.from(`count,mean\n${v.length},${mean}\n`) }, fields: { nonFinite: 0 } };
    },
    describeRow: (k) => `seed ${k}`,
  };
}

const NORMS: JobKind<NormsIdentity, NormsManifest> = { folder: NORMS_FOLDER, files: normsFiles };

function normsJob(
  seeds: number,
  out: string,
  shard: { index: number; count: number } | null = null,
): GridJob<NormsIdentity, NormsManifest> {
  const identity: NormsIdentity = {
    format: NORMS_FOLDER.tag,
    seeds,
    configHash: createHash('sha256').update(String(seeds)).digest('hex'),
    shard,
    formats: [],
    versions: {},
  };
  const files = normsFiles(identity);
  return {
    ...files,
    folder: NORMS_FOLDER,
    identity,
    out,
    threads: 2,
    command: undefined,
    worker: join(fixtures, 'example-job-worker.mjs'),
    columns: [],
    task: (unit, control) => ({
      seeds: Array.from({ length: files.units.start(unit + 1) - files.units.start(unit) }, (_, i) => 10 * unit + i),
      control,
    }),
    progress: { amount: (u) => files.units.start(u + 1) - files.units.start(u) },
    failed: (f, saved) => new Error(`unit ${f.unit}: ${f.message} (${saved} saved)`),
    aborted: (saved, total) => new Error(`stopped: ${saved} of ${total} seeds saved`),
  };
}

afterAll(cleanTemp);

describe('a third job on the grid-job core', () => {
  it('runs, publishes its part and summary with a manifest, and finds the folder complete on rerun', async () => {
    const out = tempDir('norms');
    const run = await runJob(normsJob(35, out));
    expect(run.rows).toBe(35);
    const norms = new Float64Array(Uint8Array.from(readFileSync(join(out, 'norms.f64'))).buffer);
    expect(norms[7]).toBe(Math.hypot(...createRng(7).fillNormal(new Float64Array(16))));
    expect(JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'))).toMatchObject({
      format: 'example-norms/1',
      seedCount: 35,
      blocks: { count: 4, first: 0, last: 4 },
    });
    const again = await runJob(normsJob(35, out));
    expect(again.computed).toBe(0);
    await expect(runJob(normsJob(36, out))).rejects.toBeInstanceOf(ConfigMismatchError);
  });

  it('merges its shards through mergeFolders into the single folder, byte for byte', async () => {
    const whole = (await runJob(normsJob(35, tempDir('norms-whole')))).out;
    const shards = [];
    for (const index of [1, 2, 3])
      shards.push((await runJob(normsJob(35, tempDir(`norms-s${index}`), { index, count: 3 }))).out);
    const merged = await mergeFolders(NORMS, shards.reverse(), tempDir('norms-merged'));
    expect(merged.rows).toBe(35);
    expect(folderDifference(whole, merged.out)).toBeNull();
  });
});
