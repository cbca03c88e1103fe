// Claims through the same dispatch the UI uses: made from a passage being read (or an existing highlight),
// dated by their source, supported by passages from several documents, edited, deleted without losing the
// highlights, and undone as one action.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { Claim } from '../../../../shared/annotations';
import { importText, makeApp, rejection, type Call } from '../../helpers/app';

const TASS = [
  'Trust between Venezuela, Russia key element in development of bilateral relations',
  '',
  'Trust between Russia and Venezuela is a key element, the deputy prime minister said here on Monday.',
  '',
  'The factory is expected to assemble about 25,000 Kalashnikov automatic assault rifles annually.',
].join('\n');

const REUTERS = [
  'Venezuela opens rifle plant',
  '',
  'The plant will produce Kalashnikov rifles under a Russian licence, officials said on Tuesday.',
].join('\n');

type App = ReturnType<typeof makeApp>['app'];

async function importDocument(call: Call, fileName: string, text: string, published?: string) {
  const { id } = await importText(call, fileName, text);
  if (published) await call('documents.updateMetadata', { id, changes: { published } });
  const detail = await call('documents.get', { id });
  /** The range of `quote` in the document's text. */
  const range = (quote: string) => {
    const start = detail.text.indexOf(quote);
    if (start < 0) throw new Error(`not in the text: ${quote}`);
    return { start, end: start + quote.length };
  };
  return { ...detail, range };
}

async function setup() {
  const made = makeApp();
  const tass = await importDocument(made.call, 'tass.txt', TASS, '2024-11-08');
  return { ...made, tass };
}

/** Entities and tags come from the codebook; made directly here so these tests exercise claims only. */
function insertEntity(app: App, name: string): string {
  const id = randomUUID();
  const at = new Date().toISOString();
  app.project.db
    .prepare(`INSERT INTO entities (id, kind, name, created_at, updated_at) VALUES (?, 'person', ?, ?, ?)`)
    .run(id, name, at, at);
  return id;
}

function insertTag(app: App, name: string): string {
  const id = randomUUID();
  const at = new Date().toISOString();
  app.project.db
    .prepare(`INSERT INTO tags (id, name, created_at, updated_at) VALUES (?, ?, ?, ?)`)
    .run(id, name, at, at);
  return id;
}

