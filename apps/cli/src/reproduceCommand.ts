import type { Argv } from 'yargs';
import { defineCommand } from './defineCommand.js';
import { replayNotebook, type NotebookReplay } from '@resnet/core';
import { printJson } from './output.js';
import { formatNotebook } from './notebookText.js';

interface ReproduceArgs {
  precise: boolean;
  out: string;
  figures: boolean;
  json: boolean;
}

/** `resnet reproduce`: the notebook top to bottom, number for number. */
export const reproduceCommand = defineCommand<ReproduceArgs>({
  command: 'reproduce',
  describe: "Replay the seed notebook top to bottom (one RandomState(42)) and print what it prints, in English",
  builder: (y: Argv) =>
    y
      .option('precise', { type: 'boolean', default: false, describe: 'Print every number at full precision' })
      .option('out', { type: 'string', default: 'resnet-out/reproduce', describe: 'Folder for the figures' })
      .option('figures', { type: 'boolean', default: true, describe: 'Draw the notebook figures (--no-figures to skip)' })
      .example('$0 reproduce', "the notebook's printout and its four figures")
      .example('$0 reproduce --precise --no-figures', 'every number to the last digit'),
  handler: (argv: ReproduceArgs) => reproduce(argv),
});

async function reproduce(argv: ReproduceArgs): Promise<void> {
  const replay = replayNotebook(42);
  const figures = argv.figures ? await drawNotebook(replay, argv.out) : [];
  if (argv.json) {
    printJson({ ...replay, figures });
    return;
  }
  console.log(formatNotebook(replay, argv.precise));
  if (figures.length) console.log(`\nFigures: ${figures.join(', ')}`);
}

/** The notebook's four figures as SVG and PNG (the report package loads only when figures are wanted). */
async function drawNotebook(replay: NotebookReplay, out: string): Promise<string[]> {
  const { notebookFigures, writeFigures } = await import('@resnet/report');
  return writeFigures(notebookFigures(replay), out, { formats: ['svg', 'png'] });
}
