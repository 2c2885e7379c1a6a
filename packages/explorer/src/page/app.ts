import { hashToState, stateToHash, TABS, type Tab } from '../model/flags.js';
import { el } from './dom.js';
import { createGradientTab } from './gradientTab.js';
import { createTrainingTab } from './trainingTab.js';

const TAB_NAMES: Record<Tab, string> = { gradient: 'Gradient flow', train: 'Training' };

/** Builds the page in #app: header, tabs, notices; keeps the state and the URL hash in step both ways. */
export function startPage(source: string | null): void {
  const app = document.getElementById('app')!;
  const { state, notes } = hashToState(location.hash);
  const notice = el('div', { class: 'notice', id: 'notice', role: 'status' });
  const showNotes = (list: string[]) => {
    notice.textContent = list.join(' ');
  };
  let written = '';
  const onChange = () => {
    written = stateToHash(state);
    history.replaceState(null, '', written === '' ? location.pathname + location.search : written);
  };
  const gradient = createGradientTab({ source, state, onChange });
  const training = createTrainingTab({ source, state, onChange });
  const panels: Record<Tab, HTMLElement> = { gradient: gradient.root, train: training.root };
  const buttons = TABS.map((tab) =>
    el(
      'button',
      { type: 'button', role: 'tab', id: `tab-button-${tab}`, 'aria-controls': panels[tab].id },
      TAB_NAMES[tab],
    ),
  );
  const select = (tab: Tab, focus = false) => {
    state.tab = tab;
    TABS.forEach((t, i) => {
      buttons[i]!.setAttribute('aria-selected', String(t === tab));
      buttons[i]!.tabIndex = t === tab ? 0 : -1;
      panels[t].hidden = t !== tab;
      panels[t].setAttribute('aria-labelledby', buttons[i]!.id);
    });
    if (focus) buttons[TABS.indexOf(tab)]!.focus();
    if (tab === 'train') training.shown();
    else gradient.shown();
  };
  buttons.forEach((b, i) => {
    b.addEventListener('click', () => {
      select(TABS[i]!);
      onChange();
    });
    b.addEventListener('keydown', (e) => {
      const key = (e as KeyboardEvent).key;
      if (key !== 'ArrowRight' && key !== 'ArrowLeft') return;
      const next = TABS[(i + (key === 'ArrowRight' ? 1 : TABS.length - 1)) % TABS.length]!;
      select(next, true);
      onChange();
    });
  });
  app.append(
    el(
      'header',
      { class: 'top' },
      el('h1', {}, 'Plain vs residual networks, live'),
      el(
        'p',
        { class: 'lede' },
        'Gradient flow at initialisation over many random seeds, and training on MNIST digits, computed in this page by @resnet/core (the numbers equal the resnet CLI’s).',
      ),
      el('div', { class: 'tabs', role: 'tablist', 'aria-label': 'Views' }, ...buttons),
    ),
    notice,
    gradient.root,
    training.root,
  );
  showNotes(notes);
  gradient.apply();
  training.apply();
  select(state.tab);
  // A link pasted or edited by hand (or Back): take its state over (the tabs hold this one state object).
  window.addEventListener('hashchange', () => {
    if (location.hash === written || (location.hash === '' && written === '')) return;
    const next = hashToState(location.hash);
    Object.assign(state.grid, next.state.grid);
    Object.assign(state.train, next.state.train);
    written = location.hash;
    showNotes(next.notes);
    select(next.state.tab);
    gradient.apply();
    training.apply(true);
  });
}