describe('making a claim', () => {
  it('from a selection: the passage becomes a highlight, the statement and date come from it', async () => {
    const { app, call, tass } = await setup();
    const quote = 'Trust between Russia and Venezuela is a key element';
    const { start, end } = tass.range(quote);
    // A selection dragged over the paragraph break is trimmed to the words.
    const claim = await call('claims.create', { passage: { documentId: tass.id, start: start - 2, end } });
    expect(Claim.parse(claim)).toEqual(claim);
    expect(claim.statement).toBe(quote);
    expect(claim.claimDate).toBe('2024-11-08');
    expect(claim.status).toBe('unverified');
    expect(claim.claimantId).toBeNull();
    expect(claim.passages).toHaveLength(1);
    expect(claim.passages[0]).toMatchObject({
      documentId: tass.id,
      documentTitle: tass.title,
      quote,
      start,
      page: null,
      published: '2024-11-08',
      orphaned: false,
    });
    const [highlight] = await call('highlights.list', { documentId: tass.id });
    expect(highlight).toMatchObject({ color: 'yellow', claimIds: [claim.id], quote: { exact: quote } });
    expect(claim.passages[0]?.highlightId).toBe(highlight?.id);
    expect(await call('history.state', {})).toEqual({ undo: 'Create claim', redo: null });
    expect(await call('claims.get', { id: claim.id })).toEqual(claim);
    app.close();
  });

  it('from an existing highlight, with the researcher’s own statement, date and tags', async () => {
    const { app, call, tass } = await setup();
    const highlight = await call('highlights.create', {
      documentId: tass.id,
      ...tass.range('about 25,000 Kalashnikov automatic assault rifles annually'),
      color: 'green',
    });
    const tagId = insertTag(app, 'Arms');
    const claim = await call('claims.create', {
      passage: { highlightId: highlight.id },
      statement: '  The plant will make 25,000 rifles a year ',
      claimDate: null,
      status: 'disputed',
      tagIds: [tagId],
    });
    expect(claim).toMatchObject({
      statement: 'The plant will make 25,000 rifles a year',
      claimDate: null,
      status: 'disputed',
      tagIds: [tagId],
    });
    expect(claim.passages.map((p) => p.highlightId)).toEqual([highlight.id]);
    const highlights = await call('highlights.list', { documentId: tass.id });
    expect(highlights).toHaveLength(1);
    expect(highlights[0]).toMatchObject({ color: 'green', claimIds: [claim.id] });
    app.close();
  });

  it('refuses a claimant or tag that does not exist, and writes nothing', async () => {
    const { app, call, tass } = await setup();
    const passage = { documentId: tass.id, ...tass.range('the deputy prime minister said here on Monday') };
    const unknown = await rejection(call('claims.create', { passage, claimantId: randomUUID() }));
    expect(unknown.code).toBe('not_found');
    expect(unknown.message).toMatch(/claimant/);
    const badTag = await rejection(call('claims.create', { passage, tagIds: [randomUUID()] }));
    expect(badTag.code).toBe('not_found');
    expect(await call('claims.list', {})).toEqual([]);
    expect(await call('highlights.list', { documentId: tass.id })).toEqual([]);
    expect(await call('history.state', {})).toEqual({ undo: null, redo: null });

    const minister = insertEntity(app, 'Deputy prime minister');
    const claim = await call('claims.create', { passage, claimantId: minister });
    expect(claim.claimantId).toBe(minister);
    app.project.db.prepare(`UPDATE entities SET deleted_at = updated_at WHERE id = ?`).run(minister);
    const gone = await rejection(call('claims.create', { passage, claimantId: minister }));
    expect(gone.code).toBe('not_found');
    app.close();
  });

  it('refuses a selection of nothing but whitespace or past the end of the document', async () => {
    const { app, call, tass } = await setup();
    const blank = tass.text.indexOf('\n\n');
    const empty = await rejection(
      call('claims.create', { passage: { documentId: tass.id, start: blank, end: blank + 2 } }),
    );
    expect(empty.code).toBe('invalid_input');
    const past = await rejection(
      call('claims.create', { passage: { documentId: tass.id, start: 0, end: tass.text.length + 1 } }),
    );
    expect(past.code).toBe('invalid_input');
    expect(await call('claims.list', {})).toEqual([]);
    app.close();
  });
});

