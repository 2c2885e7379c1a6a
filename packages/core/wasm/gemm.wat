;; The GEMM's macro-kernel in WebAssembly SIMD (f64x2: two float64 lanes per multiply and add), about
;; twice what scalar JS reaches; src/train/gemm.ts falls back to its JS kernel where WebAssembly SIMD is
;; missing. One call runs a 4x4 register tile over every (A panel, B panel) pair of a packed block and
;; stores each tile into a C block in the same memory, so the JS side makes one call per block, not one
;; per tile. 4x4, not the JS kernel's 4x8: V8 gives WebAssembly 16 vector registers, and a 4x8 tile's 16
;; accumulators plus its B vectors spill (kernel alone at k = 64: 4x8 13.6, 4x4 15.8 GFLOP/s here).
;; The kernel sums over p in order and stores alpha*sum or beta*C + alpha*sum with separate multiplies
;; and adds, so each C entry equals the JS kernel's.
;; Compiled by `npm run wasm` (scripts/wasm.ts, wabt) into src/wasm/gemmWasm.ts.
(module
  (memory (export "mem") 64)
  ;; macro(a, b, mc, nc, kc, c, ldc, alpha, beta): for every 4-row panel of the packed A block (at a) and
  ;; 4-column panel of the packed B block (at b), the 4x4 tile sum_p A (x) B, stored at c + 4i*ldc + 4j*8 as
  ;; alpha*tile (beta 0) or beta*C + alpha*tile; byte offsets and ldc in bytes, mc and nc multiples of 4.
  (func (export "macro") (param $pa i32) (param $pb i32) (param $mc i32) (param $nc i32) (param $kc i32)
    (param $c0 i32) (param $ldc i32) (param $alpha f64) (param $beta f64)
    (local $jr i32) (local $ir i32) (local $a i32) (local $b i32) (local $p i32) (local $c i32) (local $bcol i32)
    (local $va v128) (local $vb v128)
    (local $b0 v128) (local $b1 v128) (local $x v128)
    (local $c00 v128) (local $c01 v128)
    (local $c10 v128) (local $c11 v128)
    (local $c20 v128) (local $c21 v128)
    (local $c30 v128) (local $c31 v128)
    (local.set $va (f64x2.splat (local.get $alpha)))
    (local.set $vb (f64x2.splat (local.get $beta)))
    (block $jdone (loop $jl
      (br_if $jdone (i32.ge_u (local.get $jr) (local.get $nc)))
      (local.set $bcol (i32.add (local.get $pb) (i32.mul (i32.mul (local.get $jr) (local.get $kc)) (i32.const 8))))
      (local.set $ir (i32.const 0))
      (block $idone (loop $il
        (br_if $idone (i32.ge_u (local.get $ir) (local.get $mc)))
        (local.set $a (i32.add (local.get $pa) (i32.mul (i32.mul (local.get $ir) (local.get $kc)) (i32.const 8))))
        (local.set $b (local.get $bcol))
        (local.set $p (i32.const 0))
        (local.set $c00 (v128.const i64x2 0 0))
        (local.set $c01 (v128.const i64x2 0 0))
        (local.set $c10 (v128.const i64x2 0 0))
        (local.set $c11 (v128.const i64x2 0 0))
        (local.set $c20 (v128.const i64x2 0 0))
        (local.set $c21 (v128.const i64x2 0 0))
        (local.set $c30 (v128.const i64x2 0 0))
        (local.set $c31 (v128.const i64x2 0 0))
        (block $kdone (loop $kl
          (br_if $kdone (i32.ge_u (local.get $p) (local.get $kc)))
          (local.set $b0 (v128.load offset=0 (local.get $b)))
          (local.set $b1 (v128.load offset=16 (local.get $b)))
          (local.set $x (v128.load64_splat offset=0 (local.get $a)))
          (local.set $c00 (f64x2.add (local.get $c00) (f64x2.mul (local.get $x) (local.get $b0))))
          (local.set $c01 (f64x2.add (local.get $c01) (f64x2.mul (local.get $x) (local.get $b1))))
          (local.set $x (v128.load64_splat offset=8 (local.get $a)))
          (local.set $c10 (f64x2.add (local.get $c10) (f64x2.mul (local.get $x) (local.get $b0))))
          (local.set $c11 (f64x2.add (local.get $c11) (f64x2.mul (local.get $x) (local.get $b1))))
          (local.set $x (v128.load64_splat offset=16 (local.get $a)))
          (local.set $c20 (f64x2.add (local.get $c20) (f64x2.mul (local.get $x) (local.get $b0))))
          (local.set $c21 (f64x2.add (local.get $c21) (f64x2.mul (local.get $x) (local.get $b1))))
          (local.set $x (v128.load64_splat offset=24 (local.get $a)))
          (local.set $c30 (f64x2.add (local.get $c30) (f64x2.mul (local.get $x) (local.get $b0))))
          (local.set $c31 (f64x2.add (local.get $c31) (f64x2.mul (local.get $x) (local.get $b1))))
          (local.set $a (i32.add (local.get $a) (i32.const 32)))
          (local.set $b (i32.add (local.get $b) (i32.const 32)))
          (local.set $p (i32.add (local.get $p) (i32.const 1)))
          (br $kl)))
        (local.set $c (i32.add (i32.add (local.get $c0) (i32.mul (local.get $ir) (local.get $ldc))) (i32.mul (local.get $jr) (i32.const 8))))
        (if (f64.eq (local.get $beta) (f64.const 0))
          (then
            (v128.store offset=0 (local.get $c) (f64x2.mul (local.get $va) (local.get $c00)))
            (v128.store offset=16 (local.get $c) (f64x2.mul (local.get $va) (local.get $c01)))
            (local.set $c (i32.add (local.get $c) (local.get $ldc)))
            (v128.store offset=0 (local.get $c) (f64x2.mul (local.get $va) (local.get $c10)))
            (v128.store offset=16 (local.get $c) (f64x2.mul (local.get $va) (local.get $c11)))
            (local.set $c (i32.add (local.get $c) (local.get $ldc)))
            (v128.store offset=0 (local.get $c) (f64x2.mul (local.get $va) (local.get $c20)))
            (v128.store offset=16 (local.get $c) (f64x2.mul (local.get $va) (local.get $c21)))
            (local.set $c (i32.add (local.get $c) (local.get $ldc)))
            (v128.store offset=0 (local.get $c) (f64x2.mul (local.get $va) (local.get $c30)))
            (v128.store offset=16 (local.get $c) (f64x2.mul (local.get $va) (local.get $c31)))
          )
          (else
            (v128.store offset=0 (local.get $c) (f64x2.add (f64x2.mul (local.get $vb) (v128.load offset=0 (local.get $c))) (f64x2.mul (local.get $va) (local.get $c00))))
            (v128.store offset=16 (local.get $c) (f64x2.add (f64x2.mul (local.get $vb) (v128.load offset=16 (local.get $c))) (f64x2.mul (local.get $va) (local.get $c01))))
            (local.set $c (i32.add (local.get $c) (local.get $ldc)))
            (v128.store offset=0 (local.get $c) (f64x2.add (f64x2.mul (local.get $vb) (v128.load offset=0 (local.get $c))) (f64x2.mul (local.get $va) (local.get $c10))))
            (v128.store offset=16 (local.get $c) (f64x2.add (f64x2.mul (local.get $vb) (v128.load offset=16 (local.get $c))) (f64x2.mul (local.get $va) (local.get $c11))))
            (local.set $c (i32.add (local.get $c) (local.get $ldc)))
            (v128.store offset=0 (local.get $c) (f64x2.add (f64x2.mul (local.get $vb) (v128.load offset=0 (local.get $c))) (f64x2.mul (local.get $va) (local.get $c20))))
            (v128.store offset=16 (local.get $c) (f64x2.add (f64x2.mul (local.get $vb) (v128.load offset=16 (local.get $c))) (f64x2.mul (local.get $va) (local.get $c21))))
            (local.set $c (i32.add (local.get $c) (local.get $ldc)))
            (v128.store offset=0 (local.get $c) (f64x2.add (f64x2.mul (local.get $vb) (v128.load offset=0 (local.get $c))) (f64x2.mul (local.get $va) (local.get $c30))))
            (v128.store offset=16 (local.get $c) (f64x2.add (f64x2.mul (local.get $vb) (v128.load offset=16 (local.get $c))) (f64x2.mul (local.get $va) (local.get $c31))))
          ))
        (local.set $ir (i32.add (local.get $ir) (i32.const 4)))
        (br $il)))
      (local.set $jr (i32.add (local.get $jr) (i32.const 4)))
      (br $jl)))))
