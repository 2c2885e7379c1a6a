import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * Version of an installed package as the module at `from` resolves it (default: this package), found by
 * walking up from its entry point to its package.json; null if not found.
 */
export function packageVersion(name: string, from: string = import.meta.url): string | null {
  const require = createRequire(from);
  try {
    // Packages without an `exports` map (or that export it) resolve their package.json directly.
    return (
      (JSON.parse(readFileSync(require.resolve(`${name}/package.json`), 'utf8')) as { version?: string }).version ??
      null
    );
  } catch {
    // an exports map hides package.json: find it from the entry point
  }
  try {
    let dir = dirname(require.resolve(name));
    for (let i = 0; i < 6; i++) {
      try {
        const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
        if (pkg.name === name) return pkg.version ?? null;
      } catch {
        // no package.json at this level: keep walking up
      }
      dir = dirname(dir);
    }
  } catch {
    // not installed
  }
  return null;
}

/** The versions of `names` as `from` resolves them (`unknown` where not installed), then Node's. */
export function packageVersions(names: readonly string[], from: string = import.meta.url): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of names) out[name] = packageVersion(name, from) ?? 'unknown';
  out['node'] = process.version;
  return out;
}

/** Versions a job folder records: @resnet/core, @resnet/sweep and Node. */
export function folderVersions(): Record<string, string> {
  return packageVersions(['@resnet/core', '@resnet/sweep']);
}
