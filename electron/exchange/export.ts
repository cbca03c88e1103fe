// Writing a .dossier file (issue 8): the whole project or a scope, streamed table by table into a zip that is
// written to a temporary file and renamed, so a cancelled or failed export leaves nothing behind.
//
// The rows come from a second, read-only connection inside one read transaction: a consistent snapshot (WAL)
// however long the export takes, while the app goes on writing through its own connection. Rows are written
// in key order with columns in the table's order, and every entry gets the same timestamp in the zip, so two
// exports of the same project differ only in the manifest's export time.
import DatabaseConstructor, { type Database, type Statement } from 'better-sqlite3';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { DossierError } from '../../shared/errors';
import type { Project } from '../project';
import { APP_VERSION } from '../version';
import {
  BASES_ENTRY,
  FORMAT_NAME,
  FORMAT_VERSION,
  MANIFEST_ENTRY,
  TABLES,
  originalEntry,
  rowsEntry,
  type Manifest,
  type TableSpec,
} from './format';
import { keyParams, quoteIdent, rowKey, sha256Hex, toFileRow, whereKey } from './rows';
import { DEFAULT_ZIP_LIMITS, ZipWriter, type ZipEntryDigest } from './zip';

export interface ExportScope {
  /** Documents chosen by id. */
  documentIds?: string[];
  /** Events chosen by id: their claims' passages bring their documents. */
  eventIds?: string[];
  /** Documents a search finds (resolved by the caller: see exchange service). */
  query?: string;
}

export interface ExportProgress {
  phase: 'rows' | 'originals' | 'finishing';
  done: number;
  total: number;
}

export interface ExportOptions {
  /** Resolved scope: the documents and events to export with everything attached; null for everything. */
  scope?: { documentIds: string[]; eventIds: string[]; described: Manifest['scope'] } | null;
  /** Include the imported files' bytes (default true). */
  originals?: boolean;
  onProgress?: (progress: ExportProgress) => void;
  signal?: AbortSignal;
  /** The export time (tests fix it). */
  now?: () => string;
}

export interface ExportSummary {
  path: string;
  bytes: number;
  counts: Record<string, number>;
}

const BATCH = 500;
/** Originals held at once while they are written: at most this many, or about this many bytes. */
const ORIGINALS_BATCH = { count: 256, bytes: 4 * 1024 * 1024 };

/** Row keys to export per table, or null for all rows. */
type Selection = Map<string, Set<string>> | null;

/**
 * Writes an archive from a consistent snapshot of the project: a second, read-only connection in one read
 * transaction, a zip written to a temporary file and renamed. `produce` adds the entries and returns the
 * counts to report; on any failure (or a cancel) the temporary file goes and nothing is written.
 */
export async function writeArchive(
  project: Project,
  path: string,
  produce: (snapshot: Database, zip: ZipWriter) => Promise<Record<string, number>>,
): Promise<ExportSummary> {
  const snapshot = new DatabaseConstructor(project.path, { readonly: true, fileMustExist: true });
  const zip = ZipWriter.create(path);
  try {
    snapshot.pragma('busy_timeout = 5000');
    snapshot.exec('BEGIN');
    const counts = await produce(snapshot, zip);
    snapshot.exec('COMMIT');
    await zip.finish();
    const { size } = await stat(path);
    return { path, bytes: size, counts };
  } catch (error) {
    await zip.abort();
    if (error instanceof DossierError) throw error;
    throw new DossierError(
      'write_failed',
      `Could not export ${basename(path)}: ${(error as Error).message}. Nothing was written.`,
    );
  } finally {
    try {
      snapshot.close();
    } catch {
      // A cancelled export can leave a statement mid-iteration; the connection goes with the process.
    }
  }
}

