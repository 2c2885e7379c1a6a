import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** How a file was (or was not) handed to a browser. */
export type OpenResult = { opened: true; with: string } | { opened: false; reason: string };

/** The first executable called `name` on PATH, or null. */
function onPath(name: string, env: NodeJS.ProcessEnv): string | null {
  for (const dir of (env['PATH'] ?? '').split(delimiter)) {
    if (!dir) continue;
    const file = join(dir, name);
    try {
      accessSync(file, constants.X_OK);
      return file;
    } catch {
      // not here
    }
  }
  return null;
}

/** The program that opens a URL in the desktop's browser here: $BROWSER, `open` (macOS), `start` (Windows), xdg-open with a display. */
export function browserOpener(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): { command: string; args: string[] } | { reason: string } {
  const own = env['BROWSER']?.trim();
  if (own) return { command: own, args: [] };
  if (platform === 'darwin') return { command: 'open', args: [] };
  if (platform === 'win32') return { command: 'cmd', args: ['/c', 'start', '""'] };
  if (!env['DISPLAY'] && !env['WAYLAND_DISPLAY'])
    return { reason: 'no desktop session here (neither DISPLAY nor WAYLAND_DISPLAY is set) and no $BROWSER' };
  const xdg = onPath('xdg-open', env);
  if (!xdg) return { reason: 'xdg-open is not on PATH and $BROWSER is not set' };
  return { command: xdg, args: [] };
}

/** Opens a file in the desktop's browser without waiting for it; says why not when there is none. */
export function openInBrowser(file: string, env: NodeJS.ProcessEnv = process.env): Promise<OpenResult> {
  const opener = browserOpener(env);
  if ('reason' in opener) return Promise.resolve({ opened: false, reason: opener.reason });
  const url = pathToFileURL(file).href;
  return new Promise((resolve) => {
    const child = spawn(opener.command, [...opener.args, url], { detached: true, stdio: 'ignore', env });
    child.once('error', (e) => resolve({ opened: false, reason: `${opener.command} failed: ${e.message}` }));
    child.once('spawn', () => {
      child.unref();
      resolve({ opened: true, with: opener.command });
    });
  });
}
