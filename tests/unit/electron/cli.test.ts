// The dossier command in-process: what it prints and the status it returns.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../../electron/cli';
import { tempDir } from '../helpers/temp';

const CORPUS = join(process.cwd(), 'tests', 'fixtures', 'corpus');
const corpusFiles = readdirSync(CORPUS)
  .filter((f) => f.endsWith('.txt'))
  .map((f) => join(CORPUS, f));

let stdout = '';
let stderr = '';

beforeEach(() => {
  stdout = '';
  stderr = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    stdout += String(chunk);
    return true;
  });
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    stderr += String(chunk);
    return true;
  });
  vi.stubEnv('DOSSIER_HOME', tempDir());
});

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});

describe('dossier import', () => {
  it('imports the corpus once; a second run imports none and is not an error', async () => {
    const project = join(tempDir(), 'p.sqlite');
    expect(await main(['import', ...corpusFiles, '--project', project, '--json'])).toBe(0);
    const first = JSON.parse(stdout);
    expect(first.imported).toHaveLength(5);
    expect(first.imported.every((d: { id: string }) => /^[0-9a-f-]{36}$/.test(d.id))).toBe(true);
    expect(first.failed).toEqual([]);

    stdout = '';
    expect(await main(['import', ...corpusFiles, '--project', project, '--json'])).toBe(0);
    const second = JSON.parse(stdout);
    expect(second.imported).toEqual([]);
    expect(second.alreadyPresent.map((d: { id: string }) => d.id).sort()).toEqual(
      first.imported.map((d: { id: string }) => d.id).sort(),
    );
  });

  it('imports a folder, reports refused files with their reason, and exits non-zero', async () => {
    const folder = tempDir();
    writeFileSync(join(folder, 'good.md'), '# Notes\n\nFirst paragraph.\n');
    writeFileSync(join(folder, 'empty.txt'), '');
    const project = join(tempDir(), 'p.sqlite');
    expect(await main(['import', folder, '--project', project, '--json'])).toBe(1);
    const report = JSON.parse(stdout);
    expect(report.imported.map((d: { title: string }) => d.title)).toEqual(['Notes']);
    expect(report.failed).toEqual([{ fileName: 'empty.txt', reason: expect.stringMatching(/empty/i) }]);
  });

  it('lists documents as text and as JSON', async () => {
    const project = join(tempDir(), 'p.sqlite');
    await main(['import', corpusFiles[0]!, '--project', project]);
    stdout = '';
    expect(await main(['list', 'documents', '--project', project])).toBe(0);
    expect(stdout.trim().split('\n')).toHaveLength(1);
    stdout = '';
    await main(['list', 'documents', '--project', project, '--json']);
    expect(JSON.parse(stdout).documents).toHaveLength(1);
  });

  it('rejects unknown commands and options', async () => {
    await expect(main(['frobnicate'])).rejects.toThrow(/unknown command/);
    await expect(main(['import'])).rejects.toThrow(/at least one file/);
    await expect(main(['list', 'documents', '--colour'])).rejects.toThrow(/colour/);
    await expect(main(['serve', '--port', 'eighty'])).rejects.toThrow(/--port/);
  });

  it('refuses a project from a newer version with a plain message', async () => {
    const project = join(tempDir(), 'p.sqlite');
    const Database = (await import('better-sqlite3')).default;
    const db = new Database(project);
    db.exec('CREATE TABLE t (x)');
    db.pragma('application_id = 1146049363');
    db.pragma('user_version = 999');
    db.close();
    await expect(main(['list', 'documents', '--project', project])).rejects.toThrow(
      /newer version of Dossier/,
    );
    expect(stderr).toBe('');
  });
});

describe('dossier search and reindex', () => {
  it('finds passages of the corpus as text and as JSON, with the matches marked', async () => {
    const project = join(tempDir(), 'p.sqlite');
    expect(await main(['import', ...corpusFiles, '--project', project, '--json'])).toBe(0);
    const tass = JSON.parse(stdout).imported.find((d: { title: string }) => /Trust between/.test(d.title));

    stdout = '';
    expect(await main(['search', 'kalashnikov', '--project', project])).toBe(0);
    expect(stdout).toMatch(/^Documents\n/);
    expect(stdout).toContain(`  ${tass.id}  Trust between Venezuela, Russia`);
    expect(stdout).toMatch(/\[Kalashnikov\]/);

    stdout = '';
    expect(await main(['search', 'outlet:tass', '--project', project, '--json', '--limit', '1'])).toBe(0);
    const found = JSON.parse(stdout);
    expect(found.results.map((r: { id: string }) => r.id)).toEqual([tass.id]);

    stdout = '';
    expect(await main(['search', 'zzzzqqq', '--project', project])).toBe(0);
    expect(stdout).toBe('Nothing found for zzzzqqq\n');

    await expect(main(['search', 'status:maybe', '--project', project])).rejects.toThrow(
      /status: must be one of/,
    );
    await expect(main(['search', '--project', project])).rejects.toThrow(/usage: dossier search/);
    await expect(main(['search', 'x', '--limit', 'lots', '--project', project])).rejects.toThrow(/--limit/);
    await expect(main(['search', 'x'.repeat(1001), '--project', project])).rejects.toThrow(/search\.query/);

    stdout = '';
    expect(await main(['reindex', '--project', project])).toBe(0);
    expect(stdout).toMatch(/^Indexed \d+ rows of .*p\.sqlite in \d+\.\d s\n$/);
    stdout = '';
    expect(await main(['search', 'kalashnikov', '--project', project, '--json'])).toBe(0);
    expect(JSON.parse(stdout).results.map((r: { id: string }) => r.id)).toEqual([tass.id]);
  });
});

