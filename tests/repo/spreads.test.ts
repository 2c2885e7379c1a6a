// No list is spread into a call's arguments in the packages, the CLI, their benches and scripts: `Math.max(...x)`,
// `Math.min(...x)` and `list.push(...x)` pass every element as an argument, and a grid-sized list (some 120,000
// values and up) overflows the stack ("Maximum call stack size exceeded", issue 19). core's maxOf, minOf and
// pushAll do the same without the spread.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const DIRS = ['packages', 'apps'];
const SKIP = new Set(['node_modules', 'dist', 'coverage']);
/** A spread into Math.max/Math.min (as any argument) or into push/unshift. */
const SPREAD = /Math\.(max|min)\([^()]*\.\.\.|\.(push|unshift)\(\s*\.\.\./;

function sources(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    if (SKIP.has(name)) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) sources(path, out);
    else if (/\.(ts|mts|mjs|js)$/.test(name) && !name.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

describe('no spread of a list into a call', () => {
  it('finds none in packages/ and apps/ (comments aside)', () => {
    const found: string[] = [];
    for (const d of DIRS) {
      if (!existsSync(join(root, d))) continue;
      for (const file of sources(join(root, d)))
        readFileSync(file, 'utf8')
          .split('\n')
          .forEach((line, i) => {
            const code = line
              .replace(/\/\*.*?(\*\/|$)/g, '')
              .replace(/\/\/.*$/, '')
              .replace(/^\s*\*.*$/, '');
            if (SPREAD.test(code)) found.push(`${relative(root, file)}:${i + 1}: ${line.trim()}`);
          });
    }
    expect(found).toEqual([]);
  });

  it('the pattern catches what it is for', () => {
    for (const line of ['Math.max(...xs)', 'Math.max(0, ...xs.map(f))', 'out.push(...rows)', 'Math.min(a, ...b)'])
      expect(SPREAD.test(line), line).toBe(true);
    for (const line of ['Math.max(a, b)', 'maxOf(xs)', 'f(...args)', '[...a, ...b]'])
      expect(SPREAD.test(line), line).toBe(false);
  });
});
