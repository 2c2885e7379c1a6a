import { LegacyRandomState } from '../rng.js';

/**
 * The normal draws of one seed's RandomState, kept between cells: a cell's weights, x and dout are a prefix
 * of its seed's stream, so every cell of a seed reads one stream that is drawn once, and only as far as the
 * longest cell needs. Bit-identical to drawing each cell from a fresh RandomState(seed).
 */
export class SeedStream {
  private readonly rng = new LegacyRandomState(0);
  private seed = -1;
  private drawn = 0;

  /** Makes data[at .. at + need) hold the first `need` normals of RandomState(seed), drawing only what is missing. */
  fill(seed: number, need: number, data: Float64Array, at: number): void {
    if (seed !== this.seed) {
      this.rng.seed(seed);
      this.seed = seed;
      this.drawn = 0;
    }
    if (need > this.drawn) {
      // The generator continues where it stopped, so drawing in pieces gives the same values as in one go.
      this.rng.fillNormal(data, at + this.drawn, at + need);
      this.drawn = need;
    }
  }

  /** How many normals of the current seed the storage holds. */
  get count(): number {
    return this.drawn;
  }

  /** Forgets the drawn values (the storage was overwritten): the next fill starts from the seed again. */
  forget(): void {
    this.seed = -1;
    this.drawn = 0;
  }
}
