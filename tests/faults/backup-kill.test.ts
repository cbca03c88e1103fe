// kill -9 during a backup (issue 9): the backups made before are intact, a backup that is there under its
// name is whole, and the temporary file the killed one left is cleared by the next backup (20 runs in CI).
import { createHash } from 'node:crypto';
import { cpSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listBackups } from '../../electron/db/backup-files';
import { Project } from '../../electron/project';
import { backupProject } from '../../electron/services/backup';
import { addDocuments, seedProject } from '../unit/helpers/projects';
import { faultRuns, faultTimeout, inPool, runChild, runSeed, seededRandom } from './lib/children';
import { copyProject, removeDir, scratchDir } from './lib/projects';

const RUNS = faultRuns(20);
const seed = runSeed();
const random = seededRandom(seed);

let dir: string;
let fixture: string;
beforeAll(async () => {
  dir = scratchDir();
  fixture = join(dir, 'fixture.sqlite');
  seedProject(fixture, { documents: 10, highlightsPerDocument: 1 });
  // Large enough that the online backup takes several steps.
  const project = Project.open(fixture, { create: false });
  for (let i = 0; i < 4; i++) addDocuments(project, 100, 1000 + i * 100);
  await backupProject(project, 'manual');
  project.close();
});
afterAll(() => removeDir(dir));

const hash = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

describe('kill -9 during a backup', () => {
  it(
    `leaves the earlier backups intact (${RUNS} runs)`,
    async () => {
      // The fastest of three: one slowed by other tests running beside it would put most kills after the
      // backup's end, and the runs would test nothing.
      const calibration = { workMs: Infinity };
      for (let i = 0; i < 3; i++) {
        const calibrationDir = scratchDir();
        const run = await runChild('backup', { project: copyProject(fixture, calibrationDir) });
        removeDir(calibrationDir);
        expect(run.done, run.stderr).not.toBeNull();
        calibration.workMs = Math.min(calibration.workMs, run.workMs);
      }
      let killed = 0;
      await inPool(
        Array.from({ length: RUNS }, (_, i) => i),
        2,
        async (index) => {
          const runDir = scratchDir();
          try {
            const path = copyProject(fixture, runDir);
            cpSync(`${fixture}.backups`, `${path}.backups`, { recursive: true });
            const [earlier] = listBackups(path);
            const earlierHash = hash(earlier!.path);
            const delay = random() * calibration.workMs * 1.1;
            const run = await runChild('backup', { project: path }, { killAfterMs: delay });
            const context = `backup run ${index} (seed ${seed}, kill after ${delay.toFixed(0)} ms)`;
            if (run.killed) killed += 1;
            const backups = listBackups(path);
            expect(
              backups.map((b) => b.fileName),
              context,
            ).toContain(earlier!.fileName);
            expect(hash(earlier!.path), context).toBe(earlierHash);
            for (const backup of backups) {
              const db = new Database(backup.path, { readonly: true });
              expect(db.pragma('quick_check', { simple: true }), context).toBe('ok');
              expect(db.prepare(`SELECT count(*) FROM documents`).pluck().get(), context).toBe(410);
              db.close();
            }
            // The next backup clears what the killed one left.
            const project = Project.open(path, { create: false });
            await backupProject(project, 'manual');
            project.close();
            expect(
              readdirSync(`${path}.backups`).filter((f) => f.startsWith('.')),
              context,
            ).toEqual([]);
          } finally {
            removeDir(runDir);
          }
        },
      );
      console.log(`backup kill: ${RUNS} runs, ${killed} killed while backing up (seed ${seed})`);
      expect(killed).toBeGreaterThan(RUNS / 3);
    },
    faultTimeout(600_000),
  );
});
