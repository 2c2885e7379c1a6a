// The program the WebAssembly cell kernel (cellKernel.wat) runs for one network shape: forward, backward and
// the record's norms as a list of fused ops over byte addresses, in exactly the steps propagate.ts and
// metrics.ts take, so each value is computed as the JS path computes it. Built once per shape (and again
// when the kernel moves its stream or scratch region); running a cell is one call.
import { layerCount, layerShape, weightCount, type Activation, type NetworkConfig } from '../config.js';
import { cellLayout, type CellLayout, type Dout } from '../cellLayout.js';
import { initScale } from '../init.js';
import { valueAt } from '../perPosition.js';

/** Opcodes of cellKernel.wat's `run` (each op is OP_WORDS i32 words: opcode, then operands). */
export const OP = {
  END: 0,
  NORM: 1,
  DENSE_F: 2,
  ACT: 3,
  AXPBY: 4,
  DENSE_B: 5,
  ACT_B: 6,
  SCALE: 7,
  TRANSPOSE: 8,
  COPY: 9,
  MEANS: 10,
  RATIO: 11,
} as const;
/** Words per op. */
export const OP_WORDS = 16;

const ACT: Record<Activation, number> = { relu: 0, tanh: 1, linear: 2 };

/** Byte addresses the program is linked against. */
export interface ProgramBases {
  /** The program's own region: its constants, then its ops (fixed for the shape's lifetime). */
  slot: number;
  /** Scratch shared by every shape (buffers, the record, orthogonal weights). */
  scratch: number;
  /** The seed's normal stream (weights, then x, then a 'normal' dout). */
  stream: number;
}

/** A linked program: what to write at bases.slot and where its outputs are. */
export interface CellProgram {
  /** Constants (float64) at bases.slot. */
  consts: Float64Array;
  /** Ops (int32 words), right after the constants; `run` starts at `pc`. */
  ops: Int32Array;
  pc: number;
  /** Bytes of the slot region (constants and ops). */
  slotBytes: number;
  /** Bytes of scratch the program uses. */
  scratchBytes: number;
  /** Byte address of the cell's record (see cellLayout). */
  record: number;
  /** Byte address where orthogonal weights must be written before a run (init 'orthogonal'), else -1. */
  orthogonal: number;
  layout: CellLayout;
}

