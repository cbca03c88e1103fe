// SQL for highlights. Deletion is a tombstone (deleted_at) so that undo and, later, merges can see it.
import type { Database } from 'better-sqlite3';
import type { Highlight, HighlightColor, TextPositionSelector, TextQuoteSelector } from '../../shared/domain';

interface HighlightRow {
  id: string;
  document_id: string;
  pos_start: number;
  pos_end: number;
  quote_exact: string;
  quote_prefix: string;
  quote_suffix: string;
  color: HighlightColor;
  note: string;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
  orphaned_at: string | null;
  /** JSON arrays from the link tables (live links only). */
  tag_ids: string;
  claim_ids: string;
}

/** A highlight row with the ids of its live tags and claims. */
const SELECT_HIGHLIGHT = `SELECT h.*,
  (SELECT json_group_array(ht.tag_id) FROM highlight_tags ht JOIN tags t ON t.id = ht.tag_id
     WHERE ht.highlight_id = h.id AND ht.deleted_at IS NULL AND t.deleted_at IS NULL) AS tag_ids,
  (SELECT json_group_array(cp.claim_id) FROM claim_passages cp JOIN claims c ON c.id = cp.claim_id
     WHERE cp.highlight_id = h.id AND cp.deleted_at IS NULL AND c.deleted_at IS NULL) AS claim_ids
  FROM highlights h`;

function toHighlight(row: HighlightRow): Highlight {
  return {
    id: row.id,
    documentId: row.document_id,
    position: { type: 'TextPositionSelector', start: row.pos_start, end: row.pos_end },
    quote: {
      type: 'TextQuoteSelector',
      exact: row.quote_exact,
      prefix: row.quote_prefix,
      suffix: row.quote_suffix,
    },
    color: row.color,
    note: row.note,
    tagIds: JSON.parse(row.tag_ids) as string[],
    claimIds: JSON.parse(row.claim_ids) as string[],
    orphanedAt: row.orphaned_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** A document's live highlights in reading order; with `includeDeleted`, its tombstoned ones too. */
export function listHighlightRows(
  db: Database,
  documentId: string,
  options: { includeDeleted?: boolean } = {},
): Highlight[] {
  const live = options.includeDeleted ? '' : 'AND h.deleted_at IS NULL';
  const rows = db
    .prepare(
      `${SELECT_HIGHLIGHT} WHERE h.document_id = ? ${live} ORDER BY h.pos_start, h.pos_end, h.created_at`,
    )
    .all(documentId) as HighlightRow[];
  return rows.map(toHighlight);
}

/** The highlight whatever its state, with its tombstone, or null if it never existed. */
export function getHighlightRow(db: Database, id: string): { highlight: Highlight; deleted: boolean } | null {
  const row = db.prepare(`${SELECT_HIGHLIGHT} WHERE h.id = ?`).get(id) as HighlightRow | undefined;
  return row ? { highlight: toHighlight(row), deleted: row.deleted_at !== null } : null;
}

export function insertHighlight(db: Database, h: Highlight): void {
  db.prepare(
    `INSERT INTO highlights (id, document_id, pos_start, pos_end, quote_exact, quote_prefix, quote_suffix,
       color, note, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    h.id,
    h.documentId,
    h.position.start,
    h.position.end,
    h.quote.exact,
    h.quote.prefix,
    h.quote.suffix,
    h.color,
    h.note,
    h.createdAt,
    h.updatedAt,
  );
}

export function updateHighlightRow(
  db: Database,
  id: string,
  changes: { color: HighlightColor; note: string; updatedAt: string },
): void {
  db.prepare(`UPDATE highlights SET color = ?, note = ?, updated_at = ? WHERE id = ?`).run(
    changes.color,
    changes.note,
    changes.updatedAt,
    id,
  );
}

export function setHighlightDeleted(
  db: Database,
  id: string,
  deletedAt: string | null,
  updatedAt: string,
): void {
  db.prepare(`UPDATE highlights SET deleted_at = ?, updated_at = ? WHERE id = ?`).run(
    deletedAt,
    updatedAt,
    id,
  );
}

/**
 * Moves a highlight to where its passage now is (after its document's text changed, or when the user
 * re-attaches an orphan), which also ends its orphanhood.
 */
export function moveHighlightRow(
  db: Database,
  id: string,
  selectors: { position: TextPositionSelector; quote: TextQuoteSelector },
  updatedAt: string,
): void {
  db.prepare(
    `UPDATE highlights SET pos_start = ?, pos_end = ?, quote_exact = ?, quote_prefix = ?, quote_suffix = ?,
       orphaned_at = NULL, updated_at = ? WHERE id = ?`,
  ).run(
    selectors.position.start,
    selectors.position.end,
    selectors.quote.exact,
    selectors.quote.prefix,
    selectors.quote.suffix,
    updatedAt,
    id,
  );
}

/** Marks a highlight whose passage is no longer in its document's text; its selectors stay as they were. */
export function setHighlightOrphaned(
  db: Database,
  id: string,
  orphanedAt: string | null,
  updatedAt: string,
): void {
  db.prepare(`UPDATE highlights SET orphaned_at = ?, updated_at = ? WHERE id = ?`).run(
    orphanedAt,
    updatedAt,
    id,
  );
}
