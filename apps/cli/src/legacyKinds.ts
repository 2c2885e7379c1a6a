import type * as Sweep from '@resnet/sweep';

/**
 * Until @resnet/sweep's errors carry `kind` themselves (they do in the sweep branch), gives its
 * kind-less errors the kind they will have, by `instanceof`. An error that has a kind is returned
 * as is, so this becomes a no-op after integration; delete the file then.
 */
export function adoptSweepKind(error: unknown, sweep: typeof Sweep): unknown {
  if (error === null || typeof error !== 'object' || 'kind' in error) return error;
  const state = [sweep.ConfigMismatchError, sweep.GridTooLargeError, sweep.FolderBusyError, sweep.IncompleteError, sweep.DuplicateCellsError];
  const kind = error instanceof sweep.GridError ? 'usage' : state.some((c) => error instanceof c) ? 'state' : null;
  if (kind) Object.defineProperty(error, 'kind', { value: kind, enumerable: false });
  return error;
}
