#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { commandsFor, COMMANDS } from './commands.js';
import { errorKind, exitCodeOf, UsageError } from './errors.js';
import { applyFlagSources } from './flagSources.js';
import { declaredFlags, declaredPositionals, flags } from './options.js';
import { errorJson, errorMessage, printJson } from './output.js';
import { nearest } from './suggest.js';
import { quietHelpCache } from './yargsHelpCache.js';

const version = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string })
  .version;
const tokens = hideBin(process.argv);
const envOn = (name: string) => /^(1|true|yes|on)$/i.test(process.env[name] ?? '');
const json = tokens.includes('--json') || (envOn('RESNET_JSON') && !tokens.includes('--no-json'));
const debug = tokens.includes('--debug') || envOn('RESNET_DEBUG');

/** Prints the error as one line on stderr (and as JSON on stdout with --json); the exit code follows its kind. */
function fail(error: unknown): void {
  process.stderr.write(`resnet: ${errorMessage(error)}\n`);
  if (debug && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
  if (json) printJson(errorJson(error));
  process.exitCode = exitCodeOf(error);
  // Stopped by a signal: the work is saved; whatever is still running (a report being drawn) stops here.
  if (errorKind(error) === 'interrupted') process.exit(process.exitCode);
}

/**
 * Exits once stdout and stderr have flushed: the command's work is done and its files are written,
 * so nothing waits for idle worker threads or other handles to wind down.
 */
function exitWhenFlushed(code: number): void {
  let pending = 2;
  const done = () => {
    if (--pending === 0) process.exit(code);
  };
  process.stdout.write('', done);
  process.stderr.write('', done);
}

/** A first word that is no command: suggest the nearest one instead of yargs' "Unknown argument". */
function checkCommand(): void {
  const word = tokens[0];
  if (word === undefined || word.startsWith('-') || COMMANDS.includes(word)) return;
  const guess = nearest(word, COMMANDS);
  throw new UsageError(
    null,
    word,
    `Unknown command "${word}".${guess ? ` Did you mean ${guess}?` : ''} Commands: ${COMMANDS.join(', ')}.`,
  );
}

/**
 * yargs' own complaints as usage errors: an unknown flag named, with the nearest flag of the command when it
 * looks like a typo (`--seed`: did you mean --seeds?); a missing positional named with what it is.
 */
function yargsError(message: string): UsageError {
  const unknown = /^Unknown arguments?: ([^,\s]+)/.exec(message);
  if (unknown) {
    const flag = unknown[1]!.replace(/^-+/, '');
    const guess = nearest(flag, [...declaredFlags().keys(), 'help', 'version']);
    const hint = guess ? ` Did you mean --${guess}?` : '';
    const help = `resnet${tokens[0] && !tokens[0].startsWith('-') ? ` ${tokens[0]}` : ''} --help`;
    return new UsageError(`--${flag}`, null, 'a flag listed by --help', `Unknown flag --${flag}.${hint} See ${help}.`);
  }
  if (/^Not enough non-option arguments/.test(message)) {
    const [name, what] = [...declaredPositionals()][0] ?? [];
    if (name && what) {
      const example = `resnet ${tokens[0]} ${EXAMPLE_POSITIONAL[tokens[0]!] ?? name.toUpperCase()}`;
      const it = `${what[0]!.toLowerCase()}${what.slice(1)}`;
      return new UsageError(null, null, `resnet ${tokens[0]} needs <${name}>, ${it}. For example: ${example}`);
    }
  }
  return new UsageError(null, null, 'a flag listed by --help', message);
}

/** What a missing positional looks like in the message's example, per command. */
const EXAMPLE_POSITIONAL: Readonly<Record<string, string>> = {
  report: 'resnet-out/sweep',
  merge: 'shard-1 shard-2 --out all',
};

/** yargs' setting that hides its own column of types and defaults (missing from @types/yargs 17). */
type HidesTypes = { usageConfiguration(config: { 'hide-types': boolean }): unknown };

try {
  checkCommand();
  const cli = yargs(tokens);
  // flags() writes each option's type and default into its help text: yargs' own column glued itself to a
  // description ending at its edge (`training digits[number]`).
  (cli as unknown as HidesTypes).usageConfiguration({ 'hide-types': true });
  await flags(
    quietHelpCache(cli)
      .scriptName('resnet')
      .usage(
        '$0 <command> [options]\n\nReproduce and measure He et al. 2015: gradient flow and training of plain vs residual networks.',
      ),
    {
      json: { type: 'boolean', default: false, global: true, describe: 'Machine-readable JSON on stdout (errors too)' },
      quiet: {
        type: 'boolean',
        default: false,
        global: true,
        describe: 'No progress and no table: only errors and the path of the result',
      },
      debug: { type: 'boolean', default: false, global: true, describe: 'Print stack traces of errors' },
    },
  )
    .command(await commandsFor(tokens[0]))
    .completion('completion', 'Print a bash/zsh completion script: resnet completion >> ~/.bashrc')
    .middleware(applyFlagSources(tokens), true)
    .demandCommand(1, `Name a command: ${COMMANDS.join(', ')}.`)
    .strict()
    .version(version)
    .help()
    .alias('h', 'help')
    .epilogue(
      'Flags can also come from RESNET_<FLAG> variables (RESNET_THREADS=4, RESNET_REPORT=false); the command line wins over a variable, a variable over the default.',
    )
    .wrap(Math.min(100, process.stdout.columns || 80))
    .fail((message, error) => {
      // yargs calls this for its own validation (message) and for errors thrown by handlers (error).
      throw error ?? yargsError(message);
    })
    .parseAsync();
  exitWhenFlushed(Number(process.exitCode ?? 0));
} catch (error) {
  fail(error);
}
