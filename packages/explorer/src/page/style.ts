/** The page's stylesheet: large readable type for a projector, two columns on a wide screen, one on a phone. */
export function stylesheet(): string {
  return `:root { color-scheme: light; --ink: #1a1a1a; --muted: #4a4a4a; --line: #d9d9d9; --accent: #0b57a4; --bg2: #f5f6f7; }
* { box-sizing: border-box; }
[hidden] { display: none !important; }
body { font-family: ResnetExplorerSans, DejaVu Sans, Verdana, sans-serif; font-size: 16px; line-height: 1.45; color: var(--ink); background: #fff; margin: 0; }
a { color: var(--accent); }
button, input, select { font: inherit; color: inherit; }
:focus-visible { outline: 3px solid #f0a000; outline-offset: 2px; }
header.top { padding: 12px 20px 0; border-bottom: 1px solid var(--line); }
header.top h1 { font-size: 23px; font-weight: 400; margin: 0; line-height: 1.25; }
header.top .lede { margin: 2px 0 8px; color: var(--muted); font-size: 15px; }
.tabs { display: flex; gap: 4px; flex-wrap: wrap; }
.tabs button { border: 1px solid var(--line); border-bottom: none; background: var(--bg2); padding: 7px 16px; border-radius: 6px 6px 0 0; cursor: pointer; font-size: 16px; }
.tabs button[aria-selected="true"] { background: #fff; border-color: #999; position: relative; top: 1px; }
.notice { margin: 10px 20px 0; padding: 8px 12px; background: #fff4e0; border: 1px solid #e8c27a; border-radius: 6px; font-size: 15px; }
.notice:empty { display: none; }
.workspace { display: grid; grid-template-columns: minmax(290px, 330px) minmax(0, 1fr); gap: 20px; padding: 14px 20px 40px; }
.controls { display: flex; flex-direction: column; gap: 10px; min-width: 0; }
.controls h2 { font-size: 17px; font-weight: 400; margin: 6px 0 0; color: var(--muted); border-bottom: 1px solid var(--line); padding-bottom: 2px; }
.control { border: none; margin: 0; padding: 0; min-width: 0; }
.control > .head { display: flex; justify-content: space-between; align-items: baseline; gap: 8px; }
.control label.name, .control legend.name { font-size: 16px; padding: 0; }
.control .help { margin: 2px 0 0; font-size: 13.5px; color: var(--muted); line-height: 1.35; }
.control .row { display: flex; align-items: center; gap: 8px; margin-top: 3px; flex-wrap: wrap; }
.control input[type="text"] { width: 100%; min-width: 0; padding: 5px 8px; border: 1px solid #999; border-radius: 4px; font-size: 16px; }
.control input[type="range"] { flex: 1 1 140px; min-width: 120px; margin: 0; accent-color: var(--accent); height: 28px; }
.control .error { color: #a30000; font-size: 14px; margin: 3px 0 0; }
.control .error:empty { display: none; }
.control[data-invalid="true"] input[type="text"] { border-color: #a30000; background: #fff5f5; }
.chips { display: flex; flex-wrap: wrap; gap: 6px; margin-top: 3px; }
.chip { position: relative; }
.chip input { position: absolute; opacity: 0; width: 1px; height: 1px; }
.chip span { display: inline-block; padding: 4px 11px; border: 1px solid #999; border-radius: 16px; cursor: pointer; background: #fff; font-size: 15px; }
.chip input:checked + span { background: var(--accent); color: #fff; border-color: var(--accent); }
.chip input:focus-visible + span { outline: 3px solid #f0a000; outline-offset: 2px; }
.presets { display: flex; flex-wrap: wrap; gap: 6px; }
.presets button, .actions button { padding: 3px 10px; border: 1px solid #999; border-radius: 4px; background: var(--bg2); cursor: pointer; font-size: 14.5px; }
.presets button[aria-pressed="true"] { border-color: var(--accent); box-shadow: inset 0 0 0 1px var(--accent); }
.actions { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; }
.actions button { font-size: 16px; padding: 6px 14px; }
.actions button.primary { background: var(--accent); color: #fff; border-color: var(--accent); }
.results { min-width: 0; display: flex; flex-direction: column; gap: 12px; }
.status { font-size: 15px; color: var(--muted); min-height: 1.45em; overflow-wrap: anywhere; }
.legend { display: flex; flex-wrap: wrap; gap: 6px 18px; font-size: 15px; align-items: center; }
.legend .key { display: inline-flex; align-items: center; gap: 6px; }
.legend svg { width: 30px; height: 14px; flex: none; }
.plots { display: grid; grid-template-columns: repeat(auto-fill, minmax(min(100%, 400px), 1fr)); gap: 14px 18px; }
figure { margin: 0; min-width: 0; }
figure h3 { font-size: 16px; font-weight: 400; margin: 0 0 2px; }
figure .plot { aspect-ratio: 480 / 300; contain: strict; }
figure svg { display: block; width: 100%; height: 100%; }
figcaption { font-size: 14px; color: var(--muted); line-height: 1.35; margin-top: 2px; }
svg text { font-family: ResnetExplorerSans, DejaVu Sans, Verdana, sans-serif; fill: #222; }
svg .tick { font-size: 15px; }
svg .title { font-size: 16px; }
svg .grid { stroke: #ececec; }
svg .axis { stroke: #777; }
svg .vline { stroke: #cfcfcf; stroke-dasharray: 3 3; }
svg .ref { stroke: #888; stroke-width: 1.2; }
svg .median { fill: none; stroke-width: 2.2; stroke-linejoin: round; }
svg .theory { fill: none; stroke-width: 2.2; stroke-dasharray: 8 5; }
svg .point { fill: #fff; stroke-width: 1.8; }
.theory-notes { font-size: 14px; color: var(--muted); margin: 0; padding-left: 18px; }
.table-block { content-visibility: auto; contain-intrinsic-size: auto 300px; }
.table-block h3 { font-size: 16px; font-weight: 400; margin: 6px 0 4px; }
.table-block p { font-size: 14px; color: var(--muted); margin: 0 0 6px; }
.table-wrap { overflow: auto; max-height: 420px; border: 1px solid var(--line); border-radius: 4px; }
table { border-collapse: collapse; font-size: 13.5px; font-variant-numeric: tabular-nums; }
th, td { padding: 3px 9px; text-align: right; white-space: nowrap; border-bottom: 1px solid #eee; }
th { font-weight: 400; }
thead th { position: sticky; top: 0; background: #fafafa; font-weight: 400; border-bottom: 1px solid #999; }
td.text, th.text { text-align: left; }
code.cli { display: block; font-size: 13.5px; background: var(--bg2); padding: 6px 8px; border-radius: 4px; overflow-wrap: anywhere; white-space: pre-wrap; }
.train-plots { display: grid; grid-template-columns: repeat(auto-fill, minmax(min(100%, 380px), 1fr)); gap: 14px 18px; }
.noscript { margin: 20px; font-size: 18px; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
@media (max-width: 860px) {
  .workspace { grid-template-columns: minmax(0, 1fr); padding: 10px 12px 32px; }
  .workspace > .results { order: -1; }
  header.top { padding: 10px 12px 0; }
  header.top h1 { font-size: 20px; }
  .notice { margin: 8px 12px 0; }
}
`;
}
