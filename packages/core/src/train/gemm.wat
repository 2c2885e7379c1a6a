;; The training GEMM in WebAssembly SIMD (f64x2: two float64 lanes per multiply and add), about twice what
;; scalar JS reaches; src/train/gemm.ts runs it on arrays in a memory the kernels are bound to (a model's
;; arena, or its scratch memory after copying the operands in) and falls back to its JS kernel where
;; WebAssembly SIMD is missing. The whole blocked loop runs here, one call per GEMM, in the GotoBLAS layout:
;; op(B) packed a kc x nc block at a time into 4-column panels, op(A) an mc x kc block at a time into 4-row
;; panels (packing absorbs the transposes and zero-pads the edges; reading a 64-wide B in place instead, its
;; rows 512 bytes apart fall into 8 of L1's 64 sets and evict each other), and a 4x4 register tile over each
;; pair of panels written straight into C (edge tiles through a spilled copy, element by element).
;; 4x4, not the JS kernel's 4x8: V8 gives WebAssembly 16 vector registers, and a 4x8 tile's 16
;; accumulators plus its B vectors spill. The sum over p runs in order within k-blocks of equal depth
;; (at most 256, as gemm.ts's JS path), each block stored as alpha*sum (beta 0 on the first block) or
;; beta*C + alpha*sum with separate multiplies and adds, and the bias added after the last block, so each C
;; entry equals the JS kernel's bit for bit.
;; Compiled by `npm run wat -w @resnet/core` (scripts/compileWat.mjs, wabt) into gemmBytes.ts.
(module
  (import "env" "mem" (memory 1))

  ;; C[m x n] = alpha*op(A)*op(B) + beta*C (+ bias[j] on every row unless bias is -1), row-major, leading
  ;; dimensions in elements, addresses in bytes; op(A) is m x k (A stored k x m when tA), op(B) is k x n
  ;; (B stored n x k when tB). m, n, k >= 1. work: 885248 bytes of scratch: the spilled tile (128), A's pack
  ;; (128 x 256 values), B's pack (256 x 256), the step lists of A's and B's panels (32 and 64 panels of 256
  ;; i32) and their lengths (32 and 64 i32).
  ;; Sparse operands (the first layer's input: MNIST is 81% zeros) skip work: when the first panel of a
  ;; packed block has under 7/8 of its steps non-zero, every panel of both blocks gets the list of its steps
  ;; with a non-zero lane, and a tile runs over the shorter list of its two panels. A skipped step adds
  ;; 0*b = +-0 to a sum that is never -0 (it starts at +0, and x + y is -0 only when both are), so the sums
  ;; are unchanged bit for bit, provided b is finite: skipping on A's zeros needs B's block finite and vice
  ;; versa (0*inf would be NaN), which the scan checks.
  (func $gemm (export "gemm")
    (param $tA i32) (param $tB i32) (param $m i32) (param $n i32) (param $k i32) (param $alpha f64)
    (param $a i32) (param $lda i32) (param $b i32) (param $ldb i32) (param $beta f64)
    (param $c i32) (param $ldc i32) (param $bias i32) (param $work i32)
    (local $kBlocks i32) (local $kStep i32) (local $jc i32) (local $nc i32) (local $pc i32) (local $kc i32)
    (local $ic i32) (local $mc i32) (local $packA i32) (local $packB i32)
    (local $idxA i32) (local $idxB i32) (local $cntA i32) (local $cntB i32)
    (local $sparseA i32) (local $sparseB i32) (local $scannedB i32) (local $finA i32) (local $finB i32)
    (local $betaHere f64) (local $biasHere i32)
    (local.set $packA (i32.add (local.get $work) (i32.const 128)))
    (local.set $packB (i32.add (local.get $packA) (i32.const 262144)))
    (local.set $idxA (i32.add (local.get $packB) (i32.const 524288)))
    (local.set $idxB (i32.add (local.get $idxA) (i32.const 32768)))
    (local.set $cntA (i32.add (local.get $idxB) (i32.const 65536)))
    (local.set $cntB (i32.add (local.get $cntA) (i32.const 128)))
    ;; Equal k-blocks (784 = 4 x 196, not 3 x 256 + 16), as gemm.ts: block boundaries decide the sums.
    (local.set $kBlocks (i32.div_u (i32.add (local.get $k) (i32.const 255)) (i32.const 256)))
    (local.set $kStep
      (i32.div_u (i32.sub (i32.add (local.get $k) (local.get $kBlocks)) (i32.const 1)) (local.get $kBlocks)))
    (block $jdone (loop $jl
      (br_if $jdone (i32.ge_u (local.get $jc) (local.get $n)))
      (local.set $nc (i32.sub (local.get $n) (local.get $jc)))
      (if (i32.gt_u (local.get $nc) (i32.const 256)) (then (local.set $nc (i32.const 256))))
      (local.set $pc (i32.const 0))
      (block $pdone (loop $pl
        (br_if $pdone (i32.ge_u (local.get $pc) (local.get $k)))
        (local.set $kc (i32.sub (local.get $k) (local.get $pc)))
        (if (i32.gt_u (local.get $kc) (local.get $kStep)) (then (local.set $kc (local.get $kStep))))
        ;; The first k-block applies beta; later blocks accumulate into C; the last adds the bias.
        (local.set $betaHere (select (local.get $beta) (f64.const 1) (i32.eqz (local.get $pc))))
        (local.set $biasHere (i32.const -1))
        (if (i32.and
              (i32.ne (local.get $bias) (i32.const -1))
              (i32.ge_u (i32.add (local.get $pc) (local.get $kc)) (local.get $k)))
          (then (local.set $biasHere (i32.add (local.get $bias) (i32.shl (local.get $jc) (i32.const 3))))))
        (call $pack (local.get $b) (local.get $ldb) (i32.eqz (local.get $tB)) (local.get $jc) (local.get $nc)
          (local.get $pc) (local.get $kc) (local.get $packB))
        (local.set $sparseB (call $sparse (local.get $packB) (local.get $nc) (local.get $kc) (local.get $idxB) (local.get $cntB)))
        (local.set $scannedB (i32.const 0))
        (local.set $ic (i32.const 0))
        (block $idone (loop $il
          (br_if $idone (i32.ge_u (local.get $ic) (local.get $m)))
          (local.set $mc (i32.sub (local.get $m) (local.get $ic)))
          (if (i32.gt_u (local.get $mc) (i32.const 128)) (then (local.set $mc (i32.const 128))))
          (call $pack (local.get $a) (local.get $lda) (local.get $tA) (local.get $ic) (local.get $mc)
            (local.get $pc) (local.get $kc) (local.get $packA))
          (local.set $sparseA (call $sparse (local.get $packA) (local.get $mc) (local.get $kc) (local.get $idxA) (local.get $cntA)))
          ;; With either block sparse, both get their step lists and finiteness (B's once per block).
          (if (i32.or (local.get $sparseA) (local.get $sparseB))
            (then
              (local.set $finA
                (call $scan (local.get $packA) (local.get $mc) (local.get $kc) (local.get $idxA) (local.get $cntA)))
              (if (i32.eqz (local.get $scannedB))
                (then
                  (local.set $finB
                    (call $scan (local.get $packB) (local.get $nc) (local.get $kc) (local.get $idxB) (local.get $cntB)))
                  (local.set $scannedB (i32.const 1))))))
          (call $block (local.get $packA) (local.get $mc) (local.get $packB) (local.get $nc) (local.get $kc)
            (i32.add (local.get $c) (i32.shl (i32.add (i32.mul (local.get $ic) (local.get $ldc)) (local.get $jc)) (i32.const 3)))
            (i32.shl (local.get $ldc) (i32.const 3))
            (local.get $alpha) (local.get $betaHere) (local.get $biasHere) (local.get $work)
            (i32.and (local.get $sparseA) (local.get $finB)) (local.get $idxA) (local.get $cntA)
            (i32.and (local.get $sparseB) (local.get $finA)) (local.get $idxB) (local.get $cntB))
          (local.set $ic (i32.add (local.get $ic) (i32.const 128)))
          (br $il)))
        (local.set $pc (i32.add (local.get $pc) (local.get $kc)))
        (br $pl)))
      (local.set $jc (i32.add (local.get $jc) (i32.const 256)))
      (br $jl))))

  ;; Whether a packed block (nl lanes, kc steps) looks sparse: its first panel has under 7/8 of its steps
  ;; with a non-zero lane (scanned into idx and counts, which a full scan then overwrites).
  (func $sparse (param $pack i32) (param $nl i32) (param $kc i32) (param $idx i32) (param $counts i32) (result i32)
    (drop (call $scan (local.get $pack)
      (select (i32.const 4) (local.get $nl) (i32.gt_u (local.get $nl) (i32.const 4)))
      (local.get $kc) (local.get $idx) (local.get $counts)))
    (i32.lt_u (i32.shl (i32.load (local.get $counts)) (i32.const 3)) (i32.mul (local.get $kc) (i32.const 7))))

  ;; For every 4-lane panel of a packed block (nl lanes, kc steps): the steps with a non-zero lane (-0 counts
  ;; as zero), in order, at idx + panel*kc*4 and their number at counts + panel*4; returns 1 when every value
  ;; of the block is finite.
  (func $scan (param $pack i32) (param $nl i32) (param $kc i32) (param $idx i32) (param $counts i32) (result i32)
    (local $panel i32) (local $panels i32) (local $o i32) (local $ip i32) (local $p i32) (local $n i32)
    (local $v0 v128) (local $v1 v128) (local $fin v128)
    (local.set $fin (v128.const i64x2 -1 -1))
    (local.set $panels (i32.shr_u (i32.add (local.get $nl) (i32.const 3)) (i32.const 2)))
    (block $done (loop $l
      (br_if $done (i32.ge_u (local.get $panel) (local.get $panels)))
      (local.set $o (i32.add (local.get $pack) (i32.shl (i32.mul (local.get $panel) (local.get $kc)) (i32.const 5))))
      (local.set $ip (i32.add (local.get $idx) (i32.shl (i32.mul (local.get $panel) (local.get $kc)) (i32.const 2))))
      (local.set $n (i32.const 0))
      (local.set $p (i32.const 0))
      (block $pdone (loop $pl
        (br_if $pdone (i32.ge_u (local.get $p) (local.get $kc)))
        (local.set $v0 (v128.load offset=0 (local.get $o)))
        (local.set $v1 (v128.load offset=16 (local.get $o)))
        ;; x - x is 0 exactly when x is finite.
        (local.set $fin (v128.and (local.get $fin) (v128.and
          (f64x2.eq (f64x2.sub (local.get $v0) (local.get $v0)) (v128.const i64x2 0 0))
          (f64x2.eq (f64x2.sub (local.get $v1) (local.get $v1)) (v128.const i64x2 0 0)))))
        ;; Always write p; keep it (advance n) only when a lane is non-zero.
        (i32.store (i32.add (local.get $ip) (i32.shl (local.get $n) (i32.const 2))) (local.get $p))
        (local.set $n (i32.add (local.get $n) (v128.any_true (v128.or
          (f64x2.ne (local.get $v0) (v128.const i64x2 0 0))
          (f64x2.ne (local.get $v1) (v128.const i64x2 0 0))))))
        (local.set $o (i32.add (local.get $o) (i32.const 32)))
        (local.set $p (i32.add (local.get $p) (i32.const 1)))
        (br $pl)))
      (i32.store (i32.add (local.get $counts) (i32.shl (local.get $panel) (i32.const 2))) (local.get $n))
      (local.set $panel (i32.add (local.get $panel) (i32.const 1)))
      (br $l)))
    (i64x2.all_true (local.get $fin)))

  ;; Packs lanes l0..l0+nl (rows of op(A), or columns of op(B)) and steps p0..p0+kc of a matrix at out as
  ;; 4-lane panels (panel l/4 at out + l*kc*8, step p at + p*32), lanes past nl zero. Element (l, p) is at
  ;; x + (p*ld + l)*8 when adj (a lane's neighbours adjacent: A stored transposed, B row-major), else at
  ;; x + (l*ld + p)*8.
  (func $pack (param $x i32) (param $ld i32) (param $adj i32) (param $l0 i32) (param $nl i32) (param $p0 i32)
    (param $kc i32) (param $out i32)
    (local $l i32) (local $lanes i32) (local $o i32) (local $s i32) (local $p i32) (local $q i32)
    (local $step i32) (local $lane i32) (local $x1 i32) (local $x2 i32) (local $x3 i32)
    (local $v0 v128) (local $v1 v128) (local $v2 v128) (local $v3 v128)
    ;; Bytes from one step to the next, and from one lane to the next.
    (local.set $step (select (i32.shl (local.get $ld) (i32.const 3)) (i32.const 8) (local.get $adj)))
    (local.set $lane (select (i32.const 8) (i32.shl (local.get $ld) (i32.const 3)) (local.get $adj)))
    (block $ldone (loop $ll
      (br_if $ldone (i32.ge_u (local.get $l) (local.get $nl)))
      (local.set $lanes (i32.sub (local.get $nl) (local.get $l)))
      (local.set $o (i32.add (local.get $out) (i32.shl (i32.mul (local.get $l) (local.get $kc)) (i32.const 3))))
      (local.set $s (i32.add (local.get $x) (i32.shl
        (select
          (i32.add (i32.mul (local.get $p0) (local.get $ld)) (i32.add (local.get $l0) (local.get $l)))
          (i32.add (i32.mul (i32.add (local.get $l0) (local.get $l)) (local.get $ld)) (local.get $p0))
          (local.get $adj))
        (i32.const 3))))
      (local.set $p (i32.const 0))
      (if (i32.ge_u (local.get $lanes) (i32.const 4))
        (then
          (if (local.get $adj)
            (then
              ;; A whole panel with adjacent lanes: each step's 4 values in one load pair.
              (block $pdone (loop $pl
                (br_if $pdone (i32.ge_u (local.get $p) (local.get $kc)))
                (v128.store offset=0 (local.get $o) (v128.load offset=0 (local.get $s)))
                (v128.store offset=16 (local.get $o) (v128.load offset=16 (local.get $s)))
                (local.set $o (i32.add (local.get $o) (i32.const 32)))
                (local.set $s (i32.add (local.get $s) (local.get $step)))
                (local.set $p (i32.add (local.get $p) (i32.const 1)))
                (br $pl))))
            (else
              ;; A whole panel with adjacent steps: four lane streams, two steps at a time (a 2x2 transpose
              ;; of each lane pair by shuffles), then an odd last step by itself.
              (local.set $x1 (i32.add (local.get $s) (local.get $lane)))
              (local.set $x2 (i32.add (local.get $x1) (local.get $lane)))
              (local.set $x3 (i32.add (local.get $x2) (local.get $lane)))
              (block $pdone (loop $pl
                (br_if $pdone (i32.gt_u (i32.add (local.get $p) (i32.const 2)) (local.get $kc)))
                (local.set $v0 (v128.load (local.get $s)))
                (local.set $v1 (v128.load (local.get $x1)))
                (local.set $v2 (v128.load (local.get $x2)))
                (local.set $v3 (v128.load (local.get $x3)))
                (v128.store offset=0 (local.get $o)
                  (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $v0) (local.get $v1)))
                (v128.store offset=16 (local.get $o)
                  (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $v2) (local.get $v3)))
                (v128.store offset=32 (local.get $o)
                  (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $v0) (local.get $v1)))
                (v128.store offset=48 (local.get $o)
                  (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $v2) (local.get $v3)))
                (local.set $o (i32.add (local.get $o) (i32.const 64)))
                (local.set $s (i32.add (local.get $s) (i32.const 16)))
                (local.set $x1 (i32.add (local.get $x1) (i32.const 16)))
                (local.set $x2 (i32.add (local.get $x2) (i32.const 16)))
                (local.set $x3 (i32.add (local.get $x3) (i32.const 16)))
                (local.set $p (i32.add (local.get $p) (i32.const 2)))
                (br $pl)))
              (if (i32.lt_u (local.get $p) (local.get $kc))
                (then
                  (f64.store offset=0 (local.get $o) (f64.load (local.get $s)))
                  (f64.store offset=8 (local.get $o) (f64.load (local.get $x1)))
                  (f64.store offset=16 (local.get $o) (f64.load (local.get $x2)))
                  (f64.store offset=24 (local.get $o) (f64.load (local.get $x3))))))))
        (else
          ;; The last, partial panel lane by lane, zero past the last lane.
          (block $pdone (loop $pl
            (br_if $pdone (i32.ge_u (local.get $p) (local.get $kc)))
            (local.set $q (i32.const 0))
            (block $qdone (loop $ql
              (br_if $qdone (i32.ge_u (local.get $q) (i32.const 4)))
              (f64.store
                (i32.add (local.get $o) (i32.shl (local.get $q) (i32.const 3)))
                (if (result f64) (i32.lt_u (local.get $q) (local.get $lanes))
                  (then (f64.load (i32.add (local.get $s) (i32.mul (local.get $q) (local.get $lane)))))
                  (else (f64.const 0))))
              (local.set $q (i32.add (local.get $q) (i32.const 1)))
              (br $ql)))
            (local.set $o (i32.add (local.get $o) (i32.const 32)))
            (local.set $s (i32.add (local.get $s) (local.get $step)))
            (local.set $p (i32.add (local.get $p) (i32.const 1)))
            (br $pl)))))
      (local.set $l (i32.add (local.get $l) (i32.const 4)))
      (br $ll))))

  ;; One packed block: for every 4-column panel of B (at b + (j/4)*kc*32, step p at + p*32) and 4-row panel
  ;; of A (at a + (i/4)*kc*32, the same steps), the 4x4 tile sum_p A (x) B, stored at c + i*ldc + j*8 (ldc
  ;; in bytes) as alpha*tile (beta 0) or beta*C + alpha*tile, plus bias[j] unless bias is -1; only the
  ;; in-range part of an edge tile is written (through tile, 128 bytes). With skipA (skipB), a tile may sum
  ;; only over its A (B) panel's step list, when that is under 7/8 of kc and the shorter of the two.
  (func $block (param $a i32) (param $mc i32) (param $b i32) (param $nc i32) (param $kc i32)
    (param $c i32) (param $ldc i32) (param $alpha f64) (param $beta f64) (param $bias i32) (param $tile i32)
    (param $skipA i32) (param $idxA i32) (param $cntA i32) (param $skipB i32) (param $idxB i32) (param $cntB i32)
    (local $jr i32) (local $ir i32) (local $cols i32) (local $rows i32) (local $p i32) (local $panel i32)
    (local $ap i32) (local $bp i32) (local $bp0 i32) (local $cp i32)
    (local $nA i32) (local $nB i32) (local $ip i32) (local $q32 i32)
    (local $r i32) (local $q i32) (local $t i32) (local $v f64)
    (local $va v128) (local $vb v128) (local $b0 v128) (local $b1 v128) (local $x v128)
    (local $c00 v128) (local $c01 v128) (local $c10 v128) (local $c11 v128)
    (local $c20 v128) (local $c21 v128) (local $c30 v128) (local $c31 v128)
    (local.set $va (f64x2.splat (local.get $alpha)))
    (local.set $vb (f64x2.splat (local.get $beta)))
    (local.set $panel (i32.shl (local.get $kc) (i32.const 5)))
    (block $jdone (loop $jl
      (br_if $jdone (i32.ge_u (local.get $jr) (local.get $nc)))
      (local.set $cols (i32.sub (local.get $nc) (local.get $jr)))
      (local.set $bp0 (i32.add (local.get $b) (i32.mul (i32.shr_u (local.get $jr) (i32.const 2)) (local.get $panel))))
      (local.set $ir (i32.const 0))
      (block $idone (loop $il
        (br_if $idone (i32.ge_u (local.get $ir) (local.get $mc)))
        (local.set $rows (i32.sub (local.get $mc) (local.get $ir)))
        (local.set $ap (i32.add (local.get $a) (i32.mul (i32.shr_u (local.get $ir) (i32.const 2)) (local.get $panel))))
        (local.set $bp (local.get $bp0))
        (local.set $c00 (v128.const i64x2 0 0))
        (local.set $c01 (v128.const i64x2 0 0))
        (local.set $c10 (v128.const i64x2 0 0))
        (local.set $c11 (v128.const i64x2 0 0))
        (local.set $c20 (v128.const i64x2 0 0))
        (local.set $c21 (v128.const i64x2 0 0))
        (local.set $c30 (v128.const i64x2 0 0))
        (local.set $c31 (v128.const i64x2 0 0))
        ;; Steps to run: all kc, or a panel's list of non-zero steps (see gemm).
        (local.set $nA (select (i32.load (i32.add (local.get $cntA) (i32.shl (i32.shr_u (local.get $ir) (i32.const 2)) (i32.const 2))))
          (local.get $kc) (local.get $skipA)))
        (local.set $nB (select (i32.load (i32.add (local.get $cntB) (i32.shl (i32.shr_u (local.get $jr) (i32.const 2)) (i32.const 2))))
          (local.get $kc) (local.get $skipB)))
        (if (i32.ge_u (i32.shl (select (local.get $nA) (local.get $nB) (i32.lt_u (local.get $nA) (local.get $nB))) (i32.const 3))
              (i32.mul (local.get $kc) (i32.const 7)))
          (then
            (local.set $p (local.get $kc))
            (loop $kl
              (local.set $b0 (v128.load offset=0 (local.get $bp)))
              (local.set $b1 (v128.load offset=16 (local.get $bp)))
              (local.set $x (v128.load64_splat offset=0 (local.get $ap)))
              (local.set $c00 (f64x2.add (local.get $c00) (f64x2.mul (local.get $x) (local.get $b0))))
              (local.set $c01 (f64x2.add (local.get $c01) (f64x2.mul (local.get $x) (local.get $b1))))
              (local.set $x (v128.load64_splat offset=8 (local.get $ap)))
              (local.set $c10 (f64x2.add (local.get $c10) (f64x2.mul (local.get $x) (local.get $b0))))
              (local.set $c11 (f64x2.add (local.get $c11) (f64x2.mul (local.get $x) (local.get $b1))))
              (local.set $x (v128.load64_splat offset=16 (local.get $ap)))
              (local.set $c20 (f64x2.add (local.get $c20) (f64x2.mul (local.get $x) (local.get $b0))))
              (local.set $c21 (f64x2.add (local.get $c21) (f64x2.mul (local.get $x) (local.get $b1))))
              (local.set $x (v128.load64_splat offset=24 (local.get $ap)))
              (local.set $c30 (f64x2.add (local.get $c30) (f64x2.mul (local.get $x) (local.get $b0))))
              (local.set $c31 (f64x2.add (local.get $c31) (f64x2.mul (local.get $x) (local.get $b1))))
              (local.set $ap (i32.add (local.get $ap) (i32.const 32)))
              (local.set $bp (i32.add (local.get $bp) (i32.const 32)))
              (br_if $kl (local.tee $p (i32.sub (local.get $p) (i32.const 1))))))
          (else
            ;; Over the shorter step list: p from the list, both panels read at step p.
            (if (i32.lt_u (local.get $nA) (local.get $nB))
              (then
                (local.set $p (local.get $nA))
                (local.set $ip (i32.add (local.get $idxA) (i32.shl (i32.mul (i32.shr_u (local.get $ir) (i32.const 2)) (local.get $kc)) (i32.const 2)))))
              (else
                (local.set $p (local.get $nB))
                (local.set $ip (i32.add (local.get $idxB) (i32.shl (i32.mul (i32.shr_u (local.get $jr) (i32.const 2)) (local.get $kc)) (i32.const 2))))))
            (block $sdone (loop $sl
              (br_if $sdone (i32.eqz (local.get $p)))
              (local.set $q32 (i32.shl (i32.load (local.get $ip)) (i32.const 5)))
              (local.set $t (i32.add (local.get $bp) (local.get $q32)))
              (local.set $b0 (v128.load offset=0 (local.get $t)))
              (local.set $b1 (v128.load offset=16 (local.get $t)))
              (local.set $t (i32.add (local.get $ap) (local.get $q32)))
              (local.set $x (v128.load64_splat offset=0 (local.get $t)))
              (local.set $c00 (f64x2.add (local.get $c00) (f64x2.mul (local.get $x) (local.get $b0))))
              (local.set $c01 (f64x2.add (local.get $c01) (f64x2.mul (local.get $x) (local.get $b1))))
              (local.set $x (v128.load64_splat offset=8 (local.get $t)))
              (local.set $c10 (f64x2.add (local.get $c10) (f64x2.mul (local.get $x) (local.get $b0))))
              (local.set $c11 (f64x2.add (local.get $c11) (f64x2.mul (local.get $x) (local.get $b1))))
              (local.set $x (v128.load64_splat offset=16 (local.get $t)))
              (local.set $c20 (f64x2.add (local.get $c20) (f64x2.mul (local.get $x) (local.get $b0))))
              (local.set $c21 (f64x2.add (local.get $c21) (f64x2.mul (local.get $x) (local.get $b1))))
              (local.set $x (v128.load64_splat offset=24 (local.get $t)))
              (local.set $c30 (f64x2.add (local.get $c30) (f64x2.mul (local.get $x) (local.get $b0))))
              (local.set $c31 (f64x2.add (local.get $c31) (f64x2.mul (local.get $x) (local.get $b1))))
              (local.set $ip (i32.add (local.get $ip) (i32.const 4)))
              (local.set $p (i32.sub (local.get $p) (i32.const 1)))
              (br $sl)))))
        (local.set $cp (i32.add (local.get $c)
          (i32.add (i32.mul (local.get $ir) (local.get $ldc)) (i32.shl (local.get $jr) (i32.const 3)))))
        (if (i32.and (i32.ge_u (local.get $rows) (i32.const 4)) (i32.ge_u (local.get $cols) (i32.const 4)))
          (then
            ;; A whole tile: alpha*sum, or beta*C + alpha*sum, then + bias, then stored.
            (if (f64.eq (local.get $beta) (f64.const 0))
              (then
                (local.set $c00 (f64x2.mul (local.get $va) (local.get $c00)))
                (local.set $c01 (f64x2.mul (local.get $va) (local.get $c01)))
                (local.set $c10 (f64x2.mul (local.get $va) (local.get $c10)))
                (local.set $c11 (f64x2.mul (local.get $va) (local.get $c11)))
                (local.set $c20 (f64x2.mul (local.get $va) (local.get $c20)))
                (local.set $c21 (f64x2.mul (local.get $va) (local.get $c21)))
                (local.set $c30 (f64x2.mul (local.get $va) (local.get $c30)))
                (local.set $c31 (f64x2.mul (local.get $va) (local.get $c31))))
              (else
                (local.set $t (local.get $cp))
                (local.set $c00 (f64x2.add (f64x2.mul (local.get $vb) (v128.load offset=0 (local.get $t)))
                  (f64x2.mul (local.get $va) (local.get $c00))))
                (local.set $c01 (f64x2.add (f64x2.mul (local.get $vb) (v128.load offset=16 (local.get $t)))
                  (f64x2.mul (local.get $va) (local.get $c01))))
                (local.set $t (i32.add (local.get $t) (local.get $ldc)))
                (local.set $c10 (f64x2.add (f64x2.mul (local.get $vb) (v128.load offset=0 (local.get $t)))
                  (f64x2.mul (local.get $va) (local.get $c10))))
                (local.set $c11 (f64x2.add (f64x2.mul (local.get $vb) (v128.load offset=16 (local.get $t)))
                  (f64x2.mul (local.get $va) (local.get $c11))))
                (local.set $t (i32.add (local.get $t) (local.get $ldc)))
                (local.set $c20 (f64x2.add (f64x2.mul (local.get $vb) (v128.load offset=0 (local.get $t)))
                  (f64x2.mul (local.get $va) (local.get $c20))))
                (local.set $c21 (f64x2.add (f64x2.mul (local.get $vb) (v128.load offset=16 (local.get $t)))
                  (f64x2.mul (local.get $va) (local.get $c21))))
                (local.set $t (i32.add (local.get $t) (local.get $ldc)))
                (local.set $c30 (f64x2.add (f64x2.mul (local.get $vb) (v128.load offset=0 (local.get $t)))
                  (f64x2.mul (local.get $va) (local.get $c30))))
                (local.set $c31 (f64x2.add (f64x2.mul (local.get $vb) (v128.load offset=16 (local.get $t)))
                  (f64x2.mul (local.get $va) (local.get $c31))))))
            (if (i32.ne (local.get $bias) (i32.const -1))
              (then
                (local.set $t (i32.add (local.get $bias) (i32.shl (local.get $jr) (i32.const 3))))
                (local.set $b0 (v128.load offset=0 (local.get $t)))
                (local.set $b1 (v128.load offset=16 (local.get $t)))
                (local.set $c00 (f64x2.add (local.get $c00) (local.get $b0)))
                (local.set $c01 (f64x2.add (local.get $c01) (local.get $b1)))
                (local.set $c10 (f64x2.add (local.get $c10) (local.get $b0)))
                (local.set $c11 (f64x2.add (local.get $c11) (local.get $b1)))
                (local.set $c20 (f64x2.add (local.get $c20) (local.get $b0)))
                (local.set $c21 (f64x2.add (local.get $c21) (local.get $b1)))
                (local.set $c30 (f64x2.add (local.get $c30) (local.get $b0)))
                (local.set $c31 (f64x2.add (local.get $c31) (local.get $b1)))))
            (local.set $t (local.get $cp))
            (v128.store offset=0 (local.get $t) (local.get $c00))
            (v128.store offset=16 (local.get $t) (local.get $c01))
            (local.set $t (i32.add (local.get $t) (local.get $ldc)))
            (v128.store offset=0 (local.get $t) (local.get $c10))
            (v128.store offset=16 (local.get $t) (local.get $c11))
            (local.set $t (i32.add (local.get $t) (local.get $ldc)))
            (v128.store offset=0 (local.get $t) (local.get $c20))
            (v128.store offset=16 (local.get $t) (local.get $c21))
            (local.set $t (i32.add (local.get $t) (local.get $ldc)))
            (v128.store offset=0 (local.get $t) (local.get $c30))
            (v128.store offset=16 (local.get $t) (local.get $c31)))
          (else
            ;; An edge tile: spill the sums, then store the in-range entries one by one.
            (v128.store offset=0 (local.get $tile) (local.get $c00))
            (v128.store offset=16 (local.get $tile) (local.get $c01))
            (v128.store offset=32 (local.get $tile) (local.get $c10))
            (v128.store offset=48 (local.get $tile) (local.get $c11))
            (v128.store offset=64 (local.get $tile) (local.get $c20))
            (v128.store offset=80 (local.get $tile) (local.get $c21))
            (v128.store offset=96 (local.get $tile) (local.get $c30))
            (v128.store offset=112 (local.get $tile) (local.get $c31))
            (if (i32.gt_u (local.get $rows) (i32.const 4)) (then (local.set $rows (i32.const 4))))
            (if (i32.gt_u (local.get $cols) (i32.const 4)) (then (local.set $cols (i32.const 4))))
            (local.set $r (i32.const 0))
            (block $rdone (loop $rl
              (br_if $rdone (i32.ge_u (local.get $r) (local.get $rows)))
              (local.set $q (i32.const 0))
              (block $qdone (loop $ql
                (br_if $qdone (i32.ge_u (local.get $q) (local.get $cols)))
                (local.set $t (i32.add (local.get $cp)
                  (i32.add (i32.mul (local.get $r) (local.get $ldc)) (i32.shl (local.get $q) (i32.const 3)))))
                (local.set $v (f64.load (i32.add (local.get $tile)
                  (i32.shl (i32.add (i32.shl (local.get $r) (i32.const 2)) (local.get $q)) (i32.const 3)))))
                (local.set $v
                  (if (result f64) (f64.eq (local.get $beta) (f64.const 0))
                    (then (f64.mul (local.get $alpha) (local.get $v)))
                    (else (f64.add (f64.mul (local.get $beta) (f64.load (local.get $t)))
                      (f64.mul (local.get $alpha) (local.get $v))))))
                (if (i32.ne (local.get $bias) (i32.const -1))
                  (then (local.set $v (f64.add (local.get $v) (f64.load (i32.add (local.get $bias)
                    (i32.shl (i32.add (local.get $jr) (local.get $q)) (i32.const 3))))))))
                (f64.store (local.get $t) (local.get $v))
                (local.set $q (i32.add (local.get $q) (i32.const 1)))
                (br $ql)))
              (local.set $r (i32.add (local.get $r) (i32.const 1)))
              (br $rl)))))
        (local.set $ir (i32.add (local.get $ir) (i32.const 4)))
        (br $il)))
      (local.set $jr (i32.add (local.get $jr) (i32.const 4)))
      (br $jl)))))
