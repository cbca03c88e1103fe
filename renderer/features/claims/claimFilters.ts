// The claims table's filtering, sorting and counting, as pure functions over the claims list: the view stays a
// thin layer of controls, and the rules (a tag includes its children, a date range leaves out undated claims,
// empty values sort last either way) are tested without a browser.
import {
  CLAIM_STATUSES,
  type Claim,
  type ClaimStatus,
  type Entity,
  type Tag,
} from '../../../shared/annotations';
import { parsePartialDate, partialDateSortKey } from '../../../shared/dates';
import { daySpan } from '../../../shared/date-spans';
import { foldTarget, queryMatcher, readSearchBox, type QueryTarget } from '../../../shared/search-query';
import { candidateRows, WordIndexBuilder, type WordIndex } from '../../../shared/word-index';

/** The claimant filter's choice for claims whose claimant is not known. */
export const UNKNOWN_CLAIMANT = 'unknown-claimant';

export interface ClaimFilter {
  /**
   * The search query language (words, "phrases", OR, -word, and filters such as status: or tag:), matched
   * against the statement, rationale, note and the claimant's names, case and accents folded.
   */
  search: string;
  /** Any of these statuses; empty means any status. */
  statuses: ClaimStatus[];
  /** The tag or any of its descendants. */
  tagId: string | null;
  /** An entity id, UNKNOWN_CLAIMANT, or null for anyone. */
  claimantId: string | null;
  /** Claims with at least one passage from this document. */
  documentId: string | null;
  /** Bounds as typed: a year, YYYY-MM or YYYY-MM-DD; empty for none. */
  dateFrom: string;
  dateTo: string;
}

export const EMPTY_CLAIM_FILTER: ClaimFilter = {
  search: '',
  statuses: [],
  tagId: null,
  claimantId: null,
  documentId: null,
  dateFrom: '',
  dateTo: '',
};

export const CLAIM_SORT_COLUMNS = [
  'statement',
  'claimant',
  'date',
  'status',
  'sources',
  'tags',
  'updated',
] as const;
export type ClaimSortColumn = (typeof CLAIM_SORT_COLUMNS)[number];

export interface ClaimSort {
  column: ClaimSortColumn;
  direction: 'ascending' | 'descending';
}

export const DEFAULT_CLAIM_SORT: ClaimSort = { column: 'updated', direction: 'descending' };

/** What filtering and sorting need to know besides the claims: names of claimants and tags, the tag tree. */
export interface ClaimLookups {
  entityById: ReadonlyMap<string, Entity>;
  tagById: ReadonlyMap<string, Tag>;
  childrenByTagId: ReadonlyMap<string, readonly string[]>;
}

export function claimLookups(tags: readonly Tag[], entities: readonly Entity[]): ClaimLookups {
  const childrenByTagId = new Map<string, string[]>();
  for (const tag of tags) {
    if (tag.parentId === null) continue;
    const siblings = childrenByTagId.get(tag.parentId) ?? [];
    siblings.push(tag.id);
    childrenByTagId.set(tag.parentId, siblings);
  }
  return {
    entityById: new Map(entities.map((e) => [e.id, e])),
    tagById: new Map(tags.map((t) => [t.id, t])),
    childrenByTagId,
  };
}

/** The tag and everything below it in the tree (guarded against a cycle a bad merge could leave). */
export function tagWithDescendants(lookups: ClaimLookups, tagId: string): Set<string> {
  const found = new Set<string>([tagId]);
  const queue = [tagId];
  for (let id = queue.pop(); id !== undefined; id = queue.pop()) {
    for (const child of lookups.childrenByTagId.get(id) ?? []) {
      if (found.has(child)) continue;
      found.add(child);
      queue.push(child);
    }
  }
  return found;
}

/** "Parent / Child": how a tag is named where the tree is not shown. */
export function tagPath(lookups: ClaimLookups, tagId: string): string {
  const names: string[] = [];
  const seen = new Set<string>();
  for (let tag = lookups.tagById.get(tagId); tag && !seen.has(tag.id);) {
    seen.add(tag.id);
    names.unshift(tag.name);
    tag = tag.parentId === null ? undefined : lookups.tagById.get(tag.parentId);
  }
  return names.join(' / ');
}

export type DateBound = { key: string | null } | { error: string };

