// The citation worker: formats a bibliography (or one share of it, see partition.ts) with citeproc-js off
// the main process's thread, so that a 10,000-entry export never keeps the main process from answering the
// window, and so that the shares of a large one run on every core. Its engines stay built between exports
// (engine.ts caches them), which is why the pool keeps it alive for a while.
import { parentPort } from 'node:worker_threads';
import { DossierError } from '../../shared/errors';
import { formatShare } from './engine';
import type { ShareOutcome, ShareRequest } from './pool';

if (!parentPort) throw new Error('citation worker started outside a worker thread');
const port = parentPort;

port.on('message', (request: ShareRequest) => {
  let outcome: ShareOutcome;
  try {
    outcome = {
      id: request.id,
      result: formatShare(
        { style: request.style, locale: request.locale, items: request.items },
        request.format,
      ),
    };
  } catch (error) {
    outcome = {
      id: request.id,
      error:
        error instanceof DossierError
          ? { code: error.code, message: error.message }
          : { code: 'internal', message: error instanceof Error ? error.message : String(error) },
    };
  }
  port.postMessage(outcome);
});
