#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { identityCommand, patternsCommand } from './demoCommands.js';
import { ExitCode, isFlagError, isUsageError } from './errors.js';
import { mergeCommand } from './mergeCommand.js';
import { reportCommand } from './reportCommand.js';
import { reproduceCommand } from './reproduceCommand.js';
import { sweepCommand } from './sweepCommand.js';

const version = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;
const argv = hideBin(process.argv);
const debug = argv.includes('--debug');

/** Prints one line for the error (stack only with --debug) and sets the exit code: 2 usage, 1 runtime. */
function fail(error: unknown): void {
  const usage = isUsageError(error);
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`resnet: ${message}${isFlagError(error) ? '\nRun with --help for the accepted values.' : ''}\n`);
  if (debug && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
  process.exitCode = usage ? ExitCode.usage : ExitCode.failure;
}

try {
  await yargs(argv)
    .scriptName('resnet')
    .usage('$0 <command> [options]\n\nReproduce and measure He et al. 2015: gradient flow in plain vs residual networks.')
    .command(sweepCommand)
    .command(reportCommand)
    .command(mergeCommand)
    .command(reproduceCommand)
    .command(patternsCommand)
    .command(identityCommand)
    .option('json', { type: 'boolean', default: false, global: true, describe: 'Machine-readable JSON on stdout' })
    .option('debug', { type: 'boolean', default: false, global: true, describe: 'Print stack traces of errors' })
    .demandCommand(1, 'Name a command: sweep, report, merge, reproduce, patterns or identity.')
    .strict()
    .version(version)
    .help()
    .alias('h', 'help')
    .wrap(Math.min(110, process.stdout.columns || 100))
    .fail((message, error) => {
      // yargs calls this for its own validation (message) and for errors thrown by handlers (error).
      if (error) throw error;
      throw Object.assign(new Error(message), { name: 'UsageError' });
    })
    .parseAsync();
} catch (error) {
  fail(error);
}
