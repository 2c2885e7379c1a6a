import { resolveNetworkConfig } from './config.js';
import { type CELL_ARRAYS, DOUTS, cellLayout, type CellLayout, type CellResult, type CellSpec } from './cellLayout.js';
import { OptionsError, ShapeError } from './errors.js';
import { JsCells, type JsShape } from './kernel/jsCells.js';
import { WasmCells, type WasmShape } from './kernel/wasmCells.js';
import { fieldKey, networkKey } from './networkKey.js';
import { checkFinite, checkInteger, checkOneOf } from './validate.js';

/** Which kernel runs cells: WebAssembly SIMD (bit-identical to the JS one, several times faster) or JS. */
export type CellKernel = 'wasm' | 'js';

/** Options of a CellRunner. */
export interface CellRunnerOptions {
  /** 'auto' (default): WebAssembly where it is available, else JS; 'js' forces the JS kernel; 'wasm' requires WebAssembly. */
  kernel?: 'auto' | CellKernel;
}

/** A cell's network, batch, output gradient and input scale without its seed: what CellRunner.prepare takes. */
export type CellShapeSpec = Omit<CellSpec, 'seed'>;

/** A cell shape validated and laid out once (CellRunner.prepare), to run for any number of seeds. */
export interface PreparedCell {
  /** Where each metric sits in the cell's record. */
  readonly layout: CellLayout;
  /** Normal draws the cell reads from its seed's stream (cellNormalCount). */
  readonly normals: number;
  /** The kernel's own state for the shape. */
  readonly shape: JsShape | WasmShape;
}

/**
 * Runs cells with buffers reused across calls: after warm-up a cell allocates nothing. Each runner keeps the
 * normal stream of the last seed it drew, so cells of one seed run one after another draw it once (results are
 * bit-identical to a fresh RandomState(seed) per cell). For many cells of few shapes, prepare each shape once and
 * call runPrepared.
 */
export class CellRunner {
  /** The kernel this runner uses. */
  readonly kernel: CellKernel;
  private readonly wasm: WasmCells | undefined;
  private readonly js: JsCells | undefined;
  private readonly prepared = new Map<string, PreparedCell>();
  private readonly bySpec = new Map<string, PreparedCell>();

  constructor(options: CellRunnerOptions = {}) {
    const kernel = checkOneOf('kernel', options.kernel ?? 'auto', ['auto', 'wasm', 'js'] as const);
    this.wasm = kernel === 'js' ? undefined : WasmCells.create();
    if (kernel === 'wasm' && !this.wasm)
      throw new OptionsError('kernel', kernel, "'auto' or 'js'", 'This runtime has no WebAssembly with SIMD.');
    this.js = this.wasm ? undefined : new JsCells();
    this.kernel = this.wasm ? 'wasm' : 'js';
  }

  /** Validates a cell shape (every network field, batch, dout, inputScale) once and lays it out; cached by the resolved config. */
  prepare(spec: CellShapeSpec): PreparedCell {
    const memo = specKey(spec);
    let cell = this.bySpec.get(memo);
    if (cell) return cell;
    const batch = checkInteger('batch', spec.batch ?? 1, 1);
    const config = resolveNetworkConfig(spec);
    const dout = checkOneOf('dout', spec.dout ?? 'ones', DOUTS);
    const inputScale = checkFinite('inputScale', spec.inputScale ?? 1);
    // The key names every field of the resolved config, so no field can be left out of it.
    const key = `${networkKey(config)}batch=${batch};dout=${dout};inputScale=${inputScale}`;
    cell = this.prepared.get(key);
    if (!cell) {
      const shape = this.wasm
        ? this.wasm.prepare(config, batch, dout, inputScale)
        : this.js!.prepare(config, batch, dout, inputScale);
      cell = { layout: cellLayout(config), normals: shape.need, shape };
      this.prepared.set(key, cell);
    }
    this.bySpec.set(memo, cell);
    return cell;
  }

  /**
   * Runs one prepared cell for `seed` and writes its record (see cellLayout) at out[offset..]. With `stream` (the
   * seed's normal draws, at least cell.normals long) no random number is drawn: weights and x are read from its prefix.
   */
  runPrepared(cell: PreparedCell, seed: number, out: Float64Array, offset = 0, stream?: Float64Array): CellLayout {
    checkInteger('seed', seed, 0, 0xffffffff);
    const { layout } = cell;
    if (offset + layout.length > out.length || offset < 0)
      throw new ShapeError('out', `at least ${offset + layout.length}`, out.length);
    if (stream && stream.length < cell.normals)
      throw new ShapeError('stream', `at least ${cell.normals}`, stream.length);
    if (this.wasm) this.wasm.run(cell.shape as WasmShape, seed, out, offset, stream);
    else this.js!.run(cell.shape as JsShape, seed, out, offset, stream);
    return layout;
  }

  /**
   * Runs one cell by the golden contract and writes its record (see cellLayout) at out[offset..].
   * With `stream` (the seed's normal draws, at least cellNormalCount long) no random number is drawn:
   * weights and x are read from its prefix, bit-identical to drawing them.
   */
  run(spec: CellSpec, out: Float64Array, offset = 0, stream?: Float64Array): CellLayout {
    return this.runPrepared(this.prepare(spec), spec.seed, out, offset, stream);
  }
}

/** A spec's fields but its seed, generically (a memo in front of resolving: equal specs resolve equally). */
function specKey(spec: CellShapeSpec & { seed?: number }): string {
  let key = '';
  for (const f in spec) if (f !== 'seed') key += fieldKey(f, (spec as Record<string, unknown>)[f]);
  return key;
}

const defaultRunner = new CellRunner();

/**
 * Runs one cell (a fresh RandomState(seed): all weights in construction order, then x (randn(batch, inputSize)); one forward;
 * backward from dout = ones, or N(0, I) drawn after x with dout 'normal') and writes its metrics into out at offset. Returns the record layout.
 */
export function cell(spec: CellSpec, out: Float64Array, offset = 0, stream?: Float64Array): CellLayout {
  return defaultRunner.run(spec, out, offset, stream);
}

/** Reads a record written by cell() back into a plain object. */
export function decodeCell(spec: CellSpec, record: Float64Array, offset = 0): CellResult {
  const layout = cellLayout(resolveNetworkConfig(spec));
  const arr = (f: (typeof CELL_ARRAYS)[number]) =>
    Array.from(record.subarray(offset + layout[f][0], offset + layout[f][0] + layout[f][1]));
  return {
    arch: spec.arch,
    depth: spec.depth,
    seed: spec.seed,
    xNorm: record[offset + layout.xNorm],
    ratio: record[offset + layout.ratio],
    ratioEps: record[offset + layout.ratioEps],
    inputGradNorm: record[offset + layout.inputGradNorm],
    gradNorms: arr('gradNorms'),
    layerGradNorms: arr('layerGradNorms'),
    actNorms: arr('actNorms'),
    signalNorms: arr('signalNorms'),
  };
}

/** Runs one cell and returns its metrics as a plain object (allocates; for one-off use). */
export function runCell(spec: CellSpec): CellResult {
  const layout = cellLayout(resolveNetworkConfig(spec));
  const record = new Float64Array(layout.length);
  cell(spec, record);
  return decodeCell(spec, record);
}
