// The index's word pairs are computed on a fast path for ASCII text; a search builds its queries with
// pairsText (shared/search-query.ts). If the two ever disagreed, a phrase would stop finding what it should.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { indexPairs } from '../../../../electron/db/search-functions';
import { pairsText } from '../../../../shared/search-query';

// Words, numbers, punctuation and spacing, in ASCII and beyond it (accents, ligatures, other scripts, emoji).
const pieces = fc.constantFrom(
  'Minister',
  'said',
  'THE',
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

  it('pairs neighbouring words, folded, and breaks between texts', () => {
    expect(indexPairs(['The Minister said', 'Reuters report.html'])).toBe(
      pairsText(['The Minister said', 'Reuters report.html']),
    );
    expect(indexPairs(['one', ''])).toBe('');
  });
});
