import type { Network } from './network.js';
import { blockLayerIndex } from './network.js';
import { norm } from './tensor.js';
import type { Workspace } from './workspace.js';

/**
 * Gradient-flow measurements of one forward + backward pass. Over a batch of inputs every norm is the Frobenius
 * norm of the whole [dim×batch] buffer (sqrt of the sum over samples of the squared per-sample norms), and dW is
 * the batch gradient (the sum of the per-sample ones).
 */
export interface GradientFlow {
  /** ||dW||_F of every weight layer, construction order (dW of the batch loss). */
  layerGradNorms: Float64Array;
  /** The notebook's grad_norms: plain = layerGradNorms; residual = [input_proj, mean of each block's two layers, output_proj]. */
  gradNorms: Float64Array;
  /**
   * ||dL/d(output of weight layer l)||, construction order: the backward signal ||dL/dh_l|| reaching each
   * weight layer (plain: h_l is layer l's post-activation output; residual: input_proj's output x_0, a block's
   * inner activation, the branch layer's output (its signal is eta·dL/dy, or eta·dL/d(sum) for `original`),
   * the network output). With ||dW_l|| = ||delta_l|| ||h_{l-1}|| for one sample, this is the backward factor.
   */
  signalNorms: Float64Array;
  /** Forward activation norms (Frobenius over the batch): plain, each layer's output; residual, input_proj out, each block out (after the add), final out. */
  actNorms: Float64Array;
  /**
   * ||dL/dh|| at exactly the points actNorms measures, index for index: plain = signalNorms; residual,
   * the stream's [||dL/dx_0||, ||dL/dx_1||, ..., ||dL/dx_B||, ||dL/d(output)||]. Not part of a cell record.
   */
  actSignalNorms: Float64Array;
  /** ||dL/d(input)|| (Frobenius over the batch). */
  inputGradNorm: number;
  /** gradNorms[0] / gradNorms[last]. */
  ratio: number;
  /** gradNorms[0] / (gradNorms[last] + 1e-10), as the notebook's depth-scaling cell prints it. */
  ratioEps: number;
}

/** Length of each metric array for a network, so callers can preallocate. */
export function gradientFlowSizes(net: Pick<Network, 'config'>): { layers: number; grad: number; act: number } {
  const { arch, depth } = net.config;
  const layers = arch === 'plain' ? depth : 2 * depth + 2;
  const grad = arch === 'plain' ? depth : depth + 2;
  return { layers, grad, act: grad };
}

/** Allocates an empty GradientFlow record sized for net. */
export function createGradientFlow(net: Pick<Network, 'config'>): GradientFlow {
  const s = gradientFlowSizes(net);
  return {
    layerGradNorms: new Float64Array(s.layers),
    gradNorms: new Float64Array(s.grad),
    signalNorms: new Float64Array(s.layers),
    actNorms: new Float64Array(s.act),
    actSignalNorms: new Float64Array(s.act),
    inputGradNorm: NaN,
    ratio: NaN,
    ratioEps: NaN,
  };
}

/** Reads the gradient-flow metrics of the last forward + backward out of ws (into out, reused when given). */
export function gradientFlow(net: Network, ws: Workspace, out: GradientFlow = createGradientFlow(net)): GradientFlow {
  const { layers } = net;
  const last = layers.length - 1;
  for (let l = 0; l <= last; l++) {
    // Without dW (batch 1), dW = dz·xᵀ is rank one and ||dW||_F = ||dz||·||x|| (equal to ~1 ulp).
    out.layerGradNorms[l] = ws.weightGrads ? norm(ws.grads[l].dW) : norm(ws.dz[l]) * norm(ws.layerInput[l]);
    out.signalNorms[l] = norm(ws.dOut[l]);
  }
  if (net.config.arch === 'plain') {
    out.gradNorms.set(out.layerGradNorms);
    for (let l = 0; l <= last; l++) out.actNorms[l] = norm(ws.a[l]);
    out.actSignalNorms.set(out.signalNorms);
  } else {
    const depth = net.config.depth;
    out.gradNorms[0] = out.layerGradNorms[0];
    for (let b = 0; b < depth; b++) {
      const l1 = blockLayerIndex(b);
      out.gradNorms[b + 1] = (out.layerGradNorms[l1] + out.layerGradNorms[l1 + 1]) / 2;
    }
    out.gradNorms[depth + 1] = out.layerGradNorms[last];
    for (let b = 0; b <= depth; b++) {
      out.actNorms[b] = norm(ws.blockOut[b]);
      out.actSignalNorms[b] = norm(ws.blockGrad[b]);
    }
    out.actNorms[depth + 1] = norm(ws.a[last]);
    out.actSignalNorms[depth + 1] = out.signalNorms[last];
  }
  out.inputGradNorm = norm(ws.inputGrad);
  const first = out.gradNorms[0];
  const lastNorm = out.gradNorms[out.gradNorms.length - 1];
  out.ratio = first / lastNorm;
  out.ratioEps = first / (lastNorm + 1e-10);
  return out;
}
