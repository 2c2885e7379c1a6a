import { join } from 'node:path';
import type { Argv } from 'yargs';
import { defineCommand } from './defineCommand.js';
import { InterruptedError } from './errors.js';
import { commandLine, outFolderFlag } from './flags.js';
import { isTrainFolder } from './folderFormat.js';
import { flags, positional } from './options.js';
import { printJson } from './output.js';
import { trapSignals, type SignalTrap } from './signals.js';
import { formatSummaryTable, readSummary } from './summaryTable.js';
import { formatTrainTable } from './trainTable.js';
import type { FlagText } from './sweepFlags.js';

interface MergeArgs {
  dirs: string[];
  out: FlagText;
  report: boolean;
  json: boolean;
  quiet: boolean;
}

/** `resnet merge DIR... --out DIR`: combine shard folders into one sweep. */
export const mergeCommand = defineCommand<MergeArgs>({
  command: 'merge <dirs..>',
  describe:
    'Merge shard folders into one sweep or training folder (refuses missing rows, duplicates and config mismatches)',
  builder: (y: Argv) =>
    flags(
      positional(y, 'dirs', {
        describe: 'Shard folders of one sweep or training grid',
        array: true,
      }),
      {
        out: {
          type: 'string',
          demandOption: true,
          describe: 'Folder for the merged sweep or training',
          accepts: 'a folder path',
        },
        report: { type: 'boolean', default: true, describe: 'Write the HTML report (--no-report to skip)' },
      },
    ).example('$0 merge s1 s2 s3 s4 --out all', 'the same bytes as one machine'),
  handler: (argv: MergeArgs) => merge(argv),
});

async function merge(argv: MergeArgs): Promise<void> {
  const out = outFolderFlag('--out', argv.out);
  // A signal stops the merge between pieces of its files: --out is left as it was, with no temporary file.
  const trap = trapSignals();
  try {
    if (argv.dirs.length > 0 && isTrainFolder(argv.dirs[0]!)) return await mergeTrain(argv, out, trap);
    await mergeSweep(argv, out, trap);
  } catch (error) {
    if (!trap.received()) throw error;
    throw new InterruptedError(trap.received()!, `Interrupted by ${trap.received()}: ${(error as Error).message}`);
  } finally {
    trap.dispose();
  }
}

async function mergeSweep(argv: MergeArgs, out: string, trap: SignalTrap): Promise<void> {
  const sweep = await import('@resnet/sweep');
  const report = argv.report ? import('@resnet/report') : null;
  report?.catch(() => undefined);
  const result = await sweep.mergeSweeps(argv.dirs, out, { command: commandLine(), signal: trap.signal });
  const written = report
    ? await (await report).writeReport(out, { command: commandLine(), signal: trap.signal })
    : null;
  if (argv.json) return printJson({ out: result.out, cellCount: result.cellCount, report: written?.html ?? null });
  if (argv.quiet) {
    console.log(written?.html ?? result.out);
    return;
  }
  console.log(
    `Merged ${argv.dirs.length} folders: ${result.cellCount.toLocaleString('en-US')} cells in ${result.out}/`,
  );
  console.log(`\n${formatSummaryTable(await readSummary(out), join(out, 'summary.csv'))}\n`);
  if (written?.html) console.log(`Report: ${written.html}`);
}

/** `resnet merge` of training folders (format resnet-train/2): the shards' runs joined, the training report written. */
async function mergeTrain(argv: MergeArgs, out: string, trap: SignalTrap): Promise<void> {
  const sweep = await import('@resnet/sweep/train');
  const result = await sweep.mergeTrainFolders(argv.dirs, out, { command: commandLine(), signal: trap.signal });
  const written = argv.report
    ? await (await import('@resnet/report')).writeTrainReport(out, { command: commandLine(), signal: trap.signal })
    : null;
  if (argv.json) return printJson({ out: result.out, runCount: result.runCount, report: written?.html ?? null });
  if (argv.quiet) {
    console.log(written?.html ?? result.out);
    return;
  }
  console.log(`Merged ${argv.dirs.length} folders: ${result.runCount} training runs in ${result.out}/`);
  console.log(`\n${formatTrainTable(result.summary, Number(result.manifest.options['epochs']))}\n`);
  if (written?.html) console.log(`Report: ${written.html}`);
}
