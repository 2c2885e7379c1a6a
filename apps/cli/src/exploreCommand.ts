import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Argv } from 'yargs';
import { defineCommand } from './defineCommand.js';
import { UsageError } from './errors.js';
import { textFlag } from './flags.js';
import { openInBrowser } from './openInBrowser.js';
import { flags } from './options.js';
import { printJson } from './output.js';
import type { FlagText } from './sweepFlags.js';

interface ExploreArgs {
  out: FlagText;
  open: boolean;
  json: boolean;
  quiet: boolean;
}

/** `resnet explore`: writes the explorer, one HTML file that computes gradient flow and training in the browser. */
export const exploreCommand = defineCommand<ExploreArgs>({
  command: 'explore',
  describe: 'Write the explorer: one offline HTML page that runs gradient flow and training live in a browser',
  builder: (y: Argv) =>
    flags(y, {
      out: {
        type: 'string',
        default: 'resnet-out/explorer.html',
        describe: 'The HTML file to write',
        accepts: 'a file path',
      },
      open: { type: 'boolean', default: false, describe: 'Open it in the desktop browser' },
    })
      .example('$0 explore --open', 'write resnet-out/explorer.html and open it')
      .example('$0 explore --out class.html', 'a copy to mail or put on a USB stick'),
  handler: (argv: ExploreArgs) => explore(argv),
});

async function explore(argv: ExploreArgs): Promise<void> {
  // 1. The flag: a file, not a folder.
  const out = textFlag('--out', argv.out, 'a file path');
  if (statSync(resolve(out), { throwIfNoEntry: false })?.isDirectory())
    throw new UsageError('--out', out, `a file path (that is a folder: e.g. ${resolve(out, 'explorer.html')})`);
  // 2. The page, copied from the explorer package's build.
  const { writeExplorer } = await import('@resnet/explorer');
  const { path, bytes } = await writeExplorer(out);
  const url = pathToFileURL(path).href;
  // 3. A browser, when asked for.
  const open = argv.open ? await openInBrowser(path) : null;
  if (argv.json)
    return printJson({
      file: path,
      url,
      bytes,
      opened: open?.opened ?? false,
      openError: open && !open.opened ? open.reason : null,
    });
  if (argv.quiet) console.log(path);
  else {
    console.log(
      `Wrote ${path} (${(bytes / 1e6).toFixed(1)} MB): the explorer, one file that works offline in any browser.`,
    );
    console.log(`Open ${url}${open?.opened ? ` (opened with ${open.with})` : ''}`);
  }
  if (open && !open.opened)
    process.stderr.write(`resnet explore --open: no browser found: ${open.reason}. Open the file yourself.\n`);
}
