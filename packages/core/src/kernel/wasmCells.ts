// The WebAssembly SIMD cell kernel (cellKernel.wat) and its memory: the seed's normal stream, one scratch
// region every shape shares, and per shape its program (cellProgram.ts). A run draws what the seed's stream
// still lacks, writes orthogonal weights when the init needs them, makes one call, and copies the record out.
import type { Dout } from '../cellLayout.js';
import { cellNormalCount } from '../cellLayout.js';
import { layerCount, layerShape, type NetworkConfig } from '../config.js';
import { drawWeights } from '../init.js';
import { valueAt } from '../perPosition.js';
import { StreamRng } from '../rng.js';
import { BYTES } from './cellKernelBytes.js';
import { buildCellProgram, type CellProgram } from './cellProgram.js';
import { scaleReach } from './programBuilder.js';
import { SeedStream } from './seedStream.js';

/** The slice of the WebAssembly JS API used here (core compiles without DOM or Node typings). */
declare const WebAssembly:
  | {
      Module: new (bytes: Uint8Array) => object;
      Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
    }
  | undefined;

interface Memory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}

const PAGE = 65536;
/** Scaled copies of the stream kept at most (distinct weight scales over every shape of a runner). */
const MAX_SCALED = 4;
/** Streams longer than this many normals (8 MB) are not copied scaled: the kernel multiplies as it reads. */
const MAX_SCALED_NORMALS = 1 << 20;

/** A copy of the seed's stream times one weight scale, shared by every cell that draws weights with that scale. */
interface ScaledCopy {
  readonly scale: number;
  /** Byte address (it moves when copies grow). */
  at: number;
  /** Normals of the current stream it holds scaled, and which restart of the stream they belong to. */
  valid: number;
  restarts: number;
}
/** Bytes of the generator's state in cellKernel.wat (624 words, position, cached normal, 312 uniforms, 64 candidates). */
const RNG_STATE_BYTES = 2512 + 312 * 8 + 64 * 24;

/** The module's exports (see cellKernel.wat). */
interface KernelExports {
  mem: Memory;
  /** Runs the program at byte pc. */
  run(pc: number): void;
  /** Seeds the generator whose state is at byte st, as np.random.seed (seed as int32 bits). */
  mt_seed(st: number, seed: number): void;
  /** Writes the generator's next `count` standard normals at byte dst. */
  mt_normals(st: number, dst: number, count: number): void;
  /** out[i] = alpha · src[i] for n float64 at bytes out and src. */
  scale(out: number, alpha: number, src: number, n: number): void;
}

/** One cell shape on the WebAssembly kernel. */
export interface WasmShape {
  readonly config: NetworkConfig;
  readonly batch: number;
  readonly dout: Dout;
  /** Normals a cell reads: weights, x and (dout 'normal') the output gradient. */
  readonly need: number;
  /** Byte address of the shape's own region (constants and ops). */
  readonly slot: number;
  readonly scratchBytes: number;
  /** The program as last linked, and the memory generation it was linked in. */
  program: CellProgram;
  generation: number;
  /** Gaussian weights read from scaled copies of the stream: one per scale the shape uses (else none), and how far
   * into the stream the shape reads each. */
  readonly copies: readonly ScaledCopy[];
  readonly reaches: readonly number[];
  readonly maxReach: number;
}

let compiled: object | null | undefined;

/** The compiled module, or null where WebAssembly (or its SIMD) is unavailable or may not compile synchronously. */
function kernelModule(): object | null {
  if (compiled === undefined) {
    try {
      compiled = typeof WebAssembly === 'undefined' ? null : new WebAssembly.Module(BYTES);
    } catch {
      compiled = null;
    }
  }
  return compiled;
}

