// A folder on disk is untrusted input (issue 19): a hostile manifest, a link or a FIFO planted in a folder, a damaged
// resume state. Every case runs through the shared folder code (folder/, job/) for both jobs, the sweep and training.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigMismatchError, FolderFormatError, GridError, IncompleteError, MergeAbortedError } from '@resnet/sweep';
import { cleanTemp, folderDifference, tempDir } from './helpers.js';
import { JOBS, SWEEP, TRAIN, editManifest, snapshot, type JobUnderTest } from './jobs.js';

afterAll(cleanTemp);

const references = new Map<string, string>();
/** A finished folder of the job (made once), copied into a fresh folder. */
async function finished(job: JobUnderTest): Promise<string> {
  if (!references.has(job.name)) {
    const out = tempDir(`${job.name}-ref`);
    await job.run(out);
    references.set(job.name, out);
  }
  // A folder one level down, so `..` is a temporary folder of this test too.
  const copy = join(tempDir(`${job.name}-copy`), 'out');
  cpSync(references.get(job.name)!, copy, { recursive: true });
  return copy;
}

/** A folder holding a resume state (config, empty journal and parts): a run stopped before its first unit. */
async function unfinished(job: JobUnderTest): Promise<string> {
  const out = tempDir(`${job.name}-stopped`);
  const stop = new AbortController();
  stop.abort();
  await expect(job.run(out, { signal: stop.signal })).rejects.toHaveProperty('kind', 'interrupted');
  expect(existsSync(join(out, '.resume', 'config.json'))).toBe(true);
  return out;
}

/** A file outside every folder the job is given, with known content. */
function victim(): { path: string; intact: () => boolean } {
  const path = join(tempDir('victim'), 'victim.txt');
  const content = 'PAR1 precious data that no run may touch\n';
  writeFileSync(path, content);
  return { path, intact: () => existsSync(path) && readFileSync(path, 'utf8') === content };
}

describe.each(JOBS)('%s: a manifest is untrusted input', (_name, job) => {
  it.each([['../victim.txt'], ['/etc/../VICTIM']])(
    'a manifest listing %s is refused before anything is removed (the repair path deleted it)',
    async (name) => {
      const out = await finished(job);
      const target = victim();
      // The victim sits beside the folder, where `../victim.txt` points; the file the manifest lists is damaged, so
      // before the name check the repair path removed every listed file: rmSync(join(out, '../victim.txt')).
      cpSync(target.path, join(out, '..', 'victim.txt'));
      editManifest(out, (m) => {
        (m.files as Record<string, unknown>)[name] = { bytes: 1, crc32: '00000000' };
      });
      const before = snapshot(out);
      const run = job.run(out);
      await expect(run).rejects.toThrowError(FolderFormatError);
      await expect(run).rejects.toThrowError(/lists a file .*which a .* folder never holds/);
      expect(existsSync(join(out, '..', 'victim.txt'))).toBe(true);
      expect(snapshot(out)).toEqual(before);
    },
  );

  it('an edited row count is one verdict everywhere: the rerun repairs it, merge refuses it', async () => {
    const out = await finished(job);
    editManifest(out, (m) => {
      m[job.countKey] = job.rows * 2;
    });
    // Merge refuses it, naming the count (this was already so).
    await expect(job.merge([out], tempDir('merged'))).rejects.toThrowError(
      new RegExp(`says ${job.rows * 2} ${job.items}, but its grid and shard hold ${job.rows}`),
    );
    // The rerun called it complete (computed 0) before counts were checked on inspection: now it is damaged and
    // recomputed, and the repair says why.
    const r = await job.run(out);
    expect(r.repaired.join('; ')).toMatch(new RegExp(`says ${job.rows * 2} ${job.items}, but its grid`));
    expect(r.computed).toBe(job.rows);
    expect(folderDifference(references.get(job.name)!, out)).toBeNull();
  });

  it('an edited unit range (blocks) is damaged too: merge refuses a shard whose manifest claims more', async () => {
    const shard = tempDir(`${job.name}-half`);
    await job.run(shard, { shard: { index: 1, count: 2 } });
    editManifest(shard, (m) => {
      const b = m.blocks as { count: number; last: number };
      b.last = b.count; // "holds every unit": a complete folder of half the rows
      m[job.countKey] = job.rows;
    });
    await expect(job.merge([shard], tempDir('merged'))).rejects.toThrowError(IncompleteError);
    const r = await job.run(shard, { shard: { index: 1, count: 2 } });
    expect(r.repaired.join('; ')).toMatch(/says blocks .* but its grid and shard hold units 0\.\./);
  });
});

