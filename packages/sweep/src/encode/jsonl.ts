import { CELL_ARRAYS, CELL_SCALARS, type CellLayout } from '@resnet/core';

/** Identity fields of a cell, in the documented key order. */
export interface CellHead {
  arch: string;
  depth: number;
  seed: number;
  width: number;
  inputSize: number;
}

/** Brackets a value JSON.stringify would print as an integer: `"~4.0~"` in its text becomes `4.0` (two fast replaceAll). */
const MARK = '~';

/**
 * A finite float as cells.jsonl writes it when JSON.stringify would not: an integer-valued double
 * gets '.0' below 1e16 (`2.0`, `-0.0`), exponent form from 1e16 (`3.728077190887527e+19`); others
 * are printed by JSON.stringify (shortest round-trip digits, exponent form from 1e21).
 */
export function integralFloatText(v: number): string {
  if (Object.is(v, -0)) return '-0.0';
  const text = String(v);
  if (text.includes('e')) return text;
  return Math.abs(v) < 1e16 ? `${text}.0` : v.toExponential();
}

/** Accumulates a block's cells as objects and turns them into cells.jsonl bytes in one JSON.stringify. */
export class JsonLinesEncoder {
  private cells: Array<Record<string, unknown>> = [];
  private marked = false;

  /** Adds one cell (its record at data[offset..]); non-finite values become null (JSON.stringify's own rule). */
  add(head: CellHead, rec: CellLayout, data: Float64Array, offset: number, nonFinite: string): void {
    const cell: Record<string, unknown> = { arch: head.arch, depth: head.depth, seed: head.seed, width: head.width, inputSize: head.inputSize };
    for (const name of CELL_SCALARS) cell[name] = this.value(data[offset + rec[name]]!);
    for (const name of CELL_ARRAYS) {
      const [at, len] = rec[name];
      // A pushed array of doubles stays packed: JSON.stringify's fastest path (NaN and Infinity print as null).
      const values: number[] = [];
      let integral = -1;
      for (let i = offset + at; i < offset + at + len; i++) {
        const v = data[i]!;
        values.push(v);
        if (integral < 0 && Number.isInteger(v)) integral = i - offset - at;
      }
      if (integral < 0) {
        cell[name] = values;
        continue;
      }
      // Rare but real (the last signalNorm is often exactly 4): this array's integer-valued entries are fixed in its own text.
      const tokens = JSON.stringify(values).slice(1, -1).split(',');
      for (let j = integral; j < len; j++) if (Number.isInteger(values[j]!)) tokens[j] = integralFloatText(values[j]!);
      this.marked = true;
      cell[name] = `${MARK}[${tokens.join(',')}]${MARK}`;
    }
    cell['nonFinite'] = nonFinite;
    this.cells.push(cell);
  }

  /** The lines of every cell added (each ending in '\n') as ASCII bytes in a fresh, transferable buffer. */
  finish(): Uint8Array {
    if (this.cells.length === 0) return new Uint8Array(0);
    // One JSON.stringify over the block is V8's fastest shortest-round-trip path. "},{" between cells
    // becomes "}\n{" (a cell holds no other '}'), the brackets go.
    let text = JSON.stringify(this.cells);
    if (this.marked) text = text.replaceAll('"~', '').replaceAll('~"', '');
    text = `${text.slice(1, -1).replaceAll('},{"arch":', '}\n{"arch":')}\n`;
    const bytes = new Uint8Array(text.length);
    Buffer.from(bytes.buffer).write(text, 'latin1');
    this.cells = [];
    this.marked = false;
    return bytes;
  }

  private value(v: number): number | string {
    // A scalar: a number for JSON.stringify, or its text between marks when that would print as an integer.
    if (!Number.isInteger(v)) return v; // fractional, NaN or infinite: JSON.stringify's text is right (null for non-finite)
    this.marked = true;
    return MARK + integralFloatText(v) + MARK;
  }
}
