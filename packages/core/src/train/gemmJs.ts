// gemm's JS kernel, where WebAssembly SIMD is missing (or turned off): the GotoBLAS layout, op(B) packed a
// kc×nc block at a time into 8-column panels, op(A) an mc×kc block at a time into 4-row panels, and a 4×8
// register tile over each pair of panels (32 accumulators in locals: about 90% of the scalar multiply-add
// ceiling gemm.bench.ts measures). Packing absorbs the transposes; edges are zero-padded in the packs. The
// k-blocks are gemm.ts's, and each entry is summed in order within them, as the WebAssembly kernel does.

const MR = 4;
const NR = 8;
/** Rows of A per packed block (mc×kc ≤ 256 KiB, well inside the 2 MiB L2). */
const MC = 128;
/** Columns of B per packed block. */
const NC = 1024;

/** The packs and the spilled tile, made on the first call (code that never trains pays nothing). */
let state: { packA: Float64Array; packB: Float64Array; tile: Float64Array } | null = null;
function gemmState(): { packA: Float64Array; packB: Float64Array; tile: Float64Array } {
  state ??= { packA: new Float64Array(MC * 256), packB: new Float64Array(256 * NC), tile: new Float64Array(MR * NR) };
  return state;
}

/** gemm's arguments in BLAS order (gemm.ts says what each means): one declaration for gemm, its copying path and gemmJs. */
export type GemmArgs = [
  transA: boolean,
  transB: boolean,
  m: number,
  n: number,
  k: number,
  alpha: number,
  a: Float64Array,
  lda: number,
  b: Float64Array,
  ldb: number,
  beta: number,
  c: Float64Array,
  ldc: number,
  bias?: Float64Array | null,
];

/**
 * gemm in JS over k-blocks of depth kStep (the last may be shorter): C = alpha·op(A)·op(B) + beta·C, then
 * + bias[j] on every row when bias is given. k ≥ 1, kStep ≤ 256.
 */
export function gemmJs(kStep: number, ...args: GemmArgs): void {
  const [transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc, bias = null] = args;
  for (let jc = 0; jc < n; jc += NC) {
    const nc = Math.min(NC, n - jc);
    for (let pc = 0; pc < k; pc += kStep) {
      const kc = Math.min(kStep, k - pc);
      packPanelsB(transB, b, ldb, pc, kc, jc, nc);
      // The first k-block applies beta; later blocks accumulate into C.
      const betaHere = pc === 0 ? beta : 1;
      for (let ic = 0; ic < m; ic += MC) {
        const mc = Math.min(MC, m - ic);
        packPanelsA(transA, a, lda, ic, mc, pc, kc);
        macroKernel(mc, nc, kc, alpha, betaHere, c, ic * ldc + jc, ldc);
      }
    }
  }
  if (bias !== null) addBias(c, m, n, ldc, bias);
}

/** C[i, j] += bias[j] over m×n. */
export function addBias(c: Float64Array, m: number, n: number, ldc: number, bias: Float64Array): void {
  for (let i = 0, o = 0; i < m; i++, o += ldc) for (let j = 0; j < n; j++) c[o + j] += bias[j];
}

/** C = beta·C over m×n (beta 0 writes zeros). */
export function scaleC(c: Float64Array, m: number, n: number, ldc: number, beta: number): void {
  for (let i = 0; i < m; i++) {
    const row = i * ldc;
    if (beta === 0) c.fill(0, row, row + n);
    else if (beta !== 1) for (let j = 0; j < n; j++) c[row + j] *= beta;
  }
}

/** Packs op(A)[ic..ic+mc, pc..pc+kc] as 4-row panels, each kc steps of 4 values (zero-padded). */
function packPanelsA(
  trans: boolean,
  a: Float64Array,
  lda: number,
  ic: number,
  mc: number,
  pc: number,
  kc: number,
): void {
  const panels = Math.ceil(mc / MR);
  const size = panels * MR * kc;
  const out = gemmState().packA;
  if (mc % MR !== 0) out.fill(0, (panels - 1) * MR * kc, size);
  for (let ip = 0; ip < panels; ip++) {
    const i0 = ic + ip * MR;
    const rows = Math.min(MR, ic + mc - i0);
    const o0 = ip * MR * kc;
    if (trans && rows === MR) {
      // op(A)[i, p] = a[p*lda + i]: each step's 4 values are adjacent in a row of A (unrolled: a full panel).
      for (let p = 0, o = o0, s = pc * lda + i0; p < kc; p++, o += MR, s += lda) {
        out[o] = a[s];
        out[o + 1] = a[s + 1];
        out[o + 2] = a[s + 2];
        out[o + 3] = a[s + 3];
      }
    } else if (trans) {
      for (let p = 0, o = o0, s = pc * lda + i0; p < kc; p++, o += MR, s += lda) {
        for (let r = 0; r < rows; r++) out[o + r] = a[s + r];
      }
    } else if (rows === MR) {
      // op(A)[i, p] = a[i*lda + p]: four row streams, each step's 4 values written together (a full panel).
      const s0 = i0 * lda + pc;
      const s1 = s0 + lda;
      const s2 = s1 + lda;
      const s3 = s2 + lda;
      for (let p = 0, o = o0; p < kc; p++, o += MR) {
        out[o] = a[s0 + p];
        out[o + 1] = a[s1 + p];
        out[o + 2] = a[s2 + p];
        out[o + 3] = a[s3 + p];
      }
    } else {
      // op(A)[i, p] = a[i*lda + p]: read each row of the panel contiguously.
      for (let r = 0; r < rows; r++) {
        const s = (i0 + r) * lda + pc;
        for (let p = 0, o = o0 + r; p < kc; p++, o += MR) out[o] = a[s + p];
      }
    }
  }
}

