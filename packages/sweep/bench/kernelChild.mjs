// One process of the machine-ceiling check: runs @resnet/core cells as the sweep worker does (prepared shapes of
// depths 5..40 step 5, both archs, seed after seed) on one thread for argv[2] milliseconds and prints cells per second.
import { CellRunner } from '@resnet/core';

const ms = Number(process.argv[2] ?? 3000);
const runner = new CellRunner();
const shapes = [];
for (let depth = 5; depth <= 40; depth += 5)
  for (const arch of ['plain', 'residual']) shapes.push(runner.prepare({ arch, depth }));
const out = new Float64Array(1024);
const t0 = performance.now();
let cells = 0;
for (let seed = 0; performance.now() - t0 < ms; seed++) {
  for (const shape of shapes) runner.runPrepared(shape, seed, out);
  cells += shapes.length;
}
console.log(cells / ((performance.now() - t0) / 1000));
