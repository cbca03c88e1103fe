// Schema 3: the codebook (hierarchical tags), entities (claimants, later actors and places), claims with their
// passages, and tags on highlights and claims (issue 4). Highlights gain orphaned_at: the moment their
// document's text changed and the passage could not be found again.
//
// Every table is merge-ready (design.md §5): UUID keys, updated_at, tombstones (deleted_at). Link tables are
// keyed by the pair they link, so the same link made on two machines is one row after a merge, and removing a
// link is a tombstone that travels. Tags and entities merged into another keep merged_into, so a teammate's
// use of the old one can follow it to the survivor.
import type { Migration } from './index';

export const annotations: Migration = {
  version: 3,
  name: 'codebook, entities, claims',
  up(db) {
    db.exec(`
      ALTER TABLE highlights ADD COLUMN orphaned_at TEXT;
      -- The Orphans view lists the few orphaned highlights among possibly hundreds of thousands.
      CREATE INDEX highlights_orphaned ON highlights (orphaned_at) WHERE orphaned_at IS NOT NULL;

      CREATE TABLE tags (
        id          TEXT PRIMARY KEY,
        parent_id   TEXT REFERENCES tags (id),
        name        TEXT NOT NULL,
        color       TEXT NOT NULL DEFAULT 'gray',
        description TEXT NOT NULL DEFAULT '',
        merged_into TEXT REFERENCES tags (id),
        created_at  TEXT NOT NULL,
        updated_at  TEXT NOT NULL,
        deleted_at  TEXT,
        CHECK (parent_id IS NULL OR parent_id <> id)
      ) STRICT;
      -- Two live siblings never share a name (case-insensitively): a tag's path names it.
      CREATE UNIQUE INDEX tags_live_sibling_name ON tags (ifnull(parent_id, ''), name COLLATE NOCASE)
        WHERE deleted_at IS NULL;
      CREATE INDEX tags_parent ON tags (parent_id);

      CREATE TABLE entities (
        id          TEXT PRIMARY KEY,
        kind        TEXT NOT NULL CHECK (kind IN ('person', 'organization', 'place')),
        name        TEXT NOT NULL,
        aliases     TEXT NOT NULL DEFAULT '[]',
        description TEXT NOT NULL DEFAULT '',
        merged_into TEXT REFERENCES entities (id),
        created_at  TEXT NOT NULL,
        updated_at  TEXT NOT NULL,
        deleted_at  TEXT
      ) STRICT;

      CREATE TABLE claims (
        id          TEXT PRIMARY KEY,
        statement   TEXT NOT NULL,
        claimant_id TEXT REFERENCES entities (id),
        claim_date  TEXT,
        status      TEXT NOT NULL DEFAULT 'unverified'
                    CHECK (status IN ('unverified', 'supported', 'disputed', 'refuted', 'unclear')),
        rationale   TEXT NOT NULL DEFAULT '',
        note        TEXT NOT NULL DEFAULT '',
        created_at  TEXT NOT NULL,
        updated_at  TEXT NOT NULL,
        deleted_at  TEXT
      ) STRICT;
      CREATE INDEX claims_claimant ON claims (claimant_id);

      CREATE TABLE claim_passages (
        claim_id     TEXT NOT NULL REFERENCES claims (id),
        highlight_id TEXT NOT NULL REFERENCES highlights (id),
        created_at   TEXT NOT NULL,
        updated_at   TEXT NOT NULL,
        deleted_at   TEXT,
        PRIMARY KEY (claim_id, highlight_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX claim_passages_highlight ON claim_passages (highlight_id);

      CREATE TABLE highlight_tags (
        highlight_id TEXT NOT NULL REFERENCES highlights (id),
        tag_id       TEXT NOT NULL REFERENCES tags (id),
        created_at   TEXT NOT NULL,
        updated_at   TEXT NOT NULL,
        deleted_at   TEXT,
        PRIMARY KEY (highlight_id, tag_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX highlight_tags_tag ON highlight_tags (tag_id);

      CREATE TABLE claim_tags (
        claim_id   TEXT NOT NULL REFERENCES claims (id),
        tag_id     TEXT NOT NULL REFERENCES tags (id),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        deleted_at TEXT,
        PRIMARY KEY (claim_id, tag_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX claim_tags_tag ON claim_tags (tag_id);
    `);
  },
};
