// Generated projects for the benches: news-like documents with their originals, highlights (a fifth of them
// tagged), claims on some and events for some claims, all from one seeded random sequence so that two runs
// measure the same data. bench/exchange.ts builds its two teammates' projects with it, bench/open.ts the
// projects it opens.
import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { insertDocument } from '../../electron/db/documents';
import { Project } from '../../electron/project';
import { syntheticArticle } from './documents';
import { prng } from './random';

const WORDS =
  'government minister said officials talks border energy sanctions agreement summit election protest trade grain harbour inquiry parliament factory delegation ceasefire treaty visit report press statement security cooperation region capital'.split(
    ' ',
  );

export interface ProjectGenerator {
  /** A version-4 UUID from the seeded sequence. */
  uuid(): string;
  /** 12–24 sentences of news-like words. */
  article(): string;
  /**
   * Documents `from`…`from + count - 1` with `perDoc` highlights each (a fifth tagged with one of `tags`), a
   * claim on every second document's first highlight and an event linked to every twentieth's. Returns the
   * documents' ids. The caller owns the transaction.
   */
  fill(db: Database, from: number, count: number, at: string, tags: string[], perDoc: number): string[];
}

export function projectGenerator(seed: number): ProjectGenerator {
  const random = prng(seed);
  const int = (n: number) => Math.floor(random() * n);

  function uuid(): string {
    const hex = Array.from({ length: 32 }, () => int(16).toString(16));
    hex[12] = '4';
    hex[16] = (8 + int(4)).toString(16);
    const s = hex.join('');
    return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
  }

  function article(): string {
    const sentences = Array.from({ length: 12 + int(12) }, () => {
      const words = Array.from({ length: 8 + int(12) }, () => WORDS[int(WORDS.length)]!);
      words[0] = words[0]![0]!.toUpperCase() + words[0]!.slice(1);
      return `${words.join(' ')}.`;
    });
    return sentences.join(' ');
  }

  function fill(
    db: Database,
    from: number,
    count: number,
    at: string,
    tags: string[],
    perDoc: number,
  ): string[] {
    const highlight = db.prepare(
      `INSERT INTO highlights (id, document_id, pos_start, pos_end, quote_exact, quote_prefix, quote_suffix, color,
         note, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'yellow', ?, ?, ?)`,
    );
    const tag = db.prepare(
      `INSERT INTO highlight_tags (highlight_id, tag_id, created_at, updated_at) VALUES (?, ?, ?, ?)`,
    );
    const claim = db.prepare(
      `INSERT INTO claims (id, statement, status, created_at, updated_at) VALUES (?, ?, 'unverified', ?, ?)`,
    );
    const passage = db.prepare(
      `INSERT INTO claim_passages (claim_id, highlight_id, created_at, updated_at) VALUES (?, ?, ?, ?)`,
    );
    const event = db.prepare(
      `INSERT INTO events (id, title, date_start, created_at, updated_at) VALUES (?, ?, '2022-02', ?, ?)`,
    );
    const link = db.prepare(
      `INSERT INTO claim_events (claim_id, event_id, relation, created_at, updated_at) VALUES (?, ?, 'supports', ?, ?)`,
    );
    const documentIds: string[] = [];
    for (let i = from; i < from + count; i++) {
      const text = article();
      const doc = syntheticArticle(i, text, {
        id: uuid(),
        title: `Article ${i}: ${text.slice(0, 60)}`,
        outlet: ['Reuters', 'TASS', 'Báo Thanh niên', 'NRC'][i % 4]!,
        published: `20${10 + (i % 15)}-0${1 + (i % 9)}-1${i % 10}`,
        importedAt: at,
      });
      insertDocument(db, doc);
      const id = doc.id;
      documentIds.push(id);
      for (let h = 0; h < perDoc; h++) {
        const start = int(text.length - 60);
        const end = start + 10 + int(40);
        const hid = uuid();
        highlight.run(
          hid,
          id,
          start,
          end,
          text.slice(start, end),
          text.slice(Math.max(0, start - 32), start),
          text.slice(end, end + 32),
          h % 3 === 0 ? 'checked against the agency report' : '',
          at,
          at,
        );
        if (h % 5 === 0) tag.run(hid, tags[int(tags.length)]!, at, at);
        if (h === 0 && i % 2 === 0) {
          const cid = uuid();
          claim.run(cid, `Claim ${i}: ${text.slice(start, end)}`, at, at);
          passage.run(cid, hid, at, at);
          if (i % 20 === 0) {
            const eid = uuid();
            event.run(eid, `Event ${i}`, at, at);
            link.run(cid, eid, at, at);
          }
        }
      }
    }
    return documentIds;
  }

  return { uuid, article, fill };
}

/** 200 tags, 20 at the top and the rest beneath them. The caller owns the transaction. */
export function insertTags(db: Database, at: string): string[] {
  const insertTag = db.prepare(
    `INSERT INTO tags (id, parent_id, name, created_at, updated_at) VALUES (?, ?, ?, ?, ?)`,
  );
  const tags: string[] = [];
  for (let t = 0; t < 200; t++) {
    const id = randomUUID();
    insertTag.run(id, t >= 20 ? tags[t % 20]! : null, `Tag ${t}`, at, at);
    tags.push(id);
  }
  return tags;
}

/**
 * A project of `documents` documents with `perDoc` highlights each (and the claims, events and tags fill()
 * adds), written in transactions of 1,000 documents and checkpointed, as a researcher's project would be.
 * Returns the documents' ids.
 */
export function generateProject(path: string, documents: number, perDoc: number, seed = 88): string[] {
  const generator = projectGenerator(seed);
  const project = Project.open(path, { create: true });
  try {
    const at = new Date().toISOString();
    const tags = project.write((db) => insertTags(db, at));
    const ids: string[] = [];
    for (let from = 0; from < documents; from += 1000) {
      const count = Math.min(1000, documents - from);
      ids.push(...project.write((db) => generator.fill(db, from, count, at, tags, perDoc)));
    }
    project.db.pragma('wal_checkpoint(TRUNCATE)');
    return ids;
  } finally {
    project.close();
  }
}
