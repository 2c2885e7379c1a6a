import { checkInteger } from './validate.js';

/** A source of random numbers; every random draw in @resnet/core comes through one of these. */
export interface Rng {
  /** A uniform double in [0, 1). */
  uniform(): number;
  /** A standard normal draw. */
  normal(): number;
  /**
   * Fills out[start..end) with successive standard normals (C order for a matrix), each multiplied
   * by scale: `randn(m, n) * scale` in one pass, bit-identical to scaling afterwards.
   */
  fillNormal(out: Float64Array, start?: number, end?: number, scale?: number): Float64Array;
}

const N = 624;
const M = 397;
const MATRIX_A = 0x9908b0df | 0;
const UPPER = 0x80000000 | 0;
const LOWER = 0x7fffffff;
const TWO_POW_26 = 67108864;
const TWO_POW_53 = 9007199254740992;

/** MT19937 tempering of one state word (as int32; `>>> 0` makes it unsigned). */
function temper(y: number): number {
  y ^= y >>> 11;
  y ^= (y << 7) & 0x9d2c5680;
  y ^= (y << 15) & 0xefc60000;
  return y ^ (y >>> 18);
}

/**
 * numpy's legacy `RandomState(seed)`, bit for bit: MT19937 seeded by init_genrand, 53-bit uniforms
 * (first draw high), and the polar Box-Muller `legacy_gauss` with its cached second value.
 */
export class LegacyRandomState implements Rng {
  private readonly mt = new Int32Array(N);
  private pos = N;
  private hasGauss = false;
  private gaussCache = 0;

  constructor(seed: number) {
    this.seed(seed);
  }

  /** Re-seeds in place, exactly as `np.random.seed(seed)`; also clears the cached normal. */
  seed(seed: number): void {
    checkInteger('seed', seed, 0, 0xffffffff);
    const mt = this.mt;
    let s = seed >>> 0;
    mt[0] = s;
    for (let i = 1; i < N; i++) {
      s = (Math.imul(1812433253, s ^ (s >>> 30)) + i) >>> 0;
      mt[i] = s;
    }
    this.pos = N;
    this.hasGauss = false;
    this.gaussCache = 0;
  }

  /** The next tempered 32-bit MT19937 output, as an unsigned integer. */
  nextUint32(): number {
    if (this.pos >= N) this.twist();
    return temper(this.mt[this.pos++]) >>> 0;
  }

  /** A uniform double in [0, 1) from two 32-bit draws: (a>>5)*2^26 + (b>>6), over 2^53. */
  uniform(): number {
    const a = this.nextUint32() >>> 5;
    const b = this.nextUint32() >>> 6;
    return (a * TWO_POW_26 + b) / TWO_POW_53;
  }

  /** A standard normal by numpy's legacy polar method (returns f*x2, caches f*x1). */
  normal(): number {
    if (this.hasGauss) {
      this.hasGauss = false;
      const cached = this.gaussCache;
      this.gaussCache = 0;
      return cached;
    }
    let x1: number, x2: number, r2: number;
    do {
      x1 = 2.0 * this.uniform() - 1.0;
      x2 = 2.0 * this.uniform() - 1.0;
      r2 = x1 * x1 + x2 * x2;
    } while (r2 >= 1.0 || r2 === 0.0);
    const f = Math.sqrt((-2.0 * Math.log(r2)) / r2);
    this.gaussCache = f * x1;
    this.hasGauss = true;
    return f * x2;
  }

