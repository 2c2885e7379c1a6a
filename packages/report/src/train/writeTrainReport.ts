import { basename } from 'node:path';
import type { DepthUnit } from '@resnet/core';
import type { TrainManifest } from '@resnet/sweep/train';
import { plural } from '../format.js';
import type { Item } from '../html/sections.js';
import type { ReportOptions } from '../options.js';
import { computedWith, provenance } from '../page/provenance.js';
import { writePage, type ReportKind } from '../page/writePage.js';
import type { Figure } from '../specs/common.js';
import type { ReportResult } from '../writeReport.js';
import { loadTrain, type TrainData } from './loadTrain.js';
import { trainHtmlTitle } from './title.js';
import { dataText } from './trainContent.js';
import { renderTrainHtml } from './trainHtml.js';
import { planPlace } from './runPlace.js';
import { trainFigures } from './trainFigures.js';

/** The training report on the page pipeline: error curves against epoch, final train error against depth, a table. */
const TRAIN_REPORT: ReportKind<TrainData, { figures: Figure[] }> = {
  title: trainHtmlTitle,
  reads: 'train',
  load: (dir) => loadTrain(dir),
  prepare: (data) => ({ figures: trainFigures(data.runs, data.summary, planPlace(data.plan)) }),
  html: (data, _prepared, page) =>
    renderTrainHtml({
      title: page.o.title,
      lede: lede(data),
      figures: page.figures,
      dataLinks: Object.values(data.files).map((path) => ({ label: basename(path), href: page.href(path) })),
      summary: data.summary,
      grid: gridItems(data.manifest, data.runs.length),
      provenance: provenanceItems(data, page.o.command),
      fontUrl: page.fontUrl,
      interactive: page.interactive,
    }),
};

/**
 * Reads a training folder (`resnet-train/2`) and writes its figures (default SVG and PNG into
 * <dir>/figures, each with its Vega-Lite spec) and one self-contained HTML report (default
 * <dir>/report.html), on the page pipeline (page/writePage.ts).
 */
export async function writeTrainReport(dir: string, options: ReportOptions = {}): Promise<ReportResult> {
  const r = await writePage(TRAIN_REPORT, dir, options);
  return { html: r.html, figures: r.figures, specs: r.specs, seconds: r.seconds, steps: r.steps };
}

function lede(data: TrainData): string {
  const m = data.manifest;
  const opt = m.options;
  return (
    `${plural(data.runs.length, 'training run')}: ${m.grid.archs.join(' and ')} nets of ${m.grid.depths.join(', ')} ${UNIT_WORDS[m.grid.axes?.depthUnit ?? 'layers']}, ` +
    `${plural(m.grid.seeds.count, 'seed')} each, ${plural(Number(opt['epochs']), 'epoch')} on ${dataText(m.data)}. ` +
    'Every line is the median over seeds and every band the range.'
  );
}

/** What a depth counts in each depth unit (a training grid's default: weight layers). */
const UNIT_WORDS: Record<DepthUnit, string> = {
  layers: 'weight layers',
  blocks: 'residual blocks',
  native: 'weight layers (plain) or residual blocks (residual)',
};

function gridItems(m: TrainManifest, runs: number): Item[] {
  const o = m.options;
  const items: Item[] = [
    { label: 'Architectures', value: m.grid.archs.join(', ') },
    {
      label: 'Depths',
      value: `${m.grid.depths.join(', ')} ${UNIT_WORDS[m.grid.axes?.depthUnit ?? 'layers']} (residual: two per block plus the first and last)`,
    },
    { label: 'Seeds', value: `${m.grid.seeds.start} – ${m.grid.seeds.start + m.grid.seeds.count - 1}` },
    { label: 'Runs', value: String(runs) },
    {
      label: 'Data',
      value: `${dataText(m.data)}; ${m.data.features} features, ${m.data.classes} classes (data ${m.data.name}, crc32 ${m.data.crc32})`,
    },
    {
      label: 'Training',
      value:
        `width ${o['width']}, BatchNorm ${o['batchNorm'] ? 'on' : 'off'}, branch scale ${o['branchScale'] ?? m.grid.axes?.branchScale?.join(' and ')}, ${o['optimizer']} lr ${o['lr']} (${o['schedule']}), ` +
        `momentum ${o['momentum']}, weight decay ${o['weightDecay']}, batch ${o['batchSize']}, ${o['epochs']} epochs`,
    },
  ];
  if (m.shard)
    items.push({
      label: 'Shard',
      value: `Shard ${m.shard.index} of ${m.shard.count} (this folder holds part of the grid)`,
    });
  return items;
}

function provenanceItems(data: TrainData, command: string | null): Item[] {
  const m = data.manifest;
  const ran = Object.entries(m.run ?? {}).filter(([, v]) => ['string', 'number', 'boolean'].includes(typeof v));
  return provenance({
    command: { label: 'Report command', value: command },
    job: { label: 'Train command', command: m.command },
    configHash: m.configHash,
    folder: { label: 'Training folder', path: data.dir },
    computed: computedWith(m.versions),
    ran: ran.length ? { label: 'Run', value: ran.map(([k, v]) => `${k} ${String(v)}`).join(', ') } : null,
  });
}
