import type { Argv, Options } from 'yargs';

/** One option of a command: yargs' definition plus, for flags that take a value, what they accept in words. */
export interface FlagSpec extends Pick<Options, 'type' | 'default' | 'describe' | 'demandOption' | 'global'> {
  type: 'string' | 'number' | 'boolean';
  /** What a value-taking flag accepts, for the error when it is given without one (e.g. `an integer >= 1`). */
  accepts?: string;
  /** The default in words, when it is not a value yargs fills in (`available cores`, `the init's own`). */
  defaultText?: string;
}

/** Every option declared through `flags` in this run: name -> spec (only the matched command's builder runs). */
const declared = new Map<string, FlagSpec>();
/** The positionals declared through `positional`: name -> what it is (for the message when one is missing). */
const positionals = new Map<string, string>();

/**
 * An option's help text: its description, then its type and default in brackets. They are part of the text
 * (yargs' own right-hand column is hidden, see main.ts): that column glued itself to a description ending
 * at its left edge (`training digits[number]`).
 */
function helpText(describe: unknown, type: string, shownDefault: string | undefined, required = false): string {
  const extras = [
    `[${type}]`,
    ...(required ? ['[required]'] : []),
    ...(shownDefault ? [`[default: ${shownDefault}]`] : []),
  ];
  // No-break spaces inside each bracket: help wraps between them, never inside one (`[default:` / `5]`).
  return `${String(describe ?? '')} ${extras.map((e) => e.replaceAll(' ', '\u00a0')).join(' ')}`.trim();
}

const shown = (v: unknown) => (v === undefined ? undefined : typeof v === 'string' ? JSON.stringify(v) : String(v));

/** Declares a command's options (help shows their types; RESNET_* variables and value checks know them). */
export function flags(y: Argv, specs: Record<string, FlagSpec>): Argv {
  for (const [name, spec] of Object.entries(specs)) {
    declared.set(name, spec);
    const { accepts: _accepts, defaultText, ...option } = spec;
    const describe = helpText(spec.describe, spec.type, defaultText ?? shown(spec.default), spec.demandOption === true);
    y.option(name, { ...option, describe });
  }
  return y;
}

/** Declares a required positional (`report <dir>`, `merge <dirs..>`): its help line and what it is. */
export function positional(y: Argv, name: string, spec: { describe: string; array?: boolean }): Argv {
  positionals.set(name, spec.describe);
  return y.positional(name, {
    type: 'string',
    ...(spec.array ? { array: true } : {}),
    describe: helpText(spec.describe, spec.array ? 'array' : 'string', undefined, true),
  });
}

/** The options declared so far, by name. */
export function declaredFlags(): ReadonlyMap<string, FlagSpec> {
  return declared;
}

/** The positionals declared so far: name -> what it is. */
export function declaredPositionals(): ReadonlyMap<string, string> {
  return positionals;
}

/** The environment variable that sets a flag: `--chunk-size` <- RESNET_CHUNK_SIZE. */
export function envName(flag: string): string {
  return `RESNET_${flag.replace(/^--/, '').replace(/-/g, '_').toUpperCase()}`;
}
