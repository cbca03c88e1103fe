// Reading a .dossier file from a teammate (untrusted) into a staging database, checking everything before the
// project is touched: the archive (zip.ts refuses hostile archives), the manifest and its version, the SHA-256
// of every entry, each row against its table's schema, duplicate keys, every reference resolving inside the
// file, texts matching their checksums, and passages inside their documents. Anything wrong refuses the whole
// file with a message naming the problem; the project is never opened for writing until a file passed.
//
// The staging database (a temporary SQLite file) keeps memory flat however large the file is, and lets the
// merge read what it needs synchronously inside one transaction on the project.
import DatabaseConstructor, { type Database } from 'better-sqlite3';
import { lstatSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { z } from 'zod';
import type { ExchangeFormat } from '../../shared/contract-exchange';
import { DossierError } from '../../shared/errors';
import {
  BASES_ENTRY,
  BaseLine,
  FORMAT_MAJOR,
  FORMAT_MINOR,
  FORMAT_NAME,
  MANIFEST_ENTRY,
  MAX_MANIFEST_BYTES,
  Manifest,
  TABLES,
  TABLE_BY_NAME,
  originalEntry,
  rowsEntry,
  type TableSpec,
} from './format';
import {
  checkTableRows,
  fact,
  factCount,
  factsOf,
  refsOf,
  refuse,
  verifiedLines,
  type EntryDigest,
  type FactValue,
  type RowBatch,
} from './read-rows';
import { sha256Hex, type FileRow } from './rows';
import { parseUntrustedJson } from './untrusted-json';
import { openZip, type SafeZip } from './zip';

/** Originals read at once (each is a file of its own in the archive). */
const ORIGINALS_AT_ONCE = 16;
export interface ReadProgress {
  phase: 'checking' | 'rows' | 'originals';
  done: number;
  total: number;
}

export interface ReadOptions {
  onProgress?: (progress: ReadProgress) => void;
  signal?: AbortSignal;
}

/** A file that passed every check, staged for merging. */
export interface StagedFile {
  fileName: string;
  format: ExchangeFormat;
  /** What the file holds that Dossier cannot represent (a REFI-QDA project's pictures, audio...). */
  unsupported: { kind: string; name: string; detail: string }[];
  manifest: Manifest;
  /** rows(tbl, key, hash, json), bases(tbl, key, hash), originals(document_id, bytes) */
  db: Database;
  close(): void;
}

const STAGING_PREFIX = 'dossier-merge-';
/** A staging folder this old is left over whoever made it: a preview is kept an hour at most. */
const STALE_STAGING_MS = 24 * 60 * 60 * 1000;
let sweptThisProcess = false;

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes the staging folders that Dossier processes which were killed or crashed left in `dir` (a previewed
 * merge holds a copy of the teammate's file there): this user's folders named after a process that is gone,
 * and any older than a day. Folders of running processes are left alone. Returns how many it removed.
 */
export function sweepStaleStaging(dir = tmpdir(), now = Date.now()): number {
  let removed = 0;
  let names: string[];
  try {
    names = readdirSync(dir).filter((name) => name.startsWith(STAGING_PREFIX));
  } catch {
    return 0;
  }
  const uid = process.getuid?.();
  for (const name of names) {
    try {
      const path = join(dir, name);
      const stat = lstatSync(path);
      if (!stat.isDirectory() || (uid !== undefined && stat.uid !== uid)) continue;
      const pid = /^dossier-merge-(\d+)-/.exec(name)?.[1];
      const stale = now - stat.mtimeMs > STALE_STAGING_MS;
      const orphaned = pid !== undefined && Number(pid) !== process.pid && !processAlive(Number(pid));
      if (!stale && !orphaned) continue;
      rmSync(path, { recursive: true, force: true });
      removed++;
    } catch {
      // Another process removed it first, or it cannot be removed: neither stops a merge.
    }
  }
  return removed;
}

/**
 * An empty staging database in a private temporary folder, named after this process so that a later Dossier
 * can tell it was left behind; close() removes both. The first one in a process sweeps away stale ones.
 */
export function createStaging(): { db: Database; close: () => void } {
  if (!sweptThisProcess) {
    sweptThisProcess = true;
    sweepStaleStaging();
  }
  const dir = mkdtempSync(join(tmpdir(), `${STAGING_PREFIX}${process.pid}-`));
  let db: Database;
  try {
    db = new DatabaseConstructor(join(dir, 'staging.sqlite'));
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  const close = () => {
    if (db.open) db.close();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    db.pragma('journal_mode = OFF');
    db.pragma('synchronous = OFF');
    db.exec(`
      CREATE TABLE rows (tbl TEXT NOT NULL, key TEXT NOT NULL, hash TEXT NOT NULL, json TEXT NOT NULL,
                         PRIMARY KEY (tbl, key)) WITHOUT ROWID;
      CREATE TABLE bases (tbl TEXT NOT NULL, key TEXT NOT NULL, hash TEXT NOT NULL,
                          PRIMARY KEY (tbl, key)) WITHOUT ROWID;
      CREATE TABLE originals (document_id TEXT PRIMARY KEY, bytes BLOB NOT NULL);
    `);
  } catch (error) {
    close();
    throw error;
  }
  return { db, close };
}

/** Tables other rows reference: their keys are kept while staging, to check references. */
const REFERENCED = new Set(TABLES.flatMap((t) => Object.values(t.refs)));

/**
 * The checks across rows, made as each row is staged (in any order) and finished once all are: references
 * resolve inside the file, texts match their documents' checksums, blocks and passages lie inside their
 * texts, tags form a tree, and only deleted rows are merged into another. What a row needs that has not come
 * yet waits for finish(). A row is seen through its facts (read-rows.ts), which the thread that parsed it
 * took out, so that the rows themselves need not travel between threads.
 */
export class StagedChecks {
  private readonly keys = new Map<string, Set<string>>();
  private readonly waiting: { table: string; key: string; target: string; ref: string }[] = [];
  private readonly documents = new Map<string, { length: number; sha: string; title: string | null }>();
  private readonly texts = new Map<string, { length: number; sha: string; blocksInside: boolean }>();
  private readonly passages: { key: string; document: string; start: number; end: number }[] = [];
  private readonly parents = new Map<string, string | null>();

  constructor(private readonly fileName: string) {
    for (const table of REFERENCED) this.keys.set(table, new Set());
  }

  /** A row that passed its schema. */
  row(table: TableSpec, key: string, row: FileRow): void {
    this.facts(table, key, factsOf(table, row));
  }

  /** A row that passed its schema, by its facts (factsOf), which start at `at` in `facts`. */
  facts(table: TableSpec, key: string, facts: readonly FactValue[], at = 0): void {
    this.keys.get(table.name)?.add(key);
    const value = (name: string) => fact(table, facts, at, name);
    for (const [column, target] of refsOf(table)) {
      const ref = value(column);
      if (typeof ref !== 'string') continue;
      if (!this.keys.get(target)!.has(ref)) this.waiting.push({ table: table.name, key, target, ref });
    }
    if (value('mergedButLive') === true) {
      throw refuse(
        `${this.fileName} is damaged: ${table.name} ${key} is merged into another but not deleted.`,
      );
    }
    switch (table.name) {
      case 'documents':
        this.documents.set(key, {
          length: value('length') as number,
          sha: value('sha') as string,
          title: value('title') as string | null,
        });
        break;
      case 'document_texts':
        this.texts.set(key, {
          length: value('length') as number,
          sha: value('sha') as string,
          blocksInside: value('blocksInside') as boolean,
        });
        break;
      case 'highlights': {
        const passage = {
          key,
          document: value('document_id') as string,
          start: value('start') as number,
          end: value('end') as number,
        };
        const text = this.texts.get(passage.document);
        if (text && this.documents.has(passage.document)) this.checkPassage(passage, text.length);
        else this.passages.push(passage);
        break;
      }
      case 'tags':
        this.parents.set(key, (value('parent_id') as string | null) ?? null);
        break;
    }
  }

  /** Once every row is staged. */
  finish(): void {
    const fileName = this.fileName;
    for (const w of this.waiting) {
      if (!this.keys.get(w.target)!.has(w.ref)) {
        throw refuse(
          `${fileName} is damaged: a row of ${w.table} (${w.key}) refers to ${w.target} ${w.ref}, which is not in the file.`,
        );
      }
    }
    for (const key of this.documents.keys()) {
      if (!this.texts.has(key)) throw refuse(`${fileName} is damaged: document ${key} has no text.`);
    }
    for (const [key, doc] of this.documents) {
      const text = this.texts.get(key)!;
      const name = doc.title ? `"${doc.title.slice(0, 80)}"` : key;
      if (text.length !== doc.length || text.sha !== doc.sha) {
        throw refuse(`${fileName} is damaged: the text of document ${name} does not match its checksum.`);
      }
      if (!text.blocksInside) {
        throw refuse(`${fileName} is damaged: document ${name} has a block beyond the end of its text.`);
      }
    }
    for (const passage of this.passages)
      this.checkPassage(passage, this.texts.get(passage.document)?.length ?? 0);
    for (const start of this.parents.keys()) {
      const seen = new Set<string>();
      for (let at: string | null | undefined = start; at; at = this.parents.get(at)) {
        if (seen.has(at))
          throw refuse(`${fileName} is damaged: tag ${start} is inside itself (its parents form a loop).`);
        seen.add(at);
      }
    }
  }

  private checkPassage(h: { key: string; start: number; end: number }, length: number): void {
    if (h.end > length) {
      throw refuse(
        `${this.fileName} is damaged: highlight ${h.key} covers characters ${h.start}–${h.end}, beyond the end of its document (${length} characters long).`,
      );
    }
    if (h.end <= h.start) {
      throw refuse(
        `${this.fileName} is damaged: highlight ${h.key} covers no text (characters ${h.start}–${h.end}).`,
      );
    }
  }
}

export async function readDossierFile(path: string, options: ReadOptions = {}): Promise<StagedFile> {
  const fileName = basename(path);
  const zip = await openZip(path);
  let staging: { db: Database; close: () => void };
  try {
    staging = createStaging();
  } catch (error) {
    zip.close();
    throw error;
  }
  const { db, close } = staging;
  try {
    const manifest = await readManifest(zip, fileName);
    checkEntries(zip, manifest, fileName);
    const checks = new StagedChecks(fileName);
    // One transaction for the whole staging (the database is thrown away on any failure): pages are written
    // once, not at every chunk's commit.
    db.exec('BEGIN');
    const counts = await stageRows(zip, db, manifest, checks, options);
    for (const table of TABLES) {
      const declared = manifest.counts[table.name];
      const count = counts.get(table.name) ?? 0;
      if (declared !== undefined && declared !== count) {
        throw refuse(
          `${fileName} is damaged: its manifest says ${declared} rows of ${table.name}, but it holds ${count}.`,
        );
      }
    }
    if (zip.has(BASES_ENTRY)) await stageBases(zip, db, manifest);
    checks.finish();
    await stageOriginals(zip, db, manifest, fileName, options);
    db.exec('COMMIT');
    zip.close();
    return { fileName, format: 'dossier', unsupported: [], manifest, db, close };
  } catch (error) {
    zip.close();
    close();
    // Every refusal names the file it is about.
    if (
      error instanceof DossierError &&
      error.code === 'import_refused' &&
      !error.message.includes(fileName)
    ) {
      throw new DossierError('import_refused', `${fileName}: ${error.message}`);
    }
    throw error;
  }
}

// ---------------------------------------------------------------------------------------------------------

const VersionOnly = z.object({ format: z.unknown(), formatVersion: z.unknown() });

async function readManifest(zip: SafeZip, fileName: string): Promise<Manifest> {
  if (!zip.has(MANIFEST_ENTRY)) {
    throw refuse(
      `${fileName} is a zip archive but not a Dossier project file (it has no ${MANIFEST_ENTRY}).`,
    );
  }
  const text = await zip.readText(MANIFEST_ENTRY, MAX_MANIFEST_BYTES);
  const raw = parseUntrustedJson(text, `${MANIFEST_ENTRY} in ${fileName}`);
  const head = VersionOnly.safeParse(raw);
  if (!head.success || head.data.format !== FORMAT_NAME) {
    throw refuse(
      `${fileName} is a zip archive but not a Dossier project file (its manifest is not Dossier's).`,
    );
  }
  const version = typeof head.data.formatVersion === 'string' ? head.data.formatVersion : '';
  const match = /^(\d{1,4})\.(\d{1,4})$/.exec(version);
  if (!match) throw refuse(`${fileName} names no readable format version ("${version.slice(0, 20)}").`);
  const major = Number(match[1]);
  if (major > FORMAT_MAJOR) {
    throw refuse(
      `${fileName} is in Dossier project format ${version}; this version of Dossier reads format ${FORMAT_MAJOR}.${FORMAT_MINOR} (and older). Update Dossier to open it.`,
    );
  }
  if (major < 1) throw refuse(`${fileName} is in an unknown Dossier project format ${version}.`);
  const parsed = Manifest.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw refuse(
      `${fileName} has a damaged manifest (${issue?.path.join('.') || 'manifest'}: ${issue?.message ?? 'invalid'}).`,
    );
  }
  return parsed.data;
}

/** Every entry is listed in the manifest with its size, and every listed entry is there. */
function checkEntries(zip: SafeZip, manifest: Manifest, fileName: string): void {
  for (const [name, info] of zip.entries) {
    if (name === MANIFEST_ENTRY) continue;
    const listed = manifest.entries[name];
    if (!listed) throw refuse(`${fileName} holds "${name}", which its manifest does not list.`);
    if (listed.size !== info.size) {
      throw refuse(
        `${fileName} is damaged: "${name}" is ${info.size} bytes, but the manifest says ${listed.size}.`,
      );
    }
  }
  for (const name of Object.keys(manifest.entries)) {
    if (!zip.has(name)) throw refuse(`${fileName} is incomplete: "${name}" is missing.`);
  }
}

/** One table's rows entry to read. */
interface RowsJob {
  table: string;
  digest: EntryDigest | undefined;
}

/** Reads, checks and stores every table's rows; resolves to each table's row count. */
async function stageRows(
  zip: SafeZip,
  db: Database,
  manifest: Manifest,
  checks: StagedChecks,
  options: ReadOptions,
): Promise<Map<string, number>> {
  const jobs: RowsJob[] = TABLES.filter((t) => zip.has(rowsEntry(t.name))).map((t) => ({
    table: t.name,
    digest: manifest.entries[rowsEntry(t.name)],
  }));
  const total = TABLES.reduce((sum, t) => sum + (manifest.counts[t.name] ?? 0), 0);
  let done = 0;
  const insert = db.prepare(`INSERT INTO rows (tbl, key, hash, json) VALUES (?, ?, ?, ?)`);
  // A chunk's rows are stored at once, as they come from whichever thread read them.
  const store = (batch: RowBatch) => {
    if (options.signal?.aborted)
      throw new DossierError('cancelled', 'The merge was cancelled; nothing was changed.');
    const table = TABLE_BY_NAME.get(batch.table)!;
    const stride = factCount(table);
    for (let i = 0; i < batch.keys.length; i++) {
      const key = batch.keys[i]!;
      checks.facts(table, key, batch.facts, i * stride);
      try {
        insert.run(table.name, key, batch.hashes[i], batch.jsons[i]);
      } catch (error) {
        if ((error as { code?: string }).code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
          throw refuse(`"${rowsEntry(table.name)}" has two rows with the key ${key}.`);
        }
        throw error;
      }
    }
    done += batch.keys.length;
    options.onProgress?.({ phase: 'rows', done, total });
  };
  const counts = new Map<string, number>();
  for (const job of jobs) {
    counts.set(job.table, await checkTableRows(zip, TABLE_BY_NAME.get(job.table)!, job.digest, store));
  }
  return counts;
}

async function stageBases(zip: SafeZip, db: Database, manifest: Manifest): Promise<void> {
  const insert = db.prepare(`INSERT OR REPLACE INTO bases (tbl, key, hash) VALUES (?, ?, ?)`);
  const stage = db.transaction((lines: { line: string; number: number }[]) => {
    for (const { line, number } of lines) {
      const where = `Row ${number} of "${BASES_ENTRY}"`;
      const parsed = BaseLine.safeParse(parseUntrustedJson(line, where));
      if (!parsed.success) throw refuse(`${where} is not valid.`);
      const b = parsed.data;
      if (TABLE_BY_NAME.has(b.tbl)) insert.run(b.tbl, b.key, b.hash);
    }
  });
  for await (const lines of verifiedLines(zip, BASES_ENTRY, manifest.entries[BASES_ENTRY])) stage(lines);
}

async function stageOriginals(
  zip: SafeZip,
  db: Database,
  manifest: Manifest,
  fileName: string,
  options: ReadOptions,
): Promise<void> {
  const documents = db
    .prepare(`SELECT key, json_extract(json, '$.original_sha256') AS sha FROM rows WHERE tbl = 'documents'`)
    .all() as { key: string; sha: string }[];
  const insert = db.prepare(`INSERT INTO originals (document_id, bytes) VALUES (?, ?)`);
  const known = new Set(documents.map((d) => d.key));
  for (const name of zip.entries.keys()) {
    const match = /^originals\/(.+)$/.exec(name);
    if (match && !known.has(match[1]!)) {
      throw refuse(`${fileName} holds "${name}", the file of a document it does not have.`);
    }
  }
  // Read a few at a time (the unpacking runs beside the checks), stored a batch per transaction.
  const store = db.transaction((batch: [string, Buffer][]) => {
    for (const [key, bytes] of batch) insert.run(key, bytes);
  });
  const wanted = documents.filter((d) => zip.has(originalEntry(d.key)));
  let done = 0;
  for (let at = 0; at < wanted.length; at += ORIGINALS_AT_ONCE) {
    // Settled, not raced: the archive is closed on a failure only once no read of it is under way.
    const results = await Promise.allSettled(
      wanted.slice(at, at + ORIGINALS_AT_ONCE).map(async ({ key, sha }): Promise<[string, Buffer]> => {
        const name = originalEntry(key);
        const bytes = await zip.readBuffer(name);
        const digest = sha256Hex(bytes);
        if (digest !== manifest.entries[name]?.sha256 || digest !== sha) {
          throw refuse(`${fileName} is damaged: "${name}" does not match its checksum.`);
        }
        return [key, bytes];
      }),
    );
    const failed = results.find((r) => r.status === 'rejected');
    if (failed) throw failed.reason;
    const batch = results.map((r) => (r as PromiseFulfilledResult<[string, Buffer]>).value);
    store(batch);
    done += batch.length;
    options.onProgress?.({ phase: 'originals', done, total: wanted.length });
    if (options.signal?.aborted)
      throw new DossierError('cancelled', 'The merge was cancelled; nothing was changed.');
  }
}
