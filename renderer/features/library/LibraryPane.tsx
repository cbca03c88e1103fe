// The library: every document in the project with its title, outlet and date, filtered with the search query
// language (words are looked up in the index; outlet:, lang: and date: alone are read from the list). Choosing
// one opens it. Below them, the saved searches.
import { useEffect, useMemo, useState } from 'react';
import { Input, SearchField } from 'react-aria-components';
import { daySpan } from '../../../shared/date-spans';
import type { DocumentSummary } from '../../../shared/domain';
import { matchesQuery, readSearchBox, type ParsedQuery } from '../../../shared/search-query';
import { api } from '../../api';
import { errorMessage } from '../../store/index';
import { formatPartialDate } from '../../../shared/dates';
import { displayTitle } from '../../../shared/domain';
import { useDossier } from '../../store/index';
import { VirtualListBox } from '../../components/VirtualListBox';
import { ImportButtons } from '../import/ImportControls';
import { SavedSearches } from '../search/SavedSearches';

/** Documents whose words the index finds, at most: the list says when there may be more. */
const FOUND_MAX = 200;

/**
 * The documents a filter lets through: all without one; by their metadata for filters alone; through the
 * index when it has words (answers to an earlier filter are dropped).
 */
function useFilteredDocuments(documents: DocumentSummary[], filter: string) {
  const read = useMemo(() => readSearchBox(filter), [filter]);
  const query: ParsedQuery | null = 'query' in read ? read.query : null;
  const [found, setFound] = useState<
    { filter: string; ids: Set<string> } | { filter: string; error: string }
  >();
  useEffect(() => {
    if (!query?.text) return;
    let current = true;
    const timer = window.setTimeout(() => {
      api['search.query']({ query: filter, kinds: ['document'], limit: FOUND_MAX, prefixLast: true }).then(
        (response) => current && setFound({ filter, ids: new Set(response.results.map((r) => r.id)) }),
        (error: unknown) => current && setFound({ filter, error: errorMessage(error) }),
      );
    }, 120);
    return () => {
      current = false;
      window.clearTimeout(timer);
    };
    // Documents imported, edited or re-marked since are looked up again.
  }, [filter, query, documents]);
  if ('error' in read) return { shown: documents, error: read.error, capped: false };
  if (!query) return { shown: documents, error: null, capped: false };
  if (!query.text) {
    const shown = documents.filter((d) =>
      matchesQuery(query, {
        kind: 'document',
        text: `${d.title ?? ''}\n${d.fileName}`,
        outlets: d.outlet ? [d.outlet] : [],
        languages: d.language ? [d.language] : [],
        span: d.published ? daySpan(d.published.replace(/^~/, '')) : null,
      }),
    );
    return { shown, error: null, capped: false };
  }
  if (!found || found.filter !== filter) return { shown: documents, error: null, capped: false };
  if ('error' in found) return { shown: documents, error: found.error, capped: false };
  return {
    shown: documents.filter((d) => found.ids.has(d.id)),
    error: null,
    capped: found.ids.size >= FOUND_MAX,
  };
}

const documentKey = (d: DocumentSummary) => d.id;

function renderDocument(d: DocumentSummary) {
  const meta = [d.outlet, formatPartialDate(d.published)].filter(Boolean).join(' · ');
  const title = displayTitle(d);
  return (
    <>
      <span className={d.title ? 'document-title' : 'document-title untitled'} title={title}>
        {title}
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
    </>
  );
}

export function LibraryPane() {
  const documents = useDossier((s) => s.documents);
  const [filter, setFilter] = useState('');
  const { shown, error, capped } = useFilteredDocuments(documents, filter);
  const openDocumentId = useDossier((s) => s.openDocumentId);
  const openDocument = useDossier((s) => s.openDocument);

  return (
    <nav className="library" aria-label="Library">
      <h2 className="pane-title">Library ({documents.length})</h2>
      <ImportButtons />
      <SearchField
        className="library-filter"
        aria-label="Filter documents"
        value={filter}
        onChange={setFilter}
        isInvalid={error !== null}
      >
        <Input placeholder="Filter: words, outlet:, lang:, date:…" />
        {error && <span className="field-error filter-error">{error}</span>}
      </SearchField>
      {filter.trim() !== '' && !error && (
        <p className="hint library-filter-count" aria-live="polite">
          {capped
            ? `The first ${shown.length} documents found`
            : `${shown.length} of ${documents.length} documents`}
        </p>
      )}
      <VirtualListBox
        aria-label="Documents"
        className="document-list"
        itemClassName="document-item"
        items={shown}
        keyOf={documentKey}
        textOf={displayTitle}
        estimatedRowHeight={68}
        gap={2}
        selectedKey={openDocumentId}
        onSelect={(key) => {
          if (key !== openDocumentId) void openDocument(key);
        }}
        renderEmpty={() => (
          <p className="hint">{documents.length === 0 ? 'No documents yet.' : 'No document matches.'}</p>
        )}
        renderItem={renderDocument}
      />
      <SavedSearches />
    </nav>
  );
}
