// The main side through the same dispatch every transport uses: contract validation, import, highlights
// and project switching, with a real project file per test.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DossierApp } from '../../../electron/app';
import { directClient } from '../../../electron/dispatch';
import { IMPORT_BATCH_FILES } from '../../../shared/contract';
import { importText, makeApp, rejection } from '../helpers/app';
import { tempDir } from '../helpers/temp';

const CORPUS = join(process.cwd(), 'tests', 'fixtures', 'corpus');
const PASSAGE = 'the most sophisticated weapons and military equipment';

function corpusBase64(name: string): string {
  return readFileSync(join(CORPUS, name)).toString('base64');
}

describe('contract validation', () => {
  it('rejects bad input with an error that names the field', async () => {
    const { app, call } = makeApp();
    const missing = await rejection(call('documents.get', {} as never));
    expect(missing.code).toBe('invalid_input');
    expect(missing.message).toMatch(/documents\.get.*\(id\)/);
    const badColor = await rejection(
      call('highlights.create', {
        documentId: crypto.randomUUID(),
        start: 0,
        end: 4,
        color: 'octarine' as never,
      }),
    );
    expect(badColor.message).toMatch(/color/);
    const backwards = await rejection(
      call('highlights.create', { documentId: crypto.randomUUID(), start: 9, end: 3 }),
    );
    expect(backwards.message).toMatch(/at least one character/);
    const extra = await rejection(call('documents.list', { sneaky: true } as never));
    expect(extra.code).toBe('invalid_input');
    const notBase64 = await rejection(call('documents.importFile', { fileName: 'a.txt', dataBase64: '%%%' }));
    expect(notBase64.message).toMatch(/dataBase64/);
    app.close();
  });

  it('rejects unknown operations', async () => {
    const { app } = makeApp();
    await expect(app.dispatch('documents.dropAll', {})).rejects.toThrow(/Unknown operation/);
    app.close();
  });
});

describe('importing through the contract', () => {
  it('imports a file, then reports the same content as already present', async () => {
    const { app, call } = makeApp();
    const first = await call('documents.importFile', {
      fileName: '/home/someone/Downloads/thanhnien-agreements.txt',
      dataBase64: corpusBase64('thanhnien-agreements.txt'),
    });
    expect(first.status).toBe('imported');
    if (first.status !== 'imported') return;
    expect(first.document.fileName).toBe('thanhnien-agreements.txt');
    const again = await call('documents.importFile', {
      fileName: 'copy.txt',
      dataBase64: corpusBase64('thanhnien-agreements.txt'),
    });
    expect(again).toMatchObject({ status: 'duplicate', documentId: first.document.id });
    const list = await call('documents.list', {});
    expect(list).toHaveLength(1);
    const detail = await call('documents.get', { id: first.document.id });
    expect(detail.text).toContain(PASSAGE);
    expect(detail.originalSha256).toMatch(/^[0-9a-f]{64}$/);
    app.close();
  });

  it('imports a batch of files in one call: a result per file in order, each searchable', async () => {
    const { app, call } = makeApp();
    const upload = (fileName: string, text: string) => ({
      fileName,
      dataBase64: Buffer.from(text).toString('base64'),
    });
    const results = await call('documents.importFiles', {
      files: [
        { fileName: 'C:\\Users\\me\\thanhnien.txt', dataBase64: corpusBase64('thanhnien-agreements.txt') },
        upload('empty.txt', ''),
        upload('zebra.txt', 'Zebras\n\nA report on zebras crossing the border at dawn.'),
        { fileName: 'again.txt', dataBase64: corpusBase64('thanhnien-agreements.txt') },
      ],
    });
    expect(results.map((r) => [r.status, r.fileName])).toEqual([
      ['imported', 'thanhnien.txt'],
      ['failed', 'empty.txt'],
      ['imported', 'zebra.txt'],
      ['duplicate', 'again.txt'],
    ]);
    expect(results[1]).toMatchObject({ reason: 'The file is empty' });
    expect(await call('documents.list', {})).toHaveLength(2);
    const found = await call('search.query', { query: '"zebras crossing"', kinds: ['document'] });
    const zebra = results[2]!;
    expect(found.results.map((r) => r.id)).toEqual([zebra.status === 'imported' && zebra.document.id]);
    const tooMany = await rejection(
      call('documents.importFiles', {
        files: Array.from({ length: IMPORT_BATCH_FILES + 1 }, (_, i) => upload(`${i}.txt`, `text ${i}`)),
      }),
    );
    expect(tooMany.code).toBe('invalid_input');
    expect(await call('documents.list', {})).toHaveLength(2);
    app.close();
  });

  it('a refused file is a result with a reason, and leaves nothing behind', async () => {
    const { app, call } = makeApp();
    const result = await call('documents.importFile', { fileName: 'empty.txt', dataBase64: '' });
    expect(result.status).toBe('failed');
    expect(await call('documents.list', {})).toHaveLength(0);
    app.close();
  });

  it('a failure half-way through writing a document rolls the whole document back', async () => {
    const { app, call } = makeApp();
    app.project.db.exec(
      `CREATE TEMP TRIGGER fail_original BEFORE INSERT ON document_originals BEGIN SELECT RAISE(ABORT, 'disk full'); END`,
    );
    await expect(
      call('documents.importFile', {
        fileName: 'tass.txt',
        dataBase64: corpusBase64('tass-rogozin-trust.txt'),
      }),
    ).rejects.toThrow(/disk full/);
    const counts = app.project.db
      .prepare(`SELECT (SELECT count(*) FROM documents) AS d, (SELECT count(*) FROM document_texts) AS t`)
      .get();
    expect(counts).toEqual({ d: 0, t: 0 });
    app.close();
  });
});

