// Citations through the contract (issue 7): the corpus articles exported as CSL-JSON, BibTeX and RIS and as
// an APA bibliography; a document's reference as the metadata panel shows it; quote citations of a passage
// and of a claim; the user's own .csl styles, refused when they are not usable; exports of a scope.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';
import { corpusApp, highlightQuote, rejection } from '../../helpers/app';

const FIXTURES = join(process.cwd(), 'tests', 'fixtures');

describe('exports of the project references', () => {
  it('writes every document as CSL-JSON valid against the official schema, with stable keys', async () => {
    const { app, call } = await corpusApp();
    const result = await call('exports.render', { format: 'csl-json' });
    expect(result).toMatchObject({ count: 5, mediaType: 'application/vnd.citationstyles.csl+json' });
    const items = JSON.parse(result.content) as { 'citation-key': string; 'container-title'?: string }[];
    const schema = JSON.parse(readFileSync(join(FIXTURES, 'schemas', 'csl-data.json'), 'utf8')) as object;
    const validate = new Ajv({ allowUnionTypes: true }).compile(schema);
    expect(validate(items), JSON.stringify(validate.errors)).toBe(true);
    expect(items.map((i) => i['container-title'])).toContain('Báo Thanh niên');
    expect(new Set(items.map((i) => i['citation-key'])).size).toBe(5);
    expect((await call('exports.render', { format: 'csl-json' })).content).toBe(result.content);
    app.close();
  });

  it('writes BibTeX, BibLaTeX and RIS for the same references', async () => {
    const { app, call } = await corpusApp();
    const biblatex = (await call('exports.render', { format: 'biblatex' })).content;
    expect(biblatex).toMatch(/@article\{baothanhnien2024russia,/);
    expect(biblatex).toContain('entrysubtype = {newspaper}');
    expect(biblatex).toContain('journaltitle = {Báo Thanh niên}');
    expect(biblatex).toContain('date = {2024-11-08}');
    const bibtex = (await call('exports.render', { format: 'bibtex' })).content;
    expect(bibtex).toMatch(/month = nov/);
    const ris = (await call('exports.render', { format: 'ris' })).content;
    expect(ris.match(/^TY {2}- NEWS\r$/gm)).toHaveLength(4);
    expect(ris.match(/^ER {2}- \r$/gm)).toHaveLength(5);
    app.close();
  });

  it('formats a bibliography in a style and locale, as text, HTML or RTF', async () => {
    const { app, call } = await corpusApp();
    const apa = await call('exports.render', { format: 'bibliography', style: 'apa' });
    expect(apa.count).toBe(5);
    expect(apa.content).toContain('(2024, November 8)');
    const html = await call('exports.render', { format: 'bibliography', style: 'apa', output: 'html' });
    expect(html.content).toMatch(/^<!DOCTYPE html>/);
    expect(html.content).not.toMatch(/<script|<link|src=/i);
    const dutch = await call('exports.render', { format: 'bibliography', style: 'apa', locale: 'nl' });
    expect(dutch.content).toContain('november');
    const rtf = await call('exports.render', { format: 'bibliography', output: 'rtf' });
    expect(rtf.content).toMatch(/^\{\\rtf1/);
    expect(
      (await rejection(call('exports.render', { format: 'bibliography', style: 'nope' }))).message,
    ).toMatch(/no style "nope"/);
    app.close();
  });

  it('exports only what a scope query finds', async () => {
    const { app, call, docs } = await corpusApp();
    const scoped = await call('exports.render', { format: 'csl-json', scope: 'outlet:tass' });
    expect(scoped.count).toBe(1);
    expect((JSON.parse(scoped.content) as { id: string }[])[0]!.id).toBe(docs.get('tass-rogozin-trust.txt'));
    // A claim in scope brings the sources of its passages.
    const h = await highlightQuote(call, docs.get('albaciudad-borisov-nl.txt')!, 'Venezuela');
    await call('claims.create', { statement: 'Borisov visited', passage: { highlightId: h.id } });
    const viaClaim = await call('exports.render', { format: 'csl-json', scope: 'type:claim borisov' });
    expect(viaClaim.count).toBe(1);
    app.close();
  });
});

describe('citation keys', () => {
  it('a document keeps its key whatever the export scope', async () => {
    const { app, call, docs } = await corpusApp();
    const fox = docs.get('foxnews-rodriguez-lavrov.txt')!;
    const maduro = docs.get('maduro-russian-military-experts.txt')!;
    // Two references that want the same key: both get a suffix.
    for (const [id, title] of [
      [fox, 'Talks resume in Caracas'],
      [maduro, 'Talks stall in Caracas'],
    ] as const) {
      await call('documents.updateMetadata', {
        id,
        changes: { title, outlet: 'Reuters', published: '2024-05' },
      });
    }
    const keyOf = (content: string, id: string) =>
      (JSON.parse(content) as { id: string; 'citation-key': string }[]).find((i) => i.id === id)?.[
        'citation-key'
      ];
    const all = (await call('exports.render', { format: 'csl-json' })).content;
    expect([keyOf(all, fox), keyOf(all, maduro)].sort()).toEqual(['reuters2024talksa', 'reuters2024talksb']);
    const scoped = (await call('exports.render', { format: 'csl-json', scope: 'resume' })).content;
    expect(keyOf(scoped, fox)).toBe(keyOf(all, fox));
    app.close();
  });
});

describe('references and quote citations', () => {
  it("shows a document's reference as it will be cited, and the type it is cited as", async () => {
    const { app, call, docs } = await corpusApp();
    const id = docs.get('thanhnien-agreements.txt')!;
    const reference = await call('citations.reference', { documentId: id, style: 'apa' });
    expect(reference).toMatchObject({ type: 'article-newspaper', typeInferred: true });
    // The outlet keeps its own spelling: a style's title case does not make it "Thanh Niên".
    expect(reference.text).toContain('. Báo Thanh niên. https://thanhnien.vn/');
    await call('documents.updateMetadata', { id, changes: { referenceType: 'webpage' } });
    expect(await call('citations.reference', { documentId: id })).toMatchObject({
      type: 'webpage',
      typeInferred: false,
    });
    app.close();
  });

  it('quotes a passage with its citation and reference, and a claim with each of its passages', async () => {
    const { app, call, docs } = await corpusApp();
    const quote =
      'The factory is expected to assemble about 25,000 Kalashnikov automatic assault rifles annually.';
    const h = await highlightQuote(call, docs.get('tass-rogozin-trust.txt')!, quote);
    const cited = await call('citations.quote', { highlightId: h.id, style: 'apa' });
    // The quote, then APA's citation: no author, so the title; no year known (December 16 has none).
    expect(cited.text.split('\n')[0]).toBe(
      `“${quote}” (“Trust between Venezuela, Russia Key Element in Development of Bilateral Relations,” n.d.)`,
    );
    expect(cited.text).toMatch(/^“The factory is expected/);
    expect(cited.text).toContain('TASS');
    expect(cited.html).toMatch(/^<p>“The factory/);
    // A note style puts the citation in a numbered note.
    const notes = await call('citations.quote', { highlightId: h.id, style: 'chicago-note-bibliography' });
    expect(notes.text).toMatch(/rifles annually\.”\[1\]\n\[1\] /);

    const other = await highlightQuote(call, docs.get('thanhnien-agreements.txt')!, 'Venezuela');
    const claim = await call('claims.create', { statement: 'Arms deal', passage: { highlightId: h.id } });
    await call('claims.addPassage', { claimId: claim.id, passage: { highlightId: other.id } });
    const both = await call('citations.quote', { claimId: claim.id });
    expect(both.text.match(/^“/gm)).toHaveLength(2);
    expect(both.text).toContain('Báo Thanh niên');
    expect((await rejection(call('citations.quote', {}))).message).toMatch(/highlight or a claim/);
    app.close();
  });
});

describe("the user's styles", () => {
  it('adds a .csl file, lists it, formats with it, and removes it; refuses one that is not a style', async () => {
    const { app, call } = await corpusApp();
    const xml = readFileSync(
      join(process.cwd(), 'electron', 'citations', 'csl', 'styles', 'apa.csl'),
      'utf8',
    ).replace(/<title>[^<]*<\/title>/, '<title>House style</title>');
    const added = await call('citations.addStyle', { fileName: 'house.csl', xml });
    expect(added).toMatchObject({ title: 'House style', class: 'in-text', bundled: false });
    expect((await call('citations.styles', {})).map((s) => s.title)).toContain('House style');
    const formatted = await call('exports.render', { format: 'bibliography', style: added.id });
    expect(formatted.count).toBe(5);
    await call('citations.removeStyle', { id: added.id });
    expect((await call('citations.styles', {})).map((s) => s.id)).not.toContain(added.id);
    const hostile = '<?xml version="1.0"?><!DOCTYPE style [<!ENTITY x SYSTEM "file:///etc/passwd">]><style/>';
    expect(
      (await rejection(call('citations.addStyle', { fileName: 'x.csl', xml: hostile }))).message,
    ).toMatch(/DOCTYPE|ENTITY/);
    expect((await rejection(call('citations.removeStyle', { id: 'apa' }))).code).toBe('not_found');
    app.close();
  });
});
