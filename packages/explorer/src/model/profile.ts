import { summaryStats } from '@resnet/core';
import type { ProfileChunk } from '../compute/messages.js';

/** The quantiles over seeds of one layer's value: what a band figure draws (core's summaryStats). */
export interface Band {
  x: number;
  count: number;
  nonFinite: number;
  median: number;
  p5: number;
  p25: number;
  p75: number;
  p95: number;
}

/** Quantiles of values over seeds at x. */
export function band(x: number, values: ArrayLike<number>): Band {
  const s = summaryStats(values);
  return { x, count: s.count, nonFinite: s.nonFinite, median: s.median, p5: s.p5, p25: s.p25, p75: s.p75, p95: s.p95 };
}

/** Per-layer gradient norms of every group at one depth, filled seed by seed as chunks arrive (in any order). */
export class ProfileStore {
  /** Per group (of `groups`), seeds x layers values. */
  readonly data: Float64Array[];
  private readonly filled: Uint8Array;
  private prefix = 0;

  constructor(
    readonly depth: number,
    readonly groups: number[],
    readonly lengths: number[],
    readonly seeds: number,
  ) {
    this.data = lengths.map((n) => new Float64Array(n * seeds));
    this.filled = new Uint8Array(seeds);
  }

  /** Seeds 0..n-1 all present. */
  get seedsDone(): number {
    return this.prefix;
  }

  /** Stores a chunk's values for seeds [from, to). */
  add(chunk: ProfileChunk, from: number, to: number): void {
    let at = 0;
    for (let s = from; s < to; s++) {
      this.lengths.forEach((n, i) => {
        this.data[i]!.set(chunk.values.subarray(at, at + n), s * n);
        at += n;
      });
      this.filled[s] = 1;
    }
    while (this.prefix < this.seeds && this.filled[this.prefix]) this.prefix++;
  }

  /**
   * Per group, one band per layer over seeds [0, seedsDone), at relative depth x = i / (layers - 1) (0 the first
   * weight layer, 1 the last), as the report's layer profile places them.
   */
  bands(): Band[][] {
    const n = this.prefix;
    return this.lengths.map((len, i) => {
      const values = new Float64Array(n);
      const data = this.data[i]!;
      return Array.from({ length: len }, (_, layer) => {
        for (let s = 0; s < n; s++) values[s] = data[s * len + layer]!;
        return band(len > 1 ? layer / (len - 1) : 0, values);
      });
    });
  }
}
