// Every way a run can fail ends in one clear line (issue 19): a full or broken disk while publishing or merging,
// FIFOs where the folder module reads, and what a careless command line asks for.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

import { repoRoot, resnet, start, type RunResult } from './run.js';

const made: string[] = [];
const tmp = () => {
  const dir = mkdtempSync(join(tmpdir(), 'resnet-cli-trust-'));
  made.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/** `resnet args...` with the file system failing as FAIL_* say (tests/fixtures/fail-writes.mjs). */
function withFailingDisk(fail: Record<string, string>, ...args: string[]): Promise<RunResult> {
  const preload = join(repoRoot, 'tests', 'fixtures', 'fail-writes.mjs');
  return start(args, { env: fail, nodeArgs: ['--import', preload] }).done;
}

/** Whether two folders' manifests list the same files with the same bytes (their commands name their own --out). */
function sameFiles(a: string, b: string): boolean {
  const files = (dir: string) => JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')).files as object;
  if (JSON.stringify(files(a)) !== JSON.stringify(files(b))) return false;
  return Object.keys(files(a)).every((name) => readFileSync(join(a, name)).equals(readFileSync(join(b, name))));
}

/** Runs `resnet args...`, killed (and failed) if it takes longer than `ms` (a hang). */
async function within(ms: number, ...args: string[]): Promise<RunResult> {
  const run = start(args);
  const timer = setTimeout(() => run.child.kill('SIGKILL'), ms);
  const r = await run.done;
  clearTimeout(timer);
  expect(r.signal, `resnet ${args.join(' ')} hung`).toBeNull();
  return r;
}

const SWEEP = ['sweep', '--depths', '3,4', '--seeds', '3', '--no-report', '--format', 'parquet,jsonl'];
const TRAIN = ['train', '--depths', '4', '--seeds', '2', '--epochs', '1', '--width', '8', '--limit', '100'];

describe('a disk that fails while the folder is published says what was kept and the command that resumes', () => {
  it.each([
    ['sweep', SWEEP, { FAIL_PATH: 'summary.csv.tmp', FAIL_CODE: 'ENOSPC' }, /no space left on device \(ENOSPC\)/, 12],
    ['train', TRAIN, { FAIL_PATH: '.ordered', FAIL_CODE: 'EIO', FAIL_ON: 'fsync' }, /i\/o error \(EIO\)/, 4],
  ] as const)(
    '%s',
    async (_job, args, fail, why, rows) => {
      const out = join(tmp(), 'out');
      const reference = join(tmp(), 'ref');
      expect((await resnet(...args, '--no-report', '--out', reference)).code).toBe(0);
      const r = await withFailingDisk(fail, ...args, '--no-report', '--out', out);
      // Before: `resnet: ENOSPC: no space left on device, write` (or EIO, fsync), nothing about the work or resuming.
      expect(r.code).toBe(1);
      const line = r.stderr.trim().split('\n').at(-1)!;
      expect(line).toMatch(/^resnet: Could not write .* while publishing the folder: /);
      expect(line).toMatch(why);
      expect(line).toMatch(
        new RegExp(`All ${rows} (cells|runs) are computed and kept in .*\\.resume; nothing is lost\\.`),
      );
      expect(line).toContain(`rerun the same command to resume: resnet ${args.join(' ')} --no-report --out ${out}`);
      // The command it names finishes the folder from what was kept, the same bytes as a run on a good disk.
      const again = await resnet(...args, '--no-report', '--out', out);
      expect(again.code).toBe(0);
      expect(sameFiles(reference, out)).toBe(true);
    },
    120_000,
  );

  it('merge: nothing is published, no temporary file is left, the shards are unchanged', async () => {
    const root = tmp();
    for (const i of [1, 2])
      expect((await resnet(...SWEEP, '--shard', `${i}/2`, '--out', join(root, `s${i}`))).code).toBe(0);
    const out = join(root, 'all');
    const r = await withFailingDisk(
      { FAIL_PATH: 'cells.jsonl.tmp', FAIL_CODE: 'ENOSPC' },
      'merge',
      join(root, 's1'),
      join(root, 's2'),
      '--out',
      out,
      '--no-report',
    );
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toMatch(
      /^resnet: Could not write the merged folder .*: no space left on device \(ENOSPC\)\. Nothing was published and no temporary file is left/,
    );
    expect(readdirSync(out).filter((n) => n.endsWith('.tmp') || n === 'manifest.json')).toEqual([]);
  }, 120_000);
});

describe('FIFOs where the folder module reads are refused at once, never waited on', () => {
  it('a manifest.json that is a FIFO (resnet sweep waited forever)', async () => {
    const out = tmp();
    execFileSync('mkfifo', [join(out, 'manifest.json')]);
    const r = await within(30_000, ...SWEEP, '--out', out);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/manifest\.json is a special file \(a FIFO, a device or a socket\), not a file/);
  }, 60_000);

  it('a .lock that is a FIFO counts as a lock being written (resnet sweep waited forever)', async () => {
    const out = tmp();
    execFileSync('mkfifo', [join(out, '.lock')]);
    const r = await within(30_000, ...SWEEP, '--out', out);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/is being locked by another process right now/);
  }, 60_000);
});
