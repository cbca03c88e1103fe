// Search over the corpus articles (issue 6): case and diacritics do not matter in any of their languages,
// every operator and filter does what the query language says, snippets mark the words found, and the index
// follows every write: edits, deletes, undo, re-import, merges of tags and entities, and a rebuild.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MATCH_END, MATCH_START, type SearchKind } from '../../../../shared/search';
import { corpusApp, importText, makeApp, rejection, type Call } from '../../helpers/app';

const CORPUS = join(process.cwd(), 'tests', 'fixtures', 'corpus');

async function found(call: Call, query: string, kinds?: SearchKind[]) {
  return (await call('search.query', { query, kinds, limit: 50 })).results;
}

const marked = (snippet: string) => snippet.replaceAll(MATCH_START, '[').replaceAll(MATCH_END, ']');

describe('search across the corpus languages', () => {
  it('ignores case and diacritics: "bao thanh nien" finds "Báo Thanh niên"', async () => {
    const { app, call, docs } = await corpusApp();
    const results = await found(call, 'bao thanh nien', ['document']);
    expect(results.map((r) => r.id)).toEqual([docs.get('thanhnien-agreements.txt')]);
    expect(marked(results[0]!.snippet)).toMatch(/\[Báo\] \[Thanh\]/);
    app.close();
  });

  it('finds Dutch text and Spanish names without their accents', async () => {
    const { app, call, docs } = await corpusApp();
    const dutch = readFileSync(join(CORPUS, 'albaciudad-borisov-nl.txt'), 'utf8');
    // A Dutch word of the article, typed in capitals.
    const word = /\b(samenwerking|betrekkingen|overeenkomst)\w*/i.exec(dutch)?.[0];
    expect(word).toBeDefined();
    const results = await found(call, word!.toUpperCase(), ['document']);
    expect(results.map((r) => r.id)).toContain(docs.get('albaciudad-borisov-nl.txt'));
    const nicolas = await found(call, 'nicolas maduro', ['document']);
    expect(nicolas.length).toBeGreaterThan(0);
    expect(nicolas.some((r) => marked(r.snippet).includes('[Nicolás]'))).toBe(true);
    app.close();
  });

  it('finds prefixes, phrases, OR and NOT', async () => {
    const { app, call, docs } = await corpusApp();
    const tass = docs.get('tass-rogozin-trust.txt');
    expect((await found(call, 'kalash*', ['document'])).map((r) => r.id)).toContain(tass);
    expect((await found(call, 'kalash', ['document'])).map((r) => r.id)).not.toContain(tass);
    expect((await found(call, '"automatic assault rifles"', ['document'])).map((r) => r.id)).toEqual([tass]);
    expect(await found(call, '"assault automatic rifles"', ['document'])).toEqual([]);
    const either = (await found(call, 'rogozin OR chernyshenko', ['document'])).map((r) => r.id);
    expect(either).toEqual(expect.arrayContaining([tass, docs.get('thanhnien-agreements.txt')]));
    const without = (await found(call, 'venezuela -rogozin', ['document'])).map((r) => r.id);
    expect(without).not.toContain(tass);
    expect(without.length).toBeGreaterThan(0);
    expect((await found(call, 'venezuela NOT rogozin', ['document'])).map((r) => r.id)).toEqual(without);
    app.close();
  });

  it('finds phrases as words side by side, however common the words, and never across two texts', async () => {
    const { app, call } = makeApp();
    const text = [
      'Gamma rays met the minister of state.',
      'The state minister said the Đảng Cộng sản agreed with Jean-Pierre.',
      'Minister, state your name.',
    ].join('\n\n');
    const doc = await importText(call, 'Alpha Beta.txt', text);
    await call('documents.updateMetadata', { id: doc.id, changes: { title: 'Alpha Beta' } });
    const ids = async (query: string) => (await found(call, query, ['document'])).map((r) => r.id);
    expect(await ids('"state minister"')).toEqual([doc.id]);
    expect(await ids('"the state minister said"')).toEqual([doc.id]);
    // Both words are there, never side by side in this order ("minister, state" has a comma between: it is).
    expect(await ids('"minister said state"')).toEqual([]);
    expect(await ids('"minister state"')).toEqual([doc.id]);
    expect(await ids('"rays state"')).toEqual([]);
    // The title ends with "Beta" and the text begins with "Gamma": not a phrase.
    expect(await ids('"beta gamma"')).toEqual([]);
    expect(await ids('"alpha beta"')).toEqual([doc.id]);
    // Plain letters, and a word with a hyphen (two words side by side).
    expect(await ids('"dang cong san"')).toEqual([doc.id]);
    expect(await ids('jean-pierre')).toEqual([doc.id]);
    expect(await ids('jean-paul')).toEqual([]);
    expect(await ids('minister -"state minister"')).toEqual([]);
    expect(await ids('"minister of state" OR zebra')).toEqual([doc.id]);
    // The snippet marks the phrase where it stands.
    const [hit] = await found(call, '"state minister"', ['document']);
    expect(marked(hit!.snippet)).toMatch(/The \[state minister\] said/);
    app.close();
  });

  it('finds a phrase of common words only where they stand side by side, in any language', async () => {
    const { app, call } = makeApp();
    const a = await importText(
      call,
      'a.txt',
      'Talks\n\nThe talks of the week went on. Dijo que el acuerdo sigue.',
    );
    const b = await importText(
      call,
      'b.txt',
      'Week\n\nThe week of talks; the talks went on. Que dijo el acuerdo.',
    );
    const c = await importText(
      call,
      'c.txt',
      'Of\n\nOf the talks, of Maduro the, said that the minister left.',
    );
    const ids = async (query: string) => (await found(call, query, ['document'])).map((r) => r.id).sort();
    const sorted = (...list: string[]) => [...list].sort();
    expect(await ids('"of the"')).toEqual(sorted(a.id, c.id));
    expect(await ids('"the of"')).toEqual([]);
    // In c, "of the" and "the said" are pairs, with other words between them: not one phrase.
    expect(await ids('"of the said"')).toEqual([]);
    expect(await ids('"the said that the"')).toEqual([c.id]);
    expect(await ids('"said that the"')).toEqual([c.id]);
    expect(await ids('"said the"')).toEqual([]);
    expect(await ids('"dijo que"')).toEqual([a.id]);
    expect(await ids('"que el"')).toEqual([a.id]);
    expect(await ids('"que dijo el"')).toEqual([b.id]);
    // A phrase with a rarer word is looked up as words.
    expect(await ids('"went on"')).toEqual(sorted(a.id, b.id));
    expect(await ids('"of the week"')).toEqual([a.id]);
    expect(await ids('"the talks" -"of the"')).toEqual([b.id]);
    app.close();
  });

  it('leaves out boilerplate at the right place after characters beyond the BMP', async () => {
    const { app, call } = makeApp();
    // Emoji take two UTF-16 units and one SQLite character: the blocks are cut at the app's offsets.
    const text = [
      '😀😀😀😀 Opening words here.',
      'Subscribe to our newsletter today.',
      'Closing words there.',
    ].join('\n\n');
    const doc = await importText(call, 'emoji.txt', text);
    const detail = await call('documents.get', { id: doc.id });
    const block = detail.blocks.findIndex((b) => detail.text.slice(b.start, b.end).startsWith('Subscribe'));
    expect(block).toBe(1);
    await call('documents.setBoilerplate', { id: doc.id, blockIndexes: [block], boilerplate: true });
    const ids = async (query: string) => (await found(call, query, ['document'])).map((r) => r.id);
    expect(await ids('newsletter')).toEqual([]);
    expect(await ids('subscribe')).toEqual([]);
    expect(await ids('"closing words there"')).toEqual([doc.id]);
    expect(await ids('opening')).toEqual([doc.id]);
    app.close();
  });

  it('refuses what it cannot read, saying what is wrong', async () => {
    const { app, call } = await corpusApp();
    expect((await rejection(call('search.query', { query: 'status:bogus' }))).message).toMatch(
      /status: must be one of unverified, supported/,
    );
    expect((await rejection(call('search.query', { query: '-rogozin' }))).message).toMatch(/add something/);
    expect((await rejection(call('search.query', { query: 'date:soon' }))).message).toMatch(/date:/);
    // FTS5 syntax typed by the user is only words.
    expect(await found(call, 'NEAR( "x" ) AND * ^')).toEqual([]);
    expect(await found(call, '')).toEqual([]);
    app.close();
  });
});

