import type { Argv } from 'yargs';
import { defineCommand } from './defineCommand.js';
import { UsageError } from './errors.js';
import { commandLine, intFlag } from './flags.js';
import { printJson } from './output.js';

interface ReportArgs {
  dir: string;
  html?: string;
  png: boolean;
  svg: boolean;
  pdf: boolean;
  ppi?: string;
  depth?: string;
  title?: string;
  interactive: boolean;
  json: boolean;
}

/** `resnet report DIR`: figures and the HTML report from a sweep folder. */
export const reportCommand = defineCommand<ReportArgs>({
  command: 'report <dir>',
  describe: 'Write figures (PNG, SVG, PDF) and a self-contained HTML report from a sweep folder',
  builder: (y: Argv) =>
    y
      .positional('dir', { type: 'string', describe: 'A sweep output folder (holds cells.jsonl, summary.csv, manifest.json)' })
      .option('html', { type: 'string', describe: 'Path of the HTML report [default: DIR/report.html]' })
      .option('png', { type: 'boolean', default: false, describe: 'Write PNG figures' })
      .option('svg', { type: 'boolean', default: false, describe: 'Write SVG figures' })
      .option('pdf', { type: 'boolean', default: false, describe: 'Write vector PDF figures (embedded TrueType fonts)' })
      .option('ppi', { type: 'string', describe: 'PNG resolution in pixels per inch, e.g. 300 for print [default: 144]' })
      .option('depth', { type: 'string', describe: 'Depth of the per-layer profiles [default: the deepest swept]' })
      .option('title', { type: 'string', describe: 'Report title' })
      .option('interactive', { type: 'boolean', default: false, describe: 'Inline the Vega runtime for tooltips and zoom (still one offline file)' })
      .example('$0 report resnet-out/sweep', 'report.html plus SVG and PNG figures in resnet-out/sweep/figures')
      .example('$0 report resnet-out/sweep --pdf --ppi 300', 'print-ready PDF and 300 ppi PNG figures'),
  handler: (argv: ReportArgs) => report(argv),
});

async function report(argv: ReportArgs): Promise<void> {
  const picked = (['png', 'svg', 'pdf'] as const).filter((f) => argv[f]);
  const ppi = argv.ppi === undefined ? undefined : intFlag('--ppi', argv.ppi, 36, 1200);
  const depth = argv.depth === undefined ? undefined : intFlag('--depth', argv.depth, 1);
  if (argv.html === '') throw new UsageError('--html', '', 'a file path');
  const { writeReport } = await import('@resnet/report');
  const result = await writeReport(argv.dir, {
    title: argv.title,
    html: argv.html,
    formats: picked.length ? picked : undefined,
    ppi,
    depth,
    interactive: argv.interactive,
    command: commandLine(),
  });
  if (argv.json) {
    printJson(result);
    return;
  }
  console.log(`Report: ${result.html}`);
  for (const f of result.figures) console.log(`Figure: ${f}`);
  console.log(`(${result.seconds.toFixed(2)} s)`);
}
