// Saved searches in the sidebar: each opens the search dialog with its query; its "⋯" menu deletes it,
// after asking (Cancel focused, so Enter never deletes by accident). Nothing shows until one is saved.
import { useState } from 'react';
import { Button } from 'react-aria-components';
import { ConfirmDeleteDialog } from '../../components/ConfirmDeleteButton';
import type { SavedSearch } from '../../../shared/search';
import { RowActionsMenu } from '../../components/RowActionsMenu';
import { useDossier } from '../../store/index';
import './search.css';

const ACTIONS = [
  { id: 'open', label: 'Search again' },
  { id: 'delete', label: 'Delete…', separated: true },
] as const;

export function SavedSearches() {
  const saved = useDossier((s) => s.savedSearches);
  const openSearch = useDossier((s) => s.openSearch);
  const deleteSavedSearch = useDossier((s) => s.deleteSavedSearch);
  const [deleting, setDeleting] = useState<SavedSearch | null>(null);
  if (saved.length === 0) return null;
  return (
    <section className="saved-searches" aria-labelledby="saved-searches-title">
      <h2 id="saved-searches-title" className="pane-title">
        Saved searches
      </h2>
      <ul className="saved-search-list">
        {saved.map((search) => (
          <li key={search.id} className="saved-search">
            <Button className="link-button saved-search-open" onPress={() => openSearch(search.query)}>
              {search.name}
            </Button>
            <RowActionsMenu
              name={search.name}
              items={ACTIONS}
              onAction={(action) => (action === 'open' ? openSearch(search.query) : setDeleting(search))}
            />
          </li>
        ))}
      </ul>
      <ConfirmDeleteDialog
        isOpen={deleting !== null}
        onCancel={() => setDeleting(null)}
        title="Delete this saved search?"
        message={`“${deleting?.name ?? ''}” leaves the sidebar. Nothing it finds is deleted, and you can save the search again at any time.`}
        onConfirm={() => {
          if (deleting) void deleteSavedSearch(deleting.id);
        }}
      />
    </section>
  );
}
