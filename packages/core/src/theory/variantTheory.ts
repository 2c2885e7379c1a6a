import { haninCheck, plainChecks } from './plainVariant.js';
import { residualChecks } from './residualVariant.js';
import type { VariantGroup, VariantPrediction, VariantTheory } from './variantTypes.js';
import { maxOf } from '../extrema.js';

/** The level of a sweep's intervals: one look at its seeds, 99%. */
export const VARIANT_LEVEL = 0.99;

/**
 * Every check of core/theory that applies to a variant of a sweep, measured from the sweep's own cells with the same
 * rules and row ids as `resnet theory` (jackknife intervals over seed groups, fixed tolerances, nothing fitted). A sweep
 * runs the seeds it was given: a row those cannot decide is inconclusive and says how many would. `groups` are the
 * sweep's (arch, variant, depth) groups in canonical order.
 */
export function variantTheory(groups: readonly VariantGroup[]): VariantTheory {
  const out: VariantTheory = { rows: [], predictions: [], notes: [] };
  const byVariant = new Map<string, VariantGroup[]>();
  for (const g of groups) byVariant.set(g.label, [...(byVariant.get(g.label) ?? []), g]);
  for (const [label, list] of byVariant) {
    const sorted = [...list].sort((a, b) => a.depth - b.depth);
    if (sorted[0].fields.batch > 1) {
      // The predictions are stated for one input per net; over a batch the norms pool n inputs that share the weights.
      out.notes.push({
        label,
        note: `the predictions are stated for one input per net: batch ${sorted[0].fields.batch} shows curves only (add --batch 1).`,
      });
      continue;
    }
    const before = out.rows.length;
    if (sorted[0].arch === 'plain') {
      plainChecks(sorted, VARIANT_LEVEL, out);
      haninCheck(sorted, VARIANT_LEVEL, out);
    } else residualChecks(sorted, VARIANT_LEVEL, out);
    if (out.rows.length === before && !out.notes.some((n) => n.label === label)) {
      out.notes.push({ label, note: 'no check of `resnet theory` applies to this variant: curves only.' });
    }
  }
  out.predictions = mergeKinds(out.predictions);
  out.rows.sort((a, b) => a.id.localeCompare(b.id));
  return out;
}

/**
 * One figure per kind (and prediction): every variant it applies to as a series of its own (the variant's label,
 * so its colour), so variants line up on shared axes; panels, where the kind has them, stay.
 */
function mergeKinds(predictions: readonly VariantPrediction[]): VariantPrediction[] {
  const kinds = new Map<string, VariantPrediction[]>();
  for (const p of predictions) {
    const key = `${p.prediction}\u0000${p.kind}`;
    kinds.set(key, [...(kinds.get(key) ?? []), p]);
  }
  return [...kinds.values()].map((list) => {
    if (list.length === 1) return list[0];
    const first = list[0];
    const notes = [...new Set(list.map((p) => p.figure.theoryNote))];
    return {
      ...first,
      label: [...new Set(list.map((p) => p.label.split(':')[0]))].join(' and '),
      title: `${first.kind[0].toUpperCase()}${first.kind.slice(1)}, ${list.length} variants (prediction ${first.prediction})`,
      figure: { ...first.figure, series: list.flatMap((p) => p.figure.series), theoryNote: notes.join(' ') },
      rows: list.flatMap((p) => p.rows),
      seeds: maxOf(list.map((p) => p.seeds)),
    };
  });
}
