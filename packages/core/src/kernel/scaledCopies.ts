// Copies of the seed's normal stream already multiplied by a weight scale. A Gaussian layer's weights are stream
// values times its scale (drawWeights); with a copy, the kernel reads them with scale 1 and skips a multiply per
// weight and pass, and the copy is made once per seed for every cell that draws with that scale.
import type { NetworkConfig } from '../config.js';
import type { KernelMemory } from './kernelMemory.js';
import { scaleReach } from './programBuilder.js';
import { maxOf } from '../extrema.js';

/** Copies kept at most (distinct weight scales over every shape of a runner). */
const MAX_COPIES = 4;
/** Streams longer than this many normals (8 MB) are not copied: the kernel multiplies as it reads. */
const MAX_NORMALS = 1 << 20;

/** The stream times one scale, as far as `valid` normals of the stream's `restarts`-th content. */
export interface ScaledCopy {
  readonly scale: number;
  /** Byte address (it moves when the copies grow). */
  at: number;
  valid: number;
  restarts: number;
}

/** Which copies a shape reads, and how far into the stream it reads each. */
export interface CopyPlan {
  readonly copies: readonly ScaledCopy[];
  readonly reaches: readonly number[];
  readonly maxReach: number;
}

/** The copies of one kernel instance. */
export class ScaledCopies {
  private readonly byScale = new Map<number, ScaledCopy>();
  /** Normals each copy has room for, and copies not placed in memory yet. */
  private capacity = 0;
  private unplaced = 0;

  constructor(private readonly memory: KernelMemory) {}

  /** The copies a shape reads (made here), or none when it has more than two scales, a long stream, or no room. */
  plan(config: NetworkConfig, need: number): CopyPlan {
    const reach = scaleReach(config);
    const scales = [...reach.keys()];
    const fresh = scales.filter((scale) => !this.byScale.has(scale));
    const copied =
      reach.size > 0 &&
      reach.size <= 2 &&
      need <= MAX_NORMALS &&
      scales.every((scale) => scale > 0) &&
      this.byScale.size + fresh.length <= MAX_COPIES;
    if (!copied) return { copies: [], reaches: [], maxReach: 0 };
    for (const scale of fresh) this.byScale.set(scale, { scale, at: 0, valid: 0, restarts: -1 });
    this.unplaced += fresh.length;
    const reaches = [...reach.values()];
    return { copies: scales.map((scale) => this.byScale.get(scale)!), reaches, maxReach: maxOf(reaches) };
  }

  /** Places every copy with room for `reach` normals; true when a copy moved (programs must be linked again). */
  reserve(reach: number): boolean {
    const grow = reach > this.capacity;
    if (!grow && this.unplaced === 0) return false;
    if (grow) this.capacity = Math.max(reach, 2 * this.capacity);
    for (const copy of this.byScale.values()) {
      if (copy.at !== 0 && !grow) continue;
      copy.at = this.memory.alloc(this.capacity * 8);
      copy.restarts = -1;
    }
    this.unplaced = 0;
    return true;
  }

  /** Makes `copy` hold the first `reach` normals of the stream at byte `stream` (its `restarts`-th content), scaled. */
  fill(copy: ScaledCopy, reach: number, stream: number, restarts: number): void {
    if (copy.restarts !== restarts) {
      copy.restarts = restarts;
      copy.valid = 0;
    }
    if (copy.valid >= reach) return;
    // scale × stream, the same double as drawWeights' stream × scale.
    this.memory.exports.scale(copy.at + 8 * copy.valid, copy.scale, stream + 8 * copy.valid, reach - copy.valid);
    copy.valid = reach;
  }
}
