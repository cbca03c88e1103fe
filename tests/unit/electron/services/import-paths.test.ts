// Importing folders from disk: every file gets a result in order, duplicates (even within one batch) are
// reported rather than added, a cancel keeps what was done, and no absolute path ends up in the project.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DossierApp } from '../../../../electron/app';
import { importPaths } from '../../../../electron/services/import-paths';
import { searchProject } from '../../../../electron/services/search';
import { tempDir } from '../../helpers/temp';

function setup(fileCount: number) {
  const dir = tempDir();
  const folder = join(dir, 'Research folder');
  mkdirSync(join(folder, 'sub'), { recursive: true });
  for (let i = 0; i < fileCount; i++) {
    writeFileSync(
      join(folder, i % 2 ? 'sub' : '', `article-${String(i).padStart(3, '0')}.txt`),
      `Headline number ${i} about Caracas\n\nThe body of article ${i} says something specific about ${i}.`,
    );
  }
  const app = new DossierApp({ projectPath: join(dir, 'p.sqlite'), env: { DOSSIER_HOME: dir } });
  return { dir, folder, app };
}

describe('importPaths', () => {
  it('imports a folder in batches and reports every file, duplicates and failures included', async () => {
    const { folder, app } = setup(250);
    writeFileSync(
      join(folder, 'copy.txt'),
      'Headline number 0 about Caracas\n\nThe body of article 0 says something specific about 0.',
    );
    writeFileSync(join(folder, 'empty.txt'), '');
    const seen: number[] = [];
    const { results, cancelled } = await importPaths(app.project, [folder], app.importLimits(), {
      onProgress: (p) => seen.push(p.done),
    });
    expect(cancelled).toBe(false);
    expect(results).toHaveLength(252);
    expect(results.filter((r) => r.status === 'imported')).toHaveLength(250);
    const duplicate = results.find((r) => r.fileName === 'copy.txt');
    expect(duplicate?.status).toBe('duplicate');
    expect(results.find((r) => r.fileName === 'empty.txt')).toMatchObject({
      status: 'failed',
      reason: 'The file is empty',
    });
    expect(seen.at(-1)).toBe(252);
    expect(app.project.db.prepare(`SELECT count(*) FROM documents`).pluck().get()).toBe(250);
    app.close();
  });

  it('stores no absolute path, only file names', async () => {
    const { dir, folder, app } = setup(3);
    await importPaths(app.project, [folder], app.importLimits());
    const rows = app.project.db.prepare(`SELECT * FROM documents`).all() as Record<string, unknown>[];
    expect(rows).toHaveLength(3);
    for (const row of rows) {
      for (const value of Object.values(row)) {
        if (typeof value === 'string') expect(value).not.toContain(dir);
      }
    }
    expect(rows.map((r) => r.file_name).sort()).toEqual([
      'article-000.txt',
      'article-001.txt',
      'article-002.txt',
    ]);
    app.close();
  });

  it('a cancel stops before the next files and keeps everything imported before it', async () => {
    const { folder, app } = setup(300);
    const controller = new AbortController();
    const { results, cancelled } = await importPaths(app.project, [folder], app.importLimits(), {
      signal: controller.signal,
      onProgress: (p) => {
        if (p.done === 10) controller.abort();
      },
    });
    expect(cancelled).toBe(true);
    const imported = results.filter((r) => r.status === 'imported').length;
    expect(imported).toBeGreaterThanOrEqual(10);
    expect(imported).toBeLessThan(300);
    expect(app.project.db.prepare(`SELECT count(*) FROM documents`).pluck().get()).toBe(imported);
    app.close();
  });

  it('makes every stored document searchable with its batch, and none that failed', async () => {
    const { folder, app } = setup(150);
    // One document of the first batch fails as it is stored (as a full disk would fail one statement).
    app.project.db.exec(`CREATE TEMP TRIGGER fail_one BEFORE INSERT ON documents
      WHEN NEW.file_name = 'article-042.txt' BEGIN SELECT RAISE(ABORT, 'no room'); END`);
    const { results } = await importPaths(app.project, [folder], app.importLimits());
    expect(results.find((r) => r.fileName === 'article-042.txt')).toMatchObject({ status: 'failed' });
    const find = (query: string) =>
      searchProject(app.project, { query, limit: 20, prefixLast: false, kinds: ['document'] }).results.map(
        (r) => r.title,
      );
    // From both batches, by a word and by a phrase.
    for (const i of [0, 41, 43, 99, 100, 149]) {
      expect(find(`"specific about ${i}"`)).toEqual([`Headline number ${i} about Caracas`]);
    }
    expect(find('"specific about 42"')).toEqual([]);
    expect(find('caracas').length).toBe(20);
    const indexed = app.project.db
      .prepare(`SELECT count(*) FROM search_rows WHERE kind = 'document'`)
      .pluck()
      .get();
    expect(indexed).toBe(149);
    app.close();
  });
});
