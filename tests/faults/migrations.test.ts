// Upgrades (issue 9): a project from every earlier schema version opens in this version with all of its
// data, a backup of it as it was is made first, and a kill -9 during an upgrade leaves the old version or the
// new one, never a mixture (30 runs in CI, DOSSIER_FAULTS_SCALE=10 for the long mode).
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LATEST_SCHEMA_VERSION } from '../../electron/db/migrations/index';
import { listBackups } from '../../electron/db/backup-files';
import { Project } from '../../electron/project';
import { searchProject } from '../../electron/services/search';
import { parseInput } from '../../shared/contract';
import { buildSchemaFixture, tablesOf } from './lib/schema-fixtures';
import { cpuSeconds, faultRuns, faultTimeout, inPool, runChild, runSeed, seededRandom } from './lib/children';
import { copyProject, removeDir, scratchDir } from './lib/projects';

const KILL_RUNS = faultRuns(30);
const seed = runSeed();
const random = seededRandom(seed);

let dir: string;
beforeAll(() => {
  dir = scratchDir();
});
afterAll(() => removeDir(dir));

function countTables(db: Database.Database, tables: string[]): Record<string, number> {
  return Object.fromEntries(
    tables.map((t) => [t, db.prepare(`SELECT count(*) FROM ${t}`).pluck().get() as number]),
  );
}

function schemaNames(db: Database.Database): string[] {
  return db.prepare(`SELECT type || ' ' || name FROM sqlite_schema ORDER BY 1`).pluck().all() as string[];
}

describe('projects of every earlier schema version', () => {
  for (let version = 1; version < LATEST_SCHEMA_VERSION; version++) {
    it(`schema ${version}: upgraded with everything in it, and backed up first`, () => {
      const path = join(dir, `v${version}.sqlite`);
      const expected = buildSchemaFixture(path, version);
      const project = Project.open(path, { create: false });
      try {
        expect(project.schemaVersion).toBe(LATEST_SCHEMA_VERSION);
        const db = project.db;
        expect(countTables(db, tablesOf(version))).toEqual(expected.counts);
        expect(db.pragma('quick_check', { simple: true })).toBe('ok');
        expect(db.pragma('foreign_key_check')).toEqual([]);
        expect(db.prepare(`SELECT title FROM documents ORDER BY id LIMIT 1`).pluck().get()).toBe(
          expected.firstTitle,
        );
        expect(
          db.prepare(`SELECT count(*) FROM highlights WHERE note = ?`).pluck().get(expected.firstNote),
        ).toBe(1);
        // The search index holds what the old version had, whichever version built it.
        const found = searchProject(
          project,
          parseInput('search.query', { query: expected.word, limit: 100 }),
        );
        expect(found.results.filter((r) => r.kind === 'document').length).toBeGreaterThan(0);
        if (version >= 3) {
          const claims = searchProject(project, parseInput('search.query', { query: 'rifles delivered' }));
          expect(claims.results.some((r) => r.kind === 'claim')).toBe(true);
        }
      } finally {
        project.close();
      }
      // The copy made before the upgrade is the project as it was.
      const [backup, ...others] = listBackups(path);
      expect(others).toEqual([]);
      expect(backup!.reason).toBe('before-upgrade');
      const old = new Database(backup!.path, { readonly: true });
      try {
        expect(old.pragma('user_version', { simple: true })).toBe(version);
        expect(countTables(old, tablesOf(version))).toEqual(expected.counts);
        expect(old.pragma('journal_mode', { simple: true })).toBe('delete');
      } finally {
        old.close();
      }
    });
  }
});

describe('kill -9 during an upgrade', () => {
  it(
    `leaves the old version or the new one, never a mixture (${KILL_RUNS} runs)`,
    async () => {
      const started = performance.now();
      const cpuStart = cpuSeconds() ?? 0;
      const fixture = join(dir, 'large-v4.sqlite');
      // Version 4: the upgrade builds the search index over every text, the longest step of all.
      const expected = buildSchemaFixture(fixture, 4, 150);
      const tables = tablesOf(4);
      const oldDb = new Database(fixture, { readonly: true });
      const oldSchema = schemaNames(oldDb);
      oldDb.close();
      const referenceDir = scratchDir();
      const reference = copyProject(fixture, referenceDir);
      const calibration = await runChild('open', { project: reference });
      expect(calibration.done, calibration.stderr).not.toBeNull();
      const newDb = new Database(reference, { readonly: true });
      const newSchema = schemaNames(newDb);
      newDb.close();
      removeDir(referenceDir);
      console.log(`migration kill: an upgrade takes ${calibration.workMs.toFixed(0)} ms here; seed ${seed}`);
      let killedOld = 0;
      let killedNew = 0;
      await inPool(
        Array.from({ length: KILL_RUNS }, (_, i) => i),
        2,
        async (index) => {
          const runDir = scratchDir();
          try {
            const path = copyProject(fixture, runDir);
            const delay = random() * calibration.workMs * 1.1;
            const run = await runChild('open', { project: path }, { killAfterMs: delay });
            const context = `migration run ${index} (seed ${seed}, kill after ${delay.toFixed(0)} ms)`;
            // As SQLite recovers it, before the app touches it.
            const db = new Database(path, { readonly: true });
            try {
              const version = db.pragma('user_version', { simple: true });
              expect([4, LATEST_SCHEMA_VERSION], context).toContain(version);
              expect(schemaNames(db), context).toEqual(version === 4 ? oldSchema : newSchema);
              expect(db.pragma('quick_check', { simple: true }), context).toBe('ok');
              expect(countTables(db, tables), context).toEqual(expected.counts);
              if (run.killed && version === 4) killedOld += 1;
              if (run.killed && version !== 4) killedNew += 1;
            } finally {
              db.close();
            }
            // Every backup the upgrade left is whole, and the project as it was.
            for (const backup of listBackups(path)) {
              const copy = new Database(backup.path, { readonly: true });
              expect(copy.pragma('user_version', { simple: true }), context).toBe(4);
              expect(copy.pragma('quick_check', { simple: true }), context).toBe('ok');
              copy.close();
            }
            // And the app opens it, upgrading it now if the kill came first.
            const project = Project.open(path, { create: false });
            expect(countTables(project.db, tables), context).toEqual(expected.counts);
            project.close();
          } finally {
            removeDir(runDir);
          }
        },
      );
      console.log(
        `migration kill: ${KILL_RUNS} runs, ${killedOld} killed before the upgrade committed, ${killedNew} after, ${((performance.now() - started) / 1000).toFixed(1)} s (${((cpuSeconds() ?? 0) - cpuStart).toFixed(1)} s of CPU)`,
      );
      expect(killedOld).toBeGreaterThan(KILL_RUNS / 5);
    },
    faultTimeout(600_000),
  );
});