describe('dossier export', () => {
  it('writes references to a file whole, or to stdout, in every reference format', async () => {
    const dir = tempDir();
    const project = join(dir, 'p.sqlite');
    expect(await main(['import', ...corpusFiles, '--project', project])).toBe(0);

    stdout = '';
    stderr = '';
    const bib = join(dir, 'refs.bib');
    expect(await main(['export', 'biblatex', '-o', bib, '--project', project])).toBe(0);
    expect(readFileSync(bib, 'utf8')).toMatch(/^% Encoding: UTF-8\n/);
    expect(readFileSync(bib, 'utf8').match(/^@/gm)).toHaveLength(5);
    expect(stderr).toMatch(/^Wrote 5 references to .*refs\.bib in \d+\.\d s\n$/);
    // No temporary file is left beside it.
    expect(readdirSync(dir).filter((f) => f.includes('.tmp'))).toEqual([]);

    stdout = '';
    expect(await main(['export', 'ris', '--scope', 'outlet:tass', '--project', project])).toBe(0);
    expect(stdout.match(/^TY {2}- /gm)).toHaveLength(1);

    const html = join(dir, 'refs.html');
    expect(
      await main([
        'export',
        'bibliography',
        '-o',
        html,
        '--style',
        'chicago-author-date',
        '--project',
        project,
      ]),
    ).toBe(0);
    expect(readFileSync(html, 'utf8')).toMatch(/^<!DOCTYPE html>/);

    // A binary export (the DOCX report) is written as bytes: a zip.
    const docx = join(dir, 'report.docx');
    expect(await main(['export', 'report-docx', '-o', docx, '--project', project])).toBe(0);
    expect(readFileSync(docx).subarray(0, 2).toString('latin1')).toBe('PK');

    // A .csl file given by path is checked, and used.
    const style = join(dir, 'mine.csl');
    writeFileSync(style, readFileSync(join('electron', 'citations', 'csl', 'styles', 'apa.csl')));
    stdout = '';
    expect(await main(['export', 'bibliography', '--style', style, '--project', project])).toBe(0);
    expect(stdout).toContain('(2024, November 8)');
    writeFileSync(style, '<html/>');
    await expect(main(['export', 'bibliography', '--style', style, '--project', project])).rejects.toThrow(
      /CSL style/,
    );
    // Reports read the file too.
    await expect(main(['export', 'report-md', '--style', style, '--project', project])).rejects.toThrow(
      /CSL style/,
    );

    await expect(main(['export', 'docx', '--project', project])).rejects.toThrow(
      /unknown export format "docx"/,
    );
    await expect(main(['export', '--project', project])).rejects.toThrow(/usage: dossier export/);
    // A folder that does not exist: a plain message, nothing written.
    await expect(
      main(['export', 'ris', '-o', join(dir, 'no', 'such', 'x.ris'), '--project', project]),
    ).rejects.toThrow(/Could not write x\.ris: the folder does not exist/);
  });
});

describe('dossier export project and dossier merge', () => {
  it('sends a project to a teammate: a dry run shows the changes, the merge makes them, a second one none', async () => {
    const dir = tempDir();
    const mine = join(dir, 'mine.sqlite');
    const theirs = join(dir, 'theirs.sqlite');
    expect(await main(['import', ...corpusFiles, '--project', mine, '--json'])).toBe(0);
    expect(await main(['import', corpusFiles[0]!, '--project', theirs, '--json'])).toBe(0);
    const file = join(dir, 'mine.dossier');
    stdout = '';
    expect(await main(['export', 'project', file, '--project', mine])).toBe(0);
    expect(stdout).toMatch(/Wrote .*mine\.dossier \(.* MB, 5 documents, 0 highlights, 0 claims\)/);

    stdout = '';
    expect(await main(['merge', file, '--dry-run', '--json', '--project', theirs])).toBe(0);
    const preview = JSON.parse(stdout);
    expect(preview.dryRun).toBe(true);
    // The article both imported becomes one document: four new ones, one matched by its text.
    expect(preview.counts.documents.added).toBe(4);
    expect(preview.documentMatches).toHaveLength(1);
    stdout = '';
    await main(['list', 'documents', '--project', theirs, '--json']);
    expect(JSON.parse(stdout).documents).toHaveLength(1);

    stdout = '';
    expect(await main(['merge', file, '--project', theirs])).toBe(0);
    expect(stdout).toMatch(/^Merged mine\.dossier/);
    expect(stdout).toContain('documents: 4 new');
    expect(stdout).toContain('same article imported twice, now one document');
    stdout = '';
    await main(['list', 'documents', '--project', theirs, '--json']);
    expect(JSON.parse(stdout).documents).toHaveLength(5);
    stdout = '';
    expect(await main(['merge', file, '--project', theirs])).toBe(0);
    expect(stdout).toContain('nothing: the project already has everything in the file');

    await expect(main(['merge', '--project', theirs])).rejects.toThrow(/usage: dossier merge/);
    writeFileSync(join(dir, 'notes.dossier'), 'just text');
    await expect(main(['merge', join(dir, 'notes.dossier'), '--project', theirs])).rejects.toThrow(
      /not a zip|not a Dossier/i,
    );
  });
});
