import type { Item } from '../html/sections.js';
import { reportVersions } from '../versions.js';
import { pushAll } from '@resnet/core';

/** What a report's provenance list says, in the order it says it (every part but `drawn with` optional). */
export interface ProvenanceInput {
  /** The command that wrote the report (`Report command`, or the theory page's `Command`). */
  command: { label: string; value: string | null };
  /** The command that computed the folder, e.g. `Sweep command`. */
  job?: { label: string; command: string | null | undefined };
  /** The folder's config hash (null: not recorded); undefined: no such item. */
  configHash?: string | null;
  folder?: { label: string; path: string };
  /** What computed the data: `Computed with` (versions) or the theory's `Measured in`. */
  computed?: Item | null;
  /** When the job ran. */
  ran?: Item | null;
  /** Label of the time the report was written; default `Report written`. */
  written?: string;
  /** Items after the time (how statistics were computed). */
  notes?: readonly Item[];
}

const list = (versions: Record<string, string>) =>
  Object.entries(versions)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');

/** The `Computed with` item of a folder's recorded versions, or null when it records none. */
export function computedWith(versions: Record<string, string>): Item | null {
  const value = list(versions);
  return value ? { label: 'Computed with', value } : null;
}

/** A report's provenance items: who wrote it and what with, what it was computed from, when. */
export function provenance(p: ProvenanceInput): Item[] {
  const items: Item[] = [];
  if (p.command.value) items.push({ label: p.command.label, value: p.command.value, code: true });
  if (p.job?.command) items.push({ label: p.job.label, value: p.job.command, code: true });
  if (p.configHash !== undefined)
    items.push({ label: 'Config hash', value: p.configHash ?? 'not recorded', code: p.configHash !== null });
  if (p.folder) items.push({ label: p.folder.label, value: p.folder.path, code: true });
  if (p.computed) items.push(p.computed);
  items.push({ label: 'Drawn with', value: list(reportVersions()) });
  if (p.ran) items.push(p.ran);
  items.push({ label: p.written ?? 'Report written', value: new Date().toISOString() });
  pushAll(items, p.notes ?? []);
  return items;
}
