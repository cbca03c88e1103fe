// A bibliography formatted in shares (electron/citations/partition.ts, in worker threads through
// bibliography.ts) must be byte for byte the one a single citeproc engine gives over all the references:
// same entries, same "2024a"/"2024b", same added initials, same order. References are generated to collide
// (shared family names that differ only by accents, case or particles, same years, titles equal to names or
// outlets, et-al lists that differ after the first author, missing authors and dates, several scripts).
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { formatBibliography, closeCitationWorkers } from '../../../../electron/citations/bibliography';
import {
  BUNDLED_STYLES,
  bundledStyleXml,
  createCiter,
  formatShare,
  type CitationFormat,
} from '../../../../electron/citations/engine';
import { mergeShares, partitionBlocker, splitIntoShares } from '../../../../electron/citations/partition';
import { CitationPool } from '../../../../electron/citations/pool';
import type { CslItem } from '../../../../shared/csl';

const NAMES = [
  { family: 'Smith', given: 'John' },
  { family: 'Smith', given: 'Jane' },
  { family: 'Smith', given: 'J.' },
  { family: 'smith', given: 'John' },
  { family: 'Müller', given: 'Anna' },
  { family: 'Muller', given: 'Anna' },
  { family: "O'Brien", given: 'Pat' },
  { family: 'OBrien', given: 'Pat' },
  { family: 'de Vries', given: 'Pieter' },
  { family: 'Vries', given: 'Pieter', 'non-dropping-particle': 'de' },
  { family: 'Nguyễn', given: 'Thị Lan' },
  { family: 'Иванова', given: 'Ольга' },
  { family: '王', given: '小明' },
  { family: 'Haddad' },
  { literal: 'Reuters' },
  { literal: 'World Health Organization' },
];
const TITLES = [
  'Smith',
  'Reuters',
  'Floods hit the delta',
  'Floods hit the delta',
  'Выборы',
  'Talks',
  'The talks',
];
const OUTLETS = ['Reuters', 'The Times', 'Harbour News', 'Smith'];
const TYPES = ['article-newspaper', 'webpage', 'report', 'article-journal'] as const;

const reference = fc.record(
  {
    type: fc.constantFrom(...TYPES),
    author: fc.array(fc.constantFrom(...NAMES), { maxLength: 5 }),
    title: fc.constantFrom(...TITLES),
    'container-title': fc.constantFrom(...OUTLETS),
    year: fc.constantFrom(2019, 2020, 2020, 2021),
    month: fc.integer({ min: 1, max: 12 }),
  },
  { requiredKeys: ['type', 'author'] },
);

type Generated = typeof reference extends fc.Arbitrary<infer T> ? T : never;

function toItems(records: Generated[]): CslItem[] {
  return records.map((r, i) => ({
    id: `r${i}`,
    type: r.type,
    ...(r.author.length > 0 ? { author: r.author.map((name) => ({ ...name })) } : {}),
    ...(r.title !== undefined ? { title: r.title } : {}),
    ...(r['container-title'] !== undefined ? { 'container-title': r['container-title'] } : {}),
    ...(r.year !== undefined
      ? { issued: { 'date-parts': [r.month !== undefined ? [r.year, r.month] : [r.year]] } }
      : {}),
  }));
}

const references = fc.array(reference, { minLength: 120, maxLength: 240 }).map(toItems);

/** The merged shares, or null when mergeShares found that they interact (the caller formats whole). */
function partitioned(style: string, items: CslItem[], format: CitationFormat, count = 2): string[] | null {
  const order = new Map(items.map((item, i) => [item.id, i]));
  const shares = splitIntoShares(items, count).map((share) => formatShare({ style, items: share }, format));
  return mergeShares(shares, order);
}

const single = (style: string, items: CslItem[], format: CitationFormat) =>
  createCiter({ style, items }).bibliography(format);

afterAll(() => closeCitationWorkers());

