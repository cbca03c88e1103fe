// One zustand store of typed slices (zustand's slices pattern): actions live in the store, components read
// through named selectors. resetStore() puts it back to its first state (tests, project switches).
import { create } from 'zustand';
import { createDocumentSlice, type DocumentSlice } from './document';
import { createLibrarySlice, type LibrarySlice } from './library';
import { createReaderSlice, type ReaderSlice } from './reader';
import { createSessionSlice, type SessionSlice } from './session';
import { createHistorySlice, type HistorySlice } from './history';
import { createCodebookSlice, type CodebookSlice } from './codebook';
import { createClaimsSlice, type ClaimsSlice } from './claims';
import { createEventsSlice, type EventsSlice } from './events';
import { createSuggestionsSlice, type SuggestionsSlice } from './suggestions';
import { createTimelineSlice, type TimelineSlice } from './timeline';
import { createSearchSlice, type SearchSlice } from './search';
import { createExchangeSlice, type ExchangeSlice } from './exchange';
import { createBackupsSlice, type BackupsSlice } from './backups';

export type DossierState = SessionSlice &
  LibrarySlice &
  ReaderSlice &
  DocumentSlice &
  HistorySlice &
  CodebookSlice &
  ClaimsSlice &
  EventsSlice &
  SuggestionsSlice &
  TimelineSlice &
  SearchSlice &
  ExchangeSlice &
  BackupsSlice;

export const useDossier = create<DossierState>()((...a) => ({
  ...createSessionSlice(...a),
  ...createLibrarySlice(...a),
  ...createReaderSlice(...a),
  ...createDocumentSlice(...a),
  ...createHistorySlice(...a),
  ...createCodebookSlice(...a),
  ...createClaimsSlice(...a),
  ...createEventsSlice(...a),
  ...createSuggestionsSlice(...a),
  ...createTimelineSlice(...a),
  ...createSearchSlice(...a),
  ...createExchangeSlice(...a),
  ...createBackupsSlice(...a),
}));

const initialState = useDossier.getState();

export function resetStore(): void {
  useDossier.setState(initialState, true);
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
