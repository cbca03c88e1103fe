// Backups on a schedule, while the desktop app or `dossier serve` runs: every 30 minutes, when the project
// changed since its newest backup (a backup of an unchanged project would only push older ones out of the
// rotation). The first look is a minute after the start, off the path of opening the project. "Changed" is
// read from the files (the project's and its WAL's modification times), so changes made by another window or
// the command line count too. planBackup decides; BackupScheduler only keeps the timer.
import { statSync } from 'node:fs';
import { listBackups } from '../db/backup-files';
import type { Project } from '../project';

export const BACKUP_INTERVAL_MS = 30 * 60 * 1000;
export const FIRST_BACKUP_DELAY_MS = 60 * 1000;

export interface BackupPlanInput {
  now: number;
  /** When the newest backup was taken, or null if there is none. */
  lastBackupAt: number | null;
  /** When the project's files last changed, or null if that cannot be told. */
  lastChangeAt: number | null;
  intervalMs: number;
}

/** Whether to back up now, and when to look again. */
export function planBackup({ now, lastBackupAt, lastChangeAt, intervalMs }: BackupPlanInput): {
  backupNow: boolean;
  nextInMs: number;
} {
  if (lastBackupAt === null) return { backupNow: true, nextInMs: intervalMs };
  const age = now - lastBackupAt;
  if (age < intervalMs) return { backupNow: false, nextInMs: intervalMs - age };
  const changed = lastChangeAt === null || lastChangeAt > lastBackupAt;
  return { backupNow: changed, nextInMs: intervalMs };
}

/** The newest time either of the project's files (the database and its WAL) was written. */
export function lastChangeAt(projectPath: string): number | null {
  let latest: number | null = null;
  for (const path of [projectPath, `${projectPath}-wal`]) {
    try {
      const mtime = statSync(path).mtimeMs;
      latest = latest === null ? mtime : Math.max(latest, mtime);
    } catch {
      // No WAL: the project is fully checkpointed.
    }
  }
  return latest;
}

export interface BackupSchedulerOptions {
  /** The project open now (the app switches projects). */
  project(): Project;
  backup(project: Project): Promise<unknown>;
  /** A scheduled backup failed (a full disk): the app keeps the reason to show it. */
  onResult?(error: unknown | null): void;
  intervalMs?: number;
  firstDelayMs?: number;
  now?(): number;
  /** When the project last changed (default: its files' modification times). */
  changedAt?(project: Project): number | null;
}

export class BackupScheduler {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private running: Promise<void> | null = null;
  private stopped = false;
  private readonly intervalMs: number;
  private readonly now: () => number;

  constructor(private readonly options: BackupSchedulerOptions) {
    this.intervalMs = options.intervalMs ?? BACKUP_INTERVAL_MS;
    this.now = options.now ?? Date.now;
  }

  start(): void {
    this.stopped = false;
    this.schedule(this.options.firstDelayMs ?? FIRST_BACKUP_DELAY_MS);
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** The backup under way, if any (tests wait for it). */
  get pending(): Promise<void> | null {
    return this.running;
  }

  private schedule(delay: number): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.running = this.tick().finally(() => {
        this.running = null;
      });
    }, delay);
    // A timer must not keep a process alive that has nothing else to do.
    this.timer.unref?.();
  }

  private async tick(): Promise<void> {
    let next = this.intervalMs;
    try {
      const project = this.options.project();
      if (!project.readOnly) {
        const newest = listBackups(project.path)[0];
        const plan = planBackup({
          now: this.now(),
          lastBackupAt: newest ? Date.parse(newest.createdAt) : null,
          lastChangeAt: (this.options.changedAt ?? ((p: Project) => lastChangeAt(p.path)))(project),
          intervalMs: this.intervalMs,
        });
        next = plan.nextInMs;
        if (plan.backupNow) {
          await this.options.backup(project);
          this.options.onResult?.(null);
        }
      }
    } catch (error) {
      this.options.onResult?.(error);
    }
    this.schedule(next);
  }
}
