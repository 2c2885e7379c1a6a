// One process of the machine-ceiling check: runs @resnet/core cells (depths 5..40 step 5, both
// archs, a new seed each pair) on one thread for argv[2] milliseconds and prints cells per second.
import { runCell } from '@resnet/core';

const ms = Number(process.argv[2] ?? 3000);
const t0 = performance.now();
let cells = 0;
while (performance.now() - t0 < ms) {
  for (let depth = 5; depth <= 40; depth += 5) {
    runCell({ arch: 'plain', depth, seed: cells });
    runCell({ arch: 'residual', depth, seed: cells });
    cells += 2;
  }
}
console.log(cells / ((performance.now() - t0) / 1000));
