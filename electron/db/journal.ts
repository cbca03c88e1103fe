// Undo and redo for every annotation action (issue 4), as real inverse operations on the database.
//
// Temporary triggers (they live in this connection only, never in the project file) copy each row an
// annotation table gains, changes or loses into a temporary change log, as JSON images before and after. A
// labelled write collapses its log into one history entry: per row, the image before the action and the image
// after it. Undo writes the "before" images back in one transaction, redo the "after" images. Triggers see
// every write, so no service can forget to record what it did, and an undo restores exactly what was there.
//
// Merge-readiness (design.md §5) shapes the inverse: a row an action created is not deleted on undo but
// becomes a tombstone, and every restored row gets a fresh updated_at, so a teammate who already received the
// row learns of the undo in the next exchange. Before writing, each row is checked against what the action
// left; a row changed since (another window, the CLI) makes the undo refuse rather than overwrite that work.
import type { Database, Statement } from 'better-sqlite3';
import type { HistoryArea, HistoryResult, HistoryState } from '../../shared/annotations';
import { DossierError } from '../../shared/errors';

/** The tables whose rows users change by annotating, and the part of the UI each one feeds. */
const JOURNALED: Record<string, HistoryArea[]> = {
  // A highlight's passage may support claims and carry tags: their lists and counts change with it.
  highlights: ['highlights', 'claims', 'tags'],
  highlight_tags: ['highlights', 'tags'],
  tags: ['tags', 'highlights', 'claims'],
  entities: ['entities', 'claims'],
  // Entities count the claims they made; events count their claims and list their statuses.
  claims: ['claims', 'entities', 'highlights', 'events'],
  claim_passages: ['claims', 'highlights'],
  claim_tags: ['claims', 'tags'],
  events: ['events'],
  event_actors: ['events', 'entities'],
  event_tags: ['events', 'tags'],
  claim_events: ['events', 'claims'],
};

/** Enough for a working session; the oldest actions fall off the bottom. */
const MAX_ENTRIES = 500;

type RowImage = Record<string, unknown>;

interface RowChange {
  table: string;
  key: string;
  before: RowImage | null;
  after: RowImage | null;
}

interface Entry {
  label: string;
  changes: RowChange[];
}

interface TableInfo {
  columns: string[];
  primaryKey: string[];
  hasTombstone: boolean;
  hasUpdatedAt: boolean;
  select: Statement;
  upsert: Statement;
}

const quoteId = (name: string) => `"${name.replace(/"/g, '""')}"`;

export class Journal {
  private readonly tables = new Map<string, TableInfo>();
  private readonly undoStack: Entry[] = [];
  private readonly redoStack: Entry[] = [];
  private readonly readLog: Statement;
  private readonly clearLog: Statement;
  private readonly countLog: Statement;

  /** False while a bulk write (a merge) runs: it is not an action to undo, and logging it costs a third. */
  private logging = true;

  constructor(private readonly db: Database) {
    db.function('dossier_journal_on', { deterministic: false }, () => (this.logging ? 1 : 0));
    db.exec(`CREATE TEMP TABLE IF NOT EXISTS dossier_change_log (
      seq INTEGER PRIMARY KEY, tbl TEXT NOT NULL, before TEXT, after TEXT)`);
    for (const table of Object.keys(JOURNALED)) this.install(table);
    this.readLog = db.prepare(`SELECT tbl, before, after FROM temp.dossier_change_log ORDER BY seq`);
    this.countLog = db.prepare(`SELECT count(*) FROM temp.dossier_change_log`).pluck();
    this.clearLog = db.prepare(`DELETE FROM temp.dossier_change_log`);
  }

