import { fmt } from './format.js';
import { P2_BLOCKS } from './prediction2.js';
import { growthRow, meanFieldRow, preactLaw, preactRow, streamRatio } from './streamLaws.js';
import { notebookStreamMeanField } from './meanField.js';
import { exactRow } from './theoryRow.js';
import { thousands } from './verdict.js';
import { type VariantGroup, type VariantPrediction, type VariantTheory, variantRow } from './variantTypes.js';
import { maxOf } from '../extrema.js';

const he = (g: VariantGroup) => g.fields.init !== 'orthogonal' && Math.abs(g.fields.sigmaW2 - 2) < 1e-12;

/** Prediction 4's law at a group: (1 + eta^2)^B, or prod_b (1 + eta_b^2) for a per-block branch scale. */
export function variantPreactLaw(g: VariantGroup): number {
  const B = g.netDepth;
  const etas = g.fields.branchScales ?? Array(B).fill(g.fields.branchScale);
  if (etas.length !== B)
    throw new Error(`branchScales of ${g.label} at depth ${g.depth}: ${etas.length} values for ${B} blocks`);
  return preactLaw(etas);
}

/** Predictions 2/3 (zero branch: the forward identity), 4 (preact: (1 + eta^2)^B) and the notebook block's growth on a residual variant. */
export function residualChecks(sorted: VariantGroup[], level: number, out: VariantTheory): void {
  const f = sorted[0].fields;
  if (sorted.every((g) => g.fields.branchScale === 0) && P2_BLOCKS.includes(f.block)) {
    zeroBranch(sorted, out);
    return;
  }
  const deepest = sorted.at(-1)!;
  if (f.activation !== 'relu' || !he(deepest) || f.shortcutScale !== 1) return;
  if (f.block === 'preact') preactCheck(sorted, level, out);
  else if (f.block === 'notebook' && sorted.every((g) => g.fields.branchScale === 1) && f.inputActivation === 'relu')
    notebookCheck(sorted, level, out);
}

/** eta = 0: ||x_b|| = |lambda|^b ||x_0|| in every cell (2b), the identity at lambda = 1 (3a, as norms). */
function zeroBranch(sorted: VariantGroup[], out: VariantTheory): void {
  const label = sorted[0].label;
  const deepest = sorted.at(-1)!;
  const B = deepest.netDepth;
  const lambda = sorted[0].fields.shortcutScale;
  const id = lambda === 1 ? '3a' : '2b';
  const cells = sorted.reduce((s, g) => s + g.cells, 0);
  const worst = maxOf(sorted.map((g) => g.worstZeroBranch));
  const over = `${thousands(cells)} cells at ${sorted.length} depths, every block`;
  out.rows.push(
    variantRow(
      deepest,
      exactRow({
        id,
        setting: `${label}, λ = ${fmt(lambda)}`,
        worst,
        seeds: deepest.cells,
        over,
        quantity: `largest relative error of ||x_b|| against |λ|^b ||x_0|| over every cell and block (norms: a cell record holds no vectors)`,
        note: 'the backward identity (2a, 3b) needs the stream’s backward norms, which a cell record does not hold: `resnet theory` checks it',
        detail: `largest relative error ${fmt(worst)} over ${over}.`,
      }),
    ),
  );
  out.predictions.push({
    label,
    prediction: lambda === 1 ? 3 : 2,
    kind: 'the zero branch',
    rows: [{ id, label }],
    title: `${label}: the zero branch (prediction ${lambda === 1 ? 3 : 2})`,
    source: 'He et al. 2016 eq. 5',
    seeds: deepest.cells,
    figure: {
      xTitle: 'block b (0 = input projection)',
      yTitle: 'mean ||x_b||² / mean ||x_0||²',
      logY: lambda !== 1,
      series: [
        {
          name: label,
          points: Array.from({ length: B + 1 }, (_, b) => {
            const e = deepest.sums.estimate((m) => m[b] / m[0], 0.95, 'log');
            return { x: b, mean: e.value, lo: e.ci[0], hi: e.ci[1], theory: lambda ** (2 * b) };
          }),
        },
      ],
      theoryNote: `|λ|^(2b) with λ = ${fmt(lambda)}, B = ${B}.`,
    },
  });
}

