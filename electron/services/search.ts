// Search (issue 6): a query (shared/search-query.ts) against the full-text index (schema 6), one kind at a
// time, best first, with snippets; and filters alone ("status:disputed claimant:maduro") straight from the
// tables. Ranking is FTS5's bm25 (a match in a title weighs more than one in a body). A word found in most
// of the project is ranked among its most recent matches only (RANK_WINDOW of them that pass the filters),
// so a search for "the" costs the same as one for "kalashnikov": nothing scans every row to answer a box
// typed into. Phrases are looked up as word pairs, so "the minister" costs no more than a rare word.
import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { foldForSearch } from '../../shared/annotations';
import { DossierError } from '../../shared/errors';
import type { OpParsedInput } from '../../shared/contract';
import {
  MATCH_END,
  MATCH_START,
  SEARCH_KINDS,
  type SavedSearch,
  type SearchKind,
  type SearchResponse,
  type SearchResult,
} from '../../shared/search';
import {
  dateRangeTokens,
  FACET_MARK,
  languageFilterToken,
  outletFilterTokens,
} from '../../shared/search-facets';
import {
  excludedOf,
  ftsString,
  isPositive,
  parseSearchQuery,
  SearchQueryError,
  toFtsExpression,
  type ParsedQuery,
  type SearchFilters,
} from '../../shared/search-query';
import { nowIso } from '../db/clock';
import { statement } from '../db/statements';
import { searchTable } from '../db/migrations/006-search-pairs';
import { rebuildSearchIndex } from '../db/migrations/011-search-common-pairs';
import type { Project } from '../project';

/** Matches ranked per search and kind, at most: the most recent ones when a word is everywhere. */
const RANK_WINDOW = 2_000;

/** A kind's table, the columns a result needs, and the partial date its date filter reads. */
interface KindSql {
  /** The kind's table as x, and any table joined to it for the result. */
  from: string;
  join?: string;
  select: string;
  /** The stretch of days a row covers, for date: (an expression for its first and last day). */
  firstDay: string | null;
  lastDay: string | null;
  /** Order of filter-only results: newest first. */
  order: string;
}

const KINDS: Record<SearchKind, KindSql> = {
  document: {
    from: 'documents x',
    select: `x.id, coalesce(x.title, x.file_name) AS title, x.id AS document_id, NULL AS pos_start,
      NULL AS pos_end, x.published AS date`,
    firstDay: 'dossier_first_day(x.published)',
    lastDay: 'dossier_last_day(x.published)',
    order: 'x.published DESC, x.imported_at DESC',
  },
  passage: {
    from: 'highlights x',
    join: 'JOIN documents d ON d.id = x.document_id AND d.deleted_at IS NULL',
    select: `x.id, coalesce(d.title, d.file_name) AS title, x.document_id, x.pos_start, x.pos_end,
      d.published AS date`,
    firstDay: 'dossier_first_day(d.published)',
    lastDay: 'dossier_last_day(d.published)',
    order: 'x.created_at DESC',
  },
  claim: {
    from: 'claims x',
    select: `x.id, x.statement AS title, NULL AS document_id, NULL AS pos_start, NULL AS pos_end,
      x.claim_date AS date`,
    firstDay: 'dossier_first_day(x.claim_date)',
    lastDay: 'dossier_last_day(x.claim_date)',
    order: 'x.claim_date DESC, x.created_at DESC',
  },
  event: {
    from: 'events x',
    select: `x.id, x.title, NULL AS document_id, NULL AS pos_start, NULL AS pos_end, x.date_start AS date`,
    firstDay: 'dossier_first_day(x.date_start)',
    lastDay: 'dossier_last_day(coalesce(x.date_end, x.date_start))',
    order: 'dossier_first_day(x.date_start) DESC',
  },
  entity: {
    from: 'entities x',
    select: `x.id, x.name AS title, NULL AS document_id, NULL AS pos_start, NULL AS pos_end, NULL AS date`,
    firstDay: null,
    lastDay: null,
    order: 'x.name',
  },
  tag: {
    from: 'tags x',
    select: `x.id, x.name AS title, NULL AS document_id, NULL AS pos_start, NULL AS pos_end, NULL AS date`,
    firstDay: null,
    lastDay: null,
    order: 'x.name',
  },
};

