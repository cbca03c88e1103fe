// Schema 8: what exchanging project files with teammates needs (issue 8).
// - documents.merged_into: the same article imported on two machines (different ids, the same canonical
//   text) becomes one document; the other id stays as a tombstone pointing at it, so rows that still name it
//   (in this project, or in a teammate's next file) find their document.
// - exchange_base: for every row that came through an exchange, the hash of the version both sides then had.
//   A row whose hash still matches was not changed here since; a row changed on both sides since is a
//   conflict. Without it every difference would be a conflict.
// - merges and merge_conflicts: the report of each merge and the versions a conflict did not keep, so the
//   user can look at them later and take the other one.
import type { Migration } from './index';

export const exchange: Migration = {
  version: 8,
  name: 'project exchange',
  up(db) {
    db.exec(`
      ALTER TABLE documents ADD COLUMN merged_into TEXT REFERENCES documents (id);

      CREATE TABLE exchange_base (
        tbl  TEXT NOT NULL,
        key  TEXT NOT NULL,
        hash TEXT NOT NULL,
        PRIMARY KEY (tbl, key)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE merges (
        id                  TEXT PRIMARY KEY,
        merged_at           TEXT NOT NULL,
        file_name           TEXT NOT NULL,
        source_project_id   TEXT NOT NULL,
        source_project_name TEXT NOT NULL,
        report              TEXT NOT NULL
      ) STRICT;

      CREATE TABLE merge_conflicts (
        merge_id    TEXT NOT NULL REFERENCES merges (id),
        tbl         TEXT NOT NULL,
        key         TEXT NOT NULL,
        kept        TEXT NOT NULL CHECK (kept IN ('ours', 'theirs')),
        ours        TEXT NOT NULL,
        theirs      TEXT NOT NULL,
        resolved_at TEXT,
        PRIMARY KEY (merge_id, tbl, key)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX merge_conflicts_open ON merge_conflicts (tbl, key) WHERE resolved_at IS NULL;
    `);
  },
};
