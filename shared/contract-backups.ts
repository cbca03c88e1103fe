// The contract's backup operations (issue 9): list the project's backups, make one now, restore one (the
// project as it is is backed up first, so a restore can be undone), check the project file, and what to offer
// when a project could not be opened because it is damaged. The CLI's `dossier backup`, `restore` and
// `check` print these same shapes.
import { z } from 'zod';
import { ProjectInfo } from './domain';

export const BACKUP_REASONS = ['scheduled', 'manual', 'before-upgrade', 'before-restore'] as const;
export type BackupReason = (typeof BACKUP_REASONS)[number];

/** How backups are named in their folder: the time they were taken, then why. */
export const BACKUP_FILE_NAME =
  /^(\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d\.\d{3}Z)-(scheduled|manual|before-upgrade|before-restore)\.sqlite$/;

export const BackupInfo = z.object({
  fileName: z.string(),
  /** When the copy was taken (ISO 8601, UTC). */
  createdAt: z.string(),
  reason: z.enum(BACKUP_REASONS),
  bytes: z.number().int().nonnegative(),
});
export type BackupInfo = z.infer<typeof BackupInfo>;

export const BackupList = z.object({
  project: z.object({ path: z.string(), name: z.string() }),
  /** The folder beside the project that holds its backups. */
  folder: z.string(),
  /** Newest first. */
  backups: z.array(BackupInfo),
  /** Why the project could not be opened, when it is damaged; null for a healthy project. */
  damaged: z.string().nullable(),
  /** Why the last scheduled backup failed, if it did (a full disk); null when it worked. */
  lastError: z.string().nullable(),
});
export type BackupList = z.infer<typeof BackupList>;

export const CheckReport = z.object({
  path: z.string(),
  ok: z.boolean(),
  /** 'quick': SQLite's quick_check; 'full': integrity_check, which also compares indexes with their tables. */
  level: z.enum(['quick', 'full']),
  /** One line a person can read. */
  verdict: z.string(),
  problems: z.array(z.string()),
  ms: z.number(),
});
export type CheckReport = z.infer<typeof CheckReport>;

const BackupFileName = z.string().regex(BACKUP_FILE_NAME, 'Not the name of a backup');

export const backupContract = {
  /** The open project's backups, newest first. */
  'backups.list': { input: z.object({}).strict(), output: BackupList },
  /** Backs up the open project now. */
  'backups.create': { input: z.object({}).strict(), output: BackupInfo },
  /**
   * Replaces a project with one of its backups: the open project ('current') or the damaged one the app
   * could not open ('damaged'). The project as it was is kept first (a backup, or for a damaged file a copy
   * in the backups folder); then the restored project is the one open.
   */
  'backups.restore': {
    input: z
      .object({ of: z.enum(['current', 'damaged']).default('current'), fileName: BackupFileName })
      .strict(),
    output: z.object({
      project: ProjectInfo,
      restored: BackupInfo,
      /** Where the project as it was before the restore is kept. */
      keptAs: z.string().nullable(),
    }),
  },
  /** The project the app last failed to open because it is damaged, with its backups; null if none. */
  'backups.damaged': { input: z.object({}).strict(), output: BackupList.nullable() },
  /** Checks the open project's file (it is never written). */
  'projects.check': {
    input: z.object({ full: z.boolean().default(false) }).strict(),
    output: CheckReport,
  },
} as const;
