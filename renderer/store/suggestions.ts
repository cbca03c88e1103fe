// Suggested events (issue 5): the main side reads candidate events from a document's dated sentences; the
// user accepts or dismisses each. Asking creates nothing, so there is nothing to undo; what is kept here is
// which suggestions the user dismissed or accepted, per document, so that while the app runs a dismissed one
// stays dismissed and an accepted one says so instead of offering to make the same event twice.
import type { StateCreator } from 'zustand';
import type { OpInput } from '../../shared/contract';
import type { Event, EventSuggestion } from '../../shared/events';
import { api } from '../api';
import type { DossierState } from './index';
import { errorMessage } from './index';

export interface SuggestionsSlice {
  /** Per document id, the keys of the suggestions dismissed in it (SuggestedEvents.tsx makes the keys). */
  dismissedSuggestions: Record<string, readonly string[]>;
  /** Per document id, the events made from its suggestions, by suggestion key. */
  acceptedSuggestions: Record<string, Readonly<Record<string, { eventId: string; title: string }>>>;
  /** The suggestions for a document or a passage of it; null if asking failed (shown as a toast). */
  suggestEvents(input: OpInput<'events.suggest'>): Promise<EventSuggestion[] | null>;
  dismissSuggestion(documentId: string, key: string): void;
  acceptSuggestion(documentId: string, key: string, event: Pick<Event, 'id' | 'title'>): void;
}

export const createSuggestionsSlice: StateCreator<DossierState, [], [], SuggestionsSlice> = (set, get) => ({
  dismissedSuggestions: {},
  acceptedSuggestions: {},

  async suggestEvents(input) {
    try {
      return await api['events.suggest'](input);
    } catch (error) {
      get().showToast({ message: errorMessage(error), tone: 'error' });
      return null;
    }
  },

  dismissSuggestion(documentId, key) {
    set((s) => {
      const dismissed = s.dismissedSuggestions[documentId] ?? [];
      if (dismissed.includes(key)) return {};
      return { dismissedSuggestions: { ...s.dismissedSuggestions, [documentId]: [...dismissed, key] } };
    });
  },

  acceptSuggestion(documentId, key, event) {
    set((s) => ({
      acceptedSuggestions: {
        ...s.acceptedSuggestions,
        [documentId]: {
          ...s.acceptedSuggestions[documentId],
          [key]: { eventId: event.id, title: event.title },
        },
      },
    }));
  },
});
