// The BibTeX, BibLaTeX and RIS writers, read back by parsers we did not write: @retorquere/bibtex-parser
// (the parser behind Better BibTeX's imports) and astrocite-ris (RIS → CSL-JSON). An export is only as good
// as what another program makes of it, so every field is compared after that round trip, on items modelled
// on the five corpus articles (tests/fixtures/corpus/expected.json) and on fields built to break a writer.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parse as parseBib, type Creator, type Entry } from '@retorquere/bibtex-parser';
import { parse as parseRis } from 'astrocite-ris';
import type { CslItem, CslName } from '../../../../shared/csl';
import { citationKeys, foldToKey, titleWord } from '../../../../shared/citation-keys';
import { toBibTeX } from '../../../../electron/citations/bibtex';
import { toRIS } from '../../../../electron/citations/ris';

const ACCESSED = { 'date-parts': [[2026, 11, 27]] as [[number, number, number]] };
const HOSTILE_TITLE = '50% & more_{braces} #1 ~ ^ \\ "quoted"';
const HOSTILE_URL = 'https://example.org/news/path%20with_under_score/item?q=a_b&x=1#frag_2';

/** The five corpus articles as an importer would describe them, and hostile items around them. */
const ITEMS: CslItem[] = [
  {
    id: 'doc-thanhnien',
    type: 'article-newspaper',
    title: "Russia signs multiple agreements with Venezuela, pledges 'most sophisticated weapons'",
    'container-title': 'Báo Thanh niên',
    issued: { 'date-parts': [[2024, 11, 8]] },
    accessed: ACCESSED,
    URL: 'https://thanhnien.vn/nga-ky-nhieu-thoa-thuan-voi-venezuela-ra-cam-ket-ve-vu-khi-tinh-vi-nhat-185241108100223842.htm',
    language: 'en',
  },
  {
    id: 'doc-foxnews',
    type: 'article-newspaper',
    title: 'Venezuelan Vice President meets Russia’s “good friend” Lavrov',
    'container-title': 'Fox News',
    accessed: ACCESSED,
    language: 'en',
  },
  {
    // No title in the text: the note names the file.
    id: 'doc-albaciudad',
    type: 'article-newspaper',
    'container-title': 'albaciudad',
    issued: { 'date-parts': [[2022, 2, 16]] },
    accessed: ACCESSED,
    language: 'nl',
    note: 'albaciudad-borisov-nl.txt',
  },
  {
    // Published "--12-16": a month and day without a year is no date at all.
    id: 'doc-tass',
    type: 'article-newspaper',
    title: 'Trust between Venezuela, Russia key element in development of bilateral relations',
    'container-title': 'TASS',
    accessed: ACCESSED,
    language: 'en',
  },
  {
    id: 'doc-maduro',
    type: 'document',
    title: 'MAJOR: Maduro announces arrival of Russian military experts in Venezuela',
    accessed: ACCESSED,
    language: 'en',
  },
  {
    id: 'hostile-web',
    type: 'webpage',
    title: HOSTILE_TITLE,
    author: [{ literal: 'Reuters' }, { family: 'Maduro', given: 'Nicolás' }],
    'container-title': 'Reuters & Co_ #1',
    issued: { 'date-parts': [[1996]], circa: true },
    accessed: ACCESSED,
    URL: HOSTILE_URL,
    language: 'pt-BR',
  },
  {
    id: 'blog',
    type: 'post-weblog',
    title: 'Het einde van de {ongebalanceerde accolade',
    author: [{ family: 'Gogh', given: 'Vincent', 'non-dropping-particle': 'van' }],
    'container-title': 'Caracas Chronicles',
    issued: { 'date-parts': [[2019, 3, 7]] },
    accessed: ACCESSED,
    URL: 'https://www.caracaschronicles.com/2019/03/07/blackout/',
    language: 'nl',
  },
  {
    id: 'report',
    type: 'report',
    title: 'Russia’s Return to Latin America',
    author: [
      { family: 'Ellis', given: 'R. Evan' },
      { literal: 'Center for Strategic and International Studies' },
    ],
    publisher: 'CSIS',
    issued: { 'date-parts': [[2022, 2]] },
    accessed: ACCESSED,
    URL: 'https://www.csis.org/analysis/russias-return',
    language: 'en-GB',
  },
  {
    id: 'journal',
    type: 'article-journal',
    title: 'Đảng và Nhà nước: the iPhone, NATO and AT&T',
    author: [
      { family: 'Nguyễn', given: 'Văn An' },
      { family: 'Tom and Jerry', given: 'Ltd' },
      { family: 'Bin Salman' },
    ],
    'container-title': 'Journal of Latin American Studies',
    issued: { 'date-parts': [[2006, 7, 1]] },
    page: '12-13',
    language: 'vi',
  },
  {
    id: 'magazine',
    type: 'article-magazine',
    title: 'El oso y el cóndor',
    author: [{ family: 'Pérez', given: 'María' }],
    'container-title': 'Semana',
    issued: { 'date-parts': [[2018, 12]] },
    language: 'es',
  },
];