describe('passages', () => {
  it('a claim supported by two documents lists both passages with their sources', async () => {
    const { app, call, tass } = await setup();
    const reuters = await importDocument(call, 'reuters.txt', REUTERS, '2024-11-12');
    const claim = await call('claims.create', {
      passage: { documentId: tass.id, ...tass.range('about 25,000 Kalashnikov automatic assault rifles') },
    });
    const both = await call('claims.addPassage', {
      claimId: claim.id,
      passage: {
        documentId: reuters.id,
        ...reuters.range('produce Kalashnikov rifles under a Russian licence'),
      },
    });
    expect(await call('history.state', {})).toMatchObject({ undo: 'Add passage' });
    expect(both.statement).toBe(claim.statement);
    expect(both.claimDate).toBe('2024-11-08');
    // By document (title), then position.
    expect(both.passages.map((p) => [p.documentTitle, p.published, p.quote])).toEqual([
      [tass.title, '2024-11-08', 'about 25,000 Kalashnikov automatic assault rifles'],
      [reuters.title, '2024-11-12', 'produce Kalashnikov rifles under a Russian licence'],
    ]);
    expect(tass.title! < reuters.title!).toBe(true);

    const second = await call('claims.create', {
      passage: { documentId: reuters.id, ...reuters.range('officials said on Tuesday') },
    });
    const list = await call('claims.list', {});
    expect(list.map((c) => c.id)).toEqual([second.id, claim.id]);
    expect(list[1]).toEqual(both);
    app.close();
  });

  it('removing a passage keeps the highlight; adding it back revives the same link', async () => {
    const { app, call, tass } = await setup();
    const claim = await call('claims.create', {
      passage: { documentId: tass.id, ...tass.range('Trust between Russia and Venezuela is a key element') },
    });
    const highlightId = claim.passages[0]!.highlightId;
    const removed = await call('claims.removePassage', { claimId: claim.id, highlightId });
    expect(removed.passages).toEqual([]);
    expect(await call('history.state', {})).toMatchObject({ undo: 'Remove passage' });
    const [highlight] = await call('highlights.list', { documentId: tass.id });
    expect(highlight).toMatchObject({ id: highlightId, claimIds: [] });

    const back = await call('claims.addPassage', { claimId: claim.id, passage: { highlightId } });
    expect(back.passages.map((p) => p.highlightId)).toEqual([highlightId]);
    const again = await call('claims.addPassage', { claimId: claim.id, passage: { highlightId } });
    expect(again.passages).toHaveLength(1);
    const links = app.project.db
      .prepare(`SELECT count(*) FROM claim_passages WHERE claim_id = ?`)
      .pluck()
      .get(claim.id);
    expect(links).toBe(1);
    app.close();
  });

  it('deleting a highlight leaves the claim; the passage just stops being listed', async () => {
    const { app, call, tass } = await setup();
    const claim = await call('claims.create', {
      passage: { documentId: tass.id, ...tass.range('the deputy prime minister said here on Monday') },
    });
    await call('highlights.delete', { id: claim.passages[0]!.highlightId });
    const after = await call('claims.get', { id: claim.id });
    expect(after.statement).toBe(claim.statement);
    expect(after.passages).toEqual([]);
    app.close();
  });

  it('names the page of a passage in a paginated document', async () => {
    const { app, call, tass } = await setup();
    const { start, end } = tass.range('about 25,000 Kalashnikov automatic assault rifles');
    // A PDF's blocks carry their page (only PDFs have pages); make this document one whose last paragraph is
    // on page 2.
    app.project.db.prepare(`UPDATE documents SET media_type = 'application/pdf' WHERE id = ?`).run(tass.id);
    const blocks = tass.blocks.map((block, index) => ({
      ...block,
      page: index === tass.blocks.length - 1 ? 2 : 1,
    }));
    app.project.db
      .prepare(`UPDATE document_texts SET blocks = ? WHERE document_id = ?`)
      .run(JSON.stringify(blocks), tass.id);
    app.project.forgetContent(tass.id);
    const claim = await call('claims.create', { passage: { documentId: tass.id, start, end } });
    expect(claim.passages[0]?.page).toBe(2);
    expect((await call('claims.list', {}))[0]?.passages[0]?.page).toBe(2);
    app.close();
  });
});

