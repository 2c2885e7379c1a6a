import { activate, activationBackward } from './activation.js';
import { denseBackward, denseForward } from './dense.js';
import { blockLayerIndex, type Network } from './network.js';
import { valueAt } from './perPosition.js';
import { axpby } from './tensor.js';
import type { Workspace } from './workspace.js';

/**
 * Forward pass over ws.input (or x, copied in first); returns the output buffer [inputSize×batch].
 * Residual blocks, lambda = shortcutScale, eta = branchScale (each per block when given as arrays), phi the activation (see Block):
 * notebook lambda·h + eta·phi(W2 phi(W1 h)); original phi(lambda·h + eta·W2 phi(W1 h)); preact lambda·h + eta·W2 phi(W1 phi(h)).
 */
export function forward(net: Network, ws: Workspace, x?: Float64Array): Float64Array {
  if (x) ws.input.set(x);
  const { layers } = net;
  const { batch, z, a } = ws;
  const last = layers.length - 1;
  if (net.config.arch === 'plain') {
    let h = ws.input;
    for (let l = 0; l <= last; l++) h = denseForward(layers[l], h, batch, z[l], a[l]);
    return h;
  }
  const { branchScale, shortcutScale, depth, block, activation } = net.config;
  const n = net.config.width * batch;
  let h = denseForward(layers[0], ws.input, batch, z[0], a[0]);
  ws.blockOut[0].set(h);
  for (let b = 0; b < depth; b++) {
    const l1 = blockLayerIndex(b);
    const x = ws.blockOut[b];
    const in1 = block === 'preact' ? activate(activation, x, ws.blockPre[b], n) : x;
    const inner = denseForward(layers[l1], in1, batch, z[l1], a[l1]);
    const branch = denseForward(layers[l1 + 1], inner, batch, z[l1 + 1], a[l1 + 1]);
    const eta = valueAt(branchScale, b);
    const lambda = valueAt(shortcutScale, b);
    if (block === 'original') {
      h = activate(activation, axpby(ws.blockPre[b], eta, branch, lambda, x, n), ws.blockOut[b + 1], n);
    } else {
      h = axpby(ws.blockOut[b + 1], eta, branch, lambda, x);
    }
  }
  return denseForward(layers[last], h, batch, z[last], a[last]);
}

/**
 * Backward pass after forward: dOutput = dL/d(output). Fills ws.grads (dW, db per layer), ws.dOut
 * (the signal reaching each layer), ws.blockGrad (the residual stream's) and ws.inputGrad. A block's
 * input gradient is the branch's plus shortcutScale times the incoming one: dL/dx = dL/dy·(eta ∂F/∂x + lambda I)
 * (original: with dL/dy first taken through phi'; preact: the branch's part taken through phi'(x)).
 */
export function backward(net: Network, ws: Workspace, dOutput: Float64Array): Float64Array {
  const { layers } = net;
  // Each layer reads back the buffer its forward read (ws.layerInput), so the two passes agree by construction.
  const { batch, z, dz, dOut, gradTargets: grads, layerInput: x } = ws;
  const last = layers.length - 1;
  dOut[last].set(dOutput);
  if (net.config.arch === 'plain') {
    for (let l = last; l >= 0; l--) {
      denseBackward(layers[l], x[l], z[l], dOut[l], batch, dz[l], grads[l], l === 0 ? ws.inputGrad : dOut[l - 1]);
    }
    return ws.inputGrad;
  }
  const { branchScale, shortcutScale, depth, block, activation } = net.config;
  const n = net.config.width * batch;
  denseBackward(layers[last], x[last], z[last], dOut[last], batch, dz[last], grads[last], ws.blockGrad[depth]);
  for (let b = depth - 1; b >= 0; b--) {
    const l1 = blockLayerIndex(b);
    const l2 = l1 + 1;
    // original: g = dL/d(sum) = dL/dy·phi'(sum), held in blockGrad[b] until the branch is done.
    const g =
      block === 'original'
        ? activationBackward(activation, ws.blockPre[b], ws.blockGrad[b + 1], ws.blockGrad[b], n)
        : ws.blockGrad[b + 1];
    const d2 = dOut[l2];
    const eta = valueAt(branchScale, b);
    for (let i = 0; i < n; i++) d2[i] = eta * g[i];
    denseBackward(layers[l2], x[l2], z[l2], dOut[l2], batch, dz[l2], grads[l2], dOut[l1]);
    denseBackward(layers[l1], x[l1], z[l1], dOut[l1], batch, dz[l1], grads[l1], ws.branchGrad);
    if (block === 'preact') activationBackward(activation, ws.blockOut[b], ws.branchGrad, ws.branchGrad, n);
    axpby(ws.blockGrad[b], 1, ws.branchGrad, valueAt(shortcutScale, b), g, n);
  }
  dOut[0].set(ws.blockGrad[0]);
  denseBackward(layers[0], x[0], z[0], dOut[0], batch, dz[0], grads[0], ws.inputGrad);
  return ws.inputGrad;
}
