import { readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const coreDir = resolve(import.meta.dirname, '../../packages/core');
const sources = readdirSync(resolve(coreDir, 'src')).filter((f) => f.endsWith('.ts'));
/** The theory and kernel modules' files: core too, importing only each other and core's own top-level files. */
const subSources = ['theory', 'kernel'].flatMap((dir) =>
  readdirSync(resolve(coreDir, 'src', dir))
    .filter((f) => f.endsWith('.ts'))
    .map((f) => `${dir}/${f}`),
);

describe('@resnet/core runs anywhere: no Node APIs, no runtime dependencies', () => {
  it('imports only its own files', () => {
    for (const file of sources) {
      const text = readFileSync(resolve(coreDir, 'src', file), 'utf8');
      const specifiers = [...text.matchAll(/from\s+'([^']+)'/g)].map((m) => m[1]);
      for (const s of specifiers)
        expect(s, `${file} imports ${s}`).toMatch(/^\.\/((train|theory|kernel)\/)?[\w]+\.js$/);
      expect(text, file).not.toMatch(/\b(process|Buffer|require|__dirname)\b/);
    }
    for (const file of subSources) {
      const text = readFileSync(resolve(coreDir, 'src', file), 'utf8');
      const specifiers = [...text.matchAll(/from\s+'([^']+)'/g)].map((m) => m[1]);
      for (const s of specifiers) expect(s, `${file} imports ${s}`).toMatch(/^\.\.?\/[\w]+\.js$/);
      expect(text, file).not.toMatch(/\b(process|Buffer|require|__dirname|performance)\b/);
    }
  });

  it('declares no dependencies', () => {
    const pkg = JSON.parse(readFileSync(resolve(coreDir, 'package.json'), 'utf8'));
    expect(pkg.dependencies ?? {}).toEqual({});
  });

  it('exports every public function from one explicit entry point', async () => {
    const core = await import('@resnet/core');
    for (const name of [
      'cell',
      'runCell',
      'createRng',
      'createNetwork',
      'forward',
      'backward',
      'measureGradientFlow',
      'replayNotebook',
      'generatePatterns',
      'identityDemo',
      'depthScaling',
      'summaryStats',
    ]) {
      expect(typeof (core as Record<string, unknown>)[name], name).toBe('function');
    }
  });
});
