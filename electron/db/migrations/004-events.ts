// Schema 4: events on a chronology (issue 5). An event has a title, a date or a range of partial dates, an
// optional place and actors (entities), tags, and claims linked to it with a relation (supports, contradicts,
// mentions). Merge-ready like schema 3: UUIDs, updated_at, tombstones; link tables keyed by their pair.
import type { Migration } from './index';

export const events: Migration = {
  version: 4,
  name: 'events and claim links',
  up(db) {
    db.exec(`
      CREATE TABLE events (
        id          TEXT PRIMARY KEY,
        title       TEXT NOT NULL,
        date_start  TEXT NOT NULL,
        date_end    TEXT,
        place_id    TEXT REFERENCES entities (id),
        description TEXT NOT NULL DEFAULT '',
        created_at  TEXT NOT NULL,
        updated_at  TEXT NOT NULL,
        deleted_at  TEXT
      ) STRICT;

      CREATE TABLE event_actors (
        event_id   TEXT NOT NULL REFERENCES events (id),
        entity_id  TEXT NOT NULL REFERENCES entities (id),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        deleted_at TEXT,
        PRIMARY KEY (event_id, entity_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX event_actors_entity ON event_actors (entity_id);

      CREATE TABLE event_tags (
        event_id   TEXT NOT NULL REFERENCES events (id),
        tag_id     TEXT NOT NULL REFERENCES tags (id),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        deleted_at TEXT,
        PRIMARY KEY (event_id, tag_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX event_tags_tag ON event_tags (tag_id);

      CREATE TABLE claim_events (
        claim_id   TEXT NOT NULL REFERENCES claims (id),
        event_id   TEXT NOT NULL REFERENCES events (id),
        relation   TEXT NOT NULL CHECK (relation IN ('supports', 'contradicts', 'mentions')),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        deleted_at TEXT,
        PRIMARY KEY (claim_id, event_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX claim_events_event ON claim_events (event_id);
    `);
  },
};
