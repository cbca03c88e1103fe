// Projects as each earlier version of Dossier left them: the migrations up to version N run on a fresh file
// (exactly the schema that version created), then rows written with that version's columns, as much of a
// researcher's work as that version could hold: documents with their texts and originals, highlights with
// notes (1+), tags in a tree, people, claims with passages and tags (3+), events with actors, tags and claims
// (4+), saved searches (5+).
import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';
import { DOSSIER_APPLICATION_ID } from '../../../electron/db/connection';
import { MIGRATIONS } from '../../../electron/db/migrations/index';
import { registerSearchFunctions } from '../../../electron/db/search-functions';
import { articleText } from '../../unit/helpers/projects';

export interface FixtureExpectation {
  version: number;
  counts: Record<string, number>;
  /** A word of the first document, for a search after the upgrade. */
  word: string;
  firstTitle: string;
  firstNote: string;
}

const sha = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');
const T = '2024-11-08T10:00:00.000Z';

/** Writes a project at schema `version` with `documents` documents (and the rest in proportion). */
export function buildSchemaFixture(path: string, version: number, documents = 12): FixtureExpectation {
  const db = new Database(path);
  try {
    db.pragma('journal_mode = WAL');
    registerSearchFunctions(db);
    db.transaction(() => {
      for (const m of MIGRATIONS.filter((m) => m.version <= version)) m.up(db);
      db.pragma(`user_version = ${version}`);
      db.pragma(`application_id = ${DOSSIER_APPLICATION_ID}`);
      const project = db.prepare(`INSERT INTO project (key, value) VALUES (?, ?)`);
      project.run('id', '5f0c7a52-7c1b-4c47-9d59-3f1f6bbfa001');
      project.run('name', `Schema ${version}`);
      project.run('created_at', T);
      fill(db, version, documents);
    })();
    db.pragma('wal_checkpoint(TRUNCATE)');
    const counts: Record<string, number> = {};
    for (const table of tablesOf(version)) {
      counts[table] = db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
    }
    return {
      version,
      counts,
      word: 'parliament',
      firstTitle: 'Report 0',
      firstNote: 'checked against the agency report 0',
    };
  } finally {
    db.close();
  }
}

/** The tables users' work lives in, at a version. */
export function tablesOf(version: number): string[] {
  const tables = ['documents', 'document_texts', 'document_originals', 'highlights'];
  if (version >= 3)
    tables.push('tags', 'entities', 'claims', 'claim_passages', 'highlight_tags', 'claim_tags');
  if (version >= 4) tables.push('events', 'event_actors', 'event_tags', 'claim_events');
  if (version >= 5) tables.push('saved_searches');
  return tables;
}

const id = (kind: string, i: number) =>
  `${kind.padEnd(8, '0').slice(0, 8)}-0000-4000-8000-${String(i).padStart(12, '0')}`.replace(
    /[^0-9a-f-]/g,
    'a',
  );

