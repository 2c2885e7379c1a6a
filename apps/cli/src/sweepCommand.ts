import { join } from 'node:path';
import type { Argv } from 'yargs';
import type { ReportResult } from '@resnet/report';
import type { SweepResult } from '@resnet/sweep';
import { defineCommand } from './defineCommand.js';
import { InterruptedError } from './errors.js';
import { commandLine } from './flags.js';
import { flags } from './options.js';
import { printJson } from './output.js';
import { createProgressReporter, formatRate, type RunStats } from './progress.js';
import { trapSignals, type SignalTrap } from './signals.js';
import { OUTPUT_FORMATS } from '@resnet/sweep/folder';
import { axisFlags } from './axisFlags.js';
import { parseSweepFlags, type SweepArgs, type SweepPlan } from './sweepFlags.js';
import { preloadReport, writeSweepReport } from './sweepReport.js';
import { formatSummaryTable, readSummary } from './summaryTable.js';

/** `resnet sweep`: the main job. */
export const sweepCommand = defineCommand<SweepArgs>({
  command: 'sweep',
  describe: 'Run a depth x seed grid of plain and residual nets on all cores; write results, summary and report',
  builder: (y: Argv) =>
    flags(y, {
      depths: {
        type: 'string',
        default: '5..40',
        describe: 'Depths: 5..40 (every integer), 5..40:5 (step) or 5,10,20',
        accepts: 'depths such as 5..40, 5..40:5 or 5,10,20',
      },
      seeds: {
        type: 'string',
        default: '100',
        describe: 'Seeds: a count (100 = seeds 0..99) or a range 1000..1099',
        accepts: 'a seed count such as 100 or a range such as 1000..1099',
      },
      archs: {
        type: 'string',
        default: 'plain,residual',
        describe: 'Architectures, comma-separated',
        accepts: 'a comma-separated list of plain, residual',
      },
      width: {
        type: 'number',
        default: 16,
        describe: 'Input size, and the hidden width of every net (a list of hidden widths is --widths)',
        accepts: 'an integer >= 1',
      },
      ...axisFlags('sweep'),
      threads: {
        type: 'number',
        describe: 'Worker threads',
        defaultText: 'available cores; fewer for a small grid, one per ~1e8 weights drawn',
        accepts: 'an integer from 1 to 256',
      },
      out: {
        type: 'string',
        default: 'resnet-out/sweep',
        describe: 'Output folder; rerunning on it resumes',
        accepts: 'a folder path',
      },
      shard: {
        type: 'string',
        describe:
          'Run shard i of n (i/n, 1-based); also read from SLURM_ARRAY_TASK_ID (with --shards: a 0-based index)',
        accepts: 'i/n with 1 <= i <= n, e.g. 2/4',
      },
      shards: {
        type: 'number',
        describe: 'Shard count for JOB_COMPLETION_INDEX (Kubernetes) or AWS_BATCH_JOB_ARRAY_INDEX (AWS Batch)',
        accepts: 'an integer >= 1',
      },
      format: {
        type: 'string',
        default: 'parquet',
        describe: `Output files, comma-separated: ${OUTPUT_FORMATS.join(', ')}`,
        accepts: `a comma-separated list of ${OUTPUT_FORMATS.join(', ')}`,
      },
      report: { type: 'boolean', default: true, describe: 'Write the HTML report and figures (--no-report to skip)' },
      title: { type: 'string', describe: 'Report title', accepts: 'a non-empty report title' },
    })
      .example('$0 sweep --depths 5..40 --seeds 100', 'the README grid: 7,200 cells')
      .example('$0 sweep --seeds 1000..1099', 'other seeds: 1000 to 1099')
      .example('$0 sweep --format parquet,jsonl', 'also write cells.jsonl')
      .example('$0 sweep --shard 2/4 --out s2', 'part 2 of 4; then resnet merge')
      .example('$0 sweep --blocks notebook,preact', 'both blocks, side by side')
      .example('$0 sweep --branch-scale 1,1/depth', 'eta = 1, and eta = 1/depth per cell'),
  handler: (argv: SweepArgs) => sweep(argv),
});

