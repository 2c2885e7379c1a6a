// The WebAssembly SIMD cell kernel (cellKernel.wat) and what its memory holds: the seed's normal stream, its scaled
// copies (scaledCopies.ts), one scratch region every shape shares, and per shape its program (cellProgram.ts). A run
// draws what the seed's stream still lacks, extends the scaled copies, writes orthogonal weights when the init needs
// them, makes one call, and copies the record out.
import type { Dout } from '../cellLayout.js';
import { cellNormalCount } from '../cellLayout.js';
import { layerCount, layerShape, type NetworkConfig } from '../config.js';
import { drawWeights } from '../init.js';
import { valueAt } from '../perPosition.js';
import { StreamRng } from '../rng.js';
import { buildCellProgram, type CellProgram } from './cellProgram.js';
import { relocatableBases, relocate } from './programBuilder.js';
import { KernelMemory } from './kernelMemory.js';
import { ScaledCopies, type CopyPlan } from './scaledCopies.js';
import { SeedStream } from './seedStream.js';

/** Bytes of the generator's state in cellKernel.wat (624 words, position, cached normal, 312 uniforms, 64 candidates). */
const RNG_STATE_BYTES = 2512 + 312 * 8 + 64 * 24;

/** One cell shape on the WebAssembly kernel. */
export interface WasmShape {
  readonly config: NetworkConfig;
  readonly batch: number;
  readonly dout: Dout;
  /** x is multiplied by it after it is drawn (1: as drawn). */
  readonly inputScale: number;
  /** Normals a cell reads: weights, x and (dout 'normal') the output gradient. */
  readonly need: number;
  /** Byte address of the shape's own region (constants and ops). */
  readonly slot: number;
  readonly scratchBytes: number;
  /** The scaled copies of the stream its Gaussian weights are read from (none: scaled as read). */
  readonly copies: CopyPlan;
  /** The shape's program built once against tagged bases (relocatableBases), linked by relocate(). */
  readonly relocatable: CellProgram;
  /** The program as last linked, and the memory generation it was linked in. */
  program: CellProgram;
  generation: number;
}

/** Runs cells with the WebAssembly kernel; after warm-up a cell allocates nothing (orthogonal inits aside). */
export class WasmCells {
  private scratch = 0;
  private scratchBytes = 0;
  private stream = 0;
  private streamCapacity = 0;
  /** Bumped whenever a region moves (scratch, stream, scaled copies): programs linked before must be linked again. */
  private generation = 0;
  private readonly replay = new StreamRng(new Float64Array(0));
  private readonly scaled: ScaledCopies;
  private readonly seeds: SeedStream;

  private constructor(private readonly memory: KernelMemory) {
    this.scaled = new ScaledCopies(memory);
    const state = memory.alloc(RNG_STATE_BYTES);
    const { mt_seed, mt_normals } = memory.exports;
    this.seeds = new SeedStream({
      // The stream region is where `fill` writes: indices count from its start.
      seed: (seed) => mt_seed(state, seed),
      fill: (from, to) => mt_normals(state, this.stream + 8 * from, to - from),
    });
  }

  /** A kernel with its own memory, or undefined where WebAssembly SIMD is unavailable. */
  static create(): WasmCells | undefined {
    const memory = KernelMemory.create();
    return memory ? new WasmCells(memory) : undefined;
  }

  /**
   * The shape of cells of a resolved config, batch, dout and input scale: its program built once against tagged
   * bases (it sizes the shape's region), and the shared regions grown to what it needs now, so preparing every shape
   * before running any links each program once (a region that moves later makes every program be relocated again).
   */
  prepare(config: NetworkConfig, batch: number, dout: Dout, inputScale = 1): WasmShape {
    const need = cellNormalCount(config, dout, batch);
    const copies = this.scaled.plan(config, need);
    // Built once, against tagged bases: sized from it, and linked by relocation whenever the regions move.
    const scales = copies.copies.map((c) => c.scale);
    const relocatable = buildCellProgram(config, batch, dout, relocatableBases(scales), inputScale);
    const shape: WasmShape = {
      config,
      batch,
      dout,
      inputScale,
      need,
      slot: this.memory.alloc(relocatable.slotBytes),
      scratchBytes: relocatable.scratchBytes,
      copies,
      relocatable,
      program: relocatable,
      generation: -1,
    };
    this.reserve(shape);
    return shape;
  }

  /** Runs one cell of `shape` for seed (its stream given, or drawn once per seed) and writes its record at out[offset..]. */
  run(shape: WasmShape, seed: number, out: Float64Array, offset: number, stream?: Float64Array): void {
    this.reserve(shape);
    if (shape.generation !== this.generation) this.link(shape);
    if (stream) {
      this.memory.f64.set(stream.subarray(0, shape.need), this.stream >> 3);
      this.seeds.forget();
    } else {
      this.seeds.fill(seed, shape.need);
    }
    const { copies, reaches } = shape.copies;
    for (let i = 0; i < copies.length; i++) this.scaled.fill(copies[i], reaches[i], this.stream, this.seeds.restarts);
    const program = shape.program;
    if (program.orthogonal >= 0) this.orthogonalWeights(shape);
    this.memory.exports.run(program.pc);
    const f64 = this.memory.f64;
    const at = program.record >> 3;
    for (let i = 0, n = program.layout.length; i < n; i++) out[offset + i] = f64[at + i];
  }

  /** Grows the scratch, stream and scaled copies to what shape needs (moving them, which relinks every program). */
  private reserve(shape: WasmShape): void {
    if (shape.scratchBytes > this.scratchBytes) {
      const bytes = Math.max(shape.scratchBytes, 2 * this.scratchBytes);
      this.scratch = this.memory.alloc(bytes);
      this.scratchBytes = bytes;
      this.generation++;
    }
    if (shape.need > this.streamCapacity) {
      const capacity = Math.max(shape.need, 2 * this.streamCapacity);
      const at = this.memory.alloc(capacity * 8);
      // Keep what the seed's stream already holds.
      this.memory.f64.copyWithin(at >> 3, this.stream >> 3, (this.stream >> 3) + this.seeds.count);
      this.stream = at;
      this.streamCapacity = capacity;
      this.generation++;
    }
    if (this.scaled.reserve(shape.copies.maxReach)) this.generation++;
  }

  /** Writes shape's program, linked against the current regions, into its slot. */
  private link(shape: WasmShape): void {
    const program = relocate(shape.relocatable, {
      slot: shape.slot,
      scratch: this.scratch,
      stream: this.stream,
      scaled: shape.copies.copies.map((copy) => copy.at),
    });
    this.memory.f64.set(program.consts, shape.slot >> 3);
    this.memory.i32.set(program.ops, program.pc >> 2);
    shape.program = program;
    shape.generation = this.generation;
  }

  /** Orthogonal inits: each layer's weights from its part of the stream, as drawWeights makes them (scaled). */
  private orthogonalWeights(shape: WasmShape): void {
    const { config } = shape;
    const f64 = this.memory.f64;
    const stream = this.stream >> 3;
    const weights = shape.program.orthogonal >> 3;
    let at = 0;
    for (let l = 0; l < layerCount(config); l++) {
      const [m, k] = layerShape(config, l);
      this.replay.reset(f64.subarray(stream + at, stream + at + m * k));
      const w = f64.subarray(weights + at, weights + at + m * k);
      drawWeights(w, m, k, this.replay, 'orthogonal', valueAt(config.sigmaW2, l));
      at += m * k;
    }
  }
}
