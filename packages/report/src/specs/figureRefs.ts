import type { Figure } from './common.js';

// Captions refer to other figures by name, never by a number typed by hand: numberFigures gives each
// reference the figure's place in the final list (the page numbers figures in that order).

/** A reference to figure `name` in a caption, numbered by numberFigures. */
export function figureRef(name: string): string {
  return `\u27e6figure:${name}\u27e7`;
}

/** The 1-based number of figure `name` in `figures` (0 when it is not there). */
export function figureNumber(figures: readonly Pick<Figure, 'name'>[], name: string): number {
  return figures.findIndex((f) => f.name === name) + 1;
}

/** The figures with every figureRef in their captions replaced by that figure's number in this list. */
export function numberFigures(figures: readonly Figure[]): Figure[] {
  return figures.map((f) => ({
    ...f,
    caption: f.caption.replace(/\u27e6figure:([^\u27e7]+)\u27e7/g, (_, name: string) =>
      String(figureNumber(figures, name)),
    ),
  }));
}
