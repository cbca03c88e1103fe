// SQL for events on the chronology and their links: actors (entities), tags, and the claims that support,
// contradict or mention an event. Raw SQL with bound parameters; callers own the transaction. Rows are
// merge-ready (design.md §5): links are keyed by the pair they join, removing a link tombstones it, and adding
// it again revives the same row instead of making a second one. Listing queries are set-based: one query for
// every event, never one per event.
import type { Database } from 'better-sqlite3';
import type { ClaimStatus, EventRelation } from '../../shared/annotations';
import { statement } from './statements';

export interface EventRow {
  id: string;
  title: string;
  date_start: string;
  date_end: string | null;
  place_id: string | null;
  description: string;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

export type EventFields = Pick<EventRow, 'title' | 'date_start' | 'date_end' | 'place_id' | 'description'>;

/** A link table joining an event to something else, with the column naming the other side. */
const LINKS = {
  actors: { table: 'event_actors', column: 'entity_id' },
  tags: { table: 'event_tags', column: 'tag_id' },
} as const;
export type EventLinkKind = keyof typeof LINKS;

export function insertEvent(db: Database, id: string, fields: EventFields, at: string): void {
  statement(
    db,
    `INSERT INTO events (id, title, date_start, date_end, place_id, description, created_at, updated_at)
     VALUES (@id, @title, @date_start, @date_end, @place_id, @description, @at, @at)`,
  ).run({ id, ...fields, at });
}

/** The event whatever its state (deleted_at tells), or undefined if it never existed. */
export function getEventRow(db: Database, id: string): EventRow | undefined {
  return statement(db, `SELECT * FROM events WHERE id = ?`).get(id) as EventRow | undefined;
}

/** Live events, in no particular order (the chronology is ordered by the service, by partial dates). */
export function listEventRows(db: Database): EventRow[] {
  return statement(db, `SELECT * FROM events WHERE deleted_at IS NULL`).all() as EventRow[];
}

export function updateEventRow(db: Database, id: string, fields: EventFields, at: string): void {
  statement(
    db,
    `UPDATE events SET title = @title, date_start = @date_start, date_end = @date_end, place_id = @place_id,
       description = @description, updated_at = @at WHERE id = @id`,
  ).run({ id, ...fields, at });
}

/** Tombstones an event with its actor, tag and claim links; the entities, tags and claims stay. */
export function deleteEventRow(db: Database, id: string, at: string): void {
  statement(db, `UPDATE events SET deleted_at = ?, updated_at = ? WHERE id = ?`).run(at, at, id);
  for (const table of ['event_actors', 'event_tags', 'claim_events']) {
    statement(
      db,
      `UPDATE ${table} SET deleted_at = ?, updated_at = ? WHERE event_id = ? AND deleted_at IS NULL`,
    ).run(at, at, id);
  }
}

/** Links an actor or a tag to an event, reviving a removed link; a live link is left alone. */
export function linkEvent(
  db: Database,
  kind: EventLinkKind,
  eventId: string,
  otherId: string,
  at: string,
): void {
  const { table, column } = LINKS[kind];
  statement(
    db,
    `INSERT INTO ${table} (event_id, ${column}, created_at, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (event_id, ${column}) DO UPDATE SET deleted_at = NULL, updated_at = excluded.updated_at
     WHERE deleted_at IS NOT NULL`,
  ).run(eventId, otherId, at, at);
}

export function unlinkEvent(
  db: Database,
  kind: EventLinkKind,
  eventId: string,
  otherId: string,
  at: string,
): void {
  const { table, column } = LINKS[kind];
  statement(
    db,
    `UPDATE ${table} SET deleted_at = ?, updated_at = ?
     WHERE event_id = ? AND ${column} = ? AND deleted_at IS NULL`,
  ).run(at, at, eventId, otherId);
}

/** Every live link row of one event (whether or not the other side is live), for replacing the list. */
export function listEventLinkIds(db: Database, kind: EventLinkKind, eventId: string): string[] {
  const { table, column } = LINKS[kind];
  return (
    statement(db, `SELECT ${column} AS id FROM ${table} WHERE event_id = ? AND deleted_at IS NULL`).all(
      eventId,
    ) as { id: string }[]
  ).map((row) => row.id);
}

export interface EventLinkRow {
  event_id: string;
  other_id: string;
}

const SELECT_ACTORS = `SELECT ea.event_id, ea.entity_id AS other_id FROM event_actors ea
  JOIN events e ON e.id = ea.event_id
  JOIN entities x ON x.id = ea.entity_id
  WHERE ea.deleted_at IS NULL AND e.deleted_at IS NULL AND x.deleted_at IS NULL`;
const ACTOR_ORDER = `ORDER BY x.name COLLATE NOCASE, x.id`;

const SELECT_TAGS = `SELECT et.event_id, et.tag_id AS other_id FROM event_tags et
  JOIN events e ON e.id = et.event_id
  JOIN tags x ON x.id = et.tag_id
  WHERE et.deleted_at IS NULL AND e.deleted_at IS NULL AND x.deleted_at IS NULL`;
const TAG_ORDER = `ORDER BY x.name COLLATE NOCASE, x.id`;

/** Live links to live actors or tags of one event, or of every live event when eventId is null. */
export function listEventLinkRows(db: Database, kind: EventLinkKind, eventId: string | null): EventLinkRow[] {
  const [select, order, alias] =
    kind === 'actors' ? [SELECT_ACTORS, ACTOR_ORDER, 'ea'] : [SELECT_TAGS, TAG_ORDER, 'et'];
  return eventId === null
    ? (statement(db, `${select} ${order}`).all() as EventLinkRow[])
    : (statement(db, `${select} AND ${alias}.event_id = ? ${order}`).all(eventId) as EventLinkRow[]);
}

/** The ids among `ids` that are not live entities (any kind). */
export function missingEntities(db: Database, ids: readonly string[]): string[] {
  return missing(db, 'entities', ids);
}

/** The ids among `ids` that are not live tags. */
export function missingTags(db: Database, ids: readonly string[]): string[] {
  return missing(db, 'tags', ids);
}

function missing(db: Database, table: 'entities' | 'tags', ids: readonly string[]): string[] {
  if (ids.length === 0) return [];
  return (
    statement(
      db,
      `SELECT j.value AS id FROM json_each(?) j
       WHERE NOT EXISTS (SELECT 1 FROM ${table} t WHERE t.id = j.value AND t.deleted_at IS NULL)`,
    ).all(JSON.stringify(ids)) as { id: string }[]
  ).map((row) => row.id);
}

export interface ClaimEventRow {
  claim_id: string;
  event_id: string;
  relation: EventRelation;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

/** The link between a claim and an event whatever its state, or undefined if there never was one. */
export function getClaimEventRow(db: Database, claimId: string, eventId: string): ClaimEventRow | undefined {
  return statement(db, `SELECT * FROM claim_events WHERE claim_id = ? AND event_id = ?`).get(
    claimId,
    eventId,
  ) as ClaimEventRow | undefined;
}

/**
 * Links a claim to an event with a relation: a new row, a revived tombstone, or a changed relation. A live link
 * with the same relation is left alone (nothing written).
 */
export function upsertClaimEvent(
  db: Database,
  claimId: string,
  eventId: string,
  relation: EventRelation,
  at: string,
): void {
  statement(
    db,
    `INSERT INTO claim_events (claim_id, event_id, relation, created_at, updated_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (claim_id, event_id) DO UPDATE SET relation = excluded.relation, deleted_at = NULL,
       updated_at = excluded.updated_at
     WHERE deleted_at IS NOT NULL OR relation <> excluded.relation`,
  ).run(claimId, eventId, relation, at, at);
}

export function unlinkClaimEvent(db: Database, claimId: string, eventId: string, at: string): void {
  statement(
    db,
    `UPDATE claim_events SET deleted_at = ?, updated_at = ?
     WHERE claim_id = ? AND event_id = ? AND deleted_at IS NULL`,
  ).run(at, at, claimId, eventId);
}

export interface ClaimCountRow {
  event_id: string;
  relation: EventRelation;
  status: ClaimStatus;
  count: number;
}

const SELECT_COUNTS = `SELECT ce.event_id, ce.relation, c.status, count(*) AS count FROM claim_events ce
  JOIN claims c ON c.id = ce.claim_id
  WHERE ce.deleted_at IS NULL AND c.deleted_at IS NULL`;

/**
 * Live links to live claims, counted by event, relation and the claim's status (one pass gives both the
 * counts and the statuses): for one event, or for all when eventId is null.
 */
export function listClaimCountRows(db: Database, eventId: string | null): ClaimCountRow[] {
  const group = 'GROUP BY ce.event_id, ce.relation, c.status';
  return (
    eventId === null
      ? statement(db, `${SELECT_COUNTS} ${group}`).all()
      : statement(db, `${SELECT_COUNTS} AND ce.event_id = ? ${group}`).all(eventId)
  ) as ClaimCountRow[];
}

/** The live claims linked to one event, supports first, then contradicts, then mentions; oldest claim first. */
export function listEventClaimRows(
  db: Database,
  eventId: string,
): { claim_id: string; relation: EventRelation }[] {
  return statement(
    db,
    `SELECT ce.claim_id, ce.relation FROM claim_events ce
     JOIN claims c ON c.id = ce.claim_id
     WHERE ce.event_id = ? AND ce.deleted_at IS NULL AND c.deleted_at IS NULL
     ORDER BY CASE ce.relation WHEN 'supports' THEN 0 WHEN 'contradicts' THEN 1 ELSE 2 END,
       c.created_at, c.id`,
  ).all(eventId) as { claim_id: string; relation: EventRelation }[];
}
