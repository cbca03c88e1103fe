// Getting files in: Import buttons (files or a whole folder), dropping files or folders anywhere on the
// window, a progress bar with counts while importing, and a report of what could not be imported and why.
import { useEffect, useRef, useState } from 'react';
import { Button, Label, ProgressBar } from 'react-aria-components';
import {
  IMPORT_EXTENSIONS,
  isImportableName,
  isInSavedPageAssets,
  isSavedPageAssets,
} from '../../../shared/import-files';
import { errorMessage, useDossier } from '../../store/index';

/** Files taken from a chosen folder: importable kinds, minus the asset folders of saved web pages. */
function importableFromFolder(files: File[]): File[] {
  const paths = files.map((f) => f.webkitRelativePath || f.name);
  const lowerPaths = new Set(paths.map((path) => path.toLowerCase()));
  return files.filter(
    (file, i) => isImportableName(file.name) && !isInSavedPageAssets(paths[i]!, lowerPaths),
  );
}

/** Reads a dropped folder recursively; only files Dossier can import are taken from folders. */
async function filesInEntry(entry: FileSystemEntry): Promise<File[]> {
  if (entry.isFile) {
    const file = await new Promise<File>((resolve, reject) =>
      (entry as FileSystemFileEntry).file(resolve, reject),
    );
    return isImportableName(file.name) ? [file] : [];
  }
  if (!entry.isDirectory || entry.name.startsWith('.')) return [];
  const reader = (entry as FileSystemDirectoryEntry).createReader();
  const children: FileSystemEntry[] = [];
  for (;;) {
    const batch = await new Promise<FileSystemEntry[]>((resolve, reject) =>
      reader.readEntries(resolve, reject),
    );
    if (batch.length === 0) break;
    children.push(...batch);
  }
  const names = new Set(children.map((child) => child.name.toLowerCase()));
  const wanted = children.filter((child) => !(child.isDirectory && isSavedPageAssets(child.name, names)));
  const nested = await Promise.all(wanted.map(filesInEntry));
  return nested.flat();
}

export async function filesFromDrop(data: DataTransfer): Promise<File[]> {
  const files: File[] = [];
  const items = Array.from(data.items).filter((item) => item.kind === 'file');
  const entries = items.map((item) => item.webkitGetAsEntry?.() ?? null);
  for (const [index, entry] of entries.entries()) {
    if (entry?.isDirectory) files.push(...(await filesInEntry(entry)));
    else {
      const file = items[index]?.getAsFile();
      if (file) files.push(file);
    }
  }
  return files;
}

export function ImportButtons({ prominent = false }: { prominent?: boolean }) {
  const importFiles = useDossier((s) => s.importFiles);
  const busy = useDossier((s) => s.importProgress !== null);
  const fileInput = useRef<HTMLInputElement>(null);
  const folderInput = useRef<HTMLInputElement>(null);

  useEffect(() => {
    folderInput.current?.setAttribute('webkitdirectory', '');
  }, []);

  const take = (input: HTMLInputElement | null, fromFolder: boolean) => {
    const chosen = Array.from(input?.files ?? []);
    const files = fromFolder ? importableFromFolder(chosen) : chosen;
    if (input) input.value = '';
    void importFiles(files);
  };

  return (
    <div className={prominent ? 'import-buttons prominent' : 'import-buttons'}>
      <Button className="primary-button" isDisabled={busy} onPress={() => fileInput.current?.click()}>
        Import files…
      </Button>
      <Button className="secondary-button" isDisabled={busy} onPress={() => folderInput.current?.click()}>
        Import folder…
      </Button>
      <input
        ref={fileInput}
        type="file"
        multiple
        hidden
        accept={IMPORT_EXTENSIONS.join(',')}
        data-testid="import-file-input"
        onChange={(e) => take(e.currentTarget, false)}
      />
      <input ref={folderInput} type="file" hidden onChange={(e) => take(e.currentTarget, true)} />
    </div>
  );
}

export function ImportStatus() {
  const progress = useDossier((s) => s.importProgress);
  const report = useDossier((s) => s.lastImport);
  const cancel = useDossier((s) => s.cancelImport);
  const dismiss = useDossier((s) => s.dismissImportReport);

  if (progress) {
    return (
      <div className="import-status">
        <ProgressBar value={progress.done} maxValue={progress.total} className="progress">
          {({ percentage }) => (
            <>
              <Label>
                Importing {Math.min(progress.done + 1, progress.total)} of {progress.total}
                {progress.current ? ` — ${progress.current}` : ''}
              </Label>
              <div className="progress-track">
                <div className="progress-fill" style={{ width: `${percentage ?? 0}%` }} />
              </div>
              <span className="progress-counts" data-testid="import-counts">
                {progress.done} done · {progress.failed} failed · {progress.total - progress.done} remaining
              </span>
            </>
          )}
        </ProgressBar>
        <Button className="secondary-button" onPress={cancel}>
          Cancel
        </Button>
      </div>
    );
  }
  if (!report) return null;
  const summary = [
    `${report.imported} imported`,
    report.alreadyPresent.length > 0 ? `${report.alreadyPresent.length} already in the project` : null,
    report.failed.length > 0 ? `${report.failed.length} could not be imported` : null,
  ]
    .filter(Boolean)
    .join(', ');
  return (
    <div className="import-report" role={report.failed.length > 0 ? 'alert' : 'status'}>
      <p>{summary}.</p>
      {report.failed.length > 0 && (
        <ul className="import-failures">
          {report.failed.map((f) => (
            <li key={f.fileName}>
              <strong>{f.fileName}</strong>: {f.reason}
            </li>
          ))}
        </ul>
      )}
      <Button className="link-button" onPress={dismiss}>
        Dismiss
      </Button>
    </div>
  );
}

/** Accepts files and folders dropped anywhere on the window. */
export function useWindowDrop(): boolean {
  const importFiles = useDossier((s) => s.importFiles);
  const showToast = useDossier((s) => s.showToast);
  const [dragging, setDragging] = useState(false);
  useEffect(() => {
    let depth = 0;
    const hasFiles = (e: DragEvent) => Array.from(e.dataTransfer?.types ?? []).includes('Files');
    const onEnter = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      depth += 1;
      setDragging(true);
    };
    const onLeave = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) setDragging(false);
    };
    const onOver = (e: DragEvent) => {
      if (hasFiles(e)) e.preventDefault();
    };
    const onDrop = (e: DragEvent) => {
      if (!e.dataTransfer || !hasFiles(e)) return;
      e.preventDefault();
      depth = 0;
      setDragging(false);
      void filesFromDrop(e.dataTransfer).then(importFiles, (error: unknown) =>
        showToast({ message: `Could not read what was dropped: ${errorMessage(error)}`, tone: 'error' }),
      );
    };
    window.addEventListener('dragenter', onEnter);
    window.addEventListener('dragleave', onLeave);
    window.addEventListener('dragover', onOver);
    window.addEventListener('drop', onDrop);
    return () => {
      window.removeEventListener('dragenter', onEnter);
      window.removeEventListener('dragleave', onLeave);
      window.removeEventListener('dragover', onOver);
      window.removeEventListener('drop', onDrop);
    };
  }, [importFiles, showToast]);
  return dragging;
}
