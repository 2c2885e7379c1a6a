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
    return {
      config,
      batch,
      dout,
      need: cellNormalCount(config, dout, batch),
      slot: this.alloc(trial.slotBytes),
      scratchBytes: trial.scratchBytes,
      program: trial,
      generation: -1,
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
  }

  /** Writes shape's program, linked against the current regions, into its slot. */
  private link(shape: WasmShape): void {
    const program = buildCellProgram(shape.config, shape.batch, shape.dout, {
      slot: shape.slot,
      scratch: this.scratch,
      stream: this.stream,
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
