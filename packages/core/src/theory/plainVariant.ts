import { bandSeries, component } from './bandSeries.js';
import { fmt } from './format.js';
import { exactLogVariance, type HaninNet, haninSumRow, logGainVariance } from './haninLaws.js';
import { jackknife } from './jackknife.js';
import { dWRatioRow, slopeRow } from './plainLaws.js';
import type { TheorySeries } from './types.js';
import { type VariantGroup, type VariantTheory, variantRow } from './variantTypes.js';
import { maxOf } from '../extrema.js';

const gaussian = (g: VariantGroup) => g.fields.init !== 'orthogonal';
const he = (g: VariantGroup) => gaussian(g) && Math.abs(g.fields.sigmaW2 - 2) < 1e-12;

const NOTEBOOK_NOTE =
  'the law assumes a backward signal independent of the forward pass: with a ReLU output and dout = ones it is not zero-mean (--dout normal --output-activations linear makes it so)';
const ALONE_NOTE =
  'one of the notebook’s two changes alone (dout or the output activation) keeps the backward signal nearly zero-mean';

/**
 * Prediction 1 on a plain variant at its deepest depth of >= 3 layers: 1a (forward slope), 1b (backward slope, with a
 * zero-mean output gradient) and, at sigma_w^2 = 2, the first/last mean ||dW||^2 as 1c, 1d or 1e by its output gradient.
 */
export function plainChecks(sorted: VariantGroup[], level: number, out: VariantTheory): void {
  const label = sorted[0].label;
  const g = [...sorted].reverse().find((x) => x.netDepth >= 3);
  const f = sorted[0].fields;
  if (!g || f.activation !== 'relu' || !gaussian(g)) {
    if (g && f.activation === 'relu')
      out.notes.push({ label, note: 'prediction 1 needs Gaussian weights (--inits he, xavier or lecun).' });
    return;
  }
  const L = g.netDepth;
  const n = g.fields.width;
  const s2 = g.fields.sigmaW2;
  const zeroMean = f.outputActivation === 'linear' && f.dout === 'normal';
  const setting = `${label}, L = ${L}`;
  const ids: string[] = ['1a'];
  out.rows.push(variantRow(g, slopeRow('1a', g.sums, L, s2, setting, level)));
  if (zeroMean) {
    ids.push('1b');
    out.rows.push(variantRow(g, slopeRow('1b', g.sums, L, s2, setting, level)));
  } else
    out.notes.push({
      label,
      note: 'prediction 1’s backward law needs a zero-mean output gradient: add --dout normal --output-activations linear.',
    });
  const hidden = L - 1;
  const series: TheorySeries[] = [
    bandSeries({
      name: label,
      panel: 'forward ||h_l||²',
      sums: g.sums,
      count: hidden,
      stat: component(0),
      theory: (l) => n * (s2 / 2) ** (l + 1),
    }),
  ];
  if (zeroMean)
    series.push(
      bandSeries({
        name: label,
        panel: 'backward ||δ_l||²',
        sums: g.sums,
        count: hidden,
        stat: component(L),
        theory: (l) => n * s2 * (s2 / 2) ** (L - 2 - l),
      }),
    );
  if (he(g)) {
    const notebook = f.outputActivation === 'relu' && f.dout === 'ones';
    const id = zeroMean ? '1c' : notebook ? '1d' : '1e';
    ids.push(id);
    out.rows.push(
      variantRow(g, dWRatioRow(id, g.sums, L, setting, level, zeroMean ? '' : notebook ? NOTEBOOK_NOTE : ALONE_NOTE)),
    );
    series.push(
      bandSeries({
        name: label,
        panel: '||dW_l||²',
        sums: g.sums,
        count: L,
        stat: component(2 * L),
        theory: zeroMean ? () => n * n : () => null,
      }),
    );
  }
  out.predictions.push({
    label,
    prediction: 1,
    kind: 'a factor σ²/2 per layer',
    rows: ids.map((id) => ({ id, label })),
    title: `${label}: ×σ²/2 per layer (prediction 1)`,
    source: 'He et al. 2015 sec. 2.2',
    seeds: g.cells,
    figure: {
      xTitle: 'weight layer l',
      yTitle: 'mean squared norm over seeds',
      logY: true,
      series,
      theoryNote: `n(σ²/2)^l forward${zeroMean ? ' and nσ²(σ²/2)^(L−1−l) backward' : ''} (n = ${n}, σ² = ${fmt(s2)}, L = ${L})${he(g) && zeroMean ? `; n² = ${n * n} for ||dW_l||²` : ''}.`,
    },
  });
}

/**
 * Exact finite-width Var ln(||h_L||^2 / ||x||^2) of a plain variant (prediction 5's 5b): L - 1 layers of the hidden
 * width, then the output layer of inputSize units.
 */
export const variantLogVariance = (g: VariantGroup): number =>
  exactLogVariance([...Array(g.netDepth - 1).fill(g.fields.width), g.inputSize]);

/**
 * Prediction 5 (Hanin 2018) on a plain variant with ReLU hidden and output layers and Gaussian weights: the measured
 * variance over seeds of ln(||output||^2 / ||x||^2) summed over every swept depth, against the exact finite-width sum
 * (5b, a joint jackknife over the seed groups); its figure plots each depth at beta = L / width.
 */
export function haninCheck(sorted: VariantGroup[], level: number, out: VariantTheory): void {
  const label = sorted[0].label;
  const f = sorted[0].fields;
  const groups = sorted.filter((g) => g.logGain.count() >= 2);
  if (f.activation !== 'relu' || f.init === 'orthogonal' || groups.length === 0) return;
  if (f.outputActivation !== 'relu') {
    out.notes.push({ label, note: 'prediction 5 (Hanin) needs ReLU at every layer: add --output-activations relu.' });
    return;
  }
  const nets: HaninNet[] = groups.map((g) => ({
    sums: g.logGain,
    beta: g.netDepth / g.fields.width,
    exact: variantLogVariance(g),
    dead: g.dead,
  }));
  const deepest = groups.at(-1)!;
  const detail = `at depth ${deepest.depth}: measured ${fmt(logGainVariance(deepest.logGain))}, exact ${fmt(nets.at(-1)!.exact)}, Hanin's leading order 5β = ${fmt((5 * deepest.netDepth) / deepest.fields.width)}.`;
  out.rows.push(variantRow(deepest, haninSumRow('5b', nets, `${label}, ${groups.length} depths`, level, '', detail)));
  out.predictions.push({
    label,
    prediction: 5,
    kind: 'Var ln(||h_L||²/||x||²) against β',
    rows: [{ id: '5b', label }],
    title: `${label}: Var ln(||h_L||²/||x||²) against β (prediction 5)`,
    source: 'Hanin 2018; Hanin and Rolnick 2018',
    seeds: maxOf(groups.map((g) => g.cells)),
    figure: {
      xTitle: 'β = L / width',
      yTitle: 'Var over seeds of ln(||h_L||²/||x||²)',
      logY: false,
      series: [
        {
          name: label,
          points: groups.map((g, i) => {
            const v = jackknife((skip) => logGainVariance(g.logGain, skip), 0.95, 'log');
            return { x: g.netDepth / g.fields.width, mean: v.value, lo: v.ci[0], hi: v.ci[1], theory: nets[i].exact };
          }),
        },
      ],
      theoryNote:
        'the exact finite-width variance (L − 1)·Var[ln χ²_K | K ≥ 1], K ~ Binomial(width, 1/2), plus the output layer’s term (K ~ Binomial(input size, 1/2)).',
    },
  });
}
