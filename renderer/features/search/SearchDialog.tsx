// The global search (Ctrl/Cmd+K, or "Search…" in the top bar): results as you type from the project's
// full-text index, grouped by kind, each with its snippet's matches marked. The field keeps the focus while
// the arrow keys move through the results (React Aria's Autocomplete: virtual focus on the list), and Enter
// opens the chosen one. With nothing typed, the dialog offers the session's recent and saved searches and
// says what the query language can do. A query the main side cannot read says why under the field.
import { useEffect, useMemo, useRef, useState } from 'react';
import {
  Autocomplete,
  Button,
  Dialog,
  Form,
  Header,
  Input,
  type Key,
  Label,
  ListBox,
  ListBoxItem,
  ListBoxSection,
  Modal,
  SearchField,
  TextField,
} from 'react-aria-components';
import { formatPartialDate } from '../../../shared/dates';
import {
  SAVED_SEARCH_NAME_MAX,
  SEARCH_KIND_LABELS,
  SEARCH_KINDS,
  type SearchResponse,
  type SearchResult,
} from '../../../shared/search';
import { api } from '../../api';
import { errorMessage, useDossier } from '../../store/index';
import { modalIsOpen } from '../reader/Reader';
import { ariaKeyShortcuts, matchesShortcut } from '../../shortcuts';
import { splitSnippet } from './snippet';
import './search.css';

/** Results of each kind shown as you type. */
const LIMIT_PER_KIND = 8;
/** The pause in typing after which the query is sent. */
const DEBOUNCE_MS = 100;

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

/** Ctrl/Cmd+K opens the search from anywhere, except over another dialog. */
export function useSearchShortcut(): void {
  const openSearch = useDossier((s) => s.openSearch);
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (!matchesShortcut(event, 'app.search') || modalIsOpen()) return;
      event.preventDefault();
      openSearch();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [openSearch]);
}

export function SearchButton() {
  const openSearch = useDossier((s) => s.openSearch);
  return (
    <Button
      className="secondary-button search-button"
      aria-keyshortcuts={ariaKeyShortcuts('app.search')}
      onPress={() => openSearch()}
    >
      Search… <kbd aria-hidden="true">{isMac ? '⌘K' : 'Ctrl+K'}</kbd>
    </Button>
  );
}

export function SearchDialog() {
  const open = useDossier((s) => s.searchOpen);
  const closeSearch = useDossier((s) => s.closeSearch);
  return (
    <Modal isDismissable isOpen={open} onOpenChange={(isOpen) => !isOpen && closeSearch()} className="modal">
      <Dialog aria-label="Search" className="dialog search-dialog">
        <SearchPanel />
      </Dialog>
    </Modal>
  );
}

/** What the main side answered, and for which query (a newer query may be on its way). */
type Answer = { query: string; response: SearchResponse } | { query: string; error: string };

function useSearchResults(query: string): Answer | null {
  const [answer, setAnswer] = useState<Answer | null>(null);
  const latest = useRef(0);
  useEffect(() => {
    const trimmed = query.trim();
    const request = ++latest.current;
    if (!trimmed) return;
    const timer = window.setTimeout(() => {
      api['search.query']({ query: trimmed, prefixLast: true, limit: LIMIT_PER_KIND }).then(
        (response) => request === latest.current && setAnswer({ query, response }),
        (error: unknown) => request === latest.current && setAnswer({ query, error: errorMessage(error) }),
      );
    }, DEBOUNCE_MS);
    return () => window.clearTimeout(timer);
  }, [query]);
  // Only the answer to what is in the field now: Enter must never open a result of an earlier query.
  return query.trim() && answer?.query === query ? answer : null;
}

