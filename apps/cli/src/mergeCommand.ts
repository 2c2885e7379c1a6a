import type { Argv } from 'yargs';
import { defineCommand } from './defineCommand.js';
import { commandLine } from './flags.js';
import { printJson } from './output.js';
import { formatSummaryTable, readSummary } from './summaryTable.js';

interface MergeArgs {
  dirs: string[];
  out: string;
  report: boolean;
  json: boolean;
}

/** `resnet merge DIR... --out DIR`: combine shard folders into one sweep. */
export const mergeCommand = defineCommand<MergeArgs>({
  command: 'merge <dirs..>',
  describe: 'Merge shard folders into one sweep folder (refuses missing cells, duplicates and config mismatches)',
  builder: (y: Argv) =>
    y
      .positional('dirs', { type: 'string', array: true, describe: 'Shard output folders' })
      .option('out', { type: 'string', demandOption: true, describe: 'Folder for the merged sweep' })
      .option('report', { type: 'boolean', default: true, describe: 'Write the HTML report (--no-report to skip)' })
      .example('$0 merge shard1 shard2 shard3 shard4 --out merged', 'equals the single-machine sweep byte for byte'),
  handler: (argv: MergeArgs) => merge(argv),
});

async function merge(argv: MergeArgs): Promise<void> {
  const { mergeSweeps } = await import('@resnet/sweep');
  const result = await mergeSweeps(argv.dirs, argv.out, { command: commandLine() });
  const report = argv.report ? await (await import('@resnet/report')).writeReport(argv.out, { command: commandLine() }) : null;
  if (argv.json) {
    printJson({ ...result, report: report?.html ?? null });
    return;
  }
  console.log(`Merged ${argv.dirs.length} folders: ${result.cellCount.toLocaleString('en-US')} cells in ${result.out}/`);
  console.log(`\n${formatSummaryTable(await readSummary(argv.out))}\n`);
  if (report?.html) console.log(`Report: ${report.html}`);
}