describe('filters', () => {
  it('outlet:, lang: and date: pick documents by their metadata', async () => {
    const { app, call, docs } = await corpusApp();
    expect((await found(call, 'outlet:tass', ['document'])).map((r) => r.id)).toEqual([
      docs.get('tass-rogozin-trust.txt'),
    ]);
    expect((await found(call, 'lang:nl', ['document'])).map((r) => r.id)).toEqual([
      docs.get('albaciudad-borisov-nl.txt'),
    ]);
    const in2024 = await found(call, 'type:document date:2024');
    expect(in2024.map((r) => r.id)).toContain(docs.get('thanhnien-agreements.txt'));
    for (const r of in2024) expect(r.date?.startsWith('2024')).toBe(true);
    // TASS's "December 16" has no year: it is in no range.
    expect((await found(call, 'type:document date:1900..2100')).map((r) => r.id)).not.toContain(
      docs.get('tass-rogozin-trust.txt'),
    );
    app.close();
  });

  it('status:, claimant:, tag: and type: find claims, passages and events', async () => {
    const { app, call, docs } = await corpusApp();
    const tass = docs.get('tass-rogozin-trust.txt')!;
    const text = readFileSync(join(CORPUS, 'tass-rogozin-trust.txt'), 'utf8');
    const quote =
      'The factory is expected to assemble about 25,000 Kalashnikov automatic assault rifles annually.';
    const detail = await call('documents.get', { id: tass });
    const start = detail.text.indexOf(quote);
    expect(start).toBeGreaterThan(0);
    expect(text).toContain(quote);
    const rogozin = await call('entities.create', {
      kind: 'person',
      name: 'Dmitry Rogozin',
      aliases: ['Rogozine'],
    });
    const arms = await call('tags.createPath', { names: ['Military', 'Small arms'] });
    const claim = await call('claims.create', {
      passage: { documentId: tass, start, end: start + quote.length },
      claimantId: rogozin.id,
      status: 'disputed',
      tagIds: [arms.id],
    });

    expect((await found(call, 'status:disputed')).map((r) => [r.kind, r.id])).toEqual([['claim', claim.id]]);
    expect((await found(call, 'status:supported')).length).toBe(0);
    // Filters with words left out: the filtered rows but those the words find.
    expect(await found(call, 'status:disputed -kalashnikov')).toEqual([]);
    expect((await found(call, 'status:disputed -zebra')).map((r) => r.id)).toEqual([claim.id]);
    expect((await found(call, 'claimant:rogozine status:disputed')).map((r) => r.id)).toEqual([claim.id]);
    expect((await found(call, 'claimant:"dmitry rogozin" kalashnikov')).map((r) => r.id)).toEqual([claim.id]);
    expect(await found(call, 'claimant:nobody')).toEqual([]);
    // A tag finds what it is on, by name or by path, and a parent tag finds what its children are on.
    expect((await found(call, 'tag:"small arms"')).map((r) => r.id)).toEqual([claim.id]);
    expect((await found(call, 'tag:military')).map((r) => r.id)).toEqual([claim.id]);
    expect((await found(call, 'tag:"military / small arms" type:claim')).map((r) => r.id)).toEqual([
      claim.id,
    ]);
    expect(await found(call, 'tag:"small arms" type:document')).toEqual([]);
    // The claim's passage is a passage result, at its place in the text, with its document's title.
    const passages = await found(call, 'kalashnikov type:passage');
    expect(passages).toHaveLength(1);
    expect(passages[0]).toMatchObject({ documentId: tass, start, end: start + quote.length });
    expect(passages[0]!.title).toMatch(/Trust between Venezuela, Russia/);
    // People and tags are found by name.
    expect((await found(call, 'rogozin', ['entity'])).map((r) => r.id)).toEqual([rogozin.id]);
    expect((await found(call, 'small', ['tag'])).map((r) => r.id)).toEqual([arms.id]);
    app.close();
  });

  it('outlet:, lang: and date: find passages by their document, and follow its metadata', async () => {
    const { app, call, docs } = await corpusApp();
    const thanhNien = docs.get('thanhnien-agreements.txt')!;
    const dutch = docs.get('albaciudad-borisov-nl.txt')!;
    const mark = async (documentId: string) => {
      const { text } = await call('documents.get', { id: documentId });
      const start = text.indexOf('Venezuela');
      expect(start).toBeGreaterThan(0);
      return (await call('highlights.create', { documentId, start, end: start + 'Venezuela'.length })).id;
    };
    const inThanhNien = await mark(thanhNien);
    const inDutch = await mark(dutch);
    const ids = async (query: string) => (await found(call, query)).map((r) => `${r.kind}:${r.id}`).sort();

    expect(await ids('venezuela type:passage lang:nl')).toEqual([`passage:${inDutch}`]);
    expect(await ids('type:passage date:2024-11')).toEqual([`passage:${inThanhNien}`]);
    // The start of the outlet's last word is enough; words elsewhere in it are not.
    expect(await ids('outlet:"thanh ni" venezuela')).toEqual(
      [`document:${thanhNien}`, `passage:${inThanhNien}`].sort(),
    );
    expect(await ids('outlet:anh venezuela')).toEqual([]);
    // A date at month precision shares days with a range that cuts the month.
    await call('documents.updateMetadata', { id: dutch, changes: { published: '2022-02' } });
    expect(await ids('type:passage date:2022-02-20..2022-03-05')).toEqual([`passage:${inDutch}`]);
    expect(await ids('type:passage date:2022-03-01..2022-03-05')).toEqual([]);
    // Changing a document's language or outlet changes what its passages are found by.
    await call('documents.updateMetadata', { id: dutch, changes: { language: 'vi', outlet: 'Tuổi Trẻ' } });
    expect(await ids('type:passage lang:vi')).toEqual([`passage:${inDutch}`]);
    expect(await ids('type:passage outlet:tuoi')).toEqual([`passage:${inDutch}`]);
    expect(await ids('type:passage lang:nl')).toEqual([]);
    // Filters the index answers, with words left out.
    expect(await ids('type:passage lang:vi -venezuela')).toEqual([]);
    expect(await ids('type:document date:2024 -zebra')).toEqual([`document:${thanhNien}`]);
    app.close();
  });

  it('date: finds events that share a day with the range', async () => {
    const { app, call } = await corpusApp();
    const july = await call('events.create', { title: 'Factory agreement', start: '2006-07' });
    await call('events.create', { title: 'Agreements signed', start: '2024-11-07' });
    await call('events.create', { title: 'Talks in Caracas', start: '--12-16' });
    expect((await found(call, 'type:event date:2006-07-14')).map((r) => r.id)).toEqual([july.id]);
    expect((await found(call, 'type:event date:2000..2010')).map((r) => r.id)).toEqual([july.id]);
    expect((await found(call, 'type:event date:..2030')).map((r) => r.title)).toEqual([
      'Agreements signed',
      'Factory agreement',
    ]);
    expect((await found(call, 'agreement*', ['event'])).length).toBe(2);
    app.close();
  });
});

