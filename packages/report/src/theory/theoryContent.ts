import { MIN_EFFECTIVE_SEEDS, type SeedPlan, type TheoryResult, verdictCounts } from '@resnet/core';
import type { Item } from '../html/sections.js';

/** theory.html's opening paragraph: what was measured, the verdicts in counts and the rule in one sentence. */
export function theoryLede(result: TheoryResult, json: string): string {
  const failing = result.rows.filter((r) => r.verdict === 'fails').map((r) => `${r.id} (${r.setting})`);
  const open = result.rows.filter((r) => r.verdict === 'inconclusive').length;
  return (
    'Five predictions from the literature about gradient flow at initialisation, each measured over seeds and held against its theory. ' +
    `Of ${result.rows.length} checks, ${verdictCounts(result.rows)}` +
    (failing.length ? `; failing: ${failing.join(', ')}` : '') +
    (open ? ' (each inconclusive row says how many seeds would decide it)' : '') +
    '. A check agrees only when its interval lies within the tolerance fixed in advance (so a deviation of that size would have shown), ' +
    `fails when the interval lies beyond it, and is inconclusive otherwise; nothing is fitted. Data: ${json}.`
  );
}

const planText = (p: SeedPlan, what: string) =>
  p.looks === 1
    ? `${p.start} per ${what}, one look, ${100 * p.level}% intervals`
    : `adaptive per ${what}: ${p.start} first, then more while a row is inconclusive and the seeds it needs are at most ${p.max}, up to ${p.looks} looks at ${Number((100 * p.level).toFixed(3))}% each (1% over all looks)`;

/** theory.html's settings: seed plans, networks, the grid and the interval method. */
export function theorySettingItems(result: TheoryResult): Item[] {
  const o = result.options;
  return [
    {
      label: 'Seeds',
      value: `${planText(o.plan, 'network')} (predictions 1 and 4); ${planText(o.haninPlan, 'net of the grid')} (prediction 5); ${o.exactSeeds} per network for the exact identities (predictions 2 and 3); ${o.approachSeeds} per net of the approach over widths; seeds 0, 1, 2, … (createRng(seed): weights, then x)`,
    },
    {
      label: 'Networks',
      value: `width ${o.width} (= input size); plain depth ${o.depth} and ${o.deepDepth}; ${o.blocks} residual blocks; widths ${o.approachWidths.join(', ')} for the approach of the width → ∞ laws; He init unless a row says otherwise`,
    },
    { label: 'Hanin grid', value: o.haninGrid.map((c) => `${c.width}×${c.depth}`).join(', ') },
    { label: 'Equal-β pair', value: o.haninPair.map((c) => `${c.width}×${c.depth}`).join(' and ') },
    {
      label: 'Intervals',
      value: `delete-one-group jackknife over 20 groups of seeds (seed mod 20), t with 19 df, on the log scale for positive quantities (means of squared norms, their ratios, variances): 95% bands in figures, the verdict’s level in the table; a mean carried by fewer than ${MIN_EFFECTIVE_SEEDS} effective seeds ((Σx)²/Σx²) is not trusted`,
    },
  ];
}