describe('highlights', () => {
  async function withDocument() {
    const made = makeApp();
    const text = readFileSync(join(CORPUS, 'thanhnien-agreements.txt'), 'utf8');
    const imported = await importText(made.call, 'thanhnien-agreements.txt', text);
    const detail = await made.call('documents.get', { id: imported.id });
    return { ...made, document: detail };
  }

  it('computes the selectors from the stored text, not from the caller', async () => {
    const { app, call, document } = await withDocument();
    const start = document.text.indexOf(PASSAGE);
    const created = await call('highlights.create', {
      documentId: document.id,
      start,
      end: start + PASSAGE.length,
      color: 'green',
      note: 'pledge',
    });
    expect(created.quote.exact).toBe(PASSAGE);
    expect(created.quote.prefix.endsWith('armed forces with "')).toBe(true);
    expect(created.quote.suffix.startsWith(',"')).toBe(true);
    expect(created.position).toEqual({ type: 'TextPositionSelector', start, end: start + PASSAGE.length });
    const [listed] = await call('highlights.list', { documentId: document.id });
    expect(listed).toEqual(created);
    const [summary] = await call('documents.list', {});
    expect(summary?.highlightCount).toBe(1);
    app.close();
  });

  it('refuses a range past the end of the text or of only whitespace', async () => {
    const { app, call, document } = await withDocument();
    const past = await rejection(
      call('highlights.create', { documentId: document.id, start: 0, end: document.text.length + 1 }),
    );
    expect(past.message).toMatch(/past the end/);
    const blank = document.text.indexOf('\n\n');
    const empty = await rejection(
      call('highlights.create', { documentId: document.id, start: blank, end: blank + 2 }),
    );
    expect(empty.message).toMatch(/Select some text/);
    expect(await call('highlights.list', { documentId: document.id })).toHaveLength(0);
    app.close();
  });

  it('trims whitespace a selection dragged past a paragraph carries, and refuses half a character', async () => {
    const { app, call, document } = await withDocument();
    const blockEnd = document.text.indexOf('\n\n', document.text.indexOf('Kremlin official'));
    const start = document.text.indexOf('Russia and Venezuela signed');
    const created = await call('highlights.create', { documentId: document.id, start, end: blockEnd + 2 });
    expect(created.quote.exact.endsWith('Kremlin official.')).toBe(true);
    expect(created.position.end).toBe(blockEnd);

    const emoji = await importText(call, 'emoji.txt', 'Flag 🇻🇪 of Venezuela in a caption line');
    const half = await rejection(call('highlights.create', { documentId: emoji.id, start: 0, end: 6 }));
    expect(half.code).toBe('invalid_input');
    app.close();
  });

  it('keeps updated_at moving forward even when the clock is set back between sessions', async () => {
    const { app, document, dir } = await withDocument();
    const future = '2999-01-01T00:00:00.000Z';
    app.project.db.prepare(`UPDATE documents SET updated_at = ?`).run(future);
    app.close();
    const reopened = new DossierApp({ projectPath: join(dir, 'project.sqlite'), env: { DOSSIER_HOME: dir } });
    const h = await directClient(reopened.dispatch)('highlights.create', {
      documentId: document.id,
      start: 0,
      end: 5,
    });
    expect(h.updatedAt > future).toBe(true);
    reopened.close();
  });

  it('updates colour and note, deletes as a tombstone, and restores', async () => {
    const { app, call, document } = await withDocument();
    const h = await call('highlights.create', { documentId: document.id, start: 10, end: 30 });
    expect(h.color).toBe('yellow');
    const updated = await call('highlights.update', { id: h.id, note: 'check this', color: 'pink' });
    expect(updated).toMatchObject({ note: 'check this', color: 'pink' });
    expect(updated.updatedAt > h.updatedAt).toBe(true);
    await call('highlights.delete', { id: h.id });
    expect(await call('highlights.list', { documentId: document.id })).toHaveLength(0);
    const tombstone = app.project.db
      .prepare(`SELECT deleted_at FROM highlights WHERE id = ?`)
      .pluck()
      .get(h.id);
    expect(tombstone).toBeTruthy();
    await expect(call('highlights.update', { id: h.id, note: 'x' })).rejects.toThrow(/no longer exists/);
    const restored = await call('highlights.restore', { id: h.id });
    expect(restored).toMatchObject({ note: 'check this', color: 'pink' });
    expect(await call('highlights.list', { documentId: document.id })).toHaveLength(1);
    app.close();
  });
});

