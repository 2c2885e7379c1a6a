import { readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const trainDir = resolve(import.meta.dirname, '../../../packages/core/src/train');
const sources = readdirSync(trainDir).filter((f) => f.endsWith('.ts'));

describe('@resnet/core training code is pure', () => {
  it('imports only core files and uses no Node APIs', () => {
    expect(sources.length).toBeGreaterThan(10);
    for (const file of sources) {
      const text = readFileSync(resolve(trainDir, file), 'utf8');
      const specifiers = [...text.matchAll(/from\s+'([^']+)'/g)].map((m) => m[1]);
      for (const s of specifiers) expect(s, `${file} imports ${s}`).toMatch(/^\.\.?\/[\w]+\.js$/);
      expect(text, file).not.toMatch(/\b(process|Buffer|require|__dirname)\b/);
    }
  });
});
