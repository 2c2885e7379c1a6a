import { join } from 'node:path';
import type { TheoryResult } from '@resnet/core';
import type { Item } from '../html/sections.js';
import { provenance } from '../page/provenance.js';
import { writePage, type ReportKind } from '../page/writePage.js';
import type { Figure } from '../specs/common.js';
import { checkFormats, type FigureFormat } from '../writeFigures.js';
import { theoryFigures } from './theoryFigures.js';
import { theoryLede, theorySettingItems } from './theoryContent.js';
import { renderTheoryHtml } from './theoryHtml.js';

/** Options of writeTheoryReport. */
export interface TheoryReportOptions {
  /** Figure files per prediction, in <dir>/figures; default ['svg', 'png']. */
  formats?: readonly FigureFormat[];
  /** The command line that produced the result, for the provenance list. */
  command?: string;
}

/** What writeTheoryReport wrote. */
export interface TheoryReportResult {
  /** <dir>/theory.html. */
  html: string;
  /** <dir>/theory.json: the result as data. */
  json: string;
  /** Figure files and their .vl.json specs. */
  figures: string[];
}

/** The theory page on the page pipeline: the result is its data (theory.json beside the page). */
function theoryReport(result: TheoryResult): ReportKind<TheoryResult, { figures: Figure[] }> {
  return {
    title: 'Theory against measurement',
    load: async () => result,
    prepare: (r) => ({ figures: theoryFigures(r) }),
    files: (r) => ({ [THEORY_JSON]: `${JSON.stringify(r, null, 2)}\n` }),
    html: (r, _prepared, page) =>
      renderTheoryHtml({
        title: page.o.title,
        lede: theoryLede(r, THEORY_JSON),
        rows: r.rows,
        figures: page.figures,
        settings: theorySettingItems(r),
        provenance: provenanceItems(r, page.o.command ?? undefined),
        fontUrl: page.fontUrl,
      }),
  };
}

/** The theory page's data file beside it. */
const THEORY_JSON = 'theory.json';

/**
 * Writes a theory result into dir on the page pipeline: theory.html (self-contained: the agreement
 * table, one figure per prediction inline as SVG, captions from the data), theory.json (the data), and
 * each figure as files in dir/figures. Every file is written whole or not at all.
 */
export async function writeTheoryReport(
  result: TheoryResult,
  dir: string,
  options: TheoryReportOptions = {},
): Promise<TheoryReportResult> {
  const r = await writePage(theoryReport(result), dir, {
    formats: checkFormats(options.formats ?? ['svg', 'png']),
    html: join(dir, 'theory.html'),
    ...(options.command === undefined ? {} : { command: options.command }),
  });
  return {
    html: r.html!,
    json: r.files[0]!,
    figures: interleave(r.figures, r.specs, options.formats ?? ['svg', 'png']),
  };
}

function provenanceItems(result: TheoryResult, command?: string): Item[] {
  return provenance({
    command: { label: 'Command', value: command ?? null },
    computed: { label: 'Measured in', value: `${result.seconds.toFixed(1)} s` },
    written: 'Written',
  });
}

/** Each figure's files (in the formats' order) followed by its spec, as writeTheoryReport lists them. */
function interleave(files: readonly string[], specs: readonly string[], formats: readonly string[]): string[] {
  const per = formats.length;
  return specs.flatMap((spec, i) => [...files.slice(i * per, (i + 1) * per), spec]);
}
