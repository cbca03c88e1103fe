// The codebook as a researcher uses it: building a tree of tags, tagging many passages at once, and merging,
// moving or deleting tags without losing a single use of them, every action undoable as one step.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { importText, makeApp, rejection } from '../../helpers/app';

const TEXT = 'Trust between Russia and Venezuela is a key element of their relations, the minister said.';

async function setup() {
  const made = makeApp();
  const { app, call } = made;
  const doc = await importText(call, 'note.txt', TEXT);
  const ranges: [number, number][] = [
    [0, 5],
    [14, 20],
    [25, 34],
  ];
  const highlights = [];
  for (const [start, end] of ranges)
    highlights.push(await call('highlights.create', { documentId: doc.id, start, end }));
  const ids = highlights.map((h) => h.id);
  /** The claims service is not ours: claims go straight into their table. */
  const addClaim = (statement: string, deleted = false) => {
    const id = randomUUID();
    const at = new Date().toISOString();
    app.project.db
      .prepare(
        `INSERT INTO claims (id, statement, created_at, updated_at, deleted_at) VALUES (?, ?, ?, ?, ?)`,
      )
      .run(id, statement, at, at, deleted ? at : null);
    return id;
  };
  const tagsOf = async () =>
    Object.fromEntries(
      (await call('highlights.list', { documentId: doc.id })).map((h) => [h.id, [...h.tagIds].sort()]),
    );
  const tagByName = async (name: string) => (await call('tags.list', {})).find((t) => t.name === name);
  return { ...made, doc, ids, addClaim, tagsOf, tagByName };
}

describe('building the codebook', () => {
  it('creates, renames and nests tags, each as one undo step', async () => {
    const { app, call, tagByName } = await setup();
    const actors = await call('tags.create', { name: '  Actors ' });
    expect(actors).toMatchObject({
      name: 'Actors',
      parentId: null,
      color: 'gray',
      highlightCount: 0,
      claimCount: 0,
    });
    expect(await call('history.state', {})).toEqual({ undo: 'Create tag', redo: null });

    const state = await call('tags.create', { name: 'State', parentId: actors.id, color: 'blue' });
    expect(state.parentId).toBe(actors.id);
    const renamed = await call('tags.update', { id: state.id, name: 'State actors' });
    expect(renamed).toMatchObject({ name: 'State actors', parentId: actors.id, color: 'blue' });
    expect((await call('history.state', {})).undo).toBe('Rename tag');
    expect((await call('tags.list', {})).map((t) => t.name)).toEqual(['Actors', 'State actors']);

    await call('history.undo', {});
    expect(await tagByName('State')).toBeDefined();
    app.close();
  });

  it('refuses a second tag of the same name beside another, whatever its case', async () => {
    const { app, call } = await setup();
    const actors = await call('tags.create', { name: 'Actors' });
    await call('tags.create', { name: 'Russia', parentId: actors.id });
    const venezuela = await call('tags.create', { name: 'Venezuela', parentId: actors.id });

    const duplicate = await rejection(call('tags.create', { name: 'RUSSIA', parentId: actors.id }));
    expect(duplicate.code).toBe('invalid_input');
    expect(duplicate.message).toBe('There is already a tag “Russia” here.');
    const rename = await rejection(call('tags.update', { id: venezuela.id, name: 'russia' }));
    expect(rename.message).toBe('There is already a tag “Russia” here.');

    // The same name elsewhere in the tree is fine, and so is changing only a tag's own case.
    expect((await call('tags.create', { name: 'Russia' })).parentId).toBeNull();
    expect((await call('tags.update', { id: venezuela.id, name: 'VENEZUELA' })).name).toBe('VENEZUELA');
    expect((await call('tags.create', { name: 'Émigrés' })).name).toBe('Émigrés');
    expect((await rejection(call('tags.create', { name: 'émigrés' }))).code).toBe('invalid_input');
    app.close();
  });

  it('moves a tag, but never under itself or inside its own branch', async () => {
    const { app, call } = await setup();
    const actors = await call('tags.create', { name: 'Actors' });
    const state = await call('tags.create', { name: 'State', parentId: actors.id });
    const army = await call('tags.create', { name: 'Army', parentId: state.id });
    const themes = await call('tags.create', { name: 'Themes' });

    const moved = await call('tags.update', { id: state.id, parentId: themes.id });
    expect(moved.parentId).toBe(themes.id);
    expect((await call('history.state', {})).undo).toBe('Move tag');

    const itself = await rejection(call('tags.update', { id: state.id, parentId: state.id }));
    expect(itself.message).toBe('“State” cannot be moved under itself.');
    const cycle = await rejection(call('tags.update', { id: themes.id, parentId: army.id }));
    expect(cycle.code).toBe('invalid_input');
    expect(cycle.message).toBe('“Themes” cannot be moved under “Army”, which is inside it.');

    await call('tags.delete', { id: actors.id });
    expect((await rejection(call('tags.update', { id: state.id, parentId: actors.id }))).code).toBe(
      'not_found',
    );
    expect((await call('tags.update', { id: state.id, parentId: null })).parentId).toBeNull();
    await call('tags.create', { name: 'Army' });
    const clash = await rejection(call('tags.update', { id: army.id, parentId: null }));
    expect(clash.message).toBe('There is already a tag “Army” here.');
    app.close();
  });

  it('leaves no undo step for an edit that changes nothing', async () => {
    const { app, call } = await setup();
    const tag = await call('tags.create', { name: 'Energy', color: 'green' });
    expect(await call('tags.update', { id: tag.id, name: 'Energy', color: 'green' })).toEqual(tag);
    expect(await call('history.state', {})).toEqual({ undo: 'Create tag', redo: null });
    app.close();
  });
});

