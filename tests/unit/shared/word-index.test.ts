// The word index the window's long lists filter through (shared/word-index.ts): the rows it finds, and then
// tests, must be exactly the rows matchesQuery lets through when every row is tested, whatever the query.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldTarget, matchesQuery, parseSearchQuery, type QueryTarget } from '../../../shared/search-query';
import { buildWordIndex, candidateRows } from '../../../shared/word-index';

const vocabulary = [
  'arms',
  'armed',
  'Armée',
  'forces',
  'kyiv',
  'Kyïv',
  'jean-pierre',
  'pierre',
  'ørsted',
  'the',
];
const word = fc.constantFrom(...vocabulary);
const text = fc.array(word, { maxLength: 10 }).map((words) => words.join(' '));
const part = fc.oneof(
  word,
  word.map((w) => `${w.slice(0, 3)}*`),
  fc.array(word, { minLength: 1, maxLength: 3 }).map((ws) => `"${ws.join(' ')}"`),
  fc.tuple(word, word).map(([a, b]) => `(${a} OR ${b})`),
);
const query = fc
  .tuple(fc.array(part, { minLength: 1, maxLength: 3 }), fc.option(word, { nil: undefined }))
  .map(([parts, without]) => (without ? [...parts, `-${without}`] : parts).join(' '));

/** What a list shows through the index: the candidates, tested unless they are exactly the matches. */
function throughIndex(rows: QueryTarget[], typed: string): number[] {
  const parsed = parseSearchQuery(typed, { prefixLast: true });
  const index = buildWordIndex(rows.length, (i) => rows[i]!.folded!);
  const candidates = candidateRows(index, parsed.text!);
  const positions = candidates ? [...candidates.rows] : rows.map((_, i) => i);
  return candidates?.exact ? positions : positions.filter((i) => matchesQuery(parsed, rows[i]!));
}

describe('filtering a list through its word index', () => {
  it('finds exactly the rows that testing every row finds, in the same order', () => {
    fc.assert(
      fc.property(query, fc.array(text, { minLength: 1, maxLength: 30 }), (typed, texts) => {
        const rows = texts.map((t) => ({ kind: 'claim' as const, text: t, folded: foldTarget(t) }));
        const parsed = parseSearchQuery(typed, { prefixLast: true });
        const everyRow = rows.flatMap((row, i) => (matchesQuery(parsed, row) ? [i] : []));
        expect(throughIndex(rows, typed), typed).toEqual(everyRow);
      }),
      { numRuns: 500 },
    );
  });

  it('needs no test of the rows for words and prefixes alone, and tests them for phrases and OR', () => {
    const rows = ['the armed forces', 'forces armées', 'Kyïv'].map((t) => ({
      kind: 'claim' as const,
      text: t,
      folded: foldTarget(t),
    }));
    const index = buildWordIndex(rows.length, (i) => rows[i]!.folded);
    const of = (typed: string) => candidateRows(index, parseSearchQuery(typed, { prefixLast: true }).text!);
    expect(of('forces arm')).toMatchObject({ exact: true, rows: Int32Array.from([0, 1]) });
    expect(of('kyiv')).toMatchObject({ exact: true, rows: Int32Array.from([2]) });
    expect(of('"armed forces"')).toMatchObject({ exact: false, rows: Int32Array.from([0]) });
    expect(of('kyiv OR forces')).toBeNull();
  });
});
