import { randomBytes } from 'node:crypto';
import { mkdir, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { ReportOptionsError, type ReportOptionName } from './errors.js';

const codeOf = (e: unknown) => (e as NodeJS.ErrnoException).code ?? (e as Error).message;
const unusable = (option: ReportOptionName, value: string, why: string) =>
  new ReportOptionsError(option, value, 'a path where the report can write', `${why}. Pick a folder you can write to.`);

/** The deepest existing ancestor of path (path itself when it exists), or an error code met on the way. */
async function existingAncestor(
  path: string,
): Promise<{ path: string; isDir: boolean } | { path: string; code: string }> {
  let p = path;
  for (;;) {
    try {
      return { path: p, isDir: (await stat(p)).isDirectory() };
    } catch (e) {
      const code = codeOf(e);
      if (code !== 'ENOENT' || dirname(p) === p) return { path: p, code };
      p = dirname(p);
    }
  }
}

/** A temp name beside file, unique to this process and call (never collides with a user's file). */
export function tempName(file: string): string {
  return join(dirname(file), `.${basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
}

/**
 * Checks, before any work, that dir can be created (if missing) and written to, so an unusable path
 * fails at once naming the option: its nearest existing ancestor must be a folder that takes a file
 * (probed with a temp file, removed at once). Creates nothing.
 */
export async function checkOutputDir(dir: string, option: ReportOptionName, value = dir): Promise<void> {
  const found = await existingAncestor(dir);
  if ('code' in found) throw unusable(option, value, `${found.path} cannot be looked at (${found.code})`);
  if (!found.isDir) throw unusable(option, value, `${found.path} is a file, not a folder`);
  const probe = tempName(join(found.path, 'probe'));
  try {
    await writeFile(probe, '', { flag: 'wx' });
  } catch (e) {
    throw unusable(option, value, `cannot create a file in ${found.path} (${codeOf(e)})`);
  }
  await unlink(probe).catch(() => undefined);
}

/**
 * Creates dir and its missing parents one level at a time. Never `mkdir({ recursive: true })`: on
 * paths like /proc/forbidden Node's recursive mkdir spins forever; one level at a time fails at once.
 */
export async function makeDir(dir: string, option: ReportOptionName, value = dir): Promise<void> {
  const missing: string[] = [];
  for (let p = dir; ; p = dirname(p)) {
    try {
      if (!(await stat(p)).isDirectory()) throw unusable(option, value, `${p} is a file, not a folder`);
      break;
    } catch (e) {
      if (e instanceof ReportOptionsError) throw e;
      if (codeOf(e) !== 'ENOENT' || dirname(p) === p)
        throw unusable(option, value, `${p} cannot be looked at (${codeOf(e)})`);
      missing.push(p);
    }
  }
  for (const p of missing.reverse()) {
    try {
      await mkdir(p);
    } catch (e) {
      if (
        codeOf(e) === 'EEXIST' &&
        (await stat(p).then(
          (s) => s.isDirectory(),
          () => false,
        ))
      )
        continue;
      throw unusable(option, value, `cannot create the folder ${p} (${codeOf(e)})`);
    }
  }
}

/** Writes file whole or not at all: into a temp file beside it, then renamed over it; the temp file is removed on failure. */
export async function writeAtomic(file: string, data: string | Uint8Array): Promise<void> {
  const tmp = tempName(file);
  try {
    await writeFile(tmp, data, { flag: 'wx' });
    await rename(tmp, file);
  } catch (e) {
    await unlink(tmp).catch(() => undefined);
    throw e;
  }
}
