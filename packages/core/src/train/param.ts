/** A trainable tensor: its values, the gradient backward writes, and whether weight decay applies. */
export interface Param {
  /** Name for reports and tests, e.g. `block2.linear1.w`. */
  name: string;
  value: Float64Array;
  grad: Float64Array;
}

/** A parameter of the given length, zero-filled (values and gradient). */
export function createParam(name: string, length: number): Param {
  return { name, value: new Float64Array(length), grad: new Float64Array(length) };
}
