import { ARCHS, CELL_ARRAYS, cellLayout, type Arch, type CellResult, type DepthUnit } from '@resnet/core';
import type { DeclaredAxis } from '../axes.js';
import type { ManifestFile } from '../folder/format.js';

/** The value type a cell holds in an axis's column: a choice's word, or a number. */
type ColumnValue<A extends DeclaredAxis> = A['values'] extends { type: 'choice'; choices: readonly (infer C)[] }
  ? C
  : number;

/**
 * A cell's values of the grid's non-default axes (docs/sweep-format.md, "Axis columns"), derived from the
 * axis declarations: present exactly when the folder's grid lists that axis; numbers resolved (NaN for a
 * per-position expression, which has one value per block or weight layer), `<axis>Expr` the expression
 * text as given, `depthUnit` when the grid's is not native.
 */
export type CellAxisValues = {
  [A in DeclaredAxis as A['cellColumn'] extends true ? A['name'] : never]?: ColumnValue<A>;
} & {
  [A in DeclaredAxis as A['values'] extends { type: 'number' } ? `${A['name']}Expr` : never]?: string;
} & { depthUnit?: DepthUnit };

/** One cell as the readers yield it: core's CellResult, its width and input size, the nonFinite text and any axis values. */
export type CellRow = CellResult &
  CellAxisValues & {
    width: number;
    inputSize: number;
    /** "" when every metric is finite, else `path=value` entries (docs/sweep-format.md). */
    nonFinite: string;
  };

/** Options of readCells, readParquetCells and readJsonlCells. */
export interface ReadCellsOptions {
  /**
   * Whether a cell's per-layer arrays are wanted (default: every cell). Cells it refuses come with empty
   * arrays (one shared frozen array, NO_VALUES), so a large folder can be scanned for its scalars with little memory.
   */
  arraysFor?: (arch: Arch, depth: number) => boolean;
  /** Which cells file to read; default: cells.parquet when the folder has it, else cells.jsonl. */
  format?: 'parquet' | 'jsonl';
  /**
   * The file's size and crc32 as its folder's manifest lists them: the size is checked first, the crc32 from
   * the bytes read anyway once every cell is handed on (then a CellsFileError: a caller that keeps the cells
   * draws nothing before readCells returns). The file is read once.
   */
  expect?: ManifestFile;
}

/** What a read found. */
export interface ReadCellsResult {
  /** Path of the file read. */
  file: string;
  format: 'parquet' | 'jsonl';
  /** Cells read. */
  cells: number;
}

/** A reader of one cells file: streams its cells to onCell. */
export type CellsReader = (file: string, onCell: OnCell, options?: ReadCellsOptions) => Promise<ReadCellsResult>;

/** Called with each cell in file (canonical) order and its 0-based index. */
export type OnCell = (cell: CellRow, index: number) => void;

/** The arrays of a cell read without them: one shared, frozen, empty array. */
export const NO_VALUES = Object.freeze([]) as unknown as number[];

const lengths = new Map<unknown, Array<readonly number[] | undefined>>();

/** Array lengths of a net of this arch and depth in CELL_ARRAYS order, or a fault when arch/depth are not a net. */
export function arrayLengths(arch: unknown, depth: unknown): readonly number[] | string {
  const byDepth = lengths.get(arch);
  let l = typeof depth === 'number' ? byDepth?.[depth] : undefined;
  if (l) return l;
  if (typeof arch !== 'string' || !(ARCHS as readonly string[]).includes(arch))
    return `arch is ${JSON.stringify(arch)}; expected one of ${ARCHS.join(', ')}`;
  if (typeof depth !== 'number' || !Number.isInteger(depth) || depth < 1)
    return `depth is ${JSON.stringify(depth)}; expected an integer >= 1`;
  const layout = cellLayout({ arch: arch as Arch, depth });
  l = CELL_ARRAYS.map((k) => layout[k][1]);
  if (!byDepth) lengths.set(arch, []);
  lengths.get(arch)![depth] = l;
  return l;
}

/** Whether v is an integer >= min. */
export function isInt(v: unknown, min: number): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= min;
}
