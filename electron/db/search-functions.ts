// SQL functions of the search index and of searches, registered on every connection to a project (opening
// and migrating register them): the index's triggers call them, so a row cannot be written without them.
// They compute in JavaScript what SQL cannot do the same way the app does: text offsets in UTF-16 units (the
// app's) rather than characters (SQLite's, which differ after an emoji), folding as search folds, word pairs.
import type { Database } from 'better-sqlite3';
import { foldForSearch } from '../../shared/annotations';
import { daySpan } from '../../shared/date-spans';
import { facetsText, languageMatches, outletMatches } from '../../shared/search-facets';
import { indexedPairs, PAIR_BREAK, pairsText } from '../../shared/search-query';

/** Letters without a separable diacritic, and how they are spelled plainly ("Đảng" is also "Dang"). */
const PLAIN_LETTERS: Record<string, string> = {
  đ: 'd',
  Đ: 'D',
  ð: 'd',
  Ð: 'D',
  ø: 'o',
  Ø: 'O',
  ł: 'l',
  Ł: 'L',
  ß: 'ss',
  æ: 'ae',
  Æ: 'AE',
  œ: 'oe',
  Œ: 'OE',
  ı: 'i',
  þ: 'th',
  Þ: 'TH',
};
const PLAIN_PATTERN = new RegExp(`[${Object.keys(PLAIN_LETTERS).join('')}]`, 'g');

/**
 * The plain spelling of a text, or '' when it is the text itself (most text): those letters spelled plainly,
 * and compatibility characters as search folds them (the ligature "ﬁ" as "fi", "²" as "2"), so that every word
 * a phrase finds through word pairs is found alone too.
 */
export function plainSpelling(text: string): string {
  // ASCII is its own plain spelling (nothing to normalise, none of the letters above).
  // eslint-disable-next-line no-control-regex -- the whole ASCII range
  if (/^[\u0000-\u007f]*$/.test(text)) return '';
  const compatible = text.normalize('NFKC');
  const base = compatible === text.normalize('NFC') ? text : compatible;
  PLAIN_PATTERN.lastIndex = 0;
  const plain = PLAIN_PATTERN.test(base)
    ? base.replace(PLAIN_PATTERN, (letter) => PLAIN_LETTERS[letter]!)
    : base;
  return plain === text ? '' : plain;
}

/**
 * The plain spelling of texts indexed together, or '' when each is its own: each text's plain spelling (or the
 * text itself), a break between them so that no phrase runs from one into the next.
 */
export function plainTexts(texts: readonly string[]): string {
  const plain = texts.map(plainSpelling);
  if (plain.every((p) => p === '')) return '';
  return plain.map((p, i) => p || texts[i]!).join(` ${PAIR_BREAK} `);
}

/** A document's searchable text: its blocks that are not boilerplate, one per line. */
export function searchableBody(text: string, blocksJson: string): string {
  let blocks: unknown;
  try {
    blocks = JSON.parse(blocksJson);
  } catch {
    return text;
  }
  if (!Array.isArray(blocks) || blocks.length === 0) return text;
  const parts: string[] = [];
  for (const block of blocks as { start?: unknown; end?: unknown; boilerplate?: unknown }[]) {
    if (block.boilerplate === true) continue;
    if (typeof block.start !== 'number' || typeof block.end !== 'number') continue;
    parts.push(text.slice(block.start, block.end));
  }
  return parts.join('\n');
}

// eslint-disable-next-line no-control-regex -- the whole ASCII range
const ASCII_ONLY = /^[\u0000-\u007f]*$/;

/**
 * The index's word pairs of some texts: what pairsText (shared/search-query.ts) gives, which searches build
 * their queries with, computed without its Unicode work when the texts are ASCII (most of what is indexed).
 * For ASCII, search's letters and digits ([\p{L}\p{N}] after folding) are [a-z0-9] after lower-casing.
 */
export function indexPairs(texts: readonly string[]): string {
  for (const text of texts) {
    if (!ASCII_ONLY.test(text)) return pairsText(texts);
  }
  let out = '';
  for (const text of texts) {
    const words = text.toLowerCase().match(/[a-z0-9]+/g);
    if (!words || words.length < 2) continue;
    const pairs = indexedPairs(words).join(' ');
    if (pairs !== '') out = out === '' ? pairs : `${out} ${PAIR_BREAK} ${pairs}`;
  }
  return out;
}

/**
 * facetsText, remembered: every passage of a document has its document's facets, and a merge or an import
 * indexes tens of thousands of passages of a few thousand documents.
 */
function memoizedFacets(): (
  outlet: string | null,
  language: string | null,
  published: string | null,
) => string {
  const known = new Map<string, string>();
  return (outlet, language, published) => {
    const key = JSON.stringify([outlet, language, published]);
    let facets = known.get(key);
    if (facets === undefined) {
      // A bounded memory: what one bulk write repeats fits many times over.
      if (known.size >= 10_000) known.clear();
      facets = facetsText(outlet, language, published);
      known.set(key, facets);
    }
    return facets;
  };
}

const registered = new WeakSet<Database>();
/** Connections indexing later, in bulk (search-index.ts): their triggers skip the per-row work. */
const deferring = new WeakSet<Database>();

/** Turns per-row indexing off (or back on) for this connection; see electron/db/search-index.ts. */
export function setIndexDeferred(db: Database, deferred: boolean): void {
  if (deferred) deferring.add(db);
  else deferring.delete(db);
}

export function registerSearchFunctions(db: Database): void {
  if (registered.has(db)) return;
  // Not deterministic: its answer changes while a bulk write runs.
  db.function('dossier_index_now', { deterministic: false }, () => (deferring.has(db) ? 0 : 1));
  const text = (value: unknown) => (typeof value === 'string' ? value : '');
  db.function('dossier_fold', { deterministic: true }, (value: unknown) => foldForSearch(text(value)));
  db.function('dossier_first_day', { deterministic: true }, (value: unknown) =>
    typeof value === 'string' ? (daySpan(value.replace(/^~/, ''))?.first ?? null) : null,
  );
  db.function('dossier_last_day', { deterministic: true }, (value: unknown) =>
    typeof value === 'string' ? (daySpan(value.replace(/^~/, ''))?.last ?? null) : null,
  );
  db.function('dossier_search_body', { deterministic: true }, (body: unknown, blocks: unknown) =>
    searchableBody(text(body), text(blocks)),
  );
  // One text (schema 6's triggers, while an older project migrates), or title, body and meta (schema 11).
  db.function('dossier_plain', { deterministic: true, varargs: true }, (...values: unknown[]) =>
    values.length === 1 ? plainSpelling(text(values[0])) : plainTexts(values.map(text)),
  );
  db.function('dossier_pairs', { deterministic: true, varargs: true }, (...values: unknown[]) =>
    indexPairs(values.map(text)),
  );
  const nullable = (value: unknown) => (typeof value === 'string' ? value : null);
  const facets = memoizedFacets();
  db.function(
    'dossier_facets',
    { deterministic: true },
    (outlet: unknown, language: unknown, published: unknown) =>
      facets(nullable(outlet), nullable(language), nullable(published)),
  );
  db.function('dossier_outlet_matches', { deterministic: true }, (filter: unknown, outlet: unknown) =>
    outletMatches(text(filter), text(outlet)) ? 1 : 0,
  );
  db.function('dossier_language_matches', { deterministic: true }, (filter: unknown, language: unknown) =>
    languageMatches(text(filter), text(language)) ? 1 : 0,
  );
  registered.add(db);
}