describe.each(JOBS)('%s: links, FIFOs and damaged resume files are never followed', (_name, job) => {
  it('a link planted at summary.csv.tmp is replaced, not written through (repair path)', async () => {
    const out = await finished(job);
    const target = victim();
    writeFileSync(join(out, job.parquet), 'damaged'); // the rerun repairs the folder and publishes again
    symlinkSync(target.path, join(out, 'summary.csv.tmp'));
    const r = await job.run(out);
    expect(r.repaired.length).toBeGreaterThan(0);
    // Before: writeAtomic opened the tmp name with 'w', truncating the victim and writing the summary into it.
    expect(target.intact()).toBe(true);
    expect(folderDifference(references.get(job.name)!, out)).toBeNull();
  });

  it('a resume part that is a link is refused, and the file it points at is untouched', async () => {
    const out = await unfinished(job);
    const target = victim();
    const part = join(out, '.resume', `${job.parquet}.part`);
    rmSync(part);
    symlinkSync(target.path, part);
    // Before: recover() found no good entry in it and truncated it to its 4-byte header, through the link.
    const run = job.run(out);
    await expect(run).rejects.toThrowError(FolderFormatError);
    await expect(run).rejects.toThrowError(/is a symbolic link, not a file: resnet never makes one there/);
    await expect(run).rejects.toThrowError(/Delete .*\.resume to start over/);
    expect(target.intact()).toBe(true);
  });

  it('a link at a published name beside a resume state is removed itself, never followed', async () => {
    const out = await unfinished(job);
    const target = victim();
    rmSync(join(out, '.resume', `${job.parquet}.part`));
    symlinkSync(target.path, join(out, job.parquet));
    // Before: recover() took it for a part published before a kill, moved the link into .resume/ and truncated the
    // file it points at.
    const r = await job.run(out);
    expect(r.computed).toBe(job.rows);
    expect(target.intact()).toBe(true);
    expect(folderDifference(references.get(job.name)!, out)).toBeNull();
  });

  it('a journal that is a folder, or a config.json that is no JSON, is a clear refusal saying what to do', async () => {
    const out = await unfinished(job);
    const journal = join(out, '.resume', 'journal.jsonl');
    rmSync(journal);
    mkdirSync(journal);
    // Before: EISDIR: illegal operation on a directory, read (a raw Node error, exit 1).
    const run = job.run(out);
    await expect(run).rejects.toThrowError(FolderFormatError);
    await expect(run).rejects.toThrowError(/journal\.jsonl is a folder, not a file.*Delete .*\.resume to start over/);
    rmSync(journal, { recursive: true });
    writeFileSync(join(out, '.resume', 'config.json'), '{"format": "resnet-');
    const again = job.run(out);
    await expect(again).rejects.toThrowError(FolderFormatError);
    await expect(again).rejects.toThrowError(
      /config\.json is not valid JSON .* The resume state is damaged\. Delete .*\.resume to start over/,
    );
    expect(await again.catch((e: unknown) => e)).toHaveProperty('kind', 'state');
  });

  it('a manifest.json that is a FIFO is refused at once (reading it waited forever)', async () => {
    const out = tempDir(`${job.name}-fifo`);
    execFileSync('mkfifo', [join(out, 'manifest.json')]);
    // Before: readFileSync blocked on the FIFO; this test would hang (the CLI test checks it in a child process).
    await expect(job.run(out)).rejects.toThrowError(
      /manifest\.json is a special file \(a FIFO, a device or a socket\)/,
    );
  });
});

