import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** tests/fixtures/golden: the numpy reference data and the scripts that regenerate it (see its README). */
export const goldenDir = resolve(dirname(fileURLToPath(import.meta.url)), '../../fixtures/golden');

/** Parses a JSON file of the golden folder. */
export function readGoldenJson<T>(name: string): T {
  return JSON.parse(readFileSync(resolve(goldenDir, name), 'utf8')) as T;
}

/** Reads a text file of the golden folder. */
export function readGoldenText(name: string): string {
  return readFileSync(resolve(goldenDir, name), 'utf8');
}

/** One cell of golden_grid.json. */
export interface GoldenCell {
  arch: 'plain' | 'residual';
  depth: number;
  seed: number;
  grad_norms: (number | null)[];
  layer_grad_norms?: (number | null)[];
  act_norms: (number | null)[];
  x_norm: number;
  ratio: number | null;
  ratio_eps: number | null;
}
