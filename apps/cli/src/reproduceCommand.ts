import type { Argv } from 'yargs';
import type { NotebookReplay } from '@resnet/core';
import { defineCommand } from './defineCommand.js';
import { outFolderFlag } from './flags.js';
import { flags } from './options.js';
import { patternsJson, printJson } from './output.js';
import { formatNotebook } from './notebookText.js';
import { seedSpread, spreadCaveat } from './seedSpread.js';
import type { FlagText } from './sweepFlags.js';

interface ReproduceArgs {
  precise: boolean;
  out: FlagText;
  figures: boolean;
  json: boolean;
  quiet: boolean;
}

/** `resnet reproduce`: the notebook top to bottom, number for number. */
export const reproduceCommand = defineCommand<ReproduceArgs>({
  command: 'reproduce',
  describe: 'Replay the seed notebook top to bottom (one RandomState(42)) and print what it prints, in English',
  builder: (y: Argv) =>
    flags(y, {
      precise: { type: 'boolean', default: false, describe: 'Print every number at full precision' },
      out: {
        type: 'string',
        default: 'resnet-out/reproduce',
        describe: 'Folder for the figures',
        accepts: 'a folder path',
      },
      figures: { type: 'boolean', default: true, describe: 'Draw the notebook figures (--no-figures to skip)' },
    })
      .example('$0 reproduce', "the notebook's printout and figures")
      .example('$0 reproduce --precise', 'every number to the last digit'),
  handler: (argv: ReproduceArgs) => reproduce(argv),
});

async function reproduce(argv: ReproduceArgs): Promise<void> {
  const out = outFolderFlag('--out', argv.out);
  const core = await import('@resnet/core');
  const replay = core.replayNotebook(42);
  // The notebook's "N x better" is one seed of a heavy-tailed ratio: say how it spreads over seeds.
  const spread = seedSpread(core, replay.depth);
  const figures = argv.figures ? await drawNotebook(replay, out) : [];
  if (argv.json)
    return printJson({ ...replay, patterns: patternsJson(replay.patterns), improvementOverSeeds: spread, figures });
  if (argv.quiet) {
    if (figures.length) console.log(figures.join('\n'));
    return;
  }
  console.log(formatNotebook(replay, argv.precise, spreadCaveat(spread)));
  if (figures.length) console.log(`\nFigures: ${figures.join(', ')}`);
}

/** The notebook's four figures as SVG and PNG (the report package loads only when figures are wanted). */
async function drawNotebook(replay: NotebookReplay, out: string): Promise<string[]> {
  const { notebookFigures, writeFigures } = await import('@resnet/report');
  return writeFigures(notebookFigures(replay), out, { formats: ['svg', 'png'] });
}
