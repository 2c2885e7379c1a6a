import { el } from './dom.js';

// The page's controls. Each edits one flag's text (what the URL and the CLI line hold): chips for lists of
// names, a text field (the flag's own syntax) with an optional slider and preset buttons for numbers.

/** A control on the page: its element, how to show a text, and where its error goes. */
export interface Control {
  root: HTMLElement;
  /** A slider over a list of values: gives it new values (the profile depth's follow the swept depths). */
  retune?(values: readonly number[]): void;
  /** Shows `text` (the flag's value; '' = its default) without firing onChange. */
  set(text: string): void;
  /** Shows an error under the control (null clears it). */
  setError(message: string | null): void;
}

interface Common {
  /** Element id prefix, unique on the page. */
  id: string;
  label: string;
  help: string;
  onChange(text: string): void;
}

function frame(o: Common, tag: 'div' | 'fieldset', ...body: HTMLElement[]) {
  const error = el('p', { class: 'error', id: `${o.id}-error`, role: 'alert' });
  const head =
    tag === 'fieldset'
      ? el('legend', { class: 'name' }, o.label)
      : el('div', { class: 'head' }, el('label', { class: 'name', for: `${o.id}-text` }, o.label));
  const root = el(
    tag,
    { class: 'control', id: o.id },
    head,
    ...body,
    el('p', { class: 'help', id: `${o.id}-help` }, o.help),
    error,
  );
  const setError = (message: string | null) => {
    error.textContent = message ?? '';
    root.dataset['invalid'] = message ? 'true' : 'false';
  };
  return { root, setError };
}

/** Chips for a list of names (checkboxes; `single`: radio buttons). '' shows `fallback` checked (the default). */
export function chipsControl(
  o: Common & { options: readonly string[]; fallback: readonly string[]; single?: boolean; required?: boolean },
): Control {
  const inputs = o.options.map((name) =>
    el('input', { type: o.single ? 'radio' : 'checkbox', name: o.id, value: name, id: `${o.id}-${name}` }),
  );
  const chips = el(
    'div',
    { class: 'chips' },
    ...inputs.map((input, i) => el('label', { class: 'chip', for: input.id }, input, el('span', {}, o.options[i]!))),
  );
  const { root, setError } = frame(o, 'fieldset', chips);
  root.setAttribute('aria-describedby', `${o.id}-help`);
  const set = (text: string) => {
    const chosen = text === '' ? o.fallback : text.split(',').map((s) => s.trim());
    for (const input of inputs) input.checked = chosen.includes(input.value);
  };
  chips.addEventListener('change', (event) => {
    let chosen = inputs.filter((i) => i.checked).map((i) => i.value);
    if (chosen.length === 0 && o.required) {
      (event.target as HTMLInputElement).checked = true; // at least one stays
      return;
    }
    if (chosen.length === 0) chosen = [...o.fallback];
    const same = chosen.length === o.fallback.length && chosen.every((c, i) => c === o.fallback[i]);
    o.onChange(same && !o.required ? '' : chosen.join(','));
  });
  return { root, set, setError };
}

/** A slider over a numeric range, or over a list of values (its steps). */
export type SliderSpec = { min: number; max: number; step: number } | { values: readonly number[] };

/** A text field with the flag's syntax, an optional slider for a single number, and preset buttons. */
export function numberControl(
  o: Common & { slider?: SliderSpec; presets?: readonly { label: string; text: string }[]; placeholder?: string },
): Control {
  const text = el('input', {
    type: 'text',
    id: `${o.id}-text`,
    spellcheck: 'false',
    autocomplete: 'off',
    placeholder: o.placeholder ?? '',
    'aria-describedby': `${o.id}-help ${o.id}-error`,
  });
  let values = o.slider && 'values' in o.slider ? o.slider.values : null;
  const range = o.slider
    ? el('input', {
        type: 'range',
        id: `${o.id}-slider`,
        'aria-label': `${o.label} (slider)`,
        min: values ? 0 : (o.slider as { min: number }).min,
        max: values ? values.length - 1 : (o.slider as { max: number }).max,
        step: values ? 1 : (o.slider as { step: number }).step,
      })
    : null;
  const presets = (o.presets ?? []).map((p) =>
    el(
      'button',
      { type: 'button', 'aria-pressed': 'false', 'data-text': p.text, title: `${o.label} = ${p.text || 'default'}` },
      p.label,
    ),
  );
  const rows: HTMLElement[] = [el('div', { class: 'row' }, text)];
  if (range) rows.push(el('div', { class: 'row' }, range));
  if (presets.length) rows.push(el('div', { class: 'row presets' }, ...presets));
  const { root, setError } = frame(o, 'div', ...rows);
  const show = (value: string) => {
    text.value = value;
    for (const b of presets) b.setAttribute('aria-pressed', String(b.dataset['text'] === value));
    if (!range) return;
    const v = Number(value);
    const single = value.trim() !== '' && Number.isFinite(v);
    range.disabled = !single && value.trim() !== '';
    if (single) range.value = String(values ? nearestIndex(values, v) : v);
    range.setAttribute('aria-valuetext', value || 'default');
  };
  const change = (value: string) => {
    show(value);
    o.onChange(value);
  };
  text.addEventListener('change', () => change(text.value.trim()));
  text.addEventListener('keydown', (e) => {
    if ((e as KeyboardEvent).key === 'Enter') change(text.value.trim());
  });
  range?.addEventListener('input', () => {
    const v = values ? values[Number(range.value)]! : Number(range.value);
    change(String(Number(v.toPrecision(6))));
  });
  for (const b of presets) b.addEventListener('click', () => change(b.dataset['text']!));
  const retune = (next: readonly number[]) => {
    if (!range || !values) return;
    values = next;
    range.max = String(Math.max(0, next.length - 1));
    show(text.value);
  };
  return { root, set: show, setError, retune };
}

function nearestIndex(values: readonly number[], v: number): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (Math.abs(values[i]! - v) < Math.abs(values[best]! - v)) best = i;
  return best;
}

/** A checkbox for a true/false flag. */
export function toggleControl(o: Common): Control {
  const box = el('input', { type: 'checkbox', id: `${o.id}-text`, 'aria-describedby': `${o.id}-help` });
  const { root, setError } = frame(o, 'div', el('div', { class: 'row' }, box, el('label', { for: box.id }, 'on')));
  box.addEventListener('change', () => o.onChange(String(box.checked)));
  return { root, set: (t) => (box.checked = t !== 'false'), setError };
}
