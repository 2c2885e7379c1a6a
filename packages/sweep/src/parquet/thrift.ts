/**
 * Thrift compact protocol, the subset Parquet's page headers and FileMetaData use: structs, i16/i32/i64
 * (zigzag varints), binary strings and lists. Values are plain numbers (every Parquet count and offset we
 * write is below 2^53).
 */

/** Compact-protocol type ids of a field or list element. */
export const T = {
  TRUE: 1,
  FALSE: 2,
  BYTE: 3,
  I16: 4,
  I32: 5,
  I64: 6,
  DOUBLE: 7,
  BINARY: 8,
  LIST: 9,
  SET: 10,
  MAP: 11,
  STRUCT: 12,
} as const;

/** A field to write: [id, type, value]; a STRUCT's value is a field list, a LIST's is [elementType, values]. */
export type Field = readonly [number, number, unknown];

const textEncoder = new TextEncoder();
// Encoded strings: names and paths repeat in every row group of a footer.
const encoded = new Map<string, Uint8Array>();
function utf8(text: string): Uint8Array {
  let b = encoded.get(text);
  if (!b) {
    b = textEncoder.encode(text);
    if (encoded.size < 1024) encoded.set(text, b);
  }
  return b;
}

/** Growable byte buffer with the compact protocol's encoders. */
export class ThriftWriter {
  bytes = new Uint8Array(256);
  length = 0;

  private room(n: number): void {
    if (this.length + n <= this.bytes.length) return;
    const grown = new Uint8Array(Math.max(this.bytes.length * 2, this.length + n));
    grown.set(this.bytes.subarray(0, this.length));
    this.bytes = grown;
  }

  byte(b: number): void {
    this.room(1);
    this.bytes[this.length++] = b;
  }

  /** Unsigned varint of a non-negative integer below 2^53. */
  varint(v: number): void {
    this.room(10);
    while (v >= 0x80) {
      this.bytes[this.length++] = (v % 0x80) | 0x80;
      v = Math.floor(v / 0x80);
    }
    this.bytes[this.length++] = v;
  }

  /** Zigzag varint of a safe integer. */
  int(v: number): void {
    this.varint(v >= 0 ? v * 2 : -v * 2 - 1);
  }

  binary(b: Uint8Array): void {
    this.varint(b.length);
    this.room(b.length);
    this.bytes.set(b, this.length);
    this.length += b.length;
  }

  /** Bytes as they are (a piece encoded earlier). */
  raw(b: Uint8Array): void {
    this.room(b.length);
    this.bytes.set(b, this.length);
    this.length += b.length;
  }

  /** A list's header: its element type and size. */
  listHeader(elem: number, size: number): void {
    if (size < 15) this.byte((size << 4) | elem);
    else {
      this.byte(0xf0 | elem);
      this.varint(size);
    }
  }

  /** A string as BINARY (its UTF-8 bytes, length first). */
  text(value: string): void {
    this.binary(utf8(value));
  }

  /** Writes a struct's fields (ascending ids) and its stop byte. */
  struct(fields: readonly Field[]): void {
    let last = 0;
    for (const [id, type, value] of fields) {
      if (value === undefined) continue;
      const wire = type === T.TRUE || type === T.FALSE ? (value ? T.TRUE : T.FALSE) : type;
      if (id > last && id - last <= 15) this.byte(((id - last) << 4) | wire);
      else {
        this.byte(wire);
        this.int(id);
      }
      last = id;
      if (wire !== T.TRUE && wire !== T.FALSE) this.value(type, value);
    }
    this.byte(0);
  }

  private value(type: number, value: unknown): void {
    switch (type) {
      case T.BYTE:
        this.byte((value as number) & 0xff);
        return;
      case T.I16:
      case T.I32:
      case T.I64:
        this.int(value as number);
        return;
      case T.BINARY:
        this.binary(typeof value === 'string' ? utf8(value) : (value as Uint8Array));
        return;
      case T.STRUCT:
        this.struct(value as Field[]);
        return;
      case T.LIST: {
        const [elem, items] = value as [number, readonly unknown[]];
        this.listHeader(elem, items.length);
        for (const item of items) this.value(elem, item);
        return;
      }
      default:
        throw new Error(`thrift: cannot write type ${type}`);
    }
  }

  /** The bytes written so far (a copy). */
  result(): Uint8Array {
    return this.bytes.slice(0, this.length);
  }
}

/** A decoded struct: field id -> value (numbers, Uint8Array for binary, arrays for lists, nested structs). */
export type ThriftStruct = Map<number, unknown>;

/** Reads compact-protocol structs from a byte array; throws RangeError past its end. */
export class ThriftReader {
  constructor(
    readonly bytes: Uint8Array,
    public at = 0,
  ) {}

  private byte(): number {
    if (this.at >= this.bytes.length) throw new RangeError('thrift: read past the end of the data');
    return this.bytes[this.at++]!;
  }

  varint(): number {
    let v = 0;
    let scale = 1;
    for (;;) {
      const b = this.byte();
      v += (b & 0x7f) * scale;
      if (b < 0x80) return v;
      scale *= 0x80;
      if (scale > 2 ** 63) throw new RangeError('thrift: varint too long');
    }
  }

  int(): number {
    const z = this.varint();
    return z % 2 === 0 ? z / 2 : -(z + 1) / 2;
  }

  /** Reads one struct (up to and including its stop byte). */
  struct(): ThriftStruct {
    const out: ThriftStruct = new Map();
    let last = 0;
    for (;;) {
      const head = this.byte();
      if (head === 0) return out;
      const type = head & 0x0f;
      const delta = head >> 4;
      const id = delta === 0 ? this.int() : last + delta;
      last = id;
      out.set(id, type === T.TRUE ? true : type === T.FALSE ? false : this.value(type));
    }
  }

  private value(type: number): unknown {
    switch (type) {
      case T.TRUE:
      case T.FALSE:
        return this.byte() === 1;
      case T.BYTE:
        return this.byte();
      case T.I16:
      case T.I32:
      case T.I64:
        return this.int();
      case T.DOUBLE: {
        if (this.at + 8 > this.bytes.length) throw new RangeError('thrift: read past the end of the data');
        const v = new DataView(this.bytes.buffer, this.bytes.byteOffset + this.at, 8).getFloat64(0, true);
        this.at += 8;
        return v;
      }
      case T.BINARY: {
        const n = this.varint();
        if (this.at + n > this.bytes.length) throw new RangeError('thrift: read past the end of the data');
        const b = this.bytes.subarray(this.at, this.at + n);
        this.at += n;
        return b;
      }
      case T.STRUCT:
        return this.struct();
      case T.LIST:
      case T.SET: {
        const head = this.byte();
        const n = head >> 4 === 15 ? this.varint() : head >> 4;
        const elem = head & 0x0f;
        const items: unknown[] = [];
        for (let i = 0; i < n; i++) items.push(this.value(elem));
        return items;
      }
      case T.MAP: {
        const n = this.varint();
        if (n === 0) return new Map();
        const kinds = this.byte();
        const m = new Map<unknown, unknown>();
        for (let i = 0; i < n; i++) m.set(this.value(kinds >> 4), this.value(kinds & 0x0f));
        return m;
      }
      default:
        throw new RangeError(`thrift: unknown type ${type}`);
    }
  }
}
