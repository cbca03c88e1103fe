// Schema 9: the search index's triggers also ask dossier_index_now(), so that a connection writing many rows
// at once (a merge of a teammate's project; later, large imports) can index them afterwards in a few set-based
// statements (electron/db/search-index.ts) instead of once per row: four times faster for passages. Every
// other write indexes as before, in the same transaction.
import type { Database } from 'better-sqlite3';
import { SOURCES, searchTriggersSql } from './006-search-pairs';
import type { Migration } from './index';

/**
 * Drops the search index's triggers and makes them again, deferrable; `plain` is the alt column's expression
 * (schema 11 gives it breaks; see 006-search-pairs.ts), schema 6's when left out.
 */
export function replaceSearchTriggers(db: Database, plain?: string): void {
  const old = db
    .prepare(`SELECT name FROM sqlite_schema WHERE type = 'trigger' AND name LIKE 'search\\_%' ESCAPE '\\'`)
    .pluck()
    .all() as string[];
  for (const name of old) db.exec(`DROP TRIGGER "${name}"`);
  for (const source of SOURCES) {
    for (const trigger of source.triggers) {
      db.exec(searchTriggersSql(source.kind, trigger, 'dossier_index_now()', plain));
    }
  }
}

export const searchBulk: Migration = {
  version: 9,
  name: 'search index triggers that can be deferred',
  up(db) {
    replaceSearchTriggers(db);
  },
};
