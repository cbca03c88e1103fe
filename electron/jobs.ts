// Long jobs (exporting or merging a project file) report how far they are and can be cancelled. The caller
// names the job (a random id) when it starts the call, then asks `jobs.progress` and `jobs.cancel` with the
// same id while the call runs: plain request and answer, so it works the same over IPC, HTTP and the CLI.
import type { JobProgress } from '../shared/contract-exchange';
import { DossierError } from '../shared/errors';

export interface Job {
  readonly signal: AbortSignal;
  report(progress: JobProgress): void;
  /** Throws 'cancelled' if the user asked to stop. */
  check(): void;
}

interface Running {
  controller: AbortController;
  progress: JobProgress | null;
}

/** A job nobody can cancel (the CLI's, or a call without a job id); its progress goes to `report`, if any. */
export function untrackedJob(report: (progress: JobProgress) => void = () => {}): Job {
  return { signal: new AbortController().signal, report, check() {} };
}

const UNTRACKED = untrackedJob();

/** How long a cancel that came before its job is remembered (over HTTP the two requests can cross). */
const EARLY_CANCEL_MS = 60_000;

export class Jobs {
  private readonly running = new Map<string, Running>();
  private readonly cancelledEarly = new Map<string, number>();

  /** Runs `work` as the job `id` (untracked without one); the id is free again when it ends. */
  async run<T>(id: string | undefined, work: (job: Job) => Promise<T>): Promise<T> {
    if (id === undefined) return work(UNTRACKED);
    const early = this.cancelledEarly.get(id);
    this.cancelledEarly.delete(id);
    if (early !== undefined && Date.now() - early < EARLY_CANCEL_MS) {
      throw new DossierError('cancelled', 'Cancelled; nothing was changed.');
    }
    if (this.running.has(id))
      throw new DossierError('invalid_input', 'A job with this id is already running.');
    const entry: Running = { controller: new AbortController(), progress: null };
    this.running.set(id, entry);
    const job: Job = {
      signal: entry.controller.signal,
      report(progress) {
        entry.progress = progress;
      },
      check() {
        if (entry.controller.signal.aborted) {
          throw new DossierError('cancelled', 'Cancelled; nothing was changed.');
        }
      },
    };
    try {
      return await work(job);
    } finally {
      this.running.delete(id);
    }
  }

  progress(id: string): JobProgress | null {
    return this.running.get(id)?.progress ?? null;
  }

  /** Stops the job; a job not started yet is refused when it starts. False if no such job is running. */
  cancel(id: string): boolean {
    const entry = this.running.get(id);
    if (!entry) {
      const now = Date.now();
      for (const [other, at] of this.cancelledEarly)
        if (now - at >= EARLY_CANCEL_MS) this.cancelledEarly.delete(other);
      this.cancelledEarly.set(id, now);
      return false;
    }
    entry.controller.abort();
    return true;
  }
}
