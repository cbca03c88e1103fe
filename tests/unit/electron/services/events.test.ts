// Events on the chronology through the same dispatch the UI uses: dated at the precision the sources give,
// placed and peopled from the codebook, linked to the claims that support, contradict or mention them, and
// undone as one action each.
import { describe, expect, it } from 'vitest';
import { Event, EventDetail } from '../../../../shared/events';
import { importText, makeApp, rejection, type Call } from '../../helpers/app';

const TEXT = [
  'Venezuela opens rifle plant',
  '',
  'The plant will produce Kalashnikov rifles under a Russian licence, officials said on Tuesday.',
  '',
  'The factory is expected to assemble about 25,000 rifles annually.',
  '',
  'No plant has opened, a union spokesman said.',
].join('\n');

async function setup() {
  const made = makeApp();
  const document = await importText(made.call, 'plant.txt', TEXT);
  const detail = await made.call('documents.get', { id: document.id });
  /** A claim made from `quote` in the document. */
  const claimFrom = async (quote: string) => {
    const start = detail.text.indexOf(quote);
    if (start < 0) throw new Error(`not in the text: ${quote}`);
    return made.call('claims.create', {
      passage: { documentId: document.id, start, end: start + quote.length },
    });
  };
  return { ...made, claimFrom };
}

const event = (call: Call, title: string, start: string, end: string | null = null) =>
  call('events.create', { title, start, end });

const MISSING = '00000000-0000-4000-8000-000000000000';