describe.each(JOBS)('%s: merge refuses every --out it must not write', (_name, job) => {
  it('a folder of the other job, one with a live .resume/, results without a manifest, an input through a link', async () => {
    const shards = [tempDir('s1'), tempDir('s2')];
    for (const [i, s] of shards.entries()) await job.run(s, { shard: { index: i + 1, count: 2 } });
    const other = await finished(job === SWEEP ? TRAIN : SWEEP);
    const otherBefore = snapshot(other);
    // The other job's finished folder (training merge overwrote a sweep folder, orphaning its cells).
    await expect(job.merge(shards, other)).rejects.toThrowError(FolderFormatError);
    expect(snapshot(other)).toEqual(otherBefore);
    // A folder being written (a live resume state).
    const live = await unfinished(job);
    const liveBefore = snapshot(live);
    await expect(job.merge(shards, live)).rejects.toThrowError(/holds an unfinished .*nothing was written/);
    expect(snapshot(live)).toEqual(liveBefore);
    // Results without a manifest (not a finished folder of this job).
    const orphan = tempDir('orphan');
    writeFileSync(join(orphan, job.parquet), 'someone else’s results');
    await expect(job.merge(shards, orphan)).rejects.toThrowError(/holds .* but no manifest\.json/);
    expect(readFileSync(join(orphan, job.parquet), 'utf8')).toBe('someone else’s results');
    // One of its own inputs, reached through a link (paths compared after resolving links).
    const link = join(tempDir('link'), 'to-s1');
    symlinkSync(shards[0]!, link);
    await expect(job.merge(shards, link)).rejects.toThrowError(GridError);
    // A finished folder of another identity of the same job.
    const another = tempDir('another');
    await expect(job.merge(shards, another)).resolves.toEqual({ rows: job.rows });
    editManifest(another, (m) => {
      (m.versions as Record<string, string>)['@resnet/core'] = '0.0.0';
    });
    const anotherBefore = snapshot(another);
    await expect(job.merge(shards, another)).rejects.toThrowError(ConfigMismatchError);
    expect(snapshot(another)).toEqual(anotherBefore);
  });

  it('a link planted at a temporary name in --out is replaced, not written through', async () => {
    const shards = [tempDir('s1'), tempDir('s2')];
    for (const [i, s] of shards.entries()) await job.run(s, { shard: { index: i + 1, count: 2 } });
    const out = tempDir('merged');
    const target = victim();
    symlinkSync(target.path, join(out, `${job.parquet}.tmp`));
    await job.merge(shards, out);
    // Before: the merged part was written through the link into the victim, then the link renamed into place.
    expect(target.intact()).toBe(true);
    expect(folderDifference(await finished(job), out)).toBeNull();
  });

  it('a stopped merge leaves --out as it was: no merged file, no *.tmp, the old manifest in place', async () => {
    const shards = [tempDir('s1'), tempDir('s2')];
    for (const [i, s] of shards.entries()) await job.run(s, { shard: { index: i + 1, count: 2 } });
    const out = tempDir('merged');
    await job.merge(shards, out);
    const before = snapshot(out);
    const stop = new AbortController();
    const merging = job.merge(shards, out, stop.signal);
    stop.abort(); // the merge is past its checks and writing its first temporary file
    // Before: mergeFolders took no signal; a signal killed the CLI mid-copy and left `<name>.tmp` files behind.
    await expect(merging).rejects.toThrowError(MergeAbortedError);
    await expect(merging).rejects.toThrowError(/is as it was before .*no temporary file/);
    expect(readdirSync(out).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    expect(snapshot(out)).toEqual(before);
  });
});
