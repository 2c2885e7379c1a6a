#!/usr/bin/env node
// Committed launcher, so npm can link the `resnet` bin before the workspace is built (`npm ci` links
// bins first, then the root `prepare` script builds dist/).
import { readFileSync, statSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const dist = fileURLToPath(new URL('../dist/', import.meta.url));

/**
 * dist/resnet.mjs is the CLI bundled with the workspace packages (`npm run build`, scripts/bundle.mjs), a few files
 * instead of hundreds of modules; dist/main.js (the module tree) is used when there is no bundle or a file it was
 * made from (dist/resnet.inputs.json) was written since (more than 2 s later: a build cache restores every file
 * within moments, in any order). An input that is not there (an npm install has no workspace) changes nothing.
 */
function entry() {
  try {
    const stale = statSync(`${dist}resnet.mjs`).mtimeMs + 2000;
    for (const file of JSON.parse(readFileSync(`${dist}resnet.inputs.json`, 'utf8'))) {
      const input = statSync(`${dist}${file}`, { throwIfNoEntry: false });
      if (input && input.mtimeMs > stale) return 'main.js';
    }
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
