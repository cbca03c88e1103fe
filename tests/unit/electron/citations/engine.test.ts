// The citation engine (electron/citations/engine.ts): what a researcher sees in an exported reference list
// or citation, in each bundled style and locale, and the refusal of style files that are not usable CSL.
import { describe, expect, it } from 'vitest';
import {
  BUNDLED_LOCALES,
  BUNDLED_STYLES,
  MAX_STYLE_BYTES,
  bundledStyleXml,
  createCiter,
  parseStyle,
  resolveLocale,
} from '../../../../electron/citations/engine';
import type { CslItem } from '../../../../shared/csl';
import { DossierError } from '../../../../shared/errors';

const mueller: CslItem = {
  id: 'mueller',
  type: 'article-newspaper',
  title: 'Floods hit the delta',
  'container-title': 'The Guardian',
  author: [{ family: 'Müller', given: 'Jürgen' }],
  issued: { 'date-parts': [[2024, 11, 8]] },
  page: '12-13',
  URL: 'https://example.org/a',
  accessed: { 'date-parts': [[2025, 1, 3]] },
};
const devries: CslItem = {
  id: 'devries',
  type: 'article-newspaper',
  title: 'Elections postponed',
  'container-title': 'NRC Handelsblad',
  author: [{ family: 'Vries', given: 'Anna', 'non-dropping-particle': 'de' }],
  issued: { 'date-parts': [[2022, 2]] },
  page: '3',
};
const anonymous: CslItem = {
  id: 'anonymous',
  type: 'webpage',
  title: 'Ferry service suspended',
  'container-title': 'Harbour News',
  issued: { 'date-parts': [[2021, 6, 30]] },
  URL: 'https://example.org/ferry',
};
const who: CslItem = {
  id: 'who',
  type: 'report',
  title: 'World malaria report',
  author: [{ literal: 'World Health Organization' }],
  publisher: 'WHO',
  issued: { 'date-parts': [[2019]] },
};
const items = [mueller, devries, anonymous, who];

const apa = () => bundledStyleXml('apa');

function refusal(xml: string): string {
  try {
    parseStyle(xml);
  } catch (error) {
    expect(error).toBeInstanceOf(DossierError);
    expect((error as DossierError).code).toBe('invalid_input');
    return (error as DossierError).message;
  }
  throw new Error('the style was accepted');
}

const minimalStyle = (root: string) => `<?xml version="1.0" encoding="utf-8"?>
${root}
  <info><title>Mini &amp; Co &lt;test&gt;</title><id>http://example.org/mini</id></info>
  <citation><layout><text variable="title"/></layout></citation>
  <bibliography><layout><text variable="title"/></layout></bibliography>
</style>`;

describe('APA 7th edition', () => {
  const citer = createCiter({ style: apa(), items });
  const entries = citer.bibliography('text');

  it('dates newspaper articles to the day or the month', () => {
    expect(entries).toContain(
      'Müller, J. (2024, November 8). Floods hit the delta. The Guardian, 12–13. https://example.org/a',
    );
    expect(entries).toContain('de Vries, A. (2022, February). Elections postponed. NRC Handelsblad, 3.');
  });

  it('puts the title first when there is no author, and prints an organisation as it is', () => {
    expect(entries).toContain(
      'Ferry service suspended. (2021, June 30). Harbour News. https://example.org/ferry',
    );
    expect(entries).toContain('World Health Organization. (2019). World malaria report. WHO.');
  });

  it('sorts the list by author, one trimmed string per entry', () => {
    expect(entries.map((entry) => entry.slice(0, 8))).toEqual([
      'de Vries',
      'Ferry se',
      'Müller, ',
      'World He',
    ]);
    for (const entry of entries) expect(entry).toBe(entry.trim());
  });

  it('cites with a page locator, and several items in one cluster', () => {
    expect(citer.styleClass).toBe('in-text');
    expect(citer.cite([{ id: 'mueller', locator: '12', label: 'page' }], 'text')).toBe(
      '(Müller, 2024, p. 12)',
    );
    expect(citer.cite([{ id: 'mueller' }, { id: 'devries' }], 'text')).toBe('(de Vries, 2022; Müller, 2024)');
    expect(citer.cite([{ id: 'who' }], 'text')).toBe('(World Health Organization, 2019)');
  });

  it('formats a selection of items only', () => {
    expect(citer.bibliography('text', ['who', 'devries'])).toEqual([
      'de Vries, A. (2022, February). Elections postponed. NRC Handelsblad, 3.',
      'World Health Organization. (2019). World malaria report. WHO.',
    ]);
    expect(citer.bibliography('text')).toHaveLength(4);
  });

  it('refuses ids it was not given', () => {
    expect(() => citer.cite([{ id: 'nope' }], 'text')).toThrow(/No reference with id "nope"/);
    expect(() => citer.bibliography('text', ['nope'])).toThrow(DossierError);
  });

  it('adds year suffixes when one author has two items from the same year', () => {
    const second: CslItem = {
      ...mueller,
      id: 'mueller2',
      title: 'Dikes hold',
      issued: { 'date-parts': [[2024, 12, 1]] },
    };
    const both = createCiter({ style: apa(), items: [mueller, second] });
    expect(both.cite([{ id: 'mueller' }], 'text')).toBe('(Müller, 2024a)');
    expect(both.cite([{ id: 'mueller2' }], 'text')).toBe('(Müller, 2024b)');
  });
});

