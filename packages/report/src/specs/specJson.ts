import type { TopLevelSpec } from 'vega-lite';

/**
 * A Vega-Lite spec as the JSON file written beside its figure: indented for reading and restyling,
 * but each inline data row on one line (a figure's thousands of rows would otherwise run to pages).
 */
export function specJson(spec: TopLevelSpec): string {
  const rows: string[] = [];
  const text = JSON.stringify(
    spec,
    (key, value: unknown) =>
      key === 'values' && Array.isArray(value) && value.every((r) => r !== null && typeof r === 'object')
        ? `\u0000${rows.push(value.length ? `[\n${value.map((r) => `  ${JSON.stringify(r)}`).join(',\n')}\n]` : '[]') - 1}`
        : value,
    2,
  );
  return `${text.replace(/"\\u0000(\d+)"/g, (_m, i: string) => rows[Number(i)]!)}\n`;
}
