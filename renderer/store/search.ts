// Search (issue 6): the global search dialog, the saved searches in the sidebar, and taking the user to what
// a result names. Finding within the open document is the reader's (features/search/FindBar); a document
// opened from a search asks it, through findRequest, to show the searched words.
import type { StateCreator } from 'zustand';
import { foldForSearch } from '../../shared/annotations';
import type { SavedSearch, SearchResult } from '../../shared/search';
import { api } from '../api';
import type { DossierState } from './index';
import { errorMessage } from './index';

/** How many of the session's searches the empty dialog offers again. */
const RECENT_SEARCHES = 5;

export interface SearchSlice {
  searchOpen: boolean;
  /** What the dialog opens with: the last query, or a saved search's. */
  searchQuery: string;
  openSearch(query?: string): void;
  closeSearch(): void;
  /** Queries that led somewhere this session, newest first. */
  recentSearches: string[];
  /**
   * Asks the reader's find bar to open, with these words (null keeps what it had) and perhaps the focus;
   * bumped even when nothing else changed. The find bar takes it, so it is acted on once.
   */
  findRequest: { query: string | null; focus: boolean; seq: number } | null;
  requestFind(query: string | null, focus: boolean): void;
  takeFindRequest(): void;
  /**
   * A person, place or tag a search result named, for its view to show and focus (clearing a filter that
   * hides it). The view takes it, so it is acted on once.
   */
  revealRequest: { kind: 'entity' | 'tag'; id: string } | null;
  takeRevealRequest(): void;
  /** Goes to a result: its document at its passage, its claim, its event, or its row in the view listing it. */
  openSearchResult(result: SearchResult, query: string, terms: string[]): Promise<void>;

  savedSearches: SavedSearch[];
  loadSavedSearches(): Promise<void>;
  /** Resolves to the saved search, or rejects with the main side's message for the dialog to show. */
  saveSearch(name: string, query: string): Promise<SavedSearch>;
  deleteSavedSearch(id: string): Promise<void>;
}

let findSeq = 0;

export const createSearchSlice: StateCreator<DossierState, [], [], SearchSlice> = (set, get) => ({
  searchOpen: false,
  searchQuery: '',
  openSearch(query) {
    set((s) => ({ searchOpen: true, searchQuery: query ?? s.searchQuery }));
  },
  closeSearch() {
    set({ searchOpen: false });
  },
  recentSearches: [],
  findRequest: null,
  requestFind(query, focus) {
    set({ findRequest: { query, focus, seq: ++findSeq } });
  },
  takeFindRequest() {
    set({ findRequest: null });
  },
  revealRequest: null,
  takeRevealRequest() {
    set({ revealRequest: null });
  },

  async openSearchResult(result, query, terms) {
    const trimmed = query.trim();
    set((s) => ({
      searchOpen: false,
      searchQuery: query,
      recentSearches: trimmed
        ? [trimmed, ...s.recentSearches.filter((q) => q !== trimmed)].slice(0, RECENT_SEARCHES)
        : s.recentSearches,
    }));
    const state = get();
    switch (result.kind) {
      case 'passage':
      case 'document': {
        if (!result.documentId) return;
        state.setView('documents');
        if (state.openDocumentId !== result.documentId) await state.openDocument(result.documentId);
        if (get().openDocumentId !== result.documentId) return;
        if (result.kind === 'passage') get().selectHighlight(result.id, { scroll: true });
        else if (terms.length > 0) get().requestFind(firstFound(get(), terms), false);
        return;
      }
      case 'claim':
        state.selectClaim(result.id);
        state.setView('claims');
        return;
      case 'event':
        state.selectEvent(result.id);
        state.setView('events');
        return;
      case 'entity':
        set({ revealRequest: { kind: 'entity', id: result.id } });
        state.setView('entities');
        return;
      case 'tag':
        set({ revealRequest: { kind: 'tag', id: result.id } });
        state.setView('codebook');
        return;
    }
  },

  savedSearches: [],
  async loadSavedSearches() {
    try {
      set({ savedSearches: byName(await api['searches.list']({})) });
    } catch (error) {
      get().showToast({ message: errorMessage(error), tone: 'error' });
    }
  },
  async saveSearch(name, query) {
    const saved = await api['searches.save']({ name, query });
    set((s) => ({
      savedSearches: byName([...s.savedSearches.filter((x) => x.id !== saved.id), saved]),
    }));
    return saved;
  },
  async deleteSavedSearch(id) {
    try {
      await api['searches.delete']({ id });
      set((s) => ({ savedSearches: s.savedSearches.filter((x) => x.id !== id) }));
    } catch (error) {
      get().showToast({ message: errorMessage(error), tone: 'error' });
    }
  },
});

/** The sidebar lists saved searches by name. */
function byName(list: SavedSearch[]): SavedSearch[] {
  return [...list].sort((a, b) => a.name.localeCompare(b.name));
}

/** The first searched word the open document contains, so the find bar opens on a match. */
function firstFound(state: DossierState, terms: string[]): string {
  const text = foldForSearch(state.currentDocument?.text ?? '');
  return terms.find((t) => text.includes(t)) ?? terms[0]!;
}