/** Runs cells with the WebAssembly kernel; after warm-up a cell allocates nothing (orthogonal inits aside). */
export class WasmCells {
  private f64: Float64Array;
  private i32: Int32Array;
  private top = 16;
  private scratch = 0;
  private scratchBytes = 0;
  private stream = 0;
  private streamCapacity = 0;
  /** Bumped whenever the scratch or stream region moves: programs linked before must be linked again. */
  private generation = 0;
  private readonly replay = new StreamRng(new Float64Array(0));
  private readonly scaled = new Map<number, ScaledCopy>();
  /** Normals each scaled copy has room for, and copies not placed in memory yet. */
  private scaledCapacity = 0;
  private unplaced = 0;
  /** The generator's state (MT19937 words, position, cached normal, uniforms of the current twist). */
  private readonly rngState: number;
  private readonly seeds: SeedStream;

  private constructor(
    private readonly memory: Memory,
    private readonly exports: KernelExports,
  ) {
    this.f64 = new Float64Array(memory.buffer);
    this.i32 = new Int32Array(memory.buffer);
    this.rngState = this.alloc(RNG_STATE_BYTES);
    const state = this.rngState;
    this.seeds = new SeedStream({
      // The stream region is where `fill` writes: indices count from its start.
      seed: (seed) => exports.mt_seed(state, seed),
      fill: (from, to) => exports.mt_normals(state, this.stream + 8 * from, to - from),
    });
  }

  /** A kernel with its own memory, or undefined where WebAssembly SIMD is unavailable. */
  static create(): WasmCells | undefined {
    const module = kernelModule();
    if (module === null || typeof WebAssembly === 'undefined') return undefined;
    try {
      // The kernel calls the host's tanh and log, so its values are the JS path's on every engine.
      const instance = new WebAssembly.Instance(module, { env: { tanh: Math.tanh, log: Math.log } });
      const exports = instance.exports as unknown as KernelExports;
      return new WasmCells(exports.mem, exports);
    } catch {
      return undefined;
    }
  }

  /** The shape of cells of a resolved config, batch and dout: its region sized by a trial build. */
  prepare(config: NetworkConfig, batch: number, dout: Dout): WasmShape {
    const trial = buildCellProgram(config, batch, dout, { slot: 0, scratch: 0, stream: 0 });
    const need = cellNormalCount(config, dout, batch);
    // Weights times their scale once per seed, for every cell of the seed (the default grid: one scale, one copy).
    const reach = scaleReach(config);
    const fresh = [...reach.keys()].filter((scale) => !this.scaled.has(scale));
    const copied =
      reach.size > 0 &&
      reach.size <= 2 &&
      need <= MAX_SCALED_NORMALS &&
      [...reach.keys()].every((scale) => scale > 0) &&
      this.scaled.size + fresh.length <= MAX_SCALED;
    if (copied) for (const scale of fresh) this.scaled.set(scale, { scale, at: 0, valid: 0, restarts: -1 });
    if (copied) this.unplaced += fresh.length;
    const reaches = copied ? [...reach.values()] : [];
    return {
      config,
      batch,
      dout,
      need,
      slot: this.alloc(trial.slotBytes),
      scratchBytes: trial.scratchBytes,
      program: trial,
      generation: -1,
      copies: copied ? [...reach.keys()].map((scale) => this.scaled.get(scale)!) : [],
      reaches,
      maxReach: Math.max(0, ...reaches),
    };
  }

  /** Runs one cell of `shape` for seed (its stream given, or drawn once per seed) and writes its record at out[offset..]. */
  run(shape: WasmShape, seed: number, out: Float64Array, offset: number, stream?: Float64Array): void {
    this.reserve(shape);
    if (shape.generation !== this.generation) this.link(shape);
    const base = this.stream >> 3;
    if (stream) {
      this.f64.set(stream.subarray(0, shape.need), base);
      this.seeds.forget();
    } else {
      this.seeds.fill(seed, shape.need);
    }
    for (let i = 0; i < shape.copies.length; i++) this.scaleCopy(shape.copies[i], shape.reaches[i]);
    const program = shape.program;
    if (program.orthogonal >= 0) this.orthogonalWeights(shape);
    this.exports.run(program.pc);
    const f64 = this.f64;
    const at = program.record >> 3;
    for (let i = 0, n = program.layout.length; i < n; i++) out[offset + i] = f64[at + i];
  }

