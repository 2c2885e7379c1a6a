import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';

/** The built page (written by the package's build, scripts/buildPage.mjs). */
export const EXPLORER_HTML = new URL('./explorer.html', import.meta.url);

/** The explorer page's HTML; a clear error when the package was not built. */
export async function readExplorerHtml(): Promise<string> {
  try {
    return await readFile(EXPLORER_HTML, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    throw new Error(
      `The explorer page ${EXPLORER_HTML.pathname} is missing: run \`npm run build\` (it builds the page).`,
    );
  }
}

/** Writes the page to `file` (folders created; written whole then renamed, so no half page is left) and returns its absolute path and size. */
export async function writeExplorer(file: string): Promise<{ path: string; bytes: number }> {
  const html = await readExplorerHtml();
  const path = resolve(file);
  await mkdir(dirname(path), { recursive: true });
  const part = `${path}.${process.pid}.part`;
  await writeFile(part, html);
  await rename(part, path);
  return { path, bytes: Buffer.byteLength(html) };
}
