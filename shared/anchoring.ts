// Highlights outlive edits to the text they point at: a document can be re-imported from a newer version of
// the page, or merged from a teammate whose copy differs slightly. So a highlight stores both where it was
// (TextPositionSelector) and what it said with a little context (TextQuoteSelector), and this module finds
// it again: trust the position while the quote still sits there, else look for the exact quote, else for a
// close variant. It runs on both sides (the main process re-anchors on import, the renderer on display), so
// it is pure string work with no Node or DOM dependencies. All offsets are UTF-16 code units, like
// String.prototype.slice, because that is what both the DOM and SQLite round-trips give us.
import search from 'approx-string-match';
import type { TextPositionSelector, TextQuoteSelector } from './domain';

/** How much text either side of a quote we keep to tell repeated passages apart. */
export const QUOTE_CONTEXT_CHARS = 32;

export interface TextRange {
  start: number;
  end: number;
}

export type AnchorMethod = 'position' | 'quote' | 'fuzzy';

export interface Anchor extends TextRange {
  method: AnchorMethod;
  /** How closely the text at the anchor matches the stored quote: 1 = exact, down to the fuzzy threshold. */
  score: number;
}

export interface AnchorSelectors {
  position?: TextPositionSelector;
  quote: TextQuoteSelector;
}

/** Below this, a fuzzy match is more likely a different passage than an edited one. */
const MIN_FUZZY_QUOTE_SIMILARITY = 0.75;
/** The error budget caps at 32 so a long quote stays in approx-string-match's fast one-word path. */
const MAX_FUZZY_ERRORS = 32;
/** Short quotes match by chance somewhere in a long text; below this length the context must agree too. */
const SHORT_QUOTE_CHARS = 24;
const MIN_SHORT_QUOTE_CONTEXT_SIMILARITY = 0.5;
/** A fuzzy match near the old position is accepted without searching further when it is this good. */
const CONVINCING_QUOTE_SIMILARITY = 0.85;
const CONVINCING_CONTEXT = 1.5;
const INTACT_CONTEXT = 1.9;
/** Errors allowed in the first, cheap fuzzy search (a word or two edited). */
const SMALL_ERROR_BUDGET = 6;

// Relative weights when choosing between fuzzy candidates: the quote itself is the strongest evidence, the
// context settles near-ties, and the old position only breaks what is otherwise a tie.
const QUOTE_WEIGHT = 4;
const CONTEXT_WEIGHT = 1;
const PROXIMITY_WEIGHT = 0.1;
const EPSILON = 1e-9;

/**
 * Selectors describing [start, end) of `text`: its position, plus its quote with up to
 * QUOTE_CONTEXT_CHARS of prefix and suffix (fewer at the text's edges).
 * Throws RangeError if the range is empty, out of bounds, or splits a surrogate pair.
 */
export function describeRange(
  text: string,
  range: TextRange,
): { position: TextPositionSelector; quote: TextQuoteSelector } {
  const { start, end } = range;
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end > text.length) {
    throw new RangeError(`Range ${start}–${end} is outside the text (0–${text.length}).`);
  }
  if (end <= start) throw new RangeError(`Range ${start}–${end} is empty.`);
  // A lone surrogate in a stored quote would be replaced with U+FFFD when encoded as UTF-8 (SQLite, JSON
  // files), so the quote could never match again.
  if (splitsSurrogatePair(text, start) || splitsSurrogatePair(text, end)) {
    throw new RangeError(`Range ${start}–${end} cuts a character in half.`);
  }
  let prefixStart = Math.max(0, start - QUOTE_CONTEXT_CHARS);
  if (splitsSurrogatePair(text, prefixStart)) prefixStart += 1;
  let suffixEnd = Math.min(text.length, end + QUOTE_CONTEXT_CHARS);
  if (splitsSurrogatePair(text, suffixEnd)) suffixEnd -= 1;
  return {
    position: { type: 'TextPositionSelector', start, end },
    quote: {
      type: 'TextQuoteSelector',
      exact: text.slice(start, end),
      prefix: text.slice(prefixStart, start),
      suffix: text.slice(end, suffixEnd),
    },
  };
}

