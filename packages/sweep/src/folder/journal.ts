import { crc, crcHex } from './checksum.js';

// The resume journal (.resume/journal.jsonl): one line per committed unit of work, numbered in commit
// order (the JSON keys keep format 2's names: `block` is that number, `cells` the unit's rows). A line is
// `<entry JSON>\t<crc32 of the JSON, 8 hex>\n`; a line whose checksum does not match, that does not
// parse, or that is not the next number ends the journal (it and every line after it are dropped).

/** One part file's state after an entry: its length and running crc32, and the entry's own bytes' crc32. */
export interface JournalFile {
  /** Byte length of the part file after this entry. */
  end: number;
  /** crc32 of the part file's bytes [0, end), 8 hex. */
  crc32: string;
  /** crc32 of this entry's bytes, 8 hex. */
  block: string;
}

/** A committed unit of work. */
export interface JournalEntry {
  block: number;
  cells: number;
  nonFinite: number;
  /** Per part file name (e.g. `cells.jsonl`, `cellstats.f64`). */
  files: Record<string, JournalFile>;
  /** Parquet row group metadata of the unit (offsets relative to the row group's first byte). */
  rowGroup?: unknown;
  /** What the block holds when blocks are committed as they finish (training: `{run: k}`). */
  meta?: unknown;
}

/** One journal line, newline included. */
export function journalLine(entry: JournalEntry): string {
  const json = JSON.stringify(entry);
  return `${json}\t${crcHex(crc(Buffer.from(json)))}\n`;
}

/**
 * Parses a journal's text: the entries of its valid prefix, and where each of their lines ends.
 * `first` is the number the first entry must hold; each next entry holds the next number.
 */
export function parseJournal(text: Buffer, first: number): { entries: JournalEntry[]; lineEnds: number[] } {
  const entries: JournalEntry[] = [];
  const lineEnds: number[] = [];
  let at = 0;
  for (;;) {
    const nl = text.indexOf(0x0a, at);
    if (nl < 0) break;
    const line = text.subarray(at, nl).toString('utf8');
    const tab = line.lastIndexOf('\t');
    if (tab < 0) break;
    const json = line.slice(0, tab);
    if (crcHex(crc(Buffer.from(json))) !== line.slice(tab + 1)) break;
    let entry: JournalEntry;
    try {
      entry = JSON.parse(json) as JournalEntry;
    } catch {
      break;
    }
    if (entry.block !== first + entries.length || typeof entry.files !== 'object' || entry.files === null) break;
    entries.push(entry);
    at = nl + 1;
    lineEnds.push(at);
  }
  return { entries, lineEnds };
}
