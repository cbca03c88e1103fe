// Helpers for exchange tests: a project's whole content as comparable text, and export → stage → merge in one
// call, through the same modules the app uses.
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { SOURCES, searchTable } from '../../../electron/db/migrations/006-search-pairs';
import { rebuildSearchIndex } from '../../../electron/db/migrations/011-search-common-pairs';
import { exportProjectFile } from '../../../electron/exchange/export';
import { TABLES } from '../../../electron/exchange/format';
import { applyMerge, planMerge, type MergeOptions } from '../../../electron/exchange/merge';
import { readDossierFile } from '../../../electron/exchange/read';
import { canonicalJson, quoteIdent, toFileRow } from '../../../electron/exchange/rows';
import type { Project } from '../../../electron/project';
import { tempDir } from './temp';

/** Every exchanged row of a project, table by table in key order, as canonical JSON lines. */
export function projectContent(db: Database, options: { live?: boolean } = {}): Record<string, string[]> {
  const content: Record<string, string[]> = {};
  for (const table of TABLES) {
    const hasTombstones = 'deleted_at' in table.schema.shape;
    const rows = db
      .prepare(
        `SELECT * FROM ${quoteIdent(table.name)}${options.live && hasTombstones ? ' WHERE deleted_at IS NULL' : ''}
         ORDER BY ${table.key.map(quoteIdent).join(', ')}`,
      )
      .all() as Record<string, unknown>[];
    content[table.name] = rows.map((row) => canonicalJson(table, toFileRow(table, row)));
  }
  return content;
}

let counter = 0;

/** Exports `from` to a temporary .dossier file and returns its path. */
export async function exportTo(from: Project, options: Parameters<typeof exportProjectFile>[2] = {}) {
  const path = join(tempDir(), `export-${++counter}.dossier`);
  await exportProjectFile(from, path, { now: () => '2026-11-27T12:00:00.000Z', ...options });
  return path;
}

/** Merges a .dossier file into `into`; returns the preview and the report. */
export async function mergeFile(into: Project, path: string, options: MergeOptions = {}) {
  const staged = await readDossierFile(path);
  try {
    const preview = planMerge(into, staged, options);
    const report = applyMerge(into, staged, options);
    return { preview, report };
  } finally {
    staged.close();
  }
}

/** Exports `from` and merges the file into `into`. */
export async function mergeProjects(into: Project, from: Project, options: MergeOptions = {}) {
  return mergeFile(into, await exportTo(from), options);
}

/** What the search index holds, by kind and row: to compare with an index rebuilt from scratch. */
function indexedRows(db: Database): string[] {
  return SOURCES.flatMap(({ kind }) =>
    (
      db
        .prepare(
          `SELECT r.ref, f.title, f.body, f.meta, f.alt, f.title_pairs, f.pairs, f.facets FROM ${searchTable(kind)} f
           JOIN search_rows r ON r.id = f.rowid ORDER BY r.ref`,
        )
        .all() as Record<string, unknown>[]
    ).map((row) => `${kind} ${JSON.stringify(row)}`),
  );
}

/**
 * Differences between the search index and the index `dossier reindex` would build (rebuilt inside a
 * savepoint that is rolled back): [] when the index is exactly up to date.
 */
export function staleSearchRows(db: Database): string[] {
  const current = indexedRows(db);
  db.exec('SAVEPOINT rebuild');
  let rebuilt: string[];
  try {
    rebuildSearchIndex(db);
    rebuilt = indexedRows(db);
  } finally {
    db.exec('ROLLBACK TO rebuild');
    db.exec('RELEASE rebuild');
  }
  const now = new Set(current);
  const expected = new Set(rebuilt);
  return [
    ...rebuilt.filter((row) => !now.has(row)).map((row) => `missing: ${row}`),
    ...current.filter((row) => !expected.has(row)).map((row) => `stale: ${row}`),
  ];
}