describe('editing and deleting', () => {
  it('changes only the fields given; a null claimant means unknown', async () => {
    const { app, call, tass } = await setup();
    const minister = insertEntity(app, 'Deputy prime minister');
    const claim = await call('claims.create', {
      passage: { documentId: tass.id, ...tass.range('Trust between Russia and Venezuela is a key element') },
      claimantId: minister,
      note: 'from the wire',
    });
    const verdict = await call('claims.update', {
      id: claim.id,
      status: 'supported',
      rationale: 'Confirmed',
    });
    expect(verdict).toMatchObject({ status: 'supported', rationale: 'Confirmed', note: 'from the wire' });
    expect(verdict.claimantId).toBe(minister);
    expect(await call('history.state', {})).toMatchObject({ undo: 'Set status' });

    const edited = await call('claims.update', {
      id: claim.id,
      statement: 'Russia and Venezuela trust each other',
      claimantId: null,
      claimDate: '2024-11',
    });
    expect(edited).toMatchObject({
      statement: 'Russia and Venezuela trust each other',
      claimantId: null,
      claimDate: '2024-11',
      status: 'supported',
      note: 'from the wire',
    });
    expect(edited.updatedAt > verdict.updatedAt).toBe(true);
    expect(await call('history.state', {})).toMatchObject({ undo: 'Edit claim' });
    expect(await call('claims.get', { id: claim.id })).toEqual(edited);

    const missing = await rejection(call('claims.update', { id: claim.id, claimantId: randomUUID() }));
    expect(missing.code).toBe('not_found');
    app.close();
  });

  it('deleting a claim leaves its highlights', async () => {
    const { app, call, tass } = await setup();
    const claim = await call('claims.create', {
      passage: { documentId: tass.id, ...tass.range('Trust between Russia and Venezuela is a key element') },
    });
    expect(await call('claims.delete', { id: claim.id })).toEqual({ id: claim.id });
    expect(await call('history.state', {})).toMatchObject({ undo: 'Delete claim' });
    expect(await call('claims.list', {})).toEqual([]);
    expect((await rejection(call('claims.get', { id: claim.id }))).code).toBe('not_found');
    expect((await rejection(call('claims.delete', { id: claim.id }))).code).toBe('not_found');
    const [highlight] = await call('highlights.list', { documentId: tass.id });
    expect(highlight).toMatchObject({ id: claim.passages[0]?.highlightId, claimIds: [] });
    app.close();
  });
});

describe('undo and redo', () => {
  it('takes back a new claim together with the highlight made for it, and brings both back', async () => {
    const { app, call, tass } = await setup();
    const claim = await call('claims.create', {
      passage: { documentId: tass.id, ...tass.range('Trust between Russia and Venezuela is a key element') },
    });
    const undone = await call('history.undo', {});
    expect(undone.label).toBe('Create claim');
    expect(undone.areas).toEqual(expect.arrayContaining(['claims', 'highlights']));
    expect(undone.documentIds).toEqual([tass.id]);
    expect(await call('claims.list', {})).toEqual([]);
    expect(await call('highlights.list', { documentId: tass.id })).toEqual([]);
    const tombstones = app.project.db
      .prepare(
        `SELECT (SELECT deleted_at FROM claims WHERE id = ?) IS NOT NULL
            AND (SELECT deleted_at FROM highlights WHERE id = ?) IS NOT NULL`,
      )
      .pluck()
      .get(claim.id, claim.passages[0]!.highlightId);
    expect(tombstones).toBe(1);

    await call('history.redo', {});
    const [back] = await call('claims.list', {});
    expect(back).toMatchObject({ id: claim.id, statement: claim.statement, passages: claim.passages });
    const [highlight] = await call('highlights.list', { documentId: tass.id });
    expect(highlight?.claimIds).toEqual([claim.id]);
    app.close();
  });

  it('takes back an added passage', async () => {
    const { app, call, tass } = await setup();
    const claim = await call('claims.create', {
      passage: { documentId: tass.id, ...tass.range('Trust between Russia and Venezuela is a key element') },
    });
    const added = await call('claims.addPassage', {
      claimId: claim.id,
      passage: { documentId: tass.id, ...tass.range('about 25,000 Kalashnikov automatic assault rifles') },
    });
    expect(added.passages).toHaveLength(2);
    expect((await call('history.undo', {})).label).toBe('Add passage');
    expect((await call('claims.get', { id: claim.id })).passages).toEqual(claim.passages);
    expect(await call('highlights.list', { documentId: tass.id })).toHaveLength(1);
    await call('history.redo', {});
    expect((await call('claims.get', { id: claim.id })).passages.map((p) => p.quote)).toEqual(
      added.passages.map((p) => p.quote),
    );
    app.close();
  });
});
