// The contract's search operations (issue 6): full-text search with field filters, and saved searches.
// Split from contract.ts like the annotation and event operations; contract.ts spreads these in.
import { z } from 'zod';
import { Id } from './domain';
import { SAVED_SEARCH_NAME_MAX, SavedSearch, SEARCH_QUERY_MAX, SearchKind, SearchResponse } from './search';

export const searchContract = {
  /**
   * Searches the project: words (prefix with `*`), "quoted phrases", AND/OR/NOT (or -word), and filters
   * (tag:, status:, claimant:, outlet:, lang:, date:2022..2024, type:claim). `prefixLast` treats the last word
   * as a prefix, for results as you type. A query that cannot be read is refused with what is wrong.
   */
  'search.query': {
    input: z
      .object({
        query: z.string().max(SEARCH_QUERY_MAX),
        kinds: z.array(SearchKind).max(6).optional(),
        limit: z.number().int().min(1).max(200).default(20),
        prefixLast: z.boolean().default(false),
      })
      .strict(),
    output: SearchResponse,
  },
  'searches.list': { input: z.object({}).strict(), output: z.array(SavedSearch) },
  'searches.save': {
    input: z
      .object({
        name: z.string().trim().min(1, 'A saved search needs a name').max(SAVED_SEARCH_NAME_MAX),
        query: z.string().trim().min(1, 'There is nothing to save').max(SEARCH_QUERY_MAX),
      })
      .strict(),
    output: SavedSearch,
  },
  'searches.delete': { input: z.object({ id: Id }).strict(), output: z.object({ id: Id }) },
} as const;