describe('output formats', () => {
  const hostile: CslItem = {
    id: 'hostile',
    type: 'article-newspaper',
    title: '<script>alert(1)</script> & co',
    'container-title': 'The Daily',
    issued: { 'date-parts': [[2021]] },
  };

  it('escapes markup from item fields in HTML', () => {
    for (const style of BUNDLED_STYLES) {
      const citer = createCiter({ style: bundledStyleXml(style.id), items: [hostile] });
      const [entry] = citer.bibliography('html');
      expect(entry).toMatch(/^<div class="csl-entry">/);
      expect(entry).not.toContain('<script');
      expect(entry).not.toMatch(/<\/script/i);
      expect(entry).toMatch(/&#60;script&#62;alert\(1\)&#60;\/script&#62; &#38; co/i);
    }
  });

  it('gives plain text without markup or escapes', () => {
    const [entry] = createCiter({ style: apa(), items: [hostile] }).bibliography('text');
    expect(entry).toBe('<script>alert(1)</script> & co. (2021). The Daily.');
  });

  it('gives RTF: italics as {\\i{}…} and non-ASCII as \\u escapes', () => {
    const [entry] = createCiter({ style: apa(), items: [mueller] }).bibliography('rtf');
    expect(entry).toContain('M\\uc0\\u252{}ller, J.');
    expect(entry).toContain('{\\i{}The Guardian}');
    expect(entry).not.toContain('ü');
  });

  it('rejects an unknown format', () => {
    const citer = createCiter({ style: apa(), items: [mueller] });
    expect(() => citer.bibliography('docx' as 'text')).toThrow(/Unknown citation format/);
  });
});

describe('other styles', () => {
  it('Chicago notes and bibliography gives the note text', () => {
    const citer = createCiter({ style: bundledStyleXml('chicago-note-bibliography'), items });
    expect(citer.styleClass).toBe('note');
    expect(citer.cite([{ id: 'mueller', locator: '12', label: 'page' }], 'text')).toBe(
      'Müller, “Floods Hit the Delta,” 12.',
    );
    expect(citer.bibliography('text')).toContain(
      'Müller, Jürgen. “Floods Hit the Delta.” The Guardian, November 8, 2024. https://example.org/a.',
    );
  });

  it('Chicago author-date, MLA and Harvard differ from each other and from APA', () => {
    const outputs = BUNDLED_STYLES.map((style) => {
      const citer = createCiter({ style: bundledStyleXml(style.id), items: [mueller] });
      return citer.bibliography('text')[0];
    });
    expect(new Set(outputs).size).toBe(BUNDLED_STYLES.length);
    const mla = createCiter({ style: bundledStyleXml('modern-language-association'), items: [mueller] });
    expect(mla.cite([{ id: 'mueller', locator: '12', label: 'page' }], 'text')).toBe('(Müller 12)');
    expect(mla.bibliography('text')[0]).toBe(
      'Müller, Jürgen. “Floods Hit the Delta.” The Guardian, 8 Nov. 2024, pp. 12–13, https://example.org/a.',
    );
    const harvard = createCiter({ style: bundledStyleXml('harvard-cite-them-right'), items: [mueller] });
    expect(harvard.locale).toBe('en-GB'); // the style's default-locale
    expect(harvard.cite([{ id: 'mueller', locator: '12', label: 'page' }], 'text')).toBe(
      '(Müller, 2024, p. 12)',
    );
    expect(harvard.bibliography('text')[0]).toBe(
      'Müller, J. (2024) ‘Floods hit the delta’, The Guardian, 8 November, pp. 12–13. ' +
        'Available at: https://example.org/a (Accessed: 3 January 2025).',
    );
    const chicago = createCiter({ style: bundledStyleXml('chicago-author-date'), items: [mueller] });
    expect(chicago.cite([{ id: 'mueller', locator: '12', label: 'page' }], 'text')).toBe('(Müller 2024, 12)');
  });
});

describe('locales', () => {
  it('uses German terms for de-DE', () => {
    const citer = createCiter({ style: apa(), locale: 'de-DE', items });
    expect(citer.locale).toBe('de-DE');
    expect(citer.cite([{ id: 'mueller', locator: '12', label: 'page' }], 'text')).toBe(
      '(Müller, 2024, S. 12)',
    );
    expect(citer.bibliography('text')).toContain(
      'de Vries, A. (2022, Februar). Elections postponed. NRC Handelsblad, 3.',
    );
    const harvard = createCiter({
      style: bundledStyleXml('harvard-cite-them-right'),
      locale: 'de-DE',
      items,
    });
    expect(harvard.bibliography('text', ['mueller'])[0]).toContain(
      'Verfügbar unter: https://example.org/a (Zugegriffen: 3. Januar 2025)',
    );
  });

  it('maps a bare language to its bundled region', () => {
    expect(resolveLocale('nl')).toBe('nl-NL');
    expect(resolveLocale('de')).toBe('de-DE');
    expect(resolveLocale('en')).toBe('en-US');
    expect(resolveLocale('pt')).toBe('pt-BR');
    expect(resolveLocale('en_gb')).toBe('en-GB');
    const citer = createCiter({ style: apa(), locale: 'nl', items });
    expect(citer.locale).toBe('nl-NL');
    expect(citer.bibliography('text')).toContain(
      'de Vries, A. (2022, februari). Elections postponed. NRC Handelsblad, 3.',
    );
  });

  it('falls back to en-US for a locale it does not have', () => {
    expect(resolveLocale('xx-YY')).toBe('en-US');
    expect(resolveLocale('')).toBe('en-US');
    expect(resolveLocale(undefined)).toBe('en-US');
    const citer = createCiter({ style: apa(), locale: 'tlh', items });
    expect(citer.locale).toBe('en-US');
    expect(citer.cite([{ id: 'mueller', locator: '12', label: 'page' }], 'text')).toBe(
      '(Müller, 2024, p. 12)',
    );
  });

  // One test per style: building an engine for APA alone takes over a second.
  it.each(BUNDLED_STYLES.map((style) => [style.id, style] as const))(
    'formats an item in %s in every bundled locale',
    (_id, style) => {
      for (const locale of BUNDLED_LOCALES) {
        const citer = createCiter({ style: bundledStyleXml(style.id), locale, items: [mueller] });
        expect(citer.locale).toBe(locale);
        expect(citer.styleClass).toBe(style.class);
        const [entry] = citer.bibliography('text');
        expect(entry, `${style.id} ${locale}`).toContain('Müller');
        expect(entry, `${style.id} ${locale}`).toContain('2024');
        expect(citer.cite([{ id: 'mueller', locator: '12', label: 'page' }], 'html')).toContain('12');
        expect(citer.warnings).toEqual([]);
      }
    },
  );
});

describe('parseStyle', () => {
  it('accepts every bundled style and reads its title, id and class', () => {
    for (const style of BUNDLED_STYLES) {
      const info = parseStyle(bundledStyleXml(style.id));
      expect(info.id).toBe(`http://www.zotero.org/styles/${style.id}`);
      expect(info.title.length).toBeGreaterThan(3);
      expect(info.class).toBe(style.class);
      expect(info.hasBibliography).toBe(true);
    }
    expect(parseStyle(apa()).title).toBe('APA Style 7th edition');
  });

  it('decodes entities in the title', () => {
    const info = parseStyle(
      minimalStyle('<style xmlns="http://purl.org/net/xbiblio/csl" class="note" version="1.0">'),
    );
    expect(info).toEqual({
      id: 'http://example.org/mini',
      title: 'Mini & Co <test>',
      class: 'note',
      defaultLocale: null,
      hasBibliography: true,
    });
  });

  it('refuses what is not XML', () => {
    expect(refusal('{"title": "APA"}')).toMatch(/not XML/);
    expect(refusal('')).toMatch(/not XML/);
    expect(refusal('<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text"><info>')).toMatch(
      /never closed/,
    );
  });

  it('refuses DOCTYPE and ENTITY declarations (XXE)', () => {
    const xxe = `<?xml version="1.0"?>
<!DOCTYPE style [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><title>&xxe;</title><id>x</id></info>
  <citation><layout><text value="x"/></layout></citation>
</style>`;
    expect(refusal(xxe)).toMatch(/DOCTYPE/);
    expect(refusal(xxe.replace(/<!DOCTYPE style \[/, '').replace(']>', ''))).toMatch(/ENTITY/);
    const undefinedEntity = minimalStyle(
      '<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text">',
    ).replace('Mini &amp; Co', 'Mini &xxe;');
    expect(refusal(undefinedEntity)).toMatch(/undefined entity &xxe;/);
  });

  it('refuses a wrong root element or namespace', () => {
    expect(refusal('<?xml version="1.0"?><locale xmlns="http://purl.org/net/xbiblio/csl"/>')).toMatch(
      /root element is <locale>, not <style>/,
    );
    expect(refusal(minimalStyle('<style class="in-text" version="1.0">'))).toMatch(/no namespace/);
    expect(refusal(minimalStyle('<style xmlns="http://example.org/csl" class="in-text">'))).toMatch(
      /namespace "http:\/\/example.org\/csl"/,
    );
  });

  it('refuses a missing or unknown class', () => {
    expect(refusal(minimalStyle('<style xmlns="http://purl.org/net/xbiblio/csl" version="1.0">'))).toMatch(
      /no class attribute/,
    );
    expect(refusal(minimalStyle('<style xmlns="http://purl.org/net/xbiblio/csl" class="footnote">'))).toMatch(
      /class "footnote"/,
    );
  });

  it('refuses a style without title, id or citation', () => {
    const root = '<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text">';
    expect(refusal(minimalStyle(root).replace(/<title>.*<\/title>/, ''))).toMatch(/no <title>/);
    expect(refusal(minimalStyle(root).replace(/<id>.*<\/id>/, ''))).toMatch(/no <id>/);
    expect(refusal(minimalStyle(root).replace(/<citation>.*<\/citation>/, ''))).toMatch(/no <citation>/);
  });

  it('refuses an oversized file', () => {
    const big = minimalStyle('<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text">').replace(
      '</style>',
      `<!-- ${'x'.repeat(MAX_STYLE_BYTES)} --></style>`,
    );
    expect(refusal(big)).toMatch(/at most 2 MB/);
  });

  it('refuses a style citeproc cannot use, with its message', () => {
    const broken = minimalStyle('<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text">').replace(
      '<text variable="title"/></layout></citation>',
      '<text macro="missing"/></layout></citation>',
    );
    expect(refusal(broken)).toMatch(/^Not a usable CSL style: citeproc cannot use it: ./);
  });

  it('makes createCiter refuse an invalid style the same way', () => {
    expect(() => createCiter({ style: '<html/>', items })).toThrow(/root element is <html>/);
  });
});

describe('size', () => {
  it('formats a thousand references with one engine', () => {
    const many: CslItem[] = Array.from({ length: 1000 }, (_, i) => ({
      id: `n${i}`,
      type: 'article-newspaper',
      title: `Story number ${i}`,
      'container-title': 'The Times',
      author: [{ family: `Author${i}`, given: 'Jane' }],
      issued: { 'date-parts': [[2000 + (i % 25), 1 + (i % 12), 1 + (i % 28)]] },
    }));
    const entries = createCiter({ style: apa(), items: many }).bibliography('text');
    expect(entries).toHaveLength(1000);
    expect(entries[0]).toBe('Author0, J. (2000, January 1). Story number 0. The Times.');
  });
});

describe('engines are built once and reused', () => {
  it('a second citer of the same style formats its own items as they are now', () => {
    createCiter({ style: apa(), items: [mueller] }).bibliography('text');
    const changed = { ...mueller, title: 'Floods recede', issued: { 'date-parts': [[2025]] } } as CslItem;
    const again = createCiter({ style: apa(), items: [changed, who] });
    const entries = again.bibliography('text');
    expect(entries.join('\n')).toContain('Floods recede');
    expect(entries.join('\n')).not.toContain('Floods hit the delta');
    expect(entries.join('\n')).toContain('World Health Organization');
  });

  it('two citers of one style used in turn each see only their items', () => {
    const first = createCiter({ style: apa(), items: [mueller] });
    const second = createCiter({ style: apa(), items: [devries] });
    expect(first.cite([{ id: 'mueller' }], 'text')).toBe('(Müller, 2024)');
    expect(second.bibliography('text')).toHaveLength(1);
    expect(second.bibliography('text')[0]).toContain('Elections postponed');
    expect(first.bibliography('text')[0]).toContain('Floods hit the delta');
    expect(() => second.cite([{ id: 'mueller' }], 'text')).toThrow(/No reference with id "mueller"/);
  });
});

describe('sorting', () => {
  it("orders a bibliography as citeproc's own comparison would (locale, case, accents, numbers)", () => {
    const titles = [
      'Zoë speaks',
      'zeta rising',
      'Émile returns',
      'Ærø ferry',
      'Item 10',
      'Item 9',
      'ábaco',
      'Abacus',
    ];
    const items = titles.map((title, i) => ({ id: `t${i}`, type: 'webpage' as const, title }));
    const entries = createCiter({ style: apa(), locale: 'en-US', items }).bibliography('text');
    const expected = [...titles].sort((a, b) =>
      a.toLowerCase().localeCompare(b.toLowerCase(), 'en-US', {
        sensitivity: 'base',
        ignorePunctuation: true,
        numeric: true,
      }),
    );
    expect(entries.map((e) => titles.find((t) => e.startsWith(t))!)).toEqual(expected);
  });
});
