import { heapArena, type Arena } from './arena.js';

/** A trainable tensor: its values, the gradient backward writes, and whether weight decay applies. */
export interface Param {
  /** Name for reports and tests, e.g. `block2.linear1.w`. */
  name: string;
  value: Float64Array;
  grad: Float64Array;
}

/** A parameter of the given length, zero-filled (values and gradient), from arena (plain arrays by default). */
export function createParam(name: string, length: number, arena: Arena = heapArena): Param {
  return { name, value: arena.f64(length), grad: arena.f64(length) };
}
