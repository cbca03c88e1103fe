// Indexing many rows at once. A bulk write (a merge) turns the per-row triggers off for its connection, names
// the rows it wrote, and they are indexed here in one set-based pass per kind, inside the same transaction:
// the index is never seen out of date, and a failure rolls the whole write back.
import type { Database } from 'better-sqlite3';
import { SOURCES, searchTable } from './migrations/006-search-pairs';
import { indexSearchRows } from './migrations/011-search-common-pairs';
import { setIndexDeferred } from './search-functions';

export type SearchKind = (typeof SOURCES)[number]['kind'];

/** Refs to index again, by kind: rows written, changed or deleted. */
export class ReindexList {
  readonly refs = new Map<string, Set<string>>();
  add(kind: SearchKind | string, ref: string): void {
    let set = this.refs.get(kind);
    if (!set) {
      set = new Set();
      this.refs.set(kind, set);
    }
    set.add(ref);
  }
}

/**
 * Runs `write` with per-row indexing off, then indexes what it listed. Must run inside a transaction (the
 * caller's): the index and the rows commit together.
 */
export function withBulkIndexing<T>(db: Database, write: (list: ReindexList) => T): T {
  const list = new ReindexList();
  setIndexDeferred(db, true);
  let result: T;
  try {
    result = write(list);
  } finally {
    setIndexDeferred(db, false);
  }
  reindex(db, list);
  return result;
}

/** Indexes the listed rows again: their entries go, and those still live come back. */
export function reindex(db: Database, list: ReindexList): void {
  db.exec(`CREATE TEMP TABLE IF NOT EXISTS dossier_reindex (ref TEXT PRIMARY KEY) WITHOUT ROWID`);
  const add = db.prepare(`INSERT OR IGNORE INTO temp.dossier_reindex (ref) VALUES (?)`);
  for (const source of SOURCES) {
    const refs = list.refs.get(source.kind);
    if (!refs || refs.size === 0) continue;
    db.exec(`DELETE FROM temp.dossier_reindex`);
    for (const ref of refs) add.run(ref);
    db.exec(`
      DELETE FROM ${searchTable(source.kind)} WHERE rowid IN
        (SELECT r.id FROM search_rows r WHERE r.kind = '${source.kind}'
           AND r.ref IN (SELECT ref FROM temp.dossier_reindex));
      ${indexSearchRows(source.kind, 'WHERE ref IN (SELECT ref FROM temp.dossier_reindex)')}`);
  }
  db.exec(`DELETE FROM temp.dossier_reindex`);
}