const DATE_BOUND_ERROR = 'Use a year (2022), a month (2022-03) or a day (2022-03-15)';

/**
 * A range bound as a partialDateSortKey. "From 2022" starts before anything in 2022; "to 2022" ends after
 * everything in 2022, so a bound at a coarse precision includes its whole span.
 */
export function dateBound(text: string, side: 'from' | 'to'): DateBound {
  const value = text.trim().replace(/^~/, '');
  if (value === '') return { key: null };
  const parts = parsePartialDate(value);
  if (!parts || parts.year === null) return { error: DATE_BOUND_ERROR };
  const key = partialDateSortKey(value);
  if (side === 'from') return { key };
  const [year, month, day] = key.split('-');
  return { key: `${year}-${parts.month === null ? '99' : month}-${parts.day === null ? '99' : day}` };
}

function hasYear(claimDate: string | null): boolean {
  const parts = claimDate ? parsePartialDate(claimDate) : null;
  return parts !== null && parts.year !== null;
}

/** The text a search's words match: the statement, rationale and note, and the claimant's name and aliases. */
export function claimSearchText(claim: Claim, lookups: ClaimLookups): string {
  const claimant = claim.claimantId ? lookups.entityById.get(claim.claimantId) : undefined;
  return [
    claim.statement,
    claim.rationale,
    claim.note,
    claimant?.name ?? '',
    ...(claimant?.aliases ?? []),
  ].join('\n');
}

/** A claim as the query language sees it (shared/search-query.ts): its text, status, claimant, tags, sources. */
export function claimQueryTarget(claim: Claim, lookups: ClaimLookups): QueryTarget {
  const claimant = claim.claimantId ? lookups.entityById.get(claim.claimantId) : undefined;
  return {
    kind: 'claim',
    text: claimSearchText(claim, lookups),
    statuses: [claim.status],
    claimants: claimant ? [claimant.name, ...claimant.aliases] : [],
    tagPaths: claim.tagIds.map((id) => tagPath(lookups, id)),
    outlets: claim.passages.flatMap((p) => (p.outlet ? [p.outlet] : [])),
    languages: claim.passages.flatMap((p) => (p.language ? [p.language] : [])),
    span: claim.claimDate ? daySpan(claim.claimDate.replace(/^~/, '')) : null,
  };
}

/**
 * What filtering derives from a claim, kept between filter changes: folding the text for the query's words
 * was most of the cost of filtering 100,000 claims (bench/claims.ts). Kept per claim object, which the store
 * replaces rather than changes, and per lookups, which are rebuilt when a claimant or tag changes its name.
 */
interface ClaimKeys {
  /** The claim as the query language sees it, its text folded; made when a search first needs it. */
  target?: QueryTarget;
  /** partialDateSortKey of the claim's date, or null when it has no year; made when a range first needs it. */
  dateKey?: string | null;
}

const keysByLookups = new WeakMap<ClaimLookups, WeakMap<Claim, ClaimKeys>>();

/** The keys kept for claims filtered with these lookups: looked up once per filtering, not once per claim. */
function keysFor(lookups: ClaimLookups): (claim: Claim) => ClaimKeys {
  let byClaim = keysByLookups.get(lookups);
  if (!byClaim) {
    byClaim = new WeakMap();
    keysByLookups.set(lookups, byClaim);
  }
  const kept = byClaim;
  return (claim) => {
    let keys = kept.get(claim);
    if (!keys) {
      keys = {};
      kept.set(claim, keys);
    }
    return keys;
  };
}

function keptTarget(keys: ClaimKeys, claim: Claim, lookups: ClaimLookups): QueryTarget {
  if (!keys.target) {
    const target = claimQueryTarget(claim, lookups);
    keys.target = { ...target, folded: foldTarget(target.text) };
  }
  return keys.target;
}

function keptDateKey(keys: ClaimKeys, claim: Claim): string | null {
  if (keys.dateKey === undefined) {
    keys.dateKey = hasYear(claim.claimDate) ? partialDateSortKey(claim.claimDate) : null;
  }
  return keys.dateKey;
}

/** The search box read in the query language (shared with the other views). */
export const readSearch = readSearchBox;

/**
 * The claims that pass every filter. `ignoreStatus` leaves out the status filter, for counting how many claims
 * of each status the other filters let through (the status chips).
 */