/** Which kinds each filter can apply to; a kind a filter cannot apply to is left out of the search. */
function kindsFor(filters: SearchFilters): SearchKind[] {
  return SEARCH_KINDS.filter((kind) => {
    if (filters.types.length > 0 && !filters.types.includes(kind)) return false;
    if (filters.statuses.length > 0 && kind !== 'claim' && kind !== 'event') return false;
    if (filters.claimants.length > 0 && kind !== 'claim') return false;
    if (filters.tags.length > 0 && !['passage', 'claim', 'event'].includes(kind)) return false;
    if (
      (filters.outlets.length > 0 || filters.languages.length > 0) &&
      !['document', 'passage', 'claim'].includes(kind)
    ) {
      return false;
    }
    if (filters.date && KINDS[kind].firstDay === null) return false;
    return true;
  });
}

interface Where {
  sql: string[];
  params: unknown[];
}

const placeholders = (values: readonly unknown[]) => values.map(() => '?').join(', ');

/** The live tags a tag: filter names (by name or by path), each with everything below it. */
function resolveTags(db: Database, names: string[]): string[][] {
  const tags = db.prepare(`SELECT id, parent_id, name FROM tags WHERE deleted_at IS NULL`).all() as {
    id: string;
    parent_id: string | null;
    name: string;
  }[];
  const byId = new Map(tags.map((t) => [t.id, t]));
  const children = new Map<string, string[]>();
  for (const t of tags)
    if (t.parent_id) children.set(t.parent_id, [...(children.get(t.parent_id) ?? []), t.id]);
  const path = (id: string) => {
    const names: string[] = [];
    const seen = new Set<string>();
    for (let t = byId.get(id); t && !seen.has(t.id); t = t.parent_id ? byId.get(t.parent_id) : undefined) {
      seen.add(t.id);
      names.unshift(foldForSearch(t.name));
    }
    return names.join(' / ');
  };
  const paths = new Map(tags.map((t) => [t.id, path(t.id)]));
  const below = (id: string, seen = new Set<string>()): string[] => {
    if (seen.has(id)) return [];
    seen.add(id);
    return [id, ...(children.get(id) ?? []).flatMap((child) => below(child, seen))];
  };
  return names.map((name) =>
    tags
      .filter((t) => {
        const p = paths.get(t.id)!;
        return foldForSearch(t.name) === name || p === name || p.endsWith(` / ${name}`);
      })
      .flatMap((t) => below(t.id)),
  );
}

/** Entities a claimant: filter names: the folded name or an alias contains the words given. */
function resolveClaimants(db: Database, names: string[]): string[] {
  const entities = db.prepare(`SELECT id, name, aliases FROM entities WHERE deleted_at IS NULL`).all() as {
    id: string;
    name: string;
    aliases: string;
  }[];
  return entities
    .filter((e) => {
      const spellings = [e.name, ...(JSON.parse(e.aliases) as string[])].map(foldForSearch);
      return names.some((name) => spellings.some((s) => s.includes(name)));
    })
    .map((e) => e.id);
}

/** The tags and claimants the filters name, looked up once per search (not once per kind). */
interface Resolved {
  tagIds: string[][];
  claimantIds: string[];
}

function resolveFilters(db: Database, filters: SearchFilters): Resolved {
  return {
    tagIds: filters.tags.length > 0 ? resolveTags(db, filters.tags) : [],
    claimantIds: filters.claimants.length > 0 ? resolveClaimants(db, filters.claimants) : [],
  };
}

/** The filters the index answers for a kind (as facets), and how. */
interface Facets {
  /** A MATCH expression all of them must hold in; null when there is none. */
  match: string | null;
  outlets: boolean;
  languages: boolean;
  date: boolean;
}

/** Kinds whose index rows carry facets: outlet, language and date (a passage has its document's). */
const FACETED: readonly SearchKind[] = ['document', 'passage'];

/**
 * The outlet:, lang: and date: filters as facets of the index, where it has them. A date range cut into too
 * many tokens (a century), or open at one end, is left to SQL: it passes most rows anyway.
 */
