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

/** Starts `resnet args...` as a user would (not a TTY); returns the child and a promise of its result. */
export function start(args: string[], cwd = repoRoot): { child: ChildProcess; done: Promise<RunResult> } {
  const child = spawn(process.execPath, [resnetBin, ...args], { cwd, env: { ...process.env, FORCE_COLOR: '0' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d) => (stdout += d));
  child.stderr!.on('data', (d) => (stderr += d));
  const done = new Promise<RunResult>((res) => child.on('close', (code, signal) => res({ code, signal, stdout, stderr })));
  return { child, done };
}

/** Runs `resnet args...` to completion. */
export function resnet(...args: string[]): Promise<RunResult> {
  return start(args).done;
}
