/**
 * Repetition and definition levels of a required LIST<DOUBLE> column (max level 1 each) in Parquet's
 * RLE/bit-packed hybrid at bit width 1, as a data page v1 stores them: a 4-byte little-endian length, then runs.
 */

/** Appends RLE runs of 0/1 levels to a byte buffer, merging equal neighbours. */
class RunWriter {
  value = -1;
  count = 0;
  constructor(
    readonly out: Uint8Array,
    public at: number,
  ) {}

  push(value: number, count: number): void {
    if (count === 0) return;
    if (value === this.value) {
      this.count += count;
      return;
    }
    this.flush();
    this.value = value;
    this.count = count;
  }

  flush(): void {
    if (this.count === 0) return;
    // Run header: varint(count << 1), then the value in one byte (bit width 1).
    let v = this.count * 2;
    while (v >= 0x80) {
      this.out[this.at++] = (v % 0x80) | 0x80;
      v = Math.floor(v / 0x80);
    }
    this.out[this.at++] = v;
    this.out[this.at++] = this.value;
    this.count = 0;
  }
}

/** Most bytes levelBytes can write for these list lengths (scratch size). */
export function levelBound(rows: number): number {
  // Per row at most two runs per level stream, each <= 6 bytes, plus both 4-byte prefixes.
  return rows * 24 + 8;
}

function writeU32(out: Uint8Array, at: number, v: number): void {
  out[at] = v & 0xff;
  out[at + 1] = (v >>> 8) & 0xff;
  out[at + 2] = (v >>> 16) & 0xff;
  out[at + 3] = (v >>> 24) & 0xff;
}

/**
 * Writes the repetition then definition levels of lists of these lengths into out at `at`
 * (an empty list is one level pair (0, 0) and no value). Returns the end offset and the level count.
 */
export function writeListLevels(
  lengths: ArrayLike<number>,
  out: Uint8Array,
  at: number,
): { end: number; levels: number } {
  const n = lengths.length;
  let levels = 0;
  const rep = new RunWriter(out, at + 4);
  for (let i = 0; i < n; i++) {
    const len = lengths[i]!;
    rep.push(0, 1);
    if (len > 1) rep.push(1, len - 1);
    levels += len > 0 ? len : 1;
  }
  rep.flush();
  writeU32(out, at, rep.at - at - 4);
  const defAt = rep.at;
  const def = new RunWriter(out, defAt + 4);
  for (let i = 0; i < n; i++) {
    const len = lengths[i]!;
    if (len > 0) def.push(1, len);
    else def.push(0, 1);
  }
  def.flush();
  writeU32(out, defAt, def.at - defAt - 4);
  return { end: def.at, levels };
}

/** A page's level blocks and where its values start (v1: each block after a 4-byte length; v2: lengths in the header). */
export interface PageLevels {
  repStart: number;
  repEnd: number;
  defStart: number;
  defEnd: number;
  valuesStart: number;
}

const u32 = (b: Uint8Array, at: number) => b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16) | (b[at + 3]! * 0x1000000);

/** The level blocks of a LIST column's page body: v1 (length-prefixed) or v2 ([repBytes, defBytes] from the header); null when they overrun it. */
export function pageLevels(body: Uint8Array, v2: readonly [number, number] | null): PageLevels | null {
  if (v2) {
    const [rep, def] = v2;
    return rep + def <= body.length
      ? { repStart: 0, repEnd: rep, defStart: rep, defEnd: rep + def, valuesStart: rep + def }
      : null;
  }
  if (body.length < 4) return null;
  const repEnd = 4 + u32(body, 0);
  if (repEnd + 4 > body.length) return null;
  const defEnd = repEnd + 4 + u32(body, repEnd);
  return defEnd <= body.length ? { repStart: 4, repEnd, defStart: repEnd + 4, defEnd, valuesStart: defEnd } : null;
}

/** Calls run(value, count) for RLE runs and packed(byte, count) for bit-packed groups of `count` levels (bit width 1); false when malformed. */
function eachRun(
  bytes: Uint8Array,
  start: number,
  end: number,
  count: number,
  run: (value: number, count: number) => void,
  packed: (byte: number, count: number) => void,
): boolean {
  let p = start;
  let n = 0;
  while (n < count) {
    let header = 0;
    let scale = 1;
    for (;;) {
      if (p >= end) return false;
      const b = bytes[p++]!;
      header += (b & 0x7f) * scale;
      if (b < 0x80) break;
      scale *= 0x80;
    }
    if (header % 2 === 0) {
      // RLE run: header/2 copies of one byte-wide value.
      const c = header / 2;
      if (p >= end || n + c > count) return false;
      run(bytes[p++]! & 1, c);
      n += c;
    } else {
      // Bit-packed: (header >> 1) groups of 8 values, LSB first (the last group may be padding).
      for (let g = (header - 1) / 2; g > 0 && n < count; g--) {
        if (p >= end) return false;
        const c = Math.min(8, count - n);
        packed(bytes[p++]!, c);
        n += c;
      }
    }
  }
  return true;
}

/** Decodes `count` levels of bit width 1 from bytes[start, end) into out; false when malformed. */
export function readLevels(bytes: Uint8Array, start: number, end: number, count: number, out: Uint8Array): boolean {
  let n = 0;
  return eachRun(
    bytes,
    start,
    end,
    count,
    (value, c) => {
      out.fill(value, n, n + c);
      n += c;
    },
    (byte, c) => {
      for (let k = 0; k < c; k++) out[n++] = (byte >> k) & 1;
    },
  );
}

/**
 * Fast path for the common page: when the definition levels are one RLE run of `count` ones (no empty list),
 * writes each row's first value index (base + level index) into starts from `row` on, straight from the
 * repetition runs, and returns the next row; returns -1 when the page needs the general path.
 */
export function rowStartsAllDefined(
  bytes: Uint8Array,
  l: PageLevels,
  count: number,
  starts: Float64Array,
  row: number,
  base: number,
): number {
  let allOnes = false;
  const defOk = eachRun(
    bytes,
    l.defStart,
    l.defEnd,
    count,
    (value, c) => (allOnes = value === 1 && c === count),
    () => (allOnes = false),
  );
  if (!defOk || !allOnes) return -1;
  let n = 0;
  const ok = eachRun(
    bytes,
    l.repStart,
    l.repEnd,
    count,
    (value, c) => {
      if (value === 0) for (let j = 0; j < c && row < starts.length; j++) starts[row++] = base + n + j;
      n += c;
    },
    (byte, c) => {
      for (let k = 0; k < c; k++, n++) if (((byte >> k) & 1) === 0 && row < starts.length) starts[row++] = base + n;
    },
  );
  return ok ? row : -1;
}
