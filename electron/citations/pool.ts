// A small pool of citation workers (worker.ts), one a core up to two: a bibliography is formatted off the
// main thread, in shares side by side when partition.ts allows. Workers are started on first use and kept
// for a few minutes, because a worker's first use of a style compiles it (about a second for APA) and the
// next export of the session reuses it. Where workers cannot start (a packaging problem), shares are
// formatted inline, which is correct but blocks the main thread meanwhile.
import { availableParallelism } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { CslItem } from '../../shared/csl';
import { DossierError, type ErrorCode } from '../../shared/errors';
import { formatShare, type CitationFormat, type ShareResult } from './engine';

export interface ShareRequest {
  id: number;
  style: string;
  locale?: string;
  items: CslItem[];
  format: CitationFormat;
}

export type ShareOutcome =
  { id: number; result: ShareResult } | { id: number; error: { code: ErrorCode; message: string } };

interface Task {
  request: ShareRequest;
  resolve: (result: ShareResult) => void;
  reject: (error: Error) => void;
}

interface Slot {
  worker: Worker;
  task: Task | null;
  proven: boolean;
}

/** How long an idle worker (and the engines it built) is kept. */
const IDLE_MS = 3 * 60_000;

export class CitationPool {
  readonly size: number;
  private readonly slots: Slot[] = [];
  private readonly queue: Task[] = [];
  private nextId = 1;
  private inline = false;
  private idleTimer: NodeJS.Timeout | null = null;

  constructor(options: { workers?: number } = {}) {
    this.size = Math.max(1, options.workers ?? Math.min(2, availableParallelism()));
  }

  /** Formats one share in a worker (see engine.ts formatShare). */
  format(request: Omit<ShareRequest, 'id'>): Promise<ShareResult> {
    if (this.inline) return Promise.resolve().then(() => formatShare(request, request.format));
    return new Promise((resolve, reject) => {
      this.queue.push({ request: { ...request, id: this.nextId++ }, resolve, reject });
      this.dispatch();
    });
  }

  async close(): Promise<void> {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    const stopped = new Error('the citation workers were stopped');
    for (const task of this.queue.splice(0)) task.reject(stopped);
    const slots = this.slots.splice(0);
    for (const slot of slots) {
      slot.worker.removeAllListeners();
      slot.task?.reject(stopped);
    }
    await Promise.all(slots.map((slot) => slot.worker.terminate()));
  }

  private dispatch(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    while (this.queue.length > 0 && !this.inline) {
      const slot = this.slots.find((s) => s.task === null) ?? this.spawn();
      if (!slot) return;
      const task = this.queue.shift()!;
      slot.task = task;
      slot.worker.postMessage(task.request);
    }
    if (this.queue.length === 0 && this.slots.every((s) => s.task === null) && this.slots.length > 0) {
      this.idleTimer = setTimeout(() => void this.close(), IDLE_MS);
      this.idleTimer.unref();
    }
  }

  private spawn(): Slot | null {
    if (this.slots.length >= this.size) return null;
    const slot: Slot = { worker: startWorker(), task: null, proven: false };
    slot.worker.unref();
    slot.worker.on('message', (outcome: ShareOutcome) => {
      const task = slot.task;
      slot.task = null;
      slot.proven = true;
      if (task) {
        if ('result' in outcome) task.resolve(outcome.result);
        else task.reject(new DossierError(outcome.error.code, outcome.error.message));
      }
      this.dispatch();
    });
    slot.worker.on('error', (error) => {
      if (!slot.proven && isStartupFailure(error)) this.fallBackToInline(slot);
      else this.retire(slot, error);
    });
    slot.worker.on('exit', () => this.retire(slot, new Error('the citation worker stopped unexpectedly')));
    this.slots.push(slot);
    return slot;
  }

  /** A worker that crashed or ran out of memory fails its share; the next share gets a new worker. */
  private retire(slot: Slot, error: Error): void {
    const index = this.slots.indexOf(slot);
    if (index === -1) return;
    this.slots.splice(index, 1);
    slot.worker.removeAllListeners();
    void slot.worker.terminate();
    slot.task?.reject(new DossierError('internal', `Formatting the bibliography failed: ${error.message}`));
    this.dispatch();
  }

  private fallBackToInline(slot: Slot): void {
    this.inline = true;
    const pending = [...(slot.task ? [slot.task] : []), ...this.queue.splice(0)];
    this.slots.splice(this.slots.indexOf(slot), 1);
    slot.worker.removeAllListeners();
    void slot.worker.terminate();
    for (const task of pending) {
      Promise.resolve()
        .then(() => formatShare(task.request, task.request.format))
        .then(task.resolve, task.reject);
    }
  }
}

function isStartupFailure(error: Error): boolean {
  const code = (error as NodeJS.ErrnoException).code;
  return (
    code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND' || /Cannot find module/.test(error.message)
  );
}

/**
 * The bundled app ships citations-worker.js beside its entry points (scripts/build-main.mjs). Run from the
 * TypeScript sources (tests, `tsx`), the worker registers tsx first so that it can load worker.ts.
 */
function startWorker(): Worker {
  const here = import.meta.url;
  if (!here.endsWith('.ts')) {
    const folder = dirname(fileURLToPath(here));
    const entries = basename(folder) === 'chunks' ? dirname(folder) : folder;
    return new Worker(join(entries, 'citations-worker.js'));
  }
  const source = new URL('./worker.ts', here).href;
  const bootstrap = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(source)}); });`;
  return new Worker(bootstrap, { eval: true });
}
