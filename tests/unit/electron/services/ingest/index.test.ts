// What a researcher sees when importing: which files are accepted, the title they get, and the reason a
// file is refused.
import { mkdtemp, mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { collectImportFiles, ingestFile } from '../../../../../electron/services/ingest/index';
import { refusalOf } from '../../../helpers/refusal';

const MB = 1024 * 1024;
const limits = { maxFileBytes: 10 * MB };
const utf8 = (text: string) => new TextEncoder().encode(text);

const titleOf = async (fileName: string, bytes: Uint8Array) =>
  (await ingestFile(fileName, bytes, limits)).metadata.title?.value;

const refusalMessage = (fileName: string, bytes: Uint8Array, maxFileBytes = limits.maxFileBytes) =>
  refusalOf(() => ingestFile(fileName, bytes, { maxFileBytes }));

describe('ingestFile', () => {
  it('imports plain text by extension', async () => {
    const doc = await ingestFile(
      'notes.TXT',
      utf8('Lavrov meets Rodriguez\r\n\r\nThey met in Antalya.\r\n'),
      limits,
    );
    expect(doc.mediaType).toBe('text/plain');
    expect(doc.text).toBe('Lavrov meets Rodriguez\n\nThey met in Antalya.');
    expect(doc.metadata.title?.value).toBe('Lavrov meets Rodriguez');
    expect((await ingestFile('notes.text', utf8('Some words here'), limits)).mediaType).toBe('text/plain');
  });

  it('imports Markdown by extension and titles it with its first heading', async () => {
    const doc = await ingestFile(
      'report.markdown',
      utf8('Intro line of text.\n\n## The *real* title\n\nBody.'),
      limits,
    );
    expect(doc.mediaType).toBe('text/markdown');
    expect(doc.metadata.title?.value).toBe('The real title');
    expect(await titleOf('a.md', utf8('Just a paragraph of text.'))).toBe('Just a paragraph of text.');
  });

  it('skips decorative lines when choosing a title', async () => {
    const doc = await ingestFile(
      'article.txt',
      utf8('~~~\n***\n—\nX\nMaduro meets Borisov\nBody text.'),
      limits,
    );
    expect(doc.metadata.title?.value).toBe('Maduro meets Borisov');
  });

  it('takes a whole paragraph for no title, and caps long headings', async () => {
    expect(await titleOf('notes.txt', utf8(`${'word '.repeat(100)}end`))).toBeUndefined();
    const long = (await titleOf('a.md', utf8(`# ${'word '.repeat(100)}end`))) ?? '';
    expect(long.length).toBeLessThanOrEqual(300);
    expect(long.endsWith('…')).toBe(true);
  });

  it('skips site banners, navigation, source lines and datelines', async () => {
    const text = [
      'Example.com - News for everyone',
      'All news',
      'Source: Example Wire 16 February 2022',
      'Caracas, 16 February 2022',
      'Maduro receives Russian delegation',
      'Body text of the article goes on for a while.',
    ].join('\n\n');
    expect(await titleOf('a.txt', utf8(text))).toBe('Maduro receives Russian delegation');
  });

  it('states no title when no line reads like one (the file name is not a title)', async () => {
    expect(await titleOf('2022-02-16.borisov.txt', utf8('~~~\n\n***\n\nok'))).toBeUndefined();
  });

  it('refuses files over the size limit, naming both sizes in MB', async () => {
    const bytes = new Uint8Array(Math.round(2.5 * MB)).fill(0x61);
    expect(await refusalMessage('big.txt', bytes, 2 * MB)).toBe(
      'The file is 2.5 MB, over the 2 MB import limit',
    );
    expect(await refusalMessage('big.txt', new Uint8Array(2 * MB + 1).fill(0x61), 2 * MB)).toMatch(
      /2\.1 MB, over the 2 MB/,
    );
  });

  it('refuses unsupported extensions, naming the type', async () => {
    expect(await refusalMessage('setup.exe', utf8('MZ whatever'))).toMatch(
      /^Dossier cannot import "\.exe" files \(supported: web pages \.html and \.mhtml, \.pdf, Word \.docx, Markdown \.md and text \.txt\)$/,
    );
    expect(await refusalMessage('README', utf8('Some text'))).toMatch(
      /its name has no extension \(supported: /,
    );
  });

  it('recognises common binary formats whatever their name', async () => {
    expect(await refusalMessage('memo.xlsx', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14]))).toMatch(
      /^This is an Excel spreadsheet; Dossier cannot import it/,
    );
    expect(await refusalMessage('archive.zip', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14]))).toMatch(
      /^This is a ZIP archive/,
    );
    expect(
      await refusalMessage('old.doc', new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])),
    ).toMatch(/^This is an old-style Microsoft Office file/);
    expect(await refusalMessage('fake.pdf', utf8('Just text, named as a PDF'))).toBe(
      'This file is named .pdf but is not a PDF',
    );
    expect(await refusalMessage('fake.docx', utf8('Just text'))).toBe(
      'This file is named .docx but is not a Word document',
    );
    expect(
      await refusalMessage('photo.png', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
    ).toMatch(/^This is a PNG image; /);
    expect(await refusalMessage('photo.md', new Uint8Array([0xff, 0xd8, 0xff, 0xe0]))).toMatch(
      /^This is a JPEG image; /,
    );
    expect(await refusalMessage('anim.gif', utf8('GIF89a'))).toMatch(/^This is a GIF image; /);
  });

  it('passes on the decoder’s refusals', async () => {
    expect(await refusalMessage('empty.txt', new Uint8Array())).toBe('The file is empty');
    expect(await refusalMessage('data.txt', new Uint8Array([0x41, 0x00, 0x00, 0x07, 0x41]))).toBe(
      'This looks like a binary file, not text',
    );
  });

  it('refuses Markdown with no readable text', async () => {
    expect(await refusalMessage('pic.md', utf8('![photo](p.jpg)\n\n<div></div>\n'))).toBe(
      'The file has no readable text',
    );
  });
});

