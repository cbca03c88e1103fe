// When a document is replaced by a corrected file, its highlights follow their passages: moved by text added
// before them, stretched by words added inside, updated when a typo inside is fixed. A passage that is gone
// leaves an orphan, listed with the claims it supported, until the researcher re-attaches it.
import { describe, expect, it } from 'vitest';
import { OrphanedHighlight } from '../../../../shared/annotations';
import { Highlight } from '../../../../shared/domain';
import { nowIso } from '../../../../electron/db/clock';
import { reanchorDocument } from '../../../../electron/services/orphans';
import { importText, makeApp, rejection, type Call } from '../../helpers/app';

const base64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

const QUOTE = 'the ministry confirmed that the Venezeulan plant will assemble rifles';
const ARTICLE = [
  'Rifle plant in Maracay',
  '',
  `On Monday ${QUOTE} from next year.`,
  '',
  'Officials gave no figure for the number of jobs the factory would create in the region.',
].join('\n');

async function setup() {
  const made = makeApp();
  const doc = await importText(made.call, 'plant.txt', ARTICLE);
  const start = ARTICLE.indexOf(QUOTE);
  const claim = await made.call('claims.create', {
    passage: { documentId: doc.id, start, end: start + QUOTE.length },
  });
  const highlightId = claim.passages[0]!.highlightId;
  return { ...made, doc, claim, highlightId };
}

async function reimport(call: Call, id: string, text: string) {
  return call('documents.reimportFile', { id, fileName: 'plant.txt', dataBase64: base64(text) });
}

async function highlightOf(call: Call, documentId: string, id: string) {
  const found = (await call('highlights.list', { documentId })).find((h) => h.id === id);
  if (!found) throw new Error('highlight not listed');
  return found;
}

