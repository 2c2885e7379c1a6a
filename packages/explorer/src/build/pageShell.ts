import { createHash } from 'node:crypto';

/** What the explorer page is made of: its one script, stylesheet, font and embedded digits. */
export interface ExplorerPageParts {
  /** The bundled script (page and worker in one: workers start from its own text as a blob). */
  script: string;
  css: string;
  /** The font as a data: URL. */
  fontUrl: string;
  /** The deflated digits (mnistFormat.ts), base64. */
  mnist: string;
}

/** The inline script's CSP source: its sha256, so no other script can run. */
export function scriptHash(script: string): string {
  return `'sha256-${createHash('sha256').update(script, 'utf8').digest('base64')}'`;
}

/**
 * The page's Content-Security-Policy: nothing may be fetched (no connect, no remote script, style, font or image);
 * the one inline script runs by its hash, compiles WebAssembly (core's GEMM) and starts workers from blob: URLs.
 */
export function explorerCsp(script: string): string {
  return [
    "default-src 'none'",
    `script-src ${scriptHash(script)} 'wasm-unsafe-eval'`,
    'worker-src blob:',
    "style-src 'unsafe-inline'",
    'font-src data:',
    'img-src data:',
    "connect-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

/** One self-contained HTML page: works from file://, offline, and asks for nothing over the network. */
export function explorerPageHtml(parts: ExplorerPageParts): string {
  if (/<\/script/i.test(parts.script))
    throw new Error('the bundled script holds "</script": it would end the element early');
  if (!/^[A-Za-z0-9+/=]*$/.test(parts.mnist)) throw new Error('the embedded digits are not base64');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${explorerCsp(parts.script)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="@resnet/explorer">
<link rel="icon" href="data:,">
<title>ResNet explorer: gradient flow and training, plain vs residual</title>
<style>@font-face { font-family: ResnetExplorerSans; src: url(${parts.fontUrl}) format("truetype"); font-weight: 400; font-style: normal; }
${parts.css}</style>
</head>
<body>
<noscript><p class="noscript">The explorer computes in your browser with JavaScript: turn it on for this page (nothing is fetched; the page works offline).</p></noscript>
<div id="app"></div>
<script type="application/octet-stream" id="mnist-digits">${parts.mnist}</script>
<script>${parts.script}</script>
</body>
</html>
`;
}
