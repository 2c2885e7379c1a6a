import { afterEach, describe, expect, it } from 'vitest';
import {
  BATCH_NORM_EPS,
  batchNormBackward,
  batchNormEvalForward,
  batchNormTrainForward,
  createArena,
  createBatchNormRelu,
  createLinear,
  createRelu,
  createResidualBlock,
  createRng,
  createSequential,
  reluBackward,
  reluForward,
  setTrainSimd,
  sgdStep,
  trainKernel,
} from '@resnet/core';
import { bits, bothWays, expectSameBits, normal, withZeros } from '../helpers/bothWays.js';
import { numericGradient, relativeError } from '../helpers/gradcheck.js';

// The WebAssembly kernels (packages/core/src/train/*.wat) run when every array of a call lives in an arena's memory;
// setTrainSimd(false) runs the JS code on the very same arrays. Each kernel is run both ways from the same
// inputs and must agree to the last bit (signed zeros included, any NaN as NaN), and each is checked against an
// independent reference (naive loops) where the JS tests do not already cover the arithmetic.

afterEach(() => setTrainSimd(true));

it('runs the WebAssembly SIMD kernels on this Node (WebAssembly SIMD is on by default since Node 16)', () => {
  expect(trainKernel()).toBe('wasm-simd');
});

describe('batch norm kernels in an arena', () => {
  // 64 is the training width (whole 8-feature walks), 13 leaves a tail of 5, 3 has no whole walk; batch 1 has
  // zero variance.
  for (const [batch, dim] of [
    [128, 64],
    [37, 13],
    [5, 3],
    [1, 8],
  ]) {
    const n = batch * dim;
    const stats = () => {
      const x = normal(dim, n, 2);
      for (let i = 0; i < n; i += 5) x[i] = 1e4 + x[i] * 1e-3;
      return {
        x,
        gamma: normal(7, dim),
        beta: normal(8, dim),
        xhat: new Float64Array(n),
        invStd: new Float64Array(dim),
        mean: new Float64Array(dim),
        variance: new Float64Array(dim),
        y: new Float64Array(n),
      };
    };
    for (const relu of [false, true]) {
      it(`train forward (batch ${batch}, dim ${dim}, relu ${relu}): same bits both ways, row-major statistics`, () => {
        const init = stats();
        const { wasm, js } = bothWays(init, (a) =>
          batchNormTrainForward(
            a.x,
            batch,
            dim,
            a.gamma,
            a.beta,
            BATCH_NORM_EPS,
            a.xhat,
            a.invStd,
            a.mean,
            a.variance,
            a.y,
            relu,
          ),
        );
        expectSameBits(wasm, js);
        // The textbook row-major two-pass statistics.
        const mean = new Float64Array(dim);
        for (let r = 0; r < batch; r++) for (let j = 0; j < dim; j++) mean[j] += init.x[r * dim + j];
        for (let j = 0; j < dim; j++) mean[j] /= batch;
        expect(bits(wasm.mean)).toEqual(bits(mean));
        for (let r = 0; r < batch; r++) {
          for (let j = 0; j < dim; j++) {
            const z = init.gamma[j] * wasm.xhat[r * dim + j] + init.beta[j];
            expect(wasm.y[r * dim + j]).toBe(relu ? Math.max(z, 0) : z);
          }
        }
      });

      it(`eval forward (batch ${batch}, dim ${dim}, relu ${relu}): same bits both ways`, () => {
        const init = { ...stats(), runningMean: normal(9, dim), runningVar: normal(10, dim).map((v) => 0.5 + v * v) };
        const { wasm, js } = bothWays(init, (a) =>
          batchNormEvalForward(
            a.x,
            batch,
            dim,
            a.gamma,
            a.beta,
            a.runningMean,
            a.runningVar,
            BATCH_NORM_EPS,
            a.xhat,
            a.invStd,
            a.y,
            relu,
          ),
        );
        expectSameBits(wasm, js);
      });

      for (const training of [true, false]) {
        it(`${training ? 'train' : 'eval'} backward (batch ${batch}, dim ${dim}, relu ${relu}): same bits both ways`, () => {
          const init = {
            dY: withZeros(normal(11, n)),
            y: withZeros(normal(12, n)),
            xhat: normal(13, n),
            invStd: normal(14, dim).map((v) => 0.5 + v * v),
            gamma: normal(15, dim),
            dGamma: new Float64Array(dim).fill(Number.NaN),
            dBeta: new Float64Array(dim).fill(Number.NaN),
            dX: new Float64Array(n),
          };
          const { wasm, js } = bothWays(init, (a) => {
            const y = relu ? a.y : null;
            batchNormBackward(a.dY, y, a.xhat, a.invStd, a.gamma, batch, dim, training, a.dGamma, a.dBeta, a.dX);
          });
          expectSameBits(wasm, js);
          // dBeta is the column sum of dz (dY masked by y > 0 with relu), in row order.
          for (let j = 0; j < dim; j++) {
            let s = 0;
            for (let r = 0; r < batch; r++) s += relu && !(init.y[r * dim + j] > 0) ? 0 : init.dY[r * dim + j];
            expect(wasm.dBeta[j]).toBe(s);
          }
        });
      }
    }
  }
});

