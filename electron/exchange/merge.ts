// Merging a teammate's .dossier file into the open project (issue 8), after read.ts staged and checked it.
//
// Rules, row by row (rows match by key):
// - a row only one side has is kept (a teammate's new row is added);
// - the same version on both sides: nothing to do;
// - changed on one side only since a version both knew (the three-way base: what this project last received
//   of the row, or what the sender says it last received): that side's version;
// - changed on both sides: a conflict. The later change wins (updated_at is monotonic per device; equal times
//   fall to the version hash, so every project decides the same), and the merge report keeps the other
//   version so the user can take it instead;
// - deletions are tombstones and follow the same rules.
// Then identity: the same article imported on two machines (different ids, the same canonical text) becomes
// one document, and tags with the same place and name become one tag. The survivor is the smaller id and
// carries the newest of the versions; the others stay as tombstones merged into it, and every row that named
// them names the survivor. Every choice depends only on the rows, never on which side merges, so A merged with
// B and B merged with A end with the same content, and merging the same file again changes nothing.
//
// Everything is decided first (planMerge: the preview), then written in one transaction (applyMerge), which
// decides again inside it so that what is written matches the project at that moment.
import type { Database, Statement } from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { DossierError } from '../../shared/errors';
import { nowIso, observeTimestamp } from '../db/clock';
import type { Project } from '../project';
import { reanchorDocument } from '../services/orphans';
import { TABLES, TABLE_BY_NAME, type TableSpec } from './format';
import type {
  ConflictInfo,
  MergePlanSummary,
  MergeReport,
  TableCounts,
} from '../../shared/contract-exchange';
import type { StagedFile } from './read';
import {
  canonicalJson,
  columns,
  keyParams,
  quoteIdent,
  rowHash,
  rowKey,
  sha256Hex,
  toFileRow,
  toStoredValues,
  whereKey,
  type FileRow,
} from './rows';

export type Side = 'ours' | 'theirs';
export type { ConflictInfo, MergePlanSummary, MergeReport, TableCounts };

type DocumentMatch = MergePlanSummary['documentMatches'][number];
type TagUnification = MergePlanSummary['tagUnifications'][number];

export interface MergeOptions {
  /** Survivor ids of tag unifications the user declined: those tags stay apart (theirs renamed). */
  keepTagsApart?: readonly string[];
}

// ---------------------------------------------------------------------------------------------------------

interface Version {
  row: FileRow;
  hash: string;
}

interface Outcome {
  table: TableSpec;
  key: string;
  /** The row as it will be. */
  next: Version;
  /** The row in the project now, if any. */
  local: Version | undefined;
  /** Keys of local rows this row replaces (a link whose key changed because what it names was merged). */
  replaces: string[];
  /** The staged version's hash as the sender has it, for the base; undefined for rows the file lacks. */
  stagedHash: string | undefined;
  /** Where the content comes from: document texts and originals follow it. */
  source: Side;
  conflict: ConflictInfo | null;
  /** For a document that survives a text match: the document whose text, blocks and original it takes. */
  textFrom?: string;
}

const updatedAt = (row: FileRow) => String(row.updated_at ?? row.imported_at ?? '');
const isLive = (row: FileRow) => row.deleted_at === null || row.deleted_at === undefined;
const version = (table: TableSpec, row: FileRow): Version => ({ row, hash: rowHash(table, row) });

/** The later change; equal times fall to the hash, so both sides choose alike. */
function newer(a: Version, b: Version): Version {
  const ta = updatedAt(a.row);
  const tb = updatedAt(b.row);
  if (ta !== tb) return ta > tb ? a : b;
  if (isLive(a.row) !== isLive(b.row)) return isLive(a.row) ? b : a; // a deletion at the same moment wins
  return a.hash >= b.hash ? a : b;
}

/**
 * Two rows that became one key (a link whose tag was merged into another it also had): the live one, so an
 * item keeps a tag it carried under either name; otherwise the later one.
 */
function combine(a: Version, b: Version): Version {
  if (isLive(a.row) !== isLive(b.row)) return isLive(a.row) ? a : b;
  return newer(a, b);
}

/** The row to keep of two, by the rules above, and whether it is a conflict. */
function decide(
  local: Version,
  incoming: Version,
  bases: ReadonlySet<string>,
): { take: Side; conflict: boolean } {
  if (local.hash === incoming.hash) return { take: 'ours', conflict: false };
  const lt = updatedAt(local.row);
  const it = updatedAt(incoming.row);
  if (bases.has(local.hash) && it >= lt) return { take: 'theirs', conflict: false };
  if (bases.has(incoming.hash) && lt >= it) return { take: 'ours', conflict: false };
  return { take: newer(local, incoming) === local ? 'ours' : 'theirs', conflict: true };
}

const NO_BASES: ReadonlySet<string> = new Set();
/** Tables whose every row the identity checks (same text, same tag path) read from the plan. */
const KEEP_UNCHANGED = new Set(['documents', 'tags']);
/**
 * Tables whose outcomes stay in memory: the identity checks and the survivors read them, and their rows are
 * few and small (documents without their texts). The others' outcomes go to the staging database as they are
 * decided, so a merge of a hundred thousand passages holds a page of them at a time.
 */
const IN_MEMORY = new Set(['documents', 'tags', 'entities']);
/** Rows read from the staging database at a time. */
const PAGE = 2000;
const TABLE_ORDER = new Map(TABLES.map((t, i) => [t.name, i]));

class Planner {
  private readonly outcomes = new Map<string, Map<string, Outcome>>();
  /** table → merged id → surviving id, for the file's references (merges of this merge and earlier ones) */
  private readonly survivors = new Map<string, Map<string, string>>();
  /** table → ids merged away by this merge: this project's rows that name them are rewritten */
  private readonly mergedNow = new Map<string, Set<string>>();
  /** Counts, conflicts and changes of the tables planned in the staging database, as they were decided. */
  readonly planned = new Map<string, { counts: TableCounts; conflicts: ConflictInfo[] }>();
  changesPlanned = 0;
  /** The latest updated_at of the rows as they will be (the clock must not fall behind it). */
  latest = '';
  private readonly localSelect = new Map<string, Statement>();
  private prefetched: {
    table: string;
    keys: Set<string>;
    rows: Map<string, Record<string, unknown>>;
  } | null = null;
  private readonly insertPlanned: Statement;
  private seq = 0;
  private readonly baseSelect: Statement;
  private readonly stagedBaseSelect: Statement;
  readonly documentMatches: DocumentMatch[] = [];
  readonly tagUnifications: TagUnification[] = [];