describe('projects', () => {
  it('creates and opens projects, remembers them, and refuses to overwrite a file', async () => {
    const { app, dir, call } = makeApp();
    const second = join(dir, 'second.sqlite');
    const created = await call('projects.create', { path: second });
    expect(created).toMatchObject({ path: second, name: 'second', readOnly: false });
    expect((await call('app.info', {})).project.path).toBe(second);
    const refused = await rejection(call('projects.create', { path: join(dir, 'project.sqlite') }));
    expect(refused.message).toMatch(/already exists/);
    await call('projects.open', { path: join(dir, 'project.sqlite') });
    const recent = await call('projects.recent', {});
    expect(recent.map((p) => p.path)).toEqual([join(dir, 'project.sqlite'), second]);
    const missing = await rejection(call('projects.open', { path: join(dir, 'nope.sqlite') }));
    expect(missing.message).toMatch(/No project file/);
    expect((await call('app.info', {})).project.path).toBe(join(dir, 'project.sqlite'));
    app.close();
  });

  it('in the desktop app, only opens projects from the dialogs or the recent list', async () => {
    const dir = tempDir();
    const env = { DOSSIER_HOME: dir };
    new DossierApp({ projectPath: join(dir, 'known.sqlite'), env }).close();
    const app = new DossierApp({
      projectPath: join(dir, 'current.sqlite'),
      env,
      allowTypedProjectPaths: false,
    });
    const call = directClient(app.dispatch);
    const typed = await rejection(call('projects.create', { path: join(dir, 'anywhere', 'new.sqlite') }));
    expect(typed.message).toMatch(/dialog/);
    await expect(call('projects.open', { path: '/etc/passwd' })).rejects.toThrow(/dialog/);
    expect((await call('projects.open', { path: join(dir, 'known.sqlite') })).name).toBe('known');
    app.close();
  });

  it('refuses to open an empty file as a project', async () => {
    const { app, dir, call } = makeApp();
    writeFileSync(join(dir, 'empty.sqlite'), '');
    await expect(call('projects.open', { path: join(dir, 'empty.sqlite') })).rejects.toThrow(/empty file/);
    app.close();
  });

  it('two connections to one project (the app and the CLI) both import', async () => {
    const { app, dir } = makeApp();
    const other = new DossierApp({ projectPath: join(dir, 'project.sqlite'), env: { DOSSIER_HOME: dir } });
    const before = other.project.db.prepare(`SELECT count(*) FROM documents`).pluck().get();
    expect(before).toBe(0);
    await directClient(app.dispatch)('documents.importFile', {
      fileName: 'a.txt',
      dataBase64: corpusBase64('tass-rogozin-trust.txt'),
    });
    const second = await directClient(other.dispatch)('documents.importFile', {
      fileName: 'b.txt',
      dataBase64: corpusBase64('foxnews-rodriguez-lavrov.txt'),
    });
    expect(second.status).toBe('imported');
    expect(app.project.db.prepare(`SELECT count(*) FROM documents`).pluck().get()).toBe(2);
    other.close();
    app.close();
  });

  it('opens the last project used when none is named', () => {
    const dir = tempDir();
    const env = { DOSSIER_HOME: dir };
    const first = new DossierApp({ projectPath: join(dir, 'a.sqlite'), env });
    first.close();
    const again = new DossierApp({ env });
    expect(again.project.path).toBe(join(dir, 'a.sqlite'));
    again.close();
    const viaEnv = new DossierApp({ env: { ...env, DOSSIER_PROJECT: join(dir, 'b.sqlite') } });
    expect(viaEnv.project.path).toBe(join(dir, 'b.sqlite'));
    viaEnv.close();
  });

  it('falls back to a default project in the data folder', async () => {
    const dir = tempDir();
    const app = new DossierApp({ env: { DOSSIER_HOME: dir } });
    expect(app.project.path).toBe(join(dir, 'projects', 'My research.sqlite'));
    const info = await directClient(app.dispatch)('app.info', {});
    expect(info.capabilities.nativeDialogs).toBe(false);
    await expect(directClient(app.dispatch)('projects.openDialog', {})).rejects.toThrow(/desktop app/);
    app.close();
  });
});