function facetsFor(kind: SearchKind, filters: SearchFilters): Facets {
  const facets: Facets = { match: null, outlets: false, languages: false, date: false };
  if (!FACETED.includes(kind)) return facets;
  const parts: string[] = [];
  const outlets = filters.outlets.map(outletFilterTokens);
  if (outlets.length > 0 && outlets.every((tokens) => tokens.length > 0)) {
    parts.push(`(${outlets.map((tokens) => `(facets : ${ftsString(tokens.join(' '))}*)`).join(' OR ')})`);
    facets.outlets = true;
  }
  const languages = filters.languages.map(languageFilterToken);
  if (languages.length > 0 && languages.every((token) => token !== null)) {
    parts.push(`(${languages.map((token) => `(facets : ${ftsString(token!)})`).join(' OR ')})`);
    facets.languages = true;
  }
  const { date } = filters;
  const days = date && date.from !== null && date.to !== null ? dateRangeTokens(date.from, date.to) : null;
  if (days) {
    // An empty range (to before from) has no token: nothing shares a day with it.
    parts.push(
      days.length > 0
        ? `(facets : (${days.map(ftsString).join(' OR ')}))`
        : `(facets : ${ftsString(FACET_MARK)})`,
    );
    facets.date = true;
  }
  facets.match = parts.length > 0 ? parts.join(' AND ') : null;
  return facets;
}

/** The filters as SQL on a kind's rows; null when a filter cannot hold at all (no such tag or claimant). */
function filterSql(
  kind: SearchKind,
  filters: SearchFilters,
  resolved: Resolved,
  facets: Facets,
): Where | null {
  const where: Where = { sql: ['x.deleted_at IS NULL'], params: [] };
  const sql = KINDS[kind];
  if (kind === 'entity' || kind === 'tag') where.sql.push('x.merged_into IS NULL');
  if (filters.statuses.length > 0) {
    if (kind === 'claim') where.sql.push(`x.status IN (${placeholders(filters.statuses)})`);
    else {
      where.sql.push(`EXISTS (SELECT 1 FROM claim_events ce JOIN claims c ON c.id = ce.claim_id
        WHERE ce.event_id = x.id AND ce.deleted_at IS NULL AND c.deleted_at IS NULL
          AND c.status IN (${placeholders(filters.statuses)}))`);
    }
    where.params.push(...filters.statuses);
  }
  if (filters.claimants.length > 0) {
    const ids = resolved.claimantIds;
    if (ids.length === 0) return null;
    where.sql.push(`x.claimant_id IN (${placeholders(ids)})`);
    where.params.push(...ids);
  }
  if (filters.tags.length > 0) {
    const link = {
      passage: ['highlight_tags', 'highlight_id'],
      claim: ['claim_tags', 'claim_id'],
      event: ['event_tags', 'event_id'],
    }[kind as 'passage' | 'claim' | 'event'];
    for (const ids of resolved.tagIds) {
      if (ids.length === 0) return null;
      where.sql.push(`EXISTS (SELECT 1 FROM ${link[0]} l WHERE l.${link[1]} = x.id AND l.deleted_at IS NULL
        AND l.tag_id IN (${placeholders(ids)}))`);
      where.params.push(...ids);
    }
  }
  const outlets = facets.outlets ? [] : filters.outlets;
  const languages = facets.languages ? [] : filters.languages;
  if (outlets.length > 0 || languages.length > 0) {
    const conditions: string[] = [];
    const params: unknown[] = [];
    if (outlets.length > 0) {
      conditions.push(`(${outlets.map(() => `dossier_outlet_matches(?, d.outlet)`).join(' OR ')})`);
      params.push(...outlets);
    }
    if (languages.length > 0) {
      conditions.push(`(${languages.map(() => `dossier_language_matches(?, d.language)`).join(' OR ')})`);
      params.push(...languages);
    }
    const onDocument = conditions.join(' AND ');
    if (kind === 'document') where.sql.push(onDocument.replace(/\bd\./g, 'x.'));
    else if (kind === 'passage') where.sql.push(onDocument);
    else {
      where.sql.push(`EXISTS (SELECT 1 FROM claim_passages cp JOIN highlights h ON h.id = cp.highlight_id
        JOIN documents d ON d.id = h.document_id
        WHERE cp.claim_id = x.id AND cp.deleted_at IS NULL AND ${onDocument})`);
    }
    where.params.push(...params);
  }
  const { date } = filters;
  // Two date filters that do not overlap ("date:2019 date:2020"): no day is in both.
  if (date && date.from !== null && date.to !== null && date.from > date.to) return null;
  if (filters.date && !facets.date && sql.firstDay && sql.lastDay) {
    // Shares a day with the range: an undated row (or one without a year) cannot be placed in it.
    where.sql.push(`${sql.firstDay} IS NOT NULL`);
    if (filters.date.to !== null) {
      where.sql.push(`${sql.firstDay} <= ?`);
      where.params.push(filters.date.to);
    }
    if (filters.date.from !== null) {
      where.sql.push(`${sql.lastDay} >= ?`);
      where.params.push(filters.date.from);
    }
  }
  return where;
}

