import type { NotebookReplay } from '@resnet/core';
import { pyFixed, pyRepr } from './pythonFormat.js';

/**
 * What the notebook prints, in English, from a replay: with the notebook's own rounding, or with
 * every number at full precision (`precise`, Python repr digits as in notebook_fullprec.txt); `caveat`
 * follows the one-seed claim on its line.
 */
export function formatNotebook(r: NotebookReplay, precise = false, caveat = ''): string {
  const f = (x: number, decimals: number, width = 0) =>
    precise ? pyRepr(x).padStart(width) : pyFixed(x, decimals, width);
  const first = (xs: number[]) => xs[0]!;
  const last = (xs: number[]) => xs[xs.length - 1]!;
  const lines = [
    'ResNet components initialised',
    `Built a plain network of ${r.depth} layers`,
    `Built a ResNet of ${r.depth} residual blocks`,
    '',
    `Plain network - first-layer gradient: ${f(first(r.plainGrads), 6)}`,
    `Plain network - last-layer gradient: ${f(last(r.plainGrads), 6)}`,
    `Gradient ratio (first/last): ${f(r.plainRatio, 2)}x`,
    '',
    `ResNet - first-layer gradient: ${f(first(r.resnetGrads), 6)}`,
    `ResNet - last-layer gradient: ${f(last(r.resnetGrads), 6)}`,
    `Gradient ratio (first/last): ${f(r.resnetRatio, 2)}x`,
    '',
    `ResNet keeps gradients flowing ${f(r.improvement, 1)}x better!${caveat ? ` ${caveat}` : ''}`,
    `Generated ${r.patterns.numSamples} pattern samples`,
    'Identity mapping demo:',
    `Input norm: ${f(r.identity.inputNorm, 4)}`,
    `Output norm: ${f(r.identity.outputNorm, 4)}`,
    `Identity error ||F(x) + x - x||: ${f(r.identity.identityError, 6)}`,
    '',
    'With weights near zero, a residual block is almost the identity function!',
    '',
    'Gradient ratio (first/last) - higher = worse gradient flow:',
    ...r.depthScaling.map(
      (row) =>
        `Depth ${String(row.depth).padStart(2)}: plain=${f(row.plainRatio, 2, 8)}, ResNet=${f(row.resnetRatio, 2, 6)} (ResNet better by ${f(row.better, 1)}x)`,
    ),
  ];
  if (precise) {
    lines.push(
      '',
      `plain_grads [${r.plainGrads.map(pyRepr).join(', ')}]`,
      `resnet_grads [${r.resnetGrads.map(pyRepr).join(', ')}]`,
    );
  }
  return lines.join('\n');
}