  /** Grows the scratch and stream regions to what shape needs (moving them, which relinks every program). */
  private reserve(shape: WasmShape): void {
    if (shape.scratchBytes > this.scratchBytes) {
      const bytes = Math.max(shape.scratchBytes, 2 * this.scratchBytes);
      this.scratch = this.alloc(bytes);
      this.scratchBytes = bytes;
      this.generation++;
    }
    if (shape.need > this.streamCapacity) {
      const capacity = Math.max(shape.need, 2 * this.streamCapacity);
      const at = this.alloc(capacity * 8);
      // Keep what the seed's stream already holds.
      this.f64.copyWithin(at >> 3, this.stream >> 3, (this.stream >> 3) + this.seeds.count);
      this.stream = at;
      this.streamCapacity = capacity;
      this.generation++;
    }
    // Every scaled copy as long as the longest reach, at an address (a new copy or a longer one relinks).
    const grow = shape.maxReach > this.scaledCapacity;
    if (!grow && this.unplaced === 0) return;
    if (grow) this.scaledCapacity = Math.max(shape.maxReach, 2 * this.scaledCapacity);
    for (const copy of this.scaled.values()) {
      if (copy.at !== 0 && !grow) continue;
      copy.at = this.alloc(this.scaledCapacity * 8);
      copy.restarts = -1;
    }
    this.unplaced = 0;
    this.generation++;
  }

  /** Makes a scaled copy hold its first `reach` normals of the current stream (times its scale). */
  private scaleCopy(copy: ScaledCopy, reach: number): void {
    if (copy.restarts !== this.seeds.restarts) {
      copy.restarts = this.seeds.restarts;
      copy.valid = 0;
    }
    if (copy.valid >= reach) return;
    // stream × scale, the product drawWeights stores (scale × stream: the same double).
    this.exports.scale(copy.at + 8 * copy.valid, copy.scale, this.stream + 8 * copy.valid, reach - copy.valid);
    copy.valid = reach;
  }

  /** Writes shape's program, linked against the current regions, into its slot. */
  private link(shape: WasmShape): void {
    const scaled = new Map(shape.copies.map((copy) => [copy.scale, copy.at]));
    const program = buildCellProgram(shape.config, shape.batch, shape.dout, {
      slot: shape.slot,
      scratch: this.scratch,
      stream: this.stream,
      scaled,
    });
    this.f64.set(program.consts, shape.slot >> 3);
    this.i32.set(program.ops, program.pc >> 2);
    shape.program = program;
    shape.generation = this.generation;
  }

  /** Orthogonal inits: each layer's weights from its part of the stream, as drawWeights makes them (scaled). */
  private orthogonalWeights(shape: WasmShape): void {
    const { config } = shape;
    const stream = this.stream >> 3;
    const weights = shape.program.orthogonal >> 3;
    let at = 0;
    for (let l = 0; l < layerCount(config); l++) {
      const [m, k] = layerShape(config, l);
      this.replay.reset(this.f64.subarray(stream + at, stream + at + m * k));
      drawWeights(
        this.f64.subarray(weights + at, weights + at + m * k),
        m,
        k,
        this.replay,
        'orthogonal',
        valueAt(config.sigmaW2, l),
      );
      at += m * k;
    }
  }

  /** Byte address of `bytes` new bytes (16-aligned), growing the memory when needed. */
  private alloc(bytes: number): number {
    const at = this.top;
    this.top += Math.ceil(bytes / 16) * 16;
    const have = this.memory.buffer.byteLength;
    if (this.top > have) {
      this.memory.grow(Math.ceil((this.top - have) / PAGE));
      this.f64 = new Float64Array(this.memory.buffer);
      this.i32 = new Int32Array(this.memory.buffer);
    }
    return at;
  }
}
