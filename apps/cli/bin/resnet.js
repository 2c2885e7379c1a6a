#!/usr/bin/env node
// Committed launcher, so npm can link the `resnet` bin before the workspace is built (`npm ci` links
// bins first, then the root `prepare` script builds dist/).
import('../dist/main.js').catch((error) => {
  if (error && error.code === 'ERR_MODULE_NOT_FOUND' && String(error.message).includes('dist/main.js')) {
    process.stderr.write('resnet: the CLI is not built yet. Run `npm run build` (or `npm ci`) in the repository first.\n');
    process.exitCode = 1;
    return;
  }
  throw error;
});
