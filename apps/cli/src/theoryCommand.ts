import type { Argv } from 'yargs';
import type { TheoryResult } from '@resnet/core';
import { defineCommand } from './defineCommand.js';
import { commandLine, intFlag, outFolderFlag } from './flags.js';
import { flags } from './options.js';
import { printJson } from './output.js';
import type { FlagText } from './sweepFlags.js';

interface TheoryArgs {
  seeds: FlagText;
  haninSeeds?: FlagText;
  out?: FlagText;
  details: boolean;
  json: boolean;
  quiet: boolean;
}

/** `resnet theory`: the five predictions of issue 10 measured and held against their theory; prints the agreement table. */
export const theoryCommand = defineCommand<TheoryArgs>({
  command: 'theory',
  describe:
    'Measure the five gradient-flow predictions (He 2015/2016, ReZero, Hanin 2018) and print the agreement table',
  builder: (y: Argv) =>
    flags(y, {
      seeds: {
        type: 'string',
        default: '1000',
        describe: 'Seeds per network for predictions 1-4',
        accepts: 'an integer >= 20',
      },
      'hanin-seeds': {
        type: 'string',
        describe: 'Seeds per grid cell for prediction 5 (default: half of --seeds)',
        accepts: 'an integer >= 20',
      },
      out: {
        type: 'string',
        describe: 'Also write theory.html, theory.json and the figures into this folder',
        accepts: 'a folder path',
      },
      details: {
        type: 'boolean',
        default: false,
        describe: 'Print the rule and numbers of every row (default: of failing rows)',
      },
    })
      .example('$0 theory', 'the full-size table (about 15 s on one core)')
      .example('$0 theory --seeds 200 --out theory-out', 'a quicker table, plus theory.html'),
  handler: (argv: TheoryArgs) => theory(argv),
});

async function theory(argv: TheoryArgs): Promise<void> {
  // 1. Flags, checked before any work.
  const seeds = intFlag('--seeds', argv.seeds, 20);
  const haninSeeds = argv.haninSeeds === undefined ? undefined : intFlag('--hanin-seeds', argv.haninSeeds, 20);
  const out = argv.out === undefined ? null : outFolderFlag('--out', argv.out);
  // 2. Measure, with progress on stderr.
  const core = await import('@resnet/core');
  const progress = progressLine(argv.quiet);
  const result = core.runTheory({
    seeds,
    ...(haninSeeds === undefined ? {} : { haninSeeds }),
    onProgress: progress.update,
  });
  progress.finish();
  // 3. The page and files, when asked for.
  const files = out === null ? null : await writePage(result, out);
  if (argv.json) return printJson({ ...result, files });
  if (argv.quiet) {
    if (files) console.log(files.html);
    return;
  }
  console.log(formatResult(core, result, argv.details));
  if (files) console.log(`\nWrote ${files.html} (and theory.json, ${files.figures.length} figure files)`);
}

async function writePage(result: TheoryResult, out: string) {
  const { writeTheoryReport } = await import('@resnet/report');
  return writeTheoryReport(result, out, { command: commandLine() });
}

/** The table, a line on how to read it, and the rule and numbers of failing rows (every row with --details). */
function formatResult(core: typeof import('@resnet/core'), result: TheoryResult, details: boolean): string {
  const o = result.options;
  const failing = result.rows.filter((r) => r.agreement === 'fails');
  const lines = [
    `Theory against measurement: ${o.seeds} seeds per network (prediction 5: ${o.haninSeeds} per grid cell), ${result.seconds.toFixed(1)} s`,
    '',
    core.formatTheoryTable(result.rows),
    '',
    `${result.rows.length - failing.length} of ${result.rows.length} checks agree. CIs: jackknife over 20 seed groups, t with 19 df; rules fixed in advance, nothing fitted.`,
  ];
  for (const r of details ? result.rows : failing)
    lines.push(
      '',
      `${r.id} ${r.agreement === 'agrees' ? 'agrees' : 'FAILS'}: ${r.quantity}. Rule: ${r.rule}.`,
      `   ${r.detail}`,
    );
  return lines.join('\n');
}

/** Progress on stderr: redrawn on a TTY, one line per prediction otherwise; nothing with --quiet. */
function progressLine(quiet: boolean) {
  const tty = Boolean(process.stderr.isTTY);
  let lastPrediction = '';
  let drawn = false;
  return {
    update: (done: number, total: number, label: string) => {
      if (quiet) return;
      const line = `theory ${done}/${total} networks: ${label}`;
      if (tty) {
        process.stderr.write(`\r\x1b[2K${line}`);
        drawn = true;
        return;
      }
      const prediction = label.split(':')[0] ?? label;
      if (prediction !== lastPrediction || done === total) process.stderr.write(`${line}\n`);
      lastPrediction = prediction;
    },
    finish: () => {
      if (drawn) process.stderr.write('\n');
    },
  };
}
