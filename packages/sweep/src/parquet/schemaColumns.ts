import { P, type ColumnKind, type ColumnSpec } from './schema.js';
import type { ThriftStruct } from './thrift.js';

const decoder = new TextDecoder();
const KIND_OF_TYPE: Readonly<Record<number, ColumnKind>> = {
  [P.BYTE_ARRAY]: 'string',
  [P.INT32]: 'int32',
  [P.INT64]: 'int64',
  [P.DOUBLE]: 'double',
  [P.BOOLEAN]: 'boolean',
};

/**
 * The columns a flat schema (as schemaElements writes it) lists: each top-level element a leaf of a
 * physical type, or a 3-level LIST of doubles. readParquetFooter then checks every field against
 * schemaElements(columns), so anything but the shapes we write is refused there.
 */
export function schemaColumns(schema: readonly ThriftStruct[], fail: (fault: string) => never): ColumnSpec[] {
  const out: ColumnSpec[] = [];
  for (let i = 1; i < schema.length; i++) {
    const el = schema[i]!;
    const raw = el.get(4);
    const name = raw instanceof Uint8Array ? decoder.decode(raw) : String(raw);
    if (el.get(6) === P.LIST) {
      out.push({ name, kind: 'list' });
      i += 2;
      continue;
    }
    const kind = KIND_OF_TYPE[el.get(1) as number];
    if (!kind)
      fail(
        `column ${name} has physical type ${String(el.get(1))}; expected a string, int32, int64, double, boolean or a list of doubles`,
      );
    out.push({ name, kind: kind! });
  }
  return out;
}
