import { AXES, axisFlag, type Axis } from './axes.js';

/** An axis's values in words, as the docs' table shows them. */
function valuesText(a: Axis): string {
  if (a.values.type === 'choice') return a.values.choices.map((c) => `\`${c}\``).join(', ');
  if (a.values.type === 'integer') return 'integers >= 1';
  const min = a.values.min === 0 ? 'numbers >= 0' : 'numbers';
  const { position } = a.values;
  if (position === undefined) return `${min} or expressions`;
  return `${min} or expressions; per ${position === 'layer' ? 'weight layer' : 'residual block'} with \`${position}\``;
}

/**
 * The variant axes as a Markdown table, derived from their declarations: what docs/sweep-format.md and
 * the README show (a test keeps them equal to this).
 */
export function axisTable(): string {
  const rows = AXES.map((a) => {
    const jobs = Object.keys(a.jobs)
      .map((j) => `\`${j}\``)
      .join(', ');
    const nets = a.nets === 'all' ? 'all' : 'residual';
    const byDefault = a.default === undefined ? a.defaultText : `\`${a.default}\``;
    return `| \`${a.name}\` | \`${axisFlag(a)}\` | ${valuesText(a)} | ${byDefault} | ${nets} | ${jobs} | ${a.describe} |`;
  });
  return [
    '| axis | flag | values | default | nets | commands | what it sets |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...rows,
  ].join('\n');
}
