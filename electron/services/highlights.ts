// Highlights: a range of a document's canonical text, stored as W3C position + quote selectors so it can be
// re-anchored when the text changes. Selectors are computed here from the stored text, never trusted from
// the caller.
import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import type { Highlight, HighlightColor, TextPositionSelector, TextQuoteSelector } from '../../shared/domain';
import { DossierError } from '../../shared/errors';
import { describeRange } from '../../shared/anchoring';
import {
  getHighlightRow,
  insertHighlight,
  listHighlightRows,
  setHighlightDeleted,
  updateHighlightRow,
} from '../db/highlights';
import { nowIso } from '../db/clock';
import type { Project } from '../project';

export function listHighlights(project: Project, documentId: string): Highlight[] {
  return listHighlightRows(project.db, documentId);
}

export function createHighlight(
  project: Project,
  input: { documentId: string; start: number; end: number; color: HighlightColor; note: string },
): Highlight {
  return project.write((db) => insertHighlightFromRange(project, db, input), 'Highlight');
}

/**
 * Selectors for [start, end) of a document's current text, trimmed of surrounding whitespace. Shared by
 * creating a highlight, making a claim's passage from a selection, and re-attaching an orphan, so all three
 * accept and refuse the same selections.
 */
export function selectorsForRange(
  project: Project,
  documentId: string,
  start: number,
  end: number,
  emptyMessage = 'Select some text to highlight.',
): { position: TextPositionSelector; quote: TextQuoteSelector } {
  const content = project.documentContent(documentId);
  if (!content) throw new DossierError('not_found', 'That document is not in this project.');
  if (end > content.text.length) {
    throw new DossierError('invalid_input', 'The highlight reaches past the end of the document.');
  }
  const range = trimWhitespace(content.text, start, end);
  if (!range) throw new DossierError('invalid_input', emptyMessage);
  try {
    return describeRange(content.text, range);
  } catch (error) {
    if (error instanceof RangeError) throw new DossierError('invalid_input', error.message);
    throw error;
  }
}

/** Inserts a highlight made from a selection, inside the caller's transaction (a claim made with its passage). */
export function insertHighlightFromRange(
  project: Project,
  db: Database,
  input: { documentId: string; start: number; end: number; color: HighlightColor; note: string },
): Highlight {
  const { position, quote } = selectorsForRange(project, input.documentId, input.start, input.end);
  const at = nowIso();
  const highlight: Highlight = {
    id: randomUUID(),
    documentId: input.documentId,
    position,
    quote,
    color: input.color,
    note: input.note,
    tagIds: [],
    claimIds: [],
    orphanedAt: null,
    createdAt: at,
    updatedAt: at,
  };
  insertHighlight(db, highlight);
  return highlight;
}

/** A selection dragged past a paragraph's end carries the blank line after it; the passage is the text. */
function trimWhitespace(text: string, start: number, end: number): { start: number; end: number } | null {
  let from = start;
  let to = end;
  while (from < to && /\s/.test(text[from]!)) from += 1;
  while (to > from && /\s/.test(text[to - 1]!)) to -= 1;
  return to > from ? { start: from, end: to } : null;
}

/** The highlight if it exists and is not deleted; otherwise the action is refused. */
export function liveHighlight(project: Project, id: string): Highlight {
  const found = getHighlightRow(project.db, id);
  if (!found || found.deleted) throw new DossierError('not_found', 'That highlight no longer exists.');
  return found.highlight;
}

export function updateHighlight(
  project: Project,
  input: { id: string; color?: HighlightColor | undefined; note?: string | undefined },
): Highlight {
  return project.write(
    (db) => {
      const current = liveHighlight(project, input.id);
      const next = {
        color: input.color ?? current.color,
        note: input.note ?? current.note,
        updatedAt: nowIso(),
      };
      updateHighlightRow(db, input.id, next);
      return { ...current, ...next };
    },
    input.note !== undefined ? 'Edit note' : 'Change colour',
  );
}

export function deleteHighlight(project: Project, id: string): { id: string } {
  return project.write((db) => {
    liveHighlight(project, id);
    const at = nowIso();
    setHighlightDeleted(db, id, at, at);
    return { id };
  }, 'Delete highlight');
}

export function restoreHighlight(project: Project, id: string): Highlight {
  return project.write((db) => {
    const found = getHighlightRow(db, id);
    if (!found) throw new DossierError('not_found', 'That highlight never existed in this project.');
    const updatedAt = nowIso();
    if (found.deleted) setHighlightDeleted(db, id, null, updatedAt);
    return { ...found.highlight, updatedAt };
  }, 'Restore highlight');
}
