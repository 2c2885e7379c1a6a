import { CELL_ARRAYS, CELL_SCALARS, type Arch } from '@resnet/core';
import { AXIS_COLUMN_NAMES } from '../axisColumns.js';
import { CellsFileError } from '../errors.js';
import { NO_VALUES, arrayLengths, isInt } from './cellRow.js';
import type { CellRow, CellsReader, ReadCellsOptions } from './cellRow.js';
import { appliesNot, isNumericColumn } from './appliesNot.js';
import { checkAgainstManifest } from './fileCheck.js';
import { eachLine } from './lineChunks.js';
import { restoreNonFinite } from './restoreNonFinite.js';

const ARRAYS_KEY = Buffer.from(',"gradNorms":');
const TAIL_KEY = Buffer.from(',"nonFinite":');

/**
 * Streams the cells of a cells.jsonl file (JSON Lines v2: non-finite values are null, restored from the
 * `nonFinite` text) to onCell, line by line. The arrays of cells arraysFor refuses are never parsed.
 * Throws CellsFileError naming the file and line on any fault.
 */
export const readJsonlCells: CellsReader = async (file, onCell, options = {}) => {
  const arraysFor = options.arraysFor ?? (() => true);
  let index = 0;
  const { expect } = options;
  const fail = (fault: string) => new CellsFileError(file, undefined, fault);
  const { lines, unterminated, size, crc32 } = await eachLine(
    file,
    (buf, s, e, line) => {
      if (e === s || (e === s + 1 && buf[s] === 13)) return;
      onCell(parseLine(buf, s, e, arraysFor, file, line), index++);
    },
    expect ? (size) => checkAgainstManifest(size, null, expect, fail) : undefined,
  );
  if (expect) checkAgainstManifest(size, crc32, expect, fail);
  if (unterminated)
    throw new CellsFileError(
      file,
      `line ${lines + 1}`,
      'the file ends inside this line (no newline): it was cut short',
    );
  return { file, format: 'jsonl', cells: index };
};

function parseLine(
  buf: Buffer,
  s: number,
  e: number,
  arraysFor: NonNullable<ReadCellsOptions['arraysFor']>,
  file: string,
  line: number,
): CellRow {
  const fail = (fault: string): never => {
    throw new CellsFileError(file, `line ${line}`, fault);
  };
  const json = (text: string): Record<string, unknown> => {
    let v: unknown;
    try {
      v = JSON.parse(text);
    } catch (err) {
      return fail(`is not valid JSON (${(err as Error).message})`);
    }
    return v !== null && typeof v === 'object' && !Array.isArray(v)
      ? (v as Record<string, unknown>)
      : fail('is not a JSON object');
  };
  // Keys come in the documented order: identity and scalars, the arrays, then nonFinite. Parse the head and
  // tail first; the arrays only when wanted. Any other order falls back to parsing the whole line.
  const a = buf.indexOf(ARRAYS_KEY, s);
  const t = buf.lastIndexOf(TAIL_KEY, e - TAIL_KEY.length);
  const split = a > s && a < e && t > a;
  const c = split ? json(buf.toString('utf8', s, a) + buf.toString('utf8', t, e)) : json(buf.toString('utf8', s, e));
  const lengths = arrayLengths(c.arch, c.depth);
  if (typeof lengths === 'string') return fail(lengths);
  if (!isInt(c.seed, 0)) fail(`seed is ${JSON.stringify(c.seed)}; expected an integer >= 0`);
  if (!isInt(c.width, 1) || !isInt(c.inputSize, 1))
    fail(`width ${JSON.stringify(c.width)}, inputSize ${JSON.stringify(c.inputSize)}: expected integers >= 1`);
  if (typeof c.nonFinite !== 'string') fail(`nonFinite is ${JSON.stringify(c.nonFinite)}; expected a string`);
  for (const k of CELL_SCALARS)
    if (typeof c[k] !== 'number' && c[k] !== null)
      fail(`${k} is ${JSON.stringify(c[k])}; expected a number (or null, with nonFinite saying what it was)`);
  const arrays = arraysFor(c.arch as Arch, c.depth as number);
  if (arrays) {
    const arr = split ? json(`{${buf.toString('utf8', a + 1, t)}}`) : c;
    CELL_ARRAYS.forEach((k, i) => {
      const v = arr[k] as unknown[];
      if (!Array.isArray(v) || v.length !== lengths[i]) {
        fail(
          `${k} is ${Array.isArray(v) ? `an array of ${(v as unknown[]).length} values` : JSON.stringify(v)}; a ${String(c.arch)} net of depth ${String(c.depth)} has ${lengths[i]}`,
        );
      }
      for (let j = 0; j < v.length; j++)
        if (typeof v[j] !== 'number' && v[j] !== null)
          fail(`${k}[${j}] is ${JSON.stringify(v[j])}; expected a number or null`);
      c[k] = v;
    });
  }
  const fault = restoreNonFinite(c, c.nonFinite as string, arrays);
  if (fault) fail(fault);
  const v = c as unknown as CellRow;
  const out: CellRow = {
    arch: v.arch,
    depth: v.depth,
    seed: v.seed,
    width: v.width,
    inputSize: v.inputSize,
    xNorm: v.xNorm,
    ratio: v.ratio,
    ratioEps: v.ratioEps,
    inputGradNorm: v.inputGradNorm,
    gradNorms: arrays ? v.gradNorms : NO_VALUES,
    layerGradNorms: arrays ? v.layerGradNorms : NO_VALUES,
    actNorms: arrays ? v.actNorms : NO_VALUES,
    signalNorms: arrays ? v.signalNorms : NO_VALUES,
    nonFinite: v.nonFinite,
  };
  // Axis values follow nonFinite (a grid with non-default axes): strings or numbers, kept as written; a numeric
  // axis's null is NaN (a per-position value, whose text is in <axis>Expr).
  for (const k of AXIS_COLUMN_NAMES) {
    // null: the axis does not apply to the cell's net (a plain net's residual-only axis), or a per-position value (NaN).
    if (!(k in c) || appliesNot(v.arch, k)) continue;
    if (c[k] === null && isNumericColumn(k)) c[k] = Number.NaN;
    if (typeof c[k] !== 'string' && typeof c[k] !== 'number')
      fail(`${k} is ${JSON.stringify(c[k])}; expected a string or a number`);
    (out as unknown as Record<string, unknown>)[k] = c[k];
  }
  return out;
}
