import type * as Report from '@resnet/report';
import type * as Sweep from '@resnet/sweep';

// Until the errors of @resnet/sweep and @resnet/report carry `kind` themselves (they do in their own
// branches), these give their kind-less errors the kind they will have, by `instanceof`. An error that
// has a kind is returned as is, so both become no-ops after integration; delete this file then.

/** Sets `kind` on an error that has none, when `pick` names one. */
function adopt(error: unknown, pick: (e: object) => 'usage' | 'state' | null): unknown {
  if (error === null || typeof error !== 'object' || 'kind' in error) return error;
  const kind = pick(error);
  if (kind) Object.defineProperty(error, 'kind', { value: kind, enumerable: false });
  return error;
}

/** @resnet/sweep: a bad grid flag is usage; a folder or limit that refuses the request is state. */
export function adoptSweepKind(error: unknown, sweep: typeof Sweep): unknown {
  const state = [sweep.ConfigMismatchError, sweep.GridTooLargeError, sweep.FolderBusyError, sweep.IncompleteError, sweep.DuplicateCellsError];
  return adopt(error, (e) => (e instanceof sweep.GridError ? 'usage' : state.some((c) => e instanceof c) ? 'state' : null));
}

/** @resnet/report: a bad report option is usage. */
export function adoptReportKind(error: unknown, report: typeof Report): unknown {
  return adopt(error, (e) => (e instanceof report.ReportOptionsError ? 'usage' : null));
}
