// Search (issue 6): what a search finds and how a result is shown. Results come from the project's full-text
// index (SQLite FTS5), case- and diacritics-insensitive, with field filters; see search-query.ts for the
// query language. A snippet marks its matches with MATCH_START and MATCH_END (control characters no text
// contains), which the interface turns into <mark> elements; never HTML.
import { z } from 'zod';
import { Id } from './domain';

export const SEARCH_KINDS = ['passage', 'document', 'claim', 'event', 'entity', 'tag'] as const;
export const SearchKind = z.enum(SEARCH_KINDS);
export type SearchKind = z.infer<typeof SearchKind>;

export const SEARCH_KIND_LABELS: Record<SearchKind, string> = {
  passage: 'Passages',
  document: 'Documents',
  claim: 'Claims',
  event: 'Events',
  entity: 'People & places',
  tag: 'Tags',
};

export const MATCH_START = '\u0001';
export const MATCH_END = '\u0002';

export const SearchResult = z.object({
  kind: SearchKind,
  /** The row found: a highlight for a passage, else the document, claim, event, entity or tag. */
  id: Id,
  /** What to call it: the document's title, the claim's statement, the event's title… */
  title: z.string(),
  /** Words around the matches, each match between MATCH_START and MATCH_END; '' when filters alone found it. */
  snippet: z.string(),
  /** The document a passage or document result opens, with the passage's place in its canonical text. */
  documentId: Id.nullable(),
  start: z.number().int().nonnegative().nullable(),
  end: z.number().int().nonnegative().nullable(),
  /** A partial date: the document's publication, the claim's date, the event's start. */
  date: z.string().nullable(),
});
export type SearchResult = z.infer<typeof SearchResult>;

export const SearchResponse = z.object({
  /** Best first within each kind, kinds in SEARCH_KINDS order; at most `limit` of each kind. */
  results: z.array(SearchResult),
  /** The words searched for (folded), for marking them in an opened document. */
  terms: z.array(z.string()),
});
export type SearchResponse = z.infer<typeof SearchResponse>;

export const SAVED_SEARCH_NAME_MAX = 200;
export const SEARCH_QUERY_MAX = 1000;

export const SavedSearch = z.object({
  id: Id,
  name: z.string(),
  query: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type SavedSearch = z.infer<typeof SavedSearch>;