interface Row {
  id: string;
  title: string;
  document_id: string | null;
  pos_start: number | null;
  pos_end: number | null;
  date: string | null;
  fts_id?: number;
}

const hasFilters = (f: SearchFilters) =>
  f.statuses.length + f.claimants.length + f.tags.length + f.outlets.length + f.languages.length > 0 ||
  f.date !== null;

function searchKind(
  db: Database,
  kind: SearchKind,
  query: ParsedQuery,
  resolved: Resolved,
  limit: number,
  exhaustive: boolean,
): SearchResult[] {
  const facets = facetsFor(kind, query.filters);
  const where = filterSql(kind, query.filters, resolved, facets);
  if (!where) return [];
  const sql = KINDS[kind];
  const table = searchTable(kind);
  const expand = prefixWords(db, kind);
  // Filters with only words left out ("status:disputed -rifle"): the filtered rows but those words' matches.
  const excluded = query.text && !isPositive(query.text) ? excludedOf(query.text) : null;
  const excludedMatch = excluded ? toFtsExpression(excluded, { pairs: true, expand }) : null;

  if (!query.text || excluded) {
    if (facets.match) {
      // Filters the index answers: every row it finds (a facet's list is short to read), by the kind's order.
      const match = excludedMatch ? `(${facets.match}) NOT ${excludedMatch}` : facets.match;
      const rows = statement(
        db,
        `SELECT ${sql.select} FROM ${sql.from} ${sql.join ?? ''}
         WHERE x.id IN (SELECT r.ref FROM ${table} f JOIN search_rows r ON r.id = f.rowid WHERE ${table} MATCH ?)
           AND ${where.sql.join(' AND ')}
         ORDER BY ${sql.order} LIMIT ?`,
      ).all(match, ...where.params, limit) as Row[];
      return rows.map((row) => toResult(kind, row, ''));
    }
    if (excludedMatch) {
      where.sql.push(`x.id NOT IN (SELECT r.ref FROM ${table} f JOIN search_rows r ON r.id = f.rowid
        WHERE ${table} MATCH ?)`);
      where.params.push(excludedMatch);
    }
    const rows = statement(
      db,
      `SELECT ${sql.select} FROM ${sql.from} ${sql.join ?? ''}
         WHERE ${where.sql.join(' AND ')} ORDER BY ${sql.order} LIMIT ?`,
    ).all(...where.params, limit) as Row[];
    return rows.map((row) => toResult(kind, row, ''));
  }
  const words = toFtsExpression(query.text, { pairs: true, expand });
  const match = facets.match ? `(${words}) AND ${facets.match}` : words;
  // Ranked: the most recent RANK_WINDOW matches that pass the filters, read newest first and stopping there
  // (all of them for an export's scope, which must not leave out older documents).
  const rows = statement(
    db,
    `WITH hits AS (${windowSql(kind, where, !exhaustive)}),
       best AS (SELECT fts_id, score FROM hits ORDER BY score, fts_id DESC LIMIT ?)
       SELECT ${sql.select}, best.fts_id FROM best
         JOIN search_rows r ON r.id = best.fts_id
         JOIN ${sql.from} ON x.id = r.ref ${sql.join ?? ''}
       ORDER BY best.score, best.fts_id DESC`,
  ).all(match, ...where.params, limit) as Row[];
  if (exhaustive) return rows.map((row) => toResult(kind, row, ''));
  // Snippets mark the words as FTS5 finds them in a column (pairs are a column of their own).
  const snippets = snippetsFor(
    db,
    table,
    toFtsExpression(query.text, { expand }),
    rows.map((r) => r.fts_id!),
  );
  return rows.map((row) => toResult(kind, row, snippets.get(row.fts_id!) ?? ''));
}

