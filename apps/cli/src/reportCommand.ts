import { statSync } from 'node:fs';
import type { Argv } from 'yargs';
import type { ReportOptions } from '@resnet/report';
import { InterruptedError, UsageError } from './errors.js';
import { trapSignals, untilSignal } from './signals.js';
import { defineCommand } from './defineCommand.js';
import { commandLine, intFlag, textFlag } from './flags.js';
import { isTrainFolder } from './folderFormat.js';
import { flags, positional } from './options.js';
import { printJson } from './output.js';
import type { FlagText } from './sweepFlags.js';

interface ReportArgs {
  dir: string;
  html?: FlagText;
  png: boolean;
  svg: boolean;
  pdf: boolean;
  ppi?: FlagText;
  depth?: FlagText;
  title?: FlagText;
  interactive: boolean;
  json: boolean;
  quiet: boolean;
}

/** `resnet report DIR`: figures and the HTML report from a sweep folder. */
export const reportCommand = defineCommand<ReportArgs>({
  command: 'report <dir>',
  describe: 'Write figures (PNG, SVG, PDF) and a self-contained HTML report from a sweep or training folder',
  builder: (y: Argv) =>
    flags(
      positional(y, 'dir', {
        describe: 'The folder to report on: a sweep or training folder (written by resnet sweep, train or merge)',
      }),
      {
        html: {
          type: 'string',
          describe: 'Path of the HTML report (alone, it writes only the page: add --png, --svg or --pdf for figures)',
          defaultText: 'DIR/report.html',
          accepts: 'a file path',
        },
        png: { type: 'boolean', default: false, describe: 'Write PNG figures' },
        svg: { type: 'boolean', default: false, describe: 'Write SVG figures' },
        pdf: { type: 'boolean', default: false, describe: 'Write vector PDF figures (embedded TrueType fonts)' },
        ppi: {
          type: 'number',
          describe: 'PNG resolution in pixels per inch, e.g. 300 for print',
          defaultText: '144',
          accepts: 'an integer from 36 to 1200',
        },
        depth: {
          type: 'number',
          describe: 'Depth of the per-layer profiles',
          defaultText: 'the deepest swept',
          accepts: 'an integer >= 1',
        },
        title: { type: 'string', describe: 'Report title', accepts: 'a non-empty report title' },
        interactive: {
          type: 'boolean',
          default: false,
          describe: 'Inline the Vega runtime for tooltips and zoom (one offline file)',
        },
      },
    )
      .example('$0 report resnet-out/sweep', 'report.html, SVG and PNG figures')
      .example('$0 report DIR --png --ppi 300', 'PNG figures at 300 ppi')
      .example('$0 report DIR --pdf', 'vector PDF figures'),
  handler: (argv: ReportArgs) => report(argv),
});

async function report(argv: ReportArgs): Promise<void> {
  // 1. Every flag, before any work.
  const picked = (['png', 'svg', 'pdf'] as const).filter((f) => argv[f]);
  const ppi = argv.ppi === undefined ? undefined : intFlag('--ppi', argv.ppi, 36, 1200);
  const depth = argv.depth === undefined ? undefined : intFlag('--depth', argv.depth, 1);
  if (!statSync(argv.dir, { throwIfNoEntry: false })?.isDirectory())
    throw new UsageError(
      null,
      argv.dir,
      `${argv.dir} is not a folder: resnet report takes a sweep or training folder (written by resnet sweep, train or merge).`,
    );
  const training = isTrainFolder(argv.dir);
  if (training && depth !== undefined) {
    throw new UsageError(
      '--depth',
      String(argv.depth),
      'no --depth for a training folder (its curves show the shallowest and the deepest depth trained)',
    );
  }
  const html = argv.html === undefined ? undefined : textFlag('--html', argv.html, 'a file path');
  const title = argv.title === undefined ? undefined : textFlag('--title', argv.title, 'a non-empty report title');
  // 2. The report.
  // 2. The report; a signal stops it (nothing in the sweep folder changes but the report's own files).
  const reportModule = await import('@resnet/report');
  const trap = trapSignals();
  // --html alone asks for the page somewhere else: only the page (its figures inline), the folder's figures untouched.
  const formats = picked.length ? picked : html !== undefined ? [] : undefined;
  const options: ReportOptions = {
    title,
    html,
    formats,
    ppi,
    depth,
    interactive: argv.interactive,
    command: commandLine(),
    signal: trap.signal,
  };
  const stopped = () =>
    new InterruptedError(
      trap.received()!,
      `Interrupted by ${trap.received()} while writing the report of ${argv.dir}; rerun: ${commandLine()}`,
    );
  if (!argv.quiet)
    process.stderr.write(`report: writing ${writing(reportModule.resolveReportOptions(argv.dir, options))} ...\n`);
  // The folder's manifest says what it is: a training folder gets the training report.
  const write = training ? reportModule.writeTrainReport : reportModule.writeReport;
  const result = await untilSignal(write(argv.dir, options), trap, stopped).finally(() => trap.dispose());
  if (argv.json) return printJson(result);
  if (argv.quiet) {
    console.log(result.html ?? result.figures.join('\n'));
    return;
  }
  console.log(`Report: ${result.html}`);
  for (const f of result.figures) console.log(`Figure: ${f}`);
  // A sweep over variant axes: its agreement table (the report's Variants section) as text.
  if (result.variants) console.log(`\nAgreement with theory, per variant:\n${result.variants.table}\n`);
  console.log(`(${result.seconds.toFixed(2)} s)`);
}

/** What the report writes, for its progress line: its figures (formats, folder) and its page, as resolved. */
function writing(o: { html: string | null; formats: readonly string[]; figuresDir: string }): string {
  const figures = o.formats.length ? `${o.formats.join(', ')} figures in ${o.figuresDir}` : '';
  return [figures, o.html ?? ''].filter(Boolean).join(' and ');
}