export async function exportProjectFile(
  project: Project,
  path: string,
  options: ExportOptions = {},
): Promise<ExportSummary> {
  return writeArchive(project, path, async (snapshot, zip) => {
    // The first read fixes the snapshot.
    const projectId = snapshot.prepare(`SELECT value FROM project WHERE key = 'id'`).pluck().get() as string;
    const selection = options.scope ? selectScope(snapshot, options.scope) : null;
    const withOriginals = options.originals ?? true;
    const counts: Record<string, number> = {};
    /** Rows not deleted, by table: what the user has (the manifest counts every row, tombstones too). */
    const live: Record<string, number> = {};
    const total = TABLES.reduce((sum, t) => sum + countRows(snapshot, t, selection), 0);
    let done = 0;
    const progress = (phase: ExportProgress['phase'], d: number, t: number) =>
      options.onProgress?.({ phase, done: d, total: t });
    const check = () => {
      if (options.signal?.aborted)
        throw new DossierError('cancelled', 'The export was cancelled; nothing was written.');
    };

    const digests: Promise<ZipEntryDigest>[] = [];
    // What this project last received of the rows it sends, where the row has changed here since: the
    // receiver's three-way merge reads it. (A row unchanged since its exchange needs none, which also keeps an
    // export of a freshly opened file identical to the file.)
    const bases: string[] = [];
    const baseOf = snapshot.prepare(`SELECT key, hash FROM exchange_base WHERE tbl = ?`);
    for (const table of TABLES) {
      counts[table.name] = 0;
      digests.push(
        zip.add(
          rowsEntry(table.name),
          (function* lines() {
            check();
            const known = new Map(
              (baseOf.all(table.name) as { key: string; hash: string }[]).map((b) => [b.key, b.hash]),
            );
            let chunk: string[] = [];
            for (const row of iterateRows(snapshot, table, selection)) {
              const line = JSON.stringify(row);
              chunk.push(`${line}\n`);
              counts[table.name]! += 1;
              if (row.deleted_at === null || row.deleted_at === undefined)
                live[table.name] = (live[table.name] ?? 0) + 1;
              if (known.size > 0) {
                const key = rowKey(table, row);
                const base = known.get(key);
                if (base !== undefined && base !== sha256Hex(line)) {
                  bases.push(`${JSON.stringify({ tbl: table.name, key, hash: base })}\n`);
                }
              }
              if (chunk.length >= BATCH) {
                check();
                done += chunk.length;
                progress('rows', done, total);
                yield chunk.join('');
                chunk = [];
              }
            }
            done += chunk.length;
            if (chunk.length > 0) yield chunk.join('');
          })(),
        ),
      );
    }
    digests.push(
      zip.add(
        BASES_ENTRY,
        (function* () {
          yield bases.join('');
        })(),
      ),
    );

    const originals = withOriginals ? originalIds(snapshot, selection) : [];
    counts.originals = originals.length;
    const readOriginal = snapshot
      .prepare(`SELECT bytes FROM document_originals WHERE document_id = ?`)
      .pluck();
    // The originals are added as bytes (no stream for each of thousands of small files) once the rows are
    // written, a batch at a time: the last of a batch is read only when the ones before it are written, and
    // waited for, so memory holds one batch.
    await Promise.all(digests);
    let batch: { count: number; bytes: number } = { count: 0, bytes: 0 };
    for (const [i, id] of originals.entries()) {
      check();
      const last = i === originals.length - 1 || batch.count + 1 >= ORIGINALS_BATCH.count;
      if (last || batch.bytes >= ORIGINALS_BATCH.bytes) {
        const digest = zip.add(
          originalEntry(id),
          (function* original() {
            yield readOriginal.get(id) as Buffer;
          })(),
          { compress: false },
        );
        digests.push(digest);
        await digest;
        progress('originals', i + 1, originals.length);
        batch = { count: 0, bytes: 0 };
      } else {
        const bytes = readOriginal.get(id) as Buffer;
        digests.push(zip.add(originalEntry(id), bytes, { compress: false }));
        batch = { count: batch.count + 1, bytes: batch.bytes + bytes.length };
      }
    }

    const entries: Manifest['entries'] = {};
    for (const digest of await Promise.all(digests)) {
      entries[digest.name] = { size: digest.size, sha256: digest.sha256 };
    }
    checkReadable(entries, path);
    progress('finishing', total, total);
    const name = snapshot.prepare(`SELECT value FROM project WHERE key = 'name'`).pluck().get() as string;
    const manifest: Manifest = {
      format: FORMAT_NAME,
      formatVersion: FORMAT_VERSION,
      appVersion: APP_VERSION,
      schemaVersion: snapshot.pragma('user_version', { simple: true }) as number,
      project: { id: projectId, name: name ?? 'Untitled project' },
      exportedAt: (options.now ?? (() => new Date().toISOString()))(),
      scope: options.scope?.described ?? null,
      originals: withOriginals,
      counts,
      entries,
    };
    await zip.add(MANIFEST_ENTRY, `${JSON.stringify(manifest, null, 2)}\n`);
    return { ...live, originals: counts.originals ?? 0 };
  });
}

