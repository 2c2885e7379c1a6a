import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// What a stranger does: npm-pack every published package, install the tarballs into an empty project
// outside the workspace (dependencies from the npm registry), and use them from there.

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const PACKAGES = [
  'packages/core',
  'packages/sweep',
  'packages/report',
  'packages/data',
  'packages/explorer',
  'apps/cli',
];
/** Installing from the registry can be slow on a cold cache; correctness, not speed, is tested here. */
const INSTALL_TIMEOUT = 600_000;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** The environment without the npm_* variables of the `npm test` that started vitest (they would steer the inner npm). */
function cleanEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { FORCE_COLOR: '0', NO_COLOR: '1' };
  for (const [key, value] of Object.entries(process.env)) {
    if (!/^npm_/i.test(key) && key !== 'INIT_CWD') env[key] = value;
  }
  return env;
}

/** Runs a program to completion; never rejects, so a failure's output reaches the assertion. */
function run(file: string, args: string[], cwd: string): Promise<Run> {
  return new Promise((res) => {
    execFile(file, args, { cwd, env: cleanEnv(), maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      res({ code, stdout, stderr: error && !stderr ? String(error) : stderr });
    });
  });
}

/** The README's "Using @resnet/core" TypeScript example, exactly as written. */
function readmeCoreExample(): string {
  const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
  const section = readme.split(/^## /m).find((s) => s.startsWith('Using @resnet/core'));
  const code = section?.match(/```ts\n([\s\S]*?)```/)?.[1];
  if (!code) throw new Error('README.md has no ```ts block under "## Using @resnet/core"');
  return code;
}

/** Type-checks one file of the project as a strict consumer would: lib es2017 + dom, skipLibCheck off. */
async function typeCheck(file: string, types: string[], extra: string[] = []): Promise<Run> {
  const compilerOptions = {
    target: 'es2017',
    lib: ['es2017', 'dom'],
    module: 'nodenext',
    moduleResolution: 'nodenext',
    strict: true,
    skipLibCheck: false,
    noEmit: true,
    types,
  };
  const config = `tsconfig.${file}.json`;
  writeFileSync(join(project, config), JSON.stringify({ compilerOptions, files: [file] }, null, 2));
  const tsc = join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc');
  return run(process.execPath, [tsc, '-p', config, ...extra], project);
}

let root: string;
let project: string;
let install: Run;

beforeAll(async () => {
  for (const pkg of PACKAGES) {
    if (!existsSync(join(repoRoot, pkg, 'dist', 'index.js')) && !existsSync(join(repoRoot, pkg, 'dist', 'main.js'))) {
      throw new Error(`${pkg}/dist is missing: run \`npm run build\` first (npm test does).`);
    }
  }
  root = mkdtempSync(join(tmpdir(), 'resnet-pack-'));
  const tarballs = join(root, 'tarballs');
  project = join(root, 'project');
  mkdirSync(tarballs);
  const workspaces = PACKAGES.flatMap((p) => ['-w', p]);
  const pack = await run('npm', ['pack', '--loglevel=error', '--pack-destination', tarballs, ...workspaces], repoRoot);
  expect(pack.code, pack.stderr).toBe(0);
  const files = readdirSync(tarballs).filter((f) => f.endsWith('.tgz'));
  expect(files).toHaveLength(PACKAGES.length);

  mkdirSync(project);
  const manifest = { name: 'consumer', version: '1.0.0', private: true, type: 'module' };
  writeFileSync(join(project, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  install = await run(
    'npm',
    [
      'install',
      '--no-audit',
      '--no-fund',
      '--prefer-offline',
      '--no-package-lock',
      ...files.map((f) => join(tarballs, f)),
      '@types/node@20',
    ],
    project,
  );
}, INSTALL_TIMEOUT);

afterAll(() => {
  if (root) rmSync(root, { recursive: true, force: true });
});

describe('the packed packages, installed into an empty project outside the workspace', () => {
  it('install from their tarballs with npm', () => {
    expect(relative(repoRoot, project).startsWith('..'), 'the project is outside the repository').toBe(true);
    expect(install.code, install.stderr).toBe(0);
    for (const name of ['core', 'sweep', 'report', 'data', 'explorer', 'cli']) {
      const dir = join(project, 'node_modules', '@resnet', name);
      expect(existsSync(join(dir, 'package.json')), name).toBe(true);
      expect(existsSync(join(dir, 'LICENSE')), `${name} LICENSE`).toBe(true);
      expect(existsSync(join(dir, 'README.md')), `${name} README.md`).toBe(true);
      if (name !== 'cli') expect(existsSync(join(dir, 'dist', 'index.d.ts')), `${name} dist/index.d.ts`).toBe(true);
    }
  });

  it('need no auto-correction when published (`npm pkg fix` changes none of their package.json files)', async () => {
    for (const pkg of PACKAGES) {
      const dir = mkdtempSync(join(root, 'fix-'));
      const original = readFileSync(join(repoRoot, pkg, 'package.json'), 'utf8');
      writeFileSync(join(dir, 'package.json'), original);
      if (existsSync(join(repoRoot, pkg, 'bin')))
        cpSync(join(repoRoot, pkg, 'bin'), join(dir, 'bin'), { recursive: true });
      const r = await run('npm', ['pkg', 'fix'], dir);
      expect(r.code, r.stderr).toBe(0);
      expect(JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')), pkg).toEqual(JSON.parse(original));
    }
  });

  it('run `resnet sweep` from the installed bin', { timeout: 120_000 }, async () => {
    const out = join(root, 'sweep-out');
    const bin = join(project, 'node_modules', '.bin', 'resnet');
    const r = await run(bin, ['sweep', '--depths', '5..6', '--seeds', '2', '--out', out, '--no-report'], project);
    expect(r.code, r.stderr).toBe(0);
    expect(existsSync(join(out, 'manifest.json'))).toBe(true);
    expect(existsSync(join(out, 'summary.csv'))).toBe(true);
    expect(() => JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'))).not.toThrow();
  });

  it('write the explorer with `resnet explore` from the installed bin (the page comes built in the tarball)', async () => {
    const out = join(root, 'explorer.html');
    const bin = join(project, 'node_modules', '.bin', 'resnet');
    const r = await run(bin, ['explore', '--out', out], project);
    expect(r.code, r.stderr).toBe(0);
    const html = readFileSync(out, 'utf8');
    expect(html).toBe(readFileSync(join(repoRoot, 'packages/explorer/dist/explorer.html'), 'utf8'));
  });

  it('import @resnet/core from an ES module and from CommonJS (require of an ES module, Node >= 20.19)', async () => {
    const golden = JSON.parse(readFileSync(join(repoRoot, 'tests/fixtures/golden/golden_grid.json'), 'utf8')) as {
      cells: { arch: string; depth: number; seed: number; ratio: number }[];
    };
    const expected = golden.cells.find((c) => c.arch === 'plain' && c.depth === 5 && c.seed === 0)!.ratio;
    const body = "console.log(JSON.stringify(runCell({ arch: 'plain', depth: 5, seed: 0 }).ratio));\n";
    writeFileSync(join(project, 'esm.mjs'), `import { runCell } from '@resnet/core';\n${body}`);
    writeFileSync(join(project, 'cjs.cjs'), `const { runCell } = require('@resnet/core');\n${body}`);
    for (const file of ['esm.mjs', 'cjs.cjs']) {
      const r = await run(process.execPath, [file], project);
      expect(r.code, `${file}: ${r.stderr}`).toBe(0);
      const ratio = Number(r.stdout.trim());
      expect(Math.abs(ratio - expected) / expected, file).toBeLessThan(1e-11);
    }
  });

  it("type-checks the README's core example against the published .d.ts (lib es2017 + dom, skipLibCheck off)", async () => {
    writeFileSync(join(project, 'example.ts'), readmeCoreExample());
    const r = await typeCheck('example.ts', []);
    expect(r.stdout + r.stderr).toBe('');
    expect(r.code).toBe(0);
  });

  it('load the MNIST split from the installed @resnet/data (its mnist dependency resolved from the install)', async () => {
    const body =
      'const { train, test } = loadMnist();\nconsole.log(JSON.stringify([train.count, test.count, train.features]));\n';
    writeFileSync(join(project, 'data.mjs'), `import { loadMnist } from '@resnet/data';\n${body}`);
    const r = await run(process.execPath, ['data.mjs'], project);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual([7996, 2004, 784]);
  });

  it('type-checks every export of core, sweep, report, data and explorer from their .d.ts, never our sources', async () => {
    const names = ['core', 'sweep', 'report', 'data', 'explorer'];
    const lines = names.map((n) => `import * as ${n} from '@resnet/${n}';`);
    lines.push(`console.log(${names.map((n) => `Object.keys(${n}).length`).join(', ')});`);
    writeFileSync(join(project, 'all.ts'), `${lines.join('\n')}\n`);
    const r = await typeCheck('all.ts', ['node']);
    expect(r.stdout + r.stderr).toBe('');
    expect(r.code).toBe(0);
    const listed = await typeCheck('all.ts', ['node'], ['--listFilesOnly']);
    const ours = listed.stdout.split('\n').filter((f) => f.includes('/@resnet/'));
    expect(ours.length).toBeGreaterThan(0);
    expect(ours.filter((f) => !f.endsWith('.d.ts'))).toEqual([]);
  });
});