describe('tagging highlights and claims', () => {
  it('tags and untags several highlights at once, counting only real changes', async () => {
    const { app, call, ids, tagsOf } = await setup();
    const tag = await call('tags.create', { name: 'Diplomacy' });

    expect(await call('tags.apply', { tagId: tag.id, highlightIds: ids })).toEqual({ changed: 3 });
    expect((await call('history.state', {})).undo).toBe('Tag 3 highlights');
    expect(Object.values(await tagsOf())).toEqual([[tag.id], [tag.id], [tag.id]]);
    expect((await call('tags.list', {}))[0]?.highlightCount).toBe(3);

    // Tagging again changes nothing and leaves nothing to undo.
    expect(await call('tags.apply', { tagId: tag.id, highlightIds: [ids[0]!] })).toEqual({ changed: 0 });
    expect((await call('history.state', {})).undo).toBe('Tag 3 highlights');

    expect(await call('tags.remove', { tagId: tag.id, highlightIds: [ids[0]!, ids[1]!] })).toEqual({
      changed: 2,
    });
    expect((await call('history.state', {})).undo).toBe('Untag 2 highlights');
    expect((await call('tags.list', {}))[0]?.highlightCount).toBe(1);
    expect(await call('tags.remove', { tagId: tag.id, highlightIds: [ids[0]!] })).toEqual({ changed: 0 });

    // Tagging again revives the old link instead of adding a second one.
    expect(await call('tags.apply', { tagId: tag.id, highlightIds: ids })).toEqual({ changed: 2 });
    expect((await call('history.state', {})).undo).toBe('Tag 3 highlights');
    const rows = app.project.db.prepare(`SELECT count(*) FROM highlight_tags`).pluck().get();
    expect(rows).toBe(3);

    // A deleted highlight no longer counts.
    await call('highlights.delete', { id: ids[2]! });
    expect((await call('tags.list', {}))[0]?.highlightCount).toBe(2);
    app.close();
  });

  it('refuses the whole selection when some of it is gone, saying how much', async () => {
    const { app, call, ids, tagsOf } = await setup();
    const tag = await call('tags.create', { name: 'Diplomacy' });
    await call('highlights.delete', { id: ids[2]! });
    const error = await rejection(
      call('tags.apply', { tagId: tag.id, highlightIds: [...ids, randomUUID()] }),
    );
    expect(error.code).toBe('not_found');
    expect(error.message).toBe('2 of the 4 selected highlights no longer exist; nothing was changed.');
    expect(Object.values(await tagsOf())).toEqual([[], []]);

    await call('tags.delete', { id: tag.id });
    const gone = await rejection(call('tags.apply', { tagId: tag.id, highlightIds: [ids[0]!] }));
    expect(gone.message).toBe('That tag no longer exists.');
    app.close();
  });

  it('tags claims, counting only live ones', async () => {
    const { app, call, ids, addClaim } = await setup();
    const tag = await call('tags.create', { name: 'Economy' });
    const claims = [addClaim('Trade grew'), addClaim('Oil fell')];
    const result = await call('tags.apply', { tagId: tag.id, highlightIds: [ids[0]!], claimIds: claims });
    expect(result).toEqual({ changed: 3 });
    expect((await call('history.state', {})).undo).toBe('Tag 1 highlight and 2 claims');
    expect((await call('tags.list', {}))[0]).toMatchObject({ highlightCount: 1, claimCount: 2 });

    app.project.db.prepare(`UPDATE claims SET deleted_at = updated_at WHERE id = ?`).run(claims[1]);
    expect((await call('tags.list', {}))[0]?.claimCount).toBe(1);
    const refused = await rejection(call('tags.remove', { tagId: tag.id, claimIds: [claims[1]!] }));
    expect(refused.message).toBe('That claim no longer exists; nothing was changed.');
    expect(await call('tags.remove', { tagId: tag.id, claimIds: [claims[0]!] })).toEqual({ changed: 1 });
    expect((await call('history.state', {})).undo).toBe('Untag claim');
    app.close();
  });
});