  /** Fills out[start..end) with successive normals times scale, as `randn(...) * scale` in C order. */
  fillNormal(out: Float64Array, start = 0, end = out.length, scale = 1): Float64Array {
    let i = start;
    if (i < end && this.hasGauss) out[i++] = this.normal() * scale;
    // Pairs straight from the polar method with the MT state in locals (the hot loop of every
    // sweep); the odd tail goes through normal() and leaves the cache as numpy does.
    const mt = this.mt;
    let pos = this.pos;
    let x1: number, x2: number, r2: number;
    for (; i + 1 < end; i += 2) {
      do {
        if (pos >= N - 3) {
          this.pos = pos;
          x1 = 2.0 * this.uniform() - 1.0;
          x2 = 2.0 * this.uniform() - 1.0;
          pos = this.pos;
        } else {
          // Two uniforms, a = first draw >> 5, b = second >> 6, each mapped to [-1, 1) exactly.
          x1 = (2.0 * ((temper(mt[pos]) >>> 5) * TWO_POW_26 + (temper(mt[pos + 1]) >>> 6))) / TWO_POW_53 - 1.0;
          x2 = (2.0 * ((temper(mt[pos + 2]) >>> 5) * TWO_POW_26 + (temper(mt[pos + 3]) >>> 6))) / TWO_POW_53 - 1.0;
          pos += 4;
        }
        r2 = x1 * x1 + x2 * x2;
      } while (r2 >= 1.0 || r2 === 0.0);
      const f = Math.sqrt((-2.0 * Math.log(r2)) / r2);
      out[i] = f * x2 * scale;
      out[i + 1] = f * x1 * scale;
    }
    this.pos = pos;
    if (i < end) out[i] = this.normal() * scale;
    return out;
  }

  private twist(): void {
    const mt = this.mt;
    let i = 0;
    let y: number;
    for (; i < N - M; i++) {
      y = (mt[i] & UPPER) | (mt[i + 1] & LOWER);
      mt[i] = mt[i + M] ^ (y >>> 1) ^ (-(y & 1) & MATRIX_A);
    }
    for (; i < N - 1; i++) {
      y = (mt[i] & UPPER) | (mt[i + 1] & LOWER);
      mt[i] = mt[i + (M - N)] ^ (y >>> 1) ^ (-(y & 1) & MATRIX_A);
    }
    y = (mt[N - 1] & UPPER) | (mt[0] & LOWER);
    mt[N - 1] = mt[M - 1] ^ (y >>> 1) ^ (-(y & 1) & MATRIX_A);
    this.pos = 0;
  }
}

/** A numpy-compatible generator seeded like `np.random.RandomState(seed)` (seed: integer 0..2^32-1). */
export function createRng(seed: number): LegacyRandomState {
  return new LegacyRandomState(seed);
}

/**
 * Replays a pre-drawn normal stream as an Rng: normal() returns stream[0], stream[1], ...
 * A cell whose draws are a prefix of its seed's stream gets bit-identical weights this way.
 */
export class StreamRng implements Rng {
  private pos = 0;
  constructor(private stream: Float64Array) {}

  /** Restarts at the beginning of stream (or of a new stream). */
  reset(stream: Float64Array = this.stream): void {
    this.stream = stream;
    this.pos = 0;
  }

  /** Not available: a replayed stream holds normals only. */
  uniform(): number {
    throw new Error('StreamRng replays normal draws only; uniform() is not available.');
  }

  /** The next normal of the stream. */
  normal(): number {
    if (this.pos >= this.stream.length)
      throw new RangeError(`StreamRng: stream of ${this.stream.length} normals exhausted.`);
    return this.stream[this.pos++];
  }

  /** Copies the next end-start normals of the stream, times scale, into out[start..end). */
  fillNormal(out: Float64Array, start = 0, end = out.length, scale = 1): Float64Array {
    const count = end - start;
    if (this.pos + count > this.stream.length) {
      throw new RangeError(`StreamRng: need ${count} normals at ${this.pos}, stream holds ${this.stream.length}.`);
    }
    // A plain loop: subarray() would allocate a view per call on the sweep's hot path.
    const stream = this.stream;
    for (let i = start, j = this.pos; i < end; i++, j++) out[i] = stream[j] * scale;
    this.pos += count;
    return out;
  }
}
