// Undo and redo are real inverse operations on the database: what an action changed goes back exactly, a row
// it created becomes a tombstone (so a teammate learns of the undo), and an undo whose rows were edited
// elsewhere since is refused instead of overwriting that work.
import { describe, expect, it } from 'vitest';
import { importText, makeApp, rejection } from '../../helpers/app';

async function setup() {
  const made = makeApp();
  const text = 'Trust between Russia and Venezuela is a key element of their relations.';
  return { ...made, doc: await importText(made.call, 'note.txt', text) };
}

describe('undo and redo of highlight actions', () => {
  it('undoes a new highlight into a tombstone and redoes it back', async () => {
    const { app, call, doc } = await setup();
    const h = await call('highlights.create', { documentId: doc.id, start: 0, end: 5 });
    expect(await call('history.state', {})).toEqual({ undo: 'Highlight', redo: null });

    const undone = await call('history.undo', {});
    expect(undone.label).toBe('Highlight');
    expect(undone.areas).toContain('highlights');
    expect(undone.documentIds).toEqual([doc.id]);
    expect(await call('highlights.list', { documentId: doc.id })).toEqual([]);
    const row = app.project.db.prepare(`SELECT deleted_at FROM highlights WHERE id = ?`).pluck().get(h.id);
    expect(row).not.toBeNull();
    expect(undone.state).toEqual({ undo: null, redo: 'Highlight' });

    await call('history.redo', {});
    const [back] = await call('highlights.list', { documentId: doc.id });
    expect(back?.id).toBe(h.id);
    expect(back?.quote.exact).toBe('Trust');
    expect(back!.updatedAt > h.updatedAt).toBe(true);
    app.close();
  });

  it('restores a note exactly, and a new action clears what could be redone', async () => {
    const { app, call, doc } = await setup();
    const h = await call('highlights.create', { documentId: doc.id, start: 0, end: 5, note: 'first' });
    await call('highlights.update', { id: h.id, note: 'second' });
    await call('history.undo', {});
    expect((await call('highlights.list', { documentId: doc.id }))[0]?.note).toBe('first');
    await call('highlights.update', { id: h.id, color: 'green' });
    expect(await call('history.state', {})).toEqual({ undo: 'Change colour', redo: null });
    app.close();
  });

  it('refuses to undo over a change made since, and ends the history there', async () => {
    const { app, call, doc } = await setup();
    const h = await call('highlights.create', { documentId: doc.id, start: 0, end: 5 });
    await call('highlights.update', { id: h.id, note: 'mine' });
    // Another writer (the CLI, another window) edits the same row behind this session's back.
    app.project.db.prepare(`UPDATE highlights SET note = 'theirs' WHERE id = ?`).run(h.id);
    const error = await rejection(call('history.undo', {}));
    expect(error.code).toBe('conflict');
    expect(error.message).toMatch(/Edit note.*cannot be undone/);
    expect((await call('highlights.list', { documentId: doc.id }))[0]?.note).toBe('theirs');
    // Undoing the highlight beneath would skip the edit that could not be undone.
    expect(await call('history.state', {})).toEqual({ undo: null, redo: null });
    app.close();
  });

  it('has nothing to undo in a fresh session, and a failed action leaves no history', async () => {
    const { app, call, doc } = await setup();
    expect((await call('history.undo', {})).label).toBeNull();
    await rejection(call('highlights.create', { documentId: doc.id, start: 0, end: 10_000 }));
    expect(await call('history.state', {})).toEqual({ undo: null, redo: null });
    app.close();
  });
});
