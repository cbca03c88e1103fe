// What a researcher sees when importing: which files are accepted, the title they get, and the reason a
// file is refused.
import { mkdtemp, mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { collectImportFiles, ingestFile } from '../../../../../electron/services/ingest/index';
import { DossierError } from '../../../../../shared/errors';

const MB = 1024 * 1024;
const limits = { maxFileBytes: 10 * MB };
const utf8 = (text: string) => new TextEncoder().encode(text);

function refusalMessage(fileName: string, bytes: Uint8Array, maxFileBytes = limits.maxFileBytes): string {
  try {
    ingestFile(fileName, bytes, { maxFileBytes });
  } catch (error) {
    if (error instanceof DossierError && error.code === 'import_refused') return error.message;
    throw error;
  }
  throw new Error(`expected ${fileName} to be refused`);
}

describe('ingestFile', () => {
  it('imports plain text by extension', () => {
    const doc = ingestFile(
      'notes.TXT',
      utf8('Lavrov meets Rodriguez\r\n\r\nThey met in Antalya.\r\n'),
      limits,
    );
    expect(doc.mediaType).toBe('text/plain');
    expect(doc.text).toBe('Lavrov meets Rodriguez\n\nThey met in Antalya.');
    expect(doc.title).toBe('Lavrov meets Rodriguez');
    expect(ingestFile('notes.text', utf8('Some words here'), limits).mediaType).toBe('text/plain');
  });

  it('imports Markdown by extension and titles it with its first heading', () => {
    const doc = ingestFile(
      'report.markdown',
      utf8('Intro line of text.\n\n## The *real* title\n\nBody.'),
      limits,
    );
    expect(doc.mediaType).toBe('text/markdown');
    expect(doc.title).toBe('The real title');
    expect(ingestFile('a.md', utf8('Just a paragraph of text.'), limits).title).toBe(
      'Just a paragraph of text.',
    );
  });

  it('skips decorative lines when choosing a title', () => {
    const doc = ingestFile('article.txt', utf8('~~~\n***\n—\nX\nMaduro meets Borisov\nBody text.'), limits);
    expect(doc.title).toBe('Maduro meets Borisov');
  });

  it('takes a whole paragraph for no title, and caps long headings', () => {
    expect(ingestFile('notes.txt', utf8(`${'word '.repeat(100)}end`), limits).title).toBe('notes');
    const long = ingestFile('a.md', utf8(`# ${'word '.repeat(100)}end`), limits).title;
    expect(long.length).toBeLessThanOrEqual(300);
    expect(long.endsWith('…')).toBe(true);
  });

  it('skips site banners, navigation, source lines and datelines', () => {
    const text = [
      'Example.com - News for everyone',
      'All news',
      'Source: Example Wire 16 February 2022',
      'Caracas, 16 February 2022',
      'Maduro receives Russian delegation',
      'Body text of the article goes on for a while.',
    ].join('\n\n');
    expect(ingestFile('a.txt', utf8(text), limits).title).toBe('Maduro receives Russian delegation');
  });

  it('falls back to the file name when no line reads like a title', () => {
    expect(ingestFile('2022-02-16.borisov.txt', utf8('~~~\n\n***\n\nok'), limits).title).toBe(
      '2022-02-16.borisov',
    );
  });

  it('refuses files over the size limit, naming both sizes in MB', () => {
    const bytes = new Uint8Array(Math.round(2.5 * MB)).fill(0x61);
    expect(refusalMessage('big.txt', bytes, 2 * MB)).toBe('The file is 2.5 MB, over the 2 MB import limit');
    expect(refusalMessage('big.txt', new Uint8Array(2 * MB + 1).fill(0x61), 2 * MB)).toMatch(
      /2\.1 MB, over the 2 MB/,
    );
  });

  it('refuses unsupported extensions, naming the type', () => {
    expect(refusalMessage('setup.exe', utf8('MZ whatever'))).toBe(
      'Dossier cannot import ".exe" files yet (supported: .txt, .md)',
    );
    expect(refusalMessage('README', utf8('Some text'))).toMatch(/no extension \(supported: \.txt, \.md\)/);
  });

  it('recognises common binary formats whatever their name', () => {
    expect(refusalMessage('paper.pdf', utf8('%PDF-1.7\n%âãÏÓ'))).toMatch(/^This is a PDF file; /);
    expect(refusalMessage('paper.txt', utf8('%PDF-1.4\n'))).toMatch(/^This is a PDF file; /);
    expect(refusalMessage('memo.docx', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14]))).toMatch(
      /^This is a Word document; /,
    );
    expect(
      refusalMessage('photo.png', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
    ).toMatch(/^This is a PNG image; /);
    expect(refusalMessage('photo.md', new Uint8Array([0xff, 0xd8, 0xff, 0xe0]))).toMatch(
      /^This is a JPEG image; /,
    );
    expect(refusalMessage('anim.gif', utf8('GIF89a'))).toMatch(/^This is a GIF image; /);
  });

  it('passes on the decoder’s refusals', () => {
    expect(refusalMessage('empty.txt', new Uint8Array())).toBe('The file is empty');
    expect(refusalMessage('data.txt', new Uint8Array([0x41, 0x00, 0x00, 0x07, 0x41]))).toBe(
      'This looks like a binary file, not text',
    );
  });

  it('refuses Markdown with no readable text', () => {
    expect(refusalMessage('pic.md', utf8('![photo](p.jpg)\n\n<div></div>\n'))).toBe(
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

  it('lists a file once even when it is named twice', async () => {
    await writeFile(join(root, 'a.md'), 'A');
    const { files } = await collectImportFiles([join(root, 'a.md'), root, join(root, 'a.md')]);
    expect(files).toEqual([{ path: join(root, 'a.md'), name: 'a.md' }]);
  });
});