describe('the index follows every write', () => {
  it('edits, deletes, undo and redo of highlights and claims', async () => {
    const { app, call, docs } = await corpusApp();
    const tass = docs.get('tass-rogozin-trust.txt')!;
    const highlight = await call('highlights.create', {
      documentId: tass,
      start: 10,
      end: 40,
      note: 'zebra note',
    });
    expect((await found(call, 'zebra', ['passage'])).map((r) => r.id)).toEqual([highlight.id]);
    await call('highlights.update', { id: highlight.id, note: 'giraffe note' });
    expect(await found(call, 'zebra', ['passage'])).toEqual([]);
    expect((await found(call, 'giraffe', ['passage'])).map((r) => r.id)).toEqual([highlight.id]);
    await call('history.undo', {});
    expect((await found(call, 'zebra', ['passage'])).map((r) => r.id)).toEqual([highlight.id]);
    await call('history.redo', {});
    await call('highlights.delete', { id: highlight.id });
    expect(await found(call, 'giraffe', ['passage'])).toEqual([]);
    await call('history.undo', {});
    expect((await found(call, 'giraffe', ['passage'])).map((r) => r.id)).toEqual([highlight.id]);

    const claim = await call('claims.create', {
      passage: { documentId: tass, start: 10, end: 40 },
      statement: 'An okapi was seen',
    });
    expect((await found(call, 'okapi', ['claim'])).map((r) => r.id)).toEqual([claim.id]);
    await call('claims.update', { id: claim.id, statement: 'A narwhal was seen' });
    expect(await found(call, 'okapi', ['claim'])).toEqual([]);
    await call('claims.delete', { id: claim.id });
    expect(await found(call, 'narwhal', ['claim'])).toEqual([]);
    await call('history.undo', {});
    expect((await found(call, 'narwhal', ['claim'])).map((r) => r.id)).toEqual([claim.id]);
    app.close();
  });

  it('document titles, boilerplate and merges of tags and entities', async () => {
    const { app, call, docs } = await corpusApp();
    const tass = docs.get('tass-rogozin-trust.txt')!;
    await call('documents.updateMetadata', { id: tass, changes: { title: 'Quokka report' } });
    expect((await found(call, 'quokka', ['document'])).map((r) => r.id)).toEqual([tass]);
    // Boilerplate is not searched: "All news" heads the TASS page.
    const detail = await call('documents.get', { id: tass });
    const block = detail.blocks.findIndex((b) => detail.text.slice(b.start, b.end).includes('All news'));
    expect(block).toBeGreaterThanOrEqual(0);
    const boilerplate = detail.blocks[block]!.boilerplate === true;
    expect(boilerplate).toBe(true);
    expect((await found(call, '"all news"', ['document'])).map((r) => r.id)).not.toContain(tass);

    const a = await call('tags.create', { name: 'Wombat' });
    const b = await call('tags.create', { name: 'Marsupial' });
    await call('tags.merge', { sourceId: a.id, targetId: b.id });
    expect(await found(call, 'wombat', ['tag'])).toEqual([]);
    expect((await found(call, 'marsupial', ['tag'])).map((r) => r.id)).toEqual([b.id]);

    // A merged entity is found by its names under the survivor, which takes them as aliases.
    const kept = await call('entities.create', { kind: 'person', name: 'Nicolás Maduro' });
    const twin = await call('entities.create', { kind: 'person', name: 'Nicolas Maduro Moros' });
    await call('entities.merge', { sourceId: twin.id, targetId: kept.id });
    expect((await found(call, 'moros', ['entity'])).map((r) => r.id)).toEqual([kept.id]);
    await call('history.undo', {});
    expect((await found(call, 'moros', ['entity'])).map((r) => r.id)).toEqual([twin.id]);
    app.close();
  });

  it('rebuilds to the same results', async () => {
    const { app, call } = await corpusApp();
    const before = await found(call, 'venezuela');
    const { reindex } = await import('../../../../electron/services/search');
    expect(reindex(app.project).rows).toBeGreaterThan(0);
    expect(await found(call, 'venezuela')).toEqual(before);
    app.close();
  });
});

