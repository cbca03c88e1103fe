// Restore from backup (project menu) and the offer made when a project is damaged. One modal: the list of
// backups with their times and sizes, then a confirmation before the project is replaced. The project as it
// is now is backed up first (or, damaged, copied aside), which the confirmation says: a restore can be undone.
import { Button, Dialog, Heading, ListBox, ListBoxItem, Modal } from 'react-aria-components';
import type { BackupInfo } from '../../../shared/contract-backups';
import { formatBackupTime, formatBytes } from '../../store/backups';
import { useDossier } from '../../store/index';
import './backups.css';

const REASONS: Record<BackupInfo['reason'], string> = {
  scheduled: 'Automatic',
  manual: 'Made by hand',
  'before-upgrade': 'Before an upgrade of Dossier',
  'before-restore': 'Before a restore',
};

export function BackupsDialog() {
  const dialog = useDossier((s) => s.backupDialog);
  const close = useDossier((s) => s.closeBackups);
  const restoring = dialog?.busy === 'restoring';
  return (
    <Modal
      isOpen={dialog !== null}
      onOpenChange={(open) => !open && close()}
      isDismissable={!restoring}
      isKeyboardDismissDisabled={restoring}
      className="modal"
    >
      {dialog && (
        <Dialog key={dialog.confirming ? 'confirm' : 'list'} className="dialog backups-dialog">
          {dialog.confirming ? <ConfirmRestore backup={dialog.confirming} /> : <BackupChoice />}
        </Dialog>
      )}
    </Modal>
  );
}

function BackupChoice() {
  const dialog = useDossier((s) => s.backupDialog)!;
  const choose = useDossier((s) => s.chooseBackup);
  const close = useDossier((s) => s.closeBackups);
  const backUpNow = useDossier((s) => s.backUpNow);
  const restore = useDossier((s) => s.restoreBackup);
  const { list } = dialog;
  const damaged = dialog.of === 'damaged';
  const latest = list?.backups[0] ?? null;
  const name = list?.project.name ?? '';
  return (
    <>
      <Heading slot="title">{damaged ? `“${name}” is damaged` : 'Restore from backup'}</Heading>
      {damaged && list && (
        <p className="backups-problem">
          Dossier did not open {list.project.path}: {list.damaged}. The file was not changed.
          {latest
            ? ' Restore its latest backup to go on working; the damaged file is kept in the backups folder.'
            : ' It has no backups.'}
        </p>
      )}
      {!damaged && (
        <p className="dialog-explanation">
          Backups are made every 30 minutes while the project changes, and before each upgrade. They are kept
          in {list ? list.folder : 'a folder beside the project'}.
        </p>
      )}
      {list?.lastError && (
        <p className="backups-error" role="alert">
          The last automatic backup failed: {list.lastError}
        </p>
      )}
      {dialog.error && (
        <p className="backups-error" role="alert">
          {dialog.error}
        </p>
      )}
      {list === null && !dialog.error && <p>Reading the backups…</p>}
      {list && list.backups.length === 0 && <p>There are no backups of this project yet.</p>}
      {list && list.backups.length > 0 && (
        <ListBox
          aria-label="Backups"
          className="backups-list"
          selectionMode="none"
          onAction={(key) => choose(list.backups.find((b) => b.fileName === key) ?? null)}
        >
          {list.backups.map((b) => (
            <ListBoxItem
              key={b.fileName}
              id={b.fileName}
              textValue={formatBackupTime(b.createdAt)}
              className="backups-item"
            >
              <span className="backups-time">{formatBackupTime(b.createdAt)}</span>
              <span className="backups-size">{formatBytes(b.bytes)}</span>
              <span className="backups-reason">{REASONS[b.reason]}</span>
            </ListBoxItem>
          ))}
        </ListBox>
      )}
      <div className="dialog-buttons">
        {!damaged && (
          <Button
            className="secondary-button backups-now"
            onPress={() => void backUpNow()}
            isDisabled={dialog.busy !== null}
          >
            {dialog.busy === 'backing-up' ? 'Backing up…' : 'Back up now'}
          </Button>
        )}
        <Button className="secondary-button" onPress={close}>
          {damaged ? 'Not now' : 'Close'}
        </Button>
        {damaged && latest && (
          <Button
            className="primary-button"
            onPress={() => void restore(latest)}
            isDisabled={dialog.busy !== null}
          >
            {dialog.busy === 'restoring' ? 'Restoring…' : 'Restore the latest backup'}
          </Button>
        )}
      </div>
    </>
  );
}

function ConfirmRestore({ backup }: { backup: BackupInfo }) {
  const dialog = useDossier((s) => s.backupDialog)!;
  const choose = useDossier((s) => s.chooseBackup);
  const restore = useDossier((s) => s.restoreBackup);
  const name = dialog.list?.project.name ?? 'the project';
  const restoring = dialog.busy === 'restoring';
  return (
    <>
      <Heading slot="title">Restore the backup of {formatBackupTime(backup.createdAt)}?</Heading>
      <p>
        “{name}” will be replaced by this backup ({formatBytes(backup.bytes)}): changes made since then are no
        longer in the project.
      </p>
      <p className="dialog-explanation">
        {dialog.of === 'damaged'
          ? 'The damaged file is kept in the backups folder.'
          : 'The project as it is now is backed up first, so you can undo this by restoring that backup.'}
      </p>
      <div className="dialog-buttons">
        <Button className="secondary-button" onPress={() => choose(null)} isDisabled={restoring}>
          Cancel
        </Button>
        <Button
          className="danger-button"
          onPress={() => void restore(backup)}
          isDisabled={restoring}
          autoFocus
        >
          {restoring ? 'Restoring…' : 'Restore'}
        </Button>
      </div>
    </>
  );
}