export function filterClaims(
  claims: readonly Claim[],
  filter: ClaimFilter,
  lookups: ClaimLookups,
  options: { ignoreStatus?: boolean } = {},
): Claim[] {
  const read = readSearch(filter.search);
  // A query that cannot be read filters nothing; the box says what is wrong.
  const query = 'query' in read ? read.query : null;
  const statuses = options.ignoreStatus || filter.statuses.length === 0 ? null : new Set(filter.statuses);
  const tagIds = filter.tagId ? tagWithDescendants(lookups, filter.tagId) : null;
  const from = dateBound(filter.dateFrom, 'from');
  const to = dateBound(filter.dateTo, 'to');
  const fromKey = 'key' in from ? from.key : null;
  const toKey = 'key' in to ? to.key : null;
  const keysOf = keysFor(lookups);
  // Only the claims holding the words the query requires are tested, in the list's order; when those are
  // exactly the claims its words match, only the query's filters (status:, tag:...) are left to test.
  const candidates = query?.text ? candidateRows(wordIndexOf(claims, lookups), query.text) : null;
  const matches = !query ? null : queryMatcher(candidates?.exact ? { ...query, text: null } : query);
  const pass = (claim: Claim) => {
    if (statuses && !statuses.has(claim.status)) return false;
    if (filter.claimantId === UNKNOWN_CLAIMANT) {
      if (claim.claimantId !== null) return false;
    } else if (filter.claimantId !== null && claim.claimantId !== filter.claimantId) return false;
    if (tagIds && !claim.tagIds.some((id) => tagIds.has(id))) return false;
    if (filter.documentId && !claim.passages.some((p) => p.documentId === filter.documentId)) return false;
    if (fromKey !== null || toKey !== null) {
      // A claim without a date (or without a year) cannot be placed in a range.
      const key = keptDateKey(keysOf(claim), claim);
      if (key === null) return false;
      if (fromKey !== null && key < fromKey) return false;
      if (toKey !== null && key > toKey) return false;
    }
    if (matches && !matches(keptTarget(keysOf(claim), claim, lookups))) return false;
    return true;
  };
  if (!candidates) return claims.filter(pass);
  const passed: Claim[] = [];
  const { rows } = candidates;
  for (let i = 0; i < rows.length; i++) if (pass(claims[rows[i]!]!)) passed.push(claims[rows[i]!]!);
  return passed;
}

/** Each list's word index, per lookups (a claimant's names are among a claim's words); made on first search. */
const wordIndexes = new WeakMap<readonly Claim[], { lookups: ClaimLookups; index: WordIndex }>();

function wordIndexOf(claims: readonly Claim[], lookups: ClaimLookups): WordIndex {
  // Made by the same steps idle time takes (prepareClaimSearch), all at once when a search needs it first.
  prepareClaimSearch(claims, lookups, () => true);
  return wordIndexes.get(claims)!.index;
}

/** How far preparing each list for search has gone: its claims before `position` are folded and indexed. */
const preparing = new WeakMap<
  readonly Claim[],
  { lookups: ClaimLookups; position: number; builder: WordIndexBuilder }
>();

/**
 * Prepares a list for its first search a slice at a time, for idle time: folds its claims' text and indexes
 * their words while `hasTime()` says there is time. True when it is ready. Without this the first keystroke
 * in a search of 100,000 claims paid about 2 s for it.
 */
export function prepareClaimSearch(
  claims: readonly Claim[],
  lookups: ClaimLookups,
  hasTime: () => boolean,
): boolean {
  if (wordIndexes.get(claims)?.lookups === lookups) return true;
  const keysOf = keysFor(lookups);
  let progress = preparing.get(claims);
  if (progress?.lookups !== lookups) {
    progress = { lookups, position: 0, builder: new WordIndexBuilder() };
    preparing.set(claims, progress);
  }
  while (progress.position < claims.length) {
    // A slice between looks at the clock: asking it for every claim would cost more than folding some.
    const end = Math.min(claims.length, progress.position + PREPARE_SLICE);
    for (; progress.position < end; progress.position++) {
      const claim = claims[progress.position]!;
      progress.builder.add(progress.position, keptTarget(keysOf(claim), claim, lookups).folded!);
    }
    if (!hasTime()) return false;
  }
  wordIndexes.set(claims, { lookups, index: progress.builder.finish(claims.length) });
  preparing.delete(claims);
  return true;
}

