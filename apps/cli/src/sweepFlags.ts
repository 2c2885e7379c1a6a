import type { SweepOptions } from '@resnet/sweep';
import { axisTexts } from './axisFlags.js';
import { bundledSweepWorker } from './bundledWorkers.js';
import { UsageError } from './errors.js';
import { OUTPUT_FORMATS } from '@resnet/sweep/folder';
import { commandLine, intFlag, listFlag, outFolderFlag, textFlag } from './flags.js';

/** A flag's value as it reaches a handler: the text as typed (or the default). */
export type FlagText = string | number;

/** The flags of `resnet sweep`, as yargs hands them over (the axis flags by their own names, see axisFlags). */
export interface SweepArgs extends Record<string, unknown> {
  depths: FlagText;
  seeds: FlagText;
  archs: FlagText;
  width: FlagText;
  threads?: FlagText;
  out: FlagText;
  shard?: FlagText;
  shards?: FlagText;
  format: FlagText;
  report: boolean;
  title?: FlagText;
  json: boolean;
  quiet: boolean;
}

/** runSweep's options as the CLI fills them (every output format named). */
export type SweepRunOptions = SweepOptions & { formats: NonNullable<SweepOptions['formats']> };

/** Everything a sweep run needs, every flag checked. */
export interface SweepPlan {
  options: SweepRunOptions;
  /** Write the report after the cells (not for a shard: its report waits for `resnet merge`). */
  report: boolean;
  title: string | undefined;
}

/**
 * Checks every flag of `resnet sweep` before any work starts, so a typo never costs a computed grid;
 * errors name the flag, what was given and what is accepted.
 */
export function parseSweepFlags(
  argv: SweepArgs,
  sweep: typeof import('./sweepApi.js'),
  env: NodeJS.ProcessEnv = process.env,
): SweepPlan {
  if (String(argv.width).includes(','))
    throw new UsageError(
      '--width',
      String(argv.width),
      'one integer >= 1 (the input size and hidden width); hidden widths swept as an axis are --widths, e.g. --widths 16,32',
    );
  const width = intFlag('--width', argv.width, 1);
  const shards = argv.shards === undefined ? undefined : intFlag('--shards', argv.shards, 1);
  if (shards !== undefined && argv.shard !== undefined) {
    throw new UsageError('--shards', String(argv.shards), 'no --shards beside --shard i/n (its n is the shard count)');
  }
  const indexVariables = sweep.SHARD_INDEX_VARIABLES;
  if (shards !== undefined && !indexVariables.some((v) => env[v] !== undefined && env[v] !== '')) {
    throw new UsageError(
      '--shards',
      String(argv.shards),
      `--shards only in an array job, where ${indexVariables.join(' or ')} is set (else use --shard i/n)`,
    );
  }
  const title = argv.title === undefined ? undefined : textFlag('--title', argv.title, 'a non-empty report title');
  const axes = sweep.parseAxes(axisTexts(argv, 'sweep'), 'sweep');
  // The CLI's bundle brings its own one-file worker (faster to start than the package's module tree).
  const workerFilename = bundledSweepWorker();
  const options: SweepRunOptions = {
    depths: sweep.parseDepths(String(argv.depths)),
    seeds: sweep.parseSeeds(String(argv.seeds)),
    archs: sweep.parseArchs(String(argv.archs)),
    // --width sets the input size too; --widths lists hidden widths (the input size stays --width's).
    width: axes?.width ? undefined : width,
    inputSize: width,
    ...(axes ? { axes } : {}),
    threads: argv.threads === undefined ? undefined : intFlag('--threads', argv.threads, 1, 256),
    out: outFolderFlag('--out', argv.out),
    shard: argv.shard !== undefined ? sweep.parseShard(String(argv.shard)) : sweep.shardFromEnv(env, shards),
    command: commandLine(),
    formats: listFlag('--format', argv.format, OUTPUT_FORMATS),
    ...(workerFilename ? { workerFilename } : {}),
    // A small grid runs on this thread: a worker would take longer to start than its cells to compute.
    inline: true,
  };
  // The grid as a whole (memory estimate, depths per arch) is checked here too, before any work.
  sweep.resolveSweepOptions(options);
  return { options, report: argv.report && !options.shard, title };
}
