// Corrections after import, through the same dispatch the UI uses: the user's metadata is validated and
// final, boilerplate verdicts survive a re-import, and highlights follow their passages into a new text.
import { describe, expect, it } from 'vitest';
import { importText, makeApp, rejection, type Call } from '../../helpers/app';

const base64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

const ARTICLE = [
  'All news',
  '',
  'Trust between Venezuela, Russia key element in development of bilateral relations',
  '',
  'CARACAS, December 16. /TASS/. Trust between Russia and Venezuela is a key element, the deputy prime minister said here on Monday.',
  '',
  'The factory is expected to assemble about 25,000 Kalashnikov automatic assault rifles annually.',
].join('\n');

function importArticle(call: Call, text = ARTICLE) {
  return importText(call, 'tass.txt', text);
}

describe('what crosses to the renderer', () => {
  it('app.info is plain data that IPC can copy, even after imports started the worker pool', async () => {
    const { app, call } = makeApp();
    await importArticle(call);
    const info = await call('app.info', {});
    expect(structuredClone(info)).toEqual(info);
    expect(Object.keys(info.limits)).toEqual(['maxFileBytes']);
    app.close();
  });
});

describe('correcting metadata', () => {
  it('stores the correction with the user as its source and leaves other fields alone', async () => {
    const { app, call } = makeApp();
    const doc = await importArticle(call);
    const before = doc.evidence.title;
    const updated = await call('documents.updateMetadata', {
      id: doc.id,
      changes: { published: '2013-12-16', outlet: '  TASS Russian News Agency ' },
    });
    expect(updated.published).toBe('2013-12-16');
    expect(updated.outlet).toBe('TASS Russian News Agency');
    expect(updated.evidence.published?.source).toBe('user');
    expect(updated.evidence.outlet?.source).toBe('user');
    expect(updated.title).toBe(doc.title);
    expect(updated.evidence.title).toEqual(before);
    const listed = (await call('documents.list', {})).find((d) => d.id === doc.id);
    expect(listed?.published).toBe('2013-12-16');
    app.close();
  });

  it('refuses invalid values with a message naming the field, and changes nothing', async () => {
    const { app, call } = makeApp();
    const doc = await importArticle(call);
    const badDate = await rejection(
      call('documents.updateMetadata', { id: doc.id, changes: { published: '2013-02-30' } }),
    );
    expect(badDate.code).toBe('invalid_input');
    expect(badDate.message).toMatch(/published/);
    const badUrl = await rejection(
      call('documents.updateMetadata', { id: doc.id, changes: { url: 'javascript:alert(1)' } }),
    );
    expect(badUrl.message).toMatch(/url.*http/i);
    const badLanguage = await rejection(
      call('documents.updateMetadata', { id: doc.id, changes: { language: 'English!' } }),
    );
    expect(badLanguage.message).toMatch(/language/);
    const after = (await call('documents.list', {})).find((d) => d.id === doc.id);
    expect(after).toEqual(doc);
    app.close();
  });

  it('accepts month-day and circa dates, and clearing a field stores "not known"', async () => {
    const { app, call } = makeApp();
    const doc = await importArticle(call);
    const monthDay = await call('documents.updateMetadata', {
      id: doc.id,
      changes: { published: '--12-16', title: '   ' },
    });
    expect(monthDay.published).toBe('--12-16');
    expect(monthDay.title).toBeNull();
    expect(monthDay.evidence.title?.source).toBe('user');
    const circa = await call('documents.updateMetadata', { id: doc.id, changes: { published: '~2013' } });
    expect(circa.published).toBe('~2013');
    app.close();
  });
});

describe('boilerplate verdicts', () => {
  it('flips blocks either way without touching the text', async () => {
    const { app, call } = makeApp();
    const doc = await importArticle(call);
    const before = await call('documents.get', { id: doc.id });
    const last = before.blocks.length - 1;
    const { blocks } = await call('documents.setBoilerplate', {
      id: doc.id,
      blockIndexes: [last],
      boilerplate: true,
    });
    expect(blocks[last]).toMatchObject({ boilerplate: true, boilerplateByUser: true });
    const reread = await call('documents.get', { id: doc.id });
    expect(reread.text).toBe(before.text);
    expect(reread.blocks[last]?.boilerplate).toBe(true);
    const back = await call('documents.setBoilerplate', {
      id: doc.id,
      blockIndexes: [last],
      boilerplate: false,
    });
    expect(back.blocks[last]?.boilerplate).toBe(false);
    await expect(
      call('documents.setBoilerplate', { id: doc.id, blockIndexes: [999], boilerplate: true }),
    ).rejects.toThrow(/no block 999/);
    app.close();
  });
});

