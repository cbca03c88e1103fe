// Documents: import (one file = one transaction, duplicates detected by content), listing and reading.
// Import never trusts the file: the ingest layer decodes and validates it, and a failure leaves nothing.
import { createHash, randomUUID } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import type { DocumentDetail, DocumentSummary, ImportFileResult } from '../../shared/domain';
import { DossierError } from '../../shared/errors';
import {
  findDuplicateDocument,
  getDocumentDetail,
  getDocumentSummary,
  insertDocument,
  listDocumentRows,
} from '../db/documents';
import { nowIso } from '../db/clock';
import {
  assertWithinSizeLimit,
  collectImportFiles,
  ingestFile,
  type IngestedDocument,
} from './ingest/index';
import { metadataFromIngest } from './metadata';
import type { Project } from '../project';

export interface ImportLimits {
  maxFileBytes: number;
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

export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
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
    const ingested = await ingestFile(fileName, bytes, limits);
    return storeIngested(project, fileName, bytes, ingested);
  } catch (error) {
    if (error instanceof DossierError && error.code !== 'read_only') {
      return { status: 'failed', fileName, reason: error.message };
    }
    throw error;
  }
}

/** One document, one transaction: it lands whole (row, text, original) or not at all. */
function storeIngested(
  project: Project,
  fileName: string,
  bytes: Uint8Array,
  ingested: IngestedDocument,
): ImportFileResult {
  const originalSha256 = sha256(bytes);
  const textSha256 = sha256(ingested.text);
  const { metadata, evidence } = metadataFromIngest(ingested.metadata);
  return project.write((db) => {
    const duplicate = findDuplicateDocument(db, originalSha256, textSha256);
    if (duplicate) {
      return { status: 'duplicate', fileName, documentId: duplicate.id, title: duplicate.title } as const;
    }
    const id = randomUUID();
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
      importedAt: nowIso(),
    });
    const document = getDocumentSummary(db, id);
    if (!document) throw new Error('imported document vanished inside its own transaction');
    return { status: 'imported', fileName, document } as const;
  });
}

/** One file from disk. Unexpected failures become this file's result so that the rest of a batch goes on. */
async function importPath(
  project: Project,
  file: { path: string; name: string },
  limits: ImportLimits,
): Promise<ImportFileResult> {
  try {
    // Never read a file that is too large only to refuse it.
    assertWithinSizeLimit((await stat(file.path)).size, limits.maxFileBytes);
    return await importDocumentFile(project, file.name, await readFile(file.path), limits);
  } catch (error) {
    if (error instanceof DossierError && error.code === 'import_refused') {
      return { status: 'failed', fileName: file.name, reason: error.message };
    }
    if (error instanceof DossierError && error.code === 'read_only') throw error;
    return {
      status: 'failed',
      fileName: file.name,
      reason: `Cannot import the file: ${(error as Error).message}`,
    };
  }
}

export interface ImportProgress {
  done: number;
  total: number;
  current: string;
}

/** Imports files and folders from disk (the CLI, and the desktop app's drop of paths). */
export async function importPaths(
  project: Project,
  paths: string[],
  limits: ImportLimits,
  onProgress?: (progress: ImportProgress) => void,
): Promise<ImportFileResult[]> {
  const { files, failures } = await collectImportFiles(paths);
  const results: ImportFileResult[] = failures.map((f) => ({
    status: 'failed',
    fileName: f.fileName,
    reason: f.reason,
  }));
  let done = 0;
  for (const file of files) {
    onProgress?.({ done, total: files.length, current: file.name });
    results.push(await importPath(project, file, limits));
    done += 1;
  }
  onProgress?.({ done, total: files.length, current: '' });
  return results;
}