describe('the index at scale and after edits', () => {
  it('filters alone list every match, newest published first, and an export scope takes them all', async () => {
    const { app, call } = makeApp();
    const { insertDocument } = await import('../../../../electron/db/documents');
    // 2,100 articles of one outlet, the recent ones imported first: more than a ranking window.
    app.project.write((db) => {
      for (let i = 0; i < 2100; i++) {
        const text = `Report number ${i} on the harbour.`;
        insertDocument(db, {
          id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
          title: `Report ${i}`,
          outlet: 'Harbour Gazette',
          url: null,
          authors: [],
          published: `${2024 - Math.floor(i / 200)}-01-01`,
          language: 'en',
          evidence: {},
          importedAt: `2026-01-01T00:00:${String(i % 60).padStart(2, '0')}.${String(i).padStart(3, '0')}Z`,
          fileName: `r${i}.txt`,
          mediaType: 'text/plain',
          text,
          blocks: [{ type: 'paragraph', start: 0, end: text.length }],
          textSha256: `t${i}`,
          originalSha256: `o${i}`,
          original: new Uint8Array([i % 256]),
        });
      }
    });
    const newest = await call('search.query', {
      query: 'outlet:"harbour gazette"',
      kinds: ['document'],
      limit: 5,
    });
    expect(newest.results.map((r) => r.date)).toEqual(Array(5).fill('2024-01-01'));
    const oldest = await call('search.query', {
      query: 'outlet:harbour date:..2014',
      kinds: ['document'],
      limit: 200,
    });
    expect(oldest.results).toHaveLength(100);
    expect((await call('exports.render', { format: 'ris', scope: 'outlet:harbour' })).count).toBe(2100);
    expect((await call('exports.render', { format: 'ris', scope: 'harbour' })).count).toBe(2100);
    app.close();
  });

  it('saving metadata re-indexes a document only when an indexed value changed', async () => {
    const { app, call, docs } = await corpusApp();
    const tass = docs.get('tass-rogozin-trust.txt')!;
    const segments = () =>
      app.project.db
        .prepare(`SELECT count(*) || ':' || max(rowid) FROM search_fts_document_data`)
        .pluck()
        .get();
    const before = segments();
    await call('documents.updateMetadata', { id: tass, changes: { url: 'https://tass.com/world/1' } });
    expect(segments()).toBe(before);
    await call('documents.updateMetadata', { id: tass, changes: { title: 'Okapi sighted' } });
    expect(segments()).not.toBe(before);
    expect((await found(call, 'okapi', ['document'])).map((r) => r.id)).toEqual([tass]);
    app.close();
  });

  it('finds alone every word a phrase finds, ligatures included; two date filters that never meet find nothing', async () => {
    const { app, call } = makeApp();
    const doc = await importText(
      call,
      'pdf-like.txt',
      'The \uFB01nal report was published.\n\nNothing else.',
    );
    expect((await found(call, '"final report"', ['document'])).map((r) => r.id)).toEqual([doc.id]);
    expect((await found(call, 'final', ['document'])).map((r) => r.id)).toEqual([doc.id]);
    await call('events.create', { title: 'Long talks', start: '2019-06', end: '2020-06' });
    expect((await found(call, 'type:event date:2019')).length).toBe(1);
    expect(await found(call, 'type:event date:2019 date:2020')).toEqual([]);
    app.close();
  });

  it('numbers index rows in the order rows were made, so the newest are ranked first', async () => {
    const { app, call } = await corpusApp();
    const { reindex } = await import('../../../../electron/services/search');
    reindex(app.project);
    const numbered = app.project.db
      .prepare(`SELECT ref FROM search_rows WHERE kind = 'document' ORDER BY id`)
      .pluck()
      .all();
    const made = app.project.db.prepare(`SELECT id FROM documents ORDER BY imported_at, id`).pluck().all();
    expect(numbered).toEqual(made);
    expect((await found(call, 'venezuela', ['document'])).length).toBeGreaterThan(0);
    app.close();
  });
});

describe('saved searches', () => {
  it('saves, lists, renames by saving again, and deletes', async () => {
    const { app, call } = await corpusApp();
    const saved = await call('searches.save', { name: 'Arms', query: 'kalashnikov OR rifles' });
    await call('searches.save', { name: 'Disputed', query: 'status:disputed' });
    expect((await call('searches.list', {})).map((s) => s.name)).toEqual(['Arms', 'Disputed']);
    const again = await call('searches.save', { name: 'arms', query: 'kalashnikov' });
    expect(again.id).toBe(saved.id);
    expect((await call('searches.list', {})).find((s) => s.id === saved.id)?.query).toBe('kalashnikov');
    expect((await rejection(call('searches.save', { name: 'Bad', query: 'status:nope' }))).message).toMatch(
      /status:/,
    );
    await call('searches.delete', { id: saved.id });
    expect((await call('searches.list', {})).map((s) => s.name)).toEqual(['Disputed']);
    expect((await rejection(call('searches.delete', { id: saved.id }))).code).toBe('not_found');
    app.close();
  });
});
