// The program the WebAssembly cell kernel (cellKernel.wat) runs for one network shape: forward, backward and
// the record's norms as a list of fused ops over byte addresses, in exactly the steps propagate.ts and
// metrics.ts take, so each value is computed as the JS path computes it. Built once per shape against tagged
// bases and relocated (programBuilder.ts relocate) when the kernel moves a region; running a cell is one call.
import { layerCount, layerShape, weightCount, type NetworkConfig } from '../config.js';
import type { Dout } from '../cellLayout.js';
import { ACT, Builder, OP, type CellProgram, type ProgramBases } from './programBuilder.js';

export type { CellProgram, ProgramBases } from './programBuilder.js';

/** Builds the program of one cell shape (a resolved config, batch, dout and input scale) against the given bases. */
export function buildCellProgram(
  config: NetworkConfig,
  batch: number,
  dout: Dout,
  bases: ProgramBases,
  inputScale = 1,
): CellProgram {
  const b = new Builder(config, batch, bases);
  const layout = b.layout;
  // 1. Inputs: x (and a drawn dout) come straight from the stream; a batch's draws are (batch x rows), transposed;
  // x times its input scale into a buffer of its own (the stream serves every cell of the seed as drawn).
  const W = weightCount(config);
  const rows = config.inputSize * batch;
  const drawn = b.fromStream(W, config.inputSize);
  const x = inputScale === 1 ? drawn : b.scaled(drawn, rows, inputScale);
  const dOutput = dout === 'normal' ? b.fromStream(W + rows, config.inputSize) : b.ones(rows);
  b.op(OP.NORM, x, rows, b.rec(layout.xNorm));
  // 2. Forward and backward, as propagate.ts, each op also writing the norms metrics.ts reads.
  if (config.arch === 'plain') plainProgram(b, x, dOutput);
  else residualProgram(b, x, dOutput);
  // 3. The notebook's grad norms and ratios (metrics.ts).
  const L = layerCount(config);
  const [g0, gN] = layout.gradNorms;
  const lg = layout.layerGradNorms[0];
  if (config.arch === 'plain') b.op(OP.COPY, b.rec(lg), b.rec(g0), L);
  else {
    b.op(OP.COPY, b.rec(lg), b.rec(g0), 1);
    b.op(OP.MEANS, b.rec(g0 + 1), b.rec(lg + 1), config.depth);
    b.op(OP.COPY, b.rec(lg + L - 1), b.rec(g0 + gN - 1), 1);
  }
  b.op(OP.RATIO, b.rec(layout.ratio), b.rec(g0), b.rec(g0 + gN - 1));
  b.op(OP.END);
  return b.finish();
}

/** A plain net: layer by layer forward, then back; layer l reads layer l-1's output. */
function plainProgram(b: Builder, x: number, dOutput: number): void {
  const { config, layout, batch } = b;
  const L = layerCount(config);
  const a: number[] = [];
  const z: number[] = [];
  let h = x;
  for (let l = 0; l < L; l++) {
    const [m, k] = layerShape(config, l);
    z.push(b.buf(m * batch));
    a.push(b.buf(m * batch));
    b.op(OP.DENSE_F, b.w(l), b.scale(l), h, z[l], a[l], m, k, batch, b.act(l), b.rec(layout.actNorms[0] + l));
    h = a[l];
  }
  let dOut = dOutput;
  for (let l = L - 1; l >= 0; l--) {
    const [, k] = layerShape(config, l);
    const dX = b.buf(k * batch);
    const input = l === 0 ? x : a[l - 1];
    const inputNorm = l === 0 ? b.rec(layout.xNorm) : b.rec(layout.actNorms[0] + l - 1);
    b.dense_b(l, input, z[l], dOut, dX, inputNorm, l === 0 ? b.rec(layout.inputGradNorm) : -1);
    dOut = dX;
  }
}