/** Builds the program of one cell shape (a resolved config, batch and dout) against the given bases. */
export function buildCellProgram(config: NetworkConfig, batch: number, dout: Dout, bases: ProgramBases): CellProgram {
  const b = new Builder(config, batch, bases);
  const layout = b.layout;
  // 1. Inputs: x (and a drawn dout) come straight from the stream; a batch's draws are (batch x rows), transposed.
  const W = weightCount(config);
  const rows = config.inputSize * batch;
  const x = b.fromStream(W, config.inputSize);
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

/** Lays out constants, scratch buffers and ops while a program is built. */
class Builder {
  readonly layout: CellLayout;
  private readonly consts: number[] = [];
  private readonly constCapacity: number;
  private readonly words: number[] = [];
  private scratchTop = 0;
  private readonly offsets: number[] = [];
  private readonly layerBufs = new Map<string, number>();
  private readonly recordAt: number;
  private readonly orthAt: number;
  private readonly constIndex = new Map<string, number>();

  constructor(
    readonly config: NetworkConfig,
    readonly batch: number,
    private readonly bases: ProgramBases,
  ) {
    this.layout = cellLayout(config);
    const L = layerCount(config);
    let at = 0;
    for (let l = 0; l < L; l++) {
      this.offsets.push(at);
      const [m, k] = layerShape(config, l);
      at += m * k;
    }
    // Scales, eta and lambda per block, 1 and the ones of dout: at most this many constants.
    this.constCapacity = L + 2 * config.depth + 1 + config.inputSize * batch;
    this.recordAt = this.buf(this.layout.length);
    this.orthAt = config.init === 'orthogonal' ? this.buf(at) : -1;
  }

  /** Byte address of a fresh scratch buffer of n float64 (16-byte aligned). */
  buf(n: number): number {
    const at = this.bases.scratch + this.scratchTop;
    this.scratchTop += Math.ceil(n / 2) * 16;
    return at;
  }

  /** Scratch slot for one norm that is not part of the record. */
  norm(): number {
    return this.buf(1);
  }

  /** Layer l's buffer of one kind (z or a), made on first use. */
  layerBuf(kind: string, l: number, rows: number): number {
    const key = `${kind}${l}`;
    let at = this.layerBufs.get(key);
    if (at === undefined) {
      at = this.buf(rows * this.batch);
      this.layerBufs.set(key, at);
    }
    return at;
  }

  /** Byte address of record entry i. */
  rec(i: number): number {
    return this.recordAt + 8 * i;
  }

  /** Byte address of stream values [at, at + rows·batch) as [rows×batch]: the stream itself, or a transposed copy. */
  fromStream(at: number, rows: number): number {
    const src = this.bases.stream + 8 * at;
    if (this.batch === 1) return src;
    const dst = this.buf(rows * this.batch);
    this.op(OP.TRANSPOSE, src, dst, rows, this.batch);
    return dst;
  }

  /** Byte address of n ones (contiguous constants). */
  ones(n: number): number {
    const first = this.constant(1, 'ones0');
    for (let i = 1; i < n; i++) {
      if (this.constant(1, `ones${i}`) !== first + 8 * i) throw new RangeError('cellProgram: ones must be contiguous');
    }
    return first;
  }

  /** Byte address of the constant 1. */
  one(): number {
    return this.constant(1, 'one');
  }

  /** Byte address of layer l's weights: the stream (Gaussian inits, read times scale) or the orthogonal buffer. */
  w(l: number): number {
    return this.orthAt >= 0 ? this.orthAt + 8 * this.offsets[l] : this.bases.stream + 8 * this.offsets[l];
  }

  /** Byte address of layer l's weight scale: initScale (Gaussian) or 1 (orthogonal weights are stored scaled). */
  scale(l: number): number {
    const { init, sigmaW2 } = this.config;
    const [, k] = layerShape(this.config, l);
    return this.constant(init === 'orthogonal' ? 1 : initScale(init, k, valueAt(sigmaW2, l)), `scale${l}`);
  }

  eta(k: number): number {
    return this.constant(valueAt(this.config.branchScale, k), `eta${k}`);
  }

  lambda(k: number): number {
    return this.constant(valueAt(this.config.shortcutScale, k), `lambda${k}`);
  }

  /** Activation code of layer l (as network.ts assigns them). */
  act(l: number): number {
    const { arch, block, activation, inputActivation, outputActivation } = this.config;
    const last = layerCount(this.config) - 1;
    if (l === last) return ACT[outputActivation];
    if (arch === 'residual' && l === 0) return ACT[inputActivation];
    const secondInBlock = arch === 'residual' && (l - 1) % 2 === 1;
    return ACT[secondInBlock && block !== 'notebook' ? 'linear' : activation];
  }

  /** DENSE_B of layer l: its signal and grad norms go to the record; dX to dX, its norm to dXNorm (or -1). */
  dense_b(l: number, x: number, z: number, dOut: number, dX: number, xNorm: number, dXNorm: number): void {
    const [m, k] = layerShape(this.config, l);
    const { signalNorms, layerGradNorms } = this.layout;
    const signal = this.rec(signalNorms[0] + l);
    const grad = this.rec(layerGradNorms[0] + l);
    const dz = this.buf(m * this.batch);
    this.op(
      OP.DENSE_B,
      this.w(l),
      this.scale(l),
      x,
      z,
      dOut,
      dz,
      dX,
      m,
      k,
      this.batch,
      this.act(l),
      signal,
      grad,
      xNorm,
      dXNorm,
    );
  }

  op(code: number, ...operands: number[]): void {
    if (operands.length >= OP_WORDS) throw new RangeError(`op ${code} has ${operands.length} operands`);
    this.words.push(code, ...operands);
    for (let i = operands.length + 1; i < OP_WORDS; i++) this.words.push(0);
  }

  private constant(value: number, name: string): number {
    let i = this.constIndex.get(name);
    if (i === undefined) {
      i = this.consts.length;
      if (i >= this.constCapacity) throw new RangeError('cellProgram: constant area overflow');
      this.consts.push(value);
      this.constIndex.set(name, i);
    }
    return this.bases.slot + 8 * i;
  }

  finish(): CellProgram {
    const constBytes = this.constCapacity * 8 + ((this.constCapacity * 8) % 16);
    const pc = this.bases.slot + constBytes;
    return {
      consts: Float64Array.from(this.consts),
      ops: Int32Array.from(this.words),
      pc,
      slotBytes: constBytes + this.words.length * 4,
      scratchBytes: this.scratchTop,
      record: this.recordAt,
      orthogonal: this.orthAt,
      layout: this.layout,
    };
  }
}
