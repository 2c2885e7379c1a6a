// Reads which characters a TrueType font maps to a glyph (cmap formats 4 and 12), to check font subsets
// without asking a renderer (which would quietly fall back to a system font for a missing glyph).

/** Code points the font's Unicode cmap maps to a glyph other than .notdef. */
export function cmapCodePoints(ttf: Buffer): Set<number> {
  const tables = ttf.readUInt16BE(4);
  let cmap = -1;
  for (let i = 0; i < tables; i++) {
    const rec = 12 + 16 * i;
    if (ttf.toString('latin1', rec, rec + 4) === 'cmap') cmap = ttf.readUInt32BE(rec + 8);
  }
  if (cmap < 0) throw new Error('no cmap table');
  const out = new Set<number>();
  const subtables = ttf.readUInt16BE(cmap + 2);
  for (let i = 0; i < subtables; i++) {
    const at = cmap + ttf.readUInt32BE(cmap + 4 + 8 * i + 4);
    const format = ttf.readUInt16BE(at);
    if (format === 4) {
      const segs = ttf.readUInt16BE(at + 6) / 2;
      const ends = at + 14;
      const starts = ends + 2 * segs + 2;
      const deltas = starts + 2 * segs;
      const offsets = deltas + 2 * segs;
      for (let s = 0; s < segs; s++) {
        const end = ttf.readUInt16BE(ends + 2 * s);
        const start = ttf.readUInt16BE(starts + 2 * s);
        const delta = ttf.readInt16BE(deltas + 2 * s);
        const offset = ttf.readUInt16BE(offsets + 2 * s);
        for (let c = start; c <= end && c !== 0xffff; c++) {
          const glyph =
            offset === 0 ? (c + delta) & 0xffff : ttf.readUInt16BE(offsets + 2 * s + offset + 2 * (c - start));
          if (glyph !== 0) out.add(c);
        }
      }
    } else if (format === 12) {
      const groups = ttf.readUInt32BE(at + 12);
      for (let g = 0; g < groups; g++) {
        const rec = at + 16 + 12 * g;
        const [start, end, glyph] = [ttf.readUInt32BE(rec), ttf.readUInt32BE(rec + 4), ttf.readUInt32BE(rec + 8)];
        for (let c = start; c <= end; c++) if (glyph + (c - start) !== 0) out.add(c);
      }
    }
  }
  return out;
}
