// Backups (issue 9): the Restore from backup dialog of the project menu, and the offer to restore a damaged
// project's latest backup (when the app could not open it, at start or from the menu). The main side keeps
// the backups; this slice holds what the dialog shows and the restore itself, after which the app starts
// afresh on the restored project.
import type { StateCreator } from 'zustand';
import type { BackupInfo, BackupList } from '../../shared/contract-backups';
import { api } from '../api';
import type { DossierState } from './index';
import { errorMessage } from './index';

export interface BackupDialog {
  /** The open project's backups, or those of the damaged project the app could not open. */
  of: 'current' | 'damaged';
  list: BackupList | null;
  error: string | null;
  /** The backup the user chose and is asked to confirm. */
  confirming: BackupInfo | null;
  busy: 'restoring' | 'backing-up' | null;
}

export interface BackupsSlice {
  backupDialog: BackupDialog | null;
  openBackups(): Promise<void>;
  /** Opens the damaged-project offer if the main side has a damaged project; says whether it did. */
  offerDamagedRestore(): Promise<boolean>;
  chooseBackup(backup: BackupInfo | null): void;
  restoreBackup(backup: BackupInfo): Promise<void>;
  backUpNow(): Promise<void>;
  closeBackups(): void;
}

export const createBackupsSlice: StateCreator<DossierState, [], [], BackupsSlice> = (set, get) => {
  const update = (change: Partial<BackupDialog>) =>
    set((s) => (s.backupDialog ? { backupDialog: { ...s.backupDialog, ...change } } : {}));
  const empty = (of: BackupDialog['of']): BackupDialog => ({
    of,
    list: null,
    error: null,
    confirming: null,
    busy: null,
  });
  return {
    backupDialog: null,

    async openBackups() {
      set({ backupDialog: empty('current') });
      try {
        update({ list: await api['backups.list']({}) });
      } catch (error) {
        update({ error: errorMessage(error) });
      }
    },

    async offerDamagedRestore() {
      let list: BackupList | null;
      try {
        list = await api['backups.damaged']({});
      } catch {
        return false;
      }
      if (!list) return false;
      set({ backupDialog: { ...empty('damaged'), list } });
      return true;
    },

    chooseBackup(backup) {
      update({ confirming: backup, error: null });
    },

    async restoreBackup(backup) {
      const dialog = get().backupDialog;
      if (!dialog || dialog.busy) return;
      update({ busy: 'restoring', error: null });
      try {
        const result = await api['backups.restore']({ of: dialog.of, fileName: backup.fileName });
        set({ backupDialog: null });
        await get().restart();
        get().showToast({
          tone: 'info',
          message: `Restored ${result.project.name} from its backup of ${formatBackupTime(result.restored.createdAt)}.${result.keptAs ? ' The project as it was is kept in its backups.' : ''}`,
        });
      } catch (error) {
        update({ busy: null, confirming: null, error: errorMessage(error) });
      }
    },

    async backUpNow() {
      if (get().backupDialog?.busy) return;
      update({ busy: 'backing-up', error: null });
      try {
        await api['backups.create']({});
        update({ busy: null, list: await api['backups.list']({}) });
      } catch (error) {
        update({ busy: null, error: errorMessage(error) });
      }
    },

    closeBackups() {
      if (get().backupDialog?.busy === 'restoring') return;
      set({ backupDialog: null });
    },
  };
};

/** "27 November 2025, 23:50:01" in the user's language and time zone. */
export function formatBackupTime(iso: string): string {
  return new Date(iso).toLocaleString(undefined, {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
