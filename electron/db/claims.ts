// SQL for claims and the links that build them: the passages (highlights) that support a claim and the tags
// on it, plus the orphaned highlights those passages can become. Raw SQL with bound parameters; callers own
// the transaction. Rows are merge-ready (design.md §5): links are keyed by the pair they join, and removing a
// link tombstones it, so adding it again revives the same row instead of making a second one.
import type { Database } from 'better-sqlite3';
import type { ClaimStatus, EventRelation, OrphanedHighlight } from '../../shared/annotations';
import { statement } from './statements';

export interface ClaimRow {
  id: string;
  statement: string;
  claimant_id: string | null;
  claim_date: string | null;
  status: ClaimStatus;
  rationale: string;
  note: string;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

/** A live link from a claim to a live highlight, with what names the highlight's source. */
export interface PassageRow {
  claim_id: string;
  highlight_id: string;
  document_id: string;
  quote_exact: string;
  pos_start: number;
  orphaned_at: string | null;
  document_title: string;
  outlet: string | null;
  language: string | null;
  published: string | null;
}

export type ClaimFields = Pick<
  ClaimRow,
  'statement' | 'claimant_id' | 'claim_date' | 'status' | 'rationale' | 'note'
>;

export function insertClaim(db: Database, id: string, fields: ClaimFields, at: string): void {
  statement(
    db,
    `INSERT INTO claims (id, statement, claimant_id, claim_date, status, rationale, note, created_at, updated_at)
     VALUES (@id, @statement, @claimant_id, @claim_date, @status, @rationale, @note, @at, @at)`,
  ).run({ id, ...fields, at });
}

/** The claim whatever its state (deleted_at tells), or undefined if it never existed. */
export function getClaimRow(db: Database, id: string): ClaimRow | undefined {
  return statement(db, `SELECT * FROM claims WHERE id = ?`).get(id) as ClaimRow | undefined;
}

/** Which claims a listing query covers: one claim (by id), several (by ids), or every live claim (null). */
export type ClaimScope = string | readonly string[] | null;

/** The SQL condition on `column` and its parameters for a scope (nothing for every claim). */
function scoped(scope: ClaimScope, column: string): { where: string; params: string[] } {
  if (scope === null) return { where: '', params: [] };
  if (typeof scope === 'string') return { where: ` AND ${column} = ?`, params: [scope] };
  return { where: ` AND ${column} IN (SELECT value FROM json_each(?))`, params: [JSON.stringify(scope)] };
}

/** Live claims among `ids`, newest first (one query, however many). */
export function listClaimRowsByIds(db: Database, ids: readonly string[]): ClaimRow[] {
  return statement(
    db,
    `SELECT * FROM claims WHERE deleted_at IS NULL AND id IN (SELECT value FROM json_each(?))
     ORDER BY created_at DESC, id`,
  ).all(JSON.stringify(ids)) as ClaimRow[];
}

/** Live claims, newest first. */
export function listClaimRows(db: Database): ClaimRow[] {
  return statement(
    db,
    `SELECT * FROM claims WHERE deleted_at IS NULL ORDER BY created_at DESC, id`,
  ).all() as ClaimRow[];
}

export function updateClaimRow(db: Database, id: string, fields: ClaimFields, at: string): void {
  statement(
    db,
    `UPDATE claims SET statement = @statement, claimant_id = @claimant_id, claim_date = @claim_date,
       status = @status, rationale = @rationale, note = @note, updated_at = @at WHERE id = @id`,
  ).run({ id, ...fields, at });
}

/** Tombstones a claim with its passage and tag links; the highlights themselves stay. */
export function deleteClaimRow(db: Database, id: string, at: string): void {
  statement(db, `UPDATE claims SET deleted_at = ?, updated_at = ? WHERE id = ?`).run(at, at, id);
  for (const table of ['claim_passages', 'claim_tags']) {
    statement(
      db,
      `UPDATE ${table} SET deleted_at = ?, updated_at = ? WHERE claim_id = ? AND deleted_at IS NULL`,
    ).run(at, at, id);
  }
}

/** Links a passage to a claim, reviving a removed link; a link that is already live is left alone. */
export function linkClaimPassage(db: Database, claimId: string, highlightId: string, at: string): void {
  statement(
    db,
    `INSERT INTO claim_passages (claim_id, highlight_id, created_at, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (claim_id, highlight_id) DO UPDATE SET deleted_at = NULL, updated_at = excluded.updated_at
     WHERE deleted_at IS NOT NULL`,
  ).run(claimId, highlightId, at, at);
}

export function unlinkClaimPassage(db: Database, claimId: string, highlightId: string, at: string): void {
  statement(
    db,
    `UPDATE claim_passages SET deleted_at = ?, updated_at = ?
     WHERE claim_id = ? AND highlight_id = ? AND deleted_at IS NULL`,
  ).run(at, at, claimId, highlightId);
}

export function linkClaimTag(db: Database, claimId: string, tagId: string, at: string): void {
  statement(
    db,
    `INSERT INTO claim_tags (claim_id, tag_id, created_at, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (claim_id, tag_id) DO UPDATE SET deleted_at = NULL, updated_at = excluded.updated_at
     WHERE deleted_at IS NOT NULL`,
  ).run(claimId, tagId, at, at);
}

export function isLiveEntity(db: Database, id: string): boolean {
  return statement(db, `SELECT 1 FROM entities WHERE id = ? AND deleted_at IS NULL`).get(id) !== undefined;
}

export function isLiveTag(db: Database, id: string): boolean {
  return statement(db, `SELECT 1 FROM tags WHERE id = ? AND deleted_at IS NULL`).get(id) !== undefined;
}

const SELECT_PASSAGES = `SELECT cp.claim_id, h.id AS highlight_id, h.document_id, h.quote_exact, h.pos_start,
    h.orphaned_at, coalesce(d.title, d.file_name) AS document_title, d.outlet, d.language, d.published
  FROM claim_passages cp
  JOIN claims c ON c.id = cp.claim_id
  JOIN highlights h ON h.id = cp.highlight_id
  JOIN documents d ON d.id = h.document_id
  WHERE cp.deleted_at IS NULL AND c.deleted_at IS NULL AND h.deleted_at IS NULL AND d.deleted_at IS NULL`;
/** By document, then position: a claim's passages read in the order its sources are listed. */
const PASSAGE_ORDER = `ORDER BY document_title COLLATE NOCASE, h.document_id, h.pos_start, h.pos_end, h.id`;

/** The live passages of the claims in scope (every live claim when null), in one query. */
export function listPassageRows(db: Database, scope: ClaimScope): PassageRow[] {
  const { where, params } = scoped(scope, 'cp.claim_id');
  return statement(db, `${SELECT_PASSAGES}${where} ${PASSAGE_ORDER}`).all(...params) as PassageRow[];
}

const SELECT_TAGS = `SELECT ct.claim_id, ct.tag_id FROM claim_tags ct
  JOIN claims c ON c.id = ct.claim_id
  JOIN tags t ON t.id = ct.tag_id
  WHERE ct.deleted_at IS NULL AND t.deleted_at IS NULL AND c.deleted_at IS NULL`;
const TAG_ORDER = `ORDER BY t.name COLLATE NOCASE, t.id`;

/** Live tags on the claims in scope (every live claim when null). */
export function listClaimTagRows(db: Database, scope: ClaimScope): { claim_id: string; tag_id: string }[] {
  const { where, params } = scoped(scope, 'ct.claim_id');
  return statement(db, `${SELECT_TAGS}${where} ${TAG_ORDER}`).all(...params) as {
    claim_id: string;
    tag_id: string;
  }[];
}

/** A live link from a live claim to a live event, with the event's dates for ordering. */
export interface ClaimEventLinkRow {
  claim_id: string;
  event_id: string;
  relation: EventRelation;
  date_start: string;
  date_end: string | null;
}

const SELECT_EVENT_LINKS = `SELECT ce.claim_id, ce.event_id, ce.relation, e.date_start, e.date_end
  FROM claim_events ce
  JOIN claims c ON c.id = ce.claim_id
  JOIN events e ON e.id = ce.event_id
  WHERE ce.deleted_at IS NULL AND c.deleted_at IS NULL AND e.deleted_at IS NULL`;

/** The live event links of the claims in scope (every live claim when null), in one query. */
export function listClaimEventLinkRows(db: Database, scope: ClaimScope): ClaimEventLinkRow[] {
  const { where, params } = scoped(scope, 'ce.claim_id');
  return statement(db, `${SELECT_EVENT_LINKS}${where} ORDER BY e.id`).all(...params) as ClaimEventLinkRow[];
}

/** Live highlights that lost their passage, newest orphan first, with the live claims they support. */
export function listOrphanRows(db: Database): OrphanedHighlight[] {
  const rows = statement(
    db,
    `SELECT h.id, h.document_id, coalesce(d.title, d.file_name) AS document_title, h.quote_exact, h.note,
       h.orphaned_at,
       (SELECT json_group_array(cp.claim_id) FROM claim_passages cp JOIN claims c ON c.id = cp.claim_id
          WHERE cp.highlight_id = h.id AND cp.deleted_at IS NULL AND c.deleted_at IS NULL) AS claim_ids
     FROM highlights h JOIN documents d ON d.id = h.document_id
     WHERE h.orphaned_at IS NOT NULL AND h.deleted_at IS NULL AND d.deleted_at IS NULL
     ORDER BY h.orphaned_at DESC, h.id`,
  ).all() as {
    id: string;
    document_id: string;
    document_title: string;
    quote_exact: string;
    note: string;
    orphaned_at: string;
    claim_ids: string;
  }[];
  return rows.map((row) => ({
    highlightId: row.id,
    documentId: row.document_id,
    documentTitle: row.document_title,
    quote: row.quote_exact,
    note: row.note,
    orphanedAt: row.orphaned_at,
    claimIds: JSON.parse(row.claim_ids) as string[],
  }));
}
