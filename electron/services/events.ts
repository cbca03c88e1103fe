// Events on the chronology (issue 5): what happened and when, at the precision the sources give (a partial date
// or a range of them), where (a place, any entity), who took part (actors), tags, and the claims that support,
// contradict or mention it. Every user action is one labelled write, so the journal (db/journal.ts) gives undo
// and redo for free.
import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import type { OpParsedInput } from '../../shared/contract';
import { CLAIM_STATUSES, type ClaimStatus, type EventRelation } from '../../shared/annotations';
import { rangeProblem, sortChronologically } from '../../shared/date-spans';
import { DossierError } from '../../shared/errors';
import { isContested, type Event, type EventDetail } from '../../shared/events';
import { getClaimRow } from '../db/claims';
import { nowIso } from '../db/clock';
import {
  deleteEventRow,
  getClaimEventRow,
  getEventRow,
  insertEvent,
  linkEvent,
  listClaimCountRows,
  listEventClaimRows,
  listEventLinkIds,
  listEventLinkRows,
  listEventRows,
  missingEntities,
  missingTags,
  unlinkClaimEvent,
  unlinkEvent,
  updateEventRow,
  upsertClaimEvent,
  type EventFields,
  type EventLinkKind,
  type EventRow,
} from '../db/events';
import type { Project } from '../project';
import { getClaimsByIds } from './claims';

/** Live events in chronological order (year-unknown ones last), with their links and claim counts. */
export function listEvents(project: Project): Event[] {
  const rows = sortChronologically(
    listEventRows(project.db),
    (row) => ({ start: row.date_start, end: row.date_end }),
    (a, b) => a.title.localeCompare(b.title) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
  return toEvents(project.db, rows, null);
}

/** The event with its linked claims (passages and sources included): supports, then contradicts, then mentions. */
export function getEvent(project: Project, id: string): EventDetail {
  const event = getLiveEvent(project.db, id);
  const links = listEventClaimRows(project.db, id);
  const claims = new Map(
    getClaimsByIds(
      project,
      links.map((link) => link.claim_id),
    ).map((c) => [c.id, c]),
  );
  return {
    ...event,
    claims: links.flatMap((link) => {
      const claim = claims.get(link.claim_id);
      return claim ? [{ relation: link.relation, claim }] : [];
    }),
  };
}

export function createEvent(project: Project, input: OpParsedInput<'events.create'>): Event {
  return project.write((db) => {
    const problem = rangeProblem({ start: input.start, end: input.end });
    if (problem !== null) throw new DossierError('invalid_input', problem);
    const actorIds = unique(input.actorIds);
    const tagIds = unique(input.tagIds);
    requirePlace(db, input.placeId);
    requireActors(db, actorIds);
    requireTags(db, tagIds);
    const id = randomUUID();
    const at = nowIso();
    insertEvent(
      db,
      id,
      {
        title: input.title,
        date_start: input.start,
        date_end: input.end,
        place_id: input.placeId,
        description: input.description,
      },
      at,
    );
    for (const actorId of actorIds) linkEvent(db, 'actors', id, actorId, at);
    for (const tagId of tagIds) linkEvent(db, 'tags', id, tagId, at);
    return getLiveEvent(db, id);
  }, 'Create event');
}

/** Fields left out stay; actorIds and tagIds replace the lists. A new start or end is checked against the other. */
export function updateEvent(project: Project, input: OpParsedInput<'events.update'>): Event {
  const { id, ...changes } = input;
  return project.write((db) => {
    const current = liveEventRow(db, id);
    const next: EventFields = {
      title: changes.title ?? current.title,
      date_start: changes.start ?? current.date_start,
      date_end: changes.end !== undefined ? changes.end : current.date_end,
      place_id: changes.placeId !== undefined ? changes.placeId : current.place_id,
      description: changes.description ?? current.description,
    };
    if (changes.start !== undefined || changes.end !== undefined) {
      const problem = rangeProblem({ start: next.date_start, end: next.date_end });
      if (problem !== null) throw new DossierError('invalid_input', problem);
    }
    if (changes.placeId !== undefined && changes.placeId !== current.place_id)
      requirePlace(db, changes.placeId);
    const actorIds = changes.actorIds && unique(changes.actorIds);
    const tagIds = changes.tagIds && unique(changes.tagIds);
    if (actorIds) requireActors(db, actorIds);
    if (tagIds) requireTags(db, tagIds);
    const at = nowIso();
    const changed = (Object.keys(next) as (keyof EventFields)[]).some((key) => next[key] !== current[key]);
    // An edit that changes nothing must not look like a newer version of the event to a teammate's merge.
    if (changed) updateEventRow(db, id, next, at);
    if (actorIds) replaceLinks(db, 'actors', id, actorIds, at);
    if (tagIds) replaceLinks(db, 'tags', id, tagIds, at);
    return getLiveEvent(db, id);
  }, 'Edit event');
}

/** Tombstones the event and its actor, tag and claim links; the claims, entities and tags stay. */
export function deleteEvent(project: Project, id: string): { id: string } {
  return project.write((db) => {
    liveEventRow(db, id);
    deleteEventRow(db, id, nowIso());
    return { id };
  }, 'Delete event');
}

/** Links a claim to an event, or changes the relation of a live link ('Change link'). */
export function linkClaimToEvent(project: Project, input: OpParsedInput<'events.linkClaim'>): Event {
  const existing = getClaimEventRow(project.db, input.claimId, input.eventId);
  const label = existing && existing.deleted_at === null ? 'Change link' : 'Link claim to event';
  return project.write((db) => {
    liveEventRow(db, input.eventId);
    requireClaim(db, input.claimId);
    upsertClaimEvent(db, input.claimId, input.eventId, input.relation, nowIso());
    return getLiveEvent(db, input.eventId);
  }, label);
}

/** Tombstones the link; unlinking a claim that is not linked changes nothing. */
export function unlinkClaimFromEvent(project: Project, input: OpParsedInput<'events.unlinkClaim'>): Event {
  return project.write((db) => {
    liveEventRow(db, input.eventId);
    unlinkClaimEvent(db, input.claimId, input.eventId, nowIso());
    return getLiveEvent(db, input.eventId);
  }, 'Unlink claim');
}

function liveEventRow(db: Database, id: string): EventRow {
  const row = getEventRow(db, id);
  if (!row || row.deleted_at !== null) throw new DossierError('not_found', 'That event no longer exists.');
  return row;
}

function getLiveEvent(db: Database, id: string): Event {
  return toEvents(db, [liveEventRow(db, id)], id)[0]!;
}

function requireClaim(db: Database, id: string): void {
  const row = getClaimRow(db, id);
  if (!row || row.deleted_at !== null) throw new DossierError('not_found', 'That claim no longer exists.');
}

function requirePlace(db: Database, placeId: string | null): void {
  if (placeId !== null && missingEntities(db, [placeId]).length > 0) {
    throw new DossierError('not_found', 'That place is not in this project (it may have been deleted).');
  }
}

function requireActors(db: Database, ids: string[]): void {
  const missing = missingEntities(db, ids);
  if (missing.length > 0) {
    throw new DossierError(
      'not_found',
      missing.length === 1
        ? 'One of those actors is not in this project (it may have been deleted).'
        : `${missing.length} of those actors are not in this project (they may have been deleted).`,
    );
  }
}

function requireTags(db: Database, ids: string[]): void {
  const missing = missingTags(db, ids);
  if (missing.length > 0) {
    throw new DossierError(
      'not_found',
      missing.length === 1
        ? 'One of those tags no longer exists.'
        : `${missing.length} of those tags no longer exist.`,
    );
  }
}

/** Makes the event's live links exactly `ids`: removed ones tombstoned, added ones inserted or revived. */
function replaceLinks(db: Database, kind: EventLinkKind, eventId: string, ids: string[], at: string): void {
  const current = new Set(listEventLinkIds(db, kind, eventId));
  const wanted = new Set(ids);
  for (const id of current) if (!wanted.has(id)) unlinkEvent(db, kind, eventId, id, at);
  for (const id of ids) if (!current.has(id)) linkEvent(db, kind, eventId, id, at);
}

function unique(ids: readonly string[]): string[] {
  return [...new Set(ids)];
}

function groupIds(rows: { event_id: string; other_id: string }[]): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const row of rows) {
    const list = map.get(row.event_id) ?? [];
    list.push(row.other_id);
    map.set(row.event_id, list);
  }
  return map;
}

