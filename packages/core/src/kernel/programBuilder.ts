// The assembler of cellKernel.wat's programs: opcodes, byte layout of constants, scratch buffers and ops, and the
// addresses of a layer's weights, scale, activation and norms. cellProgram.ts says what the program computes.
import { layerCount, layerShape, type Activation, type NetworkConfig } from '../config.js';
import { cellLayout, type CellLayout } from '../cellLayout.js';
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

/** Activation codes of cellKernel.wat. */
export const ACT: Record<Activation, number> = { relu: 0, tanh: 1, linear: 2 };

/**
 * Each region's tag in a relocatable program (relocatable: true): its base is tag·RELOC, far above any offset in a
 * region, so an op word w ≥ RELOC is the address (w mod RELOC) of region ⌊w / RELOC⌋, linked by relocate().
 */
const RELOC = 2 ** 32;
const TAG = { slot: 1, scratch: 2, stream: 3, scaled: 4 } as const;

/** Bases of a program built once per shape and linked by relocate(): one tag per region, scaled copies in `scales` order. */
export function relocatableBases(scales: readonly number[]): ProgramBases {
  return {
    slot: TAG.slot * RELOC,
    scratch: TAG.scratch * RELOC,
    stream: TAG.stream * RELOC,
    scaled: new Map(scales.map((scale, i) => [scale, (TAG.scaled + i) * RELOC])),
    relocatable: true,
  };
}

/**
 * A relocatable program (built against relocatableBases(scales)) linked against real bases, `scaled` given in the
 * same `scales` order: every address word is its region's base plus its offset, as a program built against those
 * bases has it.
 */
export function relocate(
  program: CellProgram,
  bases: { slot: number; scratch: number; stream: number; scaled: readonly number[] },
): CellProgram {
  const words = program.words!;
  const base = (tag: number) =>
    tag === TAG.slot
      ? bases.slot
      : tag === TAG.scratch
        ? bases.scratch
        : tag === TAG.stream
          ? bases.stream
          : bases.scaled[tag - TAG.scaled]!;
  const at = (w: number) => {
    if (w < RELOC) return w;
    const tag = Math.floor(w / RELOC);
    return base(tag) + (w - tag * RELOC);
  };
  const ops = new Int32Array(words.length);
  for (let i = 0; i < words.length; i++) ops[i] = at(words[i]);
  return {
    ...program,
    ops,
    pc: at(program.pc),
    record: at(program.record),
    orthogonal: program.orthogonal >= 0 ? at(program.orthogonal) : -1,
    words: undefined,
  };
}

/** Byte addresses the program is linked against. */
export interface ProgramBases {
  /** The program's own region: its constants, then its ops (fixed for the shape's lifetime). */
  slot: number;
  /** Scratch shared by every shape (buffers, the record, orthogonal weights). */
  scratch: number;
  /** The seed's normal stream (weights, then x, then a 'normal' dout). */
  stream: number;
  /** Per weight scale, a copy of the stream already multiplied by it (its layers then read it with scale 1). */
  scaled?: ReadonlyMap<number, number>;
  /** Tagged bases (relocatableBases): the program keeps its words for relocate(). */
  relocatable?: boolean;
}

/** The factor layer l's stream values are multiplied by: initScale for a Gaussian init, 1 for orthogonal (stored scaled). */
export function weightScale(config: NetworkConfig, l: number): number {
  const { init, sigmaW2 } = config;
  const [, k] = layerShape(config, l);
  return init === 'orthogonal' ? 1 : initScale(init, k, valueAt(sigmaW2, l));
}

/** A Gaussian init's distinct weight scales, each with how far into the stream its layers reach (empty for orthogonal). */
export function scaleReach(config: NetworkConfig): Map<number, number> {
  const reach = new Map<number, number>();
  if (config.init === 'orthogonal') return reach;
  let at = 0;
  for (let l = 0; l < layerCount(config); l++) {
    const [m, k] = layerShape(config, l);
    at += m * k;
    const s = weightScale(config, l);
    reach.set(s, Math.max(reach.get(s) ?? 0, at));
  }
  return reach;
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
  /** A relocatable program's op words, tagged addresses included (relocate() links them); else undefined. */
  words?: Float64Array;
}

/** Lays out constants, scratch buffers and ops while a program is built. */
export class Builder {
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
    // Scales, eta and lambda per block, 1, the input scale and the ones of dout: at most this many constants.
    this.constCapacity = L + 2 * config.depth + 2 + config.inputSize * batch;
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

  /** Byte address of a new buffer holding s·src over n values (SCALE; src is left as it is). */
  scaled(src: number, n: number, s: number): number {
    const dst = this.buf(n);
    this.op(OP.SCALE, dst, this.constant(s, 'inputScale'), src, n);
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
    if (this.orthAt >= 0) return this.orthAt + 8 * this.offsets[l];
    const scaled = this.bases.scaled?.get(weightScale(this.config, l));
    return (scaled ?? this.bases.stream) + 8 * this.offsets[l];
  }

  /** Byte address of layer l's weight scale: 1 where its weights are stored scaled (orthogonal, a scaled copy), else initScale. */
  scale(l: number): number {
    const s = weightScale(this.config, l);
    return this.bases.scaled?.has(s) ? this.one() : this.constant(s, `scale${l}`);
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
      words: this.bases.relocatable ? Float64Array.from(this.words) : undefined,
    };
  }
}
