// An inverted index of a list's rows by their folded words, for filtering a long list in the window with the
// query language: the rows a query can match at all are found from the words it requires, and only those are
// tested with matchesQuery. Testing every row cost about a microsecond each, 100-200 ms for 100,000 claims on
// every keystroke (bench/claims.ts); the index answers in a few milliseconds once built.
// Sound by construction: a row left out lacks a word (or every word with a prefix) that the query's matcher
// requires of every row it lets through (compileNode in search-query.ts). Rows it keeps are still tested.
import { foldForSearch } from './annotations';
import { foldedWords, type FoldedText, type QueryNode } from './search-query';

export interface WordIndex {
  /** Positions in the list of the rows holding each word, ascending. */
  readonly postings: ReadonlyMap<string, readonly number[]>;
  /** Every word, sorted, to find those a prefix starts. */
  readonly words: readonly string[];
  readonly size: number;
}

/** Collects rows' words in order of position, so an index can be built a slice at a time (in idle time). */
export class WordIndexBuilder {
  private readonly lists = new Map<string, number[]>();

  /** Adds the row at `position`; rows are added in ascending positions. */
  add(position: number, folded: FoldedText): void {
    for (const word of folded.words) {
      const list = this.lists.get(word);
      if (list) list.push(position);
      else this.lists.set(word, [position]);
    }
  }

  /** The index of the rows added; the lists are kept as they are (copying them cost 0.2 s at 100,000 rows). */
  finish(size: number): WordIndex {
    return { postings: this.lists, words: [...this.lists.keys()].sort(), size };
  }
}

/** Indexes rows by their words; `folded(i)` gives row i's words as matchesQuery reads them. */
export function buildWordIndex(size: number, folded: (position: number) => FoldedText): WordIndex {
  const builder = new WordIndexBuilder();
  for (let position = 0; position < size; position++) builder.add(position, folded(position));
  return builder.finish(size);
}

/** One requirement of a query: a word every match holds, or a prefix one of its words starts with. */
type Requirement = { word: string } | { prefix: string };

/** What every row a node matches must hold; empty when it requires nothing the index knows (OR, NOT). */
function requirements(node: QueryNode, out: Requirement[]): Requirement[] {
  switch (node.type) {
    case 'term': {
      const parts = foldedWords(foldForSearch(node.text));
      // A word with punctuation inside is read as a phrase of its parts: each must be there.
      if (parts.length === 1 && node.prefix) out.push({ prefix: parts[0]! });
      else for (const word of parts) out.push({ word });
      return out;
    }
    case 'phrase':
      for (const word of foldedWords(foldForSearch(node.text))) out.push({ word });
      return out;
    case 'and':
      for (const child of node.children) requirements(child, out);
      return out;
    default:
      return out;
  }
}

/** The first position in sorted `words` not before `value`. */
function lowerBound(words: readonly string[], value: string): number {
  let low = 0;
  let high = words.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (words[middle]! < value) low = middle + 1;
    else high = middle;
  }
  return low;
}

function rowsOf(index: WordIndex, requirement: Requirement): ArrayLike<number> {
  if ('word' in requirement) return index.postings.get(requirement.word) ?? [];
  const { prefix } = requirement;
  const marked = new Uint8Array(index.size);
  let count = 0;
  for (let i = lowerBound(index.words, prefix); i < index.words.length; i++) {
    const word = index.words[i]!;
    if (!word.startsWith(prefix)) break;
    for (const position of index.postings.get(word)!) {
      if (marked[position] === 0) {
        marked[position] = 1;
        count += 1;
      }
    }
  }
  const rows = new Int32Array(count);
  for (let position = 0, at = 0; at < count; position++) if (marked[position] === 1) rows[at++] = position;
  return rows;
}

function intersect(a: ArrayLike<number>, b: ArrayLike<number>): ArrayLike<number> {
  const out = new Int32Array(Math.min(a.length, b.length));
  let i = 0;
  let j = 0;
  let at = 0;
  while (i < a.length && j < b.length) {
    if (a[i]! < b[j]!) i++;
    else if (a[i]! > b[j]!) j++;
    else {
      out[at++] = a[i]!;
      i++;
      j++;
    }
  }
  return out.subarray(0, at);
}

/** Whether a node is words and prefixes that must all be there, and nothing else: its requirements say it all. */
function onlyRequirements(node: QueryNode): boolean {
  if (node.type === 'and') return node.children.every(onlyRequirements);
  return node.type === 'term' && foldedWords(foldForSearch(node.text)).length <= 1;
}

/**
 * The positions, ascending, of the rows that can match the query's words, and whether they are exactly the
 * rows that do (words and prefixes only: no phrase, OR or NOT left to test); null when the query requires no
 * word or prefix (an OR, filters alone), and every row must be tested.
 */
export function candidateRows(
  index: WordIndex,
  text: QueryNode,
): { rows: ArrayLike<number>; exact: boolean } | null {
  const required = requirements(text, []);
  if (required.length === 0) return null;
  // The shortest lists first, so the intersection shrinks as early as it can.
  const lists = required.map((r) => rowsOf(index, r)).sort((a, b) => a.length - b.length);
  let rows = lists[0]!;
  for (let i = 1; i < lists.length && rows.length > 0; i++) rows = intersect(rows, lists[i]!);
  return { rows, exact: onlyRequirements(text) };
}
