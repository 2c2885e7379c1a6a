// Writes the variant-axes table of docs/sweep-format.md from the axis declarations (dist/axisTable.js, after
// `npm run build`): the text between <!-- axes:begin --> and <!-- axes:end -->. tests/repo/docs.test.ts checks it.
import { readFileSync, writeFileSync } from 'node:fs';
import { axisTable } from '../dist/axisTable.js';

const doc = new URL('../../../docs/sweep-format.md', import.meta.url);
const text = readFileSync(doc, 'utf8');
const next = text.replace(/(<!-- axes:begin -->\n)[\s\S]*?(\n<!-- axes:end -->)/, `$1${axisTable()}$2`);
if (next === text) console.log('docs/sweep-format.md: the axes table is up to date');
else {
  writeFileSync(doc, next);
  console.log('docs/sweep-format.md: axes table rewritten');
}
