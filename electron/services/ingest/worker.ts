// The ingest worker: parses files off the main process's thread, so that reading a large PDF never keeps the
// main process from answering the window, and so that imports use every core. It only parses: bytes in,
// canonical text, blocks and metadata out; storing stays on the main thread, in the project's transactions.
import { parentPort } from 'node:worker_threads';
import { DossierError } from '../../../shared/errors';
import { ingestFile } from './index';
import type { IngestReply, IngestRequest } from './pool';

if (!parentPort) throw new Error('ingest worker started outside a worker thread');
const port = parentPort;

port.on('message', (request: IngestRequest) => {
  ingestFile(request.fileName, new Uint8Array(request.bytes), { maxFileBytes: request.maxFileBytes }).then(
    (document) => port.postMessage({ id: request.id, document } satisfies IngestReply),
    (error: unknown) =>
      port.postMessage({
        id: request.id,
        error:
          error instanceof DossierError
            ? { code: error.code, message: error.message }
            : { code: 'internal', message: error instanceof Error ? error.message : String(error) },
      } satisfies IngestReply),
  );
});
