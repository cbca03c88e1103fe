// Claims: a statement attributed to a claimant at a date, supported by passages (highlights) of documents, with
// a verdict. A claim is usually made from a passage the researcher is reading, so creating one can create its
// highlight in the same transaction: the claim and its passage land together, and one undo takes both back.
// Every user action is one labelled write, so the journal (db/journal.ts) gives undo and redo for free.
import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import type { OpParsedInput } from '../../shared/contract';
import type { PassageInput } from '../../shared/contract-annotations';
import { STATEMENT_MAX, type Claim, type ClaimPassage, type EventRelation } from '../../shared/annotations';
import { sortChronologically } from '../../shared/date-spans';
import type { Highlight } from '../../shared/domain';
import { DossierError } from '../../shared/errors';
import {
  deleteClaimRow,
  getClaimRow,
  insertClaim,
  isLiveEntity,
  isLiveTag,
  linkClaimPassage,
  linkClaimTag,
  listClaimEventLinkRows,
  listClaimRows,
  listClaimRowsByIds,
  listClaimTagRows,
  listPassageRows,
  unlinkClaimPassage,
  updateClaimRow,
  type ClaimEventLinkRow,
  type ClaimFields,
  type ClaimRow,
  type ClaimScope,
  type PassageRow,
} from '../db/claims';
import { getDocumentSummary } from '../db/documents';
import { nowIso } from '../db/clock';
import { pageAt, type Project } from '../project';
import { insertHighlightFromRange, liveHighlight } from './highlights';

export function listClaims(project: Project): Claim[] {
  return toClaims(project, listClaimRows(project.db), null);
}

export function getClaim(project: Project, id: string): Claim {
  const row = liveClaim(project.db, id);
  return toClaims(project, [row], id)[0]!;
}

/** The live claims among `ids` (newest first), built as the list builds them: a few set-based queries. */
export function getClaimsByIds(project: Project, ids: readonly string[]): Claim[] {
  if (ids.length === 0) return [];
  return toClaims(project, listClaimRowsByIds(project.db, ids), ids);
}

export function createClaim(project: Project, input: OpParsedInput<'claims.create'>): Claim {
  return project.write((db) => {
    if (input.claimantId) requireClaimant(db, input.claimantId);
    const tagIds = [...new Set(input.tagIds ?? [])];
    for (const tagId of tagIds) {
      if (!isLiveTag(db, tagId)) throw new DossierError('not_found', 'One of those tags no longer exists.');
    }
    const passage = resolvePassage(project, db, input.passage);
    const fields: ClaimFields = {
      statement: input.statement ?? statementFromQuote(passage.quote.exact),
      claimant_id: input.claimantId ?? null,
      claim_date:
        input.claimDate !== undefined
          ? input.claimDate
          : (getDocumentSummary(db, passage.documentId)?.published ?? null),
      status: input.status ?? 'unverified',
      rationale: input.rationale ?? '',
      note: input.note ?? '',
    };
    const id = randomUUID();
    const at = nowIso();
    insertClaim(db, id, fields, at);
    linkClaimPassage(db, id, passage.id, at);
    for (const tagId of tagIds) linkClaimTag(db, id, tagId, at);
    return getClaim(project, id);
  }, 'Create claim');
}

export function updateClaim(project: Project, input: OpParsedInput<'claims.update'>): Claim {
  const { id, ...changes } = input;
  const given = Object.entries(changes)
    .filter(([, value]) => value !== undefined)
    .map(([key]) => key);
  const verdictOnly = given.length > 0 && given.every((key) => key === 'status' || key === 'rationale');
  return project.write(
    (db) => {
      const current = liveClaim(db, id);
      if (changes.claimantId) requireClaimant(db, changes.claimantId);
      const next: ClaimFields = {
        statement: changes.statement ?? current.statement,
        claimant_id: changes.claimantId !== undefined ? changes.claimantId : current.claimant_id,
        claim_date: changes.claimDate !== undefined ? changes.claimDate : current.claim_date,
        status: changes.status ?? current.status,
        rationale: changes.rationale ?? current.rationale,
        note: changes.note ?? current.note,
      };
      const changed = (Object.keys(next) as (keyof ClaimFields)[]).some((key) => next[key] !== current[key]);
      // An edit that changes nothing must not look like a newer version of the claim to a teammate's merge.
      if (changed) updateClaimRow(db, id, next, nowIso());
      return getClaim(project, id);
    },
    verdictOnly ? 'Set status' : 'Edit claim',
  );
}

export function addClaimPassage(project: Project, input: OpParsedInput<'claims.addPassage'>): Claim {
  return project.write((db) => {
    liveClaim(db, input.claimId);
    const passage = resolvePassage(project, db, input.passage);
    linkClaimPassage(db, input.claimId, passage.id, nowIso());
    return getClaim(project, input.claimId);
  }, 'Add passage');
}

