#!/usr/bin/env node
// Compiles each WebAssembly text file of @resnet/core (src/**/*.wat) with the npm wabt package and writes its
// bytes beside it as <name>Bytes.ts, the module core embeds (core has no runtime dependencies and reads no
// files at run time). `--check` writes nothing and exits 1 when an embedded module differs from its source.
// Run: `npm run wat -w @resnet/core` (or `node packages/core/scripts/compileWat.mjs [--check] [file.wat ...]`).
import { writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { bytesModule, compileWat, embeddedBytes, watSources } from './wat.mjs';

const check = process.argv.includes('--check');
const given = process.argv.slice(2).filter((a) => a !== '--check');
let stale = 0;
for (const file of given.length ? given : watSources()) {
  const bytes = await compileWat(file);
  const target = join(dirname(file), `${basename(file, '.wat')}Bytes.ts`);
  if (check) {
    let same = false;
    try {
      same = Buffer.from(embeddedBytes(target)).equals(Buffer.from(bytes));
    } catch {
      // a missing module is stale
    }
    if (!same) stale++;
    console.log(`${same ? 'up to date' : 'STALE     '} ${target}`);
  } else {
    writeFileSync(target, bytesModule(file, bytes));
    console.log(`wrote ${target} (${bytes.length} bytes)`);
  }
}
if (stale) process.exitCode = 1;
