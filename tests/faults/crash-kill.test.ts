// kill -9 at a random moment during an import, a merge and a burst of edits (issue 9): 200 runs of each in
// CI (DOSSIER_FAULTS_SCALE=10 for the long mode). Each run copies a prepared project, starts a child process
// that does the work through the app's own services, and kills it a random time after it opened the
// project. Then the project must open as the app opens it (a crash is never mistaken for damage), SQLite's
// quick_check and foreign_key_check must be clean, an import or a merge must be wholly there or wholly
// absent, and every edit the child had acknowledged (it prints a line after each commit) must be there.
import { writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Project } from '../../electron/project';
import { exportExchangeFile } from '../../electron/services/exchange';
import { untrackedJob } from '../../electron/jobs';
import { createHighlight, updateHighlight } from '../../electron/services/highlights';
import { addDocuments, articleText, seedProject } from '../unit/helpers/projects';
import {
  cpuSeconds,
  faultRuns,
  faultTimeout,
  inPool,
  runChild,
  runSeed,
  seededRandom,
  type ChildResult,
} from './lib/children';
import { copyProject, counts, openAndVerify, removeDir, scratchDir, type Counts } from './lib/projects';

const RUNS = faultRuns(200);
const PARALLEL = 2;
const IMPORT_FILES = 20;
const seed = runSeed();
const random = seededRandom(seed);

let dir: string;
let base: string;
let importFolder: string;
let mergeFile: string;

beforeAll(async () => {
  dir = scratchDir();
  base = join(dir, 'base.sqlite');
  seedProject(base, { documents: 20, highlightsPerDocument: 2 });
  importFolder = join(dir, 'to-import');
  mkdirSync(importFolder);
  for (let i = 0; i < IMPORT_FILES; i++) {
    writeFileSync(join(importFolder, `report-${i}.txt`), `Report ${i}\n\n${articleText(1000 + i, 30)}\n`);
  }
  // A teammate's copy of the project, with work of their own: new documents and highlights, edited notes.
  const teammatePath = copyProject(base, dir, 'teammate.sqlite');
  const teammate = Project.open(teammatePath, { create: false });
  const newDocs = addDocuments(teammate, 20, 500);
  for (const documentId of newDocs) {
    createHighlight(teammate, { documentId, start: 0, end: 10, color: 'pink', note: 'theirs' });
  }
  for (const id of teammate.db.prepare(`SELECT id FROM highlights LIMIT 10`).pluck().all() as string[]) {
    updateHighlight(teammate, { id, note: 'edited by the teammate' });
  }
  mergeFile = join(dir, 'teammate.dossier');
  await exportExchangeFile(teammate, mergeFile, { format: 'dossier', originals: true }, untrackedJob());
  teammate.close();
  console.log(`crash-kill: ${RUNS} runs of each, seed ${seed} (DOSSIER_FAULTS_SEED=${seed} repeats them)`);
}, 60_000);

afterAll(() => removeDir(dir));

function countsOf(path: string): Counts {
  const project = Project.open(path, { create: false });
  try {
    return counts(project);
  } finally {
    project.close();
  }
}

interface Campaign {
  killed: number;
  finished: number;
  /** Kills that landed in the step that writes (after the mark). */
  inWrite: number;
  ms: number;
  cpu: number;
}

/**
 * Kills `RUNS` runs at random moments. With a `mark`, one run without a kill first measures how long the
 * work takes and when the write begins (the mark); then half the kills are spread over the whole work and
 * half over the write, where a kill matters most. With `windowMs`, the work goes on until the kill, which
 * comes at any moment of that window.
 */
async function campaign(
  mode: string,
  options: (project: string) => Record<string, unknown>,
  check: (project: Project, run: ChildResult, context: string) => void,
  timing: { mark: string } | { windowMs: number },
): Promise<Campaign> {
  const started = performance.now();
  const cpuStart = cpuSeconds() ?? 0;
  const mark = 'mark' in timing ? timing.mark : null;
  let delays: number[];
  if ('mark' in timing) {
    const calibrationDir = scratchDir();
    const calibration = await runChild(mode, options(copyProject(base, calibrationDir)));
    removeDir(calibrationDir);
    expect(calibration.done, calibration.stderr).not.toBeNull();
    const total = calibration.workMs;
    const markAt = calibration.markTimes[timing.mark] ?? total / 2;
    delays = Array.from({ length: RUNS }, (_, i) =>
      i % 2 === 0 ? random() * total * 1.1 : markAt + random() * (total - markAt) * 1.1,
    );
  } else {
    delays = Array.from({ length: RUNS }, () => random() * timing.windowMs);
  }
  const summary: Campaign = { killed: 0, finished: 0, inWrite: 0, ms: 0, cpu: 0 };
  await inPool(delays, PARALLEL, async (delay, index) => {
    const runDir = scratchDir();
    try {
      const project = copyProject(base, runDir);
      const run = await runChild(mode, options(project), { killAfterMs: delay });
      const context = `${mode} run ${index} (seed ${seed}, kill after ${delay.toFixed(0)} ms)`;
      if (run.killed) summary.killed += 1;
      else {
        expect(run.done, `${context}: ${run.stderr}`).not.toBeNull();
        summary.finished += 1;
      }
      if (run.killed && mark !== null && run.marksBeforeKill.includes(mark)) summary.inWrite += 1;
      const opened = openAndVerify(project, context);
      try {
        check(opened, run, context);
      } finally {
        opened.close();
      }
    } finally {
      removeDir(runDir);
    }
  });
  summary.ms = performance.now() - started;
  summary.cpu = (cpuSeconds() ?? 0) - cpuStart;
  return summary;
}

