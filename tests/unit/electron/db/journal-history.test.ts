// Undo never runs out of order: when an action cannot be undone (its rows were changed by a write outside the
// history, such as a re-import moving highlights, or by another window), the history ends there, so earlier
// actions that later ones depend on are never undone beneath them.
import { describe, expect, it } from 'vitest';
import { makeApp, rejection } from '../../helpers/app';

const base64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
const TEXT = 'Trust between Russia and Venezuela is a key element.\n\nThe factory will assemble rifles.';

async function setup() {
  const made = makeApp();
  const result = await made.call('documents.importFile', { fileName: 'a.txt', dataBase64: base64(TEXT) });
  if (result.status !== 'imported') throw new Error('not imported');
  return { ...made, doc: result.document };
}

describe('history and writes outside it', () => {
  it('a re-import that moves highlights ends the history, so no claim is left with a deleted claimant', async () => {
    const { app, call, doc } = await setup();
    const person = await call('entities.create', { kind: 'person', name: 'Dmitry Rogozin' });
    const claim = await call('claims.create', {
      passage: { documentId: doc.id, start: 0, end: 52 },
      claimantId: person.id,
    });
    await call('documents.reimportFile', {
      id: doc.id,
      fileName: 'a.txt',
      dataBase64: base64(`A line added on top.\n\n${TEXT}`),
    });
    expect(await call('history.state', {})).toEqual({ undo: null, redo: null });
    expect((await call('history.undo', {})).label).toBeNull();
    const after = await call('claims.get', { id: claim.id });
    expect(after.claimantId).toBe(person.id);
    expect((await call('entities.list', {})).map((e) => e.id)).toEqual([person.id]);
    app.close();
  });

  it('a refused undo leaves every row as it was and nothing older to undo', async () => {
    const { app, call, doc } = await setup();
    const person = await call('entities.create', { kind: 'person', name: 'Dmitry Rogozin' });
    const claim = await call('claims.create', {
      passage: { documentId: doc.id, start: 0, end: 52 },
      claimantId: person.id,
    });
    app.project.db.prepare(`UPDATE claims SET statement = 'edited elsewhere' WHERE id = ?`).run(claim.id);
    const error = await rejection(call('history.undo', {}));
    expect(error.code).toBe('conflict');
    expect(error.message).toMatch(/Nothing was changed/);
    expect(await call('history.state', {})).toEqual({ undo: null, redo: null });
    expect((await call('claims.get', { id: claim.id })).statement).toBe('edited elsewhere');
    expect((await call('entities.list', {})).map((e) => e.id)).toEqual([person.id]);
    app.close();
  });

  it('a deleted highlight restored after its passage left the text comes back orphaned, not misplaced', async () => {
    const { app, call, doc } = await setup();
    const h = await call('highlights.create', { documentId: doc.id, start: 54, end: 87 });
    expect(h.quote.exact).toBe('The factory will assemble rifles.');
    await call('highlights.delete', { id: h.id });
    await call('documents.reimportFile', {
      id: doc.id,
      fileName: 'a.txt',
      dataBase64: base64('Trust between Russia and Venezuela is a key element.\n\nNothing about factories.'),
    });
    const restored = await call('highlights.restore', { id: h.id });
    expect(restored.orphanedAt).not.toBeNull();
    expect((await call('orphans.list', {})).map((o) => o.highlightId)).toEqual([h.id]);
    app.close();
  });
});

describe('nested writes', () => {
  it('a labelled action inside an unlabelled write is still one undo entry', async () => {
    const { app, call } = await setup();
    const tag = await call('tags.create', { name: 'Weapons' });
    app.project.write(() =>
      app.project.write(
        (db) =>
          db
            .prepare(`UPDATE tags SET name = 'Arms', updated_at = ? WHERE id = ?`)
            .run(new Date().toISOString(), tag.id),
        'Rename tag',
      ),
    );
    expect(await call('history.state', {})).toEqual({ undo: 'Rename tag', redo: null });
    await call('history.undo', {});
    expect((await call('tags.list', {})).map((t) => t.name)).toEqual(['Weapons']);
    app.close();
  });
});