/**
 * The index rows of a kind that match (the first parameter) and pass the filters, with their bm25 score (a
 * title weighs most, then notes): the most recent RANK_WINDOW of them, read newest first and stopping there,
 * when `windowed`.
 */
function windowSql(kind: SearchKind, where: Where, windowed: boolean): string {
  const sql = KINDS[kind];
  const table = searchTable(kind);
  return `SELECT f.rowid AS fts_id, bm25(${table}, 8.0, 1.0, 2.0, 1.0, 8.0, 1.0, 0.0) AS score
    FROM ${table} f
      JOIN search_rows r ON r.id = f.rowid
      JOIN ${sql.from} ON x.id = r.ref ${sql.join ?? ''}
    WHERE ${table} MATCH ? AND ${where.sql.join(' AND ')}
    ${windowed ? `ORDER BY f.rowid DESC LIMIT ${RANK_WINDOW}` : ''}`;
}

/** Longer prefixes than the index holds (it has those of 2 to 4 letters), spelled out: at most this many words. */
const MAX_PREFIX_WORDS = 64;
const vocabularies = new WeakMap<Database, Set<SearchKind>>();

/**
 * The words of a kind's index that begin with a prefix longer than the index's own prefixes, read from its
 * vocabulary; null to leave the prefix to FTS5. FTS5 answers such a prefix by merging the full lists of every
 * word it begins before returning a row ("minist*": minister, ministry... 25 ms at 100,000 documents); the
 * same words ORed are read lazily, newest first, and stop at the ranking window (under 1 ms). Reading the
 * vocabulary costs a few milliseconds.
 */
function prefixWords(db: Database, kind: SearchKind): (prefix: string) => string[] | null {
  // One search spells a prefix out for its match, its snippets and its exclusions: read the vocabulary once.
  const spelled = new Map<string, string[] | null>();
  return (prefix) => {
    if ([...prefix].length <= 4) return null;
    if (spelled.has(prefix)) return spelled.get(prefix)!;
    const vocabulary = `search_vocab_${kind}`;
    const made = vocabularies.get(db) ?? new Set<SearchKind>();
    if (!made.has(kind)) {
      db.exec(
        `CREATE VIRTUAL TABLE IF NOT EXISTS temp.${vocabulary} USING fts5vocab(main, ${searchTable(kind)}, row)`,
      );
      made.add(kind);
      vocabularies.set(db, made);
    }
    const words = statement(
      db,
      `SELECT term FROM temp.${vocabulary} WHERE term >= ? AND term < ? LIMIT ${MAX_PREFIX_WORDS + 1}`,
    )
      .pluck()
      .all(prefix, `${prefix}\u{10FFFF}`) as string[];
    const found = words.length > 0 && words.length <= MAX_PREFIX_WORDS ? words : null;
    spelled.set(prefix, found);
    return found;
  };
}

/**
 * A snippet per row, matches marked: from the body or the title, whichever shows more of the words; from the
 * notes or the plain spelling only for rows where neither shows any (each snippet re-reads its column).
 */
function snippetsFor(db: Database, table: string, match: string, ids: number[]): Map<number, string> {
  const marks = (snippet: string) => snippet.split(MATCH_START).length - 1;
  const cut = (column: number) => `snippet(${table}, ${column}, '${MATCH_START}', '${MATCH_END}', '…', 24)`;
  const best = (first: number, second: number, rowIds: number[]) => {
    if (rowIds.length === 0) return [];
    return (
      statement(
        db,
        `SELECT rowid AS id, ${cut(first)} AS a, ${cut(second)} AS b FROM ${table}
         WHERE ${table} MATCH ? AND rowid IN (${placeholders(rowIds)})`,
      ).all(match, ...rowIds) as { id: number; a: string; b: string }[]
    ).map((r) => ({ id: r.id, snippet: marks(r.b) > marks(r.a) ? r.b : r.a }));
  };
  const found = new Map(best(1, 0, ids).map((r) => [r.id, r.snippet]));
  const bare = ids.filter((id) => marks(found.get(id) ?? '') === 0);
  for (const r of best(2, 3, bare)) if (marks(r.snippet) > 0) found.set(r.id, r.snippet);
  return found;
}

