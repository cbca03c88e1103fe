// Importing files and folders from disk (the CLI, and paths dropped on the desktop app). Files are read and
// parsed one after another, and stored in batches: one transaction per batch with a savepoint per document,
// so each document still lands whole or not at all, but the disk is synced once per batch instead of once
// per file (a commit with synchronous=FULL costs ~0.4 ms, as much as parsing a whole article). A result is
// reported only once its batch is committed; cancelling keeps everything committed before it.
import { readFile, stat } from 'node:fs/promises';
import type { ImportFileResult } from '../../shared/domain';
import { DossierError } from '../../shared/errors';
import { withBulkIndexing } from '../db/search-index';
import type { Project } from '../project';
import { safeFileName, storeIngested, type ImportLimits } from './documents';
import { assertWithinSizeLimit, collectImportFiles, ingestFile, type IngestedDocument } from './ingest/index';

export interface ImportProgress {
  /** Files read and parsed (to be stored with their batch) or failed. */
  done: number;
  failed: number;
  total: number;
  /** The file being read now, or '' at the end. */
  current: string;
}

export interface ImportPathsOptions {
  onProgress?: (progress: ImportProgress) => void;
  /** Stops before the next file; what was imported stays. */
  signal?: AbortSignal;
}

/**
 * Enough to make commits rare, small enough that a batch never holds the main process for long. Measured on
 * 800-word articles (bench/import.ts): 25 holds it at most 175-222 ms at 10,000-20,000 articles, 100 for
 * 307-523 ms and is no faster (15-18 s either way); 10 is worse, as FTS5 then writes so many small segments
 * that it stops to merge them all at once (a 5.5 s stall).
 */
const BATCH_MAX_DOCUMENTS = 25;
const BATCH_MAX_BYTES = 16 * 1024 * 1024;
/** Files read and parsed ahead of the one being stored. */
const READ_AHEAD = 64;

interface Prepared {
  slot: number;
  fileName: string;
  bytes: Uint8Array;
  ingested: IngestedDocument;
}

export async function importPaths(
  project: Project,
  paths: string[],
  limits: ImportLimits,
  options: ImportPathsOptions = {},
): Promise<{ results: ImportFileResult[]; cancelled: boolean }> {
  const { files, failures } = await collectImportFiles(paths);
  const results: ImportFileResult[] = failures.map((f) => ({
    status: 'failed',
    fileName: f.fileName,
    reason: f.reason,
  }));
  const progress: ImportProgress = { done: 0, failed: 0, total: files.length, current: '' };
  const report = () => options.onProgress?.({ ...progress });
  let batch: Prepared[] = [];
  let batchBytes = 0;
  const flush = () => {
    for (const [slot, result] of storeBatch(project, batch)) {
      results[slot] = result;
      if (result.status === 'failed') progress.failed += 1;
    }
    batch = [];
    batchBytes = 0;
  };

  // Several files are read and parsed ahead (in the worker pool, when there is one) while earlier ones are
  // stored, so reading, parsing and writing overlap; results are still taken in order.
  const ahead: Promise<Awaited<ReturnType<typeof prepare>>>[] = [];
  let nextFile = 0;
  const readAhead = () => {
    while (ahead.length < READ_AHEAD && nextFile < files.length && !options.signal?.aborted) {
      ahead.push(prepare(files[nextFile++]!, limits));
    }
  };
  readAhead();
  while (ahead.length > 0) {
    const prepared = await ahead.shift()!;
    readAhead();
    const slot = results.push({ status: 'failed', fileName: prepared.fileName, reason: 'Not imported' }) - 1;
    // A parsed file counts as done: it is stored with its batch, also when the import is cancelled.
    progress.done += 1;
    progress.current = prepared.fileName;
    if ('reason' in prepared) {
      results[slot] = { status: 'failed', fileName: prepared.fileName, reason: prepared.reason };
      progress.failed += 1;
    } else {
      batch.push({ slot, ...prepared });
      batchBytes += prepared.bytes.length;
      if (batch.length >= BATCH_MAX_DOCUMENTS || batchBytes >= BATCH_MAX_BYTES) flush();
    }
    report();
  }
  const cancelled = nextFile < files.length;
  flush();
  progress.current = '';
  report();
  // Files never reached after a cancel have no result: the report says how many were left.
  return { results, cancelled };
}