/** Finds where the selectors point in (possibly changed) text, or null when it can't be found with confidence. */
export function anchorSelectors(text: string, selectors: AnchorSelectors): Anchor | null {
  const { quote } = selectors;
  const exact = quote.exact;
  if (exact.length === 0 || exact.length > text.length) return null;
  const hint = usablePosition(text, selectors.position);

  // The common case by far: the text has not changed. This must stay allocation-free, because opening a
  // long document re-anchors every highlight in it.
  const quoteAtPosition =
    hint !== null && hint.end - hint.start === exact.length && text.startsWith(exact, hint.start);
  if (quoteAtPosition && hasExactContext(text, hint.start, hint.end, quote)) {
    return { start: hint.start, end: hint.end, method: 'position', score: 1 };
  }

  // The quote may still sit at its old offset while its context changed, and that can be a different
  // occurrence of a repeated phrase that an edit shifted into place; so the old offset only wins if no other
  // occurrence matches the context better (it wins ties, being nearest).
  // Window by window, from near the old position outwards: an exact occurrence with its context intact, or a
  // convincing fuzzy match (the quote edited in place), settles it where it is found; only the whole text
  // takes a lesser answer, an exact occurrence before a fuzzy one.
  const maxErrors = Math.min(MAX_FUZZY_ERRORS, Math.floor(exact.length * (1 - MIN_FUZZY_QUOTE_SIMILARITY)));
  for (const window of searchWindows(text, hint)) {
    const whole = window.from === 0 && window.to === text.length;
    const exactMatch = findExactQuote(text, quote, hint, window, !whole);
    if (exactMatch) {
      const stayed = quoteAtPosition && exactMatch.start === hint.start;
      return stayed ? { ...exactMatch, method: 'position' } : exactMatch;
    }
    if (maxErrors === 0) continue;
    // A small error budget first: approx-string-match reports every end position within the budget and
    // traces each one back, so a generous budget around a lightly edited quote costs many times more.
    const small = Math.min(maxErrors, SMALL_ERROR_BUDGET);
    const quick =
      small < maxErrors ? bestFuzzyCandidate(text, quote, hint, small, window.from, window.to) : null;
    const fuzzy =
      quick && isConvincing(quick)
        ? quick
        : bestFuzzyCandidate(text, quote, hint, maxErrors, window.from, window.to);
    if (fuzzy && (whole || isConvincing(fuzzy))) {
      // The quote itself unchanged, only its context edited: an exact match after all.
      if (fuzzy.quoteSimilarity === 1 && text.startsWith(exact, fuzzy.start)) {
        const stayed = hint !== null && fuzzy.start === hint.start;
        return {
          start: fuzzy.start,
          end: fuzzy.start + exact.length,
          method: stayed ? 'position' : 'quote',
          score: 1,
        };
      }
      return { ...snapToCodePoints(text, fuzzy), method: 'fuzzy', score: fuzzy.quoteSimilarity };
    }
  }
  return null;
}

/**
 * Where to look for a moved quote: first near its old position (edits elsewhere shift it by little), then
 * further, then everywhere. Searching the whole of a long document for each of thousands of highlights is
 * what made re-anchoring slow; a narrower window is accepted only for an unambiguous answer.
 */
const SEARCH_MARGINS = [4_096, 65_536] as const;
/**
 * The first windows: just around where the quote should be (a quote edited in place, its position right
 * thanks to anchorAll's shift), then about its own length either side.
 */
const TIGHT_MARGIN = 64;
const NEAR_MARGIN = 256;

function searchWindows(text: string, hint: TextRange | null): { from: number; to: number }[] {
  const windows: { from: number; to: number }[] = [];
  if (hint) {
    const near = NEAR_MARGIN + 2 * (hint.end - hint.start);
    for (const margin of [TIGHT_MARGIN, near, ...SEARCH_MARGINS]) {
      const from = Math.max(0, hint.start - margin);
      const to = Math.min(text.length, hint.end + margin);
      if (from === 0 && to === text.length) break;
      windows.push({ from, to });
    }
  }
  windows.push({ from: 0, to: text.length });
  return windows;
}

