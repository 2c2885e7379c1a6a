import type { Argv } from 'yargs';
import { defineCommand } from './defineCommand.js';
import { createRng, generatePatterns, identityDemo, PATTERN_CLASSES } from '@resnet/core';
import { intFlag, numberFlag } from './flags.js';
import { printJson } from './output.js';

interface DemoArgs {
  seed: string;
  out: string;
  figures: boolean;
  json: boolean;
}

interface PatternsArgs extends DemoArgs {
  samples: string;
  size: string;
  noise: string;
}

interface IdentityArgs extends DemoArgs {
  size: string;
  scale: string;
}

const demoOptions = (y: Argv, name: string) =>
  y
    .option('seed', { type: 'string', default: '42', describe: 'Seed of the RandomState the demo draws from' })
    .option('out', { type: 'string', default: `resnet-out/${name}`, describe: 'Folder for the figure' })
    .option('figures', { type: 'boolean', default: true, describe: 'Draw the figure (--no-figures to skip)' });

type ReportModule = typeof import('@resnet/report');
type Figure = ReturnType<ReportModule['patternsFigure']>;

/** Draws one figure as SVG and PNG into out (the report package loads only when figures are wanted). */
async function drawFigure(build: (report: ReportModule) => Figure, out: string): Promise<string[]> {
  const report = await import('@resnet/report');
  return report.writeFigures([build(report)], out, { formats: ['svg', 'png'] });
}

const shade = (v: number) => ' .:-=+*#%@'[Math.max(0, Math.min(9, Math.round(v * 9)))];

/** `resnet patterns`: the notebook's synthetic line patterns, printed as text and drawn. */
export const patternsCommand = defineCommand<PatternsArgs>({
  command: 'patterns',
  describe: "Generate the notebook's synthetic image patterns (horizontal, vertical, diagonal line + noise)",
  builder: (y: Argv) =>
    demoOptions(y, 'patterns')
      .option('samples', { type: 'string', default: '30', describe: 'Number of samples (class = index mod 3)' })
      .option('size', { type: 'string', default: '4', describe: 'Image side in pixels (>= 4)' })
      .option('noise', { type: 'string', default: '0.1', describe: 'Standard deviation of the added noise' })
      .example('$0 patterns --size 8 --samples 6', 'six 8x8 samples'),
  handler: async (argv: PatternsArgs) => {
    const seed = intFlag('--seed', argv.seed, 0, 0xffffffff);
    const samples = intFlag('--samples', argv.samples, 1, 100000);
    const size = intFlag('--size', argv.size, 4, 256);
    const noise = numberFlag('--noise', argv.noise, (v) => v >= 0, 'a number >= 0');
    const p = generatePatterns(createRng(seed), samples, size, noise);
    const figures = argv.figures ? await drawFigure((r) => r.patternsFigure(p), argv.out) : [];
    if (argv.json) return printJson({ ...p, classes: PATTERN_CLASSES, figures });
    const px = size * size;
    for (let i = 0; i < Math.min(3, samples); i++) {
      const label = p.y[i]!;
      console.log(`Sample ${i}: class ${label} (${PATTERN_CLASSES[label]})`);
      for (let r = 0; r < size; r++) console.log(`  ${Array.from(p.X.subarray(i * px + r * size, i * px + (r + 1) * size), shade).join(' ')}`);
    }
    console.log(`Generated ${samples} pattern samples of ${size}x${size} (seed ${seed}, noise ${noise}).`);
    if (figures.length) console.log(`Figure: ${figures.join(', ')}`);
  },
});

/** `resnet identity`: a residual block with tiny weights is almost the identity. */
export const identityCommand = defineCommand<IdentityArgs>({
  command: 'identity',
  describe: 'Show that a residual block with near-zero weights is almost the identity: F(x) + x = x',
  builder: (y: Argv) =>
    demoOptions(y, 'identity')
      .option('size', { type: 'string', default: '16', describe: 'Width of the block' })
      .option('scale', { type: 'string', default: '0.001', describe: 'Factor applied to the He-initialised weights' })
      .example('$0 identity --scale 1', 'the same block at full scale is far from the identity'),
  handler: async (argv: IdentityArgs) => {
    const seed = intFlag('--seed', argv.seed, 0, 0xffffffff);
    const size = intFlag('--size', argv.size, 1, 4096);
    const scale = numberFlag('--scale', argv.scale);
    const d = identityDemo(createRng(seed), size, scale);
    const figures = argv.figures ? await drawFigure((r) => r.identityFigure(d), argv.out) : [];
    if (argv.json) return printJson({ ...d, figures });
    console.log('Identity mapping demo:');
    console.log(`Input norm: ${d.inputNorm.toFixed(4)}`);
    console.log(`Output norm: ${d.outputNorm.toFixed(4)}`);
    console.log(`Identity error ||F(x) + x - x||: ${d.identityError.toFixed(6)}`);
    console.log(scale === 0 || d.identityError < 1e-2 * d.inputNorm ? 'With weights near zero, the block is almost the identity function.' : 'At this scale the block is far from the identity.');
    if (figures.length) console.log(`Figure: ${figures.join(', ')}`);
  },
});