describe('making an event', () => {
  it('with a range of partial dates, or a single partial date', async () => {
    const { app, call } = await setup();
    const range = await call('events.create', {
      title: '  Plant built ',
      start: '2006-07',
      end: '2012',
      description: 'From the agreement to the opening.',
    });
    expect(Event.parse(range)).toEqual(range);
    expect(range).toMatchObject({
      title: 'Plant built',
      start: '2006-07',
      end: '2012',
      placeId: null,
      actorIds: [],
      tagIds: [],
      description: 'From the agreement to the opening.',
      claimCounts: { supports: 0, contradicts: 0, mentions: 0 },
      contested: false,
      claimStatuses: [],
    });
    expect(range.createdAt).toBe(range.updatedAt);
    expect(await call('history.state', {})).toEqual({ undo: 'Create event', redo: null });

    const partial = await event(call, 'Agreement signed', '~2006');
    expect(partial).toMatchObject({ start: '~2006', end: null });
    expect(await call('events.get', { id: partial.id })).toEqual({ ...partial, claims: [] });
    app.close();
  });

  it('refuses an end before the start, and a range with a year at one end only', async () => {
    const { app, call } = await setup();
    for (const [start, end] of [
      ['2012-05', '2012-04-30'],
      ['2012', '2011'],
      ['2012-05-01', '--12-16'],
      ['--12-16', '2012'],
      ['--12-16', '--12-01'],
    ] as const) {
      expect((await rejection(event(call, 'Wrong', start, end))).code).toBe('invalid_input');
    }
    expect(await call('events.list', {})).toEqual([]);
    // Within the same unknown year a range is fine.
    expect(await event(call, 'Festival', '--12-16', '--12-20')).toMatchObject({ end: '--12-20' });

    // An edit is checked against the end (or start) already stored.
    const dated = await event(call, 'Plant built', '2006-07', '2012');
    const refused = await rejection(call('events.update', { id: dated.id, start: '2013' }));
    expect(refused.code).toBe('invalid_input');
    expect(refused.message).toBe('The end comes before the start');
    const noYear = await rejection(call('events.update', { id: dated.id, end: '--12-16' }));
    expect(noYear.message).toBe('Both ends of a range need a year, or neither');
    expect(await call('events.get', { id: dated.id })).toMatchObject({ start: '2006-07', end: '2012' });
    expect(await call('events.update', { id: dated.id, start: '2013', end: null })).toMatchObject({
      start: '2013',
      end: null,
    });
    app.close();
  });

  it('needs a live place, live actors and live tags, and names what is missing', async () => {
    const { app, call } = await setup();
    const caracas = await call('entities.create', { kind: 'place', name: 'Caracas' });
    const rosoboron = await call('entities.create', { kind: 'organization', name: 'Rosoboronexport' });
    const chavez = await call('entities.create', { kind: 'person', name: 'Hugo Chávez' });
    const arms = await call('tags.create', { name: 'Arms' });
    const gone = await call('tags.create', { name: 'Gone' });
    await call('tags.delete', { id: gone.id });

    const place = await rejection(call('events.create', { title: 'x', start: '2006', placeId: MISSING }));
    expect(place.code).toBe('not_found');
    expect(place.message).toMatch(/place/);
    const actor = await rejection(
      call('events.create', { title: 'x', start: '2006', actorIds: [chavez.id, MISSING] }),
    );
    expect(actor.code).toBe('not_found');
    expect(actor.message).toMatch(/actor/);
    const tag = await rejection(call('events.create', { title: 'x', start: '2006', tagIds: [gone.id] }));
    expect(tag.code).toBe('not_found');
    expect(tag.message).toMatch(/tag/);
    expect(await call('events.list', {})).toEqual([]);
    expect(app.project.db.prepare(`SELECT count(*) FROM event_actors`).pluck().get()).toBe(0);

    // Any kind of entity can be the place.
    const made = await call('events.create', {
      title: 'Agreement signed',
      start: '2006-07',
      placeId: rosoboron.id,
      actorIds: [rosoboron.id, chavez.id, chavez.id],
      tagIds: [arms.id],
    });
    expect(made).toMatchObject({ placeId: rosoboron.id, tagIds: [arms.id] });
    expect([...made.actorIds].sort()).toEqual([chavez.id, rosoboron.id].sort());

    // Only the given fields change; the lists are replaced, and a removed link comes back as the same row.
    const moved = await call('events.update', { id: made.id, placeId: caracas.id, actorIds: [chavez.id] });
    expect(moved).toMatchObject({ title: 'Agreement signed', placeId: caracas.id, actorIds: [chavez.id] });
    expect(moved.tagIds).toEqual([arms.id]);
    expect(await call('history.state', {})).toMatchObject({ undo: 'Edit event' });
    const back = await call('events.update', { id: made.id, actorIds: [rosoboron.id] });
    expect(back.actorIds).toEqual([rosoboron.id]);
    const rows = app.project.db
      .prepare(`SELECT entity_id, deleted_at IS NULL AS live FROM event_actors WHERE event_id = ? ORDER BY 1`)
      .all(made.id);
    expect(rows).toHaveLength(2);
    expect(rows).toEqual(
      expect.arrayContaining([
        { entity_id: rosoboron.id, live: 1 },
        { entity_id: chavez.id, live: 0 },
      ]),
    );
    expect((await rejection(call('events.update', { id: made.id, tagIds: [gone.id] }))).code).toBe(
      'not_found',
    );
    expect((await call('events.get', { id: made.id })).tagIds).toEqual([arms.id]);

    // An edit that changes nothing writes nothing.
    const before = await call('events.get', { id: made.id });
    await call('events.update', { id: made.id, title: 'Agreement signed', actorIds: [rosoboron.id] });
    expect(await call('events.get', { id: made.id })).toEqual(before);

    // Deleted from the codebook, a place or an actor drops off the event.
    await call('entities.delete', { id: rosoboron.id });
    await call('entities.delete', { id: caracas.id });
    expect(await call('events.get', { id: made.id })).toMatchObject({ placeId: null, actorIds: [] });
    app.close();
  });
});

describe('the chronology', () => {
  it('lists events by date, the overview before its detail, year-unknown ones last', async () => {
    const { app, call } = await setup();
    await event(call, 'Festival', '--12-16');
    await event(call, 'Opening', '2012-05-08');
    await event(call, 'Plant built', '2006-07', '2012');
    await event(call, 'Agreement signed', '2006-07-14');
    await event(call, 'A year of talks', '2006');
    await event(call, 'Early rumour', '~2005');
    await event(call, 'Carnival', '--02-10');
    const list = await call('events.list', {});
    expect(list.map((e) => e.title)).toEqual([
      'Early rumour',
      'A year of talks',
      'Plant built',
      'Agreement signed',
      'Opening',
      'Carnival',
      'Festival',
    ]);
    for (const e of list) expect(Event.parse(e)).toEqual(e);
    app.close();
  });
});

