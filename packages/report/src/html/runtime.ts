import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { TopLevelSpec } from 'vega-lite';
import { ReportError } from '../errors.js';
import { hoverLayer } from '../specs/bandSpec.js';
import { scriptSource } from './escape.js';

const require = createRequire(import.meta.url);
/** Browser builds inlined in interactive mode, in load order (vega-embed reads the `vega` and `vegaLite` globals). */
const RUNTIME = [
  ['vega', 'vega.min.js'],
  ['vega-lite', 'vega-lite.min.js'],
  ['vega-embed', 'vega-embed.min.js'],
] as const;

/** The minified vega, vega-lite and vega-embed browser builds, ready to inline as `<script>` bodies. */
export async function runtimeScripts(): Promise<string[]> {
  return Promise.all(
    RUNTIME.map(async ([pkg, file]) => {
      // Each package's entry point sits in its build/ folder, beside the minified browser build.
      let path: string;
      try {
        path = join(dirname(require.resolve(pkg)), file);
        return scriptSource(await readFile(path, 'utf8'));
      } catch (e) {
        throw new ReportError(
          `Interactive mode needs ${pkg}'s browser build (${file}): ${(e as Error).message}. Run \`npm install\`.`,
          undefined,
          undefined,
          'failure',
        );
      }
    }),
  );
}

/** Name of the scale-bound interval selection (wheel zooms, drag pans) added to layered charts. */
const ZOOM = 'zoom';

/**
 * The spec the browser embeds: no $schema (nothing to look up), and for single-view layered charts
 * an interval selection bound to the scales, so wheel zooms and drag pans.
 */
export function interactiveSpec(spec: TopLevelSpec): TopLevelSpec {
  const { $schema: _schema, ...rest } = spec as TopLevelSpec & { layer?: Record<string, unknown>[] };
  const layers = (rest as { layer?: Record<string, unknown>[] }).layer;
  if (!Array.isArray(layers)) return rest as TopLevelSpec;
  const target = layers.findIndex(
    (l) => (l.mark as { type?: string })?.type === 'point' || (l.mark as { type?: string })?.type === 'line',
  );
  if (target < 0) return rest as TopLevelSpec;
  const layer = layers.map((l, i) =>
    i === target ? { ...l, params: [{ name: ZOOM, select: 'interval', bind: 'scales' }] } : l,
  );
  // Band figures: invisible points on the median line, so hovering anywhere near it shows the tooltip; unclipped,
  // they follow the zoom through a filter on its selection (see hoverLayer).
  const hover = layers.map((l) => hoverLayer(l, ZOOM)).filter((l): l is Record<string, unknown> => l !== null);
  return { ...rest, layer: [...layer, ...hover] } as unknown as TopLevelSpec;
}

/** Boot script: embed every figure from the JSON block with vega-embed (SVG renderer, no action links, no eval). */
export const BOOT_SCRIPT = `(function () {
  var specs = JSON.parse(document.getElementById('report-specs').textContent);
  var jobs = Object.keys(specs).map(function (name) {
    var el = document.getElementById('vis-' + name);
    return vegaEmbed(el, specs[name], { renderer: 'svg', actions: false, mode: 'vega-lite', ast: true })
      .then(function () { el.setAttribute('data-interactive', 'true'); })
      .catch(function (e) { console.error('figure ' + name + ' failed to embed: ' + e); });
  });
  Promise.all(jobs).then(function () { document.documentElement.setAttribute('data-interactive-ready', 'true'); });
})();`;
