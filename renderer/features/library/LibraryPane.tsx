// The library: every document in the project with its title, outlet and date. Choosing one opens it. Below
// them, the saved searches.
import { ListBox, ListBoxItem, ListLayout, Virtualizer } from 'react-aria-components';
import { formatPartialDate } from '../../../shared/dates';
import { displayTitle } from '../../../shared/domain';
import { useDossier } from '../../store/index';
import { singleKey } from '../../components/selection';
import { ImportButtons } from '../import/ImportControls';
import { SavedSearches } from '../search/SavedSearches';

export function LibraryPane() {
  const documents = useDossier((s) => s.documents);
  const openDocumentId = useDossier((s) => s.openDocumentId);
  const openDocument = useDossier((s) => s.openDocument);

  return (
    <nav className="library" aria-label="Library">
      <h2 className="pane-title">Library ({documents.length})</h2>
      <ImportButtons />
      <Virtualizer layout={ListLayout} layoutOptions={{ estimatedRowHeight: 64, gap: 2 }}>
        <ListBox
          aria-label="Documents"
          className="document-list"
          selectionMode="single"
          selectedKeys={openDocumentId ? [openDocumentId] : []}
          onSelectionChange={(keys) => {
            const key = singleKey(keys);
            if (key !== undefined && key !== openDocumentId) void openDocument(key);
          }}
          renderEmptyState={() => <p className="hint">No documents yet.</p>}
        >
          {documents.map((d) => {
            const meta = [d.outlet, formatPartialDate(d.published)].filter(Boolean).join(' · ');
            return (
              <ListBoxItem key={d.id} id={d.id} textValue={displayTitle(d)} className="document-item">
                <span className={d.title ? 'document-title' : 'document-title untitled'}>
                  {displayTitle(d)}
                </span>
                <span className="document-meta">
                  {meta || d.fileName}
                  {d.highlightCount > 0 && (
                    <span className="count" aria-label={`${d.highlightCount} highlights`}>
                      {' '}
                      · {d.highlightCount} ✎
                    </span>
                  )}
                </span>
              </ListBoxItem>
            );
          })}
        </ListBox>
      </Virtualizer>
      <SavedSearches />
    </nav>
  );
}
