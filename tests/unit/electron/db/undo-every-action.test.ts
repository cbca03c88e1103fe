// Every annotation action can be undone and redone exactly: after Undo the live rows of the annotation tables
// read as they did before the action, after Redo as they did after it. Timestamps are left out of the
// comparison (an undo is a new change for merges, so updated_at moves on), and so are tombstones: a row an
// action created is a tombstone after Undo (journal.test.ts checks that), which no one sees.
import { describe, expect, it } from 'vitest';
import type { Database } from 'better-sqlite3';
import { importText, makeApp, type Call } from '../../helpers/app';

const TABLES = [
  'highlights',
  'highlight_tags',
  'tags',
  'entities',
  'claims',
  'claim_passages',
  'claim_tags',
  'events',
  'event_actors',
  'event_tags',
  'claim_events',
];
const TEXT = [
  'Russian Deputy Prime Minister Dmitry Chernyshenko told Venezuelan Vice President Delcy Rodriguez that Moscow',
  'was ready to support the Venezuelan armed forces with the most sophisticated weapons.',
  '',
  'Later, Venezuelan President Nicolas Maduro said 17 agreements would be signed.',
].join('\n');

function snapshot(db: Database): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = {};
  for (const table of TABLES) {
    const rows = db.prepare(`SELECT * FROM ${table}`).all() as Record<string, unknown>[];
    out[table] = rows
      .filter((row) => row.deleted_at === null)
      .map((row) => {
        const { updated_at: _u, created_at: _c, deleted_at: _d, orphaned_at, ...rest } = row;
        return { ...rest, orphaned: orphaned_at != null };
      })
      .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
  }
  return out;
}

interface World {
  call: Call;
  doc: string;
  h1: string;
  h2: string;
  tagA: string;
  tagB: string;
  person: string;
  other: string;
  claim: string;
  event: string;
}

async function world(): Promise<{ app: ReturnType<typeof makeApp>['app']; w: World }> {
  const { app, call } = makeApp();
  const doc = (await importText(call, 'a.txt', TEXT)).id;
  const at = (words: string) => ({ start: TEXT.indexOf(words), end: TEXT.indexOf(words) + words.length });
  const h1 = (await call('highlights.create', { documentId: doc, ...at('Moscow') })).id;
  const h2 = (await call('highlights.create', { documentId: doc, ...at('17 agreements'), note: 'n' })).id;
  const tagA = (await call('tags.create', { name: 'Weapons' })).id;
  const tagB = (await call('tags.create', { name: 'Arms' })).id;
  await call('tags.apply', { tagId: tagA, highlightIds: [h1] });
  const person = (await call('entities.create', { kind: 'person', name: 'Dmitry Chernyshenko' })).id;
  const other = (await call('entities.create', { kind: 'person', name: 'D. Chernyshenko' })).id;
  const claim = (
    await call('claims.create', { passage: { highlightId: h1 }, claimantId: other, tagIds: [tagB] })
  ).id;
  const event = (await call('events.create', { title: 'Talks', start: '2024-11' })).id;
  return { app, w: { call, doc, h1, h2, tagA, tagB, person, other, claim, event } };
}

const ACTIONS: [string, (w: World) => Promise<unknown>][] = [
  ['highlight', (w) => w.call('highlights.create', { documentId: w.doc, start: 0, end: 7 })],
  ['edit a note', (w) => w.call('highlights.update', { id: w.h1, note: 'Chernyshenko pledge' })],
  ['change a colour', (w) => w.call('highlights.update', { id: w.h2, color: 'green' })],
  ['delete a highlight that supports a claim', (w) => w.call('highlights.delete', { id: w.h1 })],
  ['create a tag', (w) => w.call('tags.create', { name: 'Economy', parentId: w.tagA })],
  ['rename a tag', (w) => w.call('tags.update', { id: w.tagA, name: 'Small arms' })],
  ['move a tag', (w) => w.call('tags.update', { id: w.tagB, parentId: w.tagA })],
  ['merge tags', (w) => w.call('tags.merge', { sourceId: w.tagB, targetId: w.tagA })],
  ['delete a tag', (w) => w.call('tags.delete', { id: w.tagA })],
  ['tag highlights', (w) => w.call('tags.apply', { tagId: w.tagB, highlightIds: [w.h1, w.h2] })],
  ['untag a highlight', (w) => w.call('tags.remove', { tagId: w.tagA, highlightIds: [w.h1] })],
  ['create an entity', (w) => w.call('entities.create', { kind: 'place', name: 'Caracas' })],
  ['edit an entity', (w) => w.call('entities.update', { id: w.person, aliases: ['Chernishenko'] })],
  ['merge entities', (w) => w.call('entities.merge', { sourceId: w.other, targetId: w.person })],
  ['delete an entity', (w) => w.call('entities.delete', { id: w.other })],
  [
    'make a claim of a selection',
    (w) => w.call('claims.create', { passage: { documentId: w.doc, start: 0, end: 7 } }),
  ],
  ['edit a claim', (w) => w.call('claims.update', { id: w.claim, statement: 'Russia will arm Venezuela' })],
  [
    'set a status',
    (w) => w.call('claims.update', { id: w.claim, status: 'disputed', rationale: 'One source' }),
  ],
  ['tag a claim', (w) => w.call('tags.apply', { tagId: w.tagA, claimIds: [w.claim] })],
  ['add a passage', (w) => w.call('claims.addPassage', { claimId: w.claim, passage: { highlightId: w.h2 } })],
  ['remove a passage', (w) => w.call('claims.removePassage', { claimId: w.claim, highlightId: w.h1 })],
  ['delete a claim', (w) => w.call('claims.delete', { id: w.claim })],
  ['re-attach a highlight', (w) => w.call('highlights.reattach', { id: w.h2, start: 0, end: 7 })],
  [
    'create an event',
    (w) =>
      w.call('events.create', {
        title: 'Talks in Caracas',
        start: '2024-11-07',
        actorIds: [w.person],
        tagIds: [w.tagA],
      }),
  ],
  [
    'link a claim to an event',
    (w) => w.call('events.linkClaim', { eventId: w.event, claimId: w.claim, relation: 'contradicts' }),
  ],
];

describe('undo and redo of every annotation action', () => {
  it.each(ACTIONS)('%s', async (_name, act) => {
    const { app, w } = await world();
    const before = snapshot(app.project.db);
    await act(w);
    const after = snapshot(app.project.db);
    expect(after).not.toEqual(before);

    const undone = await w.call('history.undo', {});
    expect(undone.label).not.toBeNull();
    expect(snapshot(app.project.db)).toEqual(before);
    expect(app.project.db.pragma('foreign_key_check')).toEqual([]);

    await w.call('history.redo', {});
    expect(snapshot(app.project.db)).toEqual(after);

    // And back again: the same entry undoes twice over.
    await w.call('history.undo', {});
    expect(snapshot(app.project.db)).toEqual(before);
    app.close();
  });
});
