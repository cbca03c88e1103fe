// Highlights follow their passages when a document's text changes (a corrected file re-imported), and the ones
// whose passage is gone become orphans instead of silently pointing at other words. The researcher sees them
// listed with the claims they supported, and re-attaches each to the passage it should now mark.
import type { Database } from 'better-sqlite3';
import type { OpParsedInput } from '../../shared/contract';
import type { OrphanedHighlight } from '../../shared/annotations';
import type { Highlight } from '../../shared/domain';
import { anchorAll, describeRange } from '../../shared/anchoring';
import { listOrphanRows } from '../db/claims';
import { getHighlightRow, listHighlightRows, moveHighlightRow, setHighlightOrphaned } from '../db/highlights';
import { nowIso } from '../db/clock';
import type { Project } from '../project';
import { liveHighlight, selectorsForRange } from './highlights';

export function listOrphans(project: Project): OrphanedHighlight[] {
  return listOrphanRows(project.db);
}

/** Points a highlight (orphaned or not) at a passage of its document's current text, ending its orphanhood. */
export function reattachHighlight(project: Project, input: OpParsedInput<'highlights.reattach'>): Highlight {
  return project.write((db) => {
    const current = liveHighlight(project, input.id);
    const selectors = selectorsForRange(
      project,
      current.documentId,
      input.start,
      input.end,
      'Select some text to attach the highlight to.',
    );
    moveHighlightRow(db, input.id, selectors, nowIso());
    return getHighlightRow(db, input.id)!.highlight;
  }, 'Re-attach highlight');
}

export interface ReanchorCounts {
  /** Found again and moved (or their quote or context refreshed from the new text). */
  moved: number;
  /** Not found in the new text: orphans now, whether newly or still. */
  orphaned: number;
  /** Found exactly where they were, with the same words around them. */
  unchanged: number;
}

/**
 * Re-anchors a document's highlights (deleted ones included) against its new text, inside the caller's transaction. Anchoring
 * tries the old position (if the quote still sits there), then the exact quote nearest the old position, then
 * a fuzzy match of the quote near it and then further away (shared/anchoring.ts). A highlight found by any of
 * these moves and takes the words it now covers, so a typo fixed inside a quote updates the quote; one that
 * is not found keeps its old selectors and quote and is marked orphaned for the researcher to re-attach.
 */
export function reanchorDocument(
  project: Project,
  db: Database,
  documentId: string,
  newText: string,
  at: string,
): ReanchorCounts {
  const counts: ReanchorCounts = { moved: 0, orphaned: 0, unchanged: 0 };
  // Deleted highlights too: an undo or a restore may bring one back, and it must come back placed in this
  // text (or orphaned), not at offsets of the old one.
  const highlights = listHighlightRows(db, documentId, { includeDeleted: true });
  const anchors = anchorAll(newText, highlights);
  for (const [i, highlight] of highlights.entries()) {
    const anchor = anchors[i];
    if (!anchor) {
      counts.orphaned += 1;
      if (highlight.orphanedAt === null) setHighlightOrphaned(db, highlight.id, at, at);
      continue;
    }
    const selectors = describeRange(newText, anchor);
    if (highlight.orphanedAt === null && sameSelectors(highlight, selectors)) {
      counts.unchanged += 1;
      continue;
    }
    moveHighlightRow(db, highlight.id, selectors, at);
    counts.moved += 1;
  }
  // Whatever was cached of this document is its old text now.
  project.forgetContent(documentId);
  return counts;
}

function sameSelectors(highlight: Highlight, selectors: ReturnType<typeof describeRange>): boolean {
  const { position, quote } = highlight;
  return (
    position.start === selectors.position.start &&
    position.end === selectors.position.end &&
    quote.exact === selectors.quote.exact &&
    quote.prefix === selectors.quote.prefix &&
    quote.suffix === selectors.quote.suffix
  );
}
