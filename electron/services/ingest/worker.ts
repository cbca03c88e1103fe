// The ingest worker: reads and parses files off the main process's thread, so that a large PDF never keeps
// the main process from answering the window, and so that imports use every core. It only reads and parses
// (bytes or a path in; canonical text, blocks and metadata out); storing stays on the main thread, in the
// project's transactions. Jobs come in small batches because a message costs as much as parsing a note.
import { readFileSync, statSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import { DossierError } from '../../../shared/errors';
import { assertWithinSizeLimit, ingestFile } from './index';
import type { IngestJob, IngestOutcome } from './pool';

if (!parentPort) throw new Error('ingest worker started outside a worker thread');
const port = parentPort;

async function run(job: IngestJob): Promise<{ outcome: IngestOutcome; transfer: ArrayBuffer[] }> {
  try {
    let bytes: Uint8Array;
    if (job.path !== undefined) {
      // Never read a file that is too large only to refuse it. Synchronous reads are the fast ones, and
      // this thread has nothing else to do meanwhile.
      assertWithinSizeLimit(statSync(job.path).size, job.maxFileBytes);
      bytes = new Uint8Array(readFileSync(job.path));
    } else {
      bytes = new Uint8Array(job.bytes!);
    }
    const document = await ingestFile(job.fileName, bytes, { maxFileBytes: job.maxFileBytes });
    // Bytes read here go back to the main thread, which stores them as the original.
    if (job.path === undefined) return { outcome: { id: job.id, document }, transfer: [] };
    const buffer = bytes.buffer as ArrayBuffer;
    return { outcome: { id: job.id, document, bytes: buffer }, transfer: [buffer] };
  } catch (error) {
    const failure =
      error instanceof DossierError
        ? { code: error.code, message: error.message }
        : (error as NodeJS.ErrnoException).code === 'ENOENT'
          ? { code: 'import_refused' as const, message: 'The file is gone (moved or deleted meanwhile)' }
          : { code: 'internal' as const, message: error instanceof Error ? error.message : String(error) };
    return { outcome: { id: job.id, error: failure }, transfer: [] };
  }
}

port.on('message', (jobs: IngestJob[]) => {
  void (async () => {
    const outcomes: IngestOutcome[] = [];
    const transfer: ArrayBuffer[] = [];
    for (const job of jobs) {
      const done = await run(job);
      outcomes.push(done.outcome);
      transfer.push(...done.transfer);
    }
    port.postMessage(outcomes, transfer);
  })();
});
