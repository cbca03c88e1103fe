// Schema 1: projects, documents (metadata, canonical text + blocks, original bytes) and highlights.
// Text and originals live in their own tables so that listing thousands of documents never reads them.
import type { Migration } from './index';

export const initial: Migration = {
  version: 1,
  name: 'documents and highlights',
  up(db) {
    db.exec(`
      CREATE TABLE project (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT;

      CREATE TABLE documents (
        id              TEXT PRIMARY KEY,
        title           TEXT NOT NULL,
        outlet          TEXT,
        url             TEXT,
        authors         TEXT NOT NULL DEFAULT '[]',
        published       TEXT,
        language        TEXT,
        file_name       TEXT NOT NULL,
        media_type      TEXT NOT NULL,
        char_count      INTEGER NOT NULL,
        text_sha256     TEXT NOT NULL,
        original_sha256 TEXT NOT NULL,
        imported_at     TEXT NOT NULL,
        updated_at      TEXT NOT NULL,
        deleted_at      TEXT
      ) STRICT;
      CREATE INDEX documents_text_sha256 ON documents (text_sha256);
      CREATE INDEX documents_original_sha256 ON documents (original_sha256);

      CREATE TABLE document_texts (
        document_id TEXT PRIMARY KEY REFERENCES documents (id) ON DELETE CASCADE,
        text        TEXT NOT NULL,
        blocks      TEXT NOT NULL
      ) STRICT;

      CREATE TABLE document_originals (
        document_id TEXT PRIMARY KEY REFERENCES documents (id) ON DELETE CASCADE,
        bytes       BLOB NOT NULL
      ) STRICT;

      CREATE TABLE highlights (
        id           TEXT PRIMARY KEY,
        document_id  TEXT NOT NULL REFERENCES documents (id),
        pos_start    INTEGER NOT NULL,
        pos_end      INTEGER NOT NULL,
        quote_exact  TEXT NOT NULL,
        quote_prefix TEXT NOT NULL,
        quote_suffix TEXT NOT NULL,
        color        TEXT NOT NULL,
        note         TEXT NOT NULL DEFAULT '',
        created_at   TEXT NOT NULL,
        updated_at   TEXT NOT NULL,
        deleted_at   TEXT,
        CHECK (pos_end > pos_start)
      ) STRICT;
      CREATE INDEX highlights_document ON highlights (document_id, pos_start);
    `);
  },
};
