// SQL for the codebook: tags (a tree by parent_id) and the link tables that put them on highlights, claims and
// events.
// Rows are merge-ready (design.md §5): tombstones instead of deletes, and a link is keyed by its pair, so
// applying a tag again revives the old row rather than adding a second one. Callers own the transaction.
import type { Database } from 'better-sqlite3';
import type { Tag, TagColor } from '../../shared/annotations';
import { statement } from './statements';

interface TagRow {
  id: string;
  parent_id: string | null;
  name: string;
  color: TagColor;
  description: string;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
  highlight_count: number;
  claim_count: number;
}

/** A tag with how many live highlights and claims carry it (live links to live items only, from indexes of live rows: migration 010). */
const SELECT_TAG = `SELECT t.id, t.parent_id, t.name, t.color, t.description, t.created_at, t.updated_at,
  t.deleted_at,
  (SELECT count(*) FROM highlight_tags ht INDEXED BY highlight_tags_live_tag
     JOIN highlights h INDEXED BY highlights_live ON h.id = ht.highlight_id
     WHERE ht.tag_id = t.id AND ht.deleted_at IS NULL AND h.deleted_at IS NULL) AS highlight_count,
  (SELECT count(*) FROM claim_tags ct INDEXED BY claim_tags_live_tag
     JOIN claims c INDEXED BY claims_live ON c.id = ct.claim_id
     WHERE ct.tag_id = t.id AND ct.deleted_at IS NULL AND c.deleted_at IS NULL) AS claim_count
  FROM tags t`;

