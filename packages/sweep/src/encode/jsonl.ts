import { CELL_ARRAYS, CELL_SCALARS, type CellLayout } from '@resnet/core';
import type { AxisColumn } from '../axisColumns.js';

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

/** A float as the JSON Lines files write it: shortest round-trip digits, integral values as floats (`4.0`), `null` when not finite. */
export function floatText(v: number): string {
  if (!Number.isFinite(v)) return 'null';
  return Number.isInteger(v) || Object.is(v, -0) ? integralFloatText(v) : String(v);
}

/** A value of a column as the JSON Lines files write it: a `double` column's number by floatText, anything else as JSON. */
export function jsonValue(kind: string, v: unknown): string {
  return kind === 'double' && typeof v === 'number' ? floatText(v) : JSON.stringify(v ?? null);
}

/**
 * Turns a unit's cells into cells.jsonl bytes, one JSON.stringify per cell written straight into a
 * reused buffer: every string is small and dies young, so a worker's heap does not grow with the
 * unit (a unit-sized string would sit in the large-object space until a full GC).
 */
export class JsonLinesEncoder {
  private out: Buffer = Buffer.from(new ArrayBuffer(1 << 20));
  private length = 0;

  /**
   * Adds one cell (its record at data[offset..]); non-finite values become null (JSON.stringify's own rule).
   * A grid with axes passes its axis columns and the cell's values: they follow nonFinite, numbers as floats.
   */
  add(
    head: CellHead,
    rec: CellLayout,
    data: Float64Array,
    offset: number,
    nonFinite: string,
    values?: Record<string, string | number | null>,
    columns: readonly AxisColumn[] = [],
  ): void {
    let marked = false;
    const cell: Record<string, unknown> = {
      arch: head.arch,
      depth: head.depth,
      seed: head.seed,
      width: head.width,
      inputSize: head.inputSize,
    };
    for (const name of CELL_SCALARS) {
      const v = data[offset + rec[name]]!;
      // A scalar JSON.stringify would print as an integer goes between marks as its float text.
      if (Number.isInteger(v)) marked = true;
      cell[name] = Number.isInteger(v) ? MARK + integralFloatText(v) + MARK : v;
    }
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
      marked = true;
      cell[name] = `${MARK}[${tokens.join(',')}]${MARK}`;
    }
    cell['nonFinite'] = nonFinite;
    for (const c of columns) {
      const v = values![c.name] ?? null;
      if (typeof v === 'number' && Number.isInteger(v)) marked = true;
      cell[c.name] = typeof v === 'number' && Number.isInteger(v) ? MARK + integralFloatText(v) + MARK : v;
    }
    let text = JSON.stringify(cell);
    if (marked) text = text.replaceAll('"~', '').replaceAll('~"', '');
    this.reserve(text.length + 1);
    this.length += this.out.write(text, this.length, 'latin1');
    this.out[this.length++] = NEWLINE;
  }

  /** The lines of every cell added since the last finish, as ASCII bytes in a fresh, transferable buffer of exactly their length. */
  finish(): Uint8Array {
    const bytes = Uint8Array.prototype.slice.call(this.out, 0, this.length);
    this.length = 0;
    return bytes;
  }

  private reserve(bytes: number): void {
    if (this.length + bytes <= this.out.length) return;
    const grown = Buffer.from(new ArrayBuffer(Math.max(2 * this.out.length, this.length + bytes)));
    this.out.copy(grown, 0, 0, this.length);
    this.out = grown;
  }
}

const NEWLINE = 0x0a;