describe('a bibliography in shares equals one engine over every reference', () => {
  for (const { id } of BUNDLED_STYLES) {
    it(`${id}: the merged shares, or the check that sends them back whole`, { timeout: 300_000 }, () => {
      const style = bundledStyleXml(id);
      let merged = 0;
      fc.assert(
        fc.property(references, (items) => {
          const whole = single(style, items, 'text');
          const parts = partitioned(style, items, 'text');
          if (parts === null) return;
          merged += 1;
          expect(parts).toEqual(whole);
        }),
        { seed: 20261127, numRuns: 2 },
      );
      // The check must not simply refuse everything: these references split safely most of the time.
      expect(merged).toBeGreaterThan(0);
    });
  }

  it('APA in HTML, split three ways', { timeout: 300_000 }, () => {
    const style = bundledStyleXml('apa');
    fc.assert(
      fc.property(references, (items) => {
        const parts = partitioned(style, items, 'html', 3);
        if (parts !== null) expect(parts).toEqual(single(style, items, 'html'));
      }),
      { seed: 7, numRuns: 2 },
    );
  });
});

describe('what cannot be split', () => {
  const smith2020 = (id: string, given: string, title: string): CslItem => ({
    id,
    type: 'article-newspaper',
    title,
    author: [{ family: 'Smith', given }],
    issued: { 'date-parts': [[2020]] },
  });

  it('refuses shares that hold look-alike citations, which need "2020a" and "2020b" together', () => {
    const style = bundledStyleXml('apa');
    const a = smith2020('a', 'John', 'Floods');
    const b = smith2020('b', 'John', 'Talks');
    const order = new Map([
      ['a', 0],
      ['b', 1],
    ]);
    const apart = [formatShare({ style, items: [a] }, 'text'), formatShare({ style, items: [b] }, 'text')];
    expect(mergeShares(apart, order)).toBeNull();
    expect(single(style, [a, b], 'text')).toEqual([
      'Smith, J. (2020a). Floods.',
      'Smith, J. (2020b). Talks.',
    ]);
  });

  it('refuses shares in which two first authors share a family name (APA adds their initials)', () => {
    const style = bundledStyleXml('apa');
    const john = smith2020('a', 'John', 'Floods');
    const jane: CslItem = { ...smith2020('b', 'Jane', 'Talks'), issued: { 'date-parts': [[2021]] } };
    const order = new Map([
      ['a', 0],
      ['b', 1],
    ]);
    const apart = [
      formatShare({ style, items: [john] }, 'text'),
      formatShare({ style, items: [jane] }, 'text'),
    ];
    // Their citations differ (2020, 2021), but citeproc's name register counts both Smiths.
    expect(mergeShares(apart, order)).toBeNull();
  });

  it('names the bundled styles formatted whole, and why', () => {
    const blocked = BUNDLED_STYLES.filter((s) => partitionBlocker(bundledStyleXml(s.id)) !== null).map(
      (s) => s.id,
    );
    expect(blocked).toEqual([
      'chicago-author-date',
      'chicago-note-bibliography',
      'modern-language-association',
    ]);
    expect(partitionBlocker(bundledStyleXml('modern-language-association'))).toMatch(
      /subsequent-author-substitute/,
    );
  });
});

describe('formatBibliography in worker threads', () => {
  // Just above MIN_ITEMS_TO_SPLIT, so that APA is split over the two workers.
  const items = toItems(
    fc.sample(fc.array(reference, { minLength: 420, maxLength: 420 }), { seed: 3, numRuns: 1 })[0]!,
  );

  it(
    'gives the single engine’s list for a split style and for one formatted whole',
    { timeout: 300_000 },
    async () => {
      const pool = new CitationPool({ workers: 2 });
      try {
        for (const id of ['apa', 'modern-language-association'] as const) {
          const style = bundledStyleXml(id);
          const entries = await formatBibliography({ style, items, format: 'text', pool });
          expect(entries).toEqual(single(style, items, 'text'));
        }
      } finally {
        await pool.close();
      }
    },
  );

  it('refuses two references with one id, as the single engine does', async () => {
    const style = bundledStyleXml('apa');
    await expect(
      formatBibliography({ style, items: [...items, { ...items[0]! }], format: 'text' }),
    ).rejects.toThrow(/Two references have the id "r0"/);
  });
});