describe('replacing a document with a corrected file', () => {
  it('keeps the user corrections and verdicts, refreshes the rest, and moves highlights', async () => {
    const { app, call } = makeApp();
    const doc = await importArticle(call);
    await call('documents.updateMetadata', { id: doc.id, changes: { published: '2013-12-16' } });
    const detail = await call('documents.get', { id: doc.id });
    const quote = 'about 25,000 Kalashnikov automatic assault rifles';
    const start = detail.text.indexOf(quote);
    const highlight = await call('highlights.create', {
      documentId: doc.id,
      start,
      end: start + quote.length,
    });
    const lastIndex = detail.blocks.length - 1;
    await call('documents.setBoilerplate', { id: doc.id, blockIndexes: [lastIndex], boilerplate: true });

    const corrected = ARTICLE.replace('CARACAS,', 'Moscow agencies report.\n\nCARACAS,').replace(
      'Trust between Venezuela',
      'Trust between Venezuela and',
    );
    const replaced = await call('documents.reimportFile', {
      id: doc.id,
      fileName: 'tass-corrected.txt',
      dataBase64: base64(corrected),
    });
    expect(replaced.id).toBe(doc.id);
    expect(replaced.text).toContain('Moscow agencies report.');
    expect(replaced.fileName).toBe('tass-corrected.txt');
    expect(replaced.published).toBe('2013-12-16');
    expect(replaced.evidence.published?.source).toBe('user');
    expect(replaced.title).toContain('Trust between Venezuela and');
    expect(replaced.blocks.at(-1)?.boilerplate).toBe(true);

    const [moved] = await call('highlights.list', { documentId: doc.id });
    expect(moved?.id).toBe(highlight.id);
    expect(replaced.text.slice(moved!.position.start, moved!.position.end)).toBe(quote);
    expect(moved!.position.start).toBeGreaterThan(highlight.position.start);
    app.close();
  });

  it('moves a highlight whose words were edited onto the new words, and records the new import time', async () => {
    const { app, call } = makeApp();
    const doc = await importArticle(call);
    const detail = await call('documents.get', { id: doc.id });
    const quote = 'Trust between Russia and Venezuela is a key element';
    const start = detail.text.indexOf(quote);
    const highlight = await call('highlights.create', {
      documentId: doc.id,
      start,
      end: start + quote.length,
    });
    const edited = ARTICLE.replace(
      'Trust between Russia and Venezuela is',
      'Trust between Russia and Venezuela was',
    );
    const replaced = await call('documents.reimportFile', {
      id: doc.id,
      fileName: 'tass.txt',
      dataBase64: base64(edited),
    });
    expect(replaced.importedAt > doc.importedAt).toBe(true);
    const [moved] = await call('highlights.list', { documentId: doc.id });
    expect(moved?.id).toBe(highlight.id);
    expect(moved?.quote.exact).toBe('Trust between Russia and Venezuela was a key element');
    expect(replaced.text.slice(moved!.position.start, moved!.position.end)).toBe(moved?.quote.exact);
    expect(moved?.orphanedAt).toBeNull();
    app.close();
  });

  it('refuses a file that is another document of the project, changing nothing', async () => {
    const { app, call } = makeApp();
    const first = await importArticle(call);
    const other = 'A different article.\n\nWith a different body entirely, about something else.';
    await importArticle(call, other);
    const error = await rejection(
      call('documents.reimportFile', { id: first.id, fileName: 'x.txt', dataBase64: base64(other) }),
    );
    expect(error.message).toMatch(/already in the project/);
    expect((await call('documents.get', { id: first.id })).text).toBe(ARTICLE);
    app.close();
  });
});
