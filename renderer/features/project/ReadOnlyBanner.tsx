// Shown above everything while the project is open read-only (a read-only file or folder, a read-only disk,
// another user's file): nothing can change it, and the app does not try.
import { useDossier } from '../../store/index';
import '../backups/backups.css';

export function ReadOnlyBanner() {
  const readOnly = useDossier((s) => s.appInfo?.project.readOnly ?? false);
  if (!readOnly) return null;
  return (
    <div className="read-only-banner" role="status">
      <strong>This project is read-only.</strong> Dossier cannot write to its file or its folder, so you can
      read, search and export it, but not change it. To work on it, copy it to a folder you can write to and
      open the copy.
    </div>
  );
}