/** A residual net: input projection, blocks (notebook, original or preact), output projection; then back. */
function residualProgram(b: Builder, x: number, dOutput: number): void {
  const { config, layout, batch } = b;
  const { depth, block, width, inputSize } = config;
  const act = ACT[config.activation];
  const n = width * batch;
  const last = layerCount(config) - 1;
  const actNorm = (i: number) => b.rec(layout.actNorms[0] + i);
  const z = (l: number) => b.layerBuf('z', l, l === last ? inputSize : width);
  const a = (l: number) => b.layerBuf('a', l, l === last ? inputSize : width);
  // Forward. blockOut[0] is layer 0's output itself (propagate.ts copies it; the values are the same).
  b.op(OP.DENSE_F, b.w(0), b.scale(0), x, z(0), a(0), width, inputSize, batch, b.act(0), actNorm(0));
  const blockOut = [a(0)];
  const in1: number[] = [];
  const in1Norm: number[] = [];
  const innerNorm: number[] = [];
  const pre: number[] = [];
  for (let k = 0; k < depth; k++) {
    const l1 = 1 + 2 * k;
    const xb = blockOut[k];
    if (block === 'preact') {
      pre.push(b.buf(n));
      in1Norm.push(b.norm());
      b.op(OP.ACT, act, xb, pre[k], n, in1Norm[k]);
      in1.push(pre[k]);
    } else {
      in1.push(xb);
      in1Norm.push(actNorm(k));
    }
    innerNorm.push(b.norm());
    b.op(OP.DENSE_F, b.w(l1), b.scale(l1), in1[k], z(l1), a(l1), width, width, batch, b.act(l1), innerNorm[k]);
    b.op(OP.DENSE_F, b.w(l1 + 1), b.scale(l1 + 1), a(l1), z(l1 + 1), a(l1 + 1), width, width, batch, b.act(l1 + 1), -1);
    const out = b.buf(n);
    if (block === 'original') {
      if (pre.length === k) pre.push(b.buf(n));
      b.op(OP.AXPBY, pre[k], b.eta(k), a(l1 + 1), b.lambda(k), xb, n, -1);
      b.op(OP.ACT, act, pre[k], out, n, actNorm(k + 1));
    } else {
      b.op(OP.AXPBY, out, b.eta(k), a(l1 + 1), b.lambda(k), xb, n, actNorm(k + 1));
    }
    blockOut.push(out);
  }
  b.op(
    OP.DENSE_F,
    b.w(last),
    b.scale(last),
    blockOut[depth],
    z(last),
    a(last),
    inputSize,
    width,
    batch,
    b.act(last),
    actNorm(depth + 1),
  );
  // Backward: the stream's gradient blockGrad[k] enters block k from above.
  const blockGrad: number[] = [];
  blockGrad[depth] = b.buf(n);
  b.dense_b(last, blockOut[depth], z(last), dOutput, blockGrad[depth], actNorm(depth), -1);
  const branchGrad = b.buf(n);
  for (let k = depth - 1; k >= 0; k--) {
    const l1 = 1 + 2 * k;
    blockGrad[k] = b.buf(n);
    // original: g = dL/d(sum) = dL/dy·phi'(sum), held in blockGrad[k] until the branch is done.
    let g = blockGrad[k + 1];
    if (block === 'original') {
      b.op(OP.ACT_B, act, pre[k], blockGrad[k + 1], blockGrad[k], n);
      g = blockGrad[k];
    }
    const d2 = b.buf(n);
    b.op(OP.SCALE, d2, b.eta(k), g, n);
    const d1 = b.buf(n);
    b.dense_b(l1 + 1, a(l1), z(l1 + 1), d2, d1, innerNorm[k], -1);
    b.dense_b(l1, in1[k], z(l1), d1, branchGrad, in1Norm[k], -1);
    if (block === 'preact') b.op(OP.ACT_B, act, blockOut[k], branchGrad, branchGrad, n);
    b.op(OP.AXPBY, blockGrad[k], b.one(), branchGrad, b.lambda(k), g, n, -1);
  }
  b.dense_b(0, x, z(0), blockGrad[0], b.buf(inputSize * batch), b.rec(layout.xNorm), b.rec(layout.inputGradNorm));
}
