import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { resnet, resnetWithEnv } from './run.js';

const made: string[] = [];
const tmp = () => {
  const dir = mkdtempSync(join(tmpdir(), 'resnet-explore-'));
  made.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

describe('resnet explore', () => {
  it('writes the explorer: one self-contained page under 4 MB whose CSP allows no request', async () => {
    const out = join(tmp(), 'class', 'explorer.html');
    const r = await resnet('explore', '--out', out, '--json');
    expect(r.code, r.stderr).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json).toMatchObject({ file: out, url: `file://${out}`, opened: false, openError: null });
    expect(json.bytes).toBe(statSync(out).size);
    expect(json.bytes).toBeLessThan(4 * 1024 * 1024);
    const html = readFileSync(out, 'utf8');
    expect(html).toMatch(/<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'sha256-/);
    expect(html).toMatch(/connect-src 'none'/);
    expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+rel="stylesheet"|https?:\/\/[^"'\s]*\.(js|css)\b/);
  });

  it('says where it wrote the page and how to open it', async () => {
    const out = join(tmp(), 'x.html');
    const r = await resnet('explore', '--out', out);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Wrote .*x\.html \(2\.\d MB\): the explorer/m);
    expect(r.stdout).toMatch(new RegExp(`^Open file://${out}$`, 'm'));
  });

  it('--open says clearly when no desktop browser is found, and still writes the page', async () => {
    const out = join(tmp(), 'x.html');
    const missing = await resnetWithEnv({ BROWSER: join(tmp(), 'no-such-browser') }, 'explore', '--out', out, '--open');
    expect(missing.code).toBe(0);
    expect(statSync(out).size).toBeGreaterThan(0);
    expect(missing.stderr).toMatch(
      /^resnet explore --open: no browser found: .*no-such-browser failed: .*ENOENT.*Open the file yourself\.$/m,
    );
    if (process.platform !== 'linux') return; // elsewhere `open` or `start` is the desktop's own opener
    const headless = await resnetWithEnv(
      { DISPLAY: '', WAYLAND_DISPLAY: '', BROWSER: '' },
      'explore',
      '--out',
      out,
      '--open',
    );
    expect(headless.code).toBe(0);
    expect(headless.stderr).toMatch(
      /^resnet explore --open: no browser found: no desktop session here \(neither DISPLAY nor WAYLAND_DISPLAY is set\) and no \$BROWSER\. Open the file yourself\.$/m,
    );
  });

  it('--open runs $BROWSER with the page’s file:// URL', async () => {
    const out = join(tmp(), 'x.html');
    const seen = join(tmp(), 'seen.txt');
    const browser = join(tmp(), 'browser.sh');
    writeFileSync(browser, `#!/bin/sh\necho "$1" > '${seen}'\n`);
    chmodSync(browser, 0o755);
    const r = await resnetWithEnv({ BROWSER: browser }, 'explore', '--out', out, '--open', '--json');
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ opened: true });
    await expect.poll(() => readFileSync(seen, 'utf8').trim(), { timeout: 5000 }).toBe(`file://${out}`);
  });

  it('refuses a folder as --out, naming the flag', async () => {
    const dir = tmp();
    const r = await resnet('explore', '--out', dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /^resnet: --out: got ".*"; expected a file path \(that is a folder: e\.g\. .*explorer\.html\)\.$/m,
    );
  });
});
