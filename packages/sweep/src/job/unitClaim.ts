import { CONTROL_BEGUN, CONTROL_STOP } from './job.js';

/**
 * Whether a worker begins unit `unit` of a job whose units commit in order: always before a stop; after one, only
 * when a later unit has begun, since that unit's results wait for this one to be committed (without it, a stop
 * that found unit 0 still queued behind a slow start while unit 1 ran kept nothing). The unit is claimed first,
 * so of two units deciding at once the earlier sees the later and runs; the later may be skipped.
 */
export function beginOrderedUnit(control: Int32Array, unit: number): boolean {
  const claim = unit + 1;
  let seen = Atomics.load(control, CONTROL_BEGUN);
  while (seen < claim) {
    const before = Atomics.compareExchange(control, CONTROL_BEGUN, seen, claim);
    if (before === seen) break;
    seen = before;
  }
  return Atomics.load(control, CONTROL_STOP) === 0 || Atomics.load(control, CONTROL_BEGUN) > claim;
}
