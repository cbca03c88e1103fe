// Which view the window shows, and the session's undo history. Undo and redo run on the main side as inverse
// operations on the database; afterwards this slice reloads only the areas the action touched.
import type { StateCreator } from 'zustand';
import type { HistoryArea, HistoryResult, HistoryState } from '../../shared/annotations';
import { api } from '../api';
import type { DossierState } from './index';
import { errorMessage } from './index';

export const VIEWS = [
  'documents',
  'claims',
  'events',
  'timeline',
  'codebook',
  'entities',
  'orphans',
  'conflicts',
] as const;
export type View = (typeof VIEWS)[number];

export interface HistorySlice {
  view: View;
  setView(view: View): void;
  history: HistoryState;
  refreshHistory(): Promise<void>;
  undo(): Promise<void>;
  redo(): Promise<void>;
  /**
   * Reloads what an action changed: lists of tags, entities and claims, and the open document's highlights
   * when `documentIds` includes it (or is not given). Every annotation action ends with this; actions that
   * make or remove highlights name their documents so the library's counts follow.
   */
  afterAction(areas: readonly HistoryArea[], documentIds?: readonly string[]): Promise<void>;
}

export const createHistorySlice: StateCreator<DossierState, [], [], HistorySlice> = (set, get) => {
  // One step at a time: a double click must not undo twice before the first answer arrives.
  let stepping = false;
  const step = async (op: 'history.undo' | 'history.redo') => {
    if (stepping) return;
    stepping = true;
    let result: HistoryResult;
    try {
      result = await api[op]({});
    } catch (error) {
      get().showToast({ message: errorMessage(error), tone: 'error' });
      await get().refreshHistory();
      return;
    } finally {
      stepping = false;
    }
    set({ history: result.state });
    if (result.label === null) return;
    get().showToast({
      message: `${op === 'history.undo' ? 'Undone' : 'Redone'}: ${result.label}`,
      tone: 'info',
    });
    await get().afterAction(result.areas, result.documentIds);
  };

  return {
    view: 'documents',
    setView(view) {
      set({ view });
    },
    history: { undo: null, redo: null },

    async refreshHistory() {
      try {
        set({ history: await api['history.state']({}) });
      } catch {
        // The menu labels are a convenience; Undo still works without them.
      }
    },

    undo: () => step('history.undo'),
    redo: () => step('history.redo'),

    async afterAction(areas, documentIds) {
      const s = get();
      const jobs: Promise<unknown>[] = [s.refreshHistory()];
      const open = s.openDocumentId;
      if (areas.includes('highlights') && open && (!documentIds || documentIds.includes(open))) {
        jobs.push(s.refreshHighlights());
      }
      if (areas.includes('highlights')) jobs.push(s.loadOrphans());
      // Highlights made or removed change the library's counts: actions that can pass their documents.
      if (areas.includes('highlights') && documentIds && documentIds.length > 0) jobs.push(s.loadDocuments());
      if (areas.includes('tags')) jobs.push(s.loadTags());
      if (areas.includes('entities')) jobs.push(s.loadEntities());
      if (areas.includes('claims')) jobs.push(s.loadClaims());
      // Events reload with their page: claim links and edits change both the list and the chosen event.
      if (areas.includes('events')) jobs.push(s.loadEvents());
      await Promise.all(jobs);
    },
  };
};
