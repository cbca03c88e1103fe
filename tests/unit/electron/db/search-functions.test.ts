// The index's word pairs (of common words only) are computed on a fast path for ASCII text; a search builds its
// queries with pairsText (shared/search-query.ts). If the two ever disagreed, a phrase would stop finding what
// it should.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { indexPairs } from '../../../../electron/db/search-functions';
import { PAIR_BREAK, PAIR_JOIN, PAIR_MARK, pairsText } from '../../../../shared/search-query';

// Words, numbers, punctuation and spacing, in ASCII and beyond it (accents, ligatures, other scripts, emoji).
const pieces = fc.constantFrom(
  'Minister',
  'said',
  'THE',
  'of',
  'the',
  'And',
  'de',
  'según',
  'của',
  'và',
  'и',
  'talks',
  'e-mail',
  "don't",
  '2022',
  'COVID-19',
  'A',
  ' ',
  '  ',
  '\n',
  '\t',
  '.',
  ',',
  '—',
  '"',
  'Nicolás',
  'Đảng',
  'ﬁnance',
  'Straße',
  'İstanbul',
  'Москва',
  '北京',
  '😀',
  '_',
  '\u0000',
);
const text = fc.array(pieces, { maxLength: 30 }).map((parts) => parts.join(''));

describe('indexPairs', () => {
  it('gives what pairsText gives, for any texts', () => {
    fc.assert(
      fc.property(fc.array(text, { maxLength: 3 }), (texts) => {
        expect(indexPairs(texts)).toBe(pairsText(texts));
      }),
      { numRuns: 2000 },
    );
  });

  it('pairs neighbouring common words, folded, and breaks after each run and between texts', () => {
    const pair = (a: string, b: string) => `${PAIR_MARK}${a}${PAIR_JOIN}${b}`;
    const texts = ['The Kalashnikov said that the talks of THE zebra', 'Reuters: of the', 'one'];
    const expected = [
      pair('said', 'that'),
      pair('that', 'the'),
      PAIR_BREAK,
      pair('of', 'the'),
      PAIR_BREAK,
      pair('of', 'the'),
    ].join(' ');
    expect(indexPairs(texts)).toBe(expected);
    expect(pairsText(texts)).toBe(expected);
    expect(pairsText(['Según el fiscal, de la Kalashnikov; của và'])).toBe(
      [pair('segun', 'el'), PAIR_BREAK, pair('de', 'la'), PAIR_BREAK, pair('cua', 'va')].join(' '),
    );
    expect(indexPairs(['one', ''])).toBe('');
  });
});