describe('element-wise kernels in an arena', () => {
  const special = new Float64Array([-2, -0, 0, 1e-300, 3, -1e300, Number.NaN, Number.POSITIVE_INFINITY, -5]);

  for (const n of [9, 64 * 37]) {
    it(`relu forward and backward over ${n} values (NaN, infinities, signed zeros): same bits both ways`, () => {
      const x = withZeros(normal(20, n));
      x.set(special.subarray(0, Math.min(n, special.length)));
      const init = { x, dY: normal(21, n), y: new Float64Array(n), dX: new Float64Array(n) };
      const { wasm, js } = bothWays(init, (a) => {
        reluForward(a.x, n, a.y);
        reluBackward(a.x, a.dY, n, a.dX);
      });
      expectSameBits(wasm, js);
      expect(Array.from(wasm.y.subarray(0, 6))).toEqual([0, 0, 0, 1e-300, 3, 0]);
    });
  }

  for (const first of [true, false]) {
    it(`sgd step (${first ? 'first' : 'later'} step, odd length): same bits both ways, PyTorch's formula`, () => {
      const n = 13;
      const init = { value: normal(22, n), grad: normal(23, n), buf: normal(24, n) };
      const { wasm, js } = bothWays(init, (a) =>
        sgdStep([{ name: 'p', value: a.value, grad: a.grad }], [a.buf], 0.05, 0.9, 1e-4, first),
      );
      expectSameBits(wasm, js);
      for (let i = 0; i < n; i++) {
        const g = init.grad[i] + 1e-4 * init.value[i];
        const v = first ? g : 0.9 * init.buf[i] + g;
        expect(wasm.buf[i]).toBe(v);
        expect(wasm.value[i]).toBe(init.value[i] - 0.05 * v);
      }
    });
  }
});

describe('layers in an arena', () => {
  /** A residual block (eta 0.5) over BN+ReLU, dense, BN+ReLU, dense, behind a dense stem with 13 inputs. */
  function net(arena = createArena(1 << 22)) {
    const [batch, width] = [37, 6];
    const stem = createLinear('stem', 13, width, batch, true, arena);
    const first = createLinear('first', width, width, batch, true, arena);
    const last = createLinear('last', width, width, batch, true, arena);
    const branch = createSequential([
      createBatchNormRelu('bn0', width, batch, arena),
      first,
      createBatchNormRelu('bn1', width, batch, arena),
      last,
    ]);
    const layers = createSequential([
      stem,
      createResidualBlock(branch, 0.5, batch, arena),
      createRelu(width, batch, arena),
    ]);
    const rng = createRng(30);
    for (const p of layers.params) rng.fillNormal(p.value, 0, p.value.length, 0.5);
    const x = arena.f64(batch * 13);
    const dOut = arena.f64(batch * width);
    rng.fillNormal(x);
    rng.fillNormal(dOut);
    return { layers, x, dOut, batch };
  }

  for (const training of [true, false]) {
    it(`dense, residual, BN+ReLU and ReLU layers: same bits both ways (${training ? 'train' : 'eval'} mode)`, () => {
      const run = (simd: boolean) => {
        const { layers, x, dOut, batch } = net();
        setTrainSimd(simd);
        const y = Float64Array.from(layers.forward(x, batch, training));
        const dX = Float64Array.from(layers.backward(dOut, batch));
        setTrainSimd(true);
        return { y, dX, ...Object.fromEntries(layers.params.map((p) => [p.name, Float64Array.from(p.grad)])) };
      };
      expectSameBits(run(true), run(false));
    });

    it(`pass the finite-difference gradient check with the WebAssembly kernels (${training ? 'train' : 'eval'} mode)`, () => {
      const { layers, x, dOut, batch } = net();
      const loss = () => {
        const y = layers.forward(x, batch, training);
        let s = 0;
        for (let i = 0; i < dOut.length; i++) s += dOut[i] * y[i];
        return s;
      };
      loss();
      const dX = Float64Array.from(layers.backward(dOut, batch));
      const grads = layers.params.map((p) => Float64Array.from(p.grad));
      expect(relativeError(dX, numericGradient(loss, x))).toBeLessThan(1e-6);
      layers.params.forEach((p, i) => {
        // Train-mode BN removes a per-feature constant: the biases feeding it have zero gradient.
        if (training && (p.name === 'stem.b' || p.name === 'first.b')) return;
        expect(relativeError(grads[i], numericGradient(loss, p.value)), p.name).toBeLessThan(1e-6);
      });
    });
  }
});
