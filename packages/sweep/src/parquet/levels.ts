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
export function writeListLevels(lengths: ArrayLike<number>, out: Uint8Array, at: number): { end: number; levels: number } {
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

/**
 * Decodes `count` levels of bit width 1 (RLE/bit-packed hybrid, after the 4-byte length) from bytes at `at`
 * into out. Returns the offset after the levels' length-prefixed block, or -1 when the data is malformed.
 */
export function readLevels(bytes: Uint8Array, at: number, count: number, out: Uint8Array): number {
  if (at + 4 > bytes.length) return -1;
  const size = bytes[at]! | (bytes[at + 1]! << 8) | (bytes[at + 2]! << 16) | (bytes[at + 3]! * 0x1000000);
  let p = at + 4;
  const end = p + size;
  if (end > bytes.length) return -1;
  let n = 0;
  while (n < count) {
    if (p >= end) return -1;
    let header = 0;
    let scale = 1;
    for (;;) {
      if (p >= end) return -1;
      const b = bytes[p++]!;
      header += (b & 0x7f) * scale;
      if (b < 0x80) break;
      scale *= 0x80;
    }
    if (header % 2 === 0) {
      // RLE run: header/2 copies of one byte-wide value.
      const run = header / 2;
      if (p >= end || n + run > count) return -1;
      out.fill(bytes[p++]! & 1, n, n + run);
      n += run;
    } else {
      // Bit-packed: (header >> 1) groups of 8 values, LSB first.
      const groups = (header - 1) / 2;
      for (let g = 0; g < groups; g++) {
        if (p >= end) return -1;
        const b = bytes[p++]!;
        for (let k = 0; k < 8 && n < count; k++) out[n++] = (b >> k) & 1;
      }
    }
  }
  return end;
}

/**
 * Fast path for the common page: when the definition levels at `defAt` are one RLE run of `count` ones (no
 * empty list), writes each row's first value index (base + level index) into starts from `row` on, straight
 * from the repetition runs at `repAt`, and returns the next row; returns -1 when the page needs the general path.
 */
export function rowStartsAllDefined(bytes: Uint8Array, repAt: number, defAt: number, count: number, starts: Float64Array, row: number, base: number): number {
  // The def block: 4-byte length, varint(count << 1), one byte 1.
  let p = defAt + 4;
  let header = 0;
  let scale = 1;
  for (;;) {
    if (p >= bytes.length) return -1;
    const b = bytes[p++]!;
    header += (b & 0x7f) * scale;
    if (b < 0x80) break;
    scale *= 0x80;
  }
  if (header !== count * 2 || bytes[p] !== 1) return -1;
  // The rep block's runs.
  const size = bytes[repAt]! | (bytes[repAt + 1]! << 8) | (bytes[repAt + 2]! << 16) | (bytes[repAt + 3]! * 0x1000000);
  const end = repAt + 4 + size;
  p = repAt + 4;
  let n = 0;
  while (n < count) {
    if (p >= end) return -1;
    header = 0;
    scale = 1;
    for (;;) {
      if (p >= end) return -1;
      const b = bytes[p++]!;
      header += (b & 0x7f) * scale;
      if (b < 0x80) break;
      scale *= 0x80;
    }
    if (header % 2 === 0) {
      const run = header / 2;
      if (p >= end || n + run > count || row + (bytes[p] === 0 ? run : 0) >= starts.length) return -1;
      if ((bytes[p++]! & 1) === 0) for (let j = 0; j < run; j++) starts[row++] = base + n + j;
      n += run;
    } else {
      const groups = (header - 1) / 2;
      for (let g = 0; g < groups; g++) {
        if (p >= end) return -1;
        const b = bytes[p++]!;
        for (let k = 0; k < 8 && n < count; k++, n++) {
          if (((b >> k) & 1) === 0) {
            if (row >= starts.length) return -1;
            starts[row++] = base + n;
          }
        }
      }
    }
  }
  return row;
}
