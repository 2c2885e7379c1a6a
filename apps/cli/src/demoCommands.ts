import type { Argv } from 'yargs';
import { defineCommand } from './defineCommand.js';
import { intFlag, numberFlag, outFolderFlag } from './flags.js';
import { flags } from './options.js';
import { patternsJson, printJson } from './output.js';
import type { FlagText } from './sweepFlags.js';

interface DemoArgs {
  seed: FlagText;
  out: FlagText;
  figures: boolean;
  json: boolean;
  quiet: boolean;
}

interface PatternsArgs extends DemoArgs {
  samples: FlagText;
  size: FlagText;
  noise: FlagText;
}

interface IdentityArgs extends DemoArgs {
  size: FlagText;
  scale: FlagText;
}

const demoOptions = (y: Argv, name: string) =>
  flags(y, {
    seed: {
      type: 'number',
      default: 42,
      describe: 'Seed of the RandomState the demo draws from',
      accepts: 'an integer from 0 to 4294967295',
    },
    out: { type: 'string', default: `resnet-out/${name}`, describe: 'Folder for the figure', accepts: 'a folder path' },
    figures: { type: 'boolean', default: true, describe: 'Draw the figure (--no-figures to skip)' },
  });

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
    flags(demoOptions(y, 'patterns'), {
      samples: {
        type: 'number',
        default: 30,
        describe: 'Number of samples (class = index mod 3)',
        accepts: 'an integer from 1 to 100000',
      },
      size: {
        type: 'number',
        default: 4,
        describe: 'Image side in pixels (>= 4)',
        accepts: 'an integer from 4 to 256',
      },
      noise: {
        type: 'number',
        default: 0.1,
        describe: 'Standard deviation of the added noise',
        accepts: 'a number >= 0',
      },
    }).example('$0 patterns --size 8 --samples 6', 'six 8x8 samples'),
  handler: async (argv: PatternsArgs) => {
    const seed = intFlag('--seed', argv.seed, 0, 0xffffffff);
    const samples = intFlag('--samples', argv.samples, 1, 100000);
    const size = intFlag('--size', argv.size, 4, 256);
    const noise = numberFlag('--noise', argv.noise, (v) => v >= 0, 'a number >= 0');
    const out = outFolderFlag('--out', argv.out);
    const { createRng, generatePatterns, PATTERN_CLASSES } = await import('@resnet/core');
    const p = generatePatterns(createRng(seed), samples, size, noise);
    const figures = argv.figures ? await drawFigure((r) => r.patternsFigure(p), out) : [];
    if (argv.json) return printJson({ ...patternsJson(p), classes: PATTERN_CLASSES, figures });
    if (argv.quiet) return void (figures.length && console.log(figures.join('\n')));
    const px = size * size;
    for (let i = 0; i < Math.min(3, samples); i++) {
      const label = p.y[i]!;
      console.log(`Sample ${i}: class ${label} (${PATTERN_CLASSES[label]})`);
      for (let r = 0; r < size; r++)
        console.log(`  ${Array.from(p.X.subarray(i * px + r * size, i * px + (r + 1) * size), shade).join(' ')}`);
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
    flags(demoOptions(y, 'identity'), {
      size: { type: 'number', default: 16, describe: 'Width of the block', accepts: 'an integer from 1 to 4096' },
      scale: {
        type: 'number',
        default: 0.001,
        describe: 'Factor applied to the He-initialised weights',
        accepts: 'a finite number',
      },
    }).example('$0 identity --scale 1', 'full scale: far from the identity'),
  handler: async (argv: IdentityArgs) => {
    const seed = intFlag('--seed', argv.seed, 0, 0xffffffff);
    const size = intFlag('--size', argv.size, 1, 4096);
    const scale = numberFlag('--scale', argv.scale);
    const out = outFolderFlag('--out', argv.out);
    const { createRng, identityDemo } = await import('@resnet/core');
    const d = identityDemo(createRng(seed), size, scale);
    const figures = argv.figures ? await drawFigure((r) => r.identityFigure(d), out) : [];
    if (argv.json) return printJson({ ...d, figures });
    if (argv.quiet) return void (figures.length && console.log(figures.join('\n')));
    console.log('Identity mapping demo:');
    console.log(`Input norm: ${d.inputNorm.toFixed(4)}`);
    console.log(`Output norm: ${d.outputNorm.toFixed(4)}`);
    console.log(`Identity error ||F(x) + x - x||: ${d.identityError.toFixed(6)}`);
    console.log(
      scale === 0 || d.identityError < 1e-2 * d.inputNorm
        ? 'With weights near zero, the block is almost the identity function.'
        : 'At this scale the block is far from the identity.',
    );
    if (figures.length) console.log(`Figure: ${figures.join(', ')}`);
  },
});
