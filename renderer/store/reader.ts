// Reader: the open document, its highlights (re-anchored against the text on load) and the highlight the user
// is working on. Deleting is undoable: the row becomes a tombstone and Undo restores it.
import type { StateCreator } from 'zustand';
import type { DocumentDetail, Highlight, HighlightColor } from '../../shared/domain';
import { anchorAll, anchorSelectors, type Anchor } from '../../shared/anchoring';
import { api } from '../api';
import type { DossierState } from './index';
import { errorMessage } from './index';

export interface AnchoredHighlight {
  highlight: Highlight;
  /** Where it sits in the current text, or null when its passage can no longer be found. */
  anchor: Anchor | null;
}

export interface ReaderSlice {
  openDocumentId: string | null;
  currentDocument: DocumentDetail | null;
  highlights: AnchoredHighlight[];
  selectedHighlightId: string | null;
  /** Bumped to ask the reader to scroll to a highlight, even the one already selected. */
  scrollRequest: { highlightId: string; seq: number } | null;
  lastColor: HighlightColor;
  /** Asks the side pane to focus a part of the chosen highlight's editor (the `t` and `c` keys). */
  focusRequest: { target: 'tags' | 'claim' | 'note'; seq: number } | null;
  requestFocus(target: 'tags' | 'claim' | 'note'): void;
  /** An orphaned highlight waiting for the user to select its new passage in the reader. */
  reattaching: { highlightId: string; documentId: string; quote: string } | null;
  startReattach(orphan: { highlightId: string; documentId: string; quote: string }): Promise<void>;
  cancelReattach(): void;
  reattach(range: { start: number; end: number }): Promise<boolean>;
  openDocument(id: string): Promise<void>;
  /** Reloads the open document's highlights (after an undo, a tag or a claim changed them). */
  refreshHighlights(): Promise<void>;
  closeDocument(): void;
  createHighlight(range: { start: number; end: number }, color?: HighlightColor): Promise<Highlight | null>;
  /** Resolves to whether it was saved (a refusal is shown as a toast). */
  updateHighlight(id: string, changes: { color?: HighlightColor; note?: string }): Promise<boolean>;
  deleteHighlight(id: string): Promise<void>;
  selectHighlight(id: string | null, options?: { scroll?: boolean }): void;
}

function anchorOne(document: DocumentDetail, highlight: Highlight): AnchoredHighlight {
  return {
    highlight,
    anchor:
      highlight.orphanedAt === null
        ? anchorSelectors(document.text, { position: highlight.position, quote: highlight.quote })
        : null,
  };
}

const byStart = (a: AnchoredHighlight, b: AnchoredHighlight) =>
  (a.anchor?.start ?? Infinity) - (b.anchor?.start ?? Infinity);

function anchorHighlights(document: DocumentDetail, highlights: Highlight[]): AnchoredHighlight[] {
  // All at once: anchorAll follows the shift an edit caused from one highlight to the next. A highlight the
  // main side found orphaned when the text changed is not guessed at here: it waits in the Orphans view.
  const live = highlights.filter((h) => h.orphanedAt === null);
  const anchors = anchorAll(
    document.text,
    live.map((h) => ({ position: h.position, quote: h.quote })),
  );
  const byId = new Map(live.map((h, i) => [h.id, anchors[i] ?? null]));
  return highlights.map((highlight) => ({ highlight, anchor: byId.get(highlight.id) ?? null })).sort(byStart);
}

/** Adds one highlight in reading order without re-anchoring the thousands already there (once only). */
function withHighlight(
  list: AnchoredHighlight[],
  document: DocumentDetail,
  highlight: Highlight,
): AnchoredHighlight[] {
  if (list.some((h) => h.highlight.id === highlight.id)) {
    return list.map((h) => (h.highlight.id === highlight.id ? anchorOne(document, highlight) : h));
  }
  const added = anchorOne(document, highlight);
  const at = list.findIndex((h) => byStart(added, h) < 0);
  return at < 0 ? [...list, added] : [...list.slice(0, at), added, ...list.slice(at)];
}

/**
 * The listed highlights, plus any the user made while the list was on its way (the list was read before they
 * were saved), in reading order.
 */
function withCreatedMeanwhile(
  listed: AnchoredHighlight[],
  meanwhile: AnchoredHighlight[],
): AnchoredHighlight[] {
  if (meanwhile.length === 0) return listed;
  const ids = new Set(listed.map((h) => h.highlight.id));
  const extra = meanwhile.filter((h) => !ids.has(h.highlight.id));
  return extra.length === 0 ? listed : [...listed, ...extra].sort(byStart);
}

let scrollSeq = 0;

