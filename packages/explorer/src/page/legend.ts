import { esc } from './dom.js';

const swatch = (body: string) => `<svg viewBox="0 0 30 14" aria-hidden="true">${body}</svg>`;

/** The plots' key: one colour per curve, then what each mark means (median, bands, theory, root mean square). */
export function legendHtml(curves: { name: string; color: string }[], theory: boolean): string {
  const keys = curves.map(
    (c) =>
      `<span class="key">${swatch(`<rect x="0" y="2" width="30" height="10" fill="${c.color}" fill-opacity="0.2"/><line x1="0" x2="30" y1="7" y2="7" stroke="${c.color}" stroke-width="2.5"/>`)}${esc(c.name)}</span>`,
  );
  const grey = '#555';
  keys.push(
    `<span class="key">${swatch(`<line x1="0" x2="30" y1="7" y2="7" stroke="${grey}" stroke-width="2.5"/>`)}median</span>`,
    `<span class="key">${swatch(`<rect x="0" y="0" width="30" height="14" fill="${grey}" fill-opacity="0.15"/><rect x="0" y="4" width="30" height="6" fill="${grey}" fill-opacity="0.35"/>`)}25–75% and 5–95% of seeds</span>`,
  );
  if (theory)
    keys.push(
      `<span class="key">${swatch(`<line x1="0" x2="30" y1="7" y2="7" stroke="${grey}" stroke-width="2.5" stroke-dasharray="8 5"/>`)}theory (root mean square)</span>`,
      `<span class="key">${swatch(`<circle cx="15" cy="7" r="4" fill="#fff" stroke="${grey}" stroke-width="1.8"/>`)}measured root mean square</span>`,
    );
  return keys.join('');
}
