// Annotations, claims and the timeline out (issue 7): W3C Web Annotations with the model's required fields and
// positions in code points; claims as a CSV a spreadsheet reads safely and as ClaimReview JSON-LD; events as
// TimelineJS JSON with their dates at the precision known and nothing unescaped.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { highlightQuote, importText, makeApp } from '../../helpers/app';

const CORPUS = join(process.cwd(), 'tests', 'fixtures', 'corpus');
const TASS = 'tass-rogozin-trust.txt';
const QUOTE =
  'The factory is expected to assemble about 25,000 Kalashnikov automatic assault rifles annually.';

/** RFC 4180, enough to read back what the export wrote: quoted fields, doubled quotes, CRLF rows. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i += 1;
    } else field += c;
  }
  return rows;
}

async function project() {
  const made = makeApp();
  const tass = await importText(made.call, TASS, readFileSync(join(CORPUS, TASS), 'utf8'));
  return { ...made, tass };
}

describe('W3C Web Annotations', () => {
  it('an AnnotationCollection whose annotations carry quote, position, note and tags', async () => {
    const { app, call, tass } = await project();
    const h = await highlightQuote(call, tass.id, QUOTE, 'Check the figure');
    const tag = await call('tags.createPath', { names: ['Military', 'Small arms'] });
    await call('tags.apply', { tagId: tag.id, highlightIds: [h.id] });
    const result = await call('exports.render', { format: 'w3c' });
    expect(result.count).toBe(1);
    const collection = JSON.parse(result.content);
    expect(collection['@context'][0]).toBe('http://www.w3.org/ns/anno.jsonld');
    expect(collection).toMatchObject({ type: 'AnnotationCollection', total: 1 });
    expect(collection.id).toMatch(/^urn:uuid:[0-9a-f-]{36}$/);
    const [annotation] = collection.first.items;
    // The model's required fields: @context (on the collection), id, type, target.
    expect(annotation).toMatchObject({
      id: `urn:uuid:${h.id}`,
      type: 'Annotation',
      motivation: 'commenting',
    });
    expect(annotation.body).toEqual([
      { type: 'TextualBody', value: 'Check the figure', format: 'text/plain', purpose: 'commenting' },
      { type: 'TextualBody', value: 'Military / Small arms', purpose: 'tagging' },
    ]);
    const detail = await call('documents.get', { id: tass.id });
    expect(annotation.target.source).toMatchObject({ type: 'Text', sha256: detail.originalSha256 });
    const [quote, position] = annotation.target.selector;
    expect(quote).toMatchObject({ type: 'TextQuoteSelector', exact: QUOTE });
    expect(detail.text.slice(position.start, position.end)).toBe(QUOTE);
    app.close();
  });

  it('counts positions in code points, as the model says, after an emoji', async () => {
    const { app, call } = makeApp();
    const doc = await importText(call, 'emoji.txt', '😀 Rockets 🚀 were fired at dawn.');
    await highlightQuote(call, doc.id, 'fired');
    await highlightQuote(call, doc.id, 'dawn');
    await highlightQuote(call, doc.id, 'Rockets');
    const { text } = await call('documents.get', { id: doc.id });
    const items = JSON.parse((await call('exports.render', { format: 'w3c' })).content).first.items;
    // In document order, each counted in code points.
    const points = [...text];
    expect(
      items.map((a: { target: { selector: { start: number; end: number }[] } }) =>
        points.slice(a.target.selector[1]!.start, a.target.selector[1]!.end).join(''),
      ),
    ).toEqual(['Rockets', 'fired', 'dawn']);
    const annotation = items[1];
    const position = annotation.target.selector[1];
    expect([...'😀 Rockets 🚀 were fired at dawn.'].slice(position.start, position.end).join('')).toBe(
      'fired',
    );
    // Two emoji before it: two UTF-16 units more than code points.
    expect(position.start).toBe(text.indexOf('fired') - 2);
    expect(annotation.motivation).toBe('highlighting');
    expect(annotation.body).toBeUndefined();
    app.close();
  });
});

describe('claims out', () => {
  it('CSV: one row per claim with its passages, sources, events and status; formulas stay text', async () => {
    const { app, call, tass } = await project();
    const h = await highlightQuote(call, tass.id, QUOTE);
    const rogozin = await call('entities.create', { kind: 'person', name: 'Dmitry Rogozin' });
    const claim = await call('claims.create', {
      statement: '=HYPERLINK("http://evil.example","25,000 rifles a year")',
      claimantId: rogozin.id,
      status: 'refuted',
      rationale: 'Output never passed 10,000, "per" the plant.\nSecond line.',
      passage: { highlightId: h.id },
    });
    const event = await call('events.create', { title: 'Factory opens', start: '2006-07' });
    await call('events.linkClaim', { eventId: event.id, claimId: claim.id, relation: 'mentions' });
    await call('claims.create', { statement: 'Unrelated', passage: { highlightId: h.id } });
    const csv = (await call('exports.render', { format: 'claims-csv' })).content;
    expect(csv.startsWith('\uFEFFid,statement,claimant,')).toBe(true);
    const rows = parseCsv(csv.slice(1));
    expect(rows).toHaveLength(3);
    const header = rows[0]!;
    const row = Object.fromEntries(header.map((h, i) => [h, rows.find((r) => r[0] === claim.id)![i]]));
    expect(row).toMatchObject({
      statement: `'=HYPERLINK("http://evil.example","25,000 rifles a year")`,
      claimant: 'Dmitry Rogozin',
      status: 'refuted',
      rationale: 'Output never passed 10,000, "per" the plant.\nSecond line.',
      events: 'mentions: Factory opens',
    });
    expect(row.passages).toBe(`“${QUOTE}”`);
    expect(row.sources).toMatch(/^Trust between Venezuela, Russia.*, TASS/);
    app.close();
  });

  it('ClaimReview: the claims with a verdict, who claimed them, where they appeared, and the rating', async () => {
    const { app, call, tass } = await project();
    const h = await highlightQuote(call, tass.id, QUOTE);
    const rogozin = await call('entities.create', { kind: 'person', name: 'Dmitry Rogozin' });
    const refuted = await call('claims.create', {
      statement: 'The plant makes 25,000 rifles a year',
      claimantId: rogozin.id,
      claimDate: '2021-12-16',
      status: 'refuted',
      passage: { highlightId: h.id },
    });
    await call('claims.create', { statement: 'Not yet checked', passage: { highlightId: h.id } });
    const result = await call('exports.render', { format: 'claimreview' });
    expect(result.count).toBe(1);
    const graph = JSON.parse(result.content);
    expect(graph['@context']).toBe('https://schema.org');
    expect(graph['@graph'][0]).toMatchObject({
      '@type': 'ClaimReview',
      identifier: refuted.id,
      claimReviewed: 'The plant makes 25,000 rifles a year',
      itemReviewed: {
        '@type': 'Claim',
        author: { '@type': 'Person', name: 'Dmitry Rogozin' },
        datePublished: '2021-12-16',
        appearance: [{ '@type': 'NewsArticle', publisher: { '@type': 'Organization', name: 'TASS' } }],
      },
      reviewRating: { '@type': 'Rating', alternateName: 'False', ratingValue: 1, bestRating: 5 },
    });
    app.close();
  });
});

describe('the timeline for TimelineJS', () => {
  it('places events at their precision, escapes their text, and leaves out those without a year', async () => {
    const { app, call } = makeApp();
    await call('events.create', { title: 'Factory <b>opens</b>', start: '2006-07', end: '2006-08-15' });
    await call('events.create', { title: 'Talks', start: '~1996' });
    await call('events.create', { title: 'Anniversary', start: '--12-16' });
    const result = await call('exports.render', { format: 'timeline-json' });
    expect(result.count).toBe(2);
    const timeline = JSON.parse(result.content);
    expect(timeline.title.text.text).toContain('1 event without a year left out');
    const factory = timeline.events.find((e: { text: { headline: string } }) =>
      e.text.headline.includes('Factory'),
    );
    expect(factory.text.headline).toBe('Factory &lt;b&gt;opens&lt;/b&gt;');
    expect(factory.start_date).toEqual({ year: 2006, month: 7 });
    expect(factory.end_date).toEqual({ year: 2006, month: 8, day: 15 });
    const talks = timeline.events.find((e: { text: { headline: string } }) => e.text.headline === 'Talks');
    expect(talks.start_date).toMatchObject({ year: 1996, display_date: expect.stringMatching(/1996/) });
    app.close();
  });
});