  private install(table: string): void {
    const info = this.db.pragma(`table_info(${quoteId(table)})`) as { name: string; pk: number }[];
    const columns = info.map((c) => c.name);
    const primaryKey = info
      .filter((c) => c.pk > 0)
      .sort((a, b) => a.pk - b.pk)
      .map((c) => c.name);
    const image = (row: 'OLD.' | 'NEW.' | '') =>
      `json_object(${columns.map((c) => `'${c}', ${row}${quoteId(c)}`).join(', ')})`;
    const t = quoteId(table);
    this.db.exec(`
      CREATE TEMP TRIGGER IF NOT EXISTS journal_${table}_insert AFTER INSERT ON main.${t}
      WHEN dossier_journal_on() BEGIN
        INSERT INTO dossier_change_log (tbl, before, after) VALUES ('${table}', NULL, ${image('NEW.')});
      END;
      CREATE TEMP TRIGGER IF NOT EXISTS journal_${table}_update AFTER UPDATE ON main.${t}
      WHEN dossier_journal_on() BEGIN
        INSERT INTO dossier_change_log (tbl, before, after) VALUES ('${table}', ${image('OLD.')}, ${image('NEW.')});
      END;
      CREATE TEMP TRIGGER IF NOT EXISTS journal_${table}_delete AFTER DELETE ON main.${t}
      WHEN dossier_journal_on() BEGIN
        INSERT INTO dossier_change_log (tbl, before, after) VALUES ('${table}', ${image('OLD.')}, NULL);
      END;
    `);
    const where = primaryKey.map((c) => `${quoteId(c)} = ?`).join(' AND ');
    const others = columns.filter((c) => !primaryKey.includes(c));
    this.tables.set(table, {
      columns,
      primaryKey,
      hasTombstone: columns.includes('deleted_at'),
      hasUpdatedAt: columns.includes('updated_at'),
      select: this.db.prepare(`SELECT ${image('')} FROM ${t} WHERE ${where}`).pluck(),
      upsert: this.db.prepare(
        `INSERT INTO ${t} (${columns.map(quoteId).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})
         ON CONFLICT (${primaryKey.map(quoteId).join(', ')}) DO UPDATE SET
         ${others.map((c) => `${quoteId(c)} = excluded.${quoteId(c)}`).join(', ')}`,
      ),
    });
  }

  /**
   * Runs a bulk write without logging its rows, and ends the history there: it rewrote rows the entries
   * would restore, so undoing past it would undo work it never saw.
   */
  unlogged<T>(write: () => T): T {
    this.logging = false;
    try {
      return write();
    } finally {
      this.logging = true;
      this.clear();
    }
  }

  /** Forgets whatever the log holds; called as the outermost write of an action begins. */
  begin(): void {
    this.clearLog.run();
  }

  /**
   * Turns the log of the write that just ran into a history entry (inside its transaction). A write without a
   * label that changed annotation rows (a re-import moving highlights, later a merge) rewrites what history
   * entries would restore, so the history ends there rather than undo work it never saw.
   */
  record(label: string | null): void {
    if (label === null) {
      if (this.countLog.get() !== 0) this.clear();
      this.clearLog.run();
      return;
    }
    const rows = this.readLog.all() as { tbl: string; before: string | null; after: string | null }[];
    this.clearLog.run();
    const byRow = new Map<string, RowChange>();
    for (const row of rows) {
      const info = this.tables.get(row.tbl)!;
      const before = row.before === null ? null : (JSON.parse(row.before) as RowImage);
      const after = row.after === null ? null : (JSON.parse(row.after) as RowImage);
      const key = `${row.tbl}\u0000${JSON.stringify(info.primaryKey.map((c) => (after ?? before)![c]))}`;
      const seen = byRow.get(key);
      if (seen) seen.after = after;
      else byRow.set(key, { table: row.tbl, key, before, after });
    }
    const changes = [...byRow.values()].filter((c) => !sameRow(c.before, c.after, false));
    if (changes.length === 0) return;
    this.undoStack.push({ label, changes });
    if (this.undoStack.length > MAX_ENTRIES) this.undoStack.shift();
    this.redoStack.length = 0;
  }

  state(): HistoryState {
    return { undo: this.undoStack.at(-1)?.label ?? null, redo: this.redoStack.at(-1)?.label ?? null };
  }

  /** Writes the rows of the last action back as they were. Call inside a transaction. */
  undo(now: string): HistoryResult {
    const entry = this.undoStack.pop();
    if (!entry) return { label: null, areas: [], documentIds: [], state: this.state() };
    try {
      for (const change of [...entry.changes].reverse()) {
        this.apply(change, change.after, this.undoTarget(change, now), now, entry.label, 'undo');
      }
    } catch (error) {
      // Nothing was written (the transaction rolls back). Earlier actions may depend on this one (a claim on
      // the person created before it), so undoing them now could leave rows pointing at tombstones: the
      // history ends here instead.
      this.clearLog.run();
      this.clear();
      throw error;
    }
    this.clearLog.run();
    this.redoStack.push(entry);
    return this.result(entry);
  }