/** Reads and parses one file; any failure becomes its result so that the rest goes on. */
function prepare(file: { path: string; name: string }, limits: ImportLimits): Promise<Parsed> {
  const fileName = safeFileName(file.name);
  return parsed(fileName, async () => {
    if (limits.ingestPath) return limits.ingestPath(file.path, fileName, limits);
    // Never read a file that is too large only to refuse it.
    assertWithinSizeLimit((await stat(file.path)).size, limits.maxFileBytes);
    return ingestBytes(fileName, await readFile(file.path), limits);
  });
}

async function ingestBytes(fileName: string, bytes: Uint8Array, limits: ImportLimits) {
  return { bytes, document: await (limits.ingest ?? ingestFile)(fileName, bytes, limits) };
}

type Parsed =
  { fileName: string; bytes: Uint8Array; ingested: IngestedDocument } | { fileName: string; reason: string };

async function parsed(
  fileName: string,
  parse: () => Promise<{ bytes: Uint8Array; document: IngestedDocument }>,
): Promise<Parsed> {
  try {
    const { bytes, document } = await parse();
    return { fileName, bytes, ingested: document };
  } catch (error) {
    if (error instanceof DossierError) return { fileName, reason: error.message };
    return { fileName, reason: `Cannot import the file: ${(error as Error).message}` };
  }
}

/**
 * Imports files sent together (the window sends a batch per call): parsed side by side (in the worker pool,
 * when there is one), then stored in one transaction and indexed together. One result per file, in order.
 */
export async function importDocumentFiles(
  project: Project,
  files: { fileName: string; bytes: Uint8Array }[],
  limits: ImportLimits,
): Promise<ImportFileResult[]> {
  const all = await Promise.all(
    files.map(({ fileName: raw, bytes }) => {
      const fileName = safeFileName(raw);
      return parsed(fileName, () => ingestBytes(fileName, bytes, limits));
    }),
  );
  const results: ImportFileResult[] = all.map((p) =>
    'reason' in p
      ? { status: 'failed', fileName: p.fileName, reason: p.reason }
      : { status: 'failed', fileName: p.fileName, reason: 'Not imported' },
  );
  const batch = all.flatMap((p, slot) => ('reason' in p ? [] : [{ slot, ...p }]));
  for (const [slot, result] of storeBatch(project, batch)) results[slot] = result;
  return results;
}

/**
 * Stores a batch in one transaction. A document that fails is rolled back to its savepoint and reported;
 * if the commit itself fails (a full disk), nothing of the batch is stored and every file says why.
 */
function storeBatch(project: Project, batch: Prepared[]): [number, ImportFileResult][] {
  if (batch.length === 0) return [];
  try {
    // The batch's documents are indexed for search together at its end, in the same transaction: one
    // set-based pass instead of the index's triggers once per document (B1: 22 s → 16 s for 10,000 articles).
    return project.write((db) =>
      withBulkIndexing(db, (reindex) =>
        batch.map(({ slot, fileName, bytes, ingested }): [number, ImportFileResult] => {
          try {
            const result = storeIngested(project, fileName, bytes, ingested);
            if (result.status === 'imported') reindex.add('document', result.document.id);
            return [slot, result];
          } catch (error) {
            if (error instanceof DossierError && error.code === 'read_only') throw error;
            // Some failures (a full disk) make SQLite roll back the whole transaction: then the batch is over.
            if (!project.db.inTransaction) throw error;
            return [
              slot,
              { status: 'failed', fileName, reason: `Cannot store it: ${(error as Error).message}` },
            ];
          }
        }),
      ),
    );
  } catch (error) {
    if (error instanceof DossierError && error.code === 'read_only') throw error;
    const reason = `Nothing of this batch was stored: ${(error as Error).message}`;
    return batch.map(({ slot, fileName }) => [slot, { status: 'failed', fileName, reason }]);
  }
}
