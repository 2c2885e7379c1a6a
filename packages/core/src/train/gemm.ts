// A blocked, cache-aware GEMM on Float64Array in the GotoBLAS layout: op(B) is packed a kc×nc block
// at a time into 8-column panels (4-column for the SIMD kernel), op(A) an mc×kc block at a time into
// 4-row panels, and a 4×8 tile (4×4 in SIMD)
// kernel runs over each pair of panels. Packing absorbs the transposes, so one kernel serves forward
// (X·Wᵀ), dX (dY·W) and dW (dYᵀ·X). Edges are zero-padded in the packs.
// V8 emits no SIMD and no FMA for JS arithmetic, so scalar JS tops out near a separate multiply and
// add per cycle (gemm.bench.ts measures that ceiling, ~4.5 GFLOP/s here; the JS tile reaches about
// 90% of it). The tile therefore runs in WebAssembly SIMD (gemmSimd.ts, two float64 lanes per
// instruction, ~2.3x the JS tile) wherever WebAssembly is available, with the JS tile as fallback;
// both sum each entry in the same order, so their results are bit-identical. The SIMD macro-kernel
// (a 4×4 tile, B packed in 4-column panels for it) loops over a block's tiles itself and writes a C
// block in its memory that gemm copies out.
import { createSimdKernel, SIMD_NR } from './gemmSimd.js';

const MR = 4;
const NR = 8;
/** Most depth per packed block: an 8×kc panel of B (16 KiB) stays in L1 while A streams from L2. */
const KC = 256;
/** Rows of A per packed block (mc×kc ≤ 256 KiB, well inside the 2 MiB L2). */
const MC = 128;
/** Columns of B per packed block. */
const NC = 1024;

/** Byte offsets of the packs and the C block in the SIMD kernel's memory (3.25 of its 4 MiB). */
const B_AT = MC * KC * 8;
const C_AT = B_AT + KC * NC * 8;

/** What gemm works in: the SIMD kernel (if any), the packs, the kernel's C block and the spilled tile. */
interface GemmState {
  simd: ReturnType<typeof createSimdKernel>;
  packA: Float64Array;
  packB: Float64Array;
  /** The SIMD kernel's C block (mc × nc rounded up to whole tiles, row stride the rounded nc); empty without SIMD. */
  cBlock: Float64Array;
  /** One tile of the JS kernel, spilled here so an edge tile is written back by one loop over its in-range part. */
  tile: Float64Array;
}

// Made on the first call, not at import: code that imports core and never trains (a sweep worker)
// pays neither the WebAssembly module nor its 4 MiB memory. The packs never outgrow these sizes
// (mc ≤ MC and nc ≤ NC are multiples of MR and NR, kc ≤ KC), so with SIMD they are fixed views of
// the kernel's memory that the packing writes straight into.
let state: GemmState | null = null;
function gemmState(): GemmState {
  if (state) return state;
  const simd = createSimdKernel();
  state = {
    simd,
    packA: simd ? new Float64Array(simd.memory, 0, MC * KC) : new Float64Array(MC * KC),
    packB: simd ? new Float64Array(simd.memory, B_AT, KC * NC) : new Float64Array(KC * NC),
    cBlock: simd ? new Float64Array(simd.memory, C_AT, MC * NC) : new Float64Array(0),
    tile: new Float64Array(MR * NR),
  };
  return state;
}
/** Whether gemm uses the WebAssembly SIMD kernel when there is one; tests and the bench flip it. */
let preferSimd = true;

/** Which micro-kernel gemm runs: 'wasm-simd' where WebAssembly SIMD is available, else 'js'. */
export function gemmKernel(): 'wasm-simd' | 'js' {
  return preferSimd && gemmState().simd !== undefined ? 'wasm-simd' : 'js';
}

/** Forces the JS micro-kernel (false) or restores SIMD where available (true); for tests and benches. */
export function setGemmSimd(enabled: boolean): void {
  preferSimd = enabled;
}

/**
 * C[m×n] = alpha·op(A)·op(B) + beta·C, all row-major with leading dimensions lda, ldb, ldc;
 * op(A) is m×k (A stored k×m when transA), op(B) is k×n (B stored n×k when transB).
 * With beta = 0, C is overwritten (NaNs in C do not propagate), as BLAS does.
 */
export function gemm(
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
): Float64Array {
  if (k === 0 || alpha === 0) {
    scaleC(c, m, n, ldc, beta);
    return c;
  }
  const useSimd = gemmKernel() === 'wasm-simd';
  const nr = useSimd ? SIMD_NR : NR;
  // Equal k-blocks (784 = 4×196, not 3×256 + 16): no thin tail block pays a pass over C for little work.
  const kBlocks = Math.ceil(k / KC);
  const kStep = Math.ceil(k / kBlocks);
  for (let jc = 0; jc < n; jc += NC) {
    const nc = Math.min(NC, n - jc);
    for (let pc = 0; pc < k; pc += kStep) {
      const kc = Math.min(kStep, k - pc);
      packPanelsB(transB, b, ldb, pc, kc, jc, nc, nr);
      // The first k-block applies beta; later blocks accumulate into C.
      const betaHere = pc === 0 ? beta : 1;
      for (let ic = 0; ic < m; ic += MC) {
        const mc = Math.min(MC, m - ic);
        packPanelsA(transA, a, lda, ic, mc, pc, kc);
        if (useSimd) {
          // With one row block (m ≤ MC), the kernel's C block carries over from k-block to k-block: it
          // is read from C only before the first and written back only after the last.
          const resident = m <= MC;
          const load = !resident || pc === 0;
          const store = !resident || pc + kc >= k;
          macroKernelSimd(mc, nc, kc, alpha, betaHere, c, ic * ldc + jc, ldc, load, store);
        } else macroKernel(mc, nc, kc, alpha, betaHere, c, ic * ldc + jc, ldc);
      }
    }
  }
  return c;
}

