import type { Arch } from './networkKinds.js';

/** Number of weight layers of a network: depth for plain, 2*depth+2 for residual (input, two per block, output). */
export function weightLayerCount(arch: Arch, depth: number): number {
  return arch === 'plain' ? depth : 2 * depth + 2;
}