describe('claims on an event', () => {
  it('counts claims by relation; both supporting and contradicting makes it contested', async () => {
    const { app, call, claimFrom } = await setup();
    const opening = await event(call, 'Plant opens', '2012');
    const supports = await claimFrom('The plant will produce Kalashnikov rifles');
    const mentions = await claimFrom('about 25,000 rifles annually');
    const contradicts = await claimFrom('No plant has opened');

    const mentioned = await call('events.linkClaim', {
      eventId: opening.id,
      claimId: mentions.id,
      relation: 'mentions',
    });
    expect(mentioned).toMatchObject({
      claimCounts: { supports: 0, contradicts: 0, mentions: 1 },
      contested: false,
    });
    expect(await call('history.state', {})).toMatchObject({ undo: 'Link claim to event' });
    await call('events.linkClaim', { eventId: opening.id, claimId: supports.id, relation: 'supports' });
    expect(await call('events.get', { id: opening.id })).toMatchObject({ contested: false });
    const contested = await call('events.linkClaim', {
      eventId: opening.id,
      claimId: contradicts.id,
      relation: 'contradicts',
    });
    expect(contested).toMatchObject({
      claimCounts: { supports: 1, contradicts: 1, mentions: 1 },
      contested: true,
      claimStatuses: ['unverified'],
    });
    const [listed] = await call('events.list', {});
    expect(listed).toEqual(contested);

    // The statuses of its claims, each once, for the timeline's filter.
    await call('claims.update', { id: contradicts.id, status: 'refuted' });
    await call('claims.update', { id: supports.id, status: 'disputed' });
    expect((await call('events.get', { id: opening.id })).claimStatuses).toEqual([
      'unverified',
      'disputed',
      'refuted',
    ]);

    const detail = await call('events.get', { id: opening.id });
    expect(EventDetail.parse(detail)).toEqual(detail);
    expect(detail.claims.map((c) => [c.relation, c.claim.id])).toEqual([
      ['supports', supports.id],
      ['contradicts', contradicts.id],
      ['mentions', mentions.id],
    ]);
    expect(detail.claims[0]?.claim.passages[0]).toMatchObject({
      documentTitle: supports.passages[0]?.documentTitle,
    });
    expect(detail.claims[0]?.claim.eventLinks).toEqual([{ eventId: opening.id, relation: 'supports' }]);

    // A deleted claim no longer counts.
    await call('claims.delete', { id: contradicts.id });
    expect(await call('events.get', { id: opening.id })).toMatchObject({
      claimCounts: { supports: 1, contradicts: 0, mentions: 1 },
      contested: false,
      claimStatuses: ['unverified', 'disputed'],
    });
    app.close();
  });

  it('only mentions is not contested', async () => {
    const { app, call, claimFrom } = await setup();
    const opening = await event(call, 'Plant opens', '2012');
    for (const quote of ['The plant will produce', 'No plant has opened']) {
      const claim = await claimFrom(quote);
      await call('events.linkClaim', { eventId: opening.id, claimId: claim.id, relation: 'mentions' });
    }
    expect(await call('events.get', { id: opening.id })).toMatchObject({
      claimCounts: { supports: 0, contradicts: 0, mentions: 2 },
      contested: false,
    });
    app.close();
  });

  it('changes the relation of a link, and unlinks; a claim shows its event links', async () => {
    const { app, call, claimFrom } = await setup();
    const opening = await event(call, 'Plant opens', '2012');
    const talks = await event(call, 'Talks', '2006');
    const claim = await claimFrom('No plant has opened');
    await call('events.linkClaim', { eventId: opening.id, claimId: claim.id, relation: 'supports' });
    await call('events.linkClaim', { eventId: talks.id, claimId: claim.id, relation: 'mentions' });
    expect((await call('claims.get', { id: claim.id })).eventLinks).toEqual([
      { eventId: talks.id, relation: 'mentions' },
      { eventId: opening.id, relation: 'supports' },
    ]);
    const [listed] = await call('claims.list', {});
    expect(listed?.eventLinks).toHaveLength(2);

    const changed = await call('events.linkClaim', {
      eventId: opening.id,
      claimId: claim.id,
      relation: 'contradicts',
    });
    expect(changed.claimCounts).toEqual({ supports: 0, contradicts: 1, mentions: 0 });
    expect(await call('history.state', {})).toMatchObject({ undo: 'Change link' });
    expect((await call('claims.get', { id: claim.id })).eventLinks).toContainEqual({
      eventId: opening.id,
      relation: 'contradicts',
    });

    // The same link again writes nothing.
    const row = () =>
      app.project.db
        .prepare(`SELECT * FROM claim_events WHERE claim_id = ? AND event_id = ?`)
        .get(claim.id, opening.id);
    const before = row();
    await call('events.linkClaim', { eventId: opening.id, claimId: claim.id, relation: 'contradicts' });
    expect(row()).toEqual(before);

    const unlinked = await call('events.unlinkClaim', { eventId: opening.id, claimId: claim.id });
    expect(unlinked.claimCounts).toEqual({ supports: 0, contradicts: 0, mentions: 0 });
    expect(await call('history.state', {})).toMatchObject({ undo: 'Unlink claim' });
    expect((await call('claims.get', { id: claim.id })).eventLinks).toEqual([
      { eventId: talks.id, relation: 'mentions' },
    ]);
    expect(row()).toMatchObject({ deleted_at: expect.any(String) });
    // Unlinking again does nothing; linking again revives the same row.
    const tombstone = row();
    await call('events.unlinkClaim', { eventId: opening.id, claimId: claim.id });
    expect(row()).toEqual(tombstone);
    await call('events.linkClaim', { eventId: opening.id, claimId: claim.id, relation: 'mentions' });
    expect(row()).toMatchObject({ relation: 'mentions', deleted_at: null });
    expect(app.project.db.prepare(`SELECT count(*) FROM claim_events`).pluck().get()).toBe(2);

    expect(
      (
        await rejection(
          call('events.linkClaim', { eventId: MISSING, claimId: claim.id, relation: 'mentions' }),
        )
      ).code,
    ).toBe('not_found');
    expect(
      (
        await rejection(
          call('events.linkClaim', { eventId: talks.id, claimId: MISSING, relation: 'mentions' }),
        )
      ).code,
    ).toBe('not_found');
    app.close();
  });

  it('deleting an event keeps its claims but takes away their links to it', async () => {
    const { app, call, claimFrom } = await setup();
    const opening = await event(call, 'Plant opens', '2012');
    const claim = await claimFrom('No plant has opened');
    await call('events.linkClaim', { eventId: opening.id, claimId: claim.id, relation: 'contradicts' });
    expect(await call('events.delete', { id: opening.id })).toEqual({ id: opening.id });
    expect(await call('history.state', {})).toMatchObject({ undo: 'Delete event' });
    expect(await call('events.list', {})).toEqual([]);
    expect((await rejection(call('events.get', { id: opening.id }))).code).toBe('not_found');
    expect((await rejection(call('events.delete', { id: opening.id }))).code).toBe('not_found');
    const [kept] = await call('claims.list', {});
    expect(kept).toMatchObject({ id: claim.id, eventLinks: [] });
    const live = app.project.db
      .prepare(`SELECT count(*) FROM claim_events WHERE deleted_at IS NULL`)
      .pluck()
      .get();
    expect(live).toBe(0);
    app.close();
  });
});

