// Entities as a researcher keeps them: one entry per person, organisation or place, however many ways sources
// spell it, and two entries found to be one merged without losing a claim or a spelling, undoably.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { makeApp, rejection } from '../../helpers/app';

function setup() {
  const made = makeApp();
  const db = made.app.project.db;
  /** The claims service is not ours: claims go straight into their table. */
  const addClaim = (claimantId: string | null, deleted = false) => {
    const id = randomUUID();
    const at = new Date().toISOString();
    db.prepare(
      `INSERT INTO claims (id, statement, claimant_id, created_at, updated_at, deleted_at) VALUES (?, ?, ?, ?, ?, ?)`,
    ).run(id, 'Something was said', claimantId, at, at, deleted ? at : null);
    return id;
  };
  const claimantOf = (claimId: string) =>
    db.prepare(`SELECT claimant_id FROM claims WHERE id = ?`).pluck().get(claimId) as string | null;
  return { ...made, addClaim, claimantOf };
}

describe('keeping entities', () => {
  it('keeps each other spelling of a name once', async () => {
    const { app, call } = setup();
    const maduro = await call('entities.create', {
      kind: 'person',
      name: ' Nicolás Maduro ',
      aliases: ['Nicolas Maduro', 'Maduro', 'nicolas maduro', '  Maduro  ', 'NICOLÁS MADURO'],
    });
    expect(maduro).toMatchObject({
      kind: 'person',
      name: 'Nicolás Maduro',
      aliases: ['Nicolas Maduro', 'Maduro'],
      description: '',
      claimCount: 0,
    });
    expect(await call('history.state', {})).toEqual({ undo: 'Create person', redo: null });
    await call('entities.create', { kind: 'organization', name: 'PDVSA' });
    expect((await call('history.state', {})).undo).toBe('Create organisation');
    const blank = await rejection(
      call('entities.create', { kind: 'place', name: 'Caracas', aliases: ['  '] }),
    );
    expect(blank.code).toBe('invalid_input');
    app.close();
  });

  it('lists entities by name, whatever their case or accents, with their live claims', async () => {
    const { app, call, addClaim } = setup();
    for (const name of ['venezuela', 'Caracas', 'Émile Zola', 'Brazil', 'Zulia']) {
      await call('entities.create', { kind: 'place', name });
    }
    const caracas = (await call('entities.list', {})).find((e) => e.name === 'Caracas')!;
    addClaim(caracas.id);
    addClaim(caracas.id);
    addClaim(caracas.id, true);
    const listed = await call('entities.list', {});
    expect(listed.map((e) => e.name)).toEqual(['Brazil', 'Caracas', 'Émile Zola', 'venezuela', 'Zulia']);
    expect(listed.find((e) => e.id === caracas.id)?.claimCount).toBe(2);
    app.close();
  });

  it('edits an entity, dropping aliases the new name repeats, and skips edits that change nothing', async () => {
    const { app, call } = setup();
    const e = await call('entities.create', { kind: 'person', name: 'Maduro', aliases: ['Nicolás Maduro'] });
    const renamed = await call('entities.update', { id: e.id, name: 'Nicolás Maduro' });
    expect(renamed).toMatchObject({ name: 'Nicolás Maduro', aliases: [] });
    expect((await call('history.state', {})).undo).toBe('Rename entity');

    const edited = await call('entities.update', {
      id: e.id,
      aliases: ['Maduro', 'maduro'],
      description: 'President of Venezuela',
    });
    expect(edited).toMatchObject({ aliases: ['Maduro'], description: 'President of Venezuela' });
    expect((await call('history.state', {})).undo).toBe('Edit entity');

    await call('entities.update', { id: e.id, name: 'Nicolás Maduro', aliases: ['Maduro'] });
    expect((await call('history.state', {})).undo).toBe('Edit entity');
    await call('history.undo', {});
    expect((await call('entities.list', {}))[0]).toMatchObject({ name: 'Nicolás Maduro', aliases: [] });
    app.close();
  });

  it('deletes an entity, keeping its claims with an unknown claimant', async () => {
    const { app, call, addClaim, claimantOf } = setup();
    const e = await call('entities.create', { kind: 'organization', name: 'OPEC' });
    const claim = addClaim(e.id);
    expect(await call('entities.delete', { id: e.id })).toEqual({ id: e.id });
    expect((await call('history.state', {})).undo).toBe('Delete entity');
    expect(await call('entities.list', {})).toEqual([]);
    expect(claimantOf(claim)).toBeNull();

    const again = await rejection(call('entities.update', { id: e.id, name: 'OPEC+' }));
    expect(again.code).toBe('not_found');
    expect((await rejection(call('entities.delete', { id: randomUUID() }))).code).toBe('not_found');

    await call('history.undo', {});
    expect(claimantOf(claim)).toBe(e.id);
    expect((await call('entities.list', {}))[0]?.claimCount).toBe(1);
    app.close();
  });
});

describe('merging entities', () => {
  async function mergeSetup() {
    const s = setup();
    const source = await s.call('entities.create', {
      kind: 'person',
      name: 'Nicolas Maduro',
      aliases: ['N. Maduro', 'Maduro'],
    });
    const target = await s.call('entities.create', {
      kind: 'person',
      name: 'Nicolás Maduro',
      aliases: ['maduro'],
    });
    const claims = [s.addClaim(source.id), s.addClaim(source.id), s.addClaim(target.id)];
    return { ...s, source, target, claims };
  }

  it('moves the claims and every spelling of the source to the target', async () => {
    const { app, call, source, target, claims, claimantOf } = await mergeSetup();
    const merged = await call('entities.merge', { sourceId: source.id, targetId: target.id });
    expect(merged).toMatchObject({
      id: target.id,
      name: 'Nicolás Maduro',
      aliases: ['maduro', 'Nicolas Maduro', 'N. Maduro'],
      claimCount: 3,
    });
    expect(await call('history.state', {})).toEqual({ undo: 'Merge entities', redo: null });
    expect(claims.map(claimantOf)).toEqual([target.id, target.id, target.id]);
    expect((await call('entities.list', {})).map((e) => e.id)).toEqual([target.id]);
    const mergedInto = app.project.db
      .prepare(`SELECT merged_into FROM entities WHERE id = ?`)
      .pluck()
      .get(source.id);
    expect(mergedInto).toBe(target.id);

    const twice = await rejection(call('entities.merge', { sourceId: source.id, targetId: target.id }));
    expect(twice.code).toBe('not_found');
    const itself = await rejection(call('entities.merge', { sourceId: target.id, targetId: target.id }));
    expect(itself.code).toBe('invalid_input');
    app.close();
  });

  it('undoes and redoes a merge exactly', async () => {
    const { app, call, source, target, claims, claimantOf } = await mergeSetup();
    const snapshot = async () => ({
      entities: (await call('entities.list', {})).map(({ updatedAt: _, ...rest }) => rest),
      claimants: claims.map(claimantOf),
    });
    const before = await snapshot();
    await call('entities.merge', { sourceId: source.id, targetId: target.id });
    const after = await snapshot();

    const undone = await call('history.undo', {});
    expect(undone.label).toBe('Merge entities');
    expect(undone.areas).toEqual(expect.arrayContaining(['entities', 'claims']));
    expect(await snapshot()).toEqual(before);
    expect(before.claimants).toEqual([source.id, source.id, target.id]);

    await call('history.redo', {});
    expect(await snapshot()).toEqual(after);
    app.close();
  });
});
