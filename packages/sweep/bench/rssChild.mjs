// One sweep in its own process for the bench: argv[2] is the SweepOptions JSON. Prints one JSON line: runSweep's
// wall seconds, the CPU seconds and peak RSS of the whole process (every thread) and the output files' sizes.
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { runSweep } from '@resnet/sweep';

const options = JSON.parse(process.argv[2]);
const t0 = performance.now();
const r = await runSweep(options);
const sizes = Object.fromEntries(Object.keys(r.manifest.files).map((f) => [f, statSync(join(r.out, f)).size]));
process.stdout.write(
  `${JSON.stringify({
    seconds: (performance.now() - t0) / 1000,
    cpuSeconds: (process.cpuUsage().user + process.cpuUsage().system) / 1e6,
    maxRssBytes: process.resourceUsage().maxRSS * 1024,
    sizes,
  })}\n`,
);