  constructor(
    private readonly db: Database,
    private readonly staged: StagedFile,
    private readonly options: MergeOptions,
  ) {
    this.baseSelect = db.prepare(`SELECT hash FROM exchange_base WHERE tbl = ? AND key = ?`).pluck();
    this.stagedBaseSelect = staged.db.prepare(`SELECT hash FROM bases WHERE tbl = ? AND key = ?`).pluck();
    staged.db.exec(`
      CREATE TABLE IF NOT EXISTS plan (tbl_order INTEGER NOT NULL, live INTEGER NOT NULL, seq INTEGER NOT NULL,
        tbl TEXT NOT NULL, key TEXT NOT NULL, next TEXT, replaces TEXT, staged_hash TEXT,
        PRIMARY KEY (tbl_order, live, seq)) WITHOUT ROWID;
      DELETE FROM plan;`);
    this.insertPlanned = staged.db.prepare(
      `INSERT INTO plan (tbl_order, live, seq, tbl, key, next, replaces, staged_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
  }

  run(): void {
    const db = this.staged.db;
    db.exec('BEGIN');
    try {
      this.planAll();
      db.exec('COMMIT');
    } catch (error) {
      if (db.inTransaction) db.exec('ROLLBACK');
      throw error;
    }
  }

  /** The file's rows of a table in key order, a page at a time. */
  private *stagedRows(
    table: string,
    onPage?: (keys: string[]) => void,
  ): Generator<{ key: string; hash: string; json: string }> {
    const page = this.staged.db.prepare(
      `SELECT key, hash, json FROM rows WHERE tbl = ? AND key > ? ORDER BY key LIMIT ${PAGE}`,
    );
    let after = '';
    for (;;) {
      const rows = page.all(table, after) as { key: string; hash: string; json: string }[];
      if (rows.length === 0) return;
      onPage?.(rows.map((r) => r.key));
      yield* rows;
      after = rows[rows.length - 1]!.key;
    }
  }

  private planAll(): void {
    for (const table of TABLES) {
      if (table.name === 'document_texts') continue; // follows documents
      this.planTable(table);
      if (table.name === 'documents') this.unifyDocuments(table);
      if (table.name === 'tags') this.unifyTags(table);
      if (table.name === 'documents' || table.name === 'tags' || table.name === 'entities') {
        this.recordSurvivors(table);
      }
    }
  }

  all(): Outcome[] {
    return [...this.outcomes.values()].flatMap((byKey) => [...byKey.values()]);
  }

  tableOutcomes(name: string): Map<string, Outcome> {
    let byKey = this.outcomes.get(name);
    if (!byKey) {
      byKey = new Map();
      this.outcomes.set(name, byKey);
    }
    return byKey;
  }

  local(table: TableSpec, key: string): Version | undefined {
    const row = this.localRow(table, key);
    return row ? version(table, row) : undefined;
  }

  /** This project's row under a key (read with its page of keys when prefetched), as the file writes rows. */
  private localRow(table: TableSpec, key: string): FileRow | undefined {
    const page = this.prefetched;
    if (page && page.table === table.name && page.keys.has(key)) {
      const stored = page.rows.get(key);
      return stored ? toFileRow(table, stored) : undefined;
    }
    let statement = this.localSelect.get(table.name);
    if (!statement) {
      statement = this.db.prepare(`SELECT * FROM ${quoteIdent(table.name)} WHERE ${whereKey(table)}`);
      this.localSelect.set(table.name, statement);
    }
    const stored = statement.get(...keyParams(table, key)) as Record<string, unknown> | undefined;
    return stored ? toFileRow(table, stored) : undefined;
  }

  /** This project's rows under a page of keys, read in one statement (see localRow). */
  private prefetch(table: TableSpec, keys: string[]): void {
    const single = table.key.length === 1;
    const where = single
      ? `${quoteIdent(table.key[0]!)} IN (SELECT value FROM json_each(?))`
      : `(${table.key.map(quoteIdent).join(', ')}) IN (SELECT ${table.key
          .map((_, i) => `value ->> '$[${i}]'`)
          .join(', ')} FROM json_each(?))`;
    const list = single ? keys : keys.map((key) => JSON.parse(key) as string[]);
    const stored = this.db
      .prepare(`SELECT * FROM ${quoteIdent(table.name)} WHERE ${where}`)
      .all(JSON.stringify(list)) as Record<string, unknown>[];
    const rows = new Map<string, Record<string, unknown>>();
    for (const row of stored) rows.set(rowKey(table, row), row);
    this.prefetched = { table: table.name, keys: new Set(keys), rows };
  }

  private bases(table: string, keys: string[], staged: boolean): Set<string> {
    const found = new Set<string>();
    for (const key of keys) {
      const ours = this.baseSelect.get(table, key) as string | undefined;
      if (ours) found.add(ours);
      if (staged) {
        const theirs = this.stagedBaseSelect.get(table, key) as string | undefined;
        if (theirs) found.add(theirs);
      }
    }
    return found;
  }

  /** What a reference names once merged rows are followed to their survivor. */
  resolve(table: string, id: string): string {
    const map = this.survivors.get(table);
    let current = id;
    for (let hops = 0; map && hops < 64; hops++) {
      const next = map.get(current);
      if (next === undefined || next === current) break;
      current = next;
    }
    return current;
  }

  /** A row with its references to merged rows pointed at their survivors. */
  private remap(table: TableSpec, row: FileRow): FileRow {
    let changed: FileRow | null = null;
    for (const [column, target] of Object.entries(table.refs)) {
      const value = row[column];
      if (typeof value !== 'string' || column === 'merged_into') continue;
      const resolved = this.resolve(target, value);
      if (resolved !== value) {
        changed ??= { ...row };
        changed[column] = resolved;
      }
    }
    return changed ?? row;
  }

  private planTable(table: TableSpec): void {
    // Local rows that name a row merged away in this merge change too (their link key, or a column).
    // old key → the row rewritten (a row naming two merged rows is read twice and rewritten once)
    const rewrites = new Map<string, Version>();
    for (const [column, target] of Object.entries(table.refs)) {
      const merged = [...(this.mergedNow.get(target) ?? [])];
      if (merged.length === 0 || column === 'merged_into') continue;
      const rows = this.db
        .prepare(
          `SELECT * FROM ${quoteIdent(table.name)} WHERE ${quoteIdent(column)} IN (SELECT value FROM json_each(?))`,
        )
        .all(JSON.stringify(merged)) as Record<string, unknown>[];
      for (const stored of rows) {
        const original = toFileRow(table, stored);
        rewrites.set(rowKey(table, original), version(table, this.remap(table, original)));
      }
    }
    // new key → the rewritten rows landing on it, and the old keys they leave
    const localRewrites = new Map<string, { oldKey: string; version: Version }[]>();
    const replaced = new Map<string, string[]>();
    for (const [oldKey, rewritten] of rewrites) {
      const key = rowKey(table, rewritten.row);
      localRewrites.set(key, [...(localRewrites.get(key) ?? []), { oldKey, version: rewritten }]);
      if (oldKey !== key) replaced.set(key, [...(replaced.get(key) ?? []), oldKey]);
    }

    // The file's rows, remapped. A row naming a row merged away takes a new key (a link to a merged tag):
    // those are read first, and two rows that become one key are combined (the newer wins).
    type Incoming = { version: Version; stagedHash: string; stagedKeys: string[] };
    const moved = new Map<string, Incoming>();
    const movedFrom = new Set<string>();
    const add = (
      into: Map<string, Incoming>,
      key: string,
      candidate: Version,
      staged: { key: string; hash: string },
    ) => {
      const seen = into.get(key);
      if (!seen) into.set(key, { version: candidate, stagedHash: staged.hash, stagedKeys: [staged.key] });
      else {
        seen.stagedKeys.push(staged.key);
        if (combine(seen.version, candidate) === candidate) {
          seen.version = candidate;
          seen.stagedHash = staged.hash;
        }
      }
    };
    for (const staged of this.remappedRows(table)) {
      const row = this.remap(table, JSON.parse(staged.json) as FileRow);
      const key = rowKey(table, row);
      if (key === staged.key) continue;
      movedFrom.add(staged.key);
      add(moved, key, version(table, row), staged);
    }

    const decideKey = (key: string, theirs: Incoming | undefined, stagedJson: string | null) => {
      const oldKeys = replaced.get(key) ?? [];
      const localRow = this.localRow(table, key);
      let current: Version | undefined;
      if (localRow) {
        const canonical = canonicalJson(table, localRow);
        if (
          canonical === stagedJson &&
          theirs !== undefined &&
          !localRewrites.has(key) &&
          oldKeys.length === 0 &&
          !KEEP_UNCHANGED.has(table.name)
        ) {
          // The same row on both sides, byte for byte: nothing to write but the base.
          this.emitUnchanged(table, key, theirs.stagedHash);
          return;
        }
        current = { row: localRow, hash: sha256Hex(canonical) };
      }
      // Ours: the row under this key, combined with local rows rewritten onto it.
      let ours = current;
      // The row under this key, rewritten in place; then rows from other keys landing on it, combined.
      const landing = localRewrites.get(key) ?? [];
      for (const r of landing) if (r.oldKey === key) ours = r.version;
      for (const r of landing) if (r.oldKey !== key) ours = ours ? combine(ours, r.version) : r.version;
      if (!theirs) {
        this.emit(table, this.outcome(table, key, ours!, current, oldKeys, undefined, 'ours', null));
        return;
      }
      if (!ours) {
        this.emit(
          table,
          this.outcome(table, key, theirs.version, current, oldKeys, theirs.stagedHash, 'theirs', null),
          stagedJson,
        );
        return;
      }
      if (
        ours === current &&
        ours.hash === theirs.version.hash &&
        oldKeys.length === 0 &&
        !KEEP_UNCHANGED.has(table.name)
      ) {
        // The same on both sides: nothing to write but the base.
        this.emitUnchanged(table, key, theirs.stagedHash);
        return;
      }
      const baseKeys = [...new Set([key, ...theirs.stagedKeys, ...oldKeys])];
      const bases = ours.hash === theirs.version.hash ? NO_BASES : this.bases(table.name, baseKeys, true);
      const { take, conflict } = decide(ours, theirs.version, bases);
      const next = take === 'ours' ? ours : theirs.version;
      const info = conflict ? this.conflictInfo(table, key, take, ours.row, theirs.version.row) : null;
      this.emit(
        table,
        this.outcome(table, key, next, current, oldKeys, theirs.stagedHash, take, info),
        take === 'theirs' ? stagedJson : null,
      );
    };

    // The file's rows in key order, each decided as it comes (and combined with rows moved onto its key).
    const rewritesLeft = new Set(localRewrites.keys());
    for (const staged of this.stagedRows(table.name, (keys) => this.prefetch(table, keys))) {
      if (movedFrom.has(staged.key)) continue;
      const parsed = JSON.parse(staged.json) as FileRow;
      const row = this.remap(table, parsed);
      // A row as the file has it is already in canonical form: its staged hash is its version's.
      const pristine = row === parsed;
      const candidate = pristine ? { row, hash: staged.hash } : version(table, row);
      let theirs: Incoming = { version: candidate, stagedHash: staged.hash, stagedKeys: [staged.key] };
      const landing = moved.get(staged.key);
      if (landing) {
        add(moved, staged.key, candidate, staged);
        theirs = landing;
        moved.delete(staged.key);
      }
      decideKey(staged.key, theirs, pristine && theirs.version === candidate ? staged.json : null);
      rewritesLeft.delete(staged.key);
    }
    this.prefetched = null;
    for (const [key, theirs] of moved) {
      decideKey(key, theirs, null);
      rewritesLeft.delete(key);
    }
    for (const key of rewritesLeft) decideKey(key, undefined, null);
  }

  /** The file's rows that name a row merged into another: their keys may change (see planTable). */
  private remappedRows(table: TableSpec): { key: string; hash: string; json: string }[] {
    const clauses: string[] = [];
    const params: string[] = [];
    for (const [column, target] of Object.entries(table.refs)) {
      const merged = this.survivors.get(target);
      if (column === 'merged_into' || !merged || merged.size === 0) continue;
      clauses.push(`json_extract(json, '$.${column}') IN (SELECT value FROM json_each(?))`);
      params.push(JSON.stringify([...merged.keys()]));
    }
    if (clauses.length === 0) return [];
    return this.staged.db
      .prepare(`SELECT key, hash, json FROM rows WHERE tbl = ? AND (${clauses.join(' OR ')})`)
      .all(table.name, ...params) as { key: string; hash: string; json: string }[];
  }

  /** Counts and conflicts of a table, kept as its rows are decided. */
  private tally(table: string): { counts: TableCounts; conflicts: ConflictInfo[] } {
    let entry = this.planned.get(table);
    if (!entry) {
      entry = {
        counts: { added: 0, updated: 0, deleted: 0, unchanged: 0, conflicts: 0, matched: 0 },
        conflicts: [],
      };
      this.planned.set(table, entry);
    }
    return entry;
  }

  /**
   * A decided row: kept in memory for the tables the identity checks read, otherwise counted and written to
   * the staging database. `stagedJson` is the file's row when it is the row to write, as it is.
   */
  private emit(table: TableSpec, o: Outcome, stagedJson: string | null = null): void {
    if (IN_MEMORY.has(table.name)) {
      this.tableOutcomes(table.name).set(o.key, o);
      return;
    }
    const { counts, conflicts } = this.tally(table.name);
    const same = o.local !== undefined && o.local.hash === o.next.hash && o.replaces.length === 0;
    if (!same) this.changesPlanned++;
    const live = isLive(o.next.row);
    if (!o.local) {
      if (live) counts.added++;
    } else if (same) counts.unchanged++;
    else if (!live && isLive(o.local.row)) counts.deleted++;
    else counts.updated++;
    if (o.conflict) {
      counts.conflicts++;
      conflicts.push(o.conflict);
    }
    const at = updatedAt(o.next.row);
    if (at > this.latest) this.latest = at;
    const write = !o.local || o.local.hash !== o.next.hash;
    this.insertPlanned.run(
      TABLE_ORDER.get(table.name),
      live ? 1 : 0,
      this.seq++,
      table.name,
      o.key,
      write ? (stagedJson ?? JSON.stringify(o.next.row)) : null,
      o.replaces.length > 0 ? JSON.stringify(o.replaces) : null,
      o.stagedHash ?? null,
    );
  }

  /** A row the file and this project have alike: nothing to write but the base. */
  private emitUnchanged(table: TableSpec, key: string, stagedHash: string): void {
    this.tally(table.name).counts.unchanged++;
    this.insertPlanned.run(
      TABLE_ORDER.get(table.name),
      1,
      this.seq++,
      table.name,
      key,
      null,
      null,
      stagedHash,
    );
  }

  private outcome(
    table: TableSpec,
    key: string,
    next: Version,
    local: Version | undefined,
    replaces: string[],
    stagedHash: string | undefined,
    source: Side,
    conflict: ConflictInfo | null,
  ): Outcome {
    return { table, key, next, local, replaces, stagedHash, source, conflict };
  }

  private conflictInfo(
    table: TableSpec,
    key: string,
    kept: Side,
    ours: FileRow,
    theirs: FileRow,
  ): ConflictInfo {
    const fields = columns(table).filter(
      (c) => c !== 'updated_at' && JSON.stringify(ours[c] ?? null) !== JSON.stringify(theirs[c] ?? null),
    );
    return {
      table: table.name,
      key,
      label: describeRow(table.name, kept === 'ours' ? ours : theirs),
      kept,
      ours,
      theirs,
      fields,
    };
  }

  /** Live documents with the same text become one (see the header). */
  private unifyDocuments(table: TableSpec): void {
    const byKey = this.tableOutcomes('documents');
    const hashes = new Set<string>();
    for (const o of byKey.values()) if (isLive(o.next.row)) hashes.add(String(o.next.row.text_sha256));
    if (hashes.size === 0) return;
    const localLive = this.db
      .prepare(
        `SELECT id FROM documents WHERE deleted_at IS NULL AND text_sha256 IN (SELECT value FROM json_each(?))`,
      )
      .pluck()
      .all(JSON.stringify([...hashes])) as string[];
    const groups = new Map<string, string[]>();
    const nextOf = (id: string): Version | undefined => byKey.get(id)?.next ?? this.local(table, id);
    for (const id of new Set([...byKey.keys(), ...localLive])) {
      const row = nextOf(id)?.row;
      if (!row || !isLive(row)) continue;
      const list = groups.get(String(row.text_sha256)) ?? [];
      list.push(id);
      groups.set(String(row.text_sha256), list);
    }
    for (const ids of groups.values()) {
      if (ids.length < 2) continue;
      ids.sort();
      const survivor = ids[0]!;
      const members = ids.map((id) => ({
        id,
        version: nextOf(id)!,
        source: byKey.get(id)?.source ?? 'ours',
      }));
      const newest = members.reduce((a, b) => (newer(a.version, b.version) === a.version ? a : b));
      const at = newest.version.row.updated_at as string;
      for (const member of members) {
        const current = byKey.get(member.id)?.local ?? this.local(table, member.id);
        const row: FileRow =
          member.id === survivor
            ? { ...newest.version.row, id: survivor, merged_into: null, deleted_at: null }
            : { ...member.version.row, merged_into: survivor, deleted_at: at, updated_at: at };
        const existing = byKey.get(member.id);
        const source: Side = member.id === survivor ? (newest.source as Side) : member.source;
        byKey.set(member.id, {
          table,
          key: member.id,
          next: version(table, row),
          local: current,
          replaces: [],
          stagedHash: existing?.stagedHash,
          source,
          conflict: existing?.conflict ?? null,
          // The text, blocks and original come from the newest version's document.
          ...(member.id === survivor ? { textFrom: newest.id } : {}),
        });
      }
      this.documentMatches.push({
        survivor,
        title: (newest.version.row.title as string | null) ?? null,
        merged: ids.slice(1),
      });
    }
  }

  /** Live tags with the same parent and name (as the project's unique index compares them) become one. */
  private unifyTags(table: TableSpec): void {
    const byKey = this.tableOutcomes('tags');
    const apart = new Set(this.options.keepTagsApart ?? []);
    const localIds = this.db.prepare(`SELECT id FROM tags`).pluck().all() as string[];
    const current = new Map<string, Version>();
    for (const id of localIds) current.set(id, byKey.get(id)?.next ?? this.local(table, id)!);
    for (const [id, o] of byKey) current.set(id, o.next);
    const fromFile = new Set(byKey.keys());
    const localSet = new Set(localIds);
    const resolveParent = (id: string | null): string | null => {
      let at = id;
      for (let hops = 0; at && hops < 64; hops++) {
        const row = current.get(at)?.row;
        if (!row || isLive(row) || typeof row.merged_into !== 'string') break;
        at = row.merged_into;
      }
      return at;
    };
    for (let round = 0; round < 64; round++) {
      let changed = false;
      // Children of merged tags move to the survivor.
      for (const [id, v] of current) {
        const parent = v.row.parent_id as string | null;
        const resolved = resolveParent(parent);
        if (resolved !== parent) {
          current.set(id, version(table, { ...v.row, parent_id: resolved }));
          changed = true;
        }
      }
      const groups = new Map<string, string[]>();
      for (const [id, v] of current) {
        if (!isLive(v.row)) continue;
        const place = `${String(v.row.parent_id ?? '')}\u0000${asciiLower(String(v.row.name))}`;
        groups.set(place, [...(groups.get(place) ?? []), id]);
      }
      for (const ids of groups.values()) {
        if (ids.length < 2) continue;
        ids.sort();
        const survivor = ids[0]!;
        if (apart.has(survivor)) {
          // Kept apart: the file's tags that are not in this project take a distinct name.
          for (const id of ids) {
            if (localSet.has(id) || !fromFile.has(id)) continue;
            const v = current.get(id)!;
            const taken = new Set(ids.map((other) => asciiLower(String(current.get(other)!.row.name))));
            let n = 2;
            let name = `${String(v.row.name)} (${this.staged.manifest.project.name})`.slice(0, 200);
            while (taken.has(asciiLower(name))) name = `${String(v.row.name)} (${n++})`;
            current.set(id, version(table, { ...v.row, name, updated_at: nowIso() }));
            changed = true;
          }
          continue;
        }
        const members = ids.map((id) => current.get(id)!);
        const newest = members.reduce((a, b) => (newer(a, b) === a ? a : b));
        const at = newest.row.updated_at as string;
        for (const id of ids) {
          const v = current.get(id)!;
          current.set(
            id,
            version(
              table,
              id === survivor
                ? { ...newest.row, id, parent_id: v.row.parent_id, merged_into: null, deleted_at: null }
                : { ...v.row, merged_into: survivor, deleted_at: at, updated_at: at },
            ),
          );
        }
        const path = this.tagPath(current, survivor);
        const existing = this.tagUnifications.find((u) => u.survivor === survivor);
        if (existing) existing.merged = [...new Set([...existing.merged, ...ids.slice(1)])];
        else this.tagUnifications.push({ survivor, path, merged: ids.slice(1) });
        changed = true;
      }
      if (!changed) break;
    }
    for (const [id, v] of current) {
      const o = byKey.get(id);
      if (o) {
        if (o.next.hash !== v.hash) byKey.set(id, { ...o, next: v });
      } else {
        const local = this.local(table, id)!;
        if (local.hash !== v.hash) {
          byKey.set(id, {
            table,
            key: id,
            next: v,
            local,
            replaces: [],
            stagedHash: undefined,
            source: 'ours',
            conflict: null,
          });
        }
      }
    }
  }

  private tagPath(current: Map<string, Version>, id: string): string {
    const names: string[] = [];
    let at: string | null = id;
    for (let hops = 0; at && hops < 64; hops++) {
      const row: FileRow | undefined = current.get(at)?.row;
      if (!row) break;
      names.unshift(String(row.name));
      at = (row.parent_id as string | null) ?? null;
    }
    return names.join(' / ');
  }

  /** After a table is planned: which of its ids now stand for another (tombstones merged into a survivor). */
  private recordSurvivors(table: TableSpec): void {
    const map = new Map<string, string>();
    const now = new Set<string>();
    for (const o of this.tableOutcomes(table.name).values()) {
      const into = o.next.row.merged_into;
      if (!isLive(o.next.row) && typeof into === 'string' && into !== o.key) {
        map.set(o.key, into);
        if (o.local?.row.merged_into !== into) now.add(o.key);
      }
    }
    this.mergedNow.set(table.name, now);
    // Local tombstones merged before this merge: the file's rows may still name them.
    const earlier = this.db
      .prepare(`SELECT id, merged_into FROM ${quoteIdent(table.name)} WHERE merged_into IS NOT NULL`)
      .all() as { id: string; merged_into: string }[];
    for (const r of earlier)
      if (!map.has(r.id) && !this.tableOutcomes(table.name).has(r.id)) map.set(r.id, r.merged_into);
    this.survivors.set(table.name, map);
  }
}

const asciiLower = (text: string) => text.replace(/[A-Z]/g, (c) => c.toLowerCase());

/** What a row is, in words ("claim “Russia sent…”"). */
export function describeRow(table: string, row: FileRow): string {
  const quote = (value: unknown, max = 80) => {
    const text = String(value ?? '')
      .replace(/\s+/g, ' ')
      .trim();
    return `“${text.length > max ? `${text.slice(0, max - 1)}…` : text}”`;
  };
  switch (table) {
    case 'documents':
      return `document ${quote(row.title ?? row.file_name)}`;
    case 'highlights':
      return `highlight ${quote(row.quote_exact)}`;
    case 'tags':
      return `tag ${quote(row.name)}`;
    case 'entities':
      return `${String(row.kind)} ${quote(row.name)}`;
    case 'claims':
      return `claim ${quote(row.statement)}`;
    case 'events':
      return `event ${quote(row.title)}`;
    case 'saved_searches':
      return `saved search ${quote(row.name)}`;
    default:
      return `link in ${table.replace(/_/g, ' ')}`;
  }
}

// ---------------------------------------------------------------------------------------------------------

function summarize(planner: Planner, staged: StagedFile): MergePlanSummary {
  const counts: Record<string, TableCounts> = {};
  const conflicts: ConflictInfo[] = [];
  let changes = planner.changesPlanned;
  // Rows made one by identity are reported as matches, not as new and deleted rows.
  const matched = new Map<string, { groups: number; keys: Set<string> }>([
    [
      'documents',
      {
        groups: planner.documentMatches.length,
        keys: new Set(planner.documentMatches.flatMap((m) => [m.survivor, ...m.merged])),
      },
    ],
    [
      'tags',
      {
        groups: planner.tagUnifications.length,
        keys: new Set(planner.tagUnifications.flatMap((u) => [u.survivor, ...u.merged])),
      },
    ],
  ]);
  for (const table of TABLES) {
    if (table.name === 'document_texts') continue;
    const identity = matched.get(table.name);
    const c: TableCounts = {
      added: 0,
      updated: 0,
      deleted: 0,
      unchanged: 0,
      conflicts: 0,
      matched: identity?.groups ?? 0,
    };
    const planned = planner.planned.get(table.name);
    if (planned) {
      for (const k of ['added', 'updated', 'deleted', 'unchanged', 'conflicts'] as const)
        c[k] += planned.counts[k];
      conflicts.push(...planned.conflicts);
    }
    for (const o of planner.tableOutcomes(table.name).values()) {
      if (o.conflict) {
        c.conflicts++;
        conflicts.push(o.conflict);
      }
      const same = o.local !== undefined && o.local.hash === o.next.hash && o.replaces.length === 0;
      if (!same) changes++;
      if (identity?.keys.has(o.key)) continue;
      const live = isLive(o.next.row);
      if (!o.local) {
        if (live) c.added++;
      } else if (same) c.unchanged++;
      else if (!live && isLive(o.local.row)) c.deleted++;
      else c.updated++;
    }
    counts[table.name] = c;
  }
  const m = staged.manifest;
  return {
    file: {
      name: staged.fileName,
      format: staged.format,
      projectId: m.project.id,
      projectName: m.project.name,
      exportedAt: m.exportedAt,
      formatVersion: m.formatVersion,
      appVersion: m.appVersion,
    },
    counts,
    conflicts,
    documentMatches: planner.documentMatches,
    tagUnifications: planner.tagUnifications,
    unsupported: staged.unsupported,
    changes,
  };
}

const optionsKey = (options: MergeOptions) => JSON.stringify([...(options.keepTagsApart ?? [])].sort());

/** The last plan of a staged file: applying it right after the preview does not plan it again. */
const plans = new WeakMap<StagedFile, { planner: Planner; project: Project; options: string } & PlanBasis>();

/** What merging the staged file would do, without changing anything. */
export function planMerge(
  project: Project,
  staged: StagedFile,
  options: MergeOptions = {},
): MergePlanSummary {
  const basis = basisOf(project);
  const planner = new Planner(project.db, staged, options);
  planner.run();
  plans.set(staged, { planner, project, ...basis, options: optionsKey(options) });
  return summarize(planner, staged);
}

/** What a plan was made against: a write to the project since (by anyone) makes it stale. */
interface PlanBasis {
  generation: number;
  /** PRAGMA data_version: changes when another connection (a CLI, another window) commits. */
  dataVersion: number;
}

const basisOf = (project: Project): PlanBasis => ({
  generation: project.generation,
  dataVersion: project.db.pragma('data_version', { simple: true }) as number,
});

/** The plan made by the preview if nothing was written since and the options are the same; else a new one. */
function currentPlan(project: Project, staged: StagedFile, options: MergeOptions): Planner & PlanBasis {
  const cached = plans.get(staged);
  if (
    cached &&
    cached.project === project &&
    cached.options === optionsKey(options) &&
    isCurrent(project, cached)
  ) {
    return Object.assign(cached.planner, { generation: cached.generation, dataVersion: cached.dataVersion });
  }
  plans.delete(staged);
  const basis = basisOf(project);
  const planner = new Planner(project.db, staged, options);
  planner.run();
  return Object.assign(planner, basis);
}

function isCurrent(project: Project, basis: PlanBasis): boolean {
  const now = basisOf(project);
  return now.generation === basis.generation && now.dataVersion === basis.dataVersion;
}

/** The project changed between planning and writing: plan again (applyMerge) and write that. */
class StalePlan extends Error {}

/** Merges the staged file in one transaction and records the report (with conflicts' other versions). */
/** The search index's kind of each table's rows (db/migrations/006-search-pairs.ts). */
const SEARCH_KINDS: Record<string, string> = {
  documents: 'document',
  highlights: 'passage',
  claims: 'claim',
  events: 'event',
  entities: 'entity',
  tags: 'tag',
};

/** The name the staging database is attached under while a merge is written. */
const STAGED = 'dossier_staged';

/**
 * The tables planned in the staging database (attached), table by table in the order of TABLES: the local
 * rows a row replaces go first (their keys name rows merged away, which no row of the plan has), then SQLite
 * writes the table's rows straight from the plan, tombstones first; then every base, in one statement.
 */
function writePlanned(
  db: Database,
  reindex: { add(kind: string, ref: string): void },
  remove: (table: TableSpec) => Statement,
): void {
  for (const table of TABLES) {
    if (IN_MEMORY.has(table.name) || table.name === 'document_texts') continue;
    const at = TABLE_ORDER.get(table.name)!;
    const replacing = db
      .prepare(`SELECT replaces FROM ${STAGED}.plan WHERE tbl_order = ? AND replaces IS NOT NULL`)
      .pluck()
      .all(at) as string[];
    for (const keys of replacing) {
      for (const oldKey of JSON.parse(keys) as string[]) remove(table).run(...keyParams(table, oldKey));
    }
    const cols = columns(table);
    const others = cols.filter((c) => !table.key.includes(c));
    // JSON columns keep their JSON text (as toStoredValues writes them); the others their SQL values.
    const value = (c: string) => `next ${table.json.includes(c) ? '->' : '->>'} '$.${c}'`;
    db.prepare(
      `INSERT INTO ${quoteIdent(table.name)} (${cols.map(quoteIdent).join(', ')})
       SELECT ${cols.map(value).join(', ')} FROM ${STAGED}.plan
       WHERE tbl_order = ? AND next IS NOT NULL ORDER BY live, seq
       ON CONFLICT (${table.key.map(quoteIdent).join(', ')}) DO UPDATE SET
       ${others.map((c) => `${quoteIdent(c)} = excluded.${quoteIdent(c)}`).join(', ')}
       WHERE ${others.map((c) => `${quoteIdent(c)} IS NOT excluded.${quoteIdent(c)}`).join(' OR ')}`,
    ).run(at);
    const kind = SEARCH_KINDS[table.name];
    if (kind) {
      const written = db
        .prepare(`SELECT key FROM ${STAGED}.plan WHERE tbl_order = ? AND next IS NOT NULL`)
        .pluck()
        .all(at) as string[];
      for (const key of written) reindex.add(kind, key);
    }
  }
  db.prepare(
    `INSERT OR REPLACE INTO exchange_base (tbl, key, hash)
     SELECT tbl, key, staged_hash FROM ${STAGED}.plan WHERE staged_hash IS NOT NULL`,
  ).run();
}

/** The texts and originals of documents new to this project, copied by SQLite from the staging database. */
function copyNewDocuments(db: Database, ids: string[]): void {
  if (ids.length === 0) return;
  const texts = TABLE_BY_NAME.get('document_texts')!;
  const cols = columns(texts);
  const value = (c: string) => `json ${texts.json.includes(c) ? '->' : '->>'} '$.${c}'`;
  const list = JSON.stringify(ids);
  db.prepare(
    `INSERT INTO document_texts (${cols.map(quoteIdent).join(', ')})
     SELECT ${cols.map(value).join(', ')} FROM ${STAGED}.rows
     WHERE tbl = 'document_texts' AND key IN (SELECT value FROM json_each(?))`,
  ).run(list);
  db.prepare(
    `INSERT INTO document_originals (document_id, bytes)
     SELECT document_id, bytes FROM ${STAGED}.originals WHERE document_id IN (SELECT value FROM json_each(?))`,
  ).run(list);
}

export function applyMerge(project: Project, staged: StagedFile, options: MergeOptions = {}): MergeReport {
  for (let attempt = 1; ; attempt++) {
    // Planned before the transaction: the plan is written to the staging database, which the project's
    // connection attaches (outside a transaction, as SQLite requires) and reads the plan from while writing.
    const planner = currentPlan(project, staged, options);
    project.db.prepare(`ATTACH DATABASE ? AS ${STAGED}`).run(staged.db.name);
    try {
      return writeMerge(project, staged, planner);
    } catch (error) {
      // Foreign keys are deferred to the commit (defer_foreign_keys), which fails if the merge would leave
      // a reference to a row that does not exist (staging's checks should have refused such a file).
      if ((error as { code?: unknown }).code === 'SQLITE_CONSTRAINT_FOREIGNKEY') {
        throw new DossierError(
          'internal',
          `Merging ${staged.fileName} would leave broken references; nothing was changed.`,
        );
      }
      if (!(error instanceof StalePlan)) throw error;
      if (attempt >= 3) {
        throw new DossierError(
          'write_failed',
          `The project kept changing while ${staged.fileName} was being merged: nothing was changed. Try again.`,
        );
      }
    } finally {
      plans.delete(staged);
      project.db.exec(`DETACH DATABASE ${STAGED}`);
    }
  }
}

function writeMerge(project: Project, staged: StagedFile, planner: Planner & PlanBasis): MergeReport {
  return project.writeBulk((db, reindex) => {
    // The transaction's snapshot starts with this read; a commit by anyone since the plan was made shows.
    db.prepare(`SELECT 1 FROM project LIMIT 1`).get();
    if (!isCurrent(project, planner)) throw new StalePlan();
    const summary = summarize(planner, staged);
    const mergeId = randomUUID();
    const mergedAt = nowIso();
    db.pragma('defer_foreign_keys = ON');
    const textChanged: string[] = [];
    const outcomes = planner.all();
    const order = new Map(TABLES.map((t, i) => [t.name, i]));
    // Table by table; within one, tombstones first, so a tag merged away leaves its name to the survivor
    // before the survivor takes it (a unique index SQLite cannot defer).
    outcomes.sort(
      (a, b) =>
        order.get(a.table.name)! - order.get(b.table.name)! ||
        Number(isLive(a.next.row)) - Number(isLive(b.next.row)),
    );
    const upserts = new Map<string, Statement>();
    const deletes = new Map<string, Statement>();
    const upsert = (table: TableSpec) => {
      let statement = upserts.get(table.name);
      if (!statement) {
        const cols = columns(table);
        const others = cols.filter((c) => !table.key.includes(c));
        statement = db.prepare(
          `INSERT INTO ${quoteIdent(table.name)} (${cols.map(quoteIdent).join(', ')})
           VALUES (${cols.map(() => '?').join(', ')})
           ON CONFLICT (${table.key.map(quoteIdent).join(', ')}) DO UPDATE SET
           ${others.map((c) => `${quoteIdent(c)} = excluded.${quoteIdent(c)}`).join(', ')}
           WHERE ${others.map((c) => `${quoteIdent(c)} IS NOT excluded.${quoteIdent(c)}`).join(' OR ')}`,
        );
        upserts.set(table.name, statement);
      }
      return statement;
    };
    const remove = (table: TableSpec) => {
      let statement = deletes.get(table.name);
      if (!statement) {
        statement = db.prepare(`DELETE FROM ${quoteIdent(table.name)} WHERE ${whereKey(table)}`);
        deletes.set(table.name, statement);
      }
      return statement;
    };
    const texts = TABLE_BY_NAME.get('document_texts')!;
    const stagedText = staged.db
      .prepare(`SELECT json FROM rows WHERE tbl = 'document_texts' AND key = ?`)
      .pluck();
    const stagedOriginal = staged.db.prepare(`SELECT bytes FROM originals WHERE document_id = ?`).pluck();
    const localText = db.prepare(`SELECT text, blocks FROM document_texts WHERE document_id = ?`);
    const putOriginal = db.prepare(
      `INSERT INTO document_originals (document_id, bytes) VALUES (?, ?)
       ON CONFLICT (document_id) DO UPDATE SET bytes = excluded.bytes`,
    );
    const copyOriginal = db.prepare(
      `INSERT OR REPLACE INTO document_originals (document_id, bytes)
       SELECT ?, bytes FROM document_originals WHERE document_id = ?`,
    );
    const setBase = db.prepare(`INSERT OR REPLACE INTO exchange_base (tbl, key, hash) VALUES (?, ?, ?)`);

    const newDocuments: string[] = [];
    for (const o of outcomes) {
      for (const oldKey of o.replaces) {
        remove(o.table).run(...keyParams(o.table, oldKey));
      }
      if (!o.local || o.local.hash !== o.next.hash) {
        upsert(o.table).run(...toStoredValues(o.table, o.next.row));
        const kind = SEARCH_KINDS[o.table.name];
        if (kind) reindex.add(kind, o.key);
      }
      if (o.stagedHash !== undefined) setBase.run(o.table.name, o.key, o.stagedHash);
      if (o.table.name !== 'documents') continue;
      // The text (and blocks, and original) of a document come with its version.
      if (!o.local && o.textFrom === undefined) {
        // A document new here: its text and original are copied in bulk below.
        newDocuments.push(o.key);
        reindex.add('document', o.key);
        continue;
      }
      const from = o.textFrom ?? o.key;
      const fromTheirs = o.source === 'theirs' || !o.local;
      const staged = fromTheirs ? (stagedText.get(from) as string | undefined) : undefined;
      // Our text is read only when something may replace it (most documents of a merge are unchanged).
      if (!staged && from === o.key) continue;
      const current = localText.get(o.key) as { text: string; blocks: string } | undefined;
      if (staged) {
        const content = JSON.parse(staged) as FileRow;
        const row = { ...content, document_id: o.key };
        const json = canonicalJson(texts, row);
        const before = current
          ? canonicalJson(texts, toFileRow(texts, { document_id: o.key, ...current }))
          : null;
        if (json !== before) {
          upsert(texts).run(...toStoredValues(texts, row));
          reindex.add('document', o.key);
          if (current && current.text !== content.text) textChanged.push(o.key);
        }
        const bytes = stagedOriginal.get(from) as Buffer | undefined;
        if (bytes) putOriginal.run(o.key, bytes);
      } else if (!current && from !== o.key) {
        // The survivor takes our own duplicate's text.
        const ours = localText.get(from) as { text: string; blocks: string } | undefined;
        if (ours) upsert(texts).run(o.key, ours.text, ours.blocks);
        reindex.add('document', o.key);
        copyOriginal.run(o.key, from);
      }
    }
    copyNewDocuments(db, newDocuments);
    writePlanned(db, reindex, remove);
    const reanchored = { moved: 0, orphaned: 0 };
    for (const id of textChanged) {
      const text =
        (db.prepare(`SELECT text FROM document_texts WHERE document_id = ?`).pluck().get(id) as string) ?? '';
      const counts = reanchorDocument(project, db, id, text, mergedAt);
      reanchored.moved += counts.moved;
      reanchored.orphaned += counts.orphaned;
    }
    // Documents written (row, text or blocks): their search entries, and their passages', which carry the
    // document's outlet, language and date, are indexed again.
    const documentIds = [...(reindex.refs.get('document') ?? [])];
    for (const id of documentIds) project.forgetContent(id);
    const passagesOf = db
      .prepare(`SELECT id FROM highlights WHERE document_id IN (SELECT value FROM json_each(?))`)
      .pluck();
    for (const id of passagesOf.all(JSON.stringify(documentIds)) as string[]) reindex.add('passage', id);
    // The clock must not go back behind what came in: an edit made after this merge must be later than the
    // versions merged, or the next exchange would take it for an older change (design.md §5).
    let latest = planner.latest;
    for (const o of outcomes) {
      const at = updatedAt(o.next.row);
      if (at > latest) latest = at;
    }
    observeTimestamp(latest || null);
    const report: MergeReport = { ...summary, mergeId, mergedAt, reanchored };
    db.prepare(
      `INSERT INTO merges (id, merged_at, file_name, source_project_id, source_project_name, report)
       VALUES (?, ?, ?, ?, ?, ?)`,
    ).run(
      mergeId,
      mergedAt,
      staged.fileName,
      staged.manifest.project.id,
      staged.manifest.project.name,
      JSON.stringify({ ...report, conflicts: report.conflicts.length }),
    );
    const keep = db.prepare(
      `INSERT INTO merge_conflicts (merge_id, tbl, key, kept, ours, theirs) VALUES (?, ?, ?, ?, ?, ?)`,
    );
    for (const c of summary.conflicts) {
      keep.run(mergeId, c.table, c.key, c.kept, JSON.stringify(c.ours), JSON.stringify(c.theirs));
    }
    return report;
  });
}