describe('collectImportFiles', () => {
  let root: string;

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'dossier-ingest-'));
  });
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('walks folders for supported files, skipping hidden ones and links that leave the folder', async () => {
    const folder = join(root, 'articles');
    const outside = join(root, 'outside.txt');
    await mkdir(join(folder, 'sub'), { recursive: true });
    await mkdir(join(folder, '.git'));
    await writeFile(join(folder, 'b.md'), '# B');
    await writeFile(join(folder, 'sub', 'a.TXT'), 'A');
    await writeFile(join(folder, 'image.png'), 'png');
    await writeFile(join(folder, '.hidden.txt'), 'hidden');
    await writeFile(join(folder, '.git', 'notes.md'), 'git');
    await writeFile(outside, 'outside');
    await symlink(outside, join(folder, 'escape.txt'));
    await symlink(join(folder, 'b.md'), join(folder, 'alias.md'));

    const { files, failures } = await collectImportFiles([folder]);
    expect(failures).toEqual([]);
    expect(files).toEqual([
      { path: join(folder, 'b.md'), name: 'b.md' },
      { path: join(folder, 'sub', 'a.TXT'), name: 'a.TXT' },
    ]);
  });

  it('passes on files named explicitly, whatever their type, and reports missing paths', async () => {
    await writeFile(join(root, 'z.exe'), 'MZ');
    await writeFile(join(root, 'a.txt'), 'A');
    const missing = join(root, 'nope.txt');

    const { files, failures } = await collectImportFiles([join(root, 'z.exe'), missing, join(root, 'a.txt')]);
    expect(files.map((file) => file.name)).toEqual(['a.txt', 'z.exe']);
    expect(failures).toEqual([{ fileName: missing, reason: 'No such file or folder' }]);
  });

  it('takes every importable kind from a folder but not the asset folder of a saved web page', async () => {
    await mkdir(join(root, 'Article_files'));
    await mkdir(join(root, 'Other_files'));
    for (const name of ['Article.html', 'b.mhtml', 'c.pdf', 'd.docx', 'e.md', 'f.txt', 'g.htm']) {
      await writeFile(join(root, name), 'x');
    }
    await writeFile(join(root, 'Article_files', 'frame.htm'), 'x');
    await writeFile(join(root, 'Other_files', 'kept.txt'), 'x');
    const { files } = await collectImportFiles([root]);
    expect(files.map((file) => file.name)).toEqual([
      'Article.html',
      'kept.txt',
      'b.mhtml',
      'c.pdf',
      'd.docx',
      'e.md',
      'f.txt',
      'g.htm',
    ]);
  });

  it('lists a file once even when it is named twice', async () => {
    await writeFile(join(root, 'a.md'), 'A');
    const { files } = await collectImportFiles([join(root, 'a.md'), root, join(root, 'a.md')]);
    expect(files).toEqual([{ path: join(root, 'a.md'), name: 'a.md' }]);
  });
});
