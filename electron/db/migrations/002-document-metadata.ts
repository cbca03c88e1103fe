// Schema 2: honest metadata (issue 3). A title may now be unknown (NULL) instead of standing in with the file
// name, and every metadata value records where it came from (`evidence`, JSON keyed by field). SQLite cannot
// drop a NOT NULL constraint, so the documents table is rebuilt; the runner turns foreign keys off around the
// migration so that dropping the old table does not cascade into texts, originals and highlights.
import type { Migration } from './index';

export const documentMetadata: Migration = {
  version: 2,
  name: 'metadata evidence, unknown titles',
  up(db) {
    db.exec(`
      CREATE TABLE documents_v2 (
        id              TEXT PRIMARY KEY,
        title           TEXT,
        outlet          TEXT,
        url             TEXT,
        authors         TEXT NOT NULL DEFAULT '[]',
        published       TEXT,
        language        TEXT,
        evidence        TEXT NOT NULL DEFAULT '{}',
        file_name       TEXT NOT NULL,
        media_type      TEXT NOT NULL,
        char_count      INTEGER NOT NULL,
        text_sha256     TEXT NOT NULL,
        original_sha256 TEXT NOT NULL,
        imported_at     TEXT NOT NULL,
        updated_at      TEXT NOT NULL,
        deleted_at      TEXT
      ) STRICT;
      INSERT INTO documents_v2 (id, title, outlet, url, authors, published, language, file_name, media_type,
          char_count, text_sha256, original_sha256, imported_at, updated_at, deleted_at)
        SELECT id,
          -- Schema 1 stood the file name (without its extension) in for a missing title: that is not a title.
          CASE
            WHEN title = file_name THEN NULL
            WHEN substr(file_name, 1, length(title) + 1) = title || '.'
              AND instr(substr(file_name, length(title) + 2), '.') = 0 THEN NULL
            ELSE title
          END,
          outlet, url, authors, published, language, file_name, media_type,
          char_count, text_sha256, original_sha256, imported_at, updated_at, deleted_at
        FROM documents;
      DROP TABLE documents;
      ALTER TABLE documents_v2 RENAME TO documents;
      CREATE INDEX documents_text_sha256 ON documents (text_sha256);
      CREATE INDEX documents_original_sha256 ON documents (original_sha256);
    `);
  },
};
