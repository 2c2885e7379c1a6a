import { CELL_ARRAYS, CELL_SCALARS, type CellLayout } from '@resnet/core';

/** A number as summary.csv writes it: shortest round-trip form, `NaN` when undefined. */
export function csvNumber(v: number): string {
  return String(v);
}

/** Whether any of data[start..end) is NaN or infinite. */
export function hasNonFinite(data: Float64Array, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (!Number.isFinite(data[i]!)) return true;
  return false;
}

/** Identity fields of a cells.jsonl line, in the documented key order. */
export interface LineHead {
  arch: string;
  depth: number;
  seed: number;
  width: number;
  inputSize: number;
}

/** A cell as its cells.jsonl object, keys in the documented order; non-finite numbers become strings. */
export function cellObject(head: LineHead, rec: CellLayout, data: Float64Array, offset: number, nonFinite: boolean): Record<string, unknown> {
  const cell: Record<string, unknown> = { arch: head.arch, depth: head.depth, seed: head.seed, width: head.width, inputSize: head.inputSize };
  for (const name of CELL_SCALARS) cell[name] = jsonValue(data[offset + rec[name]]!);
  for (const name of CELL_ARRAYS) {
    const [at, len] = rec[name];
    // A pushed array stays packed: faster to build and to stringify than Array.from(subarray).
    const values: Array<number | string> = [];
    if (nonFinite) for (let i = offset + at; i < offset + at + len; i++) values.push(jsonValue(data[i]!));
    else for (let i = offset + at; i < offset + at + len; i++) values.push(data[i]!);
    cell[name] = values;
  }
  return cell;
}

/** A number as JSON.stringify should see it: finite numbers as they are, others as the strings "NaN", "Infinity", "-Infinity". */
function jsonValue(v: number): number | string {
  return Number.isFinite(v) ? v : String(v);
}

/**
 * Writes the cells.jsonl lines of consecutive cells into `out` and returns [start, end) of the text.
 * A single JSON.stringify over the batch is V8's fastest shortest-round-trip path; it is written
 * as bytes straight into the shared buffer (no string crosses threads), then "},{" between cells
 * (a cell never contains "}") becomes "}\n{" in place, and the closing "]" the last newline.
 */
export function writeJsonLines(cells: ReadonlyArray<Record<string, unknown>>, out: Uint8Array): [number, number] {
  if (cells.length === 0) return [0, 0];
  const text = JSON.stringify(cells);
  const area = Buffer.from(out.buffer, out.byteOffset, out.byteLength);
  const n = area.write(text, 0, 'utf8');
  if (n >= area.length) throw new Error(`cells.jsonl text of ${cells.length} cells overflows its ${area.length}-byte area`);
  const bytes = area.subarray(0, n);
  for (let at = bytes.indexOf(SEPARATOR, 1); at >= 0; at = bytes.indexOf(SEPARATOR, at + 2)) bytes[at + 1] = NEWLINE;
  bytes[n - 1] = NEWLINE;
  return [1, n];
}

const SEPARATOR = Buffer.from('},{"arch":');
const NEWLINE = 0x0a;