describe('undo and redo', () => {
  it('takes back a new event with its links, and brings it back', async () => {
    const { app, call } = await setup();
    const chavez = await call('entities.create', { kind: 'person', name: 'Hugo Chávez' });
    const arms = await call('tags.create', { name: 'Arms' });
    const made = await call('events.create', {
      title: 'Agreement signed',
      start: '2006-07-14',
      actorIds: [chavez.id],
      tagIds: [arms.id],
    });
    const undone = await call('history.undo', {});
    expect(undone.label).toBe('Create event');
    expect(undone.areas).toContain('events');
    expect(await call('events.list', {})).toEqual([]);
    expect((await rejection(call('events.get', { id: made.id }))).code).toBe('not_found');

    await call('history.redo', {});
    // Everything comes back as it was; only updated_at is fresh (journal.ts: a teammate must see the change).
    const restored = { ...made, updatedAt: expect.any(String) as unknown };
    expect(await call('events.list', {})).toEqual([restored]);
    expect(await call('events.get', { id: made.id })).toEqual({ ...restored, claims: [] });
    app.close();
  });

  it('takes back a link and a change of relation, and brings them back', async () => {
    const { app, call, claimFrom } = await setup();
    const opening = await event(call, 'Plant opens', '2012');
    const claim = await claimFrom('No plant has opened');
    const linked = await call('events.linkClaim', {
      eventId: opening.id,
      claimId: claim.id,
      relation: 'supports',
    });
    await call('events.linkClaim', { eventId: opening.id, claimId: claim.id, relation: 'contradicts' });

    expect((await call('history.undo', {})).label).toBe('Change link');
    expect(await call('events.get', { id: opening.id })).toMatchObject({ claimCounts: linked.claimCounts });
    expect((await call('claims.get', { id: claim.id })).eventLinks).toEqual([
      { eventId: opening.id, relation: 'supports' },
    ]);
    const undone = await call('history.undo', {});
    expect(undone.label).toBe('Link claim to event');
    expect(undone.areas).toEqual(expect.arrayContaining(['events', 'claims']));
    expect(await call('events.get', { id: opening.id })).toMatchObject({
      claimCounts: { supports: 0, contradicts: 0, mentions: 0 },
      claims: [],
    });
    expect((await call('claims.get', { id: claim.id })).eventLinks).toEqual([]);

    await call('history.redo', {});
    expect(await call('events.list', {})).toEqual([linked]);
    expect(await call('events.get', { id: opening.id })).toMatchObject({ claimCounts: linked.claimCounts });
    expect((await call('claims.get', { id: claim.id })).eventLinks).toEqual([
      { eventId: opening.id, relation: 'supports' },
    ]);
    await call('history.redo', {});
    expect((await call('claims.get', { id: claim.id })).eventLinks).toEqual([
      { eventId: opening.id, relation: 'contradicts' },
    ]);
    expect(await call('history.state', {})).toEqual({ undo: 'Change link', redo: null });
    app.close();
  });
});