/** Packs op(B)[pc..pc+kc, jc..jc+nc] as 8-column panels, each kc steps of 8 values (zero-padded). */
function packPanelsB(
  trans: boolean,
  b: Float64Array,
  ldb: number,
  pc: number,
  kc: number,
  jc: number,
  nc: number,
): void {
  const panels = Math.ceil(nc / NR);
  const out = gemmState().packB;
  if (nc % NR !== 0) out.fill(0, (panels - 1) * NR * kc, panels * NR * kc);
  for (let jp = 0; jp < panels; jp++) {
    const j0 = jc + jp * NR;
    const cols = Math.min(NR, jc + nc - j0);
    const o0 = jp * NR * kc;
    if (trans) {
      // op(B)[p, j] = b[j*ldb + p]: read each stored row (a column of op(B)) contiguously.
      for (let q = 0; q < cols; q++) {
        const s = (j0 + q) * ldb + pc;
        for (let p = 0, o = o0 + q; p < kc; p++, o += NR) out[o] = b[s + p];
      }
    } else {
      // op(B)[p, j] = b[p*ldb + j]: each step's values are adjacent in a row of B.
      for (let p = 0, o = o0, s = pc * ldb + j0; p < kc; p++, o += NR, s += ldb) {
        for (let q = 0; q < cols; q++) out[o + q] = b[s + q];
      }
    }
  }
}