  /** Writes the rows of the last undone action back as the action left them. Call inside a transaction. */
  redo(now: string): HistoryResult {
    const entry = this.redoStack.pop();
    if (!entry) return { label: null, areas: [], documentIds: [], state: this.state() };
    try {
      for (const change of entry.changes) {
        this.apply(change, this.undoTarget(change, now), change.after, now, entry.label, 'redo');
      }
    } catch (error) {
      this.clearLog.run();
      this.clear();
      throw error;
    }
    this.clearLog.run();
    this.undoStack.push(entry);
    return this.result(entry);
  }

  /** Drops all history, as when the project is closed. */
  clear(): void {
    this.undoStack.length = 0;
    this.redoStack.length = 0;
  }

  /** What undo writes: the row before the action, or a tombstone for a row the action created. */
  private undoTarget(change: RowChange, now: string): RowImage | null {
    if (change.before) return change.before;
    if (change.after && this.tables.get(change.table)!.hasTombstone)
      return { ...change.after, deleted_at: now };
    return null;
  }

  private apply(
    change: RowChange,
    expected: RowImage | null,
    target: RowImage | null,
    now: string,
    label: string,
    verb: 'undo' | 'redo',
  ): void {
    const info = this.tables.get(change.table)!;
    const key = info.primaryKey.map((c) => (change.after ?? change.before)![c]);
    const current = info.select.get(...key) as string | undefined;
    const currentRow = current === undefined ? null : (JSON.parse(current) as RowImage);
    if (!sameRow(currentRow, expected, true)) {
      throw new DossierError(
        'conflict',
        `“${label}” cannot be ${verb === 'undo' ? 'undone' : 'redone'}: what it changed has been edited since, in another window or by the command line. Nothing was changed, and the undo history starts again from here.`,
      );
    }
    if (target === null) {
      const where = info.primaryKey.map((c) => `${quoteId(c)} = ?`).join(' AND ');
      this.db.prepare(`DELETE FROM ${quoteId(change.table)} WHERE ${where}`).run(...key);
      return;
    }
    const row = info.hasUpdatedAt ? { ...target, updated_at: now } : target;
    try {
      info.upsert.run(...info.columns.map((c) => row[c] ?? null));
    } catch (error) {
      if (error instanceof Error && 'code' in error && String(error.code).startsWith('SQLITE_CONSTRAINT')) {
        throw new DossierError(
          'conflict',
          `“${label}” cannot be ${verb === 'undo' ? 'undone' : 'redone'}: it would clash with a later change (a tag of the same name, say). Nothing was changed, and the undo history starts again from here.`,
        );
      }
      throw error;
    }
  }

  private result(entry: Entry): HistoryResult {
    const areas = new Set<HistoryArea>();
    const documentIds = new Set<string>();
    const documentOfHighlight = this.db.prepare(`SELECT document_id FROM highlights WHERE id = ?`).pluck();
    for (const change of entry.changes) {
      for (const area of JOURNALED[change.table] ?? []) areas.add(area);
      const row = change.after ?? change.before!;
      if (change.table === 'highlights') documentIds.add(String(row.document_id));
      else if ('highlight_id' in row) {
        const documentId = documentOfHighlight.get(row.highlight_id) as string | undefined;
        if (documentId) documentIds.add(documentId);
      }
    }
    return { label: entry.label, areas: [...areas], documentIds: [...documentIds], state: this.state() };
  }
}

/**
 * Whether two images hold the same row. updated_at always differs after an undo or redo; a tombstone's time is
 * the moment of the undo, so `loose` compares deleted_at only as deleted or not.
 */
function sameRow(a: RowImage | null, b: RowImage | null, loose: boolean): boolean {
  if (a === null || b === null) return a === b;
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const key of keys) {
    if (key === 'updated_at') continue;
    if (loose && key === 'deleted_at') {
      if ((a[key] === null) !== (b[key] === null)) return false;
      continue;
    }
    if (a[key] !== b[key]) return false;
  }
  return true;
}
