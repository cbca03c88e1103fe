// Folding for search has a fast path for ASCII text (most of what is indexed). Both spellings of a text, the
// fast and the full, must agree: the index and the queries fold alike, or searches miss what they should find.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldForSearch, searchWords } from '../../../shared/annotations';
import { plainSpelling } from '../../../electron/db/search-functions';

/** The folding as it is defined: decompose, drop marks, lower-case (root locale), spell the rest plainly. */
function foldReference(value: string): string {
  return value
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLocaleLowerCase('und')
    .replace(/[đð]/g, 'd')
    .replace(/ø/g, 'o')
    .replace(/ł/g, 'l')
    .replace(/ß/g, 'ss')
    .replace(/æ/g, 'ae')
    .replace(/œ/g, 'oe')
    .replace(/ı/g, 'i')
    .replace(/þ/g, 'th');
}

const runs = Number(process.env.DOSSIER_PROPERTY_RUNS ?? 200);
const letters = fc.constantFrom(
  ...'aZ09 -.,;\'"\tİIıiŞşĞğÇçÖöÜüẞßĐđÐðØøŁłÆæŒœÞþﬁ²ÅåÑñéÉèÊ한국어中文Ελληνικάкириллица😀\u0301\u0308'.split(
    '',
  ),
);

describe('foldForSearch', () => {
  it('folds ASCII and every other text as the full definition does', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.string({ unit: letters })),
        (text) => {
          expect(foldForSearch(text)).toBe(foldReference(text));
        },
      ),
      { numRuns: runs * 5 },
    );
  });

  it('finds "Nicolás", "Báo" and "Łódź" by their plain spellings', () => {
    expect(searchWords('Nicolás met BÁO Thanh Niên in Łódź')).toEqual([
      'nicolas',
      'met',
      'bao',
      'thanh',
      'nien',
      'in',
      'lodz',
    ]);
    expect(foldForSearch('THE HARBOUR INQUIRY')).toBe('the harbour inquiry');
  });
});

describe('plainSpelling', () => {
  it('has nothing to add for ASCII, and spells other letters plainly', () => {
    expect(plainSpelling('The harbour inquiry, 4 May 2022.')).toBe('');
    expect(plainSpelling('Đảng')).toBe('Dảng');
    expect(plainSpelling('ﬁle')).toBe('file');
    fc.assert(
      fc.property(
        fc.string({ unit: fc.integer({ min: 0, max: 0x7f }).map((c) => String.fromCharCode(c)) }),
        (text) => {
          expect(plainSpelling(text)).toBe('');
        },
      ),
      { numRuns: runs },
    );
  });
});
