import { InterruptedError, SIGNAL_NUMBERS, type TrappedSignal } from './errors.js';

/** Ctrl-C, kill and a closed terminal, turned into an AbortSignal for the work in flight. */
export interface SignalTrap {
  /** Aborted (with an InterruptedError as reason) on the first SIGINT, SIGTERM or SIGHUP. */
  readonly signal: AbortSignal;
  /** The signal received, or null. */
  received(): TrappedSignal | null;
  /** Exit code for the signal received: 128 + its number. */
  exitCode(): number;
  /** Stops trapping (the default handlers return). */
  dispose(): void;
}

/**
 * Settles as `work` does, unless a signal comes first: then rejects with `stopped()` at once, even if
 * the work cannot be cancelled (it ends with the process).
 */
export function untilSignal<T>(work: Promise<T>, trap: SignalTrap, stopped: () => Error): Promise<T> {
  const signalled = new Promise<never>((_, reject) => {
    if (trap.signal.aborted) reject(stopped());
    trap.signal.addEventListener('abort', () => reject(stopped()), { once: true });
  });
  signalled.catch(() => undefined);
  return Promise.race([work, signalled]).catch((error: unknown) => {
    throw trap.received() ? stopped() : error;
  });
}

/**
 * Traps SIGINT, SIGTERM and SIGHUP: the first aborts `signal` so the work stops and saves its state;
 * a second one exits at once with 128 + n (for a user who does not want to wait).
 */
export function trapSignals(): SignalTrap {
  const controller = new AbortController();
  let received: TrappedSignal | null = null;
  const handlers = (Object.keys(SIGNAL_NUMBERS) as TrappedSignal[]).map((name) => {
    const handler = () => {
      if (received) process.exit(128 + SIGNAL_NUMBERS[name]);
      received = name;
      controller.abort(new InterruptedError(name));
    };
    process.on(name, handler);
    return [name, handler] as const;
  });
  return {
    signal: controller.signal,
    received: () => received,
    exitCode: () => (received ? 128 + SIGNAL_NUMBERS[received] : 0),
    dispose: () => {
      for (const [name, handler] of handlers) process.off(name, handler);
    },
  };
}