/** The highlight stays; it no longer supports the claim. A claim may be left without passages. */
export function removeClaimPassage(project: Project, input: OpParsedInput<'claims.removePassage'>): Claim {
  return project.write((db) => {
    liveClaim(db, input.claimId);
    unlinkClaimPassage(db, input.claimId, input.highlightId, nowIso());
    return getClaim(project, input.claimId);
  }, 'Remove passage');
}

/** Tombstones the claim and its links; the highlights that supported it stay where they are. */
export function deleteClaim(project: Project, id: string): { id: string } {
  return project.write((db) => {
    liveClaim(db, id);
    deleteClaimRow(db, id, nowIso());
    return { id };
  }, 'Delete claim');
}

function liveClaim(db: Database, id: string): ClaimRow {
  const row = getClaimRow(db, id);
  if (!row || row.deleted_at !== null) throw new DossierError('not_found', 'That claim no longer exists.');
  return row;
}

function requireClaimant(db: Database, entityId: string): void {
  if (!isLiveEntity(db, entityId)) {
    throw new DossierError('not_found', 'That claimant is not in this project (it may have been deleted).');
  }
}

/** An existing live highlight, or a new one made from a selection (inside the caller's transaction). */
function resolvePassage(project: Project, db: Database, passage: PassageInput): Highlight {
  if ('highlightId' in passage) return liveHighlight(project, passage.highlightId);
  return insertHighlightFromRange(project, db, {
    documentId: passage.documentId,
    start: passage.start,
    end: passage.end,
    color: passage.color ?? 'yellow',
    note: '',
  });
}

/** The passage's words, as a first draft of the statement the researcher will usually rephrase. */
function statementFromQuote(quote: string): string {
  let text = quote.trim();
  if (text.length > STATEMENT_MAX) {
    let end = STATEMENT_MAX;
    const last = text.charCodeAt(end - 1);
    if (last >= 0xd800 && last <= 0xdbff) end -= 1; // never keep half of an emoji
    text = text.slice(0, end).trimEnd();
  }
  return text;
}

/**
 * Claims with their passages, tags and event links, from a few set-based queries (the list may hold
 * thousands); `scope` names the claims `rows` holds (null: every live claim).
 */
function toClaims(project: Project, rows: ClaimRow[], scope: ClaimScope): Claim[] {
  const db = project.db;
  const passageRows = listPassageRows(db, scope);
  const tagRows = listClaimTagRows(db, scope);
  const eventLinks = groupEventLinks(listClaimEventLinkRows(db, scope));
  const pages = passagePages(project, passageRows);
  const passages = new Map<string, ClaimPassage[]>();
  for (const row of passageRows) {
    const list = passages.get(row.claim_id) ?? [];
    list.push({
      highlightId: row.highlight_id,
      documentId: row.document_id,
      quote: row.quote_exact,
      start: row.pos_start,
      page: pages.get(row.highlight_id) ?? null,
      documentTitle: row.document_title,
      outlet: row.outlet,
      language: row.language,
      published: row.published,
      orphaned: row.orphaned_at !== null,
    });
    passages.set(row.claim_id, list);
  }
  const tags = new Map<string, string[]>();
  for (const row of tagRows) {
    const list = tags.get(row.claim_id) ?? [];
    list.push(row.tag_id);
    tags.set(row.claim_id, list);
  }
  return rows.map((row) => ({
    id: row.id,
    statement: row.statement,
    claimantId: row.claimant_id,
    claimDate: row.claim_date,
    status: row.status,
    rationale: row.rationale,
    note: row.note,
    tagIds: tags.get(row.id) ?? [],
    passages: passages.get(row.id) ?? [],
    eventLinks: eventLinks.get(row.id) ?? [],
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  }));
}

/** Each claim's event links, in the chronology's order (year-unknown events last). */
function groupEventLinks(
  rows: ClaimEventLinkRow[],
): Map<string, { eventId: string; relation: EventRelation }[]> {
  const sorted = sortChronologically(
    rows,
    (row) => ({ start: row.date_start, end: row.date_end }),
    (a, b) => (a.event_id < b.event_id ? -1 : a.event_id > b.event_id ? 1 : 0),
  );
  const links = new Map<string, { eventId: string; relation: EventRelation }[]>();
  for (const row of sorted) {
    const list = links.get(row.claim_id) ?? [];
    list.push({ eventId: row.event_id, relation: row.relation });
    links.set(row.claim_id, list);
  }
  return links;
}

/** The page of each passage in a paginated document (PDFs), by highlight id. */
function passagePages(project: Project, passages: PassageRow[]): Map<string, number> {
  const pages = new Map<string, number>();
  for (const row of passages) {
    const index = project.pageIndex(row.document_id);
    const page = index ? pageAt(index, row.pos_start) : null;
    if (page !== null) pages.set(row.highlight_id, page);
  }
  return pages;
}
