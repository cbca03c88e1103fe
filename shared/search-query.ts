// The search query language (issue 6), shared by the index (main side) and by lists that filter in the window:
//   words                 every word must be there (any order); case and diacritics do not matter
//   word*                 a word starting so ("kalash*")
//   "a phrase"            the words together, in order
//   a OR b, NOT a, -a     either; without (NOT needs something else to search for); AND is implied
//   ( … )                 grouping
//   field:value           filters, all of which must hold: tag:, status:, claimant:, outlet:, lang:,
//                         date:2022, date:2022..2024, date:2022-03.., date:..2024-06-30, type:claim
// A value with spaces is quoted: tag:"arms trade". A word with a colon that is not a filter ("10:30") is a word.
// Parsing never throws on odd input it can read sensibly (an unclosed quote ends at the end); it reports
// what it cannot (an unknown status, a date that is not one) as a SearchQueryError with a message for the user.
import { CLAIM_STATUSES, type ClaimStatus, foldForSearch, searchWords } from './annotations';
import { isCommonWord } from './common-words';
import { languageMatches, outletMatches } from './search-facets';
import { parsePartialDate } from './dates';
import { rangeSpan, type DaySpan } from './date-spans';
import { SEARCH_KINDS, type SearchKind } from './search';

export class SearchQueryError extends Error {}

export type QueryNode =
  | { type: 'term'; text: string; prefix: boolean }
  | { type: 'phrase'; text: string }
  | { type: 'and'; children: QueryNode[] }
  | { type: 'or'; children: QueryNode[] }
  | { type: 'not'; child: QueryNode };

export interface SearchFilters {
  /** Kinds to search; empty for all. */
  types: SearchKind[];
  /** Claim statuses, any of them; empty for any. */
  statuses: ClaimStatus[];
  /** Tag names or paths ("Politics / Elections"), folded; each must be on the row. */
  tags: string[];
  /** Claimant names or aliases, folded; any of them. */
  claimants: string[];
  /** Outlets, folded; any of them. */
  outlets: string[];
  /** Language tags, lower case ("nl" also matches "nl-BE"); any of them. */
  languages: string[];
  /** Days a date must share with the range; either end open. */
  date: { from: number | null; to: number | null } | null;
}

export interface ParsedQuery {
  /** The words and phrases to find; null when the query is filters alone. */
  text: QueryNode | null;
  filters: SearchFilters;
  /** The positive words and phrases, folded (to mark them in an opened document). */
  terms: string[];
}

const FIELDS = ['tag', 'status', 'claimant', 'outlet', 'lang', 'date', 'type'] as const;
type Field = (typeof FIELDS)[number];

const TYPE_ALIASES: Record<string, SearchKind> = {
  passage: 'passage',
  passages: 'passage',
  highlight: 'passage',
  highlights: 'passage',
  document: 'document',
  documents: 'document',
  doc: 'document',
  docs: 'document',
  claim: 'claim',
  claims: 'claim',
  event: 'event',
  events: 'event',
  entity: 'entity',
  entities: 'entity',
  person: 'entity',
  people: 'entity',
  tag: 'tag',
  tags: 'tag',
};

type Token =
  | { type: 'word'; text: string; prefix: boolean }
  | { type: 'phrase'; text: string }
  | { type: 'filter'; field: Field; value: string }
  | { type: 'op'; op: 'AND' | 'OR' | 'NOT' }
  | { type: 'minus' }
  | { type: 'open' }
  | { type: 'close' };

function readQuoted(query: string, from: number): { text: string; next: number } {
  const close = query.indexOf('"', from + 1);
  return close === -1
    ? { text: query.slice(from + 1), next: query.length }
    : { text: query.slice(from + 1, close), next: close + 1 };
}