/**
 * Anchors many highlights of one text at once. An edit shifts everything after it by the same amount, so
 * each highlight is looked for where the previous one's shift says it should now be: in an edited text most
 * are then found at once, and the rest are searched for near the right place. Results keep the input order.
 */
export function anchorAll(text: string, items: readonly AnchorSelectors[]): (Anchor | null)[] {
  const order = items
    .map((item, index) => ({ item, index }))
    .sort((a, b) => (a.item.position?.start ?? 0) - (b.item.position?.start ?? 0));
  const anchors: (Anchor | null)[] = new Array<Anchor | null>(items.length).fill(null);
  let shift = 0;
  for (const { item, index } of order) {
    const position = item.position;
    const shifted =
      position && shift !== 0
        ? { ...position, start: position.start + shift, end: position.end + shift }
        : position;
    let anchor = anchorSelectors(text, { ...item, position: shifted });
    if (anchor && shift !== 0 && anchor.method === 'position') anchor = { ...anchor, method: 'quote' };
    anchors[index] = anchor;
    if (anchor && position && anchor.method !== 'fuzzy') shift = anchor.start - position.start;
  }
  return anchors;
}

function findExactQuote(
  text: string,
  quote: TextQuoteSelector,
  hint: TextRange | null,
  { from, to }: { from: number; to: number },
  perfectOnly: boolean,
): Anchor | null {
  const { exact } = quote;
  // A slice bounds the search (indexOf on the whole text would run to its end when the quote is absent).
  const haystack = from === 0 && to === text.length ? text : text.slice(from, to);
  const starts: number[] = [];
  for (let at = haystack.indexOf(exact); at !== -1; at = haystack.indexOf(exact, at + 1)) {
    starts.push(from + at);
  }
  // Within a window, only an occurrence whose context is untouched settles it; otherwise look wider.
  const best = bestExactOccurrence(text, quote, hint, starts, perfectOnly);
  return best === null ? null : { start: best, end: best + exact.length, method: 'quote', score: 1 };
}

function bestExactOccurrence(
  text: string,
  quote: TextQuoteSelector,
  hint: TextRange | null,
  starts: number[],
  perfectOnly: boolean,
): number | null {
  const { exact } = quote;
  // Checking for an untouched context first avoids the edit-distance work for every occurrence of a
  // frequent word when the right one is still intact.
  const perfect = starts.filter((at) => hasExactContext(text, at, at + exact.length, quote));
  if (perfect.length === 0 && perfectOnly) return null;
  let best: number | null = null;
  let bestContext = -Infinity;
  let bestDistance = Infinity;
  for (const at of perfect.length > 0 ? perfect : starts) {
    const context = perfect.length > 0 ? 2 : contextSimilarity(text, at, at + exact.length, quote);
    const distance = hint ? Math.abs(at - hint.start) : at;
    if (context > bestContext + EPSILON || (context > bestContext - EPSILON && distance < bestDistance)) {
      best = at;
      bestContext = context;
      bestDistance = distance;
    }
  }
  return best;
}

interface FuzzyCandidate extends TextRange {
  quoteSimilarity: number;
  /** Prefix plus suffix similarity, 0-2. */
  context: number;
  total: number;
}

/** A fuzzy match found in a window is taken there only when both the quote and its context agree well. */
function isConvincing(candidate: FuzzyCandidate): boolean {
  // Either the quote is nearly intact and its context recognisable, or its context on both sides is all but
  // untouched: then whatever lies between (similar enough to be considered at all) is the passage, edited in
  // place, and searching the rest of a long document for it would only cost time.
  return (
    (candidate.quoteSimilarity >= CONVINCING_QUOTE_SIMILARITY && candidate.context >= CONVINCING_CONTEXT) ||
    candidate.context >= INTACT_CONTEXT
  );
}