describe('merging and deleting tags', () => {
  async function mergeSetup() {
    const s = await setup();
    const { call, ids, addClaim } = s;
    const source = await call('tags.create', { name: 'Sanctions' });
    const target = await call('tags.create', { name: 'Economic pressure', color: 'red' });
    const child = await call('tags.create', { name: 'Oil embargo', parentId: source.id });
    const claim = addClaim('Sanctions hurt trade');
    await call('tags.apply', { tagId: source.id, highlightIds: [ids[0]!, ids[1]!], claimIds: [claim] });
    await call('tags.apply', { tagId: target.id, highlightIds: [ids[0]!, ids[2]!] });
    return { ...s, source, target, child, claim };
  }

  it('moves every use of the source to the target, once each', async () => {
    const { app, call, ids, source, target, child, tagsOf, tagByName } = await mergeSetup();
    const merged = await call('tags.merge', { sourceId: source.id, targetId: target.id });
    expect(merged).toMatchObject({
      id: target.id,
      name: 'Economic pressure',
      highlightCount: 3,
      claimCount: 1,
    });
    expect(await call('history.state', {})).toEqual({ undo: 'Merge tags', redo: null });

    expect(await tagsOf()).toEqual({
      [ids[0]!]: [target.id],
      [ids[1]!]: [target.id],
      [ids[2]!]: [target.id],
    });
    expect(await tagByName('Sanctions')).toBeUndefined();
    expect((await tagByName('Oil embargo'))?.parentId).toBe(target.id);
    expect(child.parentId).toBe(source.id);
    const mergedInto = app.project.db
      .prepare(`SELECT merged_into FROM tags WHERE id = ?`)
      .pluck()
      .get(source.id);
    expect(mergedInto).toBe(target.id);
    app.close();
  });

  it('refuses to merge a tag into its own branch or where two sub-tags would share a name', async () => {
    const { app, call, source, target, child, tagsOf } = await mergeSetup();
    const before = { tags: await call('tags.list', {}), uses: await tagsOf() };

    const intoChild = await rejection(call('tags.merge', { sourceId: source.id, targetId: child.id }));
    expect(intoChild.message).toBe('“Sanctions” cannot be merged into “Oil embargo”, which is inside it.');

    await call('tags.create', { name: 'oil EMBARGO', parentId: target.id });
    const clash = await rejection(call('tags.merge', { sourceId: source.id, targetId: target.id }));
    expect(clash.code).toBe('invalid_input');
    expect(clash.message).toMatch(/both have a tag named “Oil embargo” inside them/);
    expect(await tagsOf()).toEqual(before.uses);
    expect((await call('tags.list', {})).length).toBe(before.tags.length + 1);
    app.close();
  });

  it('undoes and redoes a merge exactly, every use included', async () => {
    const { app, call, source, target, claim, tagsOf } = await mergeSetup();
    const claimUses = app.project.db.prepare(
      `SELECT claim_id, tag_id FROM claim_tags WHERE deleted_at IS NULL ORDER BY claim_id, tag_id`,
    );
    const snapshot = async () => ({
      tags: (await call('tags.list', {})).map(({ updatedAt: _, ...rest }) => rest),
      highlights: await tagsOf(),
      claims: claimUses.all(),
    });
    const before = await snapshot();
    expect(before.claims).toEqual([{ claim_id: claim, tag_id: source.id }]);
    await call('tags.merge', { sourceId: source.id, targetId: target.id });
    const after = await snapshot();
    expect(after.claims).toEqual([{ claim_id: claim, tag_id: target.id }]);

    const undone = await call('history.undo', {});
    expect(undone.label).toBe('Merge tags');
    expect(undone.areas).toEqual(expect.arrayContaining(['tags', 'highlights', 'claims']));
    expect(await snapshot()).toEqual(before);

    await call('history.redo', {});
    expect(await snapshot()).toEqual(after);
    app.close();
  });

  it('deletes a tag from everything it was on and moves its children up', async () => {
    const { app, call, ids, source, target, child, tagsOf, tagByName } = await mergeSetup();
    const grandchild = await call('tags.create', { name: 'Tankers', parentId: child.id });
    expect(await call('tags.delete', { id: child.id })).toEqual({ id: child.id });
    expect((await call('history.state', {})).undo).toBe('Delete tag');
    expect((await tagByName('Tankers'))?.parentId).toBe(source.id);

    await call('tags.delete', { id: source.id });
    expect(await tagsOf()).toEqual({ [ids[0]!]: [target.id], [ids[1]!]: [], [ids[2]!]: [target.id] });
    expect((await tagByName('Tankers'))?.parentId).toBeNull();
    expect((await call('tags.list', {})).map((t) => t.name)).toEqual(['Economic pressure', 'Tankers']);

    await call('history.undo', {});
    expect((await tagByName('Sanctions'))?.claimCount).toBe(1);
    expect((await tagByName('Tankers'))?.parentId).toBe(source.id);
    expect(grandchild.parentId).toBe(child.id);
    app.close();
  });

  it('refuses to delete a tag whose child would clash with a sibling', async () => {
    const { app, call, source } = await mergeSetup();
    await call('tags.create', { name: 'Oil Embargo' });
    const error = await rejection(call('tags.delete', { id: source.id }));
    expect(error.code).toBe('invalid_input');
    expect(error.message).toMatch(/“Oil embargo” inside it would move up next to another tag named/);
    expect((await call('tags.list', {})).some((t) => t.id === source.id)).toBe(true);
    app.close();
  });
});
