import { spawn, type ChildProcess } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Repository root. */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
/** The built `resnet` launcher, as npm links it. */
export const resnetBin = resolve(repoRoot, 'apps/cli/bin/resnet.js');

/** Result of one CLI run. */
export interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Options of one run: extra environment variables (over a clean copy of the tests' own), the folder, node's own flags. */
export interface RunOptions {
  env?: Record<string, string>;
  cwd?: string;
  /** Flags for node before the script, e.g. `--import` of a fault-injecting preload. */
  nodeArgs?: string[];
}

/** The tests' environment without variables the CLI reads (RESNET_*, array-job indices), so runs are reproducible. */
function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { FORCE_COLOR: '0' };
  for (const [k, v] of Object.entries(process.env))
    if (!/^(RESNET_|SLURM_ARRAY_|JOB_COMPLETION_INDEX$|AWS_BATCH_JOB_ARRAY_INDEX$)/.test(k)) env[k] = v;
  return { ...env, ...extra };
}

/** Starts `resnet args...` as a user would (not a TTY); returns the child and a promise of its result. */
export function start(args: string[], options: RunOptions = {}): { child: ChildProcess; done: Promise<RunResult> } {
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), resnetBin, ...args], {
    cwd: options.cwd ?? repoRoot,
    env: cleanEnv(options.env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d) => (stdout += d));
  child.stderr!.on('data', (d) => (stderr += d));
  const done = new Promise<RunResult>((res) =>
    child.on('close', (code, signal) => res({ code, signal, stdout, stderr })),
  );
  return { child, done };
}

/** Runs `resnet args...` to completion. */
export function resnet(...args: string[]): Promise<RunResult> {
  return start(args).done;
}

/** Runs `resnet args...` with extra environment variables. */
export function resnetWithEnv(env: Record<string, string>, ...args: string[]): Promise<RunResult> {
  return start(args, { env }).done;
}

/** Resolves once the child's stderr matches `pattern` (e.g. a progress line past 0 cells). */
export function waitForStderr(child: ChildProcess, pattern: (text: string) => boolean): Promise<void> {
  return new Promise<void>((res, rej) => {
    let text = '';
    const onData = (d: Buffer) => {
      text += String(d);
      if (pattern(text)) {
        child.stderr!.off('data', onData);
        res();
      }
    };
    child.stderr!.on('data', onData);
    child.on('close', () => rej(new Error(`the process ended before its stderr showed what was awaited:\n${text}`)));
  });
}
