// One open project: its SQLite file and the one way to write to it (a transaction, refused when read-only).
import type { Database } from 'better-sqlite3';
import type { Block, ProjectInfo } from '../shared/domain';
import { DossierError } from '../shared/errors';
import { openProjectDatabase, structureProblem, withFileConnection } from './db/connection';
import { fileFingerprint, type CheckSeals } from './db/check-seals';
import { getDocumentText } from './db/documents';
import { nowIso, observeTimestamp } from './db/clock';
import { Journal } from './db/journal';
import { withBulkIndexing, type ReindexList } from './db/search-index';
import { plainWriteError } from './db/write-errors';
import type { HistoryResult, HistoryState } from '../shared/annotations';

/** Tables with an updated_at, the clock of merges. */
const CHANGING_TABLES = [
  'documents',
  'highlights',
  'tags',
  'entities',
  'claims',
  'claim_passages',
  'highlight_tags',
  'claim_tags',
  'events',
  'event_actors',
  'event_tags',
  'claim_events',
];

/** The newest updated_at of any row (the clock of merges). */
function latestChangeIn(db: Database): string | null {
  return db
    .prepare(
      `SELECT max(t) FROM (${CHANGING_TABLES.map((t) => `SELECT max(updated_at) AS t FROM ${t}`).join(' UNION ALL ')})`,
    )
    .pluck()
    .get() as string | null;
}

/** Page starts of paginated documents: a few numbers each, so many can be kept. */
const PAGE_INDEX_CACHE_SIZE = 5000;

/** Offsets where pages begin (ascending) and their page numbers. */
export interface PageIndex {
  starts: number[];
  pages: number[];
}

/** The page an offset falls on, by binary search. */
export function pageAt(index: PageIndex, offset: number): number | null {
  let low = 0;
  let high = index.starts.length - 1;
  let found = -1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if (index.starts[mid]! <= offset) {
      found = mid;
      low = mid + 1;
    } else high = mid - 1;
  }
  return found < 0 ? null : index.pages[found]!;
}

/** How many documents' texts stay in memory: the ones being read and annotated now. */
const TEXT_CACHE_SIZE = 8;

export class Project {
  /** Canonical texts change only on re-import; annotating must not re-read megabytes per highlight. */
  private readonly texts = new Map<string, { text: string; blocks: Block[] }>();
  private readonly pageIndexes = new Map<string, PageIndex | null>();
  /** Undo and redo of this session's annotation actions; none on a read-only project. */
  private readonly journal: Journal | null;
  /** Nested writes (a document's savepoint inside a batch) belong to the outermost write's action. */
  private writeDepth = 0;
  /** Counts writes that committed: a plan made at one count still holds at the same count. */
  private writes = 0;
  private nestedLabel: string | null = null;

  private constructor(
    readonly path: string,
    readonly db: Database,
    readonly readOnly: boolean,
    readonly schemaVersion: number,
    /** Whether opening checked every table's pages (false: the file was sealed as sound, check-seals.ts). */
    readonly structureChecked: boolean,
    private readonly seals: CheckSeals | undefined,
  ) {
    this.journal = readOnly ? null : new Journal(db);
    this.openedAs = seals ? fileFingerprint(path) : null;
  }

  /** The file's fingerprint once opened (check-seals.ts), when there are seals to keep. */
  private readonly openedAs: string | null;

  static open(path: string, options: { create: boolean; readOnly?: boolean; seals?: CheckSeals }): Project {
    const seal = options.seals?.sealed(path) ?? null;
    const opened = openProjectDatabase(path, { ...options, sealed: seal !== null });
    const project = new Project(
      path,
      opened.db,
      opened.readOnly,
      opened.schemaVersion,
      opened.structureChecked,
      options.seals,
    );
    project.latestAtOpen = seal ? seal.latestChange : project.latestChange();
    observeTimestamp(project.latestAtOpen);
    return project;
  }

  /** The newest updated_at when the project was opened (read, or taken from its seal). */
  private latestAtOpen: string | null = null;

  /** The newest updated_at in the project, so the clock never goes back behind it (design.md §5). */
  latestChange(): string | null {
    return latestChangeIn(this.db);
  }

  get name(): string {
    const row = this.db.prepare(`SELECT value FROM project WHERE key = 'name'`).pluck().get() as
      string | undefined;
    return row ?? 'Untitled project';
  }

  info(): ProjectInfo {
    return { path: this.path, name: this.name, readOnly: this.readOnly, schemaVersion: this.schemaVersion };
  }

  /**
   * Runs fn in one transaction: it lands whole or not at all. With an `undoLabel` ("Create claim") the
   * rows it changes become one entry of the undo history.
   */
  write<T>(fn: (db: Database) => T, undoLabel: string | null = null): T {
    if (this.readOnly)
      throw new DossierError('read_only', 'This project is open read-only; nothing was changed.');
    // IMMEDIATE: the write lock is taken at the start, so the busy timeout waits for another writer (a second
    // window, the command line) instead of failing when a read inside the write meets their commit.
    const transaction = this.db.transaction(() => {
      const outermost = this.writeDepth === 0;
      if (outermost) {
        this.journal?.begin();
        this.nestedLabel = null;
      } else if (undoLabel !== null) {
        // A labelled action inside an unlabelled write: the whole write becomes that action's entry.
        this.nestedLabel ??= undoLabel;
      }
      this.writeDepth += 1;
      try {
        const result = fn(this.db);
        if (outermost) this.journal?.record(undoLabel ?? this.nestedLabel);
        if (outermost) this.writes += 1;
        return result;
      } finally {
        this.writeDepth -= 1;
      }
    });
    try {
      return transaction.immediate();
    } catch (error) {
      throw plainWriteError(error, this.path);
    }
  }

