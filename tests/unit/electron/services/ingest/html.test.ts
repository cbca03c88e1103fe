// A web page is read as its article: blocks a reader can highlight, links as data, and only what the page
// itself states as metadata, each value with its evidence. A hostile page must run nothing and fetch nothing.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type * as Jsdom from 'jsdom';
import type { ConstructorOptions } from 'jsdom';
import { describe, expect, it, vi } from 'vitest';
import { htmlToBlocks, readHtml } from '../../../../../electron/services/ingest/html';
import type { ReadDocument } from '../../../../../electron/services/ingest/types';

// Every jsdom the reader creates is recorded, to check it is never given scripts or a resource loader.
const jsdomOptions = vi.hoisted(() => [] as (ConstructorOptions | undefined)[]);
vi.mock('jsdom', async (importOriginal) => {
  const actual = await importOriginal<typeof Jsdom>();
  class RecordingJSDOM extends actual.JSDOM {
    constructor(html?: string, options?: ConstructorOptions) {
      jsdomOptions.push(options);
      super(html, options);
    }
  }
  return { ...actual, JSDOM: RecordingJSDOM };
});

const utf8 = (text: string) => new TextEncoder().encode(text);
const read = (html: string) => readHtml(utf8(html));

/** Enough prose that Readability is sure which element is the article. */
const PROSE = Array.from(
  { length: 4 },
  (_, i) =>
    `<p>Paragraph ${i + 1} of the report describes the negotiations between the two delegations in some ` +
    'detail, with dates, places and the names of the people who were in the room when it was decided.</p>',
).join('');

function page(head: string, body = `<article>${PROSE}</article>`, htmlAttributes = ''): string {
  return `<!doctype html><html${htmlAttributes}><head><meta charset="utf-8">${head}</head><body>${body}</body></html>`;
}

function describeBlocks({ text, blocks }: { text: string; blocks: ReadDocument['blocks'] }) {
  return blocks.map((block) => ({
    type: block.type,
    text: text.slice(block.start, block.end),
    ...(block.level === undefined ? {} : { level: block.level }),
  }));
}

function links({ text, blocks }: { text: string; blocks: ReadDocument['blocks'] }) {
  return blocks.flatMap((block) =>
    (block.marks ?? []).map((mark) => ({ text: text.slice(mark.start, mark.end), href: mark.href })),
  );
}

describe('readHtml: decoding', () => {
  it('reads a Windows-1252 page that declares no encoding', () => {
    const bytes = new Uint8Array([
      ...utf8('<html><body><p>Caf'),
      0xe9,
      ...utf8(' '),
      0x93,
      ...utf8('quoted'),
      0x94,
      ...utf8('</p></body></html>'),
    ]);
    expect(readHtml(bytes).text).toBe('Café “quoted”');
  });

  it('honours a <meta charset> and an http-equiv Content-Type in the first 1024 bytes', () => {
    const body = [...utf8('<p>Caf'), 0xe9, ...utf8('</p>')];
    const withCharset = new Uint8Array([...utf8('<meta charset="iso-8859-1">'), ...body]);
    const withHttpEquiv = new Uint8Array([
      ...utf8('<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">'),
      ...body,
    ]);
    expect(readHtml(withCharset).text).toBe('Café');
    expect(readHtml(withHttpEquiv).text).toBe('Café');
    // The declaration is believed over the bytes: a page that says Latin-2 is Latin-2.
    const latin2 = new Uint8Array([...utf8('<meta charset="iso-8859-2"><p>'), 0xb1, ...utf8('</p>')]);
    expect(readHtml(latin2).text).toBe('ą');
  });

  it('reads a UTF-16 page by its byte order mark', () => {
    const html = '<html><body><p>Nicolás “amigo”</p></body></html>';
    const bytes = new Uint8Array(2 + html.length * 2);
    const view = new DataView(bytes.buffer);
    view.setUint16(0, 0xfeff, true);
    Array.from(html).forEach((char, i) => view.setUint16(2 + i * 2, char.charCodeAt(0), true));
    expect(readHtml(bytes).text).toBe('Nicolás “amigo”');
  });

  it('reads undeclared UTF-8 as UTF-8', () => {
    expect(read('<p>Nicolás — “amigo”</p>').text).toBe('Nicolás — “amigo”');
  });
});

