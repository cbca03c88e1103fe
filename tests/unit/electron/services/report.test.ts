// The evidence report (issue 7): the chronology of events with their claims by relation, each claim's quoted
// passages with footnoted citations in the chosen style, and the bibliography, as Markdown, as one HTML file
// that loads nothing, and as DOCX with real footnotes.
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { corpusApp, highlightQuote } from '../../helpers/app';

const FACTORY =
  'The factory is expected to assemble about 25,000 Kalashnikov automatic assault rifles annually.';

async function reportProject() {
  const made = await corpusApp();
  const { call, docs } = made;
  const tass = docs.get('tass-rogozin-trust.txt')!;
  const thanhNien = docs.get('thanhnien-agreements.txt')!;
  const rogozin = await call('entities.create', { kind: 'person', name: 'Dmitry Rogozin' });
  const factory = await highlightQuote(call, tass, FACTORY);
  const venezuela = await highlightQuote(call, thanhNien, 'Venezuela');
  const supports = await call('claims.create', {
    statement: 'A Kalashnikov factory is being built in Venezuela',
    claimantId: rogozin.id,
    status: 'supported',
    rationale: 'Two outlets report it.',
    passage: { highlightId: factory.id },
  });
  const contradicts = await call('claims.create', {
    statement: 'No <img src=x onerror=alert(1)> [factory](http://evil.example) exists',
    status: 'refuted',
    passage: { highlightId: venezuela.id },
  });
  const loose = await call('claims.create', {
    statement: 'Trade will double',
    passage: { highlightId: venezuela.id },
  });
  const event = await call('events.create', { title: 'Factory agreement', start: '2006-07' });
  await call('events.linkClaim', { eventId: event.id, claimId: supports.id, relation: 'supports' });
  await call('events.linkClaim', { eventId: event.id, claimId: contradicts.id, relation: 'contradicts' });
  return { ...made, supports, contradicts, loose };
}

describe('the evidence report', () => {
  it('in Markdown: chronology, claims by relation, quotes with footnoted citations, references', async () => {
    const { app, call } = await reportProject();
    const result = await call('exports.render', { format: 'report-md', style: 'apa' });
    expect(result.count).toBe(3);
    const md = result.content;
    expect(md).toContain('## Chronology');
    expect(md).toContain('### July 2006: Factory agreement (contested)');
    const supporting = md.indexOf('#### Supporting claims');
    const contradicting = md.indexOf('#### Contradicting claims');
    expect(supporting).toBeGreaterThan(0);
    expect(contradicting).toBeGreaterThan(supporting);
    // The claim, who made it and when (its source's date, which has no year), and its verdict.
    expect(md).toContain(
      '**A Kalashnikov factory is being built in Venezuela** (claimed by Dmitry Rogozin, 16 December (year unknown), supported)',
    );
    expect(md).toMatch(/> “The factory is expected .*annually\.”\[\^1\]/);
    expect(md).toMatch(/^\[\^1\]: \(“Trust between Venezuela, Russia/m);
    expect(md).toContain('Assessment: Two outlets report it');
    // The claim that belongs to no event comes after the chronology.
    expect(md.indexOf('## Other claims')).toBeGreaterThan(contradicting);
    expect(md.indexOf('Trade will double')).toBeGreaterThan(md.indexOf('## Other claims'));
    expect(md).toMatch(/## References\n\n.*Báo Thanh niên/);
    // Text from the project cannot become a link or an image.
    expect(md).toContain('\\[factory\\](http://evil.example)');
    expect(md).toContain('No \\<img src=x onerror=alert(1)\\>');
    const bare = (await call('exports.render', { format: 'report-md', includeNotes: false })).content;
    expect(bare).not.toContain('Assessment:');
    app.close();
  });

  it('as one HTML file that loads nothing and escapes what the project holds', async () => {
    const { app, call } = await reportProject();
    const html = (await call('exports.render', { format: 'report-html', style: 'chicago-note-bibliography' }))
      .content;
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'"`);
    expect(html).not.toMatch(/<script|<img|<link|<iframe|<object|url\(/i);
    expect(html).not.toMatch(/<[a-z][^>]*\s(src|href)="(?!#)/i);
    expect(html).toContain('No &lt;img src=x onerror=alert(1)&gt;');
    expect(html).toMatch(/<sup><a href="#fn1" id="ref1">1<\/a><\/sup>/);
    expect(html).toMatch(/<li id="fn1">.*Trust between Venezuela/);
    app.close();
  });

  it('as DOCX with the quotes in the text and the citations as footnotes', async () => {
    const { app, call } = await reportProject();
    const result = await call('exports.render', { format: 'report-docx' });
    expect(result).toMatchObject({ encoding: 'base64', fileName: expect.stringMatching(/\.docx$/) });
    const zip = await JSZip.loadAsync(Buffer.from(result.content, 'base64'));
    const body = await zip.file('word/document.xml')!.async('string');
    const notes = await zip.file('word/footnotes.xml')!.async('string');
    expect(body).toContain('Factory agreement');
    expect(body).toContain('The factory is expected to assemble');
    expect(body).toContain('No &lt;img src=x onerror=alert(1)&gt;');
    expect(notes).toContain('Trust between Venezuela');
    app.close();
  });

  it('a scope narrows it to the claims found and those of the events found', async () => {
    const { app, call, loose } = await reportProject();
    const events = await call('exports.render', { format: 'report-md', scope: 'type:event factory' });
    expect(events.count).toBe(2);
    expect(events.content).not.toContain('Trade will double');
    const one = await call('exports.render', { format: 'report-md', scope: 'double' });
    expect(one.count).toBe(1);
    expect(one.content).toContain('Trade will double');
    expect(one.content).not.toContain('## Chronology');
    expect(loose.id).toBeTruthy();
    app.close();
  });
});