function toTag(row: TagRow): Tag {
  return {
    id: row.id,
    parentId: row.parent_id,
    name: row.name,
    color: row.color,
    description: row.description,
    highlightCount: row.highlight_count,
    claimCount: row.claim_count,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function listTagRows(db: Database): Tag[] {
  const rows = statement(
    db,
    `${SELECT_TAG} WHERE t.deleted_at IS NULL ORDER BY t.name COLLATE NOCASE, t.id`,
  ).all() as TagRow[];
  return rows.map(toTag);
}

/** The tag whatever its state, with its tombstone, or null if it never existed. */
export function getTagRow(db: Database, id: string): { tag: Tag; deleted: boolean } | null {
  const row = statement(db, `${SELECT_TAG} WHERE t.id = ?`).get(id) as TagRow | undefined;
  return row ? { tag: toTag(row), deleted: row.deleted_at !== null } : null;
}

/** Live tags directly under a parent (null: the top level), without counts. */
export function listLiveChildren(db: Database, parentId: string | null): { id: string; name: string }[] {
  return statement(
    db,
    `SELECT id, name FROM tags WHERE parent_id IS ? AND deleted_at IS NULL ORDER BY name COLLATE NOCASE`,
  ).all(parentId) as { id: string; name: string }[];
}

/** Whether `candidateId` is `ancestorId` itself or lies anywhere below it in the tree. */
export function isSameOrDescendant(db: Database, ancestorId: string, candidateId: string): boolean {
  if (ancestorId === candidateId) return true;
  // UNION (not UNION ALL) stops at rows already seen, so even a corrupted cycle cannot loop forever.
  const found = statement(
    db,
    `WITH RECURSIVE below (id) AS (
       SELECT id FROM tags WHERE parent_id = ?
       UNION SELECT t.id FROM tags t JOIN below b ON t.parent_id = b.id)
     SELECT 1 FROM below WHERE id = ?`,
  )
    .pluck()
    .get(ancestorId, candidateId);
  return found !== undefined;
}

export function insertTag(db: Database, tag: Tag): void {
  statement(
    db,
    `INSERT INTO tags (id, parent_id, name, color, description, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  ).run(tag.id, tag.parentId, tag.name, tag.color, tag.description, tag.createdAt, tag.updatedAt);
}

export function updateTagRow(
  db: Database,
  id: string,
  fields: { parentId: string | null; name: string; color: TagColor; description: string; updatedAt: string },
): void {
  statement(
    db,
    `UPDATE tags SET parent_id = ?, name = ?, color = ?, description = ?, updated_at = ? WHERE id = ?`,
  ).run(fields.parentId, fields.name, fields.color, fields.description, fields.updatedAt, id);
}

/** Tombstones a tag; `mergedInto` records the survivor of a merge so a teammate's uses can follow it. */
export function setTagDeleted(db: Database, id: string, deletedAt: string, mergedInto: string | null): void {
  statement(db, `UPDATE tags SET deleted_at = ?, merged_into = ?, updated_at = ? WHERE id = ?`).run(
    deletedAt,
    mergedInto,
    deletedAt,
    id,
  );
}

/** Moves every live child of one tag under another parent (null: the top level). */
export function moveLiveChildren(
  db: Database,
  fromParentId: string,
  toParentId: string | null,
  updatedAt: string,
): number {
  return statement(
    db,
    `UPDATE tags SET parent_id = ?, updated_at = ? WHERE parent_id = ? AND deleted_at IS NULL`,
  ).run(toParentId, updatedAt, fromParentId).changes;
}

/** What a tag can be put on: the link table and its column naming the item, and the items' own table. */
export type TagTarget = 'highlight' | 'claim' | 'event';
const TARGETS = {
  highlight: { links: 'highlight_tags', item: 'highlight_id', items: 'highlights' },
  claim: { links: 'claim_tags', item: 'claim_id', items: 'claims' },
  event: { links: 'event_tags', item: 'event_id', items: 'events' },
} as const;

/** Of the given ids, those naming a live highlight (or claim). */
export function liveItemIds(db: Database, target: TagTarget, ids: string[]): Set<string> {
  const { items } = TARGETS[target];
  const found = statement(
    db,
    `SELECT id FROM ${items} WHERE deleted_at IS NULL AND id IN (SELECT value FROM json_each(?))`,
  )
    .pluck()
    .all(JSON.stringify(ids)) as string[];
  return new Set(found);
}

/**
 * Puts a tag on an item: a new link, or the old link's tombstone cleared. A link that is already live is left
 * alone (no write, so nothing for undo to record). Returns whether anything changed.
 */
export function linkTag(db: Database, target: TagTarget, tagId: string, itemId: string, at: string): boolean {
  const { links, item } = TARGETS[target];
  return (
    statement(
      db,
      `INSERT INTO ${links} (${item}, tag_id, created_at, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (${item}, tag_id) DO UPDATE SET deleted_at = NULL, updated_at = excluded.updated_at
       WHERE deleted_at IS NOT NULL`,
    ).run(itemId, tagId, at, at).changes > 0
  );
}

/** Takes a tag off an item (a tombstone on the link). Returns whether it was on. */
export function unlinkTag(
  db: Database,
  target: TagTarget,
  tagId: string,
  itemId: string,
  at: string,
): boolean {
  const { links, item } = TARGETS[target];
  return (
    statement(
      db,
      `UPDATE ${links} SET deleted_at = ?, updated_at = ? WHERE ${item} = ? AND tag_id = ? AND deleted_at IS NULL`,
    ).run(at, at, itemId, tagId).changes > 0
  );
}

/** The items a tag is live on, whatever the state of the item (a deleted highlight keeps its tags for undo). */
export function linkedItemIds(db: Database, target: TagTarget, tagId: string): string[] {
  const { links, item } = TARGETS[target];
  return statement(
    db,
    `SELECT ${item} FROM ${links} WHERE tag_id = ? AND deleted_at IS NULL ORDER BY ${item}`,
  )
    .pluck()
    .all(tagId) as string[];
}

/** Takes a tag off everything it is on. */
export function unlinkTagEverywhere(db: Database, target: TagTarget, tagId: string, at: string): number {
  const { links } = TARGETS[target];
  return statement(
    db,
    `UPDATE ${links} SET deleted_at = ?, updated_at = ? WHERE tag_id = ? AND deleted_at IS NULL`,
  ).run(at, at, tagId).changes;
}
