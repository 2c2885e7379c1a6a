#!/usr/bin/env node
// Committed launcher, so npm can link the `resnet` bin before the workspace is built (`npm ci` links
// bins first, then the root `prepare` script builds dist/).
import { readdirSync, statSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const dist = fileURLToPath(new URL('../dist/', import.meta.url));

/**
 * dist/resnet.mjs is the CLI with yargs bundled in one file (`npm run build`), about 50 ms faster to
 * start than the module tree; dist/main.js is used when there is no bundle or tsc wrote a file since
 * (more than 2 s later: a build cache restores every file within moments, in any order).
 */
function entry() {
  try {
    const stale = statSync(`${dist}resnet.mjs`).mtimeMs + 2000;
    for (const file of readdirSync(dist))
      if (file.endsWith('.js') && statSync(`${dist}${file}`).mtimeMs > stale) return 'main.js';
    return 'resnet.mjs';
  } catch {
    return 'main.js';
  }
}

import(pathToFileURL(`${dist}${entry()}`).href).catch((error) => {
  if (error && error.code === 'ERR_MODULE_NOT_FOUND' && /dist\/(main\.js|resnet\.mjs)/.test(String(error.message))) {
    process.stderr.write(
      'resnet: the CLI is not built yet. Run `npm run build` (or `npm ci`) in the repository first.\n',
    );
    process.exitCode = 1;
    return;
  }
  throw error;
});
