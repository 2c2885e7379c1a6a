import type { Layer } from './layer.js';

/** Layers applied in order; its params are theirs, in order. */
export function createSequential(layers: Layer[]): Layer & { readonly layers: Layer[] } {
  return {
    inDim: layers[0].inDim,
    outDim: layers[layers.length - 1].outDim,
    layers,
    params: layers.flatMap((layer) => layer.params),
    forward(x, batch, training) {
      let h = x;
      for (const layer of layers) h = layer.forward(h, batch, training);
      return h;
    },
    backward(dOut, batch) {
      let d = dOut;
      for (let i = layers.length - 1; i >= 0; i--) d = layers[i].backward(d, batch);
      return d;
    },
  };
}
