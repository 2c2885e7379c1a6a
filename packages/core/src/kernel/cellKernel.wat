;; The gradient-flow cell kernel: one forward and backward pass of a plain or residual net and its norms,
;; run by a small interpreter over a program that cellProgram.ts builds once per network shape; and the
;; normal draws of numpy's legacy RandomState that feed it (mt_seed, mt_normals; see rng.ts).
;;
;; Bit-identical to the JS path (dense.ts, propagate.ts, metrics.ts): f64x2 lanes only ever hold two
;; independent outputs (two rows of W·x, two columns of Wᵀ·dz, two elements of an element-wise op), never
;; two terms of one sum, and every sum adds its terms in the JS order with separate multiplies and adds
;; (WebAssembly has no fused multiply-add). Each norm is a sequential sum, as norm() in tensor.ts (two
;; norms may share the two lanes of one f64x2).
;; A weight is read as stream value × scale (the product drawWeights stores), so the weights of a
;; Gaussian init are never copied per cell: W is the seed's normal stream itself, or a copy of it already
;; multiplied by the scale (made once per seed, shared by every cell of that scale; the kernel then passes
;; scale 1 and the matrix products skip the multiply, which changes nothing: w·1 is w).
;;
;; Addresses are byte offsets into the exported memory; n counts float64 values. Activation kinds:
;; 0 relu, 1 tanh, 2 linear. An output address of -1 means "not wanted".
;;
;; Compile with `npm run wat -w @resnet/core` (packages/core/scripts/compileWat.mjs, the npm wabt
;; package); the bytes are embedded in cellKernelBytes.ts and a test checks they equal this source.
(module
  (import "env" "tanh" (func $tanh (param f64) (result f64)))
  (import "env" "log" (func $log (param f64) (result f64)))
  (memory (export "mem") 1)

  ;; Sum of squares of n values at p, in index order (norm() in tensor.ts before its sqrt).
  (func $sumsq (param $p i32) (param $n i32) (result f64)
    (local $s f64) (local $end i32) (local $v f64)
    (local.set $end (i32.add (local.get $p) (i32.shl (local.get $n) (i32.const 3))))
    (block $done
      (loop $l
        (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
        (local.set $v (f64.load (local.get $p)))
        (local.set $s (f64.add (local.get $s) (f64.mul (local.get $v) (local.get $v))))
        (local.set $p (i32.add (local.get $p) (i32.const 8)))
        (br $l)))
    (local.get $s))

  ;; (Σ p², Σ q²) over n values, each in index order, as the two lanes of one f64x2: two norms for the latency
  ;; of one chain of adds.
  (func $sumsq2 (param $p i32) (param $q i32) (param $n i32) (result v128)
    (local $acc v128) (local $i i32) (local $end i32) (local $a v128) (local $b v128) (local $v v128)
    (local.set $end (i32.shl (local.get $n) (i32.const 3)))
    (block $done
      (loop $l
        (br_if $done (i32.gt_u (i32.add (local.get $i) (i32.const 16)) (local.get $end)))
        (local.set $a (v128.load (i32.add (local.get $p) (local.get $i))))
        (local.set $b (v128.load (i32.add (local.get $q) (local.get $i))))
        (local.set $v (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $a) (local.get $b)))
        (local.set $acc (f64x2.add (local.get $acc) (f64x2.mul (local.get $v) (local.get $v))))
        (local.set $v (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $a) (local.get $b)))
        (local.set $acc (f64x2.add (local.get $acc) (f64x2.mul (local.get $v) (local.get $v))))
        (local.set $i (i32.add (local.get $i) (i32.const 16)))
        (br $l)))
    (if (i32.lt_u (local.get $i) (local.get $end))
      (then
        (local.set $v (f64x2.replace_lane 1 (f64x2.splat (f64.load (i32.add (local.get $p) (local.get $i))))
          (f64.load (i32.add (local.get $q) (local.get $i)))))
        (local.set $acc (f64x2.add (local.get $acc) (f64x2.mul (local.get $v) (local.get $v))))))
    (local.get $acc))

  ;; Stores sqrt(s) at dst unless dst is -1.
  (func $put_norm (param $dst i32) (param $s f64)
    (if (i32.ge_s (local.get $dst) (i32.const 0))
      (then (f64.store (local.get $dst) (f64.sqrt (local.get $s))))))

  ;; dst = act(src) over n values (activate() in activation.ts; relu lets NaN through); returns Σ dst².
  (func $act (param $kind i32) (param $src i32) (param $dst i32) (param $n i32) (result f64)
    (local $s f64) (local $i i32) (local $end i32) (local $v v128) (local $o v128) (local $x f64)
    (local.set $end (i32.shl (local.get $n) (i32.const 3)))
    (if (i32.eqz (local.get $kind))
      (then
        ;; relu: keep v where v > 0 or v is NaN, else +0.
        (block $done
          (loop $l
            (br_if $done (i32.gt_u (i32.add (local.get $i) (i32.const 16)) (local.get $end)))
            (local.set $v (v128.load (i32.add (local.get $src) (local.get $i))))
            (local.set $o (v128.and (local.get $v)
              (v128.or (f64x2.gt (local.get $v) (f64x2.splat (f64.const 0)))
                       (f64x2.ne (local.get $v) (local.get $v)))))
            (v128.store (i32.add (local.get $dst) (local.get $i)) (local.get $o))
            (local.set $o (f64x2.mul (local.get $o) (local.get $o)))
            (local.set $s (f64.add (local.get $s) (f64x2.extract_lane 0 (local.get $o))))
            (local.set $s (f64.add (local.get $s) (f64x2.extract_lane 1 (local.get $o))))
            (local.set $i (i32.add (local.get $i) (i32.const 16)))
            (br $l)))
        (if (i32.lt_u (local.get $i) (local.get $end))
          (then
            (local.set $x (f64.load (i32.add (local.get $src) (local.get $i))))
            (local.set $x (select (local.get $x) (f64.const 0)
              (i32.or (f64.gt (local.get $x) (f64.const 0)) (f64.ne (local.get $x) (local.get $x)))))
            (f64.store (i32.add (local.get $dst) (local.get $i)) (local.get $x))
            (local.set $s (f64.add (local.get $s) (f64.mul (local.get $x) (local.get $x))))))
        (return (local.get $s))))
    (block $done
      (loop $l
        (br_if $done (i32.ge_u (local.get $i) (local.get $end)))
        (local.set $x (f64.load (i32.add (local.get $src) (local.get $i))))
        (if (i32.eq (local.get $kind) (i32.const 1))
          (then (local.set $x (call $tanh (local.get $x)))))
        (f64.store (i32.add (local.get $dst) (local.get $i)) (local.get $x))
        (local.set $s (f64.add (local.get $s) (f64.mul (local.get $x) (local.get $x))))
        (local.set $i (i32.add (local.get $i) (i32.const 8)))
        (br $l)))
    (local.get $s))

  ;; dz = dOut · act'(z) over n values (activationBackward(): relu multiplies by a 0/1 mask, so inf·0 is NaN).
  (func $act_b (param $kind i32) (param $z i32) (param $dout i32) (param $dz i32) (param $n i32)
    (local $i i32) (local $end i32) (local $t f64) (local $x f64)
    (local.set $end (i32.shl (local.get $n) (i32.const 3)))
    (if (i32.eqz (local.get $kind))
      (then
        (block $done
          (loop $l
            (br_if $done (i32.gt_u (i32.add (local.get $i) (i32.const 16)) (local.get $end)))
            (v128.store (i32.add (local.get $dz) (local.get $i))
              (f64x2.mul (v128.load (i32.add (local.get $dout) (local.get $i)))
                (v128.and (f64x2.gt (v128.load (i32.add (local.get $z) (local.get $i))) (f64x2.splat (f64.const 0)))
                          (f64x2.splat (f64.const 1)))))
            (local.set $i (i32.add (local.get $i) (i32.const 16)))
            (br $l)))
        (if (i32.lt_u (local.get $i) (local.get $end))
          (then
            (f64.store (i32.add (local.get $dz) (local.get $i))
              (f64.mul (f64.load (i32.add (local.get $dout) (local.get $i)))
                (select (f64.const 1) (f64.const 0)
                  (f64.gt (f64.load (i32.add (local.get $z) (local.get $i))) (f64.const 0)))))))
        (return)))
    (if (i32.eq (local.get $kind) (i32.const 1))
      (then
        (block $done
          (loop $l
            (br_if $done (i32.ge_u (local.get $i) (local.get $end)))
            (local.set $t (call $tanh (f64.load (i32.add (local.get $z) (local.get $i)))))
            (f64.store (i32.add (local.get $dz) (local.get $i))
              (f64.mul (f64.load (i32.add (local.get $dout) (local.get $i)))
                (f64.sub (f64.const 1) (f64.mul (local.get $t) (local.get $t)))))
            (local.set $i (i32.add (local.get $i) (i32.const 8)))
            (br $l)))
        (return)))
    (if (i32.ne (local.get $dz) (local.get $dout))
      (then (memory.copy (local.get $dz) (local.get $dout) (local.get $end)))))

  ;; z[m] = (W·x) + 0 for W[m×k] read as w·scale (matvec() in tensor.ts, then denseForward's zero bias):
  ;; k a multiple of 4 sums each row in four partial sums s0..s3 as s0 + s1 + (s2 + s3); else one sum.
  (func $mv (param $w i32) (param $scale f64) (param $x i32) (param $z i32) (param $m i32) (param $k i32)
    (local $vs v128) (local $kb i32) (local $i i32) (local $ra i32) (local $rb i32) (local $p i32)
    (local $a01 v128) (local $a23 v128) (local $b01 v128) (local $b23 v128) (local $x01 v128) (local $x23 v128)
    (local $s0 f64) (local $s1 f64) (local $s2 f64) (local $s3 f64) (local $unit i32)
    (local.set $vs (f64x2.splat (local.get $scale)))
    (local.set $unit (f64.eq (local.get $scale) (f64.const 1)))
    (local.set $kb (i32.shl (local.get $k) (i32.const 3)))
    (if (i32.eqz (i32.and (local.get $k) (i32.const 3)))
      (then
        ;; Two rows at once: lane 0 row i, lane 1 row i+1; each lane of a01 holds (s0, s1), of a23 (s2, s3).
        (block $rows
          (loop $rl
            (br_if $rows (i32.gt_u (i32.add (local.get $i) (i32.const 2)) (local.get $m)))
            (local.set $ra (i32.add (local.get $w) (i32.mul (local.get $i) (local.get $kb))))
            (local.set $rb (i32.add (local.get $ra) (local.get $kb)))
            (local.set $a01 (v128.const i64x2 0 0))
            (local.set $a23 (v128.const i64x2 0 0))
            (local.set $b01 (v128.const i64x2 0 0))
            (local.set $b23 (v128.const i64x2 0 0))
            (local.set $p (i32.const 0))
            ;; A scale of 1 (pre-scaled weights) skips its multiply: w·1 is w, so the sums are the same.
            (if (local.get $unit)
              (then
                (block $cols
                  (loop $cl
                    (br_if $cols (i32.ge_u (local.get $p) (local.get $kb)))
                    (local.set $x01 (v128.load offset=0 (i32.add (local.get $x) (local.get $p))))
                    (local.set $x23 (v128.load offset=16 (i32.add (local.get $x) (local.get $p))))
                    (local.set $a01 (f64x2.add (local.get $a01)
                      (f64x2.mul (v128.load offset=0 (i32.add (local.get $ra) (local.get $p)))
                        (local.get $x01))))
                    (local.set $a23 (f64x2.add (local.get $a23)
                      (f64x2.mul (v128.load offset=16 (i32.add (local.get $ra) (local.get $p)))
                        (local.get $x23))))
                    (local.set $b01 (f64x2.add (local.get $b01)
                      (f64x2.mul (v128.load offset=0 (i32.add (local.get $rb) (local.get $p)))
                        (local.get $x01))))
                    (local.set $b23 (f64x2.add (local.get $b23)
                      (f64x2.mul (v128.load offset=16 (i32.add (local.get $rb) (local.get $p)))
                        (local.get $x23))))
                    (local.set $p (i32.add (local.get $p) (i32.const 32)))
                    (br $cl))))
              (else
                (block $cols
                  (loop $cl
                    (br_if $cols (i32.ge_u (local.get $p) (local.get $kb)))
                    (local.set $x01 (v128.load offset=0 (i32.add (local.get $x) (local.get $p))))
                    (local.set $x23 (v128.load offset=16 (i32.add (local.get $x) (local.get $p))))
                    (local.set $a01 (f64x2.add (local.get $a01)
                      (f64x2.mul (f64x2.mul (v128.load offset=0 (i32.add (local.get $ra) (local.get $p))) (local.get $vs))
                        (local.get $x01))))
                    (local.set $a23 (f64x2.add (local.get $a23)
                      (f64x2.mul (f64x2.mul (v128.load offset=16 (i32.add (local.get $ra) (local.get $p))) (local.get $vs))
                        (local.get $x23))))
                    (local.set $b01 (f64x2.add (local.get $b01)
                      (f64x2.mul (f64x2.mul (v128.load offset=0 (i32.add (local.get $rb) (local.get $p))) (local.get $vs))
                        (local.get $x01))))
                    (local.set $b23 (f64x2.add (local.get $b23)
                      (f64x2.mul (f64x2.mul (v128.load offset=16 (i32.add (local.get $rb) (local.get $p))) (local.get $vs))
                        (local.get $x23))))
                    (local.set $p (i32.add (local.get $p) (i32.const 32)))
                    (br $cl)))))
            ;; (s0 + s1) + (s2 + s3) for both rows: gather the s0 lanes and the s1 lanes, and so on.
            (v128.store (i32.add (local.get $z) (i32.shl (local.get $i) (i32.const 3)))
              (f64x2.add
                (f64x2.add
                  (f64x2.add
                    (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $a01) (local.get $b01))
                    (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $a01) (local.get $b01)))
                  (f64x2.add
                    (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $a23) (local.get $b23))
                    (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $a23) (local.get $b23))))
                (v128.const i64x2 0 0)))
            (local.set $i (i32.add (local.get $i) (i32.const 2)))
            (br $rl)))
        ;; An odd last row: the same four sums, one lane.
        (if (i32.lt_u (local.get $i) (local.get $m))
          (then
            (local.set $ra (i32.add (local.get $w) (i32.mul (local.get $i) (local.get $kb))))
            (local.set $p (i32.const 0))
            (block $cols
              (loop $cl
                (br_if $cols (i32.ge_u (local.get $p) (local.get $kb)))
                (local.set $s0 (f64.add (local.get $s0) (f64.mul
                  (f64.mul (f64.load offset=0 (i32.add (local.get $ra) (local.get $p))) (local.get $scale))
                  (f64.load offset=0 (i32.add (local.get $x) (local.get $p))))))
                (local.set $s1 (f64.add (local.get $s1) (f64.mul
                  (f64.mul (f64.load offset=8 (i32.add (local.get $ra) (local.get $p))) (local.get $scale))
                  (f64.load offset=8 (i32.add (local.get $x) (local.get $p))))))
                (local.set $s2 (f64.add (local.get $s2) (f64.mul
                  (f64.mul (f64.load offset=16 (i32.add (local.get $ra) (local.get $p))) (local.get $scale))
                  (f64.load offset=16 (i32.add (local.get $x) (local.get $p))))))
                (local.set $s3 (f64.add (local.get $s3) (f64.mul
                  (f64.mul (f64.load offset=24 (i32.add (local.get $ra) (local.get $p))) (local.get $scale))
                  (f64.load offset=24 (i32.add (local.get $x) (local.get $p))))))
                (local.set $p (i32.add (local.get $p) (i32.const 32)))
                (br $cl)))
            (f64.store (i32.add (local.get $z) (i32.shl (local.get $i) (i32.const 3)))
              (f64.add
                (f64.add (f64.add (local.get $s0) (local.get $s1)) (f64.add (local.get $s2) (local.get $s3)))
                (f64.const 0)))))
        (return)))
    ;; k not a multiple of 4: one sequential sum per row.
    (block $rows
      (loop $rl
        (br_if $rows (i32.ge_u (local.get $i) (local.get $m)))
        (local.set $ra (i32.add (local.get $w) (i32.mul (local.get $i) (local.get $kb))))
        (local.set $s0 (f64.const 0))
        (local.set $p (i32.const 0))
        (block $cols
          (loop $cl
            (br_if $cols (i32.ge_u (local.get $p) (local.get $kb)))
            (local.set $s0 (f64.add (local.get $s0) (f64.mul
              (f64.mul (f64.load (i32.add (local.get $ra) (local.get $p))) (local.get $scale))
              (f64.load (i32.add (local.get $x) (local.get $p))))))
            (local.set $p (i32.add (local.get $p) (i32.const 8)))
            (br $cl)))
        (f64.store (i32.add (local.get $z) (i32.shl (local.get $i) (i32.const 3)))
          (f64.add (local.get $s0) (f64.const 0)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $rl))))

  ;; z[m×n] = (W·x) + 0 for x[k×n], n > 1 (matmul() in tensor.ts: one sequential sum over p per entry),
  ;; two columns (samples) per f64x2.
  (func $mm (param $w i32) (param $scale f64) (param $x i32) (param $z i32) (param $m i32) (param $k i32) (param $n i32)
    (local $nb i32) (local $i i32) (local $j i32) (local $p i32) (local $row i32) (local $xp i32) (local $acc v128)
    (local $s f64) (local $wv f64) (local $out i32)
    (local.set $nb (i32.shl (local.get $n) (i32.const 3)))
    (block $rows
      (loop $rl
        (br_if $rows (i32.ge_u (local.get $i) (local.get $m)))
        (local.set $row (i32.add (local.get $w) (i32.shl (i32.mul (local.get $i) (local.get $k)) (i32.const 3))))
        (local.set $out (i32.add (local.get $z) (i32.mul (local.get $i) (local.get $nb))))
        (local.set $j (i32.const 0))
        (block $cols
          (loop $cl
            (br_if $cols (i32.gt_u (i32.add (local.get $j) (i32.const 16)) (local.get $nb)))
            (local.set $acc (v128.const i64x2 0 0))
            (local.set $xp (i32.add (local.get $x) (local.get $j)))
            (local.set $p (i32.const 0))
            (block $ks
              (loop $kl
                (br_if $ks (i32.ge_u (local.get $p) (local.get $k)))
                (local.set $acc (f64x2.add (local.get $acc)
                  (f64x2.mul
                    (f64x2.splat (f64.mul (f64.load (i32.add (local.get $row) (i32.shl (local.get $p) (i32.const 3))))
                      (local.get $scale)))
                    (v128.load (local.get $xp)))))
                (local.set $xp (i32.add (local.get $xp) (local.get $nb)))
                (local.set $p (i32.add (local.get $p) (i32.const 1)))
                (br $kl)))
            (v128.store (i32.add (local.get $out) (local.get $j)) (f64x2.add (local.get $acc) (v128.const i64x2 0 0)))
            (local.set $j (i32.add (local.get $j) (i32.const 16)))
            (br $cl)))
        (if (i32.lt_u (local.get $j) (local.get $nb))
          (then
            (local.set $s (f64.const 0))
            (local.set $xp (i32.add (local.get $x) (local.get $j)))
            (local.set $p (i32.const 0))
            (block $ks
              (loop $kl
                (br_if $ks (i32.ge_u (local.get $p) (local.get $k)))
                (local.set $s (f64.add (local.get $s)
                  (f64.mul
                    (f64.mul (f64.load (i32.add (local.get $row) (i32.shl (local.get $p) (i32.const 3)))) (local.get $scale))
                    (f64.load (local.get $xp)))))
                (local.set $xp (i32.add (local.get $xp) (local.get $nb)))
                (local.set $p (i32.add (local.get $p) (i32.const 1)))
                (br $kl)))
            (f64.store (i32.add (local.get $out) (local.get $j)) (f64.add (local.get $s) (f64.const 0)))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $rl))))

  ;; out[k] = Wᵀ·y for W[m×k] read as w·scale and y[m] (matvecTransposed(): each output a sequential sum
  ;; over i from 0), eight outputs at a time in four f64x2 accumulators (eight accumulators spill: V8 gives wasm 16
  ;; vector registers), then pairs, then a last one.
  (func $mvt (param $w i32) (param $scale f64) (param $y i32) (param $out i32) (param $m i32) (param $k i32)
    (local $vs v128) (local $kb i32) (local $p i32) (local $i i32) (local $row i32) (local $yi v128) (local $s f64)
    (local $c0 v128) (local $c1 v128) (local $c2 v128) (local $c3 v128) (local $unit i32)
    (local.set $vs (f64x2.splat (local.get $scale)))
    (local.set $unit (f64.eq (local.get $scale) (f64.const 1)))
    (local.set $kb (i32.shl (local.get $k) (i32.const 3)))
    (block $chunks
      (loop $chl
        (br_if $chunks (i32.gt_u (i32.add (local.get $p) (i32.const 64)) (local.get $kb)))
        (local.set $c0 (v128.const i64x2 0 0))
        (local.set $c1 (v128.const i64x2 0 0))
        (local.set $c2 (v128.const i64x2 0 0))
        (local.set $c3 (v128.const i64x2 0 0))
        (local.set $row (i32.add (local.get $w) (local.get $p)))
        (local.set $i (i32.const 0))
        (if (local.get $unit)
          (then
            (block $rows
              (loop $rl
                (br_if $rows (i32.ge_u (local.get $i) (local.get $m)))
                (local.set $yi (v128.load64_splat (i32.add (local.get $y) (i32.shl (local.get $i) (i32.const 3)))))
                (local.set $c0 (f64x2.add (local.get $c0)
                  (f64x2.mul (v128.load offset=0 (local.get $row)) (local.get $yi))))
                (local.set $c1 (f64x2.add (local.get $c1)
                  (f64x2.mul (v128.load offset=16 (local.get $row)) (local.get $yi))))
                (local.set $c2 (f64x2.add (local.get $c2)
                  (f64x2.mul (v128.load offset=32 (local.get $row)) (local.get $yi))))
                (local.set $c3 (f64x2.add (local.get $c3)
                  (f64x2.mul (v128.load offset=48 (local.get $row)) (local.get $yi))))
                (local.set $row (i32.add (local.get $row) (local.get $kb)))
                (local.set $i (i32.add (local.get $i) (i32.const 1)))
                (br $rl))))
          (else
            (block $rows
              (loop $rl
                (br_if $rows (i32.ge_u (local.get $i) (local.get $m)))
                (local.set $yi (v128.load64_splat (i32.add (local.get $y) (i32.shl (local.get $i) (i32.const 3)))))
                (local.set $c0 (f64x2.add (local.get $c0)
                  (f64x2.mul (f64x2.mul (v128.load offset=0 (local.get $row)) (local.get $vs)) (local.get $yi))))
                (local.set $c1 (f64x2.add (local.get $c1)
                  (f64x2.mul (f64x2.mul (v128.load offset=16 (local.get $row)) (local.get $vs)) (local.get $yi))))
                (local.set $c2 (f64x2.add (local.get $c2)
                  (f64x2.mul (f64x2.mul (v128.load offset=32 (local.get $row)) (local.get $vs)) (local.get $yi))))
                (local.set $c3 (f64x2.add (local.get $c3)
                  (f64x2.mul (f64x2.mul (v128.load offset=48 (local.get $row)) (local.get $vs)) (local.get $yi))))
                (local.set $row (i32.add (local.get $row) (local.get $kb)))
                (local.set $i (i32.add (local.get $i) (i32.const 1)))
                (br $rl)))))
        (local.set $row (i32.add (local.get $out) (local.get $p)))
        (v128.store offset=0 (local.get $row) (local.get $c0))
        (v128.store offset=16 (local.get $row) (local.get $c1))
        (v128.store offset=32 (local.get $row) (local.get $c2))
        (v128.store offset=48 (local.get $row) (local.get $c3))
        (local.set $p (i32.add (local.get $p) (i32.const 64)))
        (br $chl)))
    (block $pairs
      (loop $pl
        (br_if $pairs (i32.gt_u (i32.add (local.get $p) (i32.const 16)) (local.get $kb)))
        (local.set $c0 (v128.const i64x2 0 0))
        (local.set $row (i32.add (local.get $w) (local.get $p)))
        (local.set $i (i32.const 0))
        (block $rows
          (loop $rl
            (br_if $rows (i32.ge_u (local.get $i) (local.get $m)))
            (local.set $c0 (f64x2.add (local.get $c0)
              (f64x2.mul (f64x2.mul (v128.load (local.get $row)) (local.get $vs))
                (v128.load64_splat (i32.add (local.get $y) (i32.shl (local.get $i) (i32.const 3)))))))
            (local.set $row (i32.add (local.get $row) (local.get $kb)))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $rl)))
        (v128.store (i32.add (local.get $out) (local.get $p)) (local.get $c0))
        (local.set $p (i32.add (local.get $p) (i32.const 16)))
        (br $pl)))
    (if (i32.lt_u (local.get $p) (local.get $kb))
      (then
        (local.set $row (i32.add (local.get $w) (local.get $p)))
        (local.set $i (i32.const 0))
        (block $rows
          (loop $rl
            (br_if $rows (i32.ge_u (local.get $i) (local.get $m)))
            (local.set $s (f64.add (local.get $s)
              (f64.mul (f64.mul (f64.load (local.get $row)) (local.get $scale))
                (f64.load (i32.add (local.get $y) (i32.shl (local.get $i) (i32.const 3)))))))
            (local.set $row (i32.add (local.get $row) (local.get $kb)))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $rl)))
        (f64.store (i32.add (local.get $out) (local.get $p)) (local.get $s)))))

  ;; out[k×n] = Wᵀ·y for y[m×n], n > 1 (matmulTransposeA(): each entry a sequential sum over i from 0),
  ;; two columns per f64x2.
  (func $mmt (param $w i32) (param $scale f64) (param $y i32) (param $out i32) (param $m i32) (param $k i32) (param $n i32)
    (local $nb i32) (local $kb i32) (local $p i32) (local $j i32) (local $i i32) (local $wp i32) (local $yp i32)
    (local $acc v128) (local $s f64) (local $o i32)
    (local.set $nb (i32.shl (local.get $n) (i32.const 3)))
    (local.set $kb (i32.shl (local.get $k) (i32.const 3)))
    (block $outs
      (loop $ol
        (br_if $outs (i32.ge_u (local.get $p) (local.get $k)))
        (local.set $o (i32.add (local.get $out) (i32.mul (local.get $p) (local.get $nb))))
        (local.set $j (i32.const 0))
        (block $cols
          (loop $cl
            (br_if $cols (i32.gt_u (i32.add (local.get $j) (i32.const 16)) (local.get $nb)))
            (local.set $acc (v128.const i64x2 0 0))
            (local.set $wp (i32.add (local.get $w) (i32.shl (local.get $p) (i32.const 3))))
            (local.set $yp (i32.add (local.get $y) (local.get $j)))
            (local.set $i (i32.const 0))
            (block $rows
              (loop $rl
                (br_if $rows (i32.ge_u (local.get $i) (local.get $m)))
                (local.set $acc (f64x2.add (local.get $acc)
                  (f64x2.mul (f64x2.splat (f64.mul (f64.load (local.get $wp)) (local.get $scale)))
                    (v128.load (local.get $yp)))))
                (local.set $wp (i32.add (local.get $wp) (local.get $kb)))
                (local.set $yp (i32.add (local.get $yp) (local.get $nb)))
                (local.set $i (i32.add (local.get $i) (i32.const 1)))
                (br $rl)))
            (v128.store (i32.add (local.get $o) (local.get $j)) (local.get $acc))
            (local.set $j (i32.add (local.get $j) (i32.const 16)))
            (br $cl)))
        (if (i32.lt_u (local.get $j) (local.get $nb))
          (then
            (local.set $s (f64.const 0))
            (local.set $wp (i32.add (local.get $w) (i32.shl (local.get $p) (i32.const 3))))
            (local.set $yp (i32.add (local.get $y) (local.get $j)))
            (local.set $i (i32.const 0))
            (block $rows
              (loop $rl
                (br_if $rows (i32.ge_u (local.get $i) (local.get $m)))
                (local.set $s (f64.add (local.get $s)
                  (f64.mul (f64.mul (f64.load (local.get $wp)) (local.get $scale)) (f64.load (local.get $yp)))))
                (local.set $wp (i32.add (local.get $wp) (local.get $kb)))
                (local.set $yp (i32.add (local.get $yp) (local.get $nb)))
                (local.set $i (i32.add (local.get $i) (i32.const 1)))
                (br $rl)))
            (f64.store (i32.add (local.get $o) (local.get $j)) (local.get $s))))
        (local.set $p (i32.add (local.get $p) (i32.const 1)))
        (br $ol))))

  ;; Σ dW² for dW = dz·xᵀ, dz[m×n], x[k×n], n > 1: each entry Σ_s dz[i,s]·x[j,s] in s order (matmul() with
  ;; swapped strides; k = 1 takes matvec()'s four partial sums when n is a multiple of 4), squares in
  ;; row-major order.
  (func $dw_sumsq (param $dz i32) (param $x i32) (param $m i32) (param $k i32) (param $n i32) (result f64)
    (local $nb i32) (local $i i32) (local $j i32) (local $s i32) (local $row i32) (local $xr i32)
    (local $d f64) (local $ss f64) (local $s0 f64) (local $s1 f64) (local $s2 f64) (local $s3 f64)
    (local.set $nb (i32.shl (local.get $n) (i32.const 3)))
    (block $rows
      (loop $rl
        (br_if $rows (i32.ge_u (local.get $i) (local.get $m)))
        (local.set $row (i32.add (local.get $dz) (i32.mul (local.get $i) (local.get $nb))))
        (local.set $j (i32.const 0))
        (block $cols
          (loop $cl
            (br_if $cols (i32.ge_u (local.get $j) (local.get $k)))
            (local.set $xr (i32.add (local.get $x) (i32.mul (local.get $j) (local.get $nb))))
            (local.set $s (i32.const 0))
            (if (i32.and (i32.eq (local.get $k) (i32.const 1)) (i32.eqz (i32.and (local.get $n) (i32.const 3))))
              (then
                (local.set $s0 (f64.const 0))
                (local.set $s1 (f64.const 0))
                (local.set $s2 (f64.const 0))
                (local.set $s3 (f64.const 0))
                (block $ss4
                  (loop $sl
                    (br_if $ss4 (i32.ge_u (local.get $s) (local.get $nb)))
                    (local.set $s0 (f64.add (local.get $s0) (f64.mul
                      (f64.load offset=0 (i32.add (local.get $row) (local.get $s)))
                      (f64.load offset=0 (i32.add (local.get $xr) (local.get $s))))))
                    (local.set $s1 (f64.add (local.get $s1) (f64.mul
                      (f64.load offset=8 (i32.add (local.get $row) (local.get $s)))
                      (f64.load offset=8 (i32.add (local.get $xr) (local.get $s))))))
                    (local.set $s2 (f64.add (local.get $s2) (f64.mul
                      (f64.load offset=16 (i32.add (local.get $row) (local.get $s)))
                      (f64.load offset=16 (i32.add (local.get $xr) (local.get $s))))))
                    (local.set $s3 (f64.add (local.get $s3) (f64.mul
                      (f64.load offset=24 (i32.add (local.get $row) (local.get $s)))
                      (f64.load offset=24 (i32.add (local.get $xr) (local.get $s))))))
                    (local.set $s (i32.add (local.get $s) (i32.const 32)))
                    (br $sl)))
                (local.set $d (f64.add (f64.add (local.get $s0) (local.get $s1)) (f64.add (local.get $s2) (local.get $s3)))))
              (else
                (local.set $d (f64.const 0))
                (block $ss1
                  (loop $sl
                    (br_if $ss1 (i32.ge_u (local.get $s) (local.get $nb)))
                    (local.set $d (f64.add (local.get $d) (f64.mul
                      (f64.load (i32.add (local.get $row) (local.get $s)))
                      (f64.load (i32.add (local.get $xr) (local.get $s))))))
                    (local.set $s (i32.add (local.get $s) (i32.const 8)))
                    (br $sl)))))
            (local.set $ss (f64.add (local.get $ss) (f64.mul (local.get $d) (local.get $d))))
            (local.set $j (i32.add (local.get $j) (i32.const 1)))
            (br $cl)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $rl)))
    (local.get $ss))

  ;; out = alpha·x + beta·y over n values (axpby() in tensor.ts); returns Σ out².
  (func $axpby (param $out i32) (param $alpha f64) (param $x i32) (param $beta f64) (param $y i32) (param $n i32)
    (result f64)
    (local $i i32) (local $end i32) (local $va v128) (local $vb v128) (local $o v128) (local $v f64) (local $s f64)
    (local.set $end (i32.shl (local.get $n) (i32.const 3)))
    (local.set $va (f64x2.splat (local.get $alpha)))
    (local.set $vb (f64x2.splat (local.get $beta)))
    (block $done
      (loop $l
        (br_if $done (i32.gt_u (i32.add (local.get $i) (i32.const 16)) (local.get $end)))
        (local.set $o (f64x2.add
          (f64x2.mul (local.get $va) (v128.load (i32.add (local.get $x) (local.get $i))))
          (f64x2.mul (local.get $vb) (v128.load (i32.add (local.get $y) (local.get $i))))))
        (v128.store (i32.add (local.get $out) (local.get $i)) (local.get $o))
        (local.set $o (f64x2.mul (local.get $o) (local.get $o)))
        (local.set $s (f64.add (local.get $s) (f64x2.extract_lane 0 (local.get $o))))
        (local.set $s (f64.add (local.get $s) (f64x2.extract_lane 1 (local.get $o))))
        (local.set $i (i32.add (local.get $i) (i32.const 16)))
        (br $l)))
    (if (i32.lt_u (local.get $i) (local.get $end))
      (then
        (local.set $v (f64.add
          (f64.mul (local.get $alpha) (f64.load (i32.add (local.get $x) (local.get $i))))
          (f64.mul (local.get $beta) (f64.load (i32.add (local.get $y) (local.get $i))))))
        (f64.store (i32.add (local.get $out) (local.get $i)) (local.get $v))
        (local.set $s (f64.add (local.get $s) (f64.mul (local.get $v) (local.get $v))))))
    (local.get $s))

  ;; out = alpha·src over n values.
  (func $scale (export "scale") (param $out i32) (param $alpha f64) (param $src i32) (param $n i32)
    (local $i i32) (local $end i32) (local $va v128)
    (local.set $end (i32.shl (local.get $n) (i32.const 3)))
    (local.set $va (f64x2.splat (local.get $alpha)))
    (block $done
      (loop $l
        (br_if $done (i32.gt_u (i32.add (local.get $i) (i32.const 16)) (local.get $end)))
        (v128.store (i32.add (local.get $out) (local.get $i))
          (f64x2.mul (local.get $va) (v128.load (i32.add (local.get $src) (local.get $i)))))
        (local.set $i (i32.add (local.get $i) (i32.const 16)))
        (br $l)))
    (if (i32.lt_u (local.get $i) (local.get $end))
      (then
        (f64.store (i32.add (local.get $out) (local.get $i))
          (f64.mul (local.get $alpha) (f64.load (i32.add (local.get $src) (local.get $i))))))))

  ;; One dense layer forward: z = W·x + 0, a = act(z); sqrt(Σ a²) at normDst.
  (func $dense_f (param $w i32) (param $scale f64) (param $x i32) (param $z i32) (param $a i32)
    (param $m i32) (param $k i32) (param $n i32) (param $kind i32) (param $normDst i32)
    (if (i32.eq (local.get $n) (i32.const 1))
      (then (call $mv (local.get $w) (local.get $scale) (local.get $x) (local.get $z) (local.get $m) (local.get $k)))
      (else (call $mm (local.get $w) (local.get $scale) (local.get $x) (local.get $z) (local.get $m) (local.get $k)
        (local.get $n))))
    (call $put_norm (local.get $normDst)
      (call $act (local.get $kind) (local.get $z) (local.get $a) (i32.mul (local.get $m) (local.get $n)))))

  ;; One dense layer backward: dz = dOut·act'(z); ||dOut|| at signalDst; at gradDst ||dz||·||x|| (n = 1, ||x||
  ;; read at xNorm) or ||dz·xᵀ|| (n > 1); dX = Wᵀ·dz, and ||dX|| at dxNormDst.
  (func $dense_b (param $w i32) (param $scale f64) (param $x i32) (param $z i32) (param $dout i32) (param $dz i32)
    (param $dx i32) (param $m i32) (param $k i32) (param $n i32) (param $kind i32) (param $signalDst i32)
    (param $gradDst i32) (param $xNorm i32) (param $dxNormDst i32)
    (local $mn i32) (local $sums v128)
    (local.set $mn (i32.mul (local.get $m) (local.get $n)))
    (call $act_b (local.get $kind) (local.get $z) (local.get $dout) (local.get $dz) (local.get $mn))
    (local.set $sums (call $sumsq2 (local.get $dout) (local.get $dz) (local.get $mn)))
    (call $put_norm (local.get $signalDst) (f64x2.extract_lane 0 (local.get $sums)))
    (if (i32.ge_s (local.get $gradDst) (i32.const 0))
      (then
        (if (i32.eq (local.get $n) (i32.const 1))
          (then
            (f64.store (local.get $gradDst)
              (f64.mul (f64.sqrt (f64x2.extract_lane 1 (local.get $sums))) (f64.load (local.get $xNorm)))))
          (else
            (call $put_norm (local.get $gradDst)
              (call $dw_sumsq (local.get $dz) (local.get $x) (local.get $m) (local.get $k) (local.get $n)))))))
    (if (i32.ge_s (local.get $dx) (i32.const 0))
      (then
        (if (i32.eq (local.get $n) (i32.const 1))
          (then (call $mvt (local.get $w) (local.get $scale) (local.get $dz) (local.get $dx) (local.get $m) (local.get $k)))
          (else (call $mmt (local.get $w) (local.get $scale) (local.get $dz) (local.get $dx) (local.get $m) (local.get $k)
            (local.get $n))))
        (if (i32.ge_s (local.get $dxNormDst) (i32.const 0))
          (then
            (f64.store (local.get $dxNormDst)
              (f64.sqrt (call $sumsq (local.get $dx) (i32.mul (local.get $k) (local.get $n))))))))))

  ;; ---- numpy's legacy RandomState normals (rng.ts LegacyRandomState), bit for bit ----
  ;; State at $st: mt[624] (i32), then pos (i32, the next word, always even), hasGauss (i32), gauss (f64) at
  ;; 2496..2511, then X[312] (f64) at 2512: X[j] = 2u - 1 for the uniform u of words 2j, 2j+1 of the current
  ;; twist, computed for a whole twist at once; then 64 candidate pairs (x1, x2, r2) at 5008 (6544 bytes in all). log is the host's Math.log, imported, so the normals equal the
  ;; JS generator's on every engine.

  ;; init_genrand(seed), as np.random.seed: mt[0] = seed, mt[i] = 1812433253·(mt[i-1] ^ mt[i-1] >>> 30) + i.
  (func (export "mt_seed") (param $st i32) (param $seed i32)
    (local $i i32) (local $s i32)
    (local.set $s (local.get $seed))
    (i32.store (local.get $st) (local.get $s))
    (local.set $i (i32.const 1))
    (block $done
      (loop $l
        (br_if $done (i32.ge_u (local.get $i) (i32.const 624)))
        (local.set $s (i32.add
          (i32.mul (i32.const 1812433253) (i32.xor (local.get $s) (i32.shr_u (local.get $s) (i32.const 30))))
          (local.get $i)))
        (i32.store (i32.add (local.get $st) (i32.shl (local.get $i) (i32.const 2))) (local.get $s))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $l)))
    (i32.store offset=2496 (local.get $st) (i32.const 624))
    (i32.store offset=2500 (local.get $st) (i32.const 0))
    (f64.store offset=2504 (local.get $st) (f64.const 0)))

  ;; One MT19937 word i: y = (mt[i] & UPPER) | (mt[i+1] & LOWER), mt[i] = mt[q] ^ (y >>> 1) ^ (-(y & 1) & MATRIX_A),
  ;; with p, next and q the byte addresses of mt[i], mt[i+1] and mt[q]. $refill does four at a time the same way
  ;; (reading mt[i+1] before writing mt[i], as the scalar loop does).
  (func $twist1 (param $p i32) (param $next i32) (param $q i32)
    (local $y i32)
    (local.set $y (i32.or
      (i32.and (i32.load (local.get $p)) (i32.const 0x80000000))
      (i32.and (i32.load (local.get $next)) (i32.const 0x7fffffff))))
    (i32.store (local.get $p)
      (i32.xor (i32.xor (i32.load (local.get $q)) (i32.shr_u (local.get $y) (i32.const 1)))
        (i32.and (i32.sub (i32.const 0) (i32.and (local.get $y) (i32.const 1))) (i32.const 0x9908b0df)))))

  ;; The twist (rng.ts twist()), then X for the new words: temper, a = t0 >>> 5, b = t1 >>> 6,
  ;; X = (a·2^26 + b)·2^-52 - 1 (exact: the same double as (2·(a·2^26 + b))/2^53 - 1).
  (func $refill (param $st i32)
    (local $i i32) (local $p i32) (local $t v128) (local $y v128)
    ;; i in [0, 227): mt[i + 397], old values; 4 at a time up to 224.
    (block $d1
      (loop $l1
        (br_if $d1 (i32.ge_u (local.get $i) (i32.const 224)))
        (local.set $p (i32.add (local.get $st) (i32.shl (local.get $i) (i32.const 2))))
        (local.set $y (v128.or
          (v128.and (v128.load (local.get $p)) (i32x4.splat (i32.const 0x80000000)))
          (v128.and (v128.load offset=4 (local.get $p)) (i32x4.splat (i32.const 0x7fffffff)))))
        (v128.store (local.get $p)
          (v128.xor (v128.xor (v128.load offset=1588 (local.get $p)) (i32x4.shr_u (local.get $y) (i32.const 1)))
            (v128.and (i32x4.neg (v128.and (local.get $y) (i32x4.splat (i32.const 1))))
              (i32x4.splat (i32.const 0x9908b0df)))))
        (local.set $i (i32.add (local.get $i) (i32.const 4)))
        (br $l1)))
    (block $d2
      (loop $l2
        (br_if $d2 (i32.ge_u (local.get $i) (i32.const 227)))
        (local.set $p (i32.add (local.get $st) (i32.shl (local.get $i) (i32.const 2))))
        (call $twist1 (local.get $p) (i32.add (local.get $p) (i32.const 4)) (i32.add (local.get $p) (i32.const 1588)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $l2)))
    ;; i in [227, 623): mt[i - 227], already new (227 apart); 4 at a time, 99 steps.
    (block $d3
      (loop $l3
        (br_if $d3 (i32.ge_u (local.get $i) (i32.const 623)))
        (local.set $p (i32.add (local.get $st) (i32.shl (local.get $i) (i32.const 2))))
        (local.set $y (v128.or
          (v128.and (v128.load (local.get $p)) (i32x4.splat (i32.const 0x80000000)))
          (v128.and (v128.load offset=4 (local.get $p)) (i32x4.splat (i32.const 0x7fffffff)))))
        (v128.store (local.get $p)
          (v128.xor (v128.xor (v128.load (i32.sub (local.get $p) (i32.const 908))) (i32x4.shr_u (local.get $y) (i32.const 1)))
            (v128.and (i32x4.neg (v128.and (local.get $y) (i32x4.splat (i32.const 1))))
              (i32x4.splat (i32.const 0x9908b0df)))))
        (local.set $i (i32.add (local.get $i) (i32.const 4)))
        (br $l3)))
    ;; i = 623 pairs with mt[0] and takes mt[396].
    (call $twist1 (i32.add (local.get $st) (i32.const 2492)) (local.get $st) (i32.add (local.get $st) (i32.const 1584)))
    (local.set $i (i32.const 0))
    (block $d4
      (loop $l4
        (br_if $d4 (i32.ge_u (local.get $i) (i32.const 2496)))
        (local.set $t (v128.load (i32.add (local.get $st) (local.get $i))))
        (local.set $t (v128.xor (local.get $t) (i32x4.shr_u (local.get $t) (i32.const 11))))
        (local.set $t (v128.xor (local.get $t)
          (v128.and (i32x4.shl (local.get $t) (i32.const 7)) (i32x4.splat (i32.const 0x9d2c5680)))))
        (local.set $t (v128.xor (local.get $t)
          (v128.and (i32x4.shl (local.get $t) (i32.const 15)) (i32x4.splat (i32.const 0xefc60000)))))
        (local.set $t (v128.xor (local.get $t) (i32x4.shr_u (local.get $t) (i32.const 18))))
        ;; Words t0 t1 t2 t3 give X = (t0>>>5, t2>>>5)·2^26 + (t1>>>6, t3>>>6), scaled (both below 2^31: a
        ;; signed conversion is exact, and one instruction where the unsigned one is several).
        (v128.store offset=2512 (i32.add (local.get $st) (local.get $i))
          (f64x2.sub
            (f64x2.mul
              (f64x2.add
                (f64x2.mul
                  (f64x2.convert_low_i32x4_s
                    (i8x16.shuffle 0 1 2 3 8 9 10 11 0 1 2 3 8 9 10 11
                      (i32x4.shr_u (local.get $t) (i32.const 5)) (local.get $t)))
                  (f64x2.splat (f64.const 67108864)))
                (f64x2.convert_low_i32x4_s
                  (i8x16.shuffle 4 5 6 7 12 13 14 15 4 5 6 7 12 13 14 15
                    (i32x4.shr_u (local.get $t) (i32.const 6)) (local.get $t))))
              (f64x2.splat (f64.const 0x1p-52)))
            (f64x2.splat (f64.const 1))))
        (local.set $i (i32.add (local.get $i) (i32.const 16)))
        (br $l4)))
    (i32.store offset=2496 (local.get $st) (i32.const 0)))

  ;; The next X (2u - 1), refilling after the 624th word.
  (func $next_x (param $st i32) (result f64)
    (local $pos i32)
    (local.set $pos (i32.load offset=2496 (local.get $st)))
    (if (i32.ge_u (local.get $pos) (i32.const 624))
      (then
        (call $refill (local.get $st))
        (local.set $pos (i32.const 0))))
    (i32.store offset=2496 (local.get $st) (i32.add (local.get $pos) (i32.const 2)))
    (f64.load offset=2512 (i32.add (local.get $st) (i32.shl (local.get $pos) (i32.const 2)))))

  ;; One accepted polar pair (x1, x2, f = sqrt(-2·log(r2)/r2)) from the words at pos (kept in a global between
  ;; pairs): stores f·x2 at dst and returns f·x1.
  (global $pos (mut i32) (i32.const 0))
  (func $polar (param $st i32) (param $dst i32) (result f64)
    (local $x1 f64) (local $x2 f64) (local $r2 f64) (local $f f64) (local $pos i32)
    (local.set $pos (global.get $pos))
    (loop $try
      (if (i32.le_u (local.get $pos) (i32.const 620))
        (then
          ;; Both uniforms in this twist: X[pos/2], X[pos/2 + 1].
          (local.set $x1 (f64.load offset=2512 (i32.add (local.get $st) (i32.shl (local.get $pos) (i32.const 2)))))
          (local.set $x2 (f64.load offset=2520 (i32.add (local.get $st) (i32.shl (local.get $pos) (i32.const 2)))))
          (local.set $pos (i32.add (local.get $pos) (i32.const 4))))
        (else
          (i32.store offset=2496 (local.get $st) (local.get $pos))
          (local.set $x1 (call $next_x (local.get $st)))
          (local.set $x2 (call $next_x (local.get $st)))
          (local.set $pos (i32.load offset=2496 (local.get $st)))))
      (local.set $r2 (f64.add (f64.mul (local.get $x1) (local.get $x1)) (f64.mul (local.get $x2) (local.get $x2))))
      (br_if $try (i32.or (f64.ge (local.get $r2) (f64.const 1)) (f64.eq (local.get $r2) (f64.const 0)))))
    (global.set $pos (local.get $pos))
    (local.set $f (f64.sqrt (f64.div (f64.mul (f64.const -2) (call $log (local.get $r2))) (local.get $r2))))
    (f64.store (local.get $dst) (f64.mul (local.get $f) (local.get $x2)))
    (f64.mul (local.get $f) (local.get $x1)))

  ;; Fills count normals at dst (fillNormal() with scale 1): the cached one first, pairs (f·x2, f·x1), and an odd
  ;; last one that caches its pair's f·x1, exactly as the JS generator continues from call to call. Pairs go in
  ;; batches of up to 64: first the candidates, kept when accepted (no branch on the 21% rejections), then f for each.
  (func (export "mt_normals") (param $st i32) (param $dst i32) (param $count i32)
    (local $end i32) (local $want i32) (local $c i32) (local $pos i32) (local $b i32) (local $bend i32)
    (local $x1 f64) (local $x2 f64) (local $r2 f64) (local $f f64)
    (local.set $end (i32.add (local.get $dst) (i32.shl (local.get $count) (i32.const 3))))
    (if (i32.and (i32.lt_u (local.get $dst) (local.get $end)) (i32.load offset=2500 (local.get $st)))
      (then
        (f64.store (local.get $dst) (f64.load offset=2504 (local.get $st)))
        (i32.store offset=2500 (local.get $st) (i32.const 0))
        (f64.store offset=2504 (local.get $st) (f64.const 0))
        (local.set $dst (i32.add (local.get $dst) (i32.const 8)))))
    (local.set $pos (i32.load offset=2496 (local.get $st)))
    (block $done
      (loop $batches
        (local.set $want (i32.shr_u (i32.sub (local.get $end) (local.get $dst)) (i32.const 4)))
        (br_if $done (i32.eqz (local.get $want)))
        (if (i32.gt_u (local.get $want) (i32.const 64)) (then (local.set $want (i32.const 64))))
        ;; 1. Candidates (x1, x2, r2) at BUF (st + 5008), 24 bytes each; c counts the accepted ones.
        (local.set $c (i32.const 0))
        (block $full
          (loop $cand
            (br_if $full (i32.ge_u (local.get $c) (local.get $want)))
            (if (i32.le_u (local.get $pos) (i32.const 620))
              (then
                (local.set $x1 (f64.load offset=2512 (i32.add (local.get $st) (i32.shl (local.get $pos) (i32.const 2)))))
                (local.set $x2 (f64.load offset=2520 (i32.add (local.get $st) (i32.shl (local.get $pos) (i32.const 2)))))
                (local.set $pos (i32.add (local.get $pos) (i32.const 4))))
              (else
                (i32.store offset=2496 (local.get $st) (local.get $pos))
                (local.set $x1 (call $next_x (local.get $st)))
                (local.set $x2 (call $next_x (local.get $st)))
                (local.set $pos (i32.load offset=2496 (local.get $st)))))
            (local.set $r2 (f64.add (f64.mul (local.get $x1) (local.get $x1)) (f64.mul (local.get $x2) (local.get $x2))))
            (local.set $b (i32.add (i32.add (local.get $st) (i32.const 5008)) (i32.mul (local.get $c) (i32.const 24))))
            (f64.store offset=0 (local.get $b) (local.get $x1))
            (f64.store offset=8 (local.get $b) (local.get $x2))
            (f64.store offset=16 (local.get $b) (local.get $r2))
            ;; Accepted unless r2 >= 1 or r2 == 0 (the JS loop's retry condition).
            (local.set $c (i32.add (local.get $c)
              (i32.and (f64.lt (local.get $r2) (f64.const 1)) (f64.ne (local.get $r2) (f64.const 0)))))
            (br $cand)))
        ;; 2. Each accepted pair's normals, in order.
        (local.set $b (i32.add (local.get $st) (i32.const 5008)))
        (local.set $bend (i32.add (local.get $b) (i32.mul (local.get $want) (i32.const 24))))
        (block $pd
          (loop $pairs
            (br_if $pd (i32.ge_u (local.get $b) (local.get $bend)))
            (local.set $r2 (f64.load offset=16 (local.get $b)))
            (local.set $f (f64.sqrt (f64.div (f64.mul (f64.const -2) (call $log (local.get $r2))) (local.get $r2))))
            (f64.store (local.get $dst) (f64.mul (local.get $f) (f64.load offset=8 (local.get $b))))
            (f64.store offset=8 (local.get $dst) (f64.mul (local.get $f) (f64.load offset=0 (local.get $b))))
            (local.set $dst (i32.add (local.get $dst) (i32.const 16)))
            (local.set $b (i32.add (local.get $b) (i32.const 24)))
            (br $pairs)))
        (br $batches)))
    (global.set $pos (local.get $pos))
    (if (i32.lt_u (local.get $dst) (local.get $end))
      (then
        (f64.store offset=2504 (local.get $st) (call $polar (local.get $st) (local.get $dst)))
        (i32.store offset=2500 (local.get $st) (i32.const 1))))
    (i32.store offset=2496 (local.get $st) (global.get $pos)))

  ;; Runs the program at byte pc: ops of 16 i32 words, [opcode, operands...] (see cellProgram.ts), until END.
  ;; Operands named "...Addr" hold the byte address of an f64 constant.
  (func (export "run") (param $pc i32)
    (local $t i32) (local $r i32) (local $s i32) (local $n i32)
    (block $exit
    (loop $next
      (block $ratio
      (block $means
      (block $copy
      (block $transpose
      (block $scale
      (block $act_b
      (block $dense_b
      (block $axpby
      (block $act
      (block $dense_f
      (block $norm
        (br_table $exit $norm $dense_f $act $axpby $dense_b $act_b $scale $transpose $copy $means $ratio $exit
          (i32.load (local.get $pc))))
        ;; 1 NORM(src, n, dst)
        (call $put_norm (i32.load offset=12 (local.get $pc))
          (call $sumsq (i32.load offset=4 (local.get $pc)) (i32.load offset=8 (local.get $pc))))
        (local.set $pc (i32.add (local.get $pc) (i32.const 64)))
        (br $next))
      ;; 2 DENSE_F(w, scaleAddr, x, z, a, m, k, n, kind, normDst)
      (call $dense_f (i32.load offset=4 (local.get $pc)) (f64.load (i32.load offset=8 (local.get $pc)))
        (i32.load offset=12 (local.get $pc)) (i32.load offset=16 (local.get $pc)) (i32.load offset=20 (local.get $pc))
        (i32.load offset=24 (local.get $pc)) (i32.load offset=28 (local.get $pc)) (i32.load offset=32 (local.get $pc))
        (i32.load offset=36 (local.get $pc)) (i32.load offset=40 (local.get $pc)))
      (local.set $pc (i32.add (local.get $pc) (i32.const 64)))
      (br $next))
      ;; 3 ACT(kind, src, dst, n, normDst)
      (call $put_norm (i32.load offset=20 (local.get $pc))
        (call $act (i32.load offset=4 (local.get $pc)) (i32.load offset=8 (local.get $pc))
          (i32.load offset=12 (local.get $pc)) (i32.load offset=16 (local.get $pc))))
      (local.set $pc (i32.add (local.get $pc) (i32.const 64)))
      (br $next))
      ;; 4 AXPBY(out, alphaAddr, x, betaAddr, y, n, normDst)
      (call $put_norm (i32.load offset=28 (local.get $pc))
        (call $axpby (i32.load offset=4 (local.get $pc)) (f64.load (i32.load offset=8 (local.get $pc)))
          (i32.load offset=12 (local.get $pc)) (f64.load (i32.load offset=16 (local.get $pc)))
          (i32.load offset=20 (local.get $pc)) (i32.load offset=24 (local.get $pc))))
      (local.set $pc (i32.add (local.get $pc) (i32.const 64)))
      (br $next))
      ;; 5 DENSE_B(w, scaleAddr, x, z, dOut, dz, dX, m, k, n, kind, signalDst, gradDst, xNormAddr, dxNormDst)
      (call $dense_b (i32.load offset=4 (local.get $pc)) (f64.load (i32.load offset=8 (local.get $pc)))
        (i32.load offset=12 (local.get $pc)) (i32.load offset=16 (local.get $pc)) (i32.load offset=20 (local.get $pc))
        (i32.load offset=24 (local.get $pc)) (i32.load offset=28 (local.get $pc)) (i32.load offset=32 (local.get $pc))
        (i32.load offset=36 (local.get $pc)) (i32.load offset=40 (local.get $pc)) (i32.load offset=44 (local.get $pc))
        (i32.load offset=48 (local.get $pc)) (i32.load offset=52 (local.get $pc)) (i32.load offset=56 (local.get $pc))
        (i32.load offset=60 (local.get $pc)))
      (local.set $pc (i32.add (local.get $pc) (i32.const 64)))
      (br $next))
      ;; 6 ACT_B(kind, z, dOut, dz, n)
      (call $act_b (i32.load offset=4 (local.get $pc)) (i32.load offset=8 (local.get $pc))
        (i32.load offset=12 (local.get $pc)) (i32.load offset=16 (local.get $pc)) (i32.load offset=20 (local.get $pc)))
      (local.set $pc (i32.add (local.get $pc) (i32.const 64)))
      (br $next))
      ;; 7 SCALE(out, alphaAddr, src, n)
      (call $scale (i32.load offset=4 (local.get $pc)) (f64.load (i32.load offset=8 (local.get $pc)))
        (i32.load offset=12 (local.get $pc)) (i32.load offset=16 (local.get $pc)))
      (local.set $pc (i32.add (local.get $pc) (i32.const 64)))
      (br $next))
      ;; 8 TRANSPOSE(src, dst, rows, batch): dst[i·batch + s] = src[s·rows + i] (randn(batch, rows) stored [rows×batch]).
      (local.set $n (i32.load offset=12 (local.get $pc)))
      (local.set $s (i32.const 0))
      (block $sd
        (loop $sl
          (br_if $sd (i32.ge_u (local.get $s) (i32.load offset=16 (local.get $pc))))
          (local.set $r (i32.const 0))
          (block $rd
            (loop $rl
              (br_if $rd (i32.ge_u (local.get $r) (local.get $n)))
              (f64.store
                (i32.add (i32.load offset=8 (local.get $pc))
                  (i32.shl (i32.add (i32.mul (local.get $r) (i32.load offset=16 (local.get $pc))) (local.get $s)) (i32.const 3)))
                (f64.load (i32.add (i32.load offset=4 (local.get $pc))
                  (i32.shl (i32.add (i32.mul (local.get $s) (local.get $n)) (local.get $r)) (i32.const 3)))))
              (local.set $r (i32.add (local.get $r) (i32.const 1)))
              (br $rl)))
          (local.set $s (i32.add (local.get $s) (i32.const 1)))
          (br $sl)))
      (local.set $pc (i32.add (local.get $pc) (i32.const 64)))
      (br $next))
      ;; 9 COPY(src, dst, n)
      (memory.copy (i32.load offset=8 (local.get $pc)) (i32.load offset=4 (local.get $pc))
        (i32.shl (i32.load offset=12 (local.get $pc)) (i32.const 3)))
      (local.set $pc (i32.add (local.get $pc) (i32.const 64)))
      (br $next))
      ;; 10 MEANS(dst, src, count): dst[b] = (src[2b] + src[2b+1]) / 2, a residual net's per-block grad norm.
      (local.set $t (i32.load offset=4 (local.get $pc)))
      (local.set $s (i32.load offset=8 (local.get $pc)))
      (local.set $n (i32.load offset=12 (local.get $pc)))
      (block $md
        (loop $ml
          (br_if $md (i32.eqz (local.get $n)))
          (f64.store (local.get $t)
            (f64.div (f64.add (f64.load offset=0 (local.get $s)) (f64.load offset=8 (local.get $s))) (f64.const 2)))
          (local.set $t (i32.add (local.get $t) (i32.const 8)))
          (local.set $s (i32.add (local.get $s) (i32.const 16)))
          (local.set $n (i32.sub (local.get $n) (i32.const 1)))
          (br $ml)))
      (local.set $pc (i32.add (local.get $pc) (i32.const 64)))
      (br $next))
    ;; 11 RATIO(dst, firstAddr, lastAddr): dst[0] = first / last, dst[1] = first / (last + 1e-10).
    (f64.store offset=0 (i32.load offset=4 (local.get $pc))
      (f64.div (f64.load (i32.load offset=8 (local.get $pc))) (f64.load (i32.load offset=12 (local.get $pc)))))
    (f64.store offset=8 (i32.load offset=4 (local.get $pc))
      (f64.div (f64.load (i32.load offset=8 (local.get $pc)))
        (f64.add (f64.load (i32.load offset=12 (local.get $pc))) (f64.const 1e-10))))
    (local.set $pc (i32.add (local.get $pc) (i32.const 64)))
    (br $next))))
)