describe('re-anchoring when a document is replaced', () => {
  it('moves a highlight past text inserted before it, and leaves it be when text is added after', async () => {
    const { app, call, doc, highlightId } = await setup();
    const before = await highlightOf(call, doc.id, highlightId);
    const longer = ARTICLE.replace(
      'Rifle plant in Maracay',
      'Rifle plant in Maracay\n\nBy our correspondent',
    );
    const replaced = await reimport(call, doc.id, longer);
    const moved = await highlightOf(call, doc.id, highlightId);
    expect(moved.quote.exact).toBe(QUOTE);
    expect(moved.position.start).toBe(before.position.start + '\n\nBy our correspondent'.length);
    expect(replaced.text.slice(moved.position.start, moved.position.end)).toBe(QUOTE);

    await reimport(call, doc.id, `${longer}\n\nUpdated on Tuesday.`);
    const after = await highlightOf(call, doc.id, highlightId);
    expect(after.position).toEqual(moved.position);
    expect(after.quote.exact).toBe(QUOTE);
    expect(await call('orphans.list', {})).toEqual([]);
    app.close();
  });

  it('stretches a highlight over words inserted inside its passage', async () => {
    const { app, call, doc, highlightId, claim } = await setup();
    const edited = ARTICLE.replace('will assemble rifles', 'will soon assemble rifles');
    const replaced = await reimport(call, doc.id, edited);
    const moved = await highlightOf(call, doc.id, highlightId);
    expect(moved.quote.exact).toBe(QUOTE.replace('will assemble', 'will soon assemble'));
    expect(replaced.text.slice(moved.position.start, moved.position.end)).toBe(moved.quote.exact);
    expect(moved.orphanedAt).toBeNull();
    // The claim's statement was the researcher's draft; only the passage follows the text.
    const after = await call('claims.get', { id: claim.id });
    expect(after.statement).toBe(QUOTE);
    expect(after.passages[0]).toMatchObject({ quote: moved.quote.exact, orphaned: false });
    app.close();
  });

  it('follows a typo fixed inside the passage: the quote now reads as the corrected text', async () => {
    const { app, call, doc, highlightId } = await setup();
    const fixed = ARTICLE.replace('Venezeulan', 'Venezuelan');
    const replaced = await reimport(call, doc.id, fixed);
    const moved = await highlightOf(call, doc.id, highlightId);
    expect(moved.quote.exact).toBe(QUOTE.replace('Venezeulan', 'Venezuelan'));
    expect(moved.position.start).toBe(replaced.text.indexOf('the ministry confirmed'));
    expect(moved.orphanedAt).toBeNull();
    app.close();
  });

  it('orphans a highlight whose passage was deleted, lists it with its claims, and re-attaches it', async () => {
    const { app, call, doc, highlightId, claim } = await setup();
    const without = ARTICLE.replace(`On Monday ${QUOTE} from next year.`, 'The ministry said nothing more.');
    const replaced = await reimport(call, doc.id, without);

    const orphan = await highlightOf(call, doc.id, highlightId);
    expect(orphan.orphanedAt).not.toBeNull();
    expect(orphan.quote.exact).toBe(QUOTE);
    const orphans = await call('orphans.list', {});
    expect(orphans).toEqual([
      {
        highlightId,
        documentId: doc.id,
        documentTitle: replaced.title,
        quote: QUOTE,
        note: '',
        orphanedAt: orphan.orphanedAt,
        claimIds: [claim.id],
      },
    ]);
    expect(OrphanedHighlight.array().parse(orphans)).toEqual(orphans);
    expect((await call('claims.get', { id: claim.id })).passages[0]?.orphaned).toBe(true);

    const target = 'The ministry said nothing more.';
    const start = replaced.text.indexOf(target);
    // A selection with the line break before it is trimmed to the words, as when highlighting.
    const reattached = await call('highlights.reattach', {
      id: highlightId,
      start: start - 1,
      end: start + target.length,
    });
    expect(Highlight.parse(reattached)).toEqual(reattached);
    expect(reattached).toMatchObject({
      id: highlightId,
      orphanedAt: null,
      claimIds: [claim.id],
      quote: { exact: target },
      position: { start, end: start + target.length },
    });
    expect(await call('orphans.list', {})).toEqual([]);
    expect((await call('claims.get', { id: claim.id })).passages[0]).toMatchObject({
      quote: target,
      orphaned: false,
    });
    expect(await call('history.state', {})).toMatchObject({ undo: 'Re-attach highlight' });

    expect((await call('history.undo', {})).label).toBe('Re-attach highlight');
    expect((await call('orphans.list', {})).map((o) => o.highlightId)).toEqual([highlightId]);
    await call('history.redo', {});
    expect(await highlightOf(call, doc.id, highlightId)).toMatchObject({
      orphanedAt: null,
      quote: { exact: target },
    });
    app.close();
  });

  it('finds an orphan again when its passage comes back in a later version', async () => {
    const { app, call, doc, highlightId } = await setup();
    await reimport(call, doc.id, ARTICLE.replace(QUOTE, 'nothing was said'));
    expect((await highlightOf(call, doc.id, highlightId)).orphanedAt).not.toBeNull();
    await reimport(call, doc.id, `${ARTICLE}\n\nCorrection appended.`);
    const found = await highlightOf(call, doc.id, highlightId);
    expect(found.orphanedAt).toBeNull();
    expect(found.quote.exact).toBe(QUOTE);
    expect(await call('orphans.list', {})).toEqual([]);
    app.close();
  });

  it('counts what moved, what was orphaned and what stayed', async () => {
    const { app, call, doc } = await setup();
    const officials = 'Officials gave no figure for the number of jobs';
    const start = ARTICLE.indexOf(officials);
    await call('highlights.create', { documentId: doc.id, start, end: start + officials.length });
    const title = 'Rifle plant in Maracay';
    await call('highlights.create', { documentId: doc.id, start: 0, end: title.length });
    const project = app.project;
    // The title and its context untouched; a typo fixed in the claim's passage; the last paragraph rewritten.
    const edited = ARTICLE.replace('Venezeulan', 'Venezuelan').replace(
      /Officials gave .*$/,
      'No figures were given.',
    );
    const counts = project.write((db) => reanchorDocument(project, db, doc.id, edited, nowIso()));
    expect(counts).toEqual({ moved: 1, orphaned: 1, unchanged: 1 });
    app.close();
  });
});

describe('re-attaching', () => {
  it('refuses an empty selection, a range past the end, and a deleted highlight', async () => {
    const { app, call, doc, highlightId } = await setup();
    const blank = ARTICLE.indexOf('\n\n');
    const empty = await rejection(
      call('highlights.reattach', { id: highlightId, start: blank, end: blank + 2 }),
    );
    expect(empty.code).toBe('invalid_input');
    const past = await rejection(
      call('highlights.reattach', { id: highlightId, start: 0, end: ARTICLE.length + 5 }),
    );
    expect(past.code).toBe('invalid_input');
    await call('highlights.delete', { id: highlightId });
    const gone = await rejection(call('highlights.reattach', { id: highlightId, start: 0, end: 5 }));
    expect(gone.code).toBe('not_found');
    expect(await call('highlights.list', { documentId: doc.id })).toEqual([]);
    app.close();
  });
});