/** Prediction 4: E||x_B||^2 / E||x_0||^2 = prod_b (1 + eta_b^2) at every swept depth; the row (4a, or 4b with a ReLU input) at the deepest. */
function preactCheck(sorted: VariantGroup[], level: number, out: VariantTheory): void {
  const label = sorted[0].label;
  const g = sorted.at(-1)!;
  const B = g.netDepth;
  const relu = g.fields.inputActivation === 'relu';
  const id = relu ? '4b' : '4a';
  const eta = g.fields.branchScales
    ? `η_b = ${g.fields.branchScaleExpr ?? 'per block'}`
    : `η = ${fmt(g.fields.branchScale)}`;
  const inside = sorted.filter((x) => {
    const e = streamRatio(x.sums, x.netDepth, level);
    return e.ci[0] <= variantPreactLaw(x) && variantPreactLaw(x) <= e.ci[1];
  }).length;
  const note = relu
    ? 'the law needs a zero-mean stream: a ReLU input projection makes x_0 ≥ 0 (--input-activations linear gives 4a)'
    : `a width → ∞ law; the law is inside the ${fmt(100 * level)}% CI at ${inside} of ${sorted.length} swept depths`;
  const lawText = g.fields.branchScales ? 'Π_b (1 + η_b²)' : `(1 + ${fmt(g.fields.branchScale ** 2)})^${B}`;
  out.rows.push(
    variantRow(g, preactRow(id, g.sums, B, variantPreactLaw(g), `${label}, B = ${B}, ${eta}`, level, note, lawText)),
  );
  out.predictions.push(
    depthPrediction(sorted, id, variantPreactLaw, 'Π_b (1 + η_b²) with η_b the variant’s branch scales at each depth'),
  );
}

/** The notebook block: growth per block above sqrt(2) (4c, a lower bound) and core's mean-field recursion (4d). */
function notebookCheck(sorted: VariantGroup[], level: number, out: VariantTheory): void {
  const g = sorted.at(-1)!;
  const B = g.netDepth;
  const setting = `${g.label}, B = ${B}`;
  out.rows.push(
    variantRow(g, growthRow(g.sums, B, setting, level)),
    variantRow(g, meanFieldRow(g.sums, B, setting, level, `a width → ∞ law (width ${g.fields.width} here)`)),
  );
  const field = (x: VariantGroup) => notebookStreamMeanField(x.netDepth)[x.netDepth];
  out.predictions.push(depthPrediction(sorted, '4d', field, 'the mean-field recursion q_B (row 4d)', ['4c', '4d']));
}

/** A figure of mean ||x_B||^2 / mean ||x_0||^2 against the blocks B of each swept depth, with the law's value. */
function depthPrediction(
  sorted: VariantGroup[],
  id: string,
  theory: (g: VariantGroup) => number,
  note: string,
  ids = [id],
): VariantPrediction {
  const label = sorted[0].label;
  return {
    label,
    prediction: 4,
    kind: 'stream growth against depth',
    rows: ids.map((x) => ({ id: x, label })),
    title: `${label}: stream growth against depth (prediction 4)`,
    source: 'He et al. 2016; De and Smith 2020',
    seeds: maxOf(sorted.map((g) => g.cells)),
    figure: {
      xTitle: 'residual blocks B',
      yTitle: 'E||x_B||² / E||x_0||²',
      logY: true,
      series: [
        {
          name: label,
          points: sorted.map((g) => {
            const e = streamRatio(g.sums, g.netDepth, 0.95);
            return { x: g.netDepth, mean: e.value, lo: e.ci[0], hi: e.ci[1], theory: theory(g) };
          }),
        },
      ],
      theoryNote: `${note}.`,
    },
  };
}
