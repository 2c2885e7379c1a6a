import type { NetworkConfig } from './config.js';

/**
 * A string naming a resolved network config by every one of its fields (sorted by name, values as JSON), so two
 * configs share a key exactly when they are equal: a field added to NetworkConfig is in the key without an edit here.
 */
export function networkKey(config: NetworkConfig): string {
  const fields = Object.keys(config).sort() as (keyof NetworkConfig)[];
  let key = '';
  for (const f of fields) key += fieldKey(f, config[f]);
  return key;
}

/** One field's part of a key: `name=<value as JSON>;`, with -0 kept apart from 0 (JSON writes both as 0). */
export function fieldKey(name: string, value: unknown): string {
  return `${name}=${JSON.stringify(value, exactZero)};`;
}

/** JSON.stringify replacer: -0 as the string '-0'. */
function exactZero(_key: string, value: unknown): unknown {
  return Object.is(value, -0) ? '-0' : value;
}
