// A small pool of ingest workers (worker.ts). Files are parsed in workers with a time limit: a file that
// takes too long (a hostile or pathological document) is stopped by terminating its worker and refused with
// a message; the pool replaces the worker and goes on. Jobs travel in small batches, since a message costs
// as much as parsing a short article; a batch that runs out of time is retried file by file, so only the
// culprit fails. Where workers cannot start (a packaging problem), files are parsed inline.
import { readFile, stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { DossierError, type ErrorCode } from '../../../shared/errors';
import { assertWithinSizeLimit, ingestFile, type IngestedDocument } from './index';

/** One file to parse: its bytes, or a path for the worker to read. */
export interface IngestJob {
  id: number;
  fileName: string;
  maxFileBytes: number;
  bytes?: ArrayBuffer;
  path?: string;
}

export type IngestOutcome =
  | { id: number; document: IngestedDocument; bytes?: ArrayBuffer }
  | { id: number; error: { code: ErrorCode; message: string } };

export type Ingest = (
  fileName: string,
  bytes: Uint8Array,
  options: { maxFileBytes: number },
) => Promise<IngestedDocument>;

/** Reads and parses a file from disk, giving back its bytes too (they are stored as the original). */
export type IngestPath = (
  path: string,
  fileName: string,
  options: { maxFileBytes: number },
) => Promise<{ bytes: Uint8Array; document: IngestedDocument }>;

export interface IngestPoolOptions {
  workers?: number;
  /** Longest a single file may take to parse. */
  timeLimitMs?: number;
  /** Heap cap per worker, so a decompression bomb fails alone instead of taking the app down. */
  maxHeapMb?: number;
}

const DEFAULT_TIME_LIMIT_MS = 120_000;
const DEFAULT_MAX_HEAP_MB = 2048;
/** Jobs per message when many are waiting. */
const BATCH_SIZE = 16;

interface Job {
  request: IngestJob;
  /** The caller's bytes, kept for the inline fallback (the request's copy is handed to the worker). */
  original?: Uint8Array;
  /** A job that already ran out of time in a batch runs alone, so that only the culprit fails. */
  alone: boolean;
  resolve: (outcome: { document: IngestedDocument; bytes?: ArrayBuffer }) => void;
  reject: (error: Error) => void;
}

interface Slot {
  worker: Worker;
  jobs: Job[];
  timer: NodeJS.Timeout | null;
  /** It has parsed a file, so it started fine. */
  proven: boolean;
}

export class IngestPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private nextId = 1;
  private closed = false;
  /** Set when workers cannot start here: files are then parsed inline. */
  private inline = false;
  private readonly size: number;
  private readonly timeLimitMs: number;
  private readonly maxHeapMb: number;

  constructor(options: IngestPoolOptions = {}) {
    // One core stays with the main thread, which writes the project meanwhile.
    this.size = Math.max(1, options.workers ?? workersFromEnv() ?? Math.min(4, availableParallelism() - 1));
    this.timeLimitMs = options.timeLimitMs ?? DEFAULT_TIME_LIMIT_MS;
    this.maxHeapMb = options.maxHeapMb ?? DEFAULT_MAX_HEAP_MB;
  }

  readonly ingest: Ingest = async (fileName, bytes, options) => {
    if (this.inline) return ingestFile(fileName, bytes, options);
    // The worker gets its own copy: the caller keeps its bytes (they are stored as the original).
    const copy = new Uint8Array(bytes).buffer;
    const { document } = await this.submit(
      { id: 0, fileName, maxFileBytes: options.maxFileBytes, bytes: copy },
      bytes,
    );
    return document;
  };

  readonly ingestPath: IngestPath = async (path, fileName, options) => {
    if (this.inline) return readAndIngest(path, fileName, options);
    const outcome = await this.submit({ id: 0, fileName, maxFileBytes: options.maxFileBytes, path });
    return { bytes: new Uint8Array(outcome.bytes!), document: outcome.document };
  };

  async close(): Promise<void> {
    this.closed = true;
    const stopped = new Error('the import was stopped');
    for (const job of this.queue.splice(0)) job.reject(stopped);
    const slots = this.slots.splice(0);
    for (const slot of slots) {
      const jobs = slot.jobs;
      this.release(slot);
      slot.worker.removeAllListeners();
      for (const job of jobs) job.reject(stopped);
    }
    await Promise.all(slots.map((slot) => slot.worker.terminate()));
  }

  private submit(
    request: IngestJob,
    original?: Uint8Array,
  ): Promise<{ document: IngestedDocument; bytes?: ArrayBuffer }> {
    if (this.closed) return Promise.reject(new Error('the ingest pool is closed'));
    return new Promise((resolve, reject) => {
      this.queue.push({
        request: { ...request, id: this.nextId++ },
        original,
        alone: false,
        resolve,
        reject,
      });
      this.dispatch();
    });
  }

  private dispatch(): void {
    while (this.queue.length > 0 && !this.inline && !this.closed) {
      const slot = this.slots.find((s) => s.jobs.length === 0) ?? this.spawn();
      if (!slot) return;
      // Share the waiting jobs out between the workers; a job that timed out before runs alone.
      const share = Math.max(1, Math.min(BATCH_SIZE, Math.ceil(this.queue.length / this.size)));
      const jobs: Job[] = [];
      while (jobs.length < share && this.queue.length > 0) {
        if (this.queue[0]!.alone && jobs.length > 0) break;
        jobs.push(this.queue.shift()!);
        if (jobs[0]!.alone) break;
      }
      slot.jobs = jobs;
      // The limit is one file's, for the whole batch: a batch that exceeds it is retried file by file, so
      // a stalling file costs at most twice the limit, and only that file fails.
      slot.timer = setTimeout(() => this.timeOut(slot), this.timeLimitMs);
      const transfer = jobs.flatMap((job) => (job.request.bytes ? [job.request.bytes] : []));
      slot.worker.postMessage(
        jobs.map((job) => job.request),
        transfer,
      );
    }
  }

  private spawn(): Slot | null {
    if (this.slots.length >= this.size) return null;
    const worker = startWorker(this.maxHeapMb);
    const slot: Slot = { worker, jobs: [], timer: null, proven: false };
    worker.unref();
    worker.on('message', (outcomes: IngestOutcome[]) => this.finish(slot, outcomes));
    worker.on('error', (error) => {
      if (!slot.proven && isStartupFailure(error)) this.fallBackToInline(slot);
      else this.fail(slot, error);
    });
    worker.on('exit', () => this.fail(slot, new Error('the parser stopped unexpectedly')));
    this.slots.push(slot);
    return slot;
  }

  private finish(slot: Slot, outcomes: IngestOutcome[]): void {
    const jobs = slot.jobs;
    slot.proven = true;
    this.release(slot);
    for (const outcome of outcomes) {
      const job = jobs.find((j) => j.request.id === outcome.id);
      if (!job) continue;
      if ('document' in outcome) job.resolve(outcome);
      else job.reject(new DossierError(outcome.error.code, outcome.error.message));
    }
    this.dispatch();
  }

  private timeOut(slot: Slot): void {
    if (this.retryAlone(slot)) return;
    const seconds = Math.round(this.timeLimitMs / 1000);
    this.retire(
      slot,
      new DossierError(
        'import_refused',
        `Reading this file took longer than ${seconds} s and was stopped; it may be damaged or built to stall readers`,
      ),
    );
  }

  /** When a batch's worker has to go, each of its files runs again on its own, so only the culprit fails. */
  private retryAlone(slot: Slot): boolean {
    if (slot.jobs.length <= 1) return false;
    // Their bytes went to the stopped worker; each gets a fresh copy of the caller's.
    const retry = slot.jobs.map((job) => ({
      ...job,
      alone: true,
      request: job.original ? { ...job.request, bytes: new Uint8Array(job.original).buffer } : job.request,
    }));
    slot.jobs = [];
    this.retire(slot, null);
    this.queue.unshift(...retry);
    this.dispatch();
    return true;
  }

  /** A worker that crashed or ran out of memory takes only its own files with it. */
  private fail(slot: Slot, error: Error): void {
    if (!this.slots.includes(slot) || this.retryAlone(slot)) return;
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

  private retire(slot: Slot, error: Error | null): void {
    const jobs = slot.jobs;
    this.release(slot);
    this.slots.splice(this.slots.indexOf(slot), 1);
    slot.worker.removeAllListeners();
    void slot.worker.terminate();
    if (error) for (const job of jobs) job.reject(error);
    if (!this.closed) this.dispatch();
  }

  private fallBackToInline(slot: Slot): void {
    this.inline = true;
    const pending = [...slot.jobs, ...this.queue.splice(0)];
    this.release(slot);
    this.slots.splice(this.slots.indexOf(slot), 1);
    slot.worker.removeAllListeners();
    void slot.worker.terminate();
    for (const job of pending) {
      const { fileName, maxFileBytes, path } = job.request;
      const parsed =
        path !== undefined
          ? readAndIngest(path, fileName, { maxFileBytes }).then(({ bytes, document }) => ({
              document,
              bytes: bytes.buffer as ArrayBuffer,
            }))
          : ingestFile(fileName, job.original!, { maxFileBytes }).then((document) => ({ document }));
      parsed.then(job.resolve, job.reject);
    }
  }

  private release(slot: Slot): void {
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
    slot.jobs = [];
  }
}

async function readAndIngest(
  path: string,
  fileName: string,
  options: { maxFileBytes: number },
): Promise<{ bytes: Uint8Array; document: IngestedDocument }> {
  assertWithinSizeLimit((await stat(path)).size, options.maxFileBytes);
  const bytes = new Uint8Array(await readFile(path));
  return { bytes, document: await ingestFile(fileName, bytes, options) };
}

/** DOSSIER_INGEST_WORKERS overrides the number of workers (1-16); anything else is ignored. */
function workersFromEnv(): number | undefined {
  const value = Number(process.env.DOSSIER_INGEST_WORKERS);
  return Number.isInteger(value) && value >= 1 && value <= 16 ? value : undefined;
}

function isStartupFailure(error: Error): boolean {
  const code = (error as NodeJS.ErrnoException).code;
  return (
    code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND' || /Cannot find module/.test(error.message)
  );
}

/**
 * Where the bundled worker is, given the URL of the module running this code: ingest-worker.js beside the
 * bundle's entry points (this code may sit in a shared chunk, in chunks/ below them). In the packaged app that
 * is inside app.asar, and stays there: Electron's worker threads read the archive (electron-builder.yml).
 * Null when running from the TypeScript sources.
 */
export function bundledWorkerPath(moduleUrl: string): string | null {
  if (moduleUrl.endsWith('.ts')) return null;
  const folder = dirname(fileURLToPath(moduleUrl));
  const entries = basename(folder) === 'chunks' ? dirname(folder) : folder;
  return join(entries, 'ingest-worker.js');
}

/**
 * The bundled app ships ingest-worker.js beside its entry points. Run from the TypeScript sources (tests,
 * `tsx`), the worker registers tsx first so that it can load worker.ts.
 */
function startWorker(maxHeapMb: number): Worker {
  const resourceLimits = { maxOldGenerationSizeMb: maxHeapMb };
  const here = import.meta.url;
  const bundled = bundledWorkerPath(here);
  if (bundled) return new Worker(bundled, { resourceLimits });
  const source = new URL('./worker.ts', here).href;
  const bootstrap = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(source)}); });`;
  return new Worker(bootstrap, { eval: true, resourceLimits });
}