function report(name: string, c: Campaign): void {
  console.log(
    `crash-kill ${name}: ${c.killed} killed (${c.inWrite} while writing), ${c.finished} finished first, ${(c.ms / 1000).toFixed(1)} s (${c.cpu.toFixed(1)} s of CPU)`,
  );
}

describe('kill -9 at a random moment', () => {
  it(
    `during an import of ${IMPORT_FILES} files: all of it or none of it`,
    async () => {
      const before = countsOf(base);
      const result = await campaign(
        'import',
        (project) => ({ project, folder: importFolder }),
        (project, _run, context) => {
          const now = counts(project);
          const added = now.documents - before.documents;
          expect([0, IMPORT_FILES], `${context}: documents added`).toContain(added);
          // Every document whole: its text, its original and its search row.
          expect(now.document_texts, context).toBe(now.documents);
          expect(now.document_originals, context).toBe(now.documents);
          expect(now.search_rows - before.search_rows, context).toBe(added);
        },
        { mark: 'parsed' },
      );
      report('import', result);
      expect(result.killed).toBeGreaterThan(RUNS / 4);
      expect(result.inWrite).toBeGreaterThan(0);
    },
    faultTimeout(900_000),
  );

  it(
    'during a merge of a teammate’s file: all of it or none of it',
    async () => {
      const before = countsOf(base);
      const afterDir = scratchDir();
      const merged = copyProject(base, afterDir);
      const reference = await runChild('merge', { project: merged, file: mergeFile });
      expect(reference.done, reference.stderr).not.toBeNull();
      const after = countsOf(merged);
      removeDir(afterDir);
      expect(after.documents).toBe(before.documents + 20);
      const result = await campaign(
        'merge',
        (project) => ({ project, file: mergeFile }),
        (project, _run, context) => {
          const now = counts(project);
          if (now.documents === before.documents) expect(now, `${context}: nothing merged`).toEqual(before);
          else expect(now, `${context}: everything merged`).toEqual(after);
          const edited = project.db
            .prepare(`SELECT count(*) FROM highlights WHERE note = 'edited by the teammate'`)
            .pluck()
            .get();
          expect([0, 10], context).toContain(edited);
          expect(edited === 10, context).toBe(now.documents === after.documents);
        },
        { mark: 'staged' },
      );
      report('merge', result);
      expect(result.killed).toBeGreaterThan(RUNS / 4);
      expect(result.inWrite).toBeGreaterThan(0);
    },
    faultTimeout(900_000),
  );

  it(
    'during a burst of edits: every acknowledged edit is there',
    async () => {
      const result = await campaign(
        'edits',
        (project) => ({ project }),
        (project, run, context) => {
          const notes = new Map<string, number>();
          for (const ack of run.acks) {
            const [kind, id, value] = ack.split(' ') as [string, string, string | undefined];
            if (kind === 'tag') {
              expect(
                project.db.prepare(`SELECT count(*) FROM tags WHERE id = ?`).pluck().get(id),
                context,
              ).toBe(1);
            } else if (kind === 'h') {
              const row = project.db.prepare(`SELECT deleted_at FROM highlights WHERE id = ?`).get(id);
              expect(row, `${context}: acknowledged highlight ${id}`).toEqual({ deleted_at: null });
            } else if (kind === 'n') notes.set(id, Number(value));
            else if (kind === 't') {
              const tagged = project.db
                .prepare(`SELECT count(*) FROM highlight_tags WHERE highlight_id = ? AND deleted_at IS NULL`)
                .pluck()
                .get(id);
              expect(tagged, `${context}: acknowledged tag on ${id}`).toBe(1);
            }
          }
          // A note holds the last acknowledged value, or a later one whose acknowledgement the kill cut off.
          for (const [id, value] of notes) {
            const note = project.db
              .prepare(`SELECT note FROM highlights WHERE id = ?`)
              .pluck()
              .get(id) as string;
            expect(Number(note.slice(1)), `${context}: note of ${id}`).toBeGreaterThanOrEqual(value);
          }
        },
        { windowMs: 150 },
      );
      report('edits', result);
      expect(result.killed).toBe(RUNS);
    },
    faultTimeout(900_000),
  );
});
