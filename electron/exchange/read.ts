// Reading a .dossier file from a teammate (untrusted) into a staging database, checking everything before the
// project is touched: the archive (zip.ts refuses hostile archives), the manifest and its version, the SHA-256
// of every entry, each row against its table's schema, duplicate keys, every reference resolving inside the
// file, texts matching their checksums, and passages inside their documents. Anything wrong refuses the whole
// file with a message naming the problem; the project is never opened for writing until a file passed.
//
// The staging database (a temporary SQLite file) keeps memory flat however large the file is, and lets the
// merge read what it needs synchronously inside one transaction on the project.
import DatabaseConstructor, { type Database } from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
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
import { canonicalJson, rowKey, sha256Hex, type FileRow } from './rows';
import { parseUntrustedJson } from './untrusted-json';
import { openZip, type SafeZip } from './zip';

/** A line of a rows entry may hold a whole document's text. */
const MAX_LINE_BYTES = 256 * 1024 * 1024;
const BATCH = 1000;

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

const refuse = (message: string) => new DossierError('import_refused', message);

/** An empty staging database in a private temporary folder; close() removes both. */
export function createStaging(): { db: Database; close: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'dossier-merge-'));
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

/** The checks across rows, once every row is staged: references resolve, texts and passages fit. */
export function checkStaged(db: Database, fileName: string): void {
  checkReferences(db, fileName);
  checkTexts(db, fileName);
  checkTrees(db, fileName);
}

