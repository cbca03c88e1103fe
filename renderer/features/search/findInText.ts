// Find in the open document: every place a query occurs in the canonical text, case- and
// diacritics-insensitive ("nien" finds "niên", "nicolas" finds "Nicolás"). The text is folded character by
// character with foldForSearch, remembering where each folded character came from, so that a match in the
// folded text maps back to exactly the characters of the canonical text the reader shows. Runs of spaces and
// line breaks fold to one space, so a phrase is found whatever whitespace separates its words.
import { foldForSearch } from '../../../shared/annotations';

export interface FoldedText {
  /** The text folded: lower case, without diacritics, whitespace runs as one space. */
  folded: string;
  /** For each folded character, the canonical offset where its source character starts… */
  starts: Uint32Array;
  /** …and where it ends (past any whitespace folded into it, and past combining marks dropped after it). */
  ends: Uint32Array;
}

export interface TextMatch {
  start: number;
  end: number;
}

/** Enough to show and step through; a one-letter query in a long document stops counting here. */
export const MAX_MATCHES = 10_000;

const WHITESPACE = /\s/u;
const foldCache = new Map<string, string>();

/** One character folded; ASCII (most of any text) without a call to normalize(). */
function foldChar(char: string): string {
  const code = char.charCodeAt(0);
  if (char.length === 1 && code < 0x80)
    return code >= 65 && code <= 90 ? String.fromCharCode(code + 32) : char;
  let folded = foldCache.get(char);
  if (folded === undefined) {
    folded = foldForSearch(char);
    foldCache.set(char, folded);
  }
  return folded;
}

export function foldWithOffsets(text: string): FoldedText {
  const parts: string[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  let afterSpace = false;
  for (let at = 0; at < text.length;) {
    const codePoint = text.codePointAt(at)!;
    const char = String.fromCodePoint(codePoint);
    const next = at + char.length;
    if (WHITESPACE.test(char)) {
      if (afterSpace) ends[ends.length - 1] = next;
      else {
        parts.push(' ');
        starts.push(at);
        ends.push(next);
        afterSpace = true;
      }
    } else {
      const folded = foldChar(char);
      if (folded.length === 0) {
        // A combining mark on its own (decomposed text): it belongs to the character before it.
        if (ends.length > 0 && !afterSpace) ends[ends.length - 1] = next;
      } else {
        for (const unit of folded) {
          parts.push(unit);
          for (let i = 0; i < unit.length; i++) {
            starts.push(at);
            ends.push(next);
          }
        }
        afterSpace = false;
      }
    }
    at = next;
  }
  return { folded: parts.join(''), starts: Uint32Array.from(starts), ends: Uint32Array.from(ends) };
}

/** The query as it is matched: folded, trimmed, whitespace runs as one space. */
export function foldQuery(query: string): string {
  return foldForSearch(query.trim()).replace(/\s+/gu, ' ');
}

/** Every occurrence of the query in the text, in reading order, non-overlapping, at most MAX_MATCHES. */
export function findInText(text: FoldedText, query: string): TextMatch[] {
  const needle = foldQuery(query);
  const matches: TextMatch[] = [];
  if (needle.length === 0) return matches;
  for (let at = text.folded.indexOf(needle); at >= 0; at = text.folded.indexOf(needle, at + needle.length)) {
    matches.push({ start: text.starts[at]!, end: text.ends[at + needle.length - 1]! });
    if (matches.length >= MAX_MATCHES) break;
  }
  return matches;
}
