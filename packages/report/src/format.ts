/** A number in 3 significant digits for captions and tables: 0.0123, 2.35, 1.2e+9; NaN as "n/a". */
export function fmt(v: number, digits = 3): string {
  if (!Number.isFinite(v)) return Number.isNaN(v) ? 'n/a' : v > 0 ? '∞' : '−∞';
  const a = Math.abs(v);
  if (a !== 0 && (a >= 1e5 || a < 1e-3)) return v.toExponential(digits - 1).replace('e+', 'e');
  return String(Number(v.toPrecision(digits)));
}

/** A list of depths in words: "5–40 (36 depths)" when consecutive, else "4, 8, 16". */
export function depthList(depths: readonly number[]): string {
  if (depths.length > 3 && depths.every((d, i) => i === 0 || d === depths[i - 1]! + 1)) {
    return `${depths[0]}–${depths[depths.length - 1]} (${depths.length} depths)`;
  }
  return depths.join(', ');
}

/** "1 seed" / "7,200 cells". */
export function plural(n: number, word: string): string {
  return `${thousands(n)} ${word}${n === 1 ? '' : 's'}`;
}

/** An integer with comma thousands separators, as toLocaleString('en-US') but without loading ICU's locale data (~20 ms cold). */
export function thousands(n: number): string {
  return Number.isSafeInteger(n) ? String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',') : String(n);
}
