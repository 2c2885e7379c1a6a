import { availableParallelism } from 'node:os';
import type { Argv } from 'yargs';
import type { TheoryResult } from '@resnet/core';
import { defineCommand } from './defineCommand.js';
import { commandLine, intFlag, outFolderFlag } from './flags.js';
import { flags } from './options.js';
import { printJson } from './output.js';
import type { FlagText } from './sweepFlags.js';
import { runTheoryThreads } from './theoryRun.js';

interface TheoryArgs {
  seeds?: FlagText;
  haninSeeds?: FlagText;
  maxSeeds?: FlagText;
  threads?: FlagText;
  out?: FlagText;
  details: boolean;
  json: boolean;
  quiet: boolean;
}

/** `resnet theory`: five predictions from the literature measured and held against their theory; prints the agreement table. */
export const theoryCommand = defineCommand<TheoryArgs>({
  command: 'theory',
  describe:
    'Measure five gradient-flow predictions (He 2015/2016, ReZero, Hanin 2018) and print the agreement table: agrees, fails or inconclusive',
  builder: (y: Argv) =>
    flags(y, {
      seeds: {
        type: 'string',
        describe:
          'Seeds per network, fixed (one look, 99% intervals); default: adaptive, 1,000 first and more while a row is undecided',
        accepts: 'an integer >= 20',
      },
      'hanin-seeds': {
        type: 'string',
        describe: 'Seeds per net of prediction 5’s grid, fixed (default: half of --seeds, or adaptive)',
        accepts: 'an integer >= 20',
      },
      'max-seeds': {
        type: 'string',
        describe: 'Adaptive: most seeds per network (default 32000; prediction 5: an eighth, at least 1000)',
        accepts: 'an integer >= 1000',
      },
      threads: {
        type: 'string',
        describe: 'Threads: the predictions are split over them (default: the cores, at most 3)',
        accepts: 'an integer from 1 to 5',
      },
      out: {
        type: 'string',
        describe: 'Also write theory.html, theory.json and the figures into this folder',
        accepts: 'a folder path',
      },
      details: {
        type: 'boolean',
        default: false,
        describe: 'Print the numbers behind every row (besides its reason)',
      },
    })
      .example('$0 theory', 'the full table, seeds chosen per row (about a minute on 2 cores)')
      .example('$0 theory --seeds 200 --out theory-out', 'a quick table at 200 seeds, plus theory.html'),
  handler: (argv: TheoryArgs) => theory(argv),
});

async function theory(argv: TheoryArgs): Promise<void> {
  // 1. Flags, checked before any work.
  const seeds = argv.seeds === undefined ? undefined : intFlag('--seeds', argv.seeds, 20);
  const haninSeeds = argv.haninSeeds === undefined ? undefined : intFlag('--hanin-seeds', argv.haninSeeds, 20);
  const maxSeeds = argv.maxSeeds === undefined ? undefined : intFlag('--max-seeds', argv.maxSeeds, 1000);
  const threads =
    argv.threads === undefined ? Math.min(3, availableParallelism()) : intFlag('--threads', argv.threads, 1, 5);
  const out = argv.out === undefined ? null : outFolderFlag('--out', argv.out);
  // 2. Measure, with progress on stderr.
  const progress = progressLine(argv.quiet);
  const result = await runTheoryThreads(
    {
      ...(seeds === undefined ? {} : { seeds }),
      ...(haninSeeds === undefined ? {} : { haninSeeds }),
      ...(maxSeeds === undefined ? {} : { maxSeeds, haninMaxSeeds: Math.max(1000, Math.round(maxSeeds / 8)) }),
    },
    threads,
    progress.update,
  );
  progress.finish();
  // 3. The page and files, when asked for.
  const files = out === null ? null : await writePage(result, out);
  if (argv.json) return printJson({ ...result, files });
  if (argv.quiet) {
    if (files) console.log(files.html);
    return;
  }
  const core = await import('@resnet/core');
  console.log(formatResult(core, result, threads, argv.details));
  if (files) console.log(`\nWrote ${files.html} (and theory.json, ${files.figures.length} figure files)`);
}

async function writePage(result: TheoryResult, out: string) {
  const { writeTheoryReport } = await import('@resnet/report');
  return writeTheoryReport(result, out, { command: commandLine() });
}

/** The first line: how the seeds were chosen, the threads and the time. */
function header(result: TheoryResult, threads: number): string {
  const o = result.options;
  const n = (x: number) => x.toLocaleString('en-US');
  const seeds =
    o.mode === 'fixed'
      ? `${n(o.plan.start)} seeds per network (prediction 5: ${n(o.haninPlan.start)} per net)`
      : `seeds chosen per row: ${n(o.plan.start)} to ${n(o.plan.max)} per network (prediction 5: ${n(o.haninPlan.start)} to ${n(o.haninPlan.max)} per net)`;
  return `Theory against measurement: ${seeds}, ${threads} thread${threads === 1 ? '' : 's'}, ${result.seconds.toFixed(1)} s`;
}

/** The header, the table (every row with its reason; --details adds its numbers), the symbols and the rule. */
function formatResult(
  core: typeof import('@resnet/core'),
  result: TheoryResult,
  threads: number,
  details: boolean,
): string {
  const o = result.options;
  const level = `${Number((100 * o.plan.level).toFixed(3))}%`;
  const looks =
    o.mode === 'fixed'
      ? `One look at ${level} per row; \`resnet theory\` without --seeds chooses the seeds per row.`
      : `Up to ${o.plan.looks} looks per network at ${level} each: at most a 1% chance over all looks that a verdict rests on an interval that missed; a row stops at the look that decides it.`;
  return [
    header(result, threads),
    '',
    core.formatTheoryTable(result.rows, { details }),
    '',
    `Symbols. ${core.THEORY_SYMBOLS}`,
    '',
    `Verdicts: ${core.verdictCounts(result.rows)}. A row agrees when its interval lies within the tolerance of the prediction (so a deviation of that size would have shown), ` +
      `fails when it lies beyond, and is inconclusive otherwise (its reason says how many seeds would decide it: --seeds N). ${looks} Rules fixed in advance; nothing fitted.`,
  ].join('\n');
}

/** Progress on stderr: redrawn on a TTY, one line per step (a look at a network's seeds) otherwise; nothing with --quiet. */
function progressLine(quiet: boolean) {
  const tty = Boolean(process.stderr.isTTY);
  let drawn = false;
  const t0 = performance.now();
  return {
    update: (_done: number, _total: number, label: string) => {
      if (quiet) return;
      const line = `theory, ${((performance.now() - t0) / 1000).toFixed(0)} s: ${label}`;
      if (tty) {
        process.stderr.write(`\r\x1b[2K${line}`);
        drawn = true;
        return;
      }
      process.stderr.write(`${line}\n`);
    },
    finish: () => {
      if (drawn) process.stderr.write('\n');
    },
  };
}