const PREPARE_SLICE = 200;

/** The claims of any of these statuses (all of them when none is chosen): the last step of the filters. */
export function filterByStatus(claims: readonly Claim[], statuses: readonly ClaimStatus[]): Claim[] {
  if (statuses.length === 0) return [...claims];
  const wanted = new Set(statuses);
  return claims.filter((claim) => wanted.has(claim.status));
}

export function isFiltered(filter: ClaimFilter): boolean {
  return (
    filter.search.trim() !== '' ||
    filter.statuses.length > 0 ||
    filter.tagId !== null ||
    filter.claimantId !== null ||
    filter.documentId !== null ||
    filter.dateFrom.trim() !== '' ||
    filter.dateTo.trim() !== ''
  );
}

export function countByStatus(claims: readonly Claim[]): Record<ClaimStatus, number> {
  const counts = Object.fromEntries(CLAIM_STATUSES.map((s) => [s, 0])) as Record<ClaimStatus, number>;
  for (const claim of claims) counts[claim.status] += 1;
  return counts;
}

export interface ClaimSource {
  documentId: string;
  title: string;
}

/** The documents a claim's passages come from, once each, in the order of its passages. */
export function claimSources(claim: Claim): ClaimSource[] {
  const seen = new Map<string, ClaimSource>();
  for (const p of claim.passages) {
    if (!seen.has(p.documentId)) seen.set(p.documentId, { documentId: p.documentId, title: p.documentTitle });
  }
  return [...seen.values()];
}

/** Every document that supports some claim, by title: the choices of the document filter. */
export function documentsOfClaims(claims: readonly Claim[]): ClaimSource[] {
  const byId = new Map<string, ClaimSource>();
  for (const claim of claims) for (const source of claimSources(claim)) byId.set(source.documentId, source);
  return [...byId.values()].sort((a, b) => collator.compare(a.title, b.title));
}

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

/** A claim's value in a column, or null when it has none (those sort last in both directions). */
function sortValue(claim: Claim, column: ClaimSortColumn, lookups: ClaimLookups): string | number | null {
  switch (column) {
    case 'statement':
      return claim.statement;
    case 'claimant':
      return claim.claimantId ? (lookups.entityById.get(claim.claimantId)?.name ?? null) : null;
    case 'date':
      return hasDate(claim) ? partialDateSortKey(claim.claimDate) : null;
    case 'status':
      return CLAIM_STATUSES.indexOf(claim.status);
    case 'sources':
      return claim.passages.length === 0
        ? null
        : claimSources(claim)
            .map((s) => s.title)
            .join('\u0000');
    case 'tags':
      return claim.tagIds.length === 0
        ? null
        : claim.tagIds
            .map((id) => tagPath(lookups, id))
            .sort(collator.compare)
            .join('\u0000');
    case 'updated':
      return claim.updatedAt;
  }
}

function hasDate(claim: Claim): boolean {
  return claim.claimDate !== null && partialDateSortKey(claim.claimDate) !== '~';
}

function compareValues(a: string | number, b: string | number, column: ClaimSortColumn): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  // Date keys and timestamps compare as plain strings; names and titles as people read them.
  if (column === 'date' || column === 'updated') return a < b ? -1 : a > b ? 1 : 0;
  return collator.compare(String(a), String(b));
}

export function sortClaims(claims: readonly Claim[], sort: ClaimSort, lookups: ClaimLookups): Claim[] {
  const sign = sort.direction === 'ascending' ? 1 : -1;
  const keyed = claims.map((claim) => ({ claim, value: sortValue(claim, sort.column, lookups) }));
  keyed.sort((x, y) => {
    if (x.value === null || y.value === null) {
      if (x.value === null && y.value !== null) return 1;
      if (y.value === null && x.value !== null) return -1;
    } else {
      const order = compareValues(x.value, y.value, sort.column);
      if (order !== 0) return sign * order;
    }
    // Ties: the most recently edited first, then a fixed order so rows do not jump between renders.
    if (x.claim.updatedAt !== y.claim.updatedAt) return x.claim.updatedAt < y.claim.updatedAt ? 1 : -1;
    return x.claim.id < y.claim.id ? -1 : x.claim.id > y.claim.id ? 1 : 0;
  });
  return keyed.map((k) => k.claim);
}
