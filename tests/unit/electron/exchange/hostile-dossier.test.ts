// Hostile .dossier files through the app's real path (exchange.preview): each is refused as import_refused with
// a message naming its problem, the open project stays byte for byte as it was, and the failed read leaves no
// staging folder behind. One file of a newer minor version is read and merged.
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DossierApp } from '../../../../electron/app';
import { directClient } from '../../../../electron/dispatch';
import { corpusApp, highlightQuote, rejection } from '../../helpers/app';
import { projectContent } from '../../helpers/exchange';
import { tempDir } from '../../helpers/temp';
import {
  HOSTILE_DOSSIER_CASES,
  baseClaimStatement,
  intactDossier,
  newerMinorVersionDossier,
} from '../../helpers/hostile-dossier';

// The staging folders are checked in a temporary folder of this file's own (os.tmpdir() follows TMPDIR), so
// the merges other test files run at the same time cannot add or remove one between the two listings.
let savedTmpdir: string | undefined;
let ownTmpdir = '';
/** A closed project with the corpus articles and a claim on a passage, copied for each test. */
let template = '';

beforeAll(async () => {
  savedTmpdir = process.env.TMPDIR;
  ownTmpdir = mkdtempSync(join(tmpdir(), 'hostile-dossier-'));
  process.env.TMPDIR = ownTmpdir;
  // Importing the corpus takes a second; a copy of the result opens in a few milliseconds.
  const { app, call, docs } = await corpusApp();
  const highlight = await highlightQuote(call, docs.get('tass-rogozin-trust.txt')!, 'Rogozin');
  await call('claims.create', {
    passage: { highlightId: highlight.id },
    statement: 'Rogozin spoke of trust',
  });
  const path = app.project.path;
  app.close();
  expect(existsSync(`${path}-wal`)).toBe(false);
  template = join(ownTmpdir, 'template.sqlite');
  copyFileSync(path, template);
});

afterAll(() => {
  if (savedTmpdir === undefined) delete process.env.TMPDIR;
  else process.env.TMPDIR = savedTmpdir;
  rmSync(ownTmpdir, { recursive: true, force: true });
});

/**
 * A project with some work in it, open in an app of its own: the corpus and a claim in the project file, and a
 * tag created since it was opened, so its write-ahead log holds work too.
 */
async function workingProject() {
  const dir = tempDir();
  const projectPath = join(dir, 'project.sqlite');
  copyFileSync(template, projectPath);
  const app = new DossierApp({ projectPath, env: { DOSSIER_HOME: dir } });
  const call = directClient(app.dispatch);
  await call('tags.createPath', { names: ['Sources', 'To check'] });
  expect(readFileSync(`${projectPath}-wal`).length).toBeGreaterThan(0);
  return { app, call };
}

const sha256 = (path: string) =>
  existsSync(path) ? createHash('sha256').update(readFileSync(path)).digest('hex') : null;

/** The project file, its write-ahead log and its content. */
function fingerprint(app: DossierApp) {
  const path = app.project.path;
  return { file: sha256(path), wal: sha256(`${path}-wal`), content: projectContent(app.project.db) };
}

const stagingFolders = () =>
  readdirSync(tmpdir())
    .filter((name) => name.startsWith('dossier-merge-'))
    .sort();

describe('a hostile .dossier file', () => {
  it('has cases with distinct names', () => {
    const names = HOSTILE_DOSSIER_CASES.map((c) => c.name);
    expect(new Set(names).size).toBe(names.length);
  });

  it.each(HOSTILE_DOSSIER_CASES)('is refused: $name', async ({ make, message }) => {
    const path = await make();
    const { app, call } = await workingProject();
    expect(tmpdir()).toBe(ownTmpdir);
    const before = fingerprint(app);
    const foldersBefore = stagingFolders();

    const error = await rejection(call('exchange.preview', { source: { path } }));
    expect(error.code).toBe('import_refused');
    expect(error.message).toMatch(message);
    expect(error.message).not.toMatch(/\n\s+at /);

    expect(fingerprint(app)).toEqual(before);
    expect(stagingFolders()).toEqual(foldersBefore);
    app.close();
  });
});

describe('a .dossier file the generator wrote', () => {
  it('is read when nothing was changed (the recomputed manifest is right)', async () => {
    const path = await intactDossier();
    const { app, call } = await workingProject();
    const preview = await call('exchange.preview', { source: { path } });
    expect(preview!.summary.counts.documents!.added).toBe(3);
    // The staged file waits in its folder until applied or discarded: the listing above does see them.
    expect(stagingFolders()).toHaveLength(1);
    await call('exchange.discard', { token: preview!.token });
    expect(stagingFolders()).toEqual([]);
    app.close();
  });

  it('is read and merged when it is of a newer minor version with fields and entries this one does not know', async () => {
    const path = await newerMinorVersionDossier();
    const { app, call } = await workingProject();
    const before = projectContent(app.project.db);

    const preview = await call('exchange.preview', { source: { path } });
    expect(preview!.summary.counts.documents!.added).toBe(3);
    expect(preview!.summary.counts.claims!.added).toBe(1);
    const report = await call('exchange.apply', { token: preview!.token, keepTagsApart: [] });
    expect(report.changes).toBe(preview!.summary.changes);

    const statement = await baseClaimStatement();
    const claims = await call('claims.list', {});
    expect(claims.map((c) => c.statement).sort()).toEqual([statement, 'Rogozin spoke of trust'].sort());
    const after = projectContent(app.project.db);
    expect(after.documents).toHaveLength(before.documents!.length + 3);
    // The unknown field went nowhere.
    expect(after.claims!.join('\n')).not.toContain('confidence');
    expect(stagingFolders()).toEqual([]);
    app.close();
  });
});
