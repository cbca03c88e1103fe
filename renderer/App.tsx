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
import { Tab, TabList, TabPanel, Tabs } from 'react-aria-components';
import { VIEWS, type View } from './store/history';
import { HistoryButtons, useHistoryShortcuts } from './features/history/HistoryButtons';
import { ClaimsView } from './features/claims/ClaimsView';
import { EventsView } from './features/events/EventsView';
import { TimelineView } from './features/timeline/TimelineView';
import { CodebookView } from './features/codebook/CodebookView';
import { EntitiesView } from './features/entities/EntitiesView';
import { OrphansView } from './features/orphans/OrphansView';
import { SearchButton, SearchDialog, useSearchShortcut } from './features/search/SearchDialog';
import { ExportButton } from './features/export/ExportDialog';
import { ExchangeDialogs } from './features/exchange/ExchangeDialogs';
import { ConflictsView } from './features/exchange/ConflictsView';
import { BackupsDialog } from './features/backups/BackupsDialog';
import { ReadOnlyBanner } from './features/project/ReadOnlyBanner';
import { OptionsMenu } from './features/preferences/OptionsMenu';

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

const VIEW_LABELS: Record<View, string> = {
  documents: 'Documents',
  claims: 'Claims',
  events: 'Events',
  timeline: 'Timeline',
  codebook: 'Codebook',
  entities: 'People & places',
  orphans: 'Orphans',
  conflicts: 'Conflicts',
};

function ViewTabList() {
  const claimCount = useDossier((s) => s.claims.length);
  const eventCount = useDossier((s) => s.events.length);
  const orphanCount = useDossier((s) => s.orphans.length);
  const conflictCount = useDossier((s) => s.conflicts.length);
  const view = useDossier((s) => s.view);
  const counts: Partial<Record<View, number>> = {
    claims: claimCount,
    events: eventCount,
    orphans: orphanCount,
    conflicts: conflictCount,
  };
  // Conflicts appear only after a merge left some (or while the view is open, as the last one is settled).
  const shown = VIEWS.filter((id) => id !== 'conflicts' || conflictCount > 0 || view === 'conflicts');
  return (
    <TabList aria-label="Views" className="view-tab-list">
      {shown.map((id) => (
        <Tab key={id} id={id} className="view-tab">
          {VIEW_LABELS[id]}
          {counts[id] ? <span className="tab-count"> ({counts[id]})</span> : null}
        </Tab>
      ))}
    </TabList>
  );
}

function ViewPanels() {
  // The reader stays mounted (inert) behind the other views, so coming back keeps the reader's place.
  return (
    <>
      <TabPanel id="documents" className="view-panel" shouldForceMount>
        <div className="panes">
          <LibraryPane />
          <Reader />
          <AnnotationPane />
        </div>
      </TabPanel>
      <TabPanel id="claims" className="view-panel">
        <ClaimsView />
      </TabPanel>
      <TabPanel id="events" className="view-panel">
        <EventsView />
      </TabPanel>
      <TabPanel id="timeline" className="view-panel">
        <TimelineView />
      </TabPanel>
      <TabPanel id="codebook" className="view-panel">
        <CodebookView />
      </TabPanel>
      <TabPanel id="entities" className="view-panel">
        <EntitiesView />
      </TabPanel>
      <TabPanel id="orphans" className="view-panel">
        <OrphansView />
      </TabPanel>
      <TabPanel id="conflicts" className="view-panel">
        <ConflictsView />
      </TabPanel>
    </>
  );
}

export function App() {
  const start = useDossier((s) => s.start);
  const appInfo = useDossier((s) => s.appInfo);
  const startupError = useDossier((s) => s.startupError);
  const loaded = useDossier((s) => s.documentsLoaded);
  const hasDocuments = useDossier((s) => s.documents.length > 0);
  const dragging = useWindowDrop();
  const view = useDossier((s) => s.view);
  const setView = useDossier((s) => s.setView);
  const loadConflicts = useDossier((s) => s.loadConflicts);
  useHistoryShortcuts();
  useSearchShortcut();

  useEffect(() => {
    void start();
  }, [start]);

  // The conflicts merges kept aside, for each project opened (start() sets appInfo anew).
  useEffect(() => {
    if (appInfo) void loadConflicts();
  }, [appInfo, loadConflicts]);

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
      <Tabs className="app-tabs" selectedKey={view} onSelectionChange={(key) => setView(key as View)}>
        <header className="topbar">
          <span className="brand">Dossier</span>
          <ProjectMenu />
          {appInfo?.project.readOnly && <span className="badge">Read-only</span>}
          {loaded && hasDocuments && <ViewTabList />}
          {loaded && hasDocuments && <SearchButton />}
          {loaded && hasDocuments && <ExportButton />}
          <HistoryButtons />
          <OptionsMenu />
          <ImportStatus />
        </header>
        <ReadOnlyBanner />
        {loaded && !hasDocuments ? <EmptyState /> : <ViewPanels />}
      </Tabs>
      {dragging && (
        <div className="drop-overlay" aria-hidden="true">
          Drop files or folders to import them
        </div>
      )}
      <SearchDialog />
      <ExchangeDialogs />
      <BackupsDialog />
      <Toasts />
    </div>
  );
}
