// Projects with something in them, made quickly (no import pipeline): news-like documents with their
// originals, highlights through the real service, a tag on some of them. And the state of a project's files,
// to prove that something did not write to them.
import { createHash } from 'node:crypto';
import { closeSync, existsSync, openSync, readFileSync, statSync, writeSync } from 'node:fs';
import Database from 'better-sqlite3';
import { insertDocument } from '../../../electron/db/documents';
import { syntheticArticle } from '../../../bench/lib/documents';
import { nowIso } from '../../../electron/db/clock';
import { Project } from '../../../electron/project';
import { createHighlight } from '../../../electron/services/highlights';
import { applyTag, createTag } from '../../../electron/services/codebook';

const WORDS =
  'minister said officials talks border energy sanctions agreement summit election protest trade grain harbour inquiry parliament treaty visit'.split(
    ' ',
  );

export function articleText(seed: number, sentences = 12): string {
  const out: string[] = [];
  for (let s = 0; s < sentences; s++) {
    const words = Array.from({ length: 9 }, (_, w) => WORDS[(seed * 7 + s * 3 + w * 5) % WORDS.length]!);
    out.push(`${words.join(' ')} number ${seed}-${s}.`);
  }
  const text = out.join(' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

const sha = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');

/** Inserts `count` documents in one write; returns their ids. */
export function addDocuments(project: Project, count: number, from = 0): string[] {
  const ids: string[] = [];
  project.write((db) => {
    for (let i = from; i < from + count; i++) {
      const text = articleText(i);
      const doc = syntheticArticle(i, text, { importedAt: nowIso() });
      insertDocument(db, doc);
      const id = doc.id;
      ids.push(id);
    }
  });
  return ids;
}

/** A project at `path` with documents, highlights (each its own write) and a tag on every third one. */
export function seedProject(
  path: string,
  options: { documents?: number; highlightsPerDocument?: number } = {},
): { documentIds: string[]; highlightIds: string[] } {
  const project = Project.open(path, { create: true });
  try {
    const documentIds = addDocuments(project, options.documents ?? 3);
    const tag = createTag(project, { name: 'Arms', parentId: null, description: '' });
    const highlightIds: string[] = [];
    for (const documentId of documentIds) {
      for (let h = 0; h < (options.highlightsPerDocument ?? 2); h++) {
        const start = h * 20;
        const highlight = createHighlight(project, {
          documentId,
          start,
          end: start + 12,
          color: 'yellow',
          note: `note ${h}`,
        });
        highlightIds.push(highlight.id);
        if (highlightIds.length % 3 === 0) {
          applyTag(project, { tagId: tag.id, highlightIds: [highlight.id], claimIds: [] });
        }
      }
    }
    return { documentIds, highlightIds };
  } finally {
    project.close();
  }
}

export function fileHash(path: string): string {
  return sha(readFileSync(path));
}

/** The bytes and modification times of a project file and its WAL, to compare before and after. */
export function projectFilesState(path: string): { db: string; dbTime: number; wal: string | null } {
  return {
    db: fileHash(path),
    dbTime: statSync(path).mtimeMs,
    wal: existsSync(`${path}-wal`) ? fileHash(`${path}-wal`) : null,
  };
}

/** Rows of each table that users' work lives in, to compare two states of a project. */
export function rowCounts(project: Project): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const table of [
    'documents',
    'document_texts',
    'document_originals',
    'highlights',
    'tags',
    'highlight_tags',
  ]) {
    counts[table] = project.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
  }
  return counts;
}

/** Writes `bytes` over the file at `position`, as a failing disk or another program might. */
export function overwrite(path: string, position: number, bytes: Buffer): void {
  const fd = openSync(path, 'r+');
  try {
    writeSync(fd, bytes, 0, bytes.length, position);
  } finally {
    closeSync(fd);
  }
}

/** The page number of a table's or an index's root page. */
export function rootPage(path: string, name: string): number {
  const db = new Database(path, { readonly: true });
  try {
    return db.prepare(`SELECT rootpage FROM sqlite_schema WHERE name = ?`).pluck().get(name) as number;
  } finally {
    db.close();
  }
}