/** C = beta·C over m×n (beta 0 writes zeros). */
function scaleC(c: Float64Array, m: number, n: number, ldc: number, beta: number): void {
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

/** Packs op(B)[pc..pc+kc, jc..jc+nc] as nr-column panels, each kc steps of nr values (zero-padded). */
function packPanelsB(
  trans: boolean,
  b: Float64Array,
  ldb: number,
  pc: number,
  kc: number,
  jc: number,
  nc: number,
  nr: number,
): void {
  const panels = Math.ceil(nc / nr);
  const size = panels * nr * kc;
  const out = gemmState().packB;
  if (nc % nr !== 0) out.fill(0, (panels - 1) * nr * kc, size);
  for (let jp = 0; jp < panels; jp++) {
    const j0 = jc + jp * nr;
    const cols = Math.min(nr, jc + nc - j0);
    const o0 = jp * nr * kc;
    if (trans && cols === 4) {
      // op(B)[p, j] = b[j*ldb + p]: four stored rows (columns of op(B)) as streams, each step's 4 values
      // written together (a full 4-column panel).
      const s0 = j0 * ldb + pc;
      const s1 = s0 + ldb;
      const s2 = s1 + ldb;
      const s3 = s2 + ldb;
      for (let p = 0, o = o0; p < kc; p++, o += nr) {
        out[o] = b[s0 + p];
        out[o + 1] = b[s1 + p];
        out[o + 2] = b[s2 + p];
        out[o + 3] = b[s3 + p];
      }
    } else if (trans) {
      // op(B)[p, j] = b[j*ldb + p]: read each stored row (a column of op(B)) contiguously.
      for (let q = 0; q < cols; q++) {
        const s = (j0 + q) * ldb + pc;
        for (let p = 0, o = o0 + q; p < kc; p++, o += nr) out[o] = b[s + p];
      }
    } else if (cols === 4) {
      // op(B)[p, j] = b[p*ldb + j]: each step's nr values are adjacent in a row of B (unrolled: a full 4-column panel).
      for (let p = 0, o = o0, s = pc * ldb + j0; p < kc; p++, o += nr, s += ldb) {
        out[o] = b[s];
        out[o + 1] = b[s + 1];
        out[o + 2] = b[s + 2];
        out[o + 3] = b[s + 3];
      }
    } else {
      for (let p = 0, o = o0, s = pc * ldb + j0; p < kc; p++, o += nr, s += ldb) {
        for (let q = 0; q < cols; q++) out[o + q] = b[s + q];
      }
    }
  }
}

/**
 * Runs the WebAssembly SIMD macro-kernel over the packed blocks: C's block goes into the kernel's C
 * block first when beta is not 0 and `load` (the kernel computes beta·C + alpha·AB there), and comes
 * back after when `store`.
 * When the block is whole rows of C with no padding (the training shapes), the copy back is one memcpy.
 */
function macroKernelSimd(
  mc: number,
  nc: number,
  kc: number,
  alpha: number,
  beta: number,
  c: Float64Array,
  c0: number,
  ldc: number,
  load: boolean,
  store: boolean,
): void {
  const { simd, cBlock } = gemmState();
  const ncPad = Math.ceil(nc / SIMD_NR) * SIMD_NR;
  const contiguous = ncPad === nc && ldc === nc;
  if (beta !== 0 && load) {
    for (let r = 0; r < mc; r++) for (let q = 0, o = c0 + r * ldc, s = r * ncPad; q < nc; q++) cBlock[s + q] = c[o + q];
  }
  simd!.macro(0, B_AT, Math.ceil(mc / MR) * MR, ncPad, kc, C_AT, ncPad * 8, alpha, beta);
  if (!store) return;
  if (contiguous) c.set(cBlockView(mc * nc), c0);
  else
    for (let r = 0; r < mc; r++) for (let q = 0, o = c0 + r * ldc, s = r * ncPad; q < nc; q++) c[o + q] = cBlock[s + q];
}

/** The first n entries of the kernel's C block as a view, made once per length (no allocation per call). */
const cBlockViews = new Map<number, Float64Array>();
function cBlockView(n: number): Float64Array {
  let view = cBlockViews.get(n);
  if (view === undefined) {
    view = gemmState().cBlock.subarray(0, n);
    cBlockViews.set(n, view);
  }
  return view;
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