describe('the theme chosen in the window', () => {
  it('is handed to the host and remembered for its next start, beside the recent projects', async () => {
    const dir = tempDir();
    const heard: string[] = [];
    const app = new DossierApp({
      projectPath: join(dir, 'first.sqlite'),
      env: { DOSSIER_HOME: dir },
      onTheme: (theme) => heard.push(theme),
    });
    const call = directClient(app.dispatch);
    expect(app.settings.read().theme).toBe('system');
    expect(await call('app.setTheme', { theme: 'dark' })).toBeNull();
    expect(heard).toEqual(['dark']);
    expect(app.settings.read().theme).toBe('dark');
    // Opening another project keeps it (and the recent list keeps both projects).
    await call('projects.create', { path: join(dir, 'second.sqlite') });
    expect(app.settings.read().theme).toBe('dark');
    expect(app.settings.recentProjects().map((p) => p.path)).toHaveLength(2);
    const refused = await rejection(call('app.setTheme', { theme: 'sepia' as never }));
    expect(refused.code).toBe('invalid_input');
    expect(heard).toEqual(['dark']);
    app.close();
    const again = new DossierApp({ projectPath: join(dir, 'first.sqlite'), env: { DOSSIER_HOME: dir } });
    expect(again.settings.read().theme).toBe('dark');
    again.close();
  });
});
