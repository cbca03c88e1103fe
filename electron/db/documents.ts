// SQL for documents: metadata rows, their canonical text + blocks, and the original bytes. Raw SQL with
// bound parameters; callers own the transaction.
import type { Database } from 'better-sqlite3';
import type { ReferenceType } from '../../shared/csl';
import type { MetadataEvidence } from '../../shared/domain';
import {
  type Block,
  type DocumentDetail,
  type DocumentMetadata,
  type DocumentSummary,
} from '../../shared/domain';
import { statement } from './statements';

interface DocumentRow {
  id: string;
  title: string | null;
  evidence: string;
  outlet: string | null;
  url: string | null;
  authors: string;
  published: string | null;
  language: string | null;
  reference_type: ReferenceType | null;
  file_name: string;
  media_type: string;
  char_count: number;
  text_sha256: string;
  original_sha256: string;
  imported_at: string;
  updated_at: string;
  highlight_count: number;
}

const SUMMARY_COLUMNS = `d.id, d.title, d.evidence, d.outlet, d.url, d.authors, d.published, d.language, d.reference_type, d.file_name, d.media_type,
  d.char_count, d.text_sha256, d.original_sha256, d.imported_at, d.updated_at,
  (SELECT count(*) FROM highlights h INDEXED BY highlights_live_document
     WHERE h.document_id = d.id AND h.deleted_at IS NULL) AS highlight_count`;

function toSummary(row: DocumentRow): DocumentSummary {
  return {
    id: row.id,
    title: row.title,
    // Validated when written; parsing it again on every listed row would cost more than the query.
    evidence: JSON.parse(row.evidence) as MetadataEvidence,
    outlet: row.outlet,
    url: row.url,
    authors: JSON.parse(row.authors) as string[],
    published: row.published,
    language: row.language,
    referenceType: row.reference_type,
    fileName: row.file_name,
    mediaType: row.media_type,
    importedAt: row.imported_at,
    updatedAt: row.updated_at,
    charCount: row.char_count,
    highlightCount: row.highlight_count,
  };
}

export function listDocumentRows(db: Database): DocumentSummary[] {
  const rows = statement(
    db,
    `SELECT ${SUMMARY_COLUMNS} FROM documents d WHERE d.deleted_at IS NULL ORDER BY d.imported_at, d.id`,
  ).all() as DocumentRow[];
  return rows.map(toSummary);
}

function getDocumentRow(db: Database, id: string): DocumentRow | undefined {
  return statement(
    db,
    `SELECT ${SUMMARY_COLUMNS} FROM documents d WHERE d.id = ? AND d.deleted_at IS NULL`,
  ).get(id) as DocumentRow | undefined;
}

export function getDocumentSummary(db: Database, id: string): DocumentSummary | null {
  const row = getDocumentRow(db, id);
  return row ? toSummary(row) : null;
}

/** `loadText` lets the caller serve the text from its cache (Project.documentContent). */
export function getDocumentDetail(
  db: Database,
  id: string,
  loadText: (id: string) => { text: string; blocks: Block[] } | null = (docId) => getDocumentText(db, docId),
): DocumentDetail | null {
  const row = getDocumentRow(db, id);
  const content = row ? loadText(id) : null;
  if (!row || !content) return null;
  return {
    ...toSummary(row),
    text: content.text,
    blocks: content.blocks,
    textSha256: row.text_sha256,
    originalSha256: row.original_sha256,
    originalSize: getOriginalSize(db, id) ?? 0,
  };
}

export function getDocumentText(db: Database, id: string): { text: string; blocks: Block[] } | null {
  const row = statement(db, `SELECT text, blocks FROM document_texts WHERE document_id = ?`).get(id) as
    { text: string; blocks: string } | undefined;
  if (!row) return null;
  // Blocks were validated when the document was imported; re-parsing them on every read costs ~40 ms on a
  // long document.
  return { text: row.text, blocks: JSON.parse(row.blocks) as Block[] };
}

/** A live document with the same original bytes or the same canonical text, if any. */
export function findDuplicateDocument(
  db: Database,
  originalSha256: string,
  textSha256: string,
  exceptId = '',
): { id: string; title: string } | null {
  const row = statement(
    db,
    `SELECT id, coalesce(title, file_name) AS title FROM documents
        WHERE deleted_at IS NULL AND (original_sha256 = ? OR text_sha256 = ?) AND id <> ?
        ORDER BY imported_at LIMIT 1`,
  ).get(originalSha256, textSha256, exceptId) as { id: string; title: string } | undefined;
  return row ?? null;
}