/** Events with their actors, tags and claim counts, from a few set-based queries (scope: one event or all). */
function toEvents(db: Database, rows: EventRow[], scope: string | null): Event[] {
  const actors = groupIds(listEventLinkRows(db, 'actors', scope));
  const tags = groupIds(listEventLinkRows(db, 'tags', scope));
  const counts = new Map<string, Record<EventRelation, number>>();
  const statuses = new Map<string, Set<ClaimStatus>>();
  for (const row of listClaimCountRows(db, scope)) {
    const entry = counts.get(row.event_id) ?? { supports: 0, contradicts: 0, mentions: 0 };
    entry[row.relation] += row.count;
    counts.set(row.event_id, entry);
    const seen = statuses.get(row.event_id) ?? new Set<ClaimStatus>();
    seen.add(row.status);
    statuses.set(row.event_id, seen);
  }
  // A place deleted from the codebook after the event was placed there no longer names a place.
  const places = unique(rows.flatMap((row) => (row.place_id === null ? [] : [row.place_id])));
  const deadPlaces = new Set(missingEntities(db, places));
  return rows.map((row) => {
    const claimCounts = counts.get(row.id) ?? { supports: 0, contradicts: 0, mentions: 0 };
    return {
      id: row.id,
      title: row.title,
      start: row.date_start,
      end: row.date_end,
      placeId: row.place_id !== null && deadPlaces.has(row.place_id) ? null : row.place_id,
      actorIds: actors.get(row.id) ?? [],
      tagIds: tags.get(row.id) ?? [],
      description: row.description,
      claimCounts,
      contested: isContested(claimCounts),
      claimStatuses: CLAIM_STATUSES.filter((status) => statuses.get(row.id)?.has(status)),
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    };
  });
}