/** Runs the 4×8 micro-kernel (32 accumulators in locals) over every (A panel, B panel) pair of the packed blocks. */
// biome-ignore format: the 4×8 register tile reads best laid out as a grid, one row of C per line.
function macroKernel(mc: number, nc: number, kc: number, alpha: number, beta: number, c: Float64Array, c0: number, ldc: number): void {
  const { packA: ap, packB: bp, tile: t } = gemmState();
  for (let jr = 0; jr < nc; jr += NR) {
    const cols = Math.min(NR, nc - jr);
    for (let ir = 0; ir < mc; ir += MR) {
      let ai = ir * kc;
      let bi = jr * kc;
      let c00 = 0, c01 = 0, c02 = 0, c03 = 0, c04 = 0, c05 = 0, c06 = 0, c07 = 0;
      let c10 = 0, c11 = 0, c12 = 0, c13 = 0, c14 = 0, c15 = 0, c16 = 0, c17 = 0;
      let c20 = 0, c21 = 0, c22 = 0, c23 = 0, c24 = 0, c25 = 0, c26 = 0, c27 = 0;
      let c30 = 0, c31 = 0, c32 = 0, c33 = 0, c34 = 0, c35 = 0, c36 = 0, c37 = 0;
      for (let p = 0; p < kc; p++, ai += 4, bi += 8) {
        const a0 = ap[ai], a1 = ap[ai + 1], a2 = ap[ai + 2], a3 = ap[ai + 3];
        const b0 = bp[bi], b1 = bp[bi + 1], b2 = bp[bi + 2], b3 = bp[bi + 3];
        const b4 = bp[bi + 4], b5 = bp[bi + 5], b6 = bp[bi + 6], b7 = bp[bi + 7];
        c00 += a0 * b0; c01 += a0 * b1; c02 += a0 * b2; c03 += a0 * b3; c04 += a0 * b4; c05 += a0 * b5; c06 += a0 * b6; c07 += a0 * b7;
        c10 += a1 * b0; c11 += a1 * b1; c12 += a1 * b2; c13 += a1 * b3; c14 += a1 * b4; c15 += a1 * b5; c16 += a1 * b6; c17 += a1 * b7;
        c20 += a2 * b0; c21 += a2 * b1; c22 += a2 * b2; c23 += a2 * b3; c24 += a2 * b4; c25 += a2 * b5; c26 += a2 * b6; c27 += a2 * b7;
        c30 += a3 * b0; c31 += a3 * b1; c32 += a3 * b2; c33 += a3 * b3; c34 += a3 * b4; c35 += a3 * b5; c36 += a3 * b6; c37 += a3 * b7;
      }
      const o = c0 + ir * ldc + jr;
      const rows = Math.min(MR, mc - ir);
      if (rows === MR && cols === NR && beta === 0) {
        { const d = o; c[d] = alpha * c00; c[d + 1] = alpha * c01; c[d + 2] = alpha * c02; c[d + 3] = alpha * c03; c[d + 4] = alpha * c04; c[d + 5] = alpha * c05; c[d + 6] = alpha * c06; c[d + 7] = alpha * c07; }
        { const d = o + ldc; c[d] = alpha * c10; c[d + 1] = alpha * c11; c[d + 2] = alpha * c12; c[d + 3] = alpha * c13; c[d + 4] = alpha * c14; c[d + 5] = alpha * c15; c[d + 6] = alpha * c16; c[d + 7] = alpha * c17; }
        { const d = o + 2 * ldc; c[d] = alpha * c20; c[d + 1] = alpha * c21; c[d + 2] = alpha * c22; c[d + 3] = alpha * c23; c[d + 4] = alpha * c24; c[d + 5] = alpha * c25; c[d + 6] = alpha * c26; c[d + 7] = alpha * c27; }
        { const d = o + 3 * ldc; c[d] = alpha * c30; c[d + 1] = alpha * c31; c[d + 2] = alpha * c32; c[d + 3] = alpha * c33; c[d + 4] = alpha * c34; c[d + 5] = alpha * c35; c[d + 6] = alpha * c36; c[d + 7] = alpha * c37; }
      } else if (rows === MR && cols === NR) {
        { const d = o; c[d] = beta * c[d] + alpha * c00; c[d + 1] = beta * c[d + 1] + alpha * c01; c[d + 2] = beta * c[d + 2] + alpha * c02; c[d + 3] = beta * c[d + 3] + alpha * c03; c[d + 4] = beta * c[d + 4] + alpha * c04; c[d + 5] = beta * c[d + 5] + alpha * c05; c[d + 6] = beta * c[d + 6] + alpha * c06; c[d + 7] = beta * c[d + 7] + alpha * c07; }
        { const d = o + ldc; c[d] = beta * c[d] + alpha * c10; c[d + 1] = beta * c[d + 1] + alpha * c11; c[d + 2] = beta * c[d + 2] + alpha * c12; c[d + 3] = beta * c[d + 3] + alpha * c13; c[d + 4] = beta * c[d + 4] + alpha * c14; c[d + 5] = beta * c[d + 5] + alpha * c15; c[d + 6] = beta * c[d + 6] + alpha * c16; c[d + 7] = beta * c[d + 7] + alpha * c17; }
        { const d = o + 2 * ldc; c[d] = beta * c[d] + alpha * c20; c[d + 1] = beta * c[d + 1] + alpha * c21; c[d + 2] = beta * c[d + 2] + alpha * c22; c[d + 3] = beta * c[d + 3] + alpha * c23; c[d + 4] = beta * c[d + 4] + alpha * c24; c[d + 5] = beta * c[d + 5] + alpha * c25; c[d + 6] = beta * c[d + 6] + alpha * c26; c[d + 7] = beta * c[d + 7] + alpha * c27; }
        { const d = o + 3 * ldc; c[d] = beta * c[d] + alpha * c30; c[d + 1] = beta * c[d + 1] + alpha * c31; c[d + 2] = beta * c[d + 2] + alpha * c32; c[d + 3] = beta * c[d + 3] + alpha * c33; c[d + 4] = beta * c[d + 4] + alpha * c34; c[d + 5] = beta * c[d + 5] + alpha * c35; c[d + 6] = beta * c[d + 6] + alpha * c36; c[d + 7] = beta * c[d + 7] + alpha * c37; }
      } else {
        t[0] = c00; t[1] = c01; t[2] = c02; t[3] = c03; t[4] = c04; t[5] = c05; t[6] = c06; t[7] = c07;
        t[8] = c10; t[9] = c11; t[10] = c12; t[11] = c13; t[12] = c14; t[13] = c15; t[14] = c16; t[15] = c17;
        t[16] = c20; t[17] = c21; t[18] = c22; t[19] = c23; t[20] = c24; t[21] = c25; t[22] = c26; t[23] = c27;
        t[24] = c30; t[25] = c31; t[26] = c32; t[27] = c33; t[28] = c34; t[29] = c35; t[30] = c36; t[31] = c37;
        storeTile(c, o, ldc, rows, cols, alpha, beta);
      }
    }
  }
}

/** C[base.., rows×cols] = alpha·tile + beta·C (beta 0 overwrites), only the in-range part of the tile. */
function storeTile(
  c: Float64Array,
  base: number,
  ldc: number,
  rows: number,
  cols: number,
  alpha: number,
  beta: number,
): void {
  const t = gemmState().tile;
  for (let r = 0; r < rows; r++) {
    const o = base + r * ldc;
    const s = r * NR;
    if (beta === 0) for (let q = 0; q < cols; q++) c[o + q] = alpha * t[s + q];
    else for (let q = 0; q < cols; q++) c[o + q] = beta * c[o + q] + alpha * t[s + q];
  }
}
