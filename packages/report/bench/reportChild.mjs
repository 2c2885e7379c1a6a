// One timed report in a fresh process (cold module cache), for report.bench.ts.
// argv: <report entry (dist/index.js)> <sweep dir> <out dir> <mode: plain | preload | profile>
// Prints one JSON line of milliseconds.
import { pathToFileURL } from 'node:url';

const [entry, dir, out, mode] = process.argv.slice(2);
const ms = {};
let t = performance.now();
const lap = (name) => {
  const now = performance.now();
  ms[name] = (ms[name] ?? 0) + now - t;
  t = now;
};
const start = t;
const opts = { figuresDir: `${out}/figures`, html: `${out}/report.html` };
if (mode === 'profile') {
  // Where the time goes: modules, font, data, statistics, compile+dataflow, SVG, PNG, the page.
  await import('vega');
  lap('import vega');
  await import('vega-lite');
  lap('import vega-lite');
  await import('@napi-rs/canvas');
  lap('import @napi-rs/canvas');
  const R = await import(pathToFileURL(entry).href);
  lap('import @resnet/report (rest)');
  R.installFont();
  lap('register font');
  const replay = R.notebookReplay();
  lap('notebook replay');
  const data = await R.loadSweep(dir);
  lap('load sweep folder');
  const figures = R.sweepFigures(data.cells, { replay });
  lap('statistics + specs');
  const { compile } = await import('vega-lite');
  const vega = await import('vega');
  for (const f of figures) {
    const vg = compile(f.spec).spec;
    lap('vega-lite compile');
    const view = new vega.View(vega.parse(vg), { renderer: 'none' });
    await view.runAsync();
    lap('vega parse + dataflow');
    view.finalize();
  }
  const views = [];
  for (const f of figures) views.push(await R.FigureView.create(f.spec));
  lap('(again, warm) compile + dataflow');
  for (const v of views) await v.svg();
  lap('SVG');
  const draws = [];
  for (const v of views) draws.push((await v.drawPng(2)).encoded);
  lap('PNG draw');
  await Promise.all(draws);
  lap('PNG encode (off-thread, wait)');
  await R.writeReport(dir, opts);
  lap('whole writeReport, warm');
} else {
  const R = await import(pathToFileURL(entry).href);
  lap('import');
  if (mode === 'preload' && R.preloadReport) {
    await R.preloadReport();
    lap('preloadReport');
  }
  const cpu0 = process.cpuUsage();
  const r = await R.writeReport(dir, opts);
  lap('writeReport');
  const cpu = process.cpuUsage(cpu0);
  ms['writeReport cpu'] = (cpu.user + cpu.system) / 1000;
  for (const [k, v] of Object.entries(r.steps ?? {})) ms[`  ${k}`] = v * 1000;
}
ms.total = performance.now() - start;
// CPU time of the whole process (every thread): less swayed by other load on the machine than wall-clock time.
const cpu = process.cpuUsage();
ms.cpu = (cpu.user + cpu.system) / 1000;
console.log(JSON.stringify(ms));
