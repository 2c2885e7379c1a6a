import { readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const srcDir = resolve(import.meta.dirname, '../../../packages/core/src');
/** The training code and the embedded WebAssembly it runs (src/wasm), as paths under src. */
const sources = ['train', 'wasm'].flatMap((dir) =>
  readdirSync(resolve(srcDir, dir))
    .filter((f) => f.endsWith('.ts'))
    .map((f) => `${dir}/${f}`),
);

describe('@resnet/core training code is pure', () => {
  it('imports only core files and uses no Node APIs', () => {
    expect(sources.length).toBeGreaterThan(10);
    expect(sources).toContain('wasm/instantiate.ts');
    for (const file of sources) {
      const text = readFileSync(resolve(srcDir, file), 'utf8');
      const specifiers = [...text.matchAll(/from\s+'([^']+)'/g)].map((m) => m[1]);
      // A sibling, a file of src, or a module of src/wasm.
      for (const s of specifiers) expect(s, `${file} imports ${s}`).toMatch(/^(\.\/|\.\.\/|\.\.\/wasm\/)[\w]+\.js$/);
      expect(text, file).not.toMatch(/\b(process|Buffer|require|__dirname)\b/);
    }
  });
});