function SearchPanel() {
  const initialQuery = useDossier((s) => s.searchQuery);
  const recent = useDossier((s) => s.recentSearches);
  const saved = useDossier((s) => s.savedSearches);
  const openSearchResult = useDossier((s) => s.openSearchResult);
  const [query, setQuery] = useState(initialQuery);
  const answer = useSearchResults(query);
  const [saving, setSaving] = useState(false);
  /** The name the query was last saved under, said in the footer until the query changes. */
  const [savedAs, setSavedAs] = useState<{ query: string; name: string } | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  // Opened again on the last query: selected, so typing starts a new one.
  useEffect(() => inputRef.current?.select(), []);
  const endSaving = (name: string | null) => {
    setSaving(false);
    if (name !== null) setSavedAs({ query, name });
    inputRef.current?.focus();
  };

  const response = answer && 'response' in answer ? answer.response : null;
  const error = answer && 'error' in answer ? answer.error : null;
  const groups = useMemo(
    () =>
      SEARCH_KINDS.map((kind) => ({
        kind,
        results: (response?.results ?? []).filter((r) => r.kind === kind),
      })).filter((g) => g.results.length > 0),
    [response],
  );
  const byKey = useMemo(() => new Map((response?.results ?? []).map((r) => [resultKey(r), r])), [response]);
  /** With nothing typed, the list offers earlier queries: choosing one searches it again. */
  const suggestions = useMemo(
    () =>
      new Map([
        ...recent.map((q): [string, string] => [`recent:${q}`, q]),
        ...saved.map((s): [string, string] => [`saved:${s.id}`, s.query]),
      ]),
    [recent, saved],
  );
  const empty = !query.trim();

  const onAction = (key: Key) => {
    const id = String(key);
    const suggestion = suggestions.get(id);
    if (suggestion !== undefined) {
      setQuery(suggestion);
      return;
    }
    const result = byKey.get(id);
    if (result) void openSearchResult(result, query, response?.terms ?? []);
  };

  return (
    <>
      <Autocomplete inputValue={query} onInputChange={setQuery}>
        <SearchField className="search-field" aria-label="Search the project" autoFocus>
          <Input ref={inputRef} placeholder="Search documents, passages, claims, events…" />
        </SearchField>
        {error && (
          <p className="field-error search-error" role="alert">
            {error}
          </p>
        )}
        <ListBox
          aria-label={empty ? 'Recent and saved searches' : 'Search results'}
          className="search-results"
          onAction={onAction}
          renderEmptyState={() =>
            empty || error ? null : <p className="hint">{answer ? 'Nothing found.' : 'Searching…'}</p>
          }
        >
          {empty ? (
            <>
              {recent.length > 0 && (
                <ListBoxSection id="recent" className="search-group">
                  <Header className="search-group-heading">Recent searches</Header>
                  {recent.map((q) => (
                    <ListBoxItem key={q} id={`recent:${q}`} textValue={q} className="search-result">
                      {q}
                    </ListBoxItem>
                  ))}
                </ListBoxSection>
              )}
              {saved.length > 0 && (
                <ListBoxSection id="saved" className="search-group">
                  <Header className="search-group-heading">Saved searches</Header>
                  {saved.map((s) => (
                    <ListBoxItem key={s.id} id={`saved:${s.id}`} textValue={s.name} className="search-result">
                      <span className="search-result-title">{s.name}</span>
                      <span className="search-snippet">{s.query}</span>
                    </ListBoxItem>
                  ))}
                </ListBoxSection>
              )}
            </>
          ) : (
            groups.map((group) => (
              <ListBoxSection key={group.kind} id={group.kind} className="search-group">
                <Header className="search-group-heading">{SEARCH_KIND_LABELS[group.kind]}</Header>
                {group.results.map((result) => (
                  <ResultRow key={resultKey(result)} result={result} />
                ))}
              </ListBoxSection>
            ))
          )}
        </ListBox>
      </Autocomplete>
      {empty && <SyntaxHint />}
      <div className="search-footer">
        {saving ? (
          <SaveSearchForm query={query} onDone={endSaving} />
        ) : (
          <>
            <p className="search-saved" role="status">
              {savedAs?.query === query && `Saved in the sidebar as “${savedAs.name}”.`}
            </p>
            <Button className="secondary-button small" isDisabled={empty} onPress={() => setSaving(true)}>
              Save search…
            </Button>
          </>
        )}
      </div>
    </>
  );
}

function resultKey(result: SearchResult): string {
  return `${result.kind}:${result.id}`;
}

function ResultRow({ result }: { result: SearchResult }) {
  const date = formatPartialDate(result.date);
  return (
    <ListBoxItem id={resultKey(result)} textValue={result.title} className="search-result">
      <span className="search-result-line">
        <span className="search-result-title">{result.title}</span>
        {date && <span className="search-result-date">{date}</span>}
      </span>
      {result.snippet && (
        <span className="search-snippet">
          {splitSnippet(result.snippet).map((part, i) =>
            part.match ? <mark key={i}>{part.text}</mark> : <span key={i}>{part.text}</span>,
          )}
        </span>
      )}
    </ListBoxItem>
  );
}

function SyntaxHint() {
  return (
    <div className="search-syntax hint">
      <p>
        Words find every form that starts the same way as you type; accents and case do not matter. Use{' '}
        <code>"a phrase"</code>, <code>OR</code>, <code>NOT word</code> or <code>-word</code>, and{' '}
        <code>word*</code> for any ending.
      </p>
      <p>
        Filters: <code>tag:</code> <code>status:</code> <code>claimant:</code> <code>outlet:</code>{' '}
        <code>lang:</code> <code>date:2022..2024</code> <code>type:claim</code>
      </p>
    </div>
  );
}

/** Names the current query and saves it; the name starts as the query itself. */
function SaveSearchForm({ query, onDone }: { query: string; onDone(savedAs: string | null): void }) {
  const saveSearch = useDossier((s) => s.saveSearch);
  const [name, setName] = useState(query.trim().slice(0, SAVED_SEARCH_NAME_MAX));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <Form
      className="save-search-form"
      aria-label="Save search"
      onSubmit={(event) => {
        event.preventDefault();
        if (busy) return;
        setBusy(true);
        saveSearch(name, query).then(
          (saved) => onDone(saved.name),
          (failure: unknown) => {
            setError(errorMessage(failure));
            setBusy(false);
          },
        );
      }}
    >
      <TextField
        className="save-search-name"
        value={name}
        onChange={setName}
        maxLength={SAVED_SEARCH_NAME_MAX}
        autoFocus
      >
        <Label>Name</Label>
        <Input />
      </TextField>
      <Button type="submit" className="primary-button" isDisabled={busy}>
        Save
      </Button>
      <Button className="secondary-button" onPress={() => onDone(null)}>
        Cancel
      </Button>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </Form>
  );
}