  /**
   * A write of many rows at once (a merge): one transaction, kept out of the undo history (which ends there),
   * and its rows indexed for search in bulk at the end (search-index.ts): `write` lists what it wrote.
   */
  writeBulk<T>(write: (db: Database, reindex: ReindexList) => T): T {
    return this.write((db) => {
      const run = () => withBulkIndexing(db, (list) => write(db, list));
      return this.journal ? this.journal.unlogged(run) : run();
    });
  }

  /** Changes whenever a write commits (or may have: a failed write counts too). */
  get generation(): number {
    return this.writes;
  }

  history(): HistoryState {
    return this.journal?.state() ?? { undo: null, redo: null };
  }

  /** Reverses the last annotation action in one transaction (refused if its rows were edited since). */
  undo(): HistoryResult {
    const journal = this.requireJournal();
    try {
      return this.db.transaction(() => journal.undo(nowIso())).immediate();
    } catch (error) {
      throw plainWriteError(error, this.path);
    }
  }

  redo(): HistoryResult {
    const journal = this.requireJournal();
    try {
      return this.db.transaction(() => journal.redo(nowIso())).immediate();
    } catch (error) {
      throw plainWriteError(error, this.path);
    }
  }

  private requireJournal(): Journal {
    if (!this.journal)
      throw new DossierError('read_only', 'This project is open read-only; nothing was changed.');
    return this.journal;
  }

  /** A document's canonical text and blocks, from memory when it was used recently. */
  documentContent(id: string): { text: string; blocks: Block[] } | null {
    const cached = this.texts.get(id);
    if (cached) {
      this.texts.delete(id);
      this.texts.set(id, cached);
      return cached;
    }
    const content = getDocumentText(this.db, id);
    if (!content) return null;
    this.texts.set(id, content);
    if (this.texts.size > TEXT_CACHE_SIZE) this.texts.delete(this.texts.keys().next().value!);
    return content;
  }

  /**
   * Where each page of a paginated document (a PDF) begins, for naming the page of a passage; null for
   * documents without pages. Read from the blocks alone and kept for the session: listing claims must not
   * load every cited document's text.
   */
  pageIndex(id: string): PageIndex | null {
    const known = this.pageIndexes.get(id);
    if (known !== undefined) return known;
    // Only PDFs have pages. Reading the blocks means reading past the whole text stored before them, about
    // 0.1 ms a document: listing 5,000 claims at start-up spent half a second here on web pages.
    const paginated = this.db
      .prepare(`SELECT media_type = 'application/pdf' FROM documents WHERE id = ?`)
      .pluck()
      .get(id) as number | undefined;
    if (!paginated) {
      this.rememberPageIndex(id, null);
      return null;
    }
    const rows = this.db
      .prepare(
        `SELECT json_extract(b.value, '$.start') AS start, json_extract(b.value, '$.page') AS page
         FROM document_texts t, json_each(t.blocks) b
         WHERE t.document_id = ? AND json_extract(b.value, '$.page') IS NOT NULL ORDER BY 1`,
      )
      .all(id) as { start: number; page: number }[];
    const index =
      rows.length > 0 ? { starts: rows.map((r) => r.start), pages: rows.map((r) => r.page) } : null;
    this.rememberPageIndex(id, index);
    return index;
  }

  private rememberPageIndex(id: string, index: PageIndex | null): void {
    this.pageIndexes.set(id, index);
    if (this.pageIndexes.size > PAGE_INDEX_CACHE_SIZE)
      this.pageIndexes.delete(this.pageIndexes.keys().next().value!);
  }

  /** After a re-import the cached text is stale. */
  forgetContent(id: string): void {
    this.texts.delete(id);
    this.pageIndexes.delete(id);
  }

  /**
   * Closes the project. With seals, a project found sound is sealed as the close leaves it, so that its next
   * open need not check it page by page: one this session did not write and nothing else touched (it was
   * checked, or sealed, when opened), or one checked now. A project the check finds damaged is not sealed,
   * and its next open reports the damage.
   */
  close(): void {
    this.journal?.clear();
    if (!this.db.open) return;
    const seals = this.readOnly ? undefined : this.seals;
    let wrote = true;
    try {
      if (seals) wrote = (this.db.prepare('SELECT total_changes()').pluck().get() as number) > 0;
    } catch {
      // Then it is checked.
    }
    this.db.close();
    if (!seals) return;
    if (!wrote && fileFingerprint(this.path) === this.openedAs) {
      seals.seal(this.path, this.latestAtOpen);
      return;
    }
    // Checked through a new connection (this one's page cache could hide what another program changed), and
    // the newest change read again: a merge brings rows with a teammate's times, later than this clock's.
    const checked = withFileConnection(this.path, false, (db) =>
      structureProblem(db) === null ? { latest: latestChangeIn(db) } : null,
    );
    if (checked) seals.seal(this.path, checked.latest);
  }
}