/** Tags form a tree (no tag inside itself); only deleted rows can be merged into another. */
function checkTrees(db: Database, fileName: string): void {
  const parents = new Map(
    (
      db
        .prepare(`SELECT key, json_extract(json, '$.parent_id') AS parent FROM rows WHERE tbl = 'tags'`)
        .all() as { key: string; parent: string | null }[]
    ).map((r) => [r.key, r.parent]),
  );
  for (const start of parents.keys()) {
    const seen = new Set<string>();
    for (let at: string | null | undefined = start; at; at = parents.get(at)) {
      if (seen.has(at))
        throw refuse(`${fileName} is damaged: tag ${start} is inside itself (its parents form a loop).`);
      seen.add(at);
    }
  }
  for (const table of ['documents', 'tags', 'entities']) {
    const live = db
      .prepare(
        `SELECT key FROM rows WHERE tbl = ? AND json_extract(json, '$.merged_into') IS NOT NULL
         AND json_extract(json, '$.deleted_at') IS NULL LIMIT 1`,
      )
      .pluck()
      .get(table) as string | undefined;
    if (live)
      throw refuse(`${fileName} is damaged: ${table} ${live} is merged into another but not deleted.`);
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
    const total = TABLES.reduce((sum, t) => sum + (manifest.counts[t.name] ?? 0), 0);
    let done = 0;
    for (const table of TABLES) {
      const count = await stageTable(zip, db, manifest, table, (n) => {
        done += n;
        options.onProgress?.({ phase: 'rows', done, total });
        if (options.signal?.aborted)
          throw new DossierError('cancelled', 'The merge was cancelled; nothing was changed.');
      });
      const declared = manifest.counts[table.name];
      if (declared !== undefined && declared !== count) {
        throw refuse(
          `${fileName} is damaged: its manifest says ${declared} rows of ${table.name}, but it holds ${count}.`,
        );
      }
    }
    if (zip.has(BASES_ENTRY)) await stageBases(zip, db, manifest);
    checkStaged(db, fileName);
    await stageOriginals(zip, db, manifest, fileName, options);
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

/** Reads an entry's lines while hashing its bytes; refuses it if the hash is not the manifest's. */
async function* verifiedLines(
  zip: SafeZip,
  manifest: Manifest,
  name: string,
): AsyncGenerator<{ line: string; number: number }> {
  const hash = createHash('sha256');
  let number = 0;
  let pending = '';
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let bytes = 0;
  for await (const chunk of await zip.stream(name)) {
    hash.update(chunk);
    let text: string;
    try {
      text = pending + decoder.decode(chunk, { stream: true });
    } catch {
      throw refuse(`"${name}" is not valid UTF-8 text.`);
    }
    let start = 0;
    for (let end = text.indexOf('\n'); end !== -1; end = text.indexOf('\n', start)) {
      number++;
      const line = text.slice(start, end).replace(/\r$/, '');
      start = end + 1;
      if (line !== '') yield { line, number };
    }
    pending = text.slice(start);
    bytes += chunk.length;
    if (pending.length > MAX_LINE_BYTES) {
      throw refuse(
        `"${name}" has a line longer than ${MAX_LINE_BYTES / 1024 / 1024} MB (line ${number + 1}).`,
      );
    }
  }
  pending += decoder.decode();
  if (pending.trim() !== '') yield { line: pending, number: number + 1 };
  const digest = hash.digest('hex');
  if (digest !== manifest.entries[name]?.sha256 || bytes !== manifest.entries[name]?.size) {
    throw refuse(
      `"${name}" does not match its checksum in the manifest: the file is damaged or was altered.`,
    );
  }
}

async function stageTable(
  zip: SafeZip,
  db: Database,
  manifest: Manifest,
  table: TableSpec,
  progress: (rows: number) => void,
): Promise<number> {
  const name = rowsEntry(table.name);
  if (!zip.has(name)) return 0;
  const insert = db.prepare(`INSERT INTO rows (tbl, key, hash, json) VALUES (?, ?, ?, ?)`);
  const flush = db.transaction((batch: [string, string, string][]) => {
    for (const [key, hash, json] of batch) {
      try {
        insert.run(table.name, key, hash, json);
      } catch (error) {
        if ((error as { code?: string }).code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
          throw refuse(`"${name}" has two rows with the key ${key}.`);
        }
        throw error;
      }
    }
  });
  let batch: [string, string, string][] = [];
  let count = 0;
  for await (const { line, number } of verifiedLines(zip, manifest, name)) {
    const where = `Row ${number} of "${name}"`;
    const parsed = table.schema.safeParse(parseUntrustedJson(line, where));
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw refuse(
        `${where} is not valid: ${issue?.path.join('.') || 'row'}: ${issue?.message ?? 'invalid'}.`,
      );
    }
    const row = parsed.data as FileRow;
    const json = canonicalJson(table, row);
    batch.push([rowKey(table, row), sha256Hex(json), json]);
    count++;
    if (batch.length >= BATCH) {
      flush(batch);
      progress(batch.length);
      batch = [];
    }
  }
  flush(batch);
  progress(batch.length);
  return count;
}

async function stageBases(zip: SafeZip, db: Database, manifest: Manifest): Promise<void> {
  const insert = db.prepare(`INSERT OR REPLACE INTO bases (tbl, key, hash) VALUES (?, ?, ?)`);
  const flush = db.transaction((batch: z.infer<typeof BaseLine>[]) => {
    for (const b of batch) if (TABLE_BY_NAME.has(b.tbl)) insert.run(b.tbl, b.key, b.hash);
  });
  let batch: z.infer<typeof BaseLine>[] = [];
  for await (const { line, number } of verifiedLines(zip, manifest, BASES_ENTRY)) {
    const parsed = BaseLine.safeParse(parseUntrustedJson(line, `Row ${number} of "${BASES_ENTRY}"`));
    if (!parsed.success) throw refuse(`Row ${number} of "${BASES_ENTRY}" is not valid.`);
    batch.push(parsed.data);
    if (batch.length >= BATCH) {
      flush(batch);
      batch = [];
    }
  }
  flush(batch);
}

/** Every reference names a row of the file: a file that points outside itself is damaged or forged. */
function checkReferences(db: Database, fileName: string): void {
  for (const table of TABLES) {
    for (const [column, target] of Object.entries(table.refs)) {
      const dangling = db
        .prepare(
          `SELECT r.key, json_extract(r.json, '$.' || ?) AS ref FROM rows r
           WHERE r.tbl = ? AND json_extract(r.json, '$.' || ?) IS NOT NULL
             AND NOT EXISTS (SELECT 1 FROM rows t WHERE t.tbl = ? AND t.key = json_extract(r.json, '$.' || ?))
           LIMIT 1`,
        )
        .get(column, table.name, column, target, column) as { key: string; ref: string } | undefined;
      if (dangling) {
        throw refuse(
          `${fileName} is damaged: a row of ${table.name} (${dangling.key}) refers to ${target} ${dangling.ref}, which is not in the file.`,
        );
      }
    }
  }
  const textless = db
    .prepare(
      `SELECT key FROM rows d WHERE d.tbl = 'documents'
       AND NOT EXISTS (SELECT 1 FROM rows t WHERE t.tbl = 'document_texts' AND t.key = d.key) LIMIT 1`,
    )
    .pluck()
    .get() as string | undefined;
  if (textless) throw refuse(`${fileName} is damaged: document ${textless} has no text.`);
}

/** Texts match their documents' checksums and lengths; blocks and passages lie inside their texts. */
function checkTexts(db: Database, fileName: string): void {
  const documents = db.prepare(`SELECT key, json FROM rows WHERE tbl = 'documents'`);
  const textOf = db.prepare(`SELECT json FROM rows WHERE tbl = 'document_texts' AND key = ?`).pluck();
  const lengths = new Map<string, number>();
  for (const { key, json } of documents.iterate() as Iterable<{ key: string; json: string }>) {
    const doc = JSON.parse(json) as { char_count: number; text_sha256: string; title: string | null };
    const content = JSON.parse(textOf.get(key) as string) as {
      text: string;
      blocks: { start: number; end: number }[];
    };
    const name = doc.title ? `"${doc.title.slice(0, 80)}"` : key;
    if (content.text.length !== doc.char_count || sha256Hex(content.text) !== doc.text_sha256) {
      throw refuse(`${fileName} is damaged: the text of document ${name} does not match its checksum.`);
    }
    const length = content.text.length;
    const outside = (r: { start: number; end: number }) => r.start > r.end || r.end > length;
    if (
      content.blocks.some(
        (b) => outside(b) || (b as { marks?: { start: number; end: number }[] }).marks?.some(outside),
      )
    ) {
      throw refuse(`${fileName} is damaged: document ${name} has a block beyond the end of its text.`);
    }
    lengths.set(key, content.text.length);
  }
  const highlights = db.prepare(`SELECT key, json FROM rows WHERE tbl = 'highlights'`);
  for (const { key, json } of highlights.iterate() as Iterable<{ key: string; json: string }>) {
    const h = JSON.parse(json) as { document_id: string; pos_start: number; pos_end: number };
    const length = lengths.get(h.document_id) ?? 0;
    if (h.pos_end > length) {
      throw refuse(
        `${fileName} is damaged: highlight ${key} covers characters ${h.pos_start}–${h.pos_end}, beyond the end of its document (${length} characters long).`,
      );
    }
    if (h.pos_end <= h.pos_start) {
      throw refuse(
        `${fileName} is damaged: highlight ${key} covers no text (characters ${h.pos_start}–${h.pos_end}).`,
      );
    }
  }
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
  let done = 0;
  for (const { key, sha } of documents) {
    const name = originalEntry(key);
    if (!zip.has(name)) continue;
    const bytes = await zip.readBuffer(name);
    const digest = sha256Hex(bytes);
    if (digest !== manifest.entries[name]?.sha256 || digest !== sha) {
      throw refuse(`${fileName} is damaged: "${name}" does not match its checksum.`);
    }
    insert.run(key, bytes);
    done++;
    options.onProgress?.({ phase: 'originals', done, total: documents.length });
    if (options.signal?.aborted)
      throw new DossierError('cancelled', 'The merge was cancelled; nothing was changed.');
  }
}
