import { UsageError } from './errors.js';
import { declaredFlags, envName } from './options.js';

/** What the command line itself says about flags, read from the raw tokens (yargs fills gaps with defaults silently). */
export interface ScannedFlags {
  /** Flags present on the command line (booleans with or without `no-`). */
  given: Set<string>;
  /** The text given to each value-taking flag (the last one wins, as in yargs). */
  values: Map<string, string>;
}

/** A token that is a value rather than the next flag: anything not starting with `-`, or a negative number. */
const isValue = (token: string | undefined): token is string =>
  token !== undefined && (!token.startsWith('-') || /^-\.?\d/.test(token));

/**
 * Reads `--flag value` and `--flag=value` pairs; a value-taking flag with no value (end of line, or
 * followed by another flag) or an empty one is a usage error naming the flag.
 */
export function scanFlags(
  tokens: readonly string[],
  takesValue: (name: string) => boolean,
  accepts: (name: string) => string,
): ScannedFlags {
  const given = new Set<string>();
  const values = new Map<string, string>();
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token === '--') break;
    if (!token.startsWith('--')) continue;
    const eq = token.indexOf('=');
    const name = eq < 0 ? token.slice(2) : token.slice(2, eq);
    if (!takesValue(name)) {
      given.add(name.startsWith('no-') ? name.slice(3) : name);
      continue;
    }
    given.add(name);
    let value: string | undefined;
    if (eq >= 0) value = token.slice(eq + 1);
    else if (isValue(tokens[i + 1])) value = tokens[++i];
    if (value === undefined) throw new UsageError(`--${name}`, null, accepts(name));
    if (value.trim() === '') throw new UsageError(`--${name}`, value, accepts(name));
    values.set(name, value);
  }
  return { given, values };
}

/** Flags whose value came from a RESNET_* variable: flag -> variable name (for error messages). */
const fromEnv = new Map<string, string>();

/** The environment variable a flag's value came from, if it did. */
export function envSourceOf(flag: string): string | undefined {
  return fromEnv.get(flag);
}

const TRUE = ['1', 'true', 'yes', 'on'];
const FALSE = ['0', 'false', 'no', 'off'];

/**
 * yargs middleware (before validation): every declared flag takes, in order of precedence, the text
 * given on the command line, else its RESNET_* variable, else its default. Values stay the text as
 * typed, so each command's single validation step can quote it in its error.
 */
export function applyFlagSources(tokens: readonly string[], env: NodeJS.ProcessEnv = process.env) {
  return (argv: Record<string, unknown>): void => {
    const specs = declaredFlags();
    const takesValue = (name: string) => specs.has(name) && specs.get(name)!.type !== 'boolean';
    const scanned = scanFlags(tokens, takesValue, (name) => specs.get(name)?.accepts ?? 'a value');
    for (const [name, spec] of specs) {
      const typed = scanned.values.get(name);
      if (typed !== undefined) argv[name] = typed;
      if (scanned.given.has(name)) continue;
      const variable = envName(name);
      const text = env[variable];
      if (text === undefined) continue;
      fromEnv.set(`--${name}`, variable);
      if (spec.type === 'boolean') {
        const t = text.trim().toLowerCase();
        if (!TRUE.includes(t) && !FALSE.includes(t))
          throw new UsageError(`--${name}`, text, `${TRUE.join('/')} or ${FALSE.join('/')} in ${variable}`);
        argv[name] = TRUE.includes(t);
      } else {
        if (text.trim() === '') throw new UsageError(`--${name}`, text, `${spec.accepts ?? 'a value'} in ${variable}`);
        argv[name] = text;
      }
    }
  };
}
