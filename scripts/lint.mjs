// `npm run lint`: Biome's CI check (formatting and lint rules) failing on any diagnostic at all. `biome ci` fails
// on errors, `--error-on-warnings` on warnings, but nothing makes it fail on infos (e.g. style/useTemplate), so a
// clean clone printed pages of them: this runs it once with the JSON reporter, prints each diagnostic as one line,
// and fails when there is any (then `npx biome ci .` shows them in full). Needs node_modules/.bin on PATH (npm run).
import { spawnSync } from 'node:child_process';

const run = spawnSync(
  'biome',
  ['ci', '.', '--reporter=json', '--colors=off', '--diagnostic-level=info', '--max-diagnostics=none'],
  {
    encoding: 'utf8',
    maxBuffer: 256 * 2 ** 20,
  },
);
if (run.error) {
  process.stderr.write(`lint: could not run biome (${run.error.message}); run it through npm run lint.\n`);
  process.exit(2);
}
let report;
try {
  report = JSON.parse(run.stdout);
} catch {
  process.stderr.write(`lint: biome printed no JSON report:\n${run.stdout}${run.stderr}`);
  process.exit(run.status || 2);
}
const { errors, warnings, infos } = report.summary;
const found = errors + warnings + infos;
for (const d of report.diagnostics) {
  const at = d.location?.start ? `:${d.location.start.line}:${d.location.start.column}` : '';
  process.stderr.write(`${d.location?.path ?? '?'}${at} ${d.severity} ${d.category}: ${d.message}\n`);
}
if (found > 0 || run.status !== 0) {
  process.stderr.write(
    `lint: ${errors} errors, ${warnings} warnings, ${infos} infos; every one fails the check (npx biome ci . shows them in full, npm run format fixes formatting).\n`,
  );
  process.exit(1);
}
process.stdout.write(`lint: ${report.summary.unchanged + report.summary.changed} files checked, no diagnostics.\n`);