function fill(db: Database.Database, version: number, documents: number): void {
  const doc = db.prepare(
    version >= 2
      ? `INSERT INTO documents (id, title, outlet, url, authors, published, language, evidence, file_name, media_type,
           char_count, text_sha256, original_sha256, imported_at, updated_at)
         VALUES (?, ?, 'Agency', ?, '["A. Writer"]', '2022-02-16', 'en', '{}', ?, 'text/html', ?, ?, ?, ?, ?)`
      : `INSERT INTO documents (id, title, outlet, url, authors, published, language, file_name, media_type,
           char_count, text_sha256, original_sha256, imported_at, updated_at)
         VALUES (?, ?, 'Agency', ?, '["A. Writer"]', '2022-02-16', 'en', ?, 'text/html', ?, ?, ?, ?, ?)`,
  );
  const text = db.prepare(`INSERT INTO document_texts (document_id, text, blocks) VALUES (?, ?, ?)`);
  const original = db.prepare(`INSERT INTO document_originals (document_id, bytes) VALUES (?, ?)`);
  const highlight = db.prepare(
    `INSERT INTO highlights (id, document_id, pos_start, pos_end, quote_exact, quote_prefix, quote_suffix, color,
       note, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'yellow', ?, ?, ?)`,
  );
  const highlights: string[] = [];
  for (let i = 0; i < documents; i++) {
    const body = `Report ${i}\n${articleText(i, 40)}`;
    const html = Buffer.from(`<html><body><h1>Report ${i}</h1><p>${body}</p></body></html>`);
    const docId = id('d0c', i);
    doc.run(
      docId,
      `Report ${i}`,
      `https://news.example/${i}`,
      `report-${i}.html`,
      body.length,
      sha(body),
      sha(html),
      T,
      T,
    );
    const newline = body.indexOf('\n');
    text.run(
      docId,
      body,
      JSON.stringify([
        { type: 'heading', start: 0, end: newline, level: 1 },
        { type: 'paragraph', start: newline + 1, end: body.length },
      ]),
    );
    original.run(docId, html);
    for (let h = 0; h < 3; h++) {
      const start = newline + 1 + h * 40;
      const hid = id('a1', i * 3 + h);
      highlights.push(hid);
      highlight.run(
        hid,
        docId,
        start,
        start + 20,
        body.slice(start, start + 20),
        body.slice(start - 10, start),
        body.slice(start + 20, start + 30),
        h === 0 ? `checked against the agency report ${i}` : '',
        T,
        T,
      );
    }
  }
  if (version < 3) return;
  const tag = db.prepare(
    `INSERT INTO tags (id, parent_id, name, created_at, updated_at) VALUES (?, ?, ?, ?, ?)`,
  );
  tag.run(id('7a9', 0), null, 'Military', T, T);
  tag.run(id('7a9', 1), id('7a9', 0), 'Small arms', T, T);
  const entity = db.prepare(
    `INSERT INTO entities (id, kind, name, aliases, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)`,
  );
  entity.run(id('e47', 0), 'person', 'Nicolás Maduro', '["Maduro"]', T, T);
  entity.run(id('e47', 1), 'place', 'Caracas', '[]', T, T);
  const claim = db.prepare(
    `INSERT INTO claims (id, statement, claimant_id, claim_date, status, created_at, updated_at) VALUES (?, ?, ?, '2022-02', 'disputed', ?, ?)`,
  );
  const passage = db.prepare(
    `INSERT INTO claim_passages (claim_id, highlight_id, created_at, updated_at) VALUES (?, ?, ?, ?)`,
  );
  const highlightTag = db.prepare(
    `INSERT INTO highlight_tags (highlight_id, tag_id, created_at, updated_at) VALUES (?, ?, ?, ?)`,
  );
  const claimTag = db.prepare(
    `INSERT INTO claim_tags (claim_id, tag_id, created_at, updated_at) VALUES (?, ?, ?, ?)`,
  );
  for (let i = 0; i < Math.ceil(documents / 2); i++) {
    const cid = id('c1a', i);
    claim.run(cid, `Claim ${i}: rifles were delivered`, id('e47', 0), T, T);
    passage.run(cid, highlights[i * 3]!, T, T);
    claimTag.run(cid, id('7a9', 1), T, T);
    highlightTag.run(highlights[i * 3 + 1]!, id('7a9', 0), T, T);
  }
  if (version < 4) return;
  db.prepare(
    `INSERT INTO events (id, title, date_start, place_id, created_at, updated_at) VALUES (?, ?, '2022-02-16', ?, ?, ?)`,
  ).run(id('e7e', 0), 'Delegation visits Caracas', id('e47', 1), T, T);
  db.prepare(
    `INSERT INTO event_actors (event_id, entity_id, created_at, updated_at) VALUES (?, ?, ?, ?)`,
  ).run(id('e7e', 0), id('e47', 0), T, T);
  db.prepare(`INSERT INTO event_tags (event_id, tag_id, created_at, updated_at) VALUES (?, ?, ?, ?)`).run(
    id('e7e', 0),
    id('7a9', 0),
    T,
    T,
  );
  db.prepare(
    `INSERT INTO claim_events (claim_id, event_id, relation, created_at, updated_at) VALUES (?, ?, 'supports', ?, ?)`,
  ).run(id('c1a', 0), id('e7e', 0), T, T);
  if (version < 5) return;
  db.prepare(
    `INSERT INTO saved_searches (id, name, query, created_at, updated_at) VALUES (?, ?, ?, ?, ?)`,
  ).run(id('5a5', 0), 'Arms', 'tag:military rifles', T, T);
}
