import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as core from '@resnet/core';

const readme = readFileSync(resolve(import.meta.dirname, '../../README.md'), 'utf8');

describe("README's @resnet/core example", () => {
  it('runs as written and logs what its comments say', () => {
    const block = readme.match(/```ts\n([\s\S]*?)```/)![1];
    const imported = block.match(/import \{([^}]+)\} from '@resnet\/core';/)!;
    const body = block.replace(imported[0], '');
    const logs: unknown[][] = [];
    const names = imported[1].split(',').map((s) => s.trim());
    // The block is plain JavaScript apart from the import: run it with the imports passed in.
    new Function('console', ...names, body)(
      { log: (...a: unknown[]) => logs.push(a) },
      ...names.map((n) => (core as Record<string, unknown>)[n]),
    );
    expect(logs).toHaveLength(2);
    expect(typeof logs[0][0]).toBe('number');
    expect(logs[0][1]).toBe(22);
    expect(logs[1][0]).toHaveLength(30);
  });
});
