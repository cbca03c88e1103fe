// The word index the window's long lists filter through (shared/word-index.ts): the rows it finds, and then
// tests, must be exactly the rows matchesQuery lets through when every row is tested, whatever the query.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldTarget, matchesQuery, parseSearchQuery, type QueryTarget } from '../../../shared/search-query';
import { buildWordIndex, candidateRows } from '../../../shared/word-index';
import { rowText, typedQuery } from '../helpers/queries';

/** What a list shows through the index: the candidates, tested unless they are exactly the matches. */
function throughIndex(rows: QueryTarget[], typed: string): number[] {
  const parsed = parseSearchQuery(typed, { prefixLast: true });
  const index = buildWordIndex(rows.length, (i) => rows[i]!.folded!);
  const candidates = candidateRows(index, parsed.text!);
  const positions = candidates ? Array.from(candidates.rows) : rows.map((_, i) => i);
  return candidates?.exact ? positions : positions.filter((i) => matchesQuery(parsed, rows[i]!));
}

describe('filtering a list through its word index', () => {
  it('finds exactly the rows that testing every row finds, in the same order', () => {
    fc.assert(
      fc.property(typedQuery, fc.array(rowText, { minLength: 1, maxLength: 30 }), (typed, texts) => {
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
    const of = (typed: string) => {
      const found = candidateRows(index, parseSearchQuery(typed, { prefixLast: true }).text!);
      return found && { exact: found.exact, rows: Array.from(found.rows) };
    };
    expect(of('forces arm')).toEqual({ exact: true, rows: [0, 1] });
    expect(of('kyiv')).toEqual({ exact: true, rows: [2] });
    expect(of('"armed forces"')).toEqual({ exact: false, rows: [0] });
    expect(of('kyiv OR forces')).toBeNull();
  });
});