/** A file Dossier could not read back (zip.ts's limits) is not written: say how to make it smaller. */
function checkReadable(entries: Manifest['entries'], path: string): void {
  const sizes = Object.values(entries).map((e) => e.size);
  const total = sizes.reduce((sum, size) => sum + size, 0);
  const largest = Math.max(0, ...sizes);
  const gib = (bytes: number) => `${(bytes / 2 ** 30).toFixed(1)} GB`;
  const problem =
    sizes.length + 1 > DEFAULT_ZIP_LIMITS.maxEntries
      ? `${sizes.length + 1} entries (at most ${DEFAULT_ZIP_LIMITS.maxEntries})`
      : total > DEFAULT_ZIP_LIMITS.maxTotalBytes
        ? `${gib(total)} (at most ${gib(DEFAULT_ZIP_LIMITS.maxTotalBytes)})`
        : largest > DEFAULT_ZIP_LIMITS.maxEntryBytes
          ? `a part of ${gib(largest)} (at most ${gib(DEFAULT_ZIP_LIMITS.maxEntryBytes)})`
          : null;
  if (problem) {
    throw new DossierError(
      'write_failed',
      `Could not export ${basename(path)}: it would hold ${problem}, more than Dossier reads back. Export it in parts (a scope) or without the imported files. Nothing was written.`,
    );
  }
}

function orderBy(table: TableSpec): string {
  return table.key.map(quoteIdent).join(', ');
}

function* iterateRows(db: Database, table: TableSpec, selection: Selection) {
  const keep = selection?.get(table.name);
  if (selection && !keep) return;
  const statement = db.prepare(`SELECT * FROM ${quoteIdent(table.name)} ORDER BY ${orderBy(table)}`);
  for (const stored of statement.iterate() as Iterable<Record<string, unknown>>) {
    const row = toFileRow(table, stored);
    if (keep && !keep.has(rowKey(table, row))) continue;
    yield row;
  }
}

function countRows(db: Database, table: TableSpec, selection: Selection): number {
  if (selection) return selection.get(table.name)?.size ?? 0;
  return db
    .prepare(`SELECT count(*) FROM ${quoteIdent(table.name)}`)
    .pluck()
    .get() as number;
}

function originalIds(db: Database, selection: Selection): string[] {
  const ids = db
    .prepare(
      `SELECT o.document_id FROM document_originals o JOIN documents d ON d.id = o.document_id
       WHERE d.deleted_at IS NULL ORDER BY o.document_id`,
    )
    .pluck()
    .all() as string[];
  const keep = selection?.get('documents');
  return keep ? ids.filter((id) => keep.has(id)) : ids;
}

// ---------------------------------------------------------------------------------------------------------
// Scope: the chosen documents and events, everything attached to them, and every row those rows name, so
// that each reference in the file resolves inside it.

