// A small pool of ingest workers (worker.ts). Each file is parsed in a worker with a time limit: a file that
// takes too long (a hostile or pathological document) is stopped by terminating its worker, and refused with
// a message; the pool replaces the worker and goes on. Where workers cannot start, files are parsed inline.
import { availableParallelism } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { DossierError, type ErrorCode } from '../../../shared/errors';
import { ingestFile, type IngestedDocument } from './index';

export interface IngestRequest {
  id: number;
  fileName: string;
  bytes: ArrayBuffer;
  maxFileBytes: number;
}

export type IngestReply =
  { id: number; document: IngestedDocument } | { id: number; error: { code: ErrorCode; message: string } };

export type Ingest = (
  fileName: string,
  bytes: Uint8Array,
  options: { maxFileBytes: number },
) => Promise<IngestedDocument>;

export interface IngestPoolOptions {
  workers?: number;
  /** Longest a single file may take to parse. */
  timeLimitMs?: number;
  /** Heap cap per worker, so a decompression bomb fails alone instead of taking the app down. */
  maxHeapMb?: number;
}

const DEFAULT_TIME_LIMIT_MS = 120_000;
const DEFAULT_MAX_HEAP_MB = 2048;

interface Job {
  request: IngestRequest;
  /** The caller's bytes (the request's copy is handed over to the worker). */
  original: Uint8Array;
  resolve: (document: IngestedDocument) => void;
  reject: (error: Error) => void;
}

interface Slot {
  worker: Worker;
  job: Job | null;
  timer: NodeJS.Timeout | null;
  /** It has parsed a file, so it started fine. */
  proven: boolean;
}

export class IngestPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private nextId = 1;
  private closed = false;
  /** Set when workers cannot start here (e.g. a packaging problem): files are then parsed inline. */
  private inline = false;
  private readonly size: number;
  private readonly timeLimitMs: number;
  private readonly maxHeapMb: number;

  constructor(options: IngestPoolOptions = {}) {
    // One core stays with the main thread, which reads files and writes the project meanwhile.
    this.size = options.workers ?? Math.max(1, Math.min(4, availableParallelism() - 1));
    this.timeLimitMs = options.timeLimitMs ?? DEFAULT_TIME_LIMIT_MS;
    this.maxHeapMb = options.maxHeapMb ?? DEFAULT_MAX_HEAP_MB;
  }

  readonly ingest: Ingest = (fileName, bytes, options) => {
    if (this.closed) return Promise.reject(new Error('the ingest pool is closed'));
    if (this.inline) return ingestFile(fileName, bytes, options);
    // The worker gets its own copy: the caller keeps its bytes (they are stored as the original).
    const copy = new Uint8Array(bytes).buffer;
    return new Promise<IngestedDocument>((resolve, reject) => {
      this.queue.push({
        request: { id: this.nextId++, fileName, bytes: copy, maxFileBytes: options.maxFileBytes },
        original: bytes,
        resolve,
        reject,
      });
      this.dispatch();
    });
  };

  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) job.reject(new Error('the import was stopped'));
    await Promise.all(this.slots.splice(0).map((slot) => slot.worker.terminate()));
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      const slot = this.slots.find((s) => s.job === null) ?? this.spawn();
      if (!slot) return;
      const job = this.queue.shift()!;
      slot.job = job;
      slot.timer = setTimeout(() => this.timeOut(slot), this.timeLimitMs);
      slot.worker.postMessage(job.request, [job.request.bytes]);
    }
  }

  private spawn(): Slot | null {
    if (this.slots.length >= this.size) return null;
    const worker = startWorker(this.maxHeapMb);
    const slot: Slot = { worker, job: null, timer: null, proven: false };
    worker.unref();
    worker.on('message', (reply: IngestReply) => this.finish(slot, reply));
    worker.on('error', (error) => {
      if (!slot.proven && isStartupFailure(error)) this.fallBackToInline(slot);
      else this.fail(slot, error);
    });
    worker.on('exit', () => this.fail(slot, new Error('the parser stopped unexpectedly')));
    this.slots.push(slot);
    return slot;
  }

  private finish(slot: Slot, reply: IngestReply): void {
    const job = slot.job;
    if (!job || job.request.id !== reply.id) return;
    slot.proven = true;
    this.release(slot);
    if ('document' in reply) job.resolve(reply.document);
    else job.reject(new DossierError(reply.error.code, reply.error.message));
    this.dispatch();
  }

  private timeOut(slot: Slot): void {
    const seconds = Math.round(this.timeLimitMs / 1000);
    this.retire(
      slot,
      new DossierError(
        'import_refused',
        `Reading this file took longer than ${seconds} s and was stopped; it may be damaged or built to stall readers`,
      ),
    );
  }

  /** A worker that crashed or ran out of memory takes only its own file with it. */
  private fail(slot: Slot, error: Error): void {
    if (!this.slots.includes(slot)) return;
    const outOfMemory = /heap|memory/i.test(error.message);
    this.retire(
      slot,
      new DossierError(
        'import_refused',
        outOfMemory
          ? 'Reading this file needed more memory than allowed and was stopped; it may be damaged or a decompression bomb'
          : `The file could not be read: ${error.message}`,
      ),
    );
  }

  private retire(slot: Slot, error: Error): void {
    const job = slot.job;
    this.release(slot);
    this.slots.splice(this.slots.indexOf(slot), 1);
    slot.worker.removeAllListeners();
    void slot.worker.terminate();
    job?.reject(error);
    if (!this.closed) this.dispatch();
  }

  private fallBackToInline(slot: Slot): void {
    this.inline = true;
    const pending = [...(slot.job ? [slot.job] : []), ...this.queue.splice(0)];
    this.release(slot);
    this.slots.splice(this.slots.indexOf(slot), 1);
    slot.worker.removeAllListeners();
    void slot.worker.terminate();
    for (const job of pending) {
      const { fileName, maxFileBytes } = job.request;
      ingestFile(fileName, job.original, { maxFileBytes }).then(job.resolve, job.reject);
    }
  }

  private release(slot: Slot): void {
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
    slot.job = null;
  }
}

/**
 * The bundled app ships worker.js beside this code. Run from the TypeScript sources (tests, `tsx`), the
 * worker registers tsx first so that it can load worker.ts.
 */
function startWorker(maxHeapMb: number): Worker {
  const resourceLimits = { maxOldGenerationSizeMb: maxHeapMb };
  const here = import.meta.url;
  if (!here.endsWith('.ts')) {
    // The bundle puts shared code in chunks/ below the entry points; the worker is an entry point. In the
    // packaged app it is unpacked from the asar archive (electron-builder.yml).
    const folder = dirname(fileURLToPath(here));
    const entries = basename(folder) === 'chunks' ? dirname(folder) : folder;
    const path = join(entries, 'ingest-worker.js').replace(/app\.asar([\\/])/, 'app.asar.unpacked$1');
    return new Worker(path, { resourceLimits });
  }
  const source = new URL('./worker.ts', here).href;
  const bootstrap = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(source)}); });`;
  return new Worker(bootstrap, { eval: true, resourceLimits });
}

function isStartupFailure(error: Error): boolean {
  const code = (error as NodeJS.ErrnoException).code;
  return (
    code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND' || /Cannot find module/.test(error.message)
  );
}

/** Parses in this thread: for one-off uses (a single re-import, tests) where a worker is not worth it. */
export const ingestInline: Ingest = ingestFile;