/** Every permutation-independent view of a key map: id → key. */
const keysOf = (items: readonly CslItem[]): Record<string, string> => Object.fromEntries(citationKeys(items));

/** A deterministic shuffle (mulberry32), so a failure can be replayed. */
function shuffled<T>(values: readonly T[], seed: number): T[] {
  let s = seed >>> 0;
  const random = (): number => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = [...values];
  for (let i = out.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

const stripTags = (value: string): string => value.replace(/<[^>]*>/g, '');

describe('citationKeys', () => {
  it('names the author (or the outlet), the year and the first significant title word', () => {
    expect(keysOf(ITEMS)).toEqual({
      'doc-thanhnien': 'baothanhnien2024russia',
      'doc-foxnews': 'foxnewsvenezuelan',
      'doc-albaciudad': 'albaciudad2022',
      'doc-tass': 'tasstrust',
      'doc-maduro': 'anonmajor',
      'hostile-web': 'reuters199650',
      blog: 'vangogh2019einde',
      report: 'ellis2022russia',
      journal: 'nguyen2006dang',
      magazine: 'perez2018oso',
    });
  });

  it('folds to ASCII and skips stop words in the corpus languages', () => {
    expect(foldToKey('Báo Thanh niên')).toBe('baothanhnien');
    expect(foldToKey('Đảng')).toBe('dang');
    expect(foldToKey('Øresund Ærø Straße')).toBe('oresundaerostrasse');
    expect(foldToKey('Рогозин')).toBe('rogozin');
    expect(titleWord('The end')).toBe('end');
    expect(titleWord('De la Cruz y los otros')).toBe('cruz');
    expect(titleWord("L'économie de la guerre")).toBe('economie');
    expect(titleWord('Het einde')).toBe('einde');
    expect(titleWord('Die Welt')).toBe('welt');
    expect(titleWord('“¿Qué?” — !!')).toBe('que');
    expect(titleWord('')).toBe('');
  });

  it('gives duplicates a, b, c... in an order that does not depend on the input order', () => {
    const twins: CslItem[] = ['z', 'y', 'x'].map((id, n) => ({
      id,
      type: 'article-newspaper',
      title: `Russia and Venezuela, part ${String(3 - n)}`,
      'container-title': 'TASS',
      issued: { 'date-parts': [[2024, 1, 1]] },
    }));
    const expected = { x: 'tass2024russiaa', y: 'tass2024russiab', z: 'tass2024russiac' };
    for (let seed = 1; seed <= 20; seed += 1) {
      expect(keysOf(shuffled([...ITEMS, ...twins], seed))).toMatchObject(expected);
    }
    // Identical inputs fall back on the id.
    const clones: CslItem[] = ['b', 'a'].map((id) => ({ id, type: 'document', title: 'Same' }));
    expect(keysOf(clones)).toEqual({ a: 'anonsamea', b: 'anonsameb' });
  });

  it('keeps an own citation key when unique, and suffixes it when shared', () => {
    const own: CslItem[] = [
      { id: '1', type: 'document', 'citation-key': 'maduro:2019', title: 'One' },
      { id: '2', type: 'document', 'citation-key': 'shared key', title: 'Two' },
      { id: '3', type: 'document', 'citation-key': 'sharedkey', title: 'Three' },
      { id: '4', type: 'document', 'citation-key': '{}%#', title: 'Four' },
      // A suffix never takes a key another item has.
      { id: '5', type: 'document', 'citation-key': 'anonsamea', title: 'Five' },
      { id: '6', type: 'document', title: 'Same' },
      { id: '7', type: 'document', title: 'Same' },
    ];
    expect(keysOf(own)).toEqual({
      '1': 'maduro:2019',
      '2': 'sharedkeya',
      '3': 'sharedkeyb',
      '4': 'anonfour',
      '5': 'anonsamea',
      '6': 'anonsameb',
      '7': 'anonsamec',
    });
  });

  it('makes unique, non-empty keys BibTeX accepts, stable under reordering', () => {
    const reference = keysOf(ITEMS);
    for (let seed = 1; seed <= 10; seed += 1) expect(keysOf(shuffled(ITEMS, seed))).toEqual(reference);
    const keys = Object.values(reference);
    expect(new Set(keys).size).toBe(ITEMS.length);
    for (const key of keys) expect(key).toMatch(/^[A-Za-z0-9_:.\-+/]+$/);
  });
});

/** What the bibtex parser should make of an author list. */
function expectedCreators(names: readonly CslName[] | undefined): Creator[] | undefined {
  if (!names?.length) return undefined;
  return names.map((name) => {
    if ('literal' in name) return { name: name.literal };
    if (!name.given) return { name: name.family };
    const creator: Creator = { lastName: name.family, firstName: name.given };
    if (name['non-dropping-particle']) creator.prefix = name['non-dropping-particle'];
    return creator;
  });
}

/** The entries of a .bib text, split where each entry starts. */
const rawEntries = (bib: string): string[] => bib.split(/\n(?=@)/).filter((part) => part.startsWith('@'));

/** BibTeX counts every brace, escaped or not: depth never below zero, back to zero at the end. */
function bracesBalanced(text: string): boolean {
  let depth = 0;
  for (const ch of text) {
    if (ch === '{') depth += 1;
    else if (ch === '}' && --depth < 0) return false;
  }
  return depth === 0;
}

function parsedBib(bib: string): { entries: Entry[]; raw: Entry[] } {
  // Sentence casing off: the parser would otherwise recase English titles for Zotero.
  const library = parseBib(bib, { sentenceCase: false });
  expect(library.errors).toEqual([]);
  return { entries: library.entries, raw: parseBib(bib, { raw: true }).entries };
}

const isoOf = (parts: readonly number[]): string =>
  parts.map((p, i) => (i === 0 ? String(p) : String(p).padStart(2, '0'))).join('-');

describe('toBibTeX (biblatex)', () => {
  const bib = toBibTeX(ITEMS, 'biblatex');
  const keys = citationKeys(ITEMS);

  it('is UTF-8 with a header, one entry per item in order, braces balanced', () => {
    expect(bib.startsWith('% Encoding: UTF-8\n\n@')).toBe(true);
    expect(bib.endsWith('}\n')).toBe(true);
    expect(bib).not.toMatch(/\n\n\n/);
    const raw = rawEntries(bib);
    expect(raw).toHaveLength(ITEMS.length);
    for (const entry of raw) expect(bracesBalanced(entry)).toBe(true);
    expect(toBibTeX(ITEMS, 'biblatex')).toBe(bib);
    expect(toBibTeX([], 'biblatex')).toBe('% Encoding: UTF-8\n');
  });

  it('reads back field by field', () => {
    const { entries, raw } = parsedBib(bib);
    expect(entries.map((e) => e.key)).toEqual(ITEMS.map((item) => keys.get(item.id)));
    const types = { news: 'article', web: 'online', doc: 'misc', report: 'report' };
    expect(entries.map((e) => e.type)).toEqual([
      ...Array<string>(4).fill(types.news),
      types.doc,
      types.web,
      types.web,
      types.report,
      'article',
      'article',
    ]);
    ITEMS.forEach((item, i) => {
      const fields = entries[i]!.fields;
      const rawFields = raw[i]!.fields;
      expect(fields.title === undefined ? undefined : stripTags(fields.title)).toBe(item.title);
      expect(fields.author).toEqual(expectedCreators(item.author));
      const parts = item.issued?.['date-parts'][0];
      // The parser reads "~" as TeX's tie; unparsed, the date is biblatex's EDTF: 1996~ for circa 1996.
      expect(rawFields.date).toBe(parts ? `${isoOf(parts)}${item.issued?.circa ? '~' : ''}` : undefined);
      expect(fields.url).toBe(item.URL);
      expect(fields.urldate).toBe(item.accessed ? '2026-11-27' : undefined);
      expect(fields.note).toBe(item.note);
      const container = item['container-title'];
      if (item.type.startsWith('article-')) expect(fields.journaltitle).toBe(container);
      if (item.type === 'webpage' || item.type === 'post-weblog') {
        expect(fields.organization).toEqual(container ? [container] : undefined);
      }
    });
    const byId = (id: string): Entry['fields'] => entries[ITEMS.findIndex((item) => item.id === id)]!.fields;
    expect(byId('doc-thanhnien').entrysubtype).toBe('newspaper');
    expect(byId('magazine').entrysubtype).toBe('magazine');
    expect(byId('journal').entrysubtype).toBeUndefined();
    expect(byId('doc-thanhnien').langid).toBe('english');
    expect(byId('doc-albaciudad').langid).toBe('dutch');
    expect(byId('hostile-web').langid).toBe('brazilian');
    expect(byId('report').langid).toBe('british');
    expect(byId('journal').langid).toBe('vietnamese');
    expect(byId('magazine').langid).toBe('spanish');
    expect(byId('report').institution).toEqual(['CSIS']);
    expect(byId('report').type).toBe('Report');
    expect(byId('journal').pages).toBe('12–13');
  });

  it('escapes what TeX would act on, and protects the title case whole', () => {
    const entry = rawEntries(bib).find((e) => e.includes('{reuters199650,'))!;
    expect(entry).toContain(
      'title = {{50\\% \\& more\\_\\{braces\\} \\#1 \\textasciitilde{} \\textasciicircum{} \\textbackslash{} "quoted"}}',
    );
    expect(entry).toContain('author = {{Reuters} and Maduro, Nicolás}');
    expect(entry).toContain('organization = {Reuters \\& Co\\_ \\#1}');
    expect(entry).toContain(`url = {${HOSTILE_URL}}`);
    // A lone brace cannot be \{ (BibTeX would count it): it is spelled out.
    expect(bib).toContain('title = {{Het einde van de \\textbraceleft{}ongebalanceerde accolade}}');
    expect(bib).toContain('author = {van Gogh, Vincent}');
    expect(bib).toContain('author = {Nguyễn, Văn An and {Tom and Jerry}, Ltd and {Bin Salman}}');
  });

  it('percent-encodes what would break a URL field, and nothing else', () => {
    const item: CslItem = {
      id: 'u',
      type: 'webpage',
      title: 'U',
      URL: 'https://x.org/a b/{c}\\d?e=100%&f=^|"#g',
    };
    const out = toBibTeX([item], 'biblatex');
    expect(out).toContain('url = {https://x.org/a%20b/%7Bc%7D%5Cd?e=100%25&f=%5E%7C%22#g}');
    expect(rawEntries(out).every(bracesBalanced)).toBe(true);
    expect(parsedBib(out).entries[0]!.fields.url).toBe(
      'https://x.org/a%20b/%7Bc%7D%5Cd?e=100%25&f=%5E%7C%22#g',
    );
  });

  it('round-trips any title through the parser', () => {
    // < and > are left out only because the parser's answer is HTML-ish (tags are stripped before comparing).
    const chars = [...'abcXYZ éĐø 0123456789#$%&_{}~^\\"|.,:;!?\'`-–'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...chars), { minLength: 1, maxLength: 40 }), (letters) => {
        const title = letters.join('');
        const expected = title.replace(/\s+/g, ' ').trim();
        if (expected === '') return;
        const out = toBibTeX(
          [{ id: 't', type: 'document', title, author: [{ literal: title }] }],
          'biblatex',
        );
        expect(rawEntries(out).every(bracesBalanced)).toBe(true);
        const { entries } = parsedBib(out);
        expect(stripTags(entries[0]!.fields.title ?? '')).toBe(expected);
        expect(entries[0]!.fields.author).toEqual([{ name: expected }]);
      }),
      { numRuns: 500 },
    );
  });
});

