import { GridError } from './errors.js';

/** One machine's part of a grid: blocks [floor((index-1)*B/count), floor(index*B/count)) of the grid's B blocks. */
export interface Shard {
  /** 1-based shard number. */
  index: number;
  /** Number of shards. */
  count: number;
}

/** Parses `--shard i/n` (1-based: `1/4` .. `4/4`). */
export function parseShard(text: string): Shard {
  const m = typeof text === 'string' ? /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text) : null;
  if (!m) throw new GridError('--shard', text, 'i/n with 1 <= i <= n, e.g. 2/4');
  return checkShard('--shard', text, Number(m[1]), Number(m[2]));
}

/** Validates a shard: integers with 1 <= index <= count. */
export function checkShard(option: string, given: unknown, index: number, count: number): Shard {
  if (!Number.isSafeInteger(count) || count < 1 || !Number.isSafeInteger(index) || index < 1 || index > count) {
    throw new GridError(option, given, 'a shard i/n with integers 1 <= i <= n, e.g. 2/4');
  }
  return { index, count };
}

/**
 * Array-job variables holding a 0-based task index whose shard count comes from `--shards n`: Kubernetes Indexed
 * Jobs (JOB_COMPLETION_INDEX) and AWS Batch array jobs (AWS_BATCH_JOB_ARRAY_INDEX). Neither tells the array size.
 */
export const ZERO_BASED_INDEX_VARIABLES = ['JOB_COMPLETION_INDEX', 'AWS_BATCH_JOB_ARRAY_INDEX'] as const;

/** Every variable that gives a shard index in an array job: SLURM's, then the 0-based ones. */
export const SHARD_INDEX_VARIABLES = ['SLURM_ARRAY_TASK_ID', ...ZERO_BASED_INDEX_VARIABLES] as const;

/**
 * The shard of a cluster array job, or null outside one. SLURM: SLURM_ARRAY_TASK_ID with
 * SLURM_ARRAY_TASK_COUNT (ids counted from SLURM_ARRAY_TASK_MIN, default 0, by SLURM_ARRAY_TASK_STEP,
 * default 1). Kubernetes Indexed Job (JOB_COMPLETION_INDEX) and AWS Batch array job
 * (AWS_BATCH_JOB_ARRAY_INDEX): a 0-based index with `shards` (`--shards n`).
 */
export function shardFromEnv(env: NodeJS.ProcessEnv, shards?: number): Shard | null {
  if (shards !== undefined && (!Number.isSafeInteger(shards) || shards < 1)) {
    throw new GridError('--shards', shards, 'a positive integer, the number of shards');
  }
  const slurmId = env['SLURM_ARRAY_TASK_ID'];
  if (slurmId !== undefined && slurmId !== '') return slurmShard(env, slurmId, shards);
  for (const name of ZERO_BASED_INDEX_VARIABLES) {
    const text = env[name];
    if (text === undefined || text === '') continue;
    if (shards === undefined) {
      throw new GridError(
        '--shards',
        undefined,
        `the number of shards n with ${name}`,
        name === 'JOB_COMPLETION_INDEX'
          ? "Pass --shards n equal to the Indexed Job's completions."
          : "Pass --shards n equal to the array job's size.",
      );
    }
    const i = envInt(name, text);
    return checkShard(name, `${text} (with --shards ${shards})`, i + 1, shards);
  }
  if (shards !== undefined) {
    // --shards without an index would silently run the whole grid on every machine.
    throw new GridError(
      '--shards',
      shards,
      `a shard index from ${SHARD_INDEX_VARIABLES.join(', ')}, none of which is set`,
      'Run it as a SLURM array task, a Kubernetes Indexed Job or an AWS Batch array job, or pass --shard i/n instead.',
    );
  }
  return null;
}

function slurmShard(env: NodeJS.ProcessEnv, idText: string, shards: number | undefined): Shard {
  const id = envInt('SLURM_ARRAY_TASK_ID', idText);
  const min = env['SLURM_ARRAY_TASK_MIN'] ? envInt('SLURM_ARRAY_TASK_MIN', env['SLURM_ARRAY_TASK_MIN']) : 0;
  const step = env['SLURM_ARRAY_TASK_STEP'] ? envInt('SLURM_ARRAY_TASK_STEP', env['SLURM_ARRAY_TASK_STEP']) : 1;
  const countText = env['SLURM_ARRAY_TASK_COUNT'];
  const count = countText ? envInt('SLURM_ARRAY_TASK_COUNT', countText) : shards;
  if (count === undefined) {
    throw new GridError(
      '--shards',
      undefined,
      'the number of shards: SLURM_ARRAY_TASK_COUNT is not set',
      'Pass --shards n.',
    );
  }
  if (shards !== undefined && shards !== count) {
    throw new GridError(
      '--shards',
      shards,
      `the array's SLURM_ARRAY_TASK_COUNT (${count})`,
      'Drop --shards or make it match the array size.',
    );
  }
  const offset = id - min;
  const given = `SLURM_ARRAY_TASK_ID=${id} (min ${min}, step ${step}, count ${count})`;
  if (step < 1 || offset % step !== 0) {
    throw new GridError(
      'SLURM_ARRAY_TASK_ID',
      given,
      'a task of a regular array such as --array=0-3',
      'Or pass --shard i/n explicitly.',
    );
  }
  return checkShard('SLURM_ARRAY_TASK_ID', given, offset / step + 1, count);
}

function envInt(name: string, text: string): number {
  if (!/^\s*\d+\s*$/.test(text)) throw new GridError(name, text, 'a non-negative integer');
  return Number(text);
}