export const createReaderSlice: StateCreator<DossierState, [], [], ReaderSlice> = (set, get) => ({
  openDocumentId: null,
  currentDocument: null,
  highlights: [],
  selectedHighlightId: null,
  scrollRequest: null,
  lastColor: 'yellow',
  focusRequest: null,
  requestFocus(target) {
    set({ focusRequest: { target, seq: ++scrollSeq } });
  },

  reattaching: null,
  async startReattach(orphan) {
    set({ reattaching: orphan });
    get().setView('documents');
    if (get().openDocumentId !== orphan.documentId) await get().openDocument(orphan.documentId);
  },
  cancelReattach() {
    set({ reattaching: null });
  },
  async reattach(range) {
    const target = get().reattaching;
    // The range is an offset into the open document's text: it only means something in the orphan's own.
    if (!target || get().currentDocument?.id !== target.documentId) return false;
    try {
      const highlight = await api['highlights.reattach']({
        id: target.highlightId,
        start: range.start,
        end: range.end,
      });
      set({ reattaching: null });
      await get().afterAction(['highlights', 'claims'], [highlight.documentId]);
      get().selectHighlight(highlight.id, { scroll: true });
      get().showToast({ message: 'Highlight re-attached.', tone: 'info' });
      return true;
    } catch (error) {
      get().showToast({ message: errorMessage(error), tone: 'error' });
      return false;
    }
  },

  async openDocument(id) {
    // The previous document leaves at once: nothing may be highlighted on it while the next one loads.
    set({
      openDocumentId: id,
      currentDocument: null,
      highlights: [],
      selectedHighlightId: null,
      scrollRequest: null,
    });
    // Both are asked for at once, and the text is shown as soon as it is here: the reader lays out its first
    // screen while the highlights are still on their way, and paints them when they arrive.
    const documentRequest = api['documents.get']({ id });
    const highlightsRequest = api['highlights.list']({ documentId: id });
    // Rejections are handled below; this only keeps the second one from being reported as unhandled when
    // the first one fails.
    highlightsRequest.catch(() => undefined);
    try {
      const document = await documentRequest;
      if (get().openDocumentId !== id) return;
      set({ currentDocument: document });
      const listed = await highlightsRequest;
      // The document object may have been replaced meanwhile (a metadata edit): anchor against the current one.
      const current = get().currentDocument;
      if (get().openDocumentId !== id || current?.id !== id) return;
      set((s) => ({ highlights: withCreatedMeanwhile(anchorHighlights(current, listed), s.highlights) }));
    } catch (error) {
      // Only if the user has not moved on to another document meanwhile.
      if (get().openDocumentId === id) set({ openDocumentId: null, currentDocument: null, highlights: [] });
      get().showToast({ message: errorMessage(error), tone: 'error' });
    }
  },

  async refreshHighlights() {
    const document = get().currentDocument;
    if (!document) return;
    try {
      const highlights = await api['highlights.list']({ documentId: document.id });
      if (get().currentDocument?.id !== document.id) return;
      set((s) => ({
        highlights: anchorHighlights(document, highlights),
        selectedHighlightId: highlights.some((h) => h.id === s.selectedHighlightId)
          ? s.selectedHighlightId
          : null,
      }));
    } catch (error) {
      get().showToast({ message: errorMessage(error), tone: 'error' });
    }
  },

  closeDocument() {
    set({
      openDocumentId: null,
      currentDocument: null,
      highlights: [],
      selectedHighlightId: null,
      scrollRequest: null,
    });
  },

  async createHighlight(range, color) {
    const document = get().currentDocument;
    if (!document) return null;
    const chosen = color ?? get().lastColor;
    try {
      const highlight = await api['highlights.create']({
        documentId: document.id,
        start: range.start,
        end: range.end,
        color: chosen,
      });
      if (get().openDocumentId !== document.id) return highlight;
      set((s) => ({
        highlights: withHighlight(s.highlights, document, highlight),
        selectedHighlightId: highlight.id,
        lastColor: chosen,
      }));
      bumpHighlightCount(set, document.id, +1);
      void get().refreshHistory();
      return highlight;
    } catch (error) {
      get().showToast({ message: errorMessage(error), tone: 'error' });
      return null;
    }
  },

  async updateHighlight(id, changes) {
    try {
      const updated = await api['highlights.update']({ id, ...changes });
      set((s) => ({
        highlights: s.highlights.map((h) => (h.highlight.id === id ? { ...h, highlight: updated } : h)),
        lastColor: changes.color ?? s.lastColor,
      }));
      void get().refreshHistory();
      return true;
    } catch (error) {
      get().showToast({ message: errorMessage(error), tone: 'error' });
      return false;
    }
  },

  async deleteHighlight(id) {
    const document = get().currentDocument;
    const deleted = get().highlights.find((h) => h.highlight.id === id);
    try {
      await api['highlights.delete']({ id });
    } catch (error) {
      get().showToast({ message: errorMessage(error), tone: 'error' });
      return;
    }
    set((s) => ({
      highlights: s.highlights.filter((h) => h.highlight.id !== id),
      selectedHighlightId: s.selectedHighlightId === id ? null : s.selectedHighlightId,
    }));
    if (document) bumpHighlightCount(set, document.id, -1);
    // A deleted passage leaves the claims it supported: their lists of passages change.
    void get().afterAction(deleted?.highlight.claimIds.length ? ['claims', 'tags'] : ['tags'], []);
    get().showToast({
      message: 'Highlight deleted.',
      tone: 'info',
      action: {
        label: 'Undo',
        run: () => {
          void (async () => {
            try {
              const wasListed = get().highlights.some((h) => h.highlight.id === id);
              const restored = await api['highlights.restore']({ id });
              const current = get().currentDocument;
              if (current && current.id === restored.documentId) {
                set((s) => ({
                  highlights: withHighlight(s.highlights, current, restored),
                  selectedHighlightId: restored.id,
                }));
              }
              // Already back (an Undo from the keyboard came first): nothing more to count.
              if (!wasListed) bumpHighlightCount(set, restored.documentId, +1);
              void get().afterAction(restored.claimIds.length ? ['claims', 'tags'] : ['tags'], []);
            } catch (error) {
              get().showToast({ message: errorMessage(error), tone: 'error' });
            }
          })();
        },
      },
    });
  },

  selectHighlight(id, options) {
    set({
      selectedHighlightId: id,
      scrollRequest: id && options?.scroll ? { highlightId: id, seq: ++scrollSeq } : get().scrollRequest,
    });
  },
});

function bumpHighlightCount(
  set: (fn: (s: DossierState) => Partial<DossierState>) => void,
  documentId: string,
  delta: number,
): void {
  set((s) => ({
    documents: s.documents.map((d) =>
      d.id === documentId ? { ...d, highlightCount: d.highlightCount + delta } : d,
    ),
  }));
}
