import type { Arch } from '@resnet/core';

/** The report's colours and band opacities (packages/report theme.ts), put in by the build. */
declare const __THEME__: {
  archColors: Record<Arch, string>;
  bandOpacity: { outer: number; inner: number };
};

/** Plain and residual colours, as in every figure of the report. */
export const ARCH_COLORS: Readonly<Record<Arch, string>> = __THEME__.archColors;
/** Opacity of the 5-95% band and of the 25-75% band over it. */
export const BAND_OPACITY = __THEME__.bandOpacity;

/** Okabe-Ito colours for further variants (colour-blind safe), after the two arch colours. */
const MORE = ['#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#000000', '#999999'];

/** A colour per curve: each arch's first curve in the arch colour, further ones from MORE in order. */
export function seriesColors(archs: readonly Arch[]): string[] {
  const seen = new Set<Arch>();
  let next = 0;
  return archs.map((a) => {
    if (!seen.has(a)) {
      seen.add(a);
      return ARCH_COLORS[a];
    }
    return MORE[next++ % MORE.length]!;
  });
}