function toResult(kind: SearchKind, row: Row, snippet: string): SearchResult {
  return {
    kind,
    id: row.id,
    title: row.title,
    snippet,
    documentId: row.document_id,
    start: row.pos_start,
    end: row.pos_end,
    date: row.date,
  };
}

export function parseOrRefuse(query: string, prefixLast: boolean): ParsedQuery {
  try {
    return parseSearchQuery(query, { prefixLast });
  } catch (error) {
    if (error instanceof SearchQueryError) throw new DossierError('invalid_input', error.message);
    throw error;
  }
}

/**
 * `exhaustive`: every match in the project, unranked and without snippets (an export's scope), instead of the
 * best among the most recent.
 */
export function searchProject(
  project: Project,
  input: OpParsedInput<'search.query'>,
  options: { exhaustive?: boolean } = {},
): SearchResponse {
  const query = parseOrRefuse(input.query, input.prefixLast);
  const filtered = hasFilters(query.filters) || query.filters.types.length > 0;
  if (!query.text && !filtered) return { results: [], terms: [] };
  const kinds = kindsFor(query.filters).filter((k) => !input.kinds || input.kinds.includes(k));
  const resolved = resolveFilters(project.db, query.filters);
  const results = kinds.flatMap((kind) =>
    searchKind(project.db, kind, query, resolved, input.limit, options.exhaustive ?? false),
  );
  return { results, terms: query.terms };
}

/** Builds the index again from the tables (`dossier reindex`), in one transaction. */
export function reindex(project: Project): { rows: number } {
  return project.write((db) => {
    rebuildSearchIndex(db);
    return { rows: (db.prepare(`SELECT count(*) AS n FROM search_rows`).get() as { n: number }).n };
  });
}

interface SavedSearchRow {
  id: string;
  name: string;
  query: string;
  created_at: string;
  updated_at: string;
}

const toSaved = (row: SavedSearchRow): SavedSearch => ({
  id: row.id,
  name: row.name,
  query: row.query,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

export function listSavedSearches(project: Project): SavedSearch[] {
  const rows = project.db
    .prepare(`SELECT * FROM saved_searches WHERE deleted_at IS NULL ORDER BY name COLLATE NOCASE, id`)
    .all() as SavedSearchRow[];
  return rows.map(toSaved);
}

/** Saves a query under a name; a name already used is given the new query. The query must read. */
export function saveSearch(project: Project, input: OpParsedInput<'searches.save'>): SavedSearch {
  parseOrRefuse(input.query, false);
  return project.write((db) => {
    const at = nowIso();
    const existing = db
      .prepare(`SELECT id FROM saved_searches WHERE deleted_at IS NULL AND name = ? COLLATE NOCASE`)
      .get(input.name) as { id: string } | undefined;
    const id = existing?.id ?? randomUUID();
    if (existing) {
      db.prepare(`UPDATE saved_searches SET query = ?, updated_at = ? WHERE id = ?`).run(input.query, at, id);
    } else {
      db.prepare(
        `INSERT INTO saved_searches (id, name, query, created_at, updated_at) VALUES (?, ?, ?, ?, ?)`,
      ).run(id, input.name, input.query, at, at);
    }
    return toSaved(db.prepare(`SELECT * FROM saved_searches WHERE id = ?`).get(id) as SavedSearchRow);
  });
}

export function deleteSavedSearch(project: Project, id: string): { id: string } {
  return project.write((db) => {
    const at = nowIso();
    const result = db
      .prepare(`UPDATE saved_searches SET deleted_at = ?, updated_at = ? WHERE id = ? AND deleted_at IS NULL`)
      .run(at, at, id);
    if (result.changes === 0) throw new DossierError('not_found', 'That saved search no longer exists.');
    return { id };
  });
}
