;; The training net's element-wise passes and column sums in WebAssembly SIMD (f64x2): ReLU forward and
;; backward (relu.ts), the residual block's y = x + scale*f, scale*dY and dY + dBranch (residualBlock.ts),
;; the bias gradient's column sums (linear.ts) and SGD's step (sgd.ts). Each computes the JS code's expression in its order, so
;; the results are bit-identical to the JS fallback. Addresses in bytes, counts in elements.
;; Compiled by `npm run wat -w @resnet/core` (scripts/compileWat.mjs, wabt) into elementwiseBytes.ts.
(module
  (import "env" "mem" (memory 1))

  ;; y = x*[x > 0] + 0 over n elements (+0 for -0, NaN kept).
  (func $relu (export "relu") (param $x i32) (param $n i32) (param $y i32)
    (local $o i32) (local $end i32) (local $v v128) (local $s f64) (local $one v128)
    (local.set $one (f64x2.splat (f64.const 1)))
    (local.set $end (i32.shl (i32.and (local.get $n) (i32.const -2)) (i32.const 3)))
    (block $done (loop $l
      (br_if $done (i32.ge_u (local.get $o) (local.get $end)))
      (local.set $v (v128.load (i32.add (local.get $x) (local.get $o))))
      (v128.store (i32.add (local.get $y) (local.get $o))
        (f64x2.add
          (f64x2.mul (local.get $v) (v128.and (f64x2.gt (local.get $v) (v128.const i64x2 0 0)) (local.get $one)))
          (v128.const i64x2 0 0)))
      (local.set $o (i32.add (local.get $o) (i32.const 16)))
      (br $l)))
    (if (i32.and (local.get $n) (i32.const 1))
      (then
        (local.set $s (f64.load (i32.add (local.get $x) (local.get $o))))
        (f64.store (i32.add (local.get $y) (local.get $o))
          (f64.add (f64.mul (local.get $s) (f64.convert_i32_u (f64.gt (local.get $s) (f64.const 0)))) (f64.const 0))))))

  ;; dX = dY*[x > 0] + 0 over n elements.
  (func $reluBackward (export "reluBackward") (param $x i32) (param $dY i32) (param $n i32) (param $dX i32)
    (local $o i32) (local $end i32) (local $one v128)
    (local.set $one (f64x2.splat (f64.const 1)))
    (local.set $end (i32.shl (i32.and (local.get $n) (i32.const -2)) (i32.const 3)))
    (block $done (loop $l
      (br_if $done (i32.ge_u (local.get $o) (local.get $end)))
      (v128.store (i32.add (local.get $dX) (local.get $o))
        (f64x2.add
          (f64x2.mul (v128.load (i32.add (local.get $dY) (local.get $o)))
            (v128.and (f64x2.gt (v128.load (i32.add (local.get $x) (local.get $o))) (v128.const i64x2 0 0)) (local.get $one)))
          (v128.const i64x2 0 0)))
      (local.set $o (i32.add (local.get $o) (i32.const 16)))
      (br $l)))
    (if (i32.and (local.get $n) (i32.const 1))
      (then
        (f64.store (i32.add (local.get $dX) (local.get $o))
          (f64.add
            (f64.mul (f64.load (i32.add (local.get $dY) (local.get $o)))
              (f64.convert_i32_u (f64.gt (f64.load (i32.add (local.get $x) (local.get $o))) (f64.const 0))))
            (f64.const 0))))))

  ;; y = x + scale*f over n elements.
  (func $addScaled (export "addScaled") (param $x i32) (param $f i32) (param $scale f64) (param $n i32) (param $y i32)
    (local $o i32) (local $end i32) (local $vs v128)
    (local.set $vs (f64x2.splat (local.get $scale)))
    (local.set $end (i32.shl (i32.and (local.get $n) (i32.const -2)) (i32.const 3)))
    (block $done (loop $l
      (br_if $done (i32.ge_u (local.get $o) (local.get $end)))
      (v128.store (i32.add (local.get $y) (local.get $o))
        (f64x2.add (v128.load (i32.add (local.get $x) (local.get $o)))
          (f64x2.mul (local.get $vs) (v128.load (i32.add (local.get $f) (local.get $o))))))
      (local.set $o (i32.add (local.get $o) (i32.const 16)))
      (br $l)))
    (if (i32.and (local.get $n) (i32.const 1))
      (then
        (f64.store (i32.add (local.get $y) (local.get $o))
          (f64.add (f64.load (i32.add (local.get $x) (local.get $o)))
            (f64.mul (local.get $scale) (f64.load (i32.add (local.get $f) (local.get $o)))))))))

  ;; y = scale*x over n elements.
  (func $scale (export "scale") (param $x i32) (param $scale f64) (param $n i32) (param $y i32)
    (local $o i32) (local $end i32) (local $vs v128)
    (local.set $vs (f64x2.splat (local.get $scale)))
    (local.set $end (i32.shl (i32.and (local.get $n) (i32.const -2)) (i32.const 3)))
    (block $done (loop $l
      (br_if $done (i32.ge_u (local.get $o) (local.get $end)))
      (v128.store (i32.add (local.get $y) (local.get $o))
        (f64x2.mul (local.get $vs) (v128.load (i32.add (local.get $x) (local.get $o)))))
      (local.set $o (i32.add (local.get $o) (i32.const 16)))
      (br $l)))
    (if (i32.and (local.get $n) (i32.const 1))
      (then
        (f64.store (i32.add (local.get $y) (local.get $o))
          (f64.mul (local.get $scale) (f64.load (i32.add (local.get $x) (local.get $o))))))))

  ;; y = a + b over n elements.
  (func $add (export "add") (param $a i32) (param $b i32) (param $n i32) (param $y i32)
    (local $o i32) (local $end i32)
    (local.set $end (i32.shl (i32.and (local.get $n) (i32.const -2)) (i32.const 3)))
    (block $done (loop $l
      (br_if $done (i32.ge_u (local.get $o) (local.get $end)))
      (v128.store (i32.add (local.get $y) (local.get $o))
        (f64x2.add (v128.load (i32.add (local.get $a) (local.get $o))) (v128.load (i32.add (local.get $b) (local.get $o)))))
      (local.set $o (i32.add (local.get $o) (i32.const 16)))
      (br $l)))
    (if (i32.and (local.get $n) (i32.const 1))
      (then
        (f64.store (i32.add (local.get $y) (local.get $o))
          (f64.add (f64.load (i32.add (local.get $a) (local.get $o))) (f64.load (i32.add (local.get $b) (local.get $o))))))))

  ;; out[j] = sum over rows of x[r, j] (x [rows x dim], rows >= 1), rows in order from +0, 8 columns per walk.
  (func $columnSums (export "columnSums") (param $x i32) (param $rows i32) (param $dim i32) (param $out i32)
    (local $j i32) (local $o i32) (local $r i32) (local $rowBytes i32) (local $s f64)
    (local $s0 v128) (local $s1 v128) (local $s2 v128) (local $s3 v128)
    (local.set $rowBytes (i32.shl (local.get $dim) (i32.const 3)))
    (block $done8 (loop $l8
      (br_if $done8 (i32.gt_u (i32.add (local.get $j) (i32.const 8)) (local.get $dim)))
      (local.set $s0 (v128.const i64x2 0 0))
      (local.set $s1 (v128.const i64x2 0 0))
      (local.set $s2 (v128.const i64x2 0 0))
      (local.set $s3 (v128.const i64x2 0 0))
      (local.set $o (i32.add (local.get $x) (i32.shl (local.get $j) (i32.const 3))))
      (local.set $r (local.get $rows))
      (loop $sum
        (local.set $s0 (f64x2.add (local.get $s0) (v128.load offset=0 (local.get $o))))
        (local.set $s1 (f64x2.add (local.get $s1) (v128.load offset=16 (local.get $o))))
        (local.set $s2 (f64x2.add (local.get $s2) (v128.load offset=32 (local.get $o))))
        (local.set $s3 (f64x2.add (local.get $s3) (v128.load offset=48 (local.get $o))))
        (local.set $o (i32.add (local.get $o) (local.get $rowBytes)))
        (br_if $sum (local.tee $r (i32.sub (local.get $r) (i32.const 1)))))
      (local.set $o (i32.add (local.get $out) (i32.shl (local.get $j) (i32.const 3))))
      (v128.store offset=0 (local.get $o) (local.get $s0))
      (v128.store offset=16 (local.get $o) (local.get $s1))
      (v128.store offset=32 (local.get $o) (local.get $s2))
      (v128.store offset=48 (local.get $o) (local.get $s3))
      (local.set $j (i32.add (local.get $j) (i32.const 8)))
      (br $l8)))
    (block $done1 (loop $l1
      (br_if $done1 (i32.ge_u (local.get $j) (local.get $dim)))
      (local.set $s (f64.const 0))
      (local.set $o (i32.add (local.get $x) (i32.shl (local.get $j) (i32.const 3))))
      (local.set $r (local.get $rows))
      (loop $sum1
        (local.set $s (f64.add (local.get $s) (f64.load (local.get $o))))
        (local.set $o (i32.add (local.get $o) (local.get $rowBytes)))
        (br_if $sum1 (local.tee $r (i32.sub (local.get $r) (i32.const 1)))))
      (f64.store (i32.add (local.get $out) (i32.shl (local.get $j) (i32.const 3))) (local.get $s))
      (local.set $j (i32.add (local.get $j) (i32.const 1)))
      (br $l1))))

  ;; One SGD step over n parameters: g = grad + wd*value; buf = g on the first step, else
  ;; buf = momentum*buf + g; value = value - lr*buf.
  (func $sgd (export "sgd") (param $value i32) (param $grad i32) (param $buf i32) (param $n i32) (param $lr f64)
    (param $momentum f64) (param $wd f64) (param $first i32)
    (local $o i32) (local $end i32) (local $v v128) (local $g v128) (local $vlr v128) (local $vm v128) (local $vwd v128)
    (local $sv f64) (local $sg f64)
    (local.set $vlr (f64x2.splat (local.get $lr)))
    (local.set $vm (f64x2.splat (local.get $momentum)))
    (local.set $vwd (f64x2.splat (local.get $wd)))
    (local.set $end (i32.shl (i32.and (local.get $n) (i32.const -2)) (i32.const 3)))
    (block $done (loop $l
      (br_if $done (i32.ge_u (local.get $o) (local.get $end)))
      (local.set $v (v128.load (i32.add (local.get $value) (local.get $o))))
      (local.set $g (f64x2.add (v128.load (i32.add (local.get $grad) (local.get $o))) (f64x2.mul (local.get $vwd) (local.get $v))))
      (if (i32.eqz (local.get $first))
        (then (local.set $g (f64x2.add
          (f64x2.mul (local.get $vm) (v128.load (i32.add (local.get $buf) (local.get $o)))) (local.get $g)))))
      (v128.store (i32.add (local.get $buf) (local.get $o)) (local.get $g))
      (v128.store (i32.add (local.get $value) (local.get $o)) (f64x2.sub (local.get $v) (f64x2.mul (local.get $vlr) (local.get $g))))
      (local.set $o (i32.add (local.get $o) (i32.const 16)))
      (br $l)))
    (if (i32.and (local.get $n) (i32.const 1))
      (then
        (local.set $sv (f64.load (i32.add (local.get $value) (local.get $o))))
        (local.set $sg (f64.add (f64.load (i32.add (local.get $grad) (local.get $o))) (f64.mul (local.get $wd) (local.get $sv))))
        (if (i32.eqz (local.get $first))
          (then (local.set $sg (f64.add
            (f64.mul (local.get $momentum) (f64.load (i32.add (local.get $buf) (local.get $o)))) (local.get $sg)))))
        (f64.store (i32.add (local.get $buf) (local.get $o)) (local.get $sg))
        (f64.store (i32.add (local.get $value) (local.get $o)) (f64.sub (local.get $sv) (f64.mul (local.get $lr) (local.get $sg)))))))
)
