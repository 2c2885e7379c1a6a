import type { Argv } from 'yargs';
import { defineCommand } from './defineCommand.js';
import type { SweepOptions } from '@resnet/sweep';
import { ExitCode } from './errors.js';
import { commandLine, intFlag } from './flags.js';
import { createProgressReporter } from './progress.js';
import { formatSummaryTable, readSummary } from './summaryTable.js';
import { printJson } from './output.js';

interface SweepArgs {
  depths: string;
  seeds: string;
  archs: string;
  width: string;
  threads?: string;
  out: string;
  shard?: string;
  shards?: string;
  report: boolean;
  title?: string;
  json: boolean;
}

/** `resnet sweep`: the main job. */
export const sweepCommand = defineCommand<SweepArgs>({
  command: 'sweep',
  describe: 'Run a depth x seed grid of plain and residual nets on all cores and write results, summary and report',
  builder: (y: Argv) =>
    y
      .option('depths', { type: 'string', default: '5..40', describe: 'Depths: 5..40 (every integer), 5..40:5 (step) or 5,10,20' })
      .option('seeds', { type: 'string', default: '100', describe: 'Seeds: a count (100 = seeds 0..99) or a range 1000..1099' })
      .option('archs', { type: 'string', default: 'plain,residual', describe: 'Architectures, comma-separated' })
      .option('width', { type: 'string', default: '16', describe: 'Hidden width (and input size) of every net' })
      .option('threads', { type: 'string', describe: 'Worker threads [default: available cores]' })
      .option('out', { type: 'string', default: 'resnet-out/sweep', describe: 'Output folder; rerunning on it resumes' })
      .option('shard', { type: 'string', describe: 'Run shard i of n (i/n, 1-based); also read from SLURM_ARRAY_TASK_ID' })
      .option('shards', { type: 'string', describe: 'Shard count for JOB_COMPLETION_INDEX (Kubernetes Indexed Job)' })
      .option('report', { type: 'boolean', default: true, describe: 'Write the HTML report and figures (--no-report to skip)' })
      .option('title', { type: 'string', describe: 'Report title' })
      .example('$0 sweep --depths 5..40 --seeds 100', 'the README grid: 7,200 cells, about a second')
      .example('$0 sweep --depths 5..40:5 --seeds 1000..1099 --archs residual', 'other seeds, one arch')
      .example('$0 sweep --depths 5..40 --seeds 10000 --shard 2/4 --out shard2', 'one of four machines; then resnet merge'),
  handler: (argv: SweepArgs) => sweep(argv),
});

async function sweep(argv: SweepArgs): Promise<void> {
  // Heavy packages load on demand, so `resnet --help` starts fast.
  const { parseArchs, parseDepths, parseSeeds, parseShard, runSweep, shardFromEnv } = await import('@resnet/sweep');
  // 1. Parse and validate every flag before starting anything.
  const width = intFlag('--width', argv.width, 1);
  const shards = argv.shards === undefined ? undefined : intFlag('--shards', argv.shards, 1);
  const options: SweepOptions = {
    depths: parseDepths(argv.depths),
    seeds: parseSeeds(argv.seeds),
    archs: parseArchs(argv.archs),
    width,
    inputSize: width,
    threads: argv.threads === undefined ? undefined : intFlag('--threads', argv.threads, 1, 256),
    out: argv.out,
    shard: argv.shard !== undefined ? parseShard(argv.shard) : shardFromEnv(process.env, shards),
    command: commandLine(),
  };
  // 2. Run with progress on stderr; Ctrl-C aborts, keeps finished cells, and says how to resume.
  const controller = new AbortController();
  let interrupts = 0;
  const onSigint = () => {
    interrupts += 1;
    if (interrupts > 1) process.exit(ExitCode.interrupted);
    controller.abort();
  };
  process.on('SIGINT', onSigint);
  process.on('SIGTERM', onSigint);
  const progress = createProgressReporter(process.stderr, 'sweep');
  try {
    const result = await runSweep(options, { onProgress: (p) => progress.update(p), signal: controller.signal });
    progress.finish();
    // 3. Report, then the summary table and where everything is.
    // A shard holds part of the grid: its report waits for `resnet merge`.
    const report = argv.report && !options.shard ? await (await import('@resnet/report')).writeReport(argv.out, { title: argv.title, command: options.command }) : null;
    if (argv.json) {
      printJson({ out: result.out, cellCount: result.cellCount, computed: result.computed, resumed: result.resumed, seconds: result.seconds, nonFinite: result.nonFinite, report: report?.html ?? null, figures: report?.figures ?? [], summary: await readSummary(argv.out) });
      return;
    }
    const rate = result.computed / Math.max(result.seconds, 1e-9);
    const resumedNote = result.resumed ? ` (${result.resumed.toLocaleString('en-US')} already on disk)` : '';
    if (result.computed === 0) console.log(`All ${result.cellCount.toLocaleString('en-US')} cells were already in ${result.out}/; nothing to compute.`);
    else console.log(`${result.cellCount.toLocaleString('en-US')} cells in ${result.seconds.toFixed(2)} s${resumedNote}, ${Math.round(rate).toLocaleString('en-US')} cells/s, written to ${result.out}/`);
    if (result.nonFinite) console.log(`${result.nonFinite} cells have NaN or infinite values; they are counted in summary.csv.`);
    if (!options.shard) console.log(`\n${formatSummaryTable(await readSummary(argv.out))}\n`);
    if (options.shard) console.log(`Shard ${options.shard.index}/${options.shard.count} done. When every shard is, join them: resnet merge SHARD_DIR... --out DIR (it writes the report).`);
    if (report?.html) console.log(`Report: ${report.html}`);
  } catch (error) {
    progress.finish();
    if (controller.signal.aborted) {
      const { saved, total } = error as { saved?: number; total?: number };
      const counts = saved !== undefined && total !== undefined ? ` after ${saved.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} cells` : '';
      process.stderr.write(`\nInterrupted${counts}. Every finished cell is saved in ${argv.out}/.\nResume with: ${commandLine()}\n`);
      process.exitCode = ExitCode.interrupted;
      return;
    }
    throw error;
  } finally {
    process.off('SIGINT', onSigint);
    process.off('SIGTERM', onSigint);
  }
}
