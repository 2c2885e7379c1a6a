import { GRID_DEFAULTS, GRID_FLAGS, TRAIN_DEFAULTS, type ExplorerState } from '../model/flags.js';

/** Quotes one argument for a POSIX shell when it needs it (as the CLI's manifests do). */
export function shellQuote(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

const PAGE_ONLY = new Set(['depth', 'threads']);

/** The `resnet sweep` command that computes the tab's grid (and the report line for a chosen profile depth). */
export function sweepCommand(state: ExplorerState): string {
  const args = ['resnet', 'sweep'];
  for (const f of GRID_FLAGS) {
    const v = state.grid[f];
    if (PAGE_ONLY.has(f) || v === '' || (v === GRID_DEFAULTS[f] && f !== 'depths' && f !== 'seeds')) continue;
    args.push(`--${f}`, v);
  }
  const lines = [args.map(shellQuote).join(' ')];
  if (state.grid.depth !== '') lines.push(`resnet report resnet-out/sweep --depth ${shellQuote(state.grid.depth)}`);
  return lines.join('\n');
}

/** The `resnet train` command that trains the tab's two nets (with its seeds, every epoch's record in runs.parquet). */
export function trainCommand(state: ExplorerState): string {
  const t = state.train;
  const args = ['resnet', 'train', '--depths', t.depths, '--seeds', t.seeds];
  for (const f of ['epochs', 'width', 'batch-size', 'lr', 'optimizer', 'schedule', 'branch-scale', 'limit'] as const)
    if (t[f] !== TRAIN_DEFAULTS[f] && t[f] !== '') args.push(`--${f}`, t[f]);
  if (t['batch-norm'] === 'false') args.push('--no-batch-norm');
  return args.map(shellQuote).join(' ');
}
