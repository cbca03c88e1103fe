// Two writers on one project at once (issue 9): two processes writing through the app's services, and two
// `dossier import` commands, both succeed (a write waits for the other's lock, up to the busy timeout, and
// takes its lock before reading), and nothing either wrote is lost.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Project } from '../../electron/project';
import { articleText, seedProject } from '../unit/helpers/projects';
import { faultRuns, faultTimeout, runChild } from './lib/children';
import { counts, openAndVerify, removeDir, scratchDir } from './lib/projects';

const PER_WRITER = faultRuns(100);

let dir: string;
beforeAll(() => {
  dir = scratchDir();
});
afterAll(() => removeDir(dir));

describe('two writers on one project', () => {
  it(
    `two processes each adding ${PER_WRITER} tags and tagged highlights at once`,
    async () => {
      const path = join(dir, 'shared.sqlite');
      seedProject(path, { documents: 5, highlightsPerDocument: 1 });
      const project = Project.open(path, { create: false });
      const before = counts(project);
      project.close();
      const [a, b] = await Promise.all(
        ['Alice', 'Bob'].map((label) =>
          runChild(
            'writer',
            { project: path, count: PER_WRITER, label },
            { timeoutMs: faultTimeout(300_000) },
          ),
        ),
      );
      for (const run of [a!, b!]) {
        expect(run.error, run.stderr).toBeNull();
        expect(run.done, run.stderr).toEqual({ written: PER_WRITER });
        expect(run.acks).toHaveLength(PER_WRITER);
      }
      const after = openAndVerify(path, 'two writers');
      try {
        const now = counts(after);
        expect(now.highlights - before.highlights).toBe(2 * PER_WRITER);
        expect(now.tags - before.tags).toBe(2 * PER_WRITER);
        expect(now.highlight_tags - before.highlight_tags).toBe(2 * PER_WRITER);
        for (const ack of [...a!.acks, ...b!.acks]) {
          const id = ack.split(' ')[1];
          expect(after.db.prepare(`SELECT count(*) FROM highlights WHERE id = ?`).pluck().get(id)).toBe(1);
        }
        for (const label of ['Alice', 'Bob']) {
          const notes = after.db
            .prepare(`SELECT count(*) FROM highlights WHERE note LIKE ?`)
            .pluck()
            .get(`${label} %`);
          expect(notes).toBe(PER_WRITER);
        }
      } finally {
        after.close();
      }
    },
    faultTimeout(600_000),
  );

  it(
    'two `dossier import` commands at once',
    async () => {
      const path = join(dir, 'imports.sqlite');
      seedProject(path, { documents: 1, highlightsPerDocument: 0 });
      const folders = ['a', 'b'].map((name) => {
        const folder = join(dir, `import-${name}`);
        mkdirSync(folder);
        for (let i = 0; i < 15; i++) {
          writeFileSync(
            join(folder, `${name}-${i}.md`),
            `# ${name} ${i}\n\n${articleText(name === 'a' ? i : 100 + i, 30)}\n`,
          );
        }
        return folder;
      });
      const runs = await Promise.all(
        folders.map((folder) =>
          runChild('cli', { argv: ['import', folder, '--project', path] }, { env: { DOSSIER_HOME: dir } }),
        ),
      );
      for (const run of runs)
        expect(run.done, `${run.lines.join('\n')}\n${run.stderr}`).toEqual({ status: 0 });
      const after = openAndVerify(path, 'two imports');
      try {
        expect(counts(after).documents).toBe(1 + 30);
      } finally {
        after.close();
      }
    },
    faultTimeout(300_000),
  );
});
