// Facets (shared/search-facets.ts): a date range read through tokens must find exactly the dates that share a
// day with it, at every precision; outlet: and lang: filters hold by the same rule in the index and in lists.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { civilDate, dayNumber, daySpan } from '../../../shared/date-spans';
import {
  dateFacets,
  dateRangeTokens,
  languageFacets,
  languageFilterToken,
  MAX_DATE_TOKENS,
  outletMatches,
} from '../../../shared/search-facets';

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** A partial date as the app stores them: a year, a month or a day, perhaps circa. */
const partialDate = fc
  .record({
    year: fc.integer({ min: 2010, max: 2026 }),
    month: fc.integer({ min: 1, max: 12 }),
    day: fc.integer({ min: 1, max: 31 }),
    precision: fc.constantFrom('year', 'month', 'day'),
    circa: fc.boolean(),
  })
  .map(({ year, month, day, precision, circa }) => {
    const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
    const value =
      precision === 'year'
        ? `${year}`
        : precision === 'month'
          ? `${year}-${pad(month)}`
          : `${year}-${pad(month)}-${pad(Math.min(day, last))}`;
    return circa ? `~${value}` : value;
  });

const day = fc.integer({ min: dayNumber(2009, 1, 1), max: dayNumber(2027, 12, 31) });

describe('date facets', () => {
  it('civilDate undoes dayNumber', () => {
    fc.assert(
      fc.property(fc.integer({ min: dayNumber(1, 1, 1), max: dayNumber(9999, 12, 31) }), (n) => {
        const { year, month, day } = civilDate(n);
        expect(dayNumber(year, month, day)).toBe(n);
      }),
    );
    expect(civilDate(dayNumber(2024, 2, 29))).toEqual({ year: 2024, month: 2, day: 29 });
  });

  it('a range finds through its tokens exactly the dates that share a day with it', () => {
    fc.assert(
      fc.property(partialDate, day, fc.integer({ min: 0, max: 800 }), (date, from, length) => {
        const to = from + length;
        const tokens = dateRangeTokens(from, to);
        fc.pre(tokens !== null);
        const span = daySpan(date.replace(/^~/, ''))!;
        const overlaps = span.first <= to && span.last >= from;
        const found = dateFacets(date).some((t) => tokens!.includes(t));
        expect(found).toBe(overlaps);
      }),
      { numRuns: 3000 },
    );
  });

  it('cuts a range into whole years, whole months and days, and gives up on very long ones', () => {
    const tokens = dateRangeTokens(dayNumber(2019, 3, 30), dayNumber(2021, 2, 2))!;
    // 30–31 March, April–December 2019, 2020, January 2021, 1–2 February; the partial years and months.
    expect(tokens).toHaveLength(2 + 9 + 1 + 1 + 2 + 2 + 2);
    expect(dateRangeTokens(dayNumber(1900, 1, 1), dayNumber(2100, 12, 31))).toBeNull();
    expect(dateRangeTokens(dayNumber(2000, 1, 1), dayNumber(2040, 12, 31))!.length).toBeLessThanOrEqual(
      MAX_DATE_TOKENS,
    );
    // A day before the start: an empty range, no token.
    expect(dateRangeTokens(dayNumber(2020, 1, 2), dayNumber(2020, 1, 1))).toEqual([]);
  });

  it('gives no token to a date without a year', () => {
    expect(dateFacets('--12-16')).toEqual([]);
    expect(dateFacets(null)).toEqual([]);
    expect(dateFacets('soon')).toEqual([]);
  });
});

describe('outlet and language facets', () => {
  it('an outlet: filter is words of the name, side by side, the last one begun', () => {
    expect(outletMatches('tass', 'TASS')).toBe(true);
    expect(outletMatches('thanh nien', 'Báo Thanh niên')).toBe(true);
    expect(outletMatches('der spie', 'Der Spiegel')).toBe(true);
    expect(outletMatches('spiegel der', 'Der Spiegel')).toBe(false);
    expect(outletMatches('ultimas', 'Últimas Noticias')).toBe(true);
    expect(outletMatches('ass', 'TASS')).toBe(false);
    expect(outletMatches('', 'TASS')).toBe(false);
  });

  it('lang: "nl" finds nl and nl-BE; "nl-be" only nl-BE', () => {
    expect(languageFacets('nl-BE')).toContain(languageFilterToken('nl'));
    expect(languageFacets('nl-BE')).toContain(languageFilterToken('nl-be'));
    expect(languageFacets('nl')).not.toContain(languageFilterToken('nl-be'));
    expect(languageFacets('nld')).not.toContain(languageFilterToken('nl'));
    expect(languageFacets(null)).toEqual([]);
  });
});
