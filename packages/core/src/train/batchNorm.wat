;; BatchNorm (with an optional ReLU after it) over rows of a batch [batch x dim], in WebAssembly SIMD (f64x2:
;; two features per instruction); src/train/batchNorm.ts and normPasses.ts run it on arrays in a memory
;; the kernels are bound to and are its JS fallback. Every value is computed by the JS code's operations in
;; the JS code's order (each feature's sums over rows in row order, separate multiplies and adds, the same
;; association), so the results are bit-identical; column sums keep 8 features in registers per walk down
;; the rows. Addresses in bytes; batch >= 1.
;; Compiled by `npm run wat -w @resnet/core` (scripts/compileWat.mjs, wabt) into batchNormBytes.ts.
(module
  (import "env" "mem" (memory 1))

  ;; Per feature j: mean = sum x / batch, variance = sum (x - mean)^2 / batch (rows in order, two passes),
  ;; invStd = 1 / sqrt(variance + eps).
  (func $moments (export "moments") (param $x i32) (param $batch i32) (param $dim i32) (param $eps f64)
    (param $mean i32) (param $var i32) (param $invStd i32)
    (local $j i32) (local $o i32) (local $r i32) (local $rowBytes i32) (local $nb f64) (local $vnb v128)
    (local $s f64) (local $mj f64) (local $d f64)
    (local $s0 v128) (local $s1 v128) (local $s2 v128) (local $s3 v128)
    (local $m0 v128) (local $m1 v128) (local $m2 v128) (local $m3 v128) (local $t v128)
    (local.set $nb (f64.convert_i32_u (local.get $batch)))
    (local.set $vnb (f64x2.splat (local.get $nb)))
    (local.set $rowBytes (i32.shl (local.get $dim) (i32.const 3)))
    ;; 8 features per walk.
    (block $done8 (loop $l8
      (br_if $done8 (i32.gt_u (i32.add (local.get $j) (i32.const 8)) (local.get $dim)))
      (local.set $s0 (v128.const i64x2 0 0))
      (local.set $s1 (v128.const i64x2 0 0))
      (local.set $s2 (v128.const i64x2 0 0))
      (local.set $s3 (v128.const i64x2 0 0))
      (local.set $o (i32.add (local.get $x) (i32.shl (local.get $j) (i32.const 3))))
      (local.set $r (local.get $batch))
      (loop $sum
        (local.set $s0 (f64x2.add (local.get $s0) (v128.load offset=0 (local.get $o))))
        (local.set $s1 (f64x2.add (local.get $s1) (v128.load offset=16 (local.get $o))))
        (local.set $s2 (f64x2.add (local.get $s2) (v128.load offset=32 (local.get $o))))
        (local.set $s3 (f64x2.add (local.get $s3) (v128.load offset=48 (local.get $o))))
        (local.set $o (i32.add (local.get $o) (local.get $rowBytes)))
        (br_if $sum (local.tee $r (i32.sub (local.get $r) (i32.const 1)))))
      (local.set $m0 (f64x2.div (local.get $s0) (local.get $vnb)))
      (local.set $m1 (f64x2.div (local.get $s1) (local.get $vnb)))
      (local.set $m2 (f64x2.div (local.get $s2) (local.get $vnb)))
      (local.set $m3 (f64x2.div (local.get $s3) (local.get $vnb)))
      (local.set $s0 (v128.const i64x2 0 0))
      (local.set $s1 (v128.const i64x2 0 0))
      (local.set $s2 (v128.const i64x2 0 0))
      (local.set $s3 (v128.const i64x2 0 0))
      (local.set $o (i32.add (local.get $x) (i32.shl (local.get $j) (i32.const 3))))
      (local.set $r (local.get $batch))
      (loop $sq
        (local.set $t (f64x2.sub (v128.load offset=0 (local.get $o)) (local.get $m0)))
        (local.set $s0 (f64x2.add (local.get $s0) (f64x2.mul (local.get $t) (local.get $t))))
        (local.set $t (f64x2.sub (v128.load offset=16 (local.get $o)) (local.get $m1)))
        (local.set $s1 (f64x2.add (local.get $s1) (f64x2.mul (local.get $t) (local.get $t))))
        (local.set $t (f64x2.sub (v128.load offset=32 (local.get $o)) (local.get $m2)))
        (local.set $s2 (f64x2.add (local.get $s2) (f64x2.mul (local.get $t) (local.get $t))))
        (local.set $t (f64x2.sub (v128.load offset=48 (local.get $o)) (local.get $m3)))
        (local.set $s3 (f64x2.add (local.get $s3) (f64x2.mul (local.get $t) (local.get $t))))
        (local.set $o (i32.add (local.get $o) (local.get $rowBytes)))
        (br_if $sq (local.tee $r (i32.sub (local.get $r) (i32.const 1)))))
      (local.set $o (i32.shl (local.get $j) (i32.const 3)))
      (v128.store offset=0 (i32.add (local.get $mean) (local.get $o)) (local.get $m0))
      (v128.store offset=16 (i32.add (local.get $mean) (local.get $o)) (local.get $m1))
      (v128.store offset=32 (i32.add (local.get $mean) (local.get $o)) (local.get $m2))
      (v128.store offset=48 (i32.add (local.get $mean) (local.get $o)) (local.get $m3))
      (v128.store offset=0 (i32.add (local.get $var) (local.get $o)) (f64x2.div (local.get $s0) (local.get $vnb)))
      (v128.store offset=16 (i32.add (local.get $var) (local.get $o)) (f64x2.div (local.get $s1) (local.get $vnb)))
      (v128.store offset=32 (i32.add (local.get $var) (local.get $o)) (f64x2.div (local.get $s2) (local.get $vnb)))
      (v128.store offset=48 (i32.add (local.get $var) (local.get $o)) (f64x2.div (local.get $s3) (local.get $vnb)))
      (local.set $j (i32.add (local.get $j) (i32.const 8)))
      (br $l8)))
    ;; The remaining features one at a time.
    (block $done1 (loop $l1
      (br_if $done1 (i32.ge_u (local.get $j) (local.get $dim)))
      (local.set $s (f64.const 0))
      (local.set $o (i32.add (local.get $x) (i32.shl (local.get $j) (i32.const 3))))
      (local.set $r (local.get $batch))
      (loop $sum1
        (local.set $s (f64.add (local.get $s) (f64.load (local.get $o))))
        (local.set $o (i32.add (local.get $o) (local.get $rowBytes)))
        (br_if $sum1 (local.tee $r (i32.sub (local.get $r) (i32.const 1)))))
      (local.set $mj (f64.div (local.get $s) (local.get $nb)))
      (local.set $s (f64.const 0))
      (local.set $o (i32.add (local.get $x) (i32.shl (local.get $j) (i32.const 3))))
      (local.set $r (local.get $batch))
      (loop $sq1
        (local.set $d (f64.sub (f64.load (local.get $o)) (local.get $mj)))
        (local.set $s (f64.add (local.get $s) (f64.mul (local.get $d) (local.get $d))))
        (local.set $o (i32.add (local.get $o) (local.get $rowBytes)))
        (br_if $sq1 (local.tee $r (i32.sub (local.get $r) (i32.const 1)))))
      (local.set $o (i32.shl (local.get $j) (i32.const 3)))
      (f64.store (i32.add (local.get $mean) (local.get $o)) (local.get $mj))
      (f64.store (i32.add (local.get $var) (local.get $o)) (f64.div (local.get $s) (local.get $nb)))
      (local.set $j (i32.add (local.get $j) (i32.const 1)))
      (br $l1)))
    (local.set $j (i32.const 0))
    (block $done (loop $l
      (br_if $done (i32.ge_u (local.get $j) (local.get $dim)))
      (local.set $o (i32.shl (local.get $j) (i32.const 3)))
      (f64.store (i32.add (local.get $invStd) (local.get $o))
        (f64.div (f64.const 1) (f64.sqrt (f64.add (f64.load (i32.add (local.get $var) (local.get $o))) (local.get $eps)))))
      (local.set $j (i32.add (local.get $j) (i32.const 1)))
      (br $l))))

  ;; xhat = (x - mean)*invStd and y = gamma*xhat + beta, or with relu y = that*[that > 0] + 0 (+0 for -0,
  ;; NaN kept, as relu.ts), per feature.
  (func $normalize (export "normalize") (param $x i32) (param $batch i32) (param $dim i32) (param $mean i32)
    (param $invStd i32) (param $gamma i32) (param $beta i32) (param $xhat i32) (param $y i32) (param $relu i32)
    (local $r i32) (local $j i32) (local $o i32) (local $f i32) (local $h v128) (local $z v128)
    (local $hs f64) (local $zs f64) (local $one v128)
    (local.set $one (f64x2.splat (f64.const 1)))
    (block $rdone (loop $rl
      (br_if $rdone (i32.ge_u (local.get $r) (local.get $batch)))
      (local.set $o (i32.shl (i32.mul (local.get $r) (local.get $dim)) (i32.const 3)))
      (local.set $j (i32.const 0))
      (block $jdone (loop $jl
        (br_if $jdone (i32.gt_u (i32.add (local.get $j) (i32.const 2)) (local.get $dim)))
        (local.set $f (i32.shl (local.get $j) (i32.const 3)))
        (local.set $h (f64x2.mul
          (f64x2.sub (v128.load (i32.add (local.get $x) (local.get $o))) (v128.load (i32.add (local.get $mean) (local.get $f))))
          (v128.load (i32.add (local.get $invStd) (local.get $f)))))
        (v128.store (i32.add (local.get $xhat) (local.get $o)) (local.get $h))
        (local.set $z (f64x2.add
          (f64x2.mul (v128.load (i32.add (local.get $gamma) (local.get $f))) (local.get $h))
          (v128.load (i32.add (local.get $beta) (local.get $f)))))
        (if (local.get $relu)
          (then (local.set $z (f64x2.add
            (f64x2.mul (local.get $z) (v128.and (f64x2.gt (local.get $z) (v128.const i64x2 0 0)) (local.get $one)))
            (v128.const i64x2 0 0)))))
        (v128.store (i32.add (local.get $y) (local.get $o)) (local.get $z))
        (local.set $o (i32.add (local.get $o) (i32.const 16)))
        (local.set $j (i32.add (local.get $j) (i32.const 2)))
        (br $jl)))
      (if (i32.lt_u (local.get $j) (local.get $dim))
        (then
          (local.set $f (i32.shl (local.get $j) (i32.const 3)))
          (local.set $hs (f64.mul
            (f64.sub (f64.load (i32.add (local.get $x) (local.get $o))) (f64.load (i32.add (local.get $mean) (local.get $f))))
            (f64.load (i32.add (local.get $invStd) (local.get $f)))))
          (f64.store (i32.add (local.get $xhat) (local.get $o)) (local.get $hs))
          (local.set $zs (f64.add
            (f64.mul (f64.load (i32.add (local.get $gamma) (local.get $f))) (local.get $hs))
            (f64.load (i32.add (local.get $beta) (local.get $f)))))
          (if (local.get $relu)
            (then (local.set $zs (f64.add
              (f64.mul (local.get $zs) (f64.convert_i32_u (f64.gt (local.get $zs) (f64.const 0))))
              (f64.const 0)))))
          (f64.store (i32.add (local.get $y) (local.get $o)) (local.get $zs))))
      (local.set $r (i32.add (local.get $r) (i32.const 1)))
      (br $rl))))

  ;; Backward of normalize from dY: dz = dY, or with relu dz = dY*[y > 0] + 0 (written into dX);
  ;; dBeta = sum dz, dGamma = sum dz*xhat (rows in order); then dX = (dz*gamma)*invStd in eval mode, or in
  ;; train mode (invStd/batch)*(((batch*gamma)*dz - gamma*dBeta) - (xhat*gamma)*dGamma), with the
  ;; per-feature factors invStd/batch, batch*gamma and gamma*dBeta made once in work (3*dim values).
  (func $backward (export "backward") (param $dY i32) (param $y i32) (param $xhat i32) (param $invStd i32) (param $gamma i32)
    (param $batch i32) (param $dim i32) (param $training i32) (param $relu i32)
    (param $dGamma i32) (param $dBeta i32) (param $dX i32) (param $work i32)
    (local $j i32) (local $f i32) (local $o i32) (local $r i32) (local $rowBytes i32) (local $src i32)
    (local $nb f64) (local $w1 i32) (local $w2 i32)
    (local $g v128) (local $d v128) (local $one v128) (local $sb f64) (local $sg f64) (local $ds f64)
    (local $b0 v128) (local $b1 v128) (local $b2 v128) (local $b3 v128)
    (local $g0 v128) (local $g1 v128) (local $g2 v128) (local $g3 v128)
    (local.set $one (f64x2.splat (f64.const 1)))
    (local.set $nb (f64.convert_i32_u (local.get $batch)))
    (local.set $rowBytes (i32.shl (local.get $dim) (i32.const 3)))
    ;; 1. Sums over rows, 8 features per walk; with relu, dz goes into dX on the way.
    (block $done8 (loop $l8
      (br_if $done8 (i32.gt_u (i32.add (local.get $j) (i32.const 8)) (local.get $dim)))
      (local.set $b0 (v128.const i64x2 0 0))
      (local.set $b1 (v128.const i64x2 0 0))
      (local.set $b2 (v128.const i64x2 0 0))
      (local.set $b3 (v128.const i64x2 0 0))
      (local.set $g0 (v128.const i64x2 0 0))
      (local.set $g1 (v128.const i64x2 0 0))
      (local.set $g2 (v128.const i64x2 0 0))
      (local.set $g3 (v128.const i64x2 0 0))
      (local.set $o (i32.shl (local.get $j) (i32.const 3)))
      (local.set $r (local.get $batch))
      (loop $sum
        (local.set $d (v128.load offset=0 (i32.add (local.get $dY) (local.get $o))))
        (if (local.get $relu)
          (then
            (local.set $d (f64x2.add
              (f64x2.mul (local.get $d)
                (v128.and (f64x2.gt (v128.load offset=0 (i32.add (local.get $y) (local.get $o))) (v128.const i64x2 0 0)) (local.get $one)))
              (v128.const i64x2 0 0)))
            (v128.store offset=0 (i32.add (local.get $dX) (local.get $o)) (local.get $d))))
        (local.set $b0 (f64x2.add (local.get $b0) (local.get $d)))
        (local.set $g0 (f64x2.add (local.get $g0) (f64x2.mul (local.get $d) (v128.load offset=0 (i32.add (local.get $xhat) (local.get $o))))))
        (local.set $d (v128.load offset=16 (i32.add (local.get $dY) (local.get $o))))
        (if (local.get $relu)
          (then
            (local.set $d (f64x2.add
              (f64x2.mul (local.get $d)
                (v128.and (f64x2.gt (v128.load offset=16 (i32.add (local.get $y) (local.get $o))) (v128.const i64x2 0 0)) (local.get $one)))
              (v128.const i64x2 0 0)))
            (v128.store offset=16 (i32.add (local.get $dX) (local.get $o)) (local.get $d))))
        (local.set $b1 (f64x2.add (local.get $b1) (local.get $d)))
        (local.set $g1 (f64x2.add (local.get $g1) (f64x2.mul (local.get $d) (v128.load offset=16 (i32.add (local.get $xhat) (local.get $o))))))
        (local.set $d (v128.load offset=32 (i32.add (local.get $dY) (local.get $o))))
        (if (local.get $relu)
          (then
            (local.set $d (f64x2.add
              (f64x2.mul (local.get $d)
                (v128.and (f64x2.gt (v128.load offset=32 (i32.add (local.get $y) (local.get $o))) (v128.const i64x2 0 0)) (local.get $one)))
              (v128.const i64x2 0 0)))
            (v128.store offset=32 (i32.add (local.get $dX) (local.get $o)) (local.get $d))))
        (local.set $b2 (f64x2.add (local.get $b2) (local.get $d)))
        (local.set $g2 (f64x2.add (local.get $g2) (f64x2.mul (local.get $d) (v128.load offset=32 (i32.add (local.get $xhat) (local.get $o))))))
        (local.set $d (v128.load offset=48 (i32.add (local.get $dY) (local.get $o))))
        (if (local.get $relu)
          (then
            (local.set $d (f64x2.add
              (f64x2.mul (local.get $d)
                (v128.and (f64x2.gt (v128.load offset=48 (i32.add (local.get $y) (local.get $o))) (v128.const i64x2 0 0)) (local.get $one)))
              (v128.const i64x2 0 0)))
            (v128.store offset=48 (i32.add (local.get $dX) (local.get $o)) (local.get $d))))
        (local.set $b3 (f64x2.add (local.get $b3) (local.get $d)))
        (local.set $g3 (f64x2.add (local.get $g3) (f64x2.mul (local.get $d) (v128.load offset=48 (i32.add (local.get $xhat) (local.get $o))))))
        (local.set $o (i32.add (local.get $o) (local.get $rowBytes)))
        (br_if $sum (local.tee $r (i32.sub (local.get $r) (i32.const 1)))))
      (local.set $f (i32.shl (local.get $j) (i32.const 3)))
      (v128.store offset=0 (i32.add (local.get $dBeta) (local.get $f)) (local.get $b0))
      (v128.store offset=16 (i32.add (local.get $dBeta) (local.get $f)) (local.get $b1))
      (v128.store offset=32 (i32.add (local.get $dBeta) (local.get $f)) (local.get $b2))
      (v128.store offset=48 (i32.add (local.get $dBeta) (local.get $f)) (local.get $b3))
      (v128.store offset=0 (i32.add (local.get $dGamma) (local.get $f)) (local.get $g0))
      (v128.store offset=16 (i32.add (local.get $dGamma) (local.get $f)) (local.get $g1))
      (v128.store offset=32 (i32.add (local.get $dGamma) (local.get $f)) (local.get $g2))
      (v128.store offset=48 (i32.add (local.get $dGamma) (local.get $f)) (local.get $g3))
      (local.set $j (i32.add (local.get $j) (i32.const 8)))
      (br $l8)))
    (block $done1 (loop $l1
      (br_if $done1 (i32.ge_u (local.get $j) (local.get $dim)))
      (local.set $sb (f64.const 0))
      (local.set $sg (f64.const 0))
      (local.set $o (i32.shl (local.get $j) (i32.const 3)))
      (local.set $r (local.get $batch))
      (loop $sum1
        (local.set $ds (f64.load (i32.add (local.get $dY) (local.get $o))))
        (if (local.get $relu)
          (then
            (local.set $ds (f64.add
              (f64.mul (local.get $ds) (f64.convert_i32_u (f64.gt (f64.load (i32.add (local.get $y) (local.get $o))) (f64.const 0))))
              (f64.const 0)))
            (f64.store (i32.add (local.get $dX) (local.get $o)) (local.get $ds))))
        (local.set $sb (f64.add (local.get $sb) (local.get $ds)))
        (local.set $sg (f64.add (local.get $sg) (f64.mul (local.get $ds) (f64.load (i32.add (local.get $xhat) (local.get $o))))))
        (local.set $o (i32.add (local.get $o) (local.get $rowBytes)))
        (br_if $sum1 (local.tee $r (i32.sub (local.get $r) (i32.const 1)))))
      (local.set $f (i32.shl (local.get $j) (i32.const 3)))
      (f64.store (i32.add (local.get $dBeta) (local.get $f)) (local.get $sb))
      (f64.store (i32.add (local.get $dGamma) (local.get $f)) (local.get $sg))
      (local.set $j (i32.add (local.get $j) (i32.const 1)))
      (br $l1)))
    ;; 2. dX from dz (in dX with relu, else dY), element by element.
    (local.set $src (select (local.get $dX) (local.get $dY) (local.get $relu)))
    (if (i32.eqz (local.get $training))
      (then
        (local.set $o (i32.const 0))
        (local.set $r (i32.const 0))
        (block $edone (loop $el
          (br_if $edone (i32.ge_u (local.get $r) (local.get $batch)))
          (local.set $j (i32.const 0))
          (block $jdone (loop $jl
            (br_if $jdone (i32.ge_u (local.get $j) (local.get $dim)))
            (local.set $f (i32.shl (local.get $j) (i32.const 3)))
            (if (i32.le_u (i32.add (local.get $j) (i32.const 2)) (local.get $dim))
              (then
                (v128.store (i32.add (local.get $dX) (local.get $o))
                  (f64x2.mul
                    (f64x2.mul (v128.load (i32.add (local.get $src) (local.get $o))) (v128.load (i32.add (local.get $gamma) (local.get $f))))
                    (v128.load (i32.add (local.get $invStd) (local.get $f)))))
                (local.set $o (i32.add (local.get $o) (i32.const 16)))
                (local.set $j (i32.add (local.get $j) (i32.const 2))))
              (else
                (f64.store (i32.add (local.get $dX) (local.get $o))
                  (f64.mul
                    (f64.mul (f64.load (i32.add (local.get $src) (local.get $o))) (f64.load (i32.add (local.get $gamma) (local.get $f))))
                    (f64.load (i32.add (local.get $invStd) (local.get $f)))))
                (local.set $o (i32.add (local.get $o) (i32.const 8)))
                (local.set $j (i32.add (local.get $j) (i32.const 1)))))
            (br $jl)))
          (local.set $r (i32.add (local.get $r) (i32.const 1)))
          (br $el)))
        (return)))
    ;; Train mode: the per-feature factors first (work: invStd/batch, batch*gamma, gamma*dBeta).
    (local.set $w1 (i32.add (local.get $work) (local.get $rowBytes)))
    (local.set $w2 (i32.add (local.get $w1) (local.get $rowBytes)))
    (local.set $j (i32.const 0))
    (block $fdone (loop $fl
      (br_if $fdone (i32.ge_u (local.get $j) (local.get $dim)))
      (local.set $f (i32.shl (local.get $j) (i32.const 3)))
      (f64.store (i32.add (local.get $work) (local.get $f))
        (f64.div (f64.load (i32.add (local.get $invStd) (local.get $f))) (local.get $nb)))
      (f64.store (i32.add (local.get $w1) (local.get $f))
        (f64.mul (local.get $nb) (f64.load (i32.add (local.get $gamma) (local.get $f)))))
      (f64.store (i32.add (local.get $w2) (local.get $f))
        (f64.mul (f64.load (i32.add (local.get $gamma) (local.get $f))) (f64.load (i32.add (local.get $dBeta) (local.get $f)))))
      (local.set $j (i32.add (local.get $j) (i32.const 1)))
      (br $fl)))
    (local.set $o (i32.const 0))
    (local.set $r (i32.const 0))
    (block $tdone (loop $tl
      (br_if $tdone (i32.ge_u (local.get $r) (local.get $batch)))
      (local.set $j (i32.const 0))
      (block $jdone (loop $jl
        (br_if $jdone (i32.ge_u (local.get $j) (local.get $dim)))
        (local.set $f (i32.shl (local.get $j) (i32.const 3)))
        (if (i32.le_u (i32.add (local.get $j) (i32.const 2)) (local.get $dim))
          (then
            (local.set $g (v128.load (i32.add (local.get $gamma) (local.get $f))))
            (v128.store (i32.add (local.get $dX) (local.get $o))
              (f64x2.mul
                (v128.load (i32.add (local.get $work) (local.get $f)))
                (f64x2.sub
                  (f64x2.sub
                    (f64x2.mul (v128.load (i32.add (local.get $w1) (local.get $f))) (v128.load (i32.add (local.get $src) (local.get $o))))
                    (v128.load (i32.add (local.get $w2) (local.get $f))))
                  (f64x2.mul
                    (f64x2.mul (v128.load (i32.add (local.get $xhat) (local.get $o))) (local.get $g))
                    (v128.load (i32.add (local.get $dGamma) (local.get $f)))))))
            (local.set $o (i32.add (local.get $o) (i32.const 16)))
            (local.set $j (i32.add (local.get $j) (i32.const 2))))
          (else
            (f64.store (i32.add (local.get $dX) (local.get $o))
              (f64.mul
                (f64.load (i32.add (local.get $work) (local.get $f)))
                (f64.sub
                  (f64.sub
                    (f64.mul (f64.load (i32.add (local.get $w1) (local.get $f))) (f64.load (i32.add (local.get $src) (local.get $o))))
                    (f64.load (i32.add (local.get $w2) (local.get $f))))
                  (f64.mul
                    (f64.mul (f64.load (i32.add (local.get $xhat) (local.get $o))) (f64.load (i32.add (local.get $gamma) (local.get $f))))
                    (f64.load (i32.add (local.get $dGamma) (local.get $f)))))))
            (local.set $o (i32.add (local.get $o) (i32.const 8)))
            (local.set $j (i32.add (local.get $j) (i32.const 1)))))
        (br $jl)))
      (local.set $r (i32.add (local.get $r) (i32.const 1)))
      (br $tl)))))
