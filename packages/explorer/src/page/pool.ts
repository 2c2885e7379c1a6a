import type { WorkerRequest, WorkerResponse } from '../compute/messages.js';
import { createRequestHandler } from '../compute/workerMain.js';

/** Something that computes requests: a Web Worker, or the page itself when workers are not available. */
export interface Computer {
  /** True for the in-page stand-in. */
  readonly inline: boolean;
  post(request: WorkerRequest): void;
  /** Set by the owner: receives every response. */
  onResponse: (response: WorkerResponse) => void;
  /** Called when the worker failed (it is gone; its request was lost). */
  onFailure: (message: string) => void;
  terminate(): void;
}

let blobUrl: string | null = null;

/**
 * A Web Worker running this very script (from a blob: URL, which works from file://), or, when the browser
 * refuses workers, the in-page stand-in that runs the same handler between frames.
 */
export function createComputer(source: string | null): Computer {
  if (source !== null && typeof Worker !== 'undefined') {
    try {
      blobUrl ??= URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
      return wrapWorker(new Worker(blobUrl, { name: 'resnet-explorer' }));
    } catch {
      // A browser or policy without workers: compute in the page instead.
    }
  }
  return inlineComputer();
}

function wrapWorker(worker: Worker): Computer {
  const c: Computer = {
    inline: false,
    post: (request) => worker.postMessage(request),
    onResponse: () => {},
    onFailure: () => {},
    terminate: () => worker.terminate(),
  };
  worker.onmessage = (e: MessageEvent<WorkerResponse>) => c.onResponse(e.data);
  worker.onerror = (e) => {
    e.preventDefault();
    c.onFailure(e.message || 'the worker failed to start');
  };
  return c;
}

/** The page computes itself: each request runs in its own task, so the page still draws between them. */
function inlineComputer(): Computer {
  let alive = true;
  const c: Computer = {
    inline: true,
    post: (request) => setTimeout(() => alive && handle(request), 0),
    onResponse: () => {},
    onFailure: () => {},
    terminate: () => {
      alive = false;
    },
  };
  const handle = createRequestHandler(
    (response) => alive && c.onResponse(response),
    (fn) => setTimeout(() => alive && fn(), 0),
  );
  return c;
}
