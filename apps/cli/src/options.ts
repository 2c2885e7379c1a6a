import type { Argv, Options } from 'yargs';

/** One option of a command: yargs' definition plus, for flags that take a value, what they accept in words. */
export interface FlagSpec extends Pick<Options, 'type' | 'default' | 'describe' | 'demandOption' | 'global'> {
  type: 'string' | 'number' | 'boolean';
  /** What a value-taking flag accepts, for the error when it is given without one (e.g. `an integer >= 1`). */
  accepts?: string;
}

/** Every option declared through `flags` in this run: name -> spec (only the matched command's builder runs). */
const declared = new Map<string, FlagSpec>();

/** Declares a command's options (help shows their types; RESNET_* variables and value checks know them). */
export function flags(y: Argv, specs: Record<string, FlagSpec>): Argv {
  for (const [name, spec] of Object.entries(specs)) {
    declared.set(name, spec);
    const { accepts: _accepts, ...option } = spec;
    y.option(name, option);
  }
  return y;
}

/** The options declared so far, by name. */
export function declaredFlags(): ReadonlyMap<string, FlagSpec> {
  return declared;
}

/** The environment variable that sets a flag: `--chunk-size` <- RESNET_CHUNK_SIZE. */
export function envName(flag: string): string {
  return `RESNET_${flag.replace(/^--/, '').replace(/-/g, '_').toUpperCase()}`;
}
