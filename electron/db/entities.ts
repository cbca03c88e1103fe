// SQL for entities: the people, organisations and places that make claims. Aliases live in one JSON column
// (a short list read whole with its entity). Deletion and merging are tombstones, merged_into naming the
// survivor, so a teammate's claims by the old entity can follow it. Callers own the transaction.
import type { Database } from 'better-sqlite3';
import type { Entity, EntityKind } from '../../shared/annotations';
import { statement } from './statements';

interface EntityRow {
  id: string;
  kind: EntityKind;
  name: string;
  aliases: string;
  description: string;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
  claim_count: number;
}

/** An entity with how many live claims it made. */
const SELECT_ENTITY = `SELECT e.id, e.kind, e.name, e.aliases, e.description, e.created_at, e.updated_at,
  e.deleted_at,
  (SELECT count(*) FROM claims c WHERE c.claimant_id = e.id AND c.deleted_at IS NULL) AS claim_count
  FROM entities e`;

function toEntity(row: EntityRow): Entity {
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    // Normalised when written; a row from an older or foreign writer may still hold something else.
    aliases: parseAliases(row.aliases),
    description: row.description,
    claimCount: row.claim_count,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function parseAliases(json: string): string[] {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  } catch {
    return [];
  }
}

export function listEntityRows(db: Database): Entity[] {
  const rows = statement(db, `${SELECT_ENTITY} WHERE e.deleted_at IS NULL`).all() as EntityRow[];
  return rows.map(toEntity);
}

/** The entity whatever its state, with its tombstone, or null if it never existed. */
export function getEntityRow(db: Database, id: string): { entity: Entity; deleted: boolean } | null {
  const row = statement(db, `${SELECT_ENTITY} WHERE e.id = ?`).get(id) as EntityRow | undefined;
  return row ? { entity: toEntity(row), deleted: row.deleted_at !== null } : null;
}

export function insertEntity(db: Database, entity: Entity): void {
  statement(
    db,
    `INSERT INTO entities (id, kind, name, aliases, description, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    entity.id,
    entity.kind,
    entity.name,
    JSON.stringify(entity.aliases),
    entity.description,
    entity.createdAt,
    entity.updatedAt,
  );
}

export function updateEntityRow(
  db: Database,
  id: string,
  fields: { kind: EntityKind; name: string; aliases: string[]; description: string; updatedAt: string },
): void {
  statement(
    db,
    `UPDATE entities SET kind = ?, name = ?, aliases = ?, description = ?, updated_at = ? WHERE id = ?`,
  ).run(fields.kind, fields.name, JSON.stringify(fields.aliases), fields.description, fields.updatedAt, id);
}

/** Tombstones an entity; `mergedInto` records the survivor of a merge. */
export function setEntityDeleted(
  db: Database,
  id: string,
  deletedAt: string,
  mergedInto: string | null,
): void {
  statement(db, `UPDATE entities SET deleted_at = ?, merged_into = ?, updated_at = ? WHERE id = ?`).run(
    deletedAt,
    mergedInto,
    deletedAt,
    id,
  );
}

/**
 * Gives every claim made by one entity another claimant (null: unknown). Deleted claims move too, so a claim
 * brought back by undo never points at an entity that is gone.
 */
export function reassignClaims(db: Database, fromId: string, toId: string | null, updatedAt: string): number {
  return statement(db, `UPDATE claims SET claimant_id = ?, updated_at = ? WHERE claimant_id = ?`).run(
    toId,
    updatedAt,
    fromId,
  ).changes;
}

/**
 * Events that name `fromId` as their place or an actor name `toId` instead (a merge), or no longer name it
 * (null: a delete leaves the place unknown and drops the actor link). An event that already has `toId` as an
 * actor keeps one link.
 */
export function reassignEvents(db: Database, fromId: string, toId: string | null, updatedAt: string): void {
  statement(db, `UPDATE events SET place_id = ?, updated_at = ? WHERE place_id = ?`).run(
    toId,
    updatedAt,
    fromId,
  );
  const links = statement(db, `SELECT event_id FROM event_actors WHERE entity_id = ? AND deleted_at IS NULL`)
    .pluck()
    .all(fromId) as string[];
  for (const eventId of links) {
    statement(
      db,
      `UPDATE event_actors SET deleted_at = ?, updated_at = ? WHERE event_id = ? AND entity_id = ?`,
    ).run(updatedAt, updatedAt, eventId, fromId);
    if (toId === null) continue;
    statement(
      db,
      `INSERT INTO event_actors (event_id, entity_id, created_at, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (event_id, entity_id) DO UPDATE SET deleted_at = NULL, updated_at = excluded.updated_at
       WHERE deleted_at IS NOT NULL`,
    ).run(eventId, toId, updatedAt, updatedAt);
  }
}