function tokenize(query: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < query.length) {
    const c = query[i]!;
    if (/\s/.test(c)) {
      i += 1;
    } else if (c === '(' || c === ')') {
      tokens.push({ type: c === '(' ? 'open' : 'close' });
      i += 1;
    } else if (c === '"') {
      const { text, next } = readQuoted(query, i);
      tokens.push({ type: 'phrase', text });
      i = next;
    } else if (c === '-' && i + 1 < query.length && !/[\s-]/.test(query[i + 1]!)) {
      tokens.push({ type: 'minus' });
      i += 1;
    } else {
      let end = i;
      while (end < query.length && !/[\s()"]/.test(query[end]!)) end += 1;
      const word = query.slice(i, end);
      const field = /^([a-z]+):(.*)$/i.exec(word);
      const name = field?.[1]?.toLowerCase() as Field | undefined;
      if (field && name && FIELDS.includes(name)) {
        if (field[2] === '' && query[end] === '"') {
          const { text, next } = readQuoted(query, end);
          tokens.push({ type: 'filter', field: name, value: text });
          i = next;
          continue;
        }
        tokens.push({ type: 'filter', field: name, value: field[2]! });
      } else if (word === 'AND' || word === 'OR' || word === 'NOT') {
        tokens.push({ type: 'op', op: word });
      } else {
        const prefix = word.endsWith('*');
        tokens.push({ type: 'word', text: prefix ? word.replace(/\*+$/, '') : word, prefix });
      }
      i = end;
    }
  }
  return tokens;
}

/** Whether a word or phrase has anything to search for once punctuation is set aside. */
const hasLetters = (text: string) => /[\p{L}\p{N}]/u.test(text);

/** Recursive descent over the tokens: OR binds loosest, then AND (implied between neighbours), then NOT. */
class Parser {
  private at = 0;
  readonly filters: { field: Field; value: string }[] = [];

  constructor(private readonly tokens: Token[]) {}

  parse(): QueryNode | null {
    const node = this.or();
    if (this.at < this.tokens.length) {
      // A stray ")" has nothing to close: read on after it.
      this.at += 1;
      const rest = this.parse();
      return combine('and', [node, rest]);
    }
    return node;
  }

  private peek(): Token | undefined {
    return this.tokens[this.at];
  }

  private or(): QueryNode | null {
    const children = [this.and()];
    while (this.peek()?.type === 'op' && (this.peek() as { op: string }).op === 'OR') {
      this.at += 1;
      children.push(this.and());
    }
    return combine('or', children);
  }

  private and(): QueryNode | null {
    const children: (QueryNode | null)[] = [];
    for (;;) {
      const token = this.peek();
      if (!token || token.type === 'close') break;
      if (token.type === 'op' && token.op === 'OR') break;
      if (token.type === 'op' && token.op === 'AND') {
        this.at += 1;
        continue;
      }
      children.push(this.unary());
    }
    return combine('and', children);
  }

  private unary(): QueryNode | null {
    const token = this.peek();
    if (token && (token.type === 'minus' || (token.type === 'op' && token.op === 'NOT'))) {
      this.at += 1;
      const child = this.unary();
      return child ? { type: 'not', child } : null;
    }
    return this.primary();
  }

  private primary(): QueryNode | null {
    const token = this.tokens[this.at++];
    if (!token) return null;
    switch (token.type) {
      case 'open': {
        const inner = this.or();
        if (this.peek()?.type === 'close') this.at += 1;
        return inner;
      }
      case 'filter':
        this.filters.push({ field: token.field, value: token.value });
        return null;
      case 'phrase': {
        const text = token.text.trim();
        if (!hasLetters(text)) return null;
        return /\s/.test(text) ? { type: 'phrase', text } : { type: 'term', text, prefix: false };
      }
      case 'word':
        return hasLetters(token.text) ? { type: 'term', text: token.text, prefix: token.prefix } : null;
      default:
        // An operator with nothing to join ("OR" at the start): read it as nothing.
        return null;
    }
  }
}

function combine(type: 'and' | 'or', nodes: (QueryNode | null)[]): QueryNode | null {
  // "a (b c)" is "a b c": a group of the same operator joins its parent, so "a (-b -c)" leaves out b and c.
  const children = nodes
    .filter((n): n is QueryNode => n !== null)
    .flatMap((n) => (n.type === type ? n.children : [n]));
  if (children.length === 0) return null;
  if (children.length === 1) return children[0]!;
  return { type, children };
}

function parseDateFilter(value: string): { from: number | null; to: number | null } {
  const problem = `date: needs a date with a year or a range of them, as date:2022, date:2022-03..2024 or date:..2024-06-30 (not “${value}”)`;
  const [fromText, toText, extra] = value.split('..');
  if (extra !== undefined) throw new SearchQueryError(problem);
  const bound = (text: string | undefined): DaySpan | null => {
    if (text === undefined || text.trim() === '') return null;
    const parts = parsePartialDate(text.trim());
    if (!parts || parts.year === null) throw new SearchQueryError(problem);
    return rangeSpan({ start: text.trim() });
  };
  const from = bound(fromText);
  const to = toText === undefined ? from : bound(toText);
  if (!from && !to) throw new SearchQueryError(problem);
  if (from && to && to.last < from.first) {
    throw new SearchQueryError(`date: the end of ${value} comes before its start`);
  }
  return { from: from?.first ?? null, to: to?.last ?? null };
}

function collectFilters(list: { field: Field; value: string }[]): SearchFilters {
  const filters: SearchFilters = {
    types: [],
    statuses: [],
    tags: [],
    claimants: [],
    outlets: [],
    languages: [],
    date: null,
  };
  for (const { field, value } of list) {
    const raw = value.trim();
    if (raw === '') throw new SearchQueryError(`${field}: needs a value, as ${field}:something`);
    const folded = foldForSearch(raw);
    switch (field) {
      case 'type': {
        const kind = TYPE_ALIASES[folded];
        if (!kind)
          throw new SearchQueryError(`type: must be one of ${SEARCH_KINDS.join(', ')} (not “${raw}”)`);
        if (!filters.types.includes(kind)) filters.types.push(kind);
        break;
      }
      case 'status': {
        const status = CLAIM_STATUSES.find((s) => s === folded);
        if (!status) {
          throw new SearchQueryError(`status: must be one of ${CLAIM_STATUSES.join(', ')} (not “${raw}”)`);
        }
        if (!filters.statuses.includes(status)) filters.statuses.push(status);
        break;
      }
      case 'tag':
        filters.tags.push(
          folded
            .split('/')
            .map((part) => part.trim())
            .join(' / '),
        );
        break;
      case 'claimant':
        filters.claimants.push(folded);
        break;
      case 'outlet':
        filters.outlets.push(folded);
        break;
      case 'lang':
        filters.languages.push(raw.toLowerCase());
        break;
      case 'date': {
        const range = parseDateFilter(raw);
        const current = filters.date;
        // Two date filters must both hold: their overlap.
        filters.date = current
          ? {
              from:
                current.from === null
                  ? range.from
                  : range.from === null
                    ? current.from
                    : Math.max(current.from, range.from),
              to:
                current.to === null
                  ? range.to
                  : range.to === null
                    ? current.to
                    : Math.min(current.to, range.to),
            }
          : range;
        break;
      }
    }
  }
  return filters;
}

/**
 * A NOT leaves out from what it is ANDed with; inside an OR, or NOT of a NOT, it would mean "everything
 * else", which an index cannot list. Refused with a way to say it.
 */
function checkNots(node: QueryNode, parent: QueryNode['type'] | null): void {
  if (node.type === 'not') {
    if ((parent !== 'and' && parent !== null) || node.child.type === 'not') {
      throw new SearchQueryError(
        'NOT and -word only leave out from the rest: write a (b OR c) -d, not a (b OR -d)',
      );
    }
    checkNots(node.child, 'not');
  } else if (node.type === 'and' || node.type === 'or') {
    for (const child of node.children) checkNots(child, node.type);
  }
}

/** Whether the node finds anything by itself, or only excludes (NOT needs something to exclude from). */
export function isPositive(node: QueryNode): boolean {
  switch (node.type) {
    case 'not':
      return false;
    case 'and':
      return node.children.some(isPositive);
    case 'or':
      return node.children.every(isPositive);
    default:
      return true;
  }
}

function positiveTerms(node: QueryNode | null, out: string[]): string[] {
  if (!node || node.type === 'not') return out;
  if (node.type === 'and' || node.type === 'or') node.children.forEach((c) => positiveTerms(c, out));
  else out.push(foldForSearch(node.text));
  return out;
}

/** Reads a query; `prefixLast` makes its last word a prefix (results as you type). */
export function parseSearchQuery(query: string, options: { prefixLast?: boolean } = {}): ParsedQuery {
  // eslint-disable-next-line no-control-regex -- pasted control characters are not part of any word
  let tokens = tokenize(query.replace(/[\u0000-\u001f\u007f]/g, ' '));
  if (options.prefixLast && !/\s$/.test(query)) {
    const last = tokens[tokens.length - 1];
    // One letter is not yet a word to look for: every word of that letter would be merged.
    if (last?.type === 'word' && [...last.text].length >= 2) {
      tokens = [...tokens.slice(0, -1), { ...last, prefix: true }];
    }
  }
  const parser = new Parser(tokens);
  const text = parser.parse();
  const filters = collectFilters(parser.filters);
  if (text) checkNots(text, null);
  // Leaving out needs something to leave out from: words, or filters ("status:disputed -rifle").
  if (text && !isPositive(text) && (parser.filters.length === 0 || excludedOf(text) === null)) {
    throw new SearchQueryError(
      'NOT and -word leave things out: add something to search for, as kalashnikov -rifle',
    );
  }
  return { text, filters, terms: positiveTerms(text, []) };
}

/**
 * For a query that only leaves out ("-a -b", with filters): what it leaves out, as one node ("a OR b"). Null
 * when the query is not of that shape (an OR mixing in a NOT).
 */
export function excludedOf(node: QueryNode): QueryNode | null {
  if (node.type === 'not') return node.child;
  if (node.type === 'and' && node.children.every((c) => c.type === 'not')) {
    return combine(
      'or',
      node.children.map((c) => (c as Extract<QueryNode, { type: 'not' }>).child),
    );
  }
  return null;
}

/** FTS5's spelling of a string: in double quotes, quotes doubled. */
export const ftsString = (text: string) => `"${text.replace(/"/g, '""')}"`;

/**
 * Word pairs: the index also holds two neighbouring common words as one token (a "shingle", "of the"), so that a
 * phrase of common words reads the short list of its pairs instead of the lists of its words, each as long as
 * the project. Only pairs of two common words are kept (shared/common-words.ts, schema 11): any other phrase
 * has a rarer word, whose list FTS5 reads quickly, and indexing every pair cost twice what the words do. A pair
 * is PAIR_MARK, the first word, PAIR_JOIN, the second: private-use characters, which FTS5's tokenizer keeps
 * inside a token, and a mark four characters long so the index's prefixes of pairs (two to four characters)
 * never mix with those of words.
 */
export const PAIR_JOIN = '\uE000';
export const PAIR_MARK = '\uE001'.repeat(4);
/**
 * Stands where a run of pairs ends (a word that is not common, or the end of one of the texts indexed
 * together), so that pairs are side by side in the index only when they are in the text.
 */
export const PAIR_BREAK = '\uE002';

const pair = (first: string, second: string) => `${PAIR_MARK}${first}${PAIR_JOIN}${second}`;

/** A phrase's pairs, when all its words are common (it is looked up as those pairs); otherwise none. */
export function phrasePairs(words: readonly string[]): string[] {
  if (words.length < 2 || !words.every(isCommonWord)) return [];
  return words.slice(1).map((word, i) => pair(words[i]!, word));
}

/**
 * The index's pairs of a text's words: every two neighbouring common words, and a break after each run of
 * them.
 */
export function indexedPairs(words: readonly string[]): string[] {
  const out: string[] = [];
  let previousCommon = false;
  for (let i = 0; i < words.length; i++) {
    const common = isCommonWord(words[i]!);
    if (common && previousCommon) out.push(pair(words[i - 1]!, words[i]!));
    else if (!common && out.length > 0 && out[out.length - 1] !== PAIR_BREAK) out.push(PAIR_BREAK);
    previousCommon = common;
  }
  if (out[out.length - 1] === PAIR_BREAK) out.pop();
  return out;
}

/** The index's pairs column for some texts: each text's pairs in order, a break between texts. */
export const pairsText = (texts: readonly string[]): string =>
  texts
    .map((text) => indexedPairs(searchWords(text)).join(' '))
    .filter(Boolean)
    .join(` ${PAIR_BREAK} `);

/** The index columns that hold word pairs (of titles, and of everything else). */
export const PAIR_COLUMNS = ['title_pairs', 'pairs'] as const;

/**
 * The FTS5 MATCH expression of a query's text (every word quoted, so nothing in it is FTS5 syntax). With
 * `pairs`, words side by side (a phrase, "jean-pierre") are looked up as word pairs: what a search runs.
 * Without, as FTS5 phrases: what marks them in snippets. `expand` spells out prefixes.
 */
export function toFtsExpression(
  node: QueryNode,
  options: {
    pairs?: boolean;
    /** The words a prefix stands for, to search for them instead (null: leave the prefix to FTS5). */
    expand?: (prefix: string) => string[] | null;
  } = {},
): string {
  const inner = (child: QueryNode) => toFtsExpression(child, options);
  const together = (text: string) => {
    const pairs = options.pairs ? phrasePairs(searchWords(text)) : [];
    return pairs.length > 0 ? `{${PAIR_COLUMNS.join(' ')}} : ${ftsString(pairs.join(' '))}` : ftsString(text);
  };
  const prefixed = (text: string) => {
    const words = searchWords(text);
    const spelled = words.length === 1 ? options.expand?.(words[0]!) : null;
    return spelled ? `(${spelled.map(ftsString).join(' OR ')})` : `${ftsString(text)}*`;
  };
  switch (node.type) {
    case 'term':
      return node.prefix ? prefixed(node.text) : together(node.text);
    case 'phrase':
      return together(node.text);
    case 'or':
      return `(${node.children.map(inner).join(' OR ')})`;
    case 'not':
      // Only reached inside an AND (isPositive refuses a NOT alone, and an OR of one).
      return inner(node.child);
    case 'and': {
      const positive = node.children.filter((c) => c.type !== 'not');
      const negative = node.children.filter(
        (c): c is Extract<QueryNode, { type: 'not' }> => c.type === 'not',
      );
      const base = positive.length === 1 ? inner(positive[0]!) : `(${positive.map(inner).join(' AND ')})`;
      return negative.reduce((expr, n) => `(${expr} NOT ${inner(n.child)})`, base);
    }
  }
}

/** What a list in the window knows of one of its rows, for filtering it with a query (matchesQuery). */
export interface QueryTarget {
  kind: SearchKind;
  /** Everything the query's words may match. */
  text: string;
  statuses?: readonly ClaimStatus[];
  /** Names and aliases of its claimant. */
  claimants?: readonly string[];
  /** The full paths of its tags ("Military / Small arms"). */
  tagPaths?: readonly string[];
  outlets?: readonly string[];
  languages?: readonly string[];
  /** The days it covers; null when it has no date with a year. */
  span?: DaySpan | null;
  /** `text` folded and its words (foldTarget), when the caller keeps them to filter the same targets again. */
  folded?: FoldedText;
}

export interface FoldedText {
  text: string;
  words: ReadonlySet<string>;
}

/** A target's text as matchesQuery reads it: folding is most of the cost of matching a long list. */
export function foldTarget(text: string): FoldedText {
  const folded = foldForSearch(text);
  return { text: folded, words: new Set(words(folded)) };
}

/** The words of a folded text, as matchesQuery reads them (and the word index of a list, word-index.ts). */
export const foldedWords = (folded: string) => folded.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
const words = foldedWords;

/** A query's words compiled once: folding and splitting them for every row was much of a long list's cost. */
type TextMatcher = (target: FoldedText) => boolean;

/** A target's words joined by single spaces, with a space at each end; made only for rows a phrase may match. */
const joinedWords = new WeakMap<FoldedText, string>();

function phraseMatcher(parts: readonly string[]): TextMatcher {
  const needle = ` ${parts.join(' ')} `;
  return (target) => {
    // Every word of the phrase must be one of the row's words before its word order is worth reading.
    for (const part of parts) if (!target.words.has(part)) return false;
    let haystack = joinedWords.get(target);
    if (haystack === undefined) {
      haystack = ` ${words(target.text).join(' ')} `;
      joinedWords.set(target, haystack);
    }
    return haystack.includes(needle);
  };
}

function compileNode(node: QueryNode): TextMatcher {
  switch (node.type) {
    case 'term': {
      const parts = words(foldForSearch(node.text));
      const first = parts[0];
      if (first === undefined) return () => true;
      // A word with punctuation inside ("jean-pierre") is its words side by side, as FTS5 reads it.
      if (parts.length > 1) return phraseMatcher(parts);
      if (!node.prefix) return (target) => target.words.has(first);
      return (target) => {
        // A loop, not [...words].some(): a copy of every word of every target made filtering a list slow.
        for (const word of target.words) if (word.startsWith(first)) return true;
        return false;
      };
    }
    case 'phrase':
      return phraseMatcher(words(foldForSearch(node.text)));
    // Loops rather than every()/some(): those made a closure per row.
    case 'and': {
      const children = node.children.map(compileNode);
      return (target) => {
        for (let i = 0; i < children.length; i++) if (!children[i]!(target)) return false;
        return true;
      };
    }
    case 'or': {
      const children = node.children.map(compileNode);
      return (target) => {
        for (let i = 0; i < children.length; i++) if (children[i]!(target)) return true;
        return false;
      };
    }
    case 'not': {
      const child = compileNode(node.child);
      return (target) => !child(target);
    }
  }
}

/** A tag filter holds for a tag path naming the tag, a path ending in it, or anything below them. */
function tagMatches(filter: string, path: string): boolean {
  const want = filter.split(' / ');
  const have = foldForSearch(path)
    .split('/')
    .map((s) => s.trim());
  for (let i = 0; i + want.length <= have.length; i++) {
    if (want.every((w, j) => have[i + j] === w)) return true;
  }
  return false;
}

/**
 * Whether a row passes a query, by the same rules as the index: all words (or the OR/NOT given), folded; and
 * every filter. A filter the row cannot have (status: on a document) leaves it out.
 */
export function matchesQuery(query: ParsedQuery, target: QueryTarget): boolean {
  return queryMatcher(query)(target);
}

type RowMatcher = (target: QueryTarget) => boolean;

const compiledQueries = new WeakMap<ParsedQuery, RowMatcher>();

/**
 * matchesQuery for one query, to test many rows with: the checks of the filters the query has and its words,
 * made once (a list of 100,000 claims is filtered on every keystroke).
 */
export function queryMatcher(query: ParsedQuery): RowMatcher {
  let matcher = compiledQueries.get(query);
  if (!matcher) {
    matcher = compileQuery(query);
    compiledQueries.set(query, matcher);
  }
  return matcher;
}

function compileQuery(query: ParsedQuery): RowMatcher {
  const f = query.filters;
  const checks: RowMatcher[] = [];
  if (f.types.length > 0) checks.push((target) => f.types.includes(target.kind));
  if (f.statuses.length > 0) {
    checks.push((target) => target.statuses?.some((s) => f.statuses.includes(s)) ?? false);
  }
  if (f.claimants.length > 0) {
    checks.push((target) => {
      const names = (target.claimants ?? []).map(foldForSearch);
      return f.claimants.some((c) => names.some((n) => n.includes(c)));
    });
  }
  for (const tag of f.tags)
    checks.push((target) => target.tagPaths?.some((p) => tagMatches(tag, p)) ?? false);
  if (f.outlets.length > 0) {
    checks.push((target) => {
      const outlets = (target.outlets ?? []).map(foldForSearch);
      return f.outlets.some((o) => outlets.some((x) => outletMatches(o, x)));
    });
  }
  if (f.languages.length > 0) {
    checks.push((target) => {
      const languages = target.languages ?? [];
      return f.languages.some((l) => languages.some((x) => languageMatches(l, x)));
    });
  }
  const date = f.date;
  if (date) {
    checks.push((target) => {
      const span = target.span;
      if (!span) return false;
      if (date.from !== null && span.last < date.from) return false;
      if (date.to !== null && span.first > date.to) return false;
      return true;
    });
  }
  const text = query.text ? compileNode(query.text) : null;
  return (target) => {
    for (let i = 0; i < checks.length; i++) if (!checks[i]!(target)) return false;
    return text === null || text(target.folded ?? foldTarget(target.text));
  };
}

export type SearchRead = { query: ParsedQuery | null } | { error: string };

/** A search box read as you type (its last word a prefix): null when empty, or what cannot be read. */
export function readSearchBox(text: string): SearchRead {
  if (text.trim() === '') return { query: null };
  try {
    return { query: parseSearchQuery(text, { prefixLast: true }) };
  } catch (error) {
    if (error instanceof SearchQueryError) return { error: error.message };
    throw error;
  }
}
