// Random rows and typed queries for property tests of the query language in lists: words with accents,
// letters that fold (ø, ï), a hyphenated word, and queries with prefixes, phrases, OR and a left-out word.
import fc from 'fast-check';

const vocabulary = [
  'arms',
  'armed',
  'Armée',
  'forces',
  'FORCES',
  'kyiv',
  'Kyïv',
  'jean-pierre',
  'pierre',
  'ørsted',
  'the',
];

export const queryWord = fc.constantFrom(...vocabulary);

/** A row's text: up to 12 of the words. */
export const rowText = fc.array(queryWord, { maxLength: 12 }).map((words) => words.join(' '));

const queryPart = fc.oneof(
  queryWord,
  queryWord.map((w) => `${w.slice(0, 3)}*`),
  fc.array(queryWord, { minLength: 1, maxLength: 3 }).map((ws) => `"${ws.join(' ')}"`),
  fc.tuple(queryWord, queryWord).map(([a, b]) => `(${a} OR ${b})`),
);

/** A query as typed: one to three parts, perhaps a word left out. */
export const typedQuery = fc
  .tuple(fc.array(queryPart, { minLength: 1, maxLength: 3 }), fc.option(queryWord, { nil: undefined }))
  .map(([parts, without]) => (without ? [...parts, `-${without}`] : parts).join(' '));
