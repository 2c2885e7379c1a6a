/** How a value is shown in a difference line. */
export type Show = (value: never) => string;

const json: Show = (v) => JSON.stringify(v) ?? 'none';

/**
 * A list of `field: folder has A, requested B` lines (labels replace the two phrases), one per field
 * compared whose values differ as JSON: what a ConfigMismatchError lists.
 */
export function differenceList(labels: readonly [string, string] = ['folder has', 'requested']): {
  lines: string[];
  compare: (field: string, a: unknown, b: unknown, show?: Show) => void;
} {
  const lines: string[] = [];
  const compare = (field: string, a: unknown, b: unknown, show: Show = json) => {
    if (JSON.stringify(a) !== JSON.stringify(b))
      lines.push(`${field}: ${labels[0]} ${show(a as never)}, ${labels[1]} ${show(b as never)}`);
  };
  return { lines, compare };
}
