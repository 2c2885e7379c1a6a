import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { variantTheory } from '@resnet/core';
import { VariantSums, loadSweep } from '@resnet/report';
import { runSweep } from '@resnet/sweep';

const root = mkdtempSync(join(tmpdir(), 'report-batch-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('a sweep over batches in the variants theory', () => {
  it('labels each variant batch=n and checks the predictions (stated for one input) only at batch 1', async () => {
    const out = join(root, 'sweep');
    await runSweep({
      archs: ['plain', 'residual'],
      depths: [3, 6],
      seeds: { start: 0, count: 20 },
      threads: 1,
      out,
      width: 8,
      inputSize: 8,
      axes: { batch: [1, 4] },
    });
    let sums: VariantSums | null = null;
    await loadSweep(out, {
      visit: (m) => {
        const s = new VariantSums(m.grid.seeds.start);
        sums = s;
        return (c, variant, depth) => s.add(c, variant, depth);
      },
    });
    const groups = [...(sums as unknown as VariantSums).groups.values()];
    expect(new Set(groups.map((g) => `${g.arch}: ${g.variant} (${g.fields.batch})`))).toEqual(
      new Set(['plain: batch=1 (1)', 'plain: batch=4 (4)', 'residual: batch=1 (1)', 'residual: batch=4 (4)']),
    );
    const theory = variantTheory(groups);
    const labels = new Set(theory.rows.map((r) => r.label));
    expect(labels.has('plain: batch=1')).toBe(true);
    expect([...labels].filter((l) => l?.includes('batch=4'))).toEqual([]);
    for (const arch of ['plain', 'residual'])
      expect(theory.notes.find((n) => n.label === `${arch}: batch=4`)?.note).toMatch(
        /one input per net: batch 4 .*--batch 1/,
      );
  });
});