function selectScope(
  db: Database,
  scope: { documentIds: string[]; eventIds: string[] },
): Map<string, Set<string>> {
  const selected = new Map<string, Set<string>>(TABLES.map((t) => [t.name, new Set<string>()]));
  const add = (table: string, key: string) => selected.get(table)!.add(key);
  const ids = (sql: string, params: unknown[]) =>
    db
      .prepare(sql)
      .pluck()
      .all(...params) as string[];
  const inList = (values: Iterable<string>) => JSON.stringify([...values]);

  // Documents: chosen, plus those whose passages the chosen events' claims quote.
  const documents = new Set(scope.documentIds);
  for (const id of ids(
    `SELECT DISTINCT h.document_id FROM claim_events ce
     JOIN claim_passages cp ON cp.claim_id = ce.claim_id AND cp.deleted_at IS NULL
     JOIN highlights h ON h.id = cp.highlight_id
     WHERE ce.event_id IN (SELECT value FROM json_each(?)) AND ce.deleted_at IS NULL`,
    [inList(scope.eventIds)],
  ))
    documents.add(id);
  for (const id of documents) add('documents', id);
  const docList = inList(documents);

  for (const id of ids(
    `SELECT document_id FROM document_texts WHERE document_id IN (SELECT value FROM json_each(?))`,
    [docList],
  ))
    add('document_texts', id);
  const highlights = ids(`SELECT id FROM highlights WHERE document_id IN (SELECT value FROM json_each(?))`, [
    docList,
  ]);
  highlights.forEach((id) => add('highlights', id));
  const highlightList = inList(highlights);
  const links = (table: string, a: string, b: string, where: string, params: unknown[]) => {
    const rows = db.prepare(`SELECT ${a} AS a, ${b} AS b FROM ${table} WHERE ${where}`).all(...params) as {
      a: string;
      b: string;
    }[];
    for (const r of rows) add(table, JSON.stringify([r.a, r.b]));
    return rows;
  };
  links('highlight_tags', 'highlight_id', 'tag_id', `highlight_id IN (SELECT value FROM json_each(?))`, [
    highlightList,
  ]);
  // Claims quoting these passages, and the chosen events' claims; their links to passages in the scope only.
  const claims = new Set(
    ids(
      `SELECT DISTINCT claim_id FROM claim_passages WHERE highlight_id IN (SELECT value FROM json_each(?))`,
      [highlightList],
    ),
  );
  for (const id of ids(
    `SELECT claim_id FROM claim_events WHERE event_id IN (SELECT value FROM json_each(?))`,
    [inList(scope.eventIds)],
  ))
    claims.add(id);
  claims.forEach((id) => add('claims', id));
  const claimList = inList(claims);
  links(
    'claim_passages',
    'claim_id',
    'highlight_id',
    `claim_id IN (SELECT value FROM json_each(?)) AND highlight_id IN (SELECT value FROM json_each(?))`,
    [claimList, highlightList],
  );
  links('claim_tags', 'claim_id', 'tag_id', `claim_id IN (SELECT value FROM json_each(?))`, [claimList]);
  const events = new Set(scope.eventIds);
  for (const r of links(
    'claim_events',
    'claim_id',
    'event_id',
    `claim_id IN (SELECT value FROM json_each(?))`,
    [claimList],
  ))
    events.add(r.b);
  events.forEach((id) => add('events', id));
  const eventList = inList(events);
  links('event_actors', 'event_id', 'entity_id', `event_id IN (SELECT value FROM json_each(?))`, [eventList]);
  links('event_tags', 'event_id', 'tag_id', `event_id IN (SELECT value FROM json_each(?))`, [eventList]);

  // Every row a selected row names (tags, entities, parents, what a tombstone was merged into), until none
  // is missing.
  const readRow = new Map<string, Statement<unknown[]>>();
  let grew = true;
  while (grew) {
    grew = false;
    for (const table of TABLES) {
      const refs = Object.entries(table.refs);
      if (refs.length === 0) continue;
      const keys = selected.get(table.name)!;
      if (keys.size === 0) continue;
      for (const [column, target] of refs) {
        const statementKey = `${table.name}.${column}`;
        let statement = readRow.get(statementKey);
        if (!statement) {
          statement = db
            .prepare(`SELECT ${quoteIdent(column)} FROM ${quoteIdent(table.name)} WHERE ${whereKey(table)}`)
            .pluck();
          readRow.set(statementKey, statement);
        }
        const targetKeys = selected.get(target)!;
        for (const key of keys) {
          const value = statement.get(...keyParams(table, key)) as string | null | undefined;
          if (value && !targetKeys.has(value)) {
            targetKeys.add(value);
            grew = true;
          }
        }
      }
    }
  }
  // A document brought in by a reference (what a tombstone was merged into) travels with its text.
  for (const id of selected.get('documents')!) selected.get('document_texts')!.add(id);
  return selected;
}
