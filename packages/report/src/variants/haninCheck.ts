import { formatTheoryNumber as fmt, jackknife, reluLayerLogVariance, type GroupSums } from '@resnet/core';
import { RULE_CI, row } from './variantRow.js';
import type { VariantTheory } from './variantTheory.js';
import type { VariantGroup } from './variantSums.js';

/** Sample variance (n - 1 in the denominator) of v from the group's per-seed sums of [v, v^2], without seed group skip. */
function variance(s: GroupSums, skip = -1): number {
  const m = s.mean(skip);
  const n = s.count(skip);
  return ((m[1]! - m[0]! * m[0]!) * n) / (n - 1);
}

/**
 * Exact finite-width Var ln(||h_L||^2 / ||x||^2) of a plain ReLU net with Gaussian weights (core/theory's prediction 5): the
 * layers' log-gains are independent, each ln of a chi-square with Binomial(outDim, 1/2) degrees of freedom, whatever
 * sigma_w^2 and fan-in; L - 1 layers of the hidden width, then the output layer of inputSize units.
 */
export function exactLogVariance(g: VariantGroup): number {
  return (g.netDepth - 1) * reluLayerLogVariance(g.fields.width) + reluLayerLogVariance(g.inputSize);
}

/**
 * Prediction 5 (Hanin 2018) on a plain variant with ReLU hidden and output layers and Gaussian weights: the measured
 * variance over seeds of ln(||output||^2 / ||x||^2) at every swept depth, summed, against the exact finite-width sum
 * (a joint jackknife over the seed groups of every depth); the figure plots each depth at beta = L / width.
 */
export function haninCheck(label: string, sorted: VariantGroup[], out: VariantTheory): void {
  const f = sorted[0]!.fields;
  const groups = sorted.filter((g) => g.logGain.count() >= 2);
  if (f.activation !== 'relu' || f.init === 'orthogonal' || groups.length === 0) return;
  if (f.outputActivation !== 'relu') {
    out.notes.push({ label, note: 'prediction 5 (Hanin) needs ReLU at every layer: add --output-activations relu.' });
    return;
  }
  const exact = groups.map(exactLogVariance);
  const e = jackknife(
    (skip) => groups.reduce((s, g) => s + variance(g.logGain, skip), 0) / exact.reduce((s, x) => s + x, 0),
  );
  const hanin =
    groups.reduce((s, g) => s + variance(g.logGain), 0) /
    groups.reduce((s, g) => s + (5 * g.netDepth) / g.fields.width, 0);
  const dead = groups.reduce((s, g) => s + g.dead, 0);
  const deepest = groups.at(-1)!;
  const agrees = e.ci[0] <= 1 && 1 <= e.ci[1];
  const r = row(label, deepest, {
    id: '5b',
    prediction: 5,
    claim: 'Var ln(||h_L||²/||x||²) = exact finite-width sum over layers',
    quantity: `sum over ${groups.length} depths of measured Var / sum of exact`,
    predicted: 1,
    measured: e.value,
    ci: e.ci,
    rule: RULE_CI,
    agrees,
    detail:
      `at depth ${deepest.depth}: measured ${fmt(variance(deepest.logGain))}, exact ${fmt(exactLogVariance(deepest))}, Hanin's leading order 5β = ${fmt((5 * deepest.netDepth) / deepest.fields.width)}; ` +
      `over all depths the measured variance is ${fmt(hanin)}x 5β (the leading order in 1/width only). ${dead} dead nets (output 0) left out.`,
  });
  out.rows.push(r);
  out.predictions.push({
    label,
    title: `${label}: Var ln(||h_L||²/||x||²) against β (prediction 5)`,
    source: 'Hanin 2018; Hanin and Rolnick 2018',
    seeds: Math.max(...groups.map((g) => g.cells)),
    rowIds: [r.id],
    figure: {
      xTitle: 'β = L / width',
      yTitle: 'Var over seeds of ln(||h_L||²/||x||²)',
      logY: false,
      series: [
        {
          name: `width ${f.width}`,
          points: groups.map((g, i) => {
            const v = jackknife((skip) => variance(g.logGain, skip), 0.95);
            return { x: g.netDepth / g.fields.width, mean: v.value, lo: v.ci[0], hi: v.ci[1], theory: exact[i]! };
          }),
        },
      ],
      theoryNote:
        'the exact finite-width variance (L − 1)·Var[ln χ²_K | K ≥ 1], K ~ Binomial(width, 1/2), plus the output layer’s term (K ~ Binomial(input size, 1/2)).',
    },
  });
}
