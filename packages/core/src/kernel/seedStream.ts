/** What a SeedStream draws with: numpy's legacy RandomState, writing standard normals into the stream's storage. */
export interface NormalSource {
  /** Re-seeds, as `np.random.seed(seed)`. */
  seed(seed: number): void;
  /** Writes the next normals of the current seed into the storage at indices [from, to). */
  fill(from: number, to: number): void;
}

/**
 * The normal draws of one seed's RandomState, kept between cells: a cell's weights, x and dout are a prefix
 * of its seed's stream, so every cell of a seed reads one stream that is drawn once, and only as far as the
 * longest cell needs. Bit-identical to drawing each cell from a fresh RandomState(seed).
 */
export class SeedStream {
  private seed = -1;
  private drawn = 0;
  private restarted = 0;

  constructor(private readonly source: NormalSource) {}

  /** Makes the storage's first `need` entries hold the first `need` normals of RandomState(seed), drawing only what is missing. */
  fill(seed: number, need: number): void {
    if (seed !== this.seed) {
      this.source.seed(seed);
      this.seed = seed;
      this.drawn = 0;
      this.restarted++;
    }
    if (need > this.drawn) {
      // The generator continues where it stopped, so drawing in pieces gives the same values as in one go.
      this.source.fill(this.drawn, need);
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
    this.restarted++;
  }

  /** Counts the times the storage started over (a new seed, or forget()): what was derived from it is stale when it changed. */
  get restarts(): number {
    return this.restarted;
  }
}