describe('events follow merges in the codebook', () => {
  it('merging entities moves an event’s place and actors; deleting one leaves the place unknown', async () => {
    const { app, call } = await setup();
    const caracas = await call('entities.create', { kind: 'place', name: 'Caracas' });
    const caracas2 = await call('entities.create', { kind: 'place', name: 'Caracas (city)' });
    const rogozin = await call('entities.create', { kind: 'person', name: 'Dmitry Rogozin' });
    const rogozin2 = await call('entities.create', { kind: 'person', name: 'D. Rogozin' });
    const talks = await call('events.create', {
      title: 'Rogozin and Ramirez hold talks',
      start: '--12-16',
      placeId: caracas2.id,
      actorIds: [rogozin.id, rogozin2.id],
    });
    await call('entities.merge', { sourceId: caracas2.id, targetId: caracas.id });
    await call('entities.merge', { sourceId: rogozin2.id, targetId: rogozin.id });
    const merged = (await call('events.get', { id: talks.id })) as EventDetail;
    expect(merged.placeId).toBe(caracas.id);
    expect(merged.actorIds).toEqual([rogozin.id]);
    await call('entities.delete', { id: caracas.id });
    expect((await call('events.get', { id: talks.id })).placeId).toBeNull();
    await call('history.undo', {});
    expect((await call('events.get', { id: talks.id })).placeId).toBe(caracas.id);
    app.close();
  });

  it('merging tags moves the tags of events; deleting a tag takes it off them', async () => {
    const { app, call } = await setup();
    const arms = await call('tags.create', { name: 'Arms' });
    const weapons = await call('tags.create', { name: 'Weapons' });
    const plant = await call('events.create', {
      title: 'Plant agreement',
      start: '2006-07',
      tagIds: [arms.id],
    });
    await call('tags.merge', { sourceId: arms.id, targetId: weapons.id });
    expect((await call('events.get', { id: plant.id })).tagIds).toEqual([weapons.id]);
    await call('tags.delete', { id: weapons.id });
    expect((await call('events.get', { id: plant.id })).tagIds).toEqual([]);
    app.close();
  });
});