describe('toBibTeX (classic BibTeX)', () => {
  const bib = toBibTeX(ITEMS, 'bibtex');

  it('reads back field by field', () => {
    const { entries } = parsedBib(bib);
    for (const entry of rawEntries(bib)) expect(bracesBalanced(entry)).toBe(true);
    expect(entries.map((e) => e.type)).toEqual([
      'article',
      'article',
      'article',
      'article',
      'misc',
      'misc',
      'misc',
      'techreport',
      'article',
      'article',
    ]);
    ITEMS.forEach((item, i) => {
      const fields = entries[i]!.fields;
      expect(fields.title === undefined ? undefined : stripTags(fields.title)).toBe(item.title);
      expect(fields.author).toEqual(expectedCreators(item.author));
      const parts = item.issued?.['date-parts'][0];
      expect(fields.year).toBe(parts ? String(parts[0]) : undefined);
      expect(fields.month).toBe(parts?.[1] === undefined ? undefined : String(parts[1]));
      expect(fields.day).toBeUndefined();
      expect(fields.date).toBeUndefined();
      if (item.type.startsWith('article-')) expect(fields.journal).toBe(item['container-title']);
      if (item.type === 'article-newspaper' || item.type === 'report') expect(fields.url).toBe(item.URL);
    });
    const byId = (id: string): Entry['fields'] => entries[ITEMS.findIndex((item) => item.id === id)]!.fields;
    // The month is BibTeX's macro, unbraced.
    expect(bib).toContain('month = nov,');
    // \url{} in howpublished: the parser keeps its argument verbatim, so our \% comes back as written.
    expect(stripTags(byId('hostile-web').howpublished!)).toBe(HOSTILE_URL.replace(/%/g, '\\%'));
    expect(byId('hostile-web').note).toBe('Reuters & Co_ #1. Date approximate. Accessed 2026-11-27');
    expect(stripTags(byId('blog').howpublished!)).toBe(
      'https://www.caracaschronicles.com/2019/03/07/blackout/',
    );
    expect(byId('blog').note).toBe('Caracas Chronicles. Accessed 2026-11-27');
    expect(byId('doc-maduro').note).toBeUndefined();
    expect(byId('doc-albaciudad').note).toBe('albaciudad-borisov-nl.txt');
    expect(byId('doc-thanhnien').note).toBe('Accessed 2026-11-27');
    expect(byId('report').institution).toEqual(['CSIS']);
    const anonymousReport = parsedBib(toBibTeX([{ id: 'r', type: 'report', title: 'R' }], 'bibtex'));
    expect(anonymousReport.entries[0]!.fields.institution).toEqual(['Unknown']);
    expect(byId('journal').pages).toBe('12–13');
  });
});

