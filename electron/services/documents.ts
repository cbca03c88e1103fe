// Documents: import (one file = one transaction, duplicates detected by content), listing and reading.
// Import never trusts the file: the ingest layer decodes and validates it, and a failure leaves nothing.
import { randomUUID } from 'node:crypto';
import type { DocumentDetail, DocumentSummary, ImportFileResult } from '../../shared/domain';
import { DossierError } from '../../shared/errors';
import { findDuplicateDocument, getDocumentDetail, insertDocument, listDocumentRows } from '../db/documents';
import { nowIso } from '../db/clock';
import { ingestFile, type IngestedDocument } from './ingest/index';
import type { Ingest, IngestPath } from './ingest/pool';
import { metadataFromIngest } from './metadata';
import type { Project } from '../project';

export interface ImportLimits {
  maxFileBytes: number;
  /** Where files are parsed: the app's worker pool, or inline (the default). */
  ingest?: Ingest;
  /** Reads and parses a file from disk in the pool (folder imports). */
  ingestPath?: IngestPath;
}

export function listDocuments(project: Project): DocumentSummary[] {
  return listDocumentRows(project.db);
}

export function getDocument(project: Project, id: string): DocumentDetail {
  const doc = getDocumentDetail(project.db, id, (docId) => project.documentContent(docId));
  if (!doc) throw new DossierError('not_found', 'That document is not in this project.');
  return doc;
}

/** The file's own name, without any folders a client may have sent, and without control characters. */
export function safeFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const clean = base.replace(/[\u0000-\u001f\u007f]/g, '').trim();
  return clean.slice(0, 255) || 'untitled';
}

/** Imports one file's bytes. Refusals are results, not exceptions, so a batch carries on past them. */
export async function importDocumentFile(
  project: Project,
  rawFileName: string,
  bytes: Uint8Array,
  limits: ImportLimits,
): Promise<ImportFileResult> {
  const fileName = safeFileName(rawFileName);
  try {
    const ingested = await (limits.ingest ?? ingestFile)(fileName, bytes, limits);
    return storeIngested(project, fileName, bytes, ingested);
  } catch (error) {
    if (error instanceof DossierError && error.code !== 'read_only') {
      return { status: 'failed', fileName, reason: error.message };
    }
    throw error;
  }
}

/**
 * One document, one transaction: it lands whole (row, text, original) or not at all. Inside a batch's
 * transaction this is a savepoint, so a failing document is rolled back alone.
 */
export function storeIngested(
  project: Project,
  fileName: string,
  bytes: Uint8Array,
  ingested: IngestedDocument,
): ImportFileResult {
  const { originalSha256, textSha256 } = ingested;
  const { metadata, evidence } = metadataFromIngest(ingested.metadata);
  return project.write((db) => {
    const duplicate = findDuplicateDocument(db, originalSha256, textSha256);
    if (duplicate) {
      return { status: 'duplicate', fileName, documentId: duplicate.id, title: duplicate.title } as const;
    }
    const id = randomUUID();
    const importedAt = nowIso();
    insertDocument(db, {
      id,
      ...metadata,
      evidence,
      fileName,
      mediaType: ingested.mediaType,
      text: ingested.text,
      blocks: ingested.blocks,
      textSha256,
      originalSha256,
      original: bytes,
      importedAt,
    });
    // The summary is what was just written; reading it back would cost a query per file.
    const document: DocumentSummary = {
      id,
      ...metadata,
      referenceType: null,
      evidence,
      fileName,
      mediaType: ingested.mediaType,
      importedAt,
      updatedAt: importedAt,
      charCount: ingested.text.length,
      highlightCount: 0,
    };
    return { status: 'imported', fileName, document } as const;
  });
}
