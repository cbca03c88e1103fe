// The window: library on the left, the reader in the middle, the open document's highlights on the right.
// Before any document exists, an empty state invites an import. data-ready tells tests the app has loaded.
import { useEffect } from 'react';
import { useDossier } from './store/index';
import { LibraryPane } from './features/library/LibraryPane';
import { Reader } from './features/reader/Reader';
import { AnnotationPane } from './features/annotations/AnnotationPane';
import { ImportButtons, ImportStatus, useWindowDrop } from './features/import/ImportControls';
import { ProjectMenu } from './features/project/ProjectMenu';
import { Toasts } from './components/Toasts';

function EmptyState() {
  return (
    <main className="empty-state" aria-label="Get started">
      <h1>Your project is empty</h1>
      <p>
        Import saved web pages, PDFs, Word files, Markdown and text (news articles, reports, notes), or drop
        files and folders anywhere here.
      </p>
      <ImportButtons prominent />
    </main>
  );
}

export function App() {
  const start = useDossier((s) => s.start);
  const appInfo = useDossier((s) => s.appInfo);
  const startupError = useDossier((s) => s.startupError);
  const loaded = useDossier((s) => s.documentsLoaded);
  const hasDocuments = useDossier((s) => s.documents.length > 0);
  const dragging = useWindowDrop();

  useEffect(() => {
    void start();
  }, [start]);

  if (startupError) {
    return (
      <div className="startup-error" role="alert">
        <h1>Dossier could not start</h1>
        <p>{startupError}</p>
      </div>
    );
  }

  return (
    <div className="app" data-ready={loaded ? 'true' : 'false'}>
      <header className="topbar">
        <span className="brand">Dossier</span>
        <ProjectMenu />
        {appInfo?.project.readOnly && <span className="badge">Read-only</span>}
        <ImportStatus />
      </header>
      {loaded && !hasDocuments ? (
        <EmptyState />
      ) : (
        <div className="panes">
          <LibraryPane />
          <Reader />
          <AnnotationPane />
        </div>
      )}
      {dragging && (
        <div className="drop-overlay" aria-hidden="true">
          Drop files or folders to import them
        </div>
      )}
      <Toasts />
    </div>
  );
}