describe('toRIS', () => {
  const ris = toRIS(ITEMS);
  const keys = citationKeys(ITEMS);

  it('uses CRLF only, tags in "XX  - value" form, and closes every record with ER', () => {
    expect(ris).not.toMatch(/[^\r]\n/);
    expect(ris).not.toMatch(/\r(?!\n)/);
    const lines = ris.split('\r\n');
    expect(lines.pop()).toBe('');
    for (const line of lines) expect(line).toMatch(/^$|^[A-Z][A-Z0-9] {2}- (\S.*)?$/);
    const records = ris.split('\r\n\r\n');
    expect(records).toHaveLength(ITEMS.length);
    for (const record of records) {
      expect(record.startsWith('TY  - ')).toBe(true);
      expect(record.endsWith('ER  - \r\n') || record.endsWith('ER  - ')).toBe(true);
    }
    expect(ris.match(/^ER {2}- $/gm)).toHaveLength(ITEMS.length);
  });

  it('reads back field by field', () => {
    const parsed = parseRis(ris);
    expect(parsed).toHaveLength(ITEMS.length);
    ITEMS.forEach((item, i) => {
      const back = parsed[i]!;
      // astrocite reads GEN (generic) as 'article'; every other type comes back as it went out.
      expect(back.type).toBe(item.type === 'document' ? 'article' : item.type);
      expect(back.id).toBe(keys.get(item.id));
      expect(back.title).toBe(item.title);
      expect(back['container-title']).toBe(item['container-title']);
      expect(back.URL).toBe(item.URL);
      expect(back.language).toBe(item.language);
      expect(back.note).toBe(item.note);
      // RIS has no literal names: an organisation is written as it is, without a comma (as Zotero does);
      // astrocite reads a one-word one as a family name and guesses at longer ones, as it does at family names
      // of several words ("Tom and" becomes a particle): those are checked as text below.
      const authors = item.author?.map((name) =>
        'literal' in name
          ? /\s/.test(name.literal)
            ? expect.anything()
            : { family: name.literal }
          : name.given && !/\s/.test(name.family)
            ? {
                family: [name['non-dropping-particle'], name.family].filter(Boolean).join(' '),
                given: name.given,
              }
            : expect.anything(),
      );
      expect(back.author).toEqual(authors);
      const parts = item.issued?.['date-parts'][0];
      const date = parts
        ? [
            String(parts[0]),
            ...[parts[1], parts[2]].map((p) => (p === undefined ? '' : String(p).padStart(2, '0'))),
          ]
        : undefined;
      // A year alone is PY only, which the parser reads as the year with nothing after it.
      const yearOnly = parts?.length === 1 && !item.issued?.circa;
      expect(back.issued?.['date-parts'][0]).toEqual(yearOnly ? [String(parts![0])] : date);
      expect(back.accessed?.['date-parts'][0]).toEqual(item.accessed ? ['2026', '11', '27'] : undefined);
    });
    const journal = parsed[ITEMS.findIndex((item) => item.id === 'journal')]!;
    expect(journal.page).toBe('12-13');
    expect(ris).toContain('AU  - Center for Strategic and International Studies\r\n');
    expect(ris).toContain('AU  - van Gogh, Vincent\r\n');
    expect(ris).toContain('AU  - Tom and Jerry, Ltd\r\nAU  - Bin Salman\r\n');
    expect(ris).toContain('JO  - Journal of Latin American Studies\r\n');
    expect(ris).toContain('DA  - 2024/11/08/\r\n');
    expect(ris).toContain('DA  - 2022/02//\r\n');
    expect(ris).toContain('DA  - 1996///circa\r\n');
    expect(ris).toContain('TY  - BLOG\r\n');
  });

  it('keeps every value on one line', () => {
    const out = toRIS([
      { id: 'n', type: 'document', title: 'Line one\nline two\r\nthree\u2028four', note: 'a\tb' },
    ]);
    expect(out).toContain('TI  - Line one line two three four\r\n');
    expect(out).toContain('N1  - a b\r\n');
    expect(out.split('\r\n')).toHaveLength(6);
  });
});
