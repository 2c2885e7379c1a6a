import { escapeHtml, scriptJson } from './escape.js';
import { stylesheet } from './style.js';

/** Interactive mode's payload: the figures' specs as JSON, the libraries' scripts and the boot script. */
export interface PageScripts {
  scripts: string[];
  boot: string;
  specs: Record<string, unknown>;
}

/** What every report page holds around its own sections. */
export interface PageInput {
  title: string;
  /** The page font as a data: URL. */
  fontUrl: string;
  /** CSS appended to the shared stylesheet. */
  style?: string;
  /** Scripts for interactive figures; without them the CSP forbids every script. */
  interactive?: PageScripts | null;
  /** The sections after the title, each ending with a newline. */
  body: string;
}

/** One self-contained HTML page: inline font and styles, a CSP that forbids any request, the title, the body, then any scripts. */
export function pageHtml(page: PageInput): string {
  const scriptSrc = page.interactive ? "'unsafe-inline'" : "'none'";
  const csp = `default-src 'none'; style-src 'unsafe-inline'; font-src data:; img-src data:; script-src ${scriptSrc}; connect-src 'none'; base-uri 'none'; form-action 'none'`;
  const scripts = page.interactive
    ? [
        `<script type="application/json" id="report-specs">${scriptJson(page.interactive.specs)}</script>`,
        ...page.interactive.scripts.map((s) => `<script>${s}</script>`),
        `<script>${page.interactive.boot}</script>`,
      ].join('\n')
    : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="@resnet/report">
<link rel="icon" href="data:,">
<title>${escapeHtml(page.title)}</title>
<style>${stylesheet(page.fontUrl)}${page.style ?? ''}</style>
</head>
<body>
<main>
<h1 id="report-title">${escapeHtml(page.title)}</h1>
${page.body}</main>
${scripts}
</body>
</html>
`;
}
