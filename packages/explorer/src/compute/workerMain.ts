import { runGridTask } from './gridTask.js';
import type { GridResult, TrainProgress, WorkerRequest, WorkerResponse } from './messages.js';
import { TrainSession } from './trainSession.js';

/** The slice of a dedicated worker's global scope used here (the package compiles against the DOM lib). */
interface WorkerScope {
  postMessage(message: WorkerResponse, transfer: Transferable[]): void;
  onmessage: ((event: MessageEvent<WorkerRequest>) => void) | null;
}

/** The buffers a response can hand over without a copy. */
export function transferables(message: WorkerResponse): Transferable[] {
  if (message.kind !== 'grid') return [];
  const out: Transferable[] = [];
  if (message.stats) out.push(message.stats.buffer);
  if (message.profile) out.push(message.profile.values.buffer);
  return out;
}

/** Handles one request with `post` as the way back; shared by a worker and the page's in-thread stand-in. */
export function createRequestHandler(
  post: (message: GridResult | TrainProgress) => void,
  yieldThen: (fn: () => void) => void,
): (request: WorkerRequest) => void {
  const sessions = new Map<number, TrainSession>();
  return (request) => {
    switch (request.kind) {
      case 'grid':
        post(runGridTask(request));
        return;
      case 'train-start': {
        let session: TrainSession;
        try {
          session = new TrainSession(request, { post, yieldThen });
        } catch (e) {
          post(failedRun(request.run, e));
          return;
        }
        sessions.set(request.run, session);
        session.resume();
        return;
      }
      case 'train-pause':
        sessions.get(request.run)?.pause();
        return;
      case 'train-resume':
        sessions.get(request.run)?.resume();
    }
  };
}

function failedRun(run: number, e: unknown): TrainProgress {
  return {
    kind: 'train-progress',
    run,
    step: 0,
    total: 0,
    stepsPerEpoch: 0,
    loss: [],
    errors: [],
    batch: [],
    tests: [],
    epochs: [],
    done: true,
    paused: false,
    error: e instanceof Error ? e.message : String(e),
  };
}

/** Starts the worker side: requests in, results out with their buffers transferred. */
export function startWorker(scope: WorkerScope): void {
  const channel = new MessageChannel();
  const queue: (() => void)[] = [];
  channel.port1.onmessage = () => queue.shift()?.();
  const handle = createRequestHandler(
    (message) => scope.postMessage(message, transferables(message)),
    (fn) => {
      queue.push(fn);
      channel.port2.postMessage(null);
    },
  );
  scope.onmessage = (event) => handle(event.data);
}
