import { startWorker } from '../compute/workerMain.js';
import { startPage } from './app.js';

// One script for the page and its workers: in a page it builds the explorer; started as a worker (from a blob of
// this same text, which works from file://) it computes.
if (typeof document === 'undefined') startWorker(self as never);
else {
  const source = document.currentScript?.textContent ?? null;
  const start = () => startPage(source);
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
}