function bestFuzzyCandidate(
  text: string,
  quote: TextQuoteSelector,
  hint: TextRange | null,
  maxErrors: number,
  from: number,
  to: number,
): FuzzyCandidate | null {
  const haystack = from === 0 && to === text.length ? text : text.slice(from, to);
  let best: FuzzyCandidate | null = null;
  for (const match of search(haystack, quote.exact, maxErrors)) {
    const start = from + match.start;
    const end = from + match.end;
    const quoteSimilarity = 1 - match.errors / quote.exact.length;
    if (quoteSimilarity < MIN_FUZZY_QUOTE_SIMILARITY) continue;
    const context = contextSimilarity(text, start, end, quote);
    if (quote.exact.length < SHORT_QUOTE_CHARS && context / 2 < MIN_SHORT_QUOTE_CONTEXT_SIMILARITY) continue;
    const proximity = hint ? 1 - Math.abs(start - hint.start) / text.length : 0;
    const total = QUOTE_WEIGHT * quoteSimilarity + CONTEXT_WEIGHT * context + PROXIMITY_WEIGHT * proximity;
    if (!best || total > best.total) best = { start, end, quoteSimilarity, context, total };
  }
  return best;
}

/** The stored position, if it still describes a range inside this text; otherwise it is only noise. */
function usablePosition(text: string, position: TextPositionSelector | undefined): TextRange | null {
  if (!position) return null;
  const { start, end } = position;
  if (!Number.isInteger(start) || !Number.isInteger(end)) return null;
  if (start < 0 || end < start || end > text.length) return null;
  return { start, end };
}

function hasExactContext(text: string, start: number, end: number, quote: TextQuoteSelector): boolean {
  return (
    start >= quote.prefix.length &&
    text.startsWith(quote.prefix, start - quote.prefix.length) &&
    text.startsWith(quote.suffix, end)
  );
}

/**
 * Sum of prefix and suffix similarity (0–2) for a candidate at [start, end). An empty stored context (the
 * quote sat at the edge of the text) is neutral, since it cannot tell candidates apart.
 */
function contextSimilarity(text: string, start: number, end: number, quote: TextQuoteSelector): number {
  return (
    affixSimilarity(quote.prefix, (i) => text.charCodeAt(start - 1 - i), start, true) +
    affixSimilarity(quote.suffix, (i) => text.charCodeAt(end + i), text.length - end, false)
  );
}

/**
 * Similarity (0–1) between a stored prefix or suffix and the text next to a candidate. The affix must line up
 * against the candidate but may absorb insertions and deletions further out, so an edit a few words away
 * costs only the characters it changed instead of shifting everything. `charAt(i)` reads the text moving
 * away from the candidate; for a prefix both sides are read backwards.
 */
function affixSimilarity(
  affix: string,
  charAt: (i: number) => number,
  available: number,
  backwards: boolean,
): number {
  const m = affix.length;
  if (m === 0) return 1;
  const n = Math.min(available, m + Math.ceil(m / 4));
  const affixAt = (i: number) => affix.charCodeAt(backwards ? m - 1 - i : i);
  // Edit distance with the affix fully aligned and the text allowed to end anywhere: one rolling row over
  // the text, one step per affix character.
  let row = new Int32Array(n + 1);
  let next = new Int32Array(n + 1);
  for (let j = 0; j <= n; j++) row[j] = j;
  for (let i = 1; i <= m; i++) {
    next[0] = i;
    const a = affixAt(i - 1);
    for (let j = 1; j <= n; j++) {
      const substitution = row[j - 1]! + (a === charAt(j - 1) ? 0 : 1);
      next[j] = Math.min(substitution, row[j]! + 1, next[j - 1]! + 1);
    }
    [row, next] = [next, row];
  }
  let errors = m;
  for (let j = 0; j <= n; j++) errors = Math.min(errors, row[j]!);
  return 1 - errors / m;
}

/** True when `offset` falls between the two halves of a surrogate pair. */
function splitsSurrogatePair(text: string, offset: number): boolean {
  if (offset <= 0 || offset >= text.length) return false;
  const before = text.charCodeAt(offset - 1);
  const after = text.charCodeAt(offset);
  return before >= 0xd800 && before <= 0xdbff && after >= 0xdc00 && after <= 0xdfff;
}

/** approx-string-match counts code units, so a fuzzy match can end inside an emoji; widen it to whole characters. */
function snapToCodePoints(text: string, range: TextRange): TextRange {
  return {
    start: splitsSurrogatePair(text, range.start) ? range.start - 1 : range.start,
    end: splitsSurrogatePair(text, range.end) ? range.end + 1 : range.end,
  };
}