/** What a file contributes to a document: its text, structure, original bytes and their hashes. */
export interface DocumentContent {
  fileName: string;
  mediaType: string;
  text: string;
  blocks: Block[];
  textSha256: string;
  originalSha256: string;
  original: Uint8Array;
}

export interface NewDocument extends DocumentMetadata, DocumentContent {
  id: string;
  evidence: MetadataEvidence;
  importedAt: string;
}

export function insertDocument(db: Database, doc: NewDocument): void {
  statement(
    db,
    `INSERT INTO documents (id, title, outlet, url, authors, published, language, evidence, file_name,
       media_type, char_count, text_sha256, original_sha256, imported_at, updated_at)
     VALUES (@id, @title, @outlet, @url, @authors, @published, @language, @evidence, @fileName,
       @mediaType, @charCount, @textSha256, @originalSha256, @importedAt, @importedAt)`,
  ).run({
    id: doc.id,
    title: doc.title,
    evidence: JSON.stringify(doc.evidence),
    outlet: doc.outlet,
    url: doc.url,
    authors: JSON.stringify(doc.authors),
    published: doc.published,
    language: doc.language,
    fileName: doc.fileName,
    mediaType: doc.mediaType,
    charCount: doc.text.length,
    textSha256: doc.textSha256,
    originalSha256: doc.originalSha256,
    importedAt: doc.importedAt,
  });
  statement(db, `INSERT INTO document_texts (document_id, text, blocks) VALUES (?, ?, ?)`).run(
    doc.id,
    doc.text,
    JSON.stringify(doc.blocks),
  );
  statement(db, `INSERT INTO document_originals (document_id, bytes) VALUES (?, ?)`).run(
    doc.id,
    Buffer.from(doc.original.buffer, doc.original.byteOffset, doc.original.byteLength),
  );
}

/** Sets the type a document is cited as (null: inferred). */
export function updateReferenceType(
  db: Database,
  id: string,
  type: ReferenceType | null,
  updatedAt: string,
): void {
  statement(db, `UPDATE documents SET reference_type = ?, updated_at = ? WHERE id = ?`).run(
    type,
    updatedAt,
    id,
  );
}

/** Writes a document's metadata and their evidence (the caller merged user values in). */
export function updateDocumentMetadata(
  db: Database,
  id: string,
  metadata: DocumentMetadata,
  evidence: MetadataEvidence,
  updatedAt: string,
): void {
  statement(
    db,
    `UPDATE documents SET title = @title, outlet = @outlet, url = @url, authors = @authors,
       published = @published, language = @language, evidence = @evidence, updated_at = @updatedAt
     WHERE id = @id`,
  ).run({
    id,
    ...metadata,
    authors: JSON.stringify(metadata.authors),
    evidence: JSON.stringify(evidence),
    updatedAt,
  });
}

export function updateDocumentBlocks(db: Database, id: string, blocks: Block[], updatedAt: string): void {
  statement(db, `UPDATE document_texts SET blocks = ? WHERE document_id = ?`).run(JSON.stringify(blocks), id);
  statement(db, `UPDATE documents SET updated_at = ? WHERE id = ?`).run(updatedAt, id);
}

/**
 * A corrected re-import: new text, blocks and original bytes under the same document id. The import time
 * becomes the replacement's, so the evidence record (bytes, SHA-256, time) always describes one file.
 */
export function replaceDocumentContent(
  db: Database,
  id: string,
  content: DocumentContent,
  importedAt: string,
): void {
  statement(
    db,
    `UPDATE documents SET file_name = ?, media_type = ?, char_count = ?, text_sha256 = ?, original_sha256 = ?,
       imported_at = ? WHERE id = ?`,
  ).run(
    content.fileName,
    content.mediaType,
    content.text.length,
    content.textSha256,
    content.originalSha256,
    importedAt,
    id,
  );
  statement(db, `UPDATE document_texts SET text = ?, blocks = ? WHERE document_id = ?`).run(
    content.text,
    JSON.stringify(content.blocks),
    id,
  );
  statement(db, `UPDATE document_originals SET bytes = ? WHERE document_id = ?`).run(
    Buffer.from(content.original.buffer, content.original.byteOffset, content.original.byteLength),
    id,
  );
}

export function getOriginalSize(db: Database, id: string): number | null {
  const size = statement(db, `SELECT length(bytes) FROM document_originals WHERE document_id = ?`)
    .pluck()
    .get(id) as number | undefined;
  return size ?? null;
}