describe('readHtml: safety', () => {
  it('makes no network request for anything the page references', async () => {
    const requests: string[] = [];
    const server = createServer((request, response) => {
      requests.push(request.url ?? '');
      response.end('alert(1)');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const head = [
        `<link rel="canonical" href="${origin}/article">`,
        `<meta http-equiv="refresh" content="0; url=${origin}/refresh">`,
        `<link rel="stylesheet" href="${origin}/style.css"><link rel="stylesheet" href="relative.css">`,
        `<link rel="preload" href="${origin}/preload" as="script"><link rel="icon" href="${origin}/icon">`,
        `<script src="${origin}/script.js"></script><script src="relative.js"></script>`,
        `<style>@import url("${origin}/import.css"); body { background: url(${origin}/bg.png) }</style>`,
      ].join('');
      const body = [
        `<img src="${origin}/img.png" srcset="${origin}/img2.png 2x"><img src="relative.png">`,
        `<iframe src="${origin}/frame"></iframe><iframe src="relative-frame"></iframe>`,
        `<div style="background-image: url('${origin}/inline.png')">Styled</div>`,
        `<video src="${origin}/video" poster="${origin}/poster"></video><audio src="${origin}/audio"></audio>`,
        `<object data="${origin}/object"></object><embed src="${origin}/embed">`,
        `<form action="${origin}/form"><input type="image" src="${origin}/input.png"></form>`,
        `<script>fetch("${origin}/inline-fetch")</script>`,
        `<img src="x" onerror="fetch('${origin}/onerror')">`,
      ].join('');
      jsdomOptions.length = 0;
      const result = read(page(head, `<article>${PROSE}${body}</article>`));
      expect(result.text).toContain('Paragraph 1');
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(requests).toEqual([]);
      // The reader closes its window at once, which would also cancel loads; the real guarantee is that jsdom
      // is never asked to load anything or run anything.
      expect(jsdomOptions.length).toBeGreaterThan(0);
      for (const options of jsdomOptions) {
        expect(options?.resources).toBeUndefined();
        expect(options?.runScripts).toBeUndefined();
      }
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('runs no page code and keeps no script, handler or javascript: link', () => {
    const marker = globalThis as { dossierPwned?: boolean };
    const hostile = page(
      '<script>globalThis.dossierPwned = true; parent.dossierPwned = true;</script>',
      `<article onclick="alert(1)">${PROSE}<p>Click <a href="javascript:alert(1)">here</a> or ` +
        `<a href="data:text/html,<script>alert(1)</script>">there</a> or <a href="file:///etc/passwd">that</a>.</p>` +
        '<script>alert("owned")</script><img src=x onerror="alert(2)"><svg onload="alert(3)"><text>svg text</text></svg>' +
        '<iframe srcdoc="<script>alert(4)</script>">frame text</iframe></article>',
      ' onload="alert(5)"',
    );
    const result = read(hostile);
    expect(marker.dossierPwned).toBeUndefined();
    expect(result.text).not.toMatch(/alert|owned|svg text|frame text|onclick|onerror|javascript/);
    expect(result.text).toContain('Click here or there or that.');
    expect(links(result)).toEqual([]);
  });

  it('keeps the article after a <noscript> that is never closed, and drops a closed one', () => {
    const [first, ...rest] = PROSE.split('</p>')
      .filter(Boolean)
      .map((p) => `${p}</p>`);
    const unclosed = read(
      page('', `<article>${first!}<noscript><img src="pixel.gif">${rest.join('')}</article>`),
    );
    expect(unclosed.text).toContain('Paragraph 4 of the report');
    const closed = read(
      page(
        '',
        `<article>${first!}<noscript><p>Please enable JavaScript.</p></noscript>${rest.join('')}</article>`,
      ),
    );
    expect(closed.text).toContain('Paragraph 4 of the report');
    expect(closed.text).not.toContain('enable JavaScript');
    // Script inside an unclosed <noscript> is still never run nor kept.
    const marker = globalThis as { dossierPwned?: boolean };
    const hostile = read(
      page('', `<article>${PROSE}<noscript><script>globalThis.dossierPwned = true</script>`),
    );
    expect(marker.dossierPwned).toBeUndefined();
    expect(hostile.text).not.toContain('dossierPwned');
  });

  it('reads elements nested far deeper than any real page, quickly and without exhausting the stack', () => {
    // Readability takes about ten seconds at 800 levels; such a page is read whole instead.
    const deep = '<div>'.repeat(3000) + `<p>Deep text</p>${PROSE}` + '</div>'.repeat(3000);
    const started = performance.now();
    expect(read(`<body>${deep}</body>`).text).toMatch(/^Deep text\n\nParagraph 1/);
    expect(performance.now() - started).toBeLessThan(5000);
  });
});

describe('readHtml: metadata', () => {
  it('reads OpenGraph, with the site name removed from nothing else', () => {
    const result = read(
      page(
        '<title>Ignored | Daily Planet</title>' +
          '<meta property="og:title" content="Talks resume in Geneva">' +
          '<meta property="og:site_name" content="Daily Planet">' +
          '<meta property="og:url" content="https://planet.example/geneva">' +
          '<meta property="article:published_time" content="2024-11-08T01:30:00+07:00">' +
          '<meta property="article:author" content="https://planet.example/staff/lois">' +
          '<meta name="author" content="Lois Lane">' +
          '<meta property="og:locale" content="en_GB">',
      ),
    );
    expect(result.metadata).toEqual({
      title: {
        value: 'Talks resume in Geneva',
        evidence: { source: 'meta-tag', detail: 'meta property="og:title"' },
      },
      outlet: {
        value: 'Daily Planet',
        evidence: { source: 'meta-tag', detail: 'meta property="og:site_name"' },
      },
      authors: { value: ['Lois Lane'], evidence: { source: 'meta-tag', detail: 'meta name="author"' } },
      url: {
        value: 'https://planet.example/geneva',
        evidence: { source: 'meta-tag', detail: 'meta property="og:url"' },
      },
      // The date as published in its own offset, not converted to UTC (which would be 7 November).
      published: {
        value: '2024-11-08',
        evidence: { source: 'meta-tag', detail: 'meta property="article:published_time"' },
      },
    });
    expect(result.declaredLanguage).toEqual({
      value: 'en-GB',
      evidence: { source: 'meta-tag', detail: 'meta property="og:locale"' },
    });
  });

  it('reads citation_* tags, every author in order, and their date formats', () => {
    const result = read(
      page(
        '<meta name="citation_title" content="On the Origin of Lists">' +
          '<meta property="og:title" content="Loses to citation_title">' +
          '<meta name="citation_author" content="Darwin, Charles"><meta name="citation_author" content="Wallace, Alfred">' +
          '<meta name="citation_journal_title" content="Journal of Lists">' +
          '<meta name="citation_publication_date" content="1859/11/24">' +
          '<meta name="citation_abstract_html_url" content="https://journal.example/abs/1">',
        `<article>${PROSE}</article>`,
        ' lang="en"',
      ),
    );
    expect(result.metadata.title?.value).toBe('On the Origin of Lists');
    expect(result.metadata.authors).toEqual({
      value: ['Darwin, Charles', 'Wallace, Alfred'],
      evidence: { source: 'meta-tag', detail: 'meta name="citation_author"' },
    });
    expect(result.metadata.outlet?.value).toBe('Journal of Lists');
    expect(result.metadata.published?.value).toBe('1859-11-24');
    expect(result.metadata.url?.value).toBe('https://journal.example/abs/1');
    expect(result.declaredLanguage).toEqual({
      value: 'en',
      evidence: { source: 'html', detail: '<html lang>' },
    });

    const yearOnly = read(page('<meta name="citation_date" content="1996">'));
    expect(yearOnly.metadata.published).toEqual({
      value: '1996',
      evidence: { source: 'meta-tag', detail: 'meta name="citation_date"' },
    });
  });

  it('reads Dublin Core', () => {
    const result = read(
      page(
        '<meta name="DC.title" content="Rapport annuel"><meta name="DC.creator" content="Marie Curie">' +
          '<meta name="DC.publisher" content="Institut du Radium"><meta name="DC.date.issued" content="1921-06">' +
          '<meta name="DC.language" content="fr">',
      ),
    );
    expect(result.metadata.title).toEqual({
      value: 'Rapport annuel',
      evidence: { source: 'meta-tag', detail: 'meta name="DC.title"' },
    });
    expect(result.metadata.authors?.value).toEqual(['Marie Curie']);
    expect(result.metadata.outlet?.value).toBe('Institut du Radium');
    expect(result.metadata.published).toEqual({
      value: '1921-06',
      evidence: { source: 'meta-tag', detail: 'meta name="DC.date.issued"' },
    });
    expect(result.declaredLanguage?.value).toBe('fr');
  });

  it('reads JSON-LD NewsArticle inside @graph and ignores JSON-LD that does not parse', () => {
    const jsonLd = {
      '@context': 'https://schema.org',
      '@graph': [
        { '@type': 'WebPage', headline: 'The page, not the article', url: 'https://tass.example/page' },
        {
          '@type': ['NewsArticle'],
          headline: 'Russia and Venezuela sign agreements',
          datePublished: '2022-02-16T10:00:00+03:00',
          author: [
            { '@type': 'Person', name: 'Ivan Petrov', url: 'https://tass.example/ivan' },
            'https://x.example/a',
          ],
          publisher: { '@type': 'Organization', name: 'TASS' },
          mainEntityOfPage: { '@id': 'https://tass.example/world/1' },
        },
      ],
    };
    const result = read(
      page(
        '<script type="application/ld+json">{ not json </script>' +
          `<script type="application/ld+json">${JSON.stringify(jsonLd)}</script>`,
      ),
    );
    expect(result.metadata).toEqual({
      title: {
        value: 'Russia and Venezuela sign agreements',
        evidence: { source: 'json-ld', detail: 'JSON-LD NewsArticle.headline' },
      },
      outlet: {
        value: 'TASS',
        evidence: { source: 'json-ld', detail: 'JSON-LD NewsArticle.publisher.name' },
      },
      authors: {
        value: ['Ivan Petrov'],
        evidence: { source: 'json-ld', detail: 'JSON-LD NewsArticle.author' },
      },
      url: {
        value: 'https://tass.example/world/1',
        evidence: { source: 'json-ld', detail: 'JSON-LD NewsArticle.mainEntityOfPage' },
      },
      published: {
        value: '2022-02-16',
        evidence: { source: 'json-ld', detail: 'JSON-LD NewsArticle.datePublished' },
      },
    });
  });

  it('reads <time> elements, but not a date in the site banner', () => {
    const marked = read(
      page(
        '',
        `<article><header><time itemprop="datePublished" datetime="2006-07">July 2006</time></header>${PROSE}</article>`,
      ),
    );
    expect(marked.metadata.published).toEqual({
      value: '2006-07',
      evidence: { source: 'html', detail: '<time itemprop="datePublished" datetime>' },
    });
    const inHeader = read(
      page(
        '',
        '<header class="site"><time datetime="2025-03-10">Today</time></header>' +
          `<article><header><h1>Title</h1><time datetime="2024-01-31T23:59">31 Jan</time></header>${PROSE}</article>`,
      ),
    );
    expect(inHeader.metadata.published).toEqual({
      value: '2024-01-31',
      evidence: { source: 'html', detail: '<time datetime> in the article header' },
    });
    const bannerOnly = read(
      page('', `<header><time datetime="2025-03-10">Today</time></header><article>${PROSE}</article>`),
    );
    expect(bannerOnly.metadata.published).toBeUndefined();
  });

  it('takes the byline Readability finds, without its "By"', () => {
    const result = read(
      page('<title>Plain</title>', `<article><p class="byline">By Jane Doe</p>${PROSE}</article>`),
    );
    expect(result.metadata.authors).toEqual({
      value: ['Jane Doe'],
      evidence: { source: 'byline', detail: 'byline in the page, found by Readability' },
    });
    expect(result.text).not.toContain('By Jane Doe');
  });

  it('strips the site name from <title> only when it is the site name', () => {
    const withSite = read(
      page(
        '<title>Storm hits coast | Coastal News</title><meta property="og:site_name" content="Coastal News">',
      ),
    );
    expect(withSite.metadata.title).toEqual({
      value: 'Storm hits coast',
      evidence: { source: 'html', detail: '<title>, without the site name after it' },
    });
    const notSite = read(
      page('<title>Cats - a history</title><meta property="og:site_name" content="Pets">'),
    );
    expect(notSite.metadata.title).toEqual({
      value: 'Cats - a history',
      evidence: { source: 'html', detail: '<title>' },
    });
  });

  it('takes each field from the most trusted source that states it', () => {
    const jsonLd = {
      '@type': 'NewsArticle',
      headline: 'From JSON-LD',
      datePublished: '2024-03-01',
      publisher: { name: 'From JSON-LD' },
    };
    const result = read(
      page(
        '<title>From title</title><meta name="twitter:title" content="From Twitter">' +
          '<meta name="DC.title" content="From DC"><meta name="DC.date" content="2024-01-01">' +
          `<script type="application/ld+json">${JSON.stringify(jsonLd)}</script>` +
          '<meta property="og:site_name" content="From OpenGraph">',
        `<article><header><time pubdate datetime="2024-02-02">2 Feb</time></header>${PROSE}</article>`,
      ),
    );
    expect(result.metadata.title?.value).toBe('From JSON-LD');
    expect(result.metadata.outlet?.value).toBe('From OpenGraph');
    expect(result.metadata.published?.value).toBe('2024-03-01');
  });

  it('leaves empty what the page does not state', () => {
    const result = read(page('', `<article>${PROSE}</article>`));
    expect(result.metadata).toEqual({});
    expect(result.declaredLanguage).toBeUndefined();
    const badValues = read(
      page(
        '<meta property="og:url" content="/relative/path"><link rel="canonical" href="javascript:alert(1)">' +
          '<meta name="citation_date" content="11/08/2024"><meta property="article:published_time" content="yesterday">' +
          '<meta property="og:locale" content="not a language">',
      ),
    );
    expect(badValues.metadata).toEqual({});
    expect(badValues.declaredLanguage).toBeUndefined();
  });
});

describe('readHtml: blocks', () => {
  it('extracts the article, dropping navigation, scripts, forms and media', () => {
    const result = read(
      page(
        '<style>.x { color: red }</style>',
        '<nav>Home World Sport</nav><header>Site banner</header>' +
          `<article><h2>Background</h2>${PROSE}<blockquote><p>We agreed.</p></blockquote>` +
          '<ul><li>Energy</li><li>Defence</li></ul><figure><img src="a.png" alt="alt text"><figcaption>Signing ceremony</figcaption></figure>' +
          '<form><label>Subscribe</label><input value="email"><button>Send</button></form>' +
          '<noscript>Enable JavaScript</noscript><video>Your browser cannot play video</video></article>' +
          '<footer>Copyright</footer>',
      ),
    );
    const blocks = describeBlocks(result);
    expect(blocks).toContainEqual({ type: 'heading', text: 'Background', level: 2 });
    expect(blocks).toContainEqual({ type: 'quote', text: 'We agreed.' });
    expect(blocks).toContainEqual({ type: 'listItem', text: 'Energy' });
    expect(blocks).toContainEqual({ type: 'caption', text: 'Signing ceremony' });
    expect(blocks.filter((block) => block.type === 'paragraph')).toHaveLength(4);
    for (const dropped of [
      'Home World',
      'color',
      'alt text',
      'email',
      'Send',
      'Enable JavaScript',
      'cannot play',
    ])
      expect(result.text).not.toContain(dropped);
  });

  it('keeps links as marks with absolute hrefs, resolved against the page address', () => {
    const result = read(
      page(
        '<link rel="canonical" href="https://news.example/world/story">',
        `<article>${PROSE}<p>See <a href="/world/other">the earlier report</a>, <a href="mailto:desk@news.example">` +
          'the desk</a> and <a href="https://elsewhere.example/x?y=1#z">a source</a>.</p></article>',
      ),
    );
    expect(links(result)).toEqual([
      { text: 'the earlier report', href: 'https://news.example/world/other' },
      { text: 'the desk', href: 'mailto:desk@news.example' },
      { text: 'a source', href: 'https://elsewhere.example/x?y=1#z' },
    ]);
    for (const block of result.blocks)
      for (const mark of block.marks ?? [])
        expect(mark.start >= block.start && mark.end <= block.end).toBe(true);
  });

  it('drops relative links when the page states no address to resolve them against', () => {
    const result = read(page('', `<article>${PROSE}<p>See <a href="/other">this</a>.</p></article>`));
    expect(result.text).toContain('See this.');
    expect(links(result)).toEqual([]);
  });

  it('reads the whole body when Readability finds no article', () => {
    const result = read('<body><ul><li>Milk</li><li>Eggs</li></ul></body>');
    expect(describeBlocks(result)).toEqual([
      { type: 'listItem', text: 'Milk' },
      { type: 'listItem', text: 'Eggs' },
    ]);
  });
});

describe('htmlToBlocks', () => {
  it('gives each element its block type and collapses inline white space', () => {
    const html =
      '<h1>Title</h1><h3>Sub  <em>title</em></h3><p>Some\n   <strong>spaced</strong>\ttext&nbsp;here</p>' +
      '<blockquote>Direct quote<p>Quoted paragraph</p></blockquote><ol><li>One<ul><li>Nested</li></ul></li></ol>' +
      '<pre>  indented\n    code</pre><table><caption>Results</caption><tr><th>Party</th><th>Seats</th></tr>' +
      '<tr><td><p>Left</p></td><td>12</td><td></td></tr></table><p>Line one<br>line two<br><br>New paragraph</p>';
    expect(describeBlocks(htmlToBlocks(html))).toEqual([
      { type: 'heading', text: 'Title', level: 1 },
      { type: 'heading', text: 'Sub title', level: 3 },
      { type: 'paragraph', text: 'Some spaced text here' },
      { type: 'quote', text: 'Direct quote' },
      { type: 'quote', text: 'Quoted paragraph' },
      { type: 'listItem', text: 'One' },
      { type: 'listItem', text: 'Nested' },
      { type: 'code', text: '  indented\n    code' },
      { type: 'caption', text: 'Results' },
      { type: 'paragraph', text: 'Party | Seats' },
      { type: 'paragraph', text: 'Left | 12' },
      { type: 'paragraph', text: 'Line one\nline two' },
      { type: 'paragraph', text: 'New paragraph' },
    ]);
  });

  it('joins blocks with a blank line and places marks on the canonical text', () => {
    const { text, blocks } = htmlToBlocks(
      '<p>First.</p><p>  Read <a href="https://a.example/"> the <b>report</b> </a> now.</p>',
    );
    expect(text).toBe('First.\n\nRead the report now.');
    expect(blocks[1]?.marks).toEqual([{ type: 'link', start: 13, end: 23, href: 'https://a.example/' }]);
    expect(text.slice(13, 23)).toBe('the report');
  });
});