async function sweep(argv: SweepArgs): Promise<void> {
  // Heavy packages load on demand, so `resnet --help` starts fast.
  const sweepModule = await import('./sweepApi.js');
  // 1. Every flag, before any work.
  const plan = parseSweepFlags(argv, sweepModule);
  // 2. The report modules load while the cells compute; signals stop the work and keep it resumable.
  const report = plan.report ? preloadReport() : null;
  const trap = trapSignals();
  const progress = createProgressReporter(process.stderr, 'sweep', { quiet: argv.quiet });
  try {
    let result: SweepResult;
    try {
      result = await sweepModule.runSweep(plan.options, { onProgress: (p) => progress.update(p), signal: trap.signal });
    } catch (error) {
      progress.finish();
      throw trap.received() ? interrupted(trap, plan, error) : error;
    }
    progress.finish();
    if (trap.received()) throw interrupted(trap, plan, { saved: result.cellCount, total: result.cellCount });
    // 3. The report, then what was done and where it is.
    if (report && !argv.quiet) process.stderr.write('report: writing figures and report.html ...\n');
    const written = report ? await writeSweepReport(report, plan.options.out, plan.title, trap) : null;
    await printResult(argv, plan, result, computeStats(progress.stats(), result), written);
  } finally {
    trap.dispose();
  }
}

/** The one line a stopped sweep prints: the signal, the saved cells, that the folder resumes, and how. */
function interrupted(trap: SignalTrap, plan: SweepPlan, error: unknown): InterruptedError {
  const signal = trap.received()!;
  const { saved, total } = (error ?? {}) as { saved?: number; total?: number };
  const counts =
    typeof saved === 'number' && typeof total === 'number'
      ? `${saved.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} cells are`
      : 'every finished cell is';
  return new InterruptedError(
    signal,
    `Interrupted by ${signal}: ${counts} saved in ${plan.options.out} and the folder is resumable; resume with: ${commandLine()}`,
  );
}

/** The bar's figures when it saw the cells computed; else (no progress events came) the sweep's own count and time. */
function computeStats(run: RunStats, result: SweepResult): RunStats {
  if (run.computed > 0 || result.computed === 0) return run;
  return { computed: result.computed, seconds: result.seconds, rate: result.computed / Math.max(result.seconds, 1e-9) };
}

async function printResult(
  argv: SweepArgs,
  plan: SweepPlan,
  result: SweepResult,
  run: RunStats,
  report: ReportResult | null,
): Promise<void> {
  const shard = plan.options.shard;
  if (argv.json) {
    printJson({
      out: result.out,
      cellCount: result.cellCount,
      computed: result.computed,
      resumed: result.resumed,
      seconds: result.seconds,
      computeSeconds: run.seconds,
      cellsPerSecond: run.rate,
      nonFinite: result.nonFinite,
      formats: plan.options.formats,
      report: report?.html ?? null,
      figures: report?.figures ?? [],
      summary: await readSummary(result.out),
    });
    return;
  }
  if (argv.quiet) {
    console.log(report?.html ?? result.out);
    return;
  }
  const n = (x: number) => x.toLocaleString('en-US');
  if (result.computed === 0)
    console.log(`All ${n(result.cellCount)} cells were already in ${result.out}/; nothing to compute.`);
  else {
    const resumed = result.resumed ? `, ${n(result.resumed)} already on disk` : '';
    console.log(
      `${n(result.cellCount)} cells in ${result.seconds.toFixed(2)} s: ${n(run.computed)} computed in ${run.seconds.toFixed(2)} s at ${formatRate(run.rate)}${resumed}; written to ${result.out}/`,
    );
  }
  if (result.nonFinite)
    console.log(`${result.nonFinite} cells have NaN or infinite values; they are counted in summary.csv.`);
  if (!shard) console.log(`\n${formatSummaryTable(await readSummary(result.out), join(result.out, 'summary.csv'))}\n`);
  if (shard)
    console.log(
      `Shard ${shard.index}/${shard.count} done. When every shard is, join them: resnet merge SHARD_DIR... --out DIR (it writes the report).`,
    );
  if (report?.html) console.log(`Report: ${report.html}`);
}
