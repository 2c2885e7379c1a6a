// The docs say what the code declares: the axes table and the depth-unit words come from one place.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEPTH_UNIT_HELP, axisTable } from '@resnet/sweep';
import { resnet } from '../cli/run.js';

const read = (path: string) => readFileSync(resolve(import.meta.dirname, '../..', path), 'utf8');

describe('docs derived from the declarations', () => {
  it("docs/sweep-format.md's axes table is axisTable(), the declarations' own", () => {
    const doc = read('docs/sweep-format.md');
    const table = /<!-- axes:begin -->\n([\s\S]*?)\n<!-- axes:end -->/.exec(doc)?.[1];
    expect(table).toBe(axisTable());
  });

  it('--depth-unit is described in the same words by both commands and the README', async () => {
    const words = DEPTH_UNIT_HELP.split(' ');
    const readme = read('README.md').replace(/\s+/g, ' ');
    expect(readme).toContain(DEPTH_UNIT_HELP);
    for (const cmd of ['sweep', 'train']) {
      const help = (await resnet(cmd, '--help')).stdout.replace(/\s+/g, ' ');
      expect(help, cmd).toContain(words.join(' '));
    }
  });
});
