/** Attributes and event handlers of an element built by el(). */
type Attrs = Record<string, string | number | boolean | null | undefined | ((event: Event) => void)>;

/** Builds an element: attributes (`on<event>` functions become listeners; false/null leave the attribute out) and children. */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: (Node | string | null | undefined | false)[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (typeof value === 'function') node.addEventListener(key.slice(2), value);
    else if (value === true) node.setAttribute(key, '');
    else if (value !== false && value !== null && value !== undefined) node.setAttribute(key, String(value));
  }
  for (const child of children) if (child !== null && child !== undefined && child !== false) node.append(child);
  return node;
}

/** Escapes text for HTML (element content and quoted attributes). */
export function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A link to a source, opened in a new tab (a click navigates; the page itself requests nothing). */
export function paperLink(text: string, href: string): HTMLAnchorElement {
  return el('a', { href, target: '_blank', rel: 'noopener noreferrer' }, text);
}

const shown = new WeakMap<Element, string>();

/** Sets an element's markup unless it already shows exactly that (no re-parse, no re-layout for nothing). */
export function setHtml(element: Element, html: string): void {
  if (shown.get(element) === html) return;
  shown.set(element, html);
  element.innerHTML = html;
}
