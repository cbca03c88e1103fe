// What a researcher gets from a PDF: its text in blocks that name their page, headings and running headers
// told apart, the title and authors the file states, and a refusal that says why when it cannot be read.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Block } from '../../../../../shared/domain';
import { ingestFile } from '../../../../../electron/services/ingest/index';
import { MAX_PDF_PAGES, PDF_REFUSALS, readPdf } from '../../../../../electron/services/ingest/pdf';
import {
  layoutDocument,
  linesOfPage,
  type TextRun,
} from '../../../../../electron/services/ingest/pdf-layout';
import type { ReadDocument } from '../../../../../electron/services/ingest/types';
import {
  ARTICLE,
  articlePdf,
  encryptedPdf,
  garbagePdf,
  japanesePdf,
  manyPagesPdf,
  metadataPdf,
  scannedPdf,
  truncated,
} from '../../../helpers/pdf-fixtures';
import { refusalOf } from '../../../helpers/refusal';

const blockText = (doc: ReadDocument, block: Block) => doc.text.slice(block.start, block.end);
const find = (doc: ReadDocument, text: string) => doc.blocks.find((block) => blockText(doc, block) === text);

const refusal = (bytes: Uint8Array) => refusalOf(() => readPdf(bytes));

describe('readPdf on a two-page article', () => {
  let bytes: Uint8Array;
  let doc: ReadDocument;
  beforeAll(async () => {
    bytes = await articlePdf();
    doc = await readPdf(bytes);
  });

  it('gives every block its page, in reading order, paragraphs never crossing a page', () => {
    const content = doc.blocks
      .filter((block) => !block.boilerplate)
      .map((block) => [block.page, blockText(doc, block)]);
    expect(content).toEqual([
      [1, ARTICLE.heading],
      [1, ARTICLE.wrapped],
      [1, ARTICLE.hyphenated],
      [1, ARTICLE.accented],
      [2, ARTICLE.subheading],
      [2, ARTICLE.page2],
      [2, ARTICLE.indented],
    ]);
  });

  it('builds the canonical text from the blocks, separated by blank lines, in NFC', () => {
    expect(doc.text).toBe(doc.blocks.map((block) => blockText(doc, block)).join('\n\n'));
    expect(doc.text).toBe(doc.text.normalize('NFC'));
    // Whitespace inside a block is single spaces only; blocks are separated by exactly one blank line.
    expect(doc.text.split('\n\n').every((part) => part && !/\s{2}|\n|^\s|\s$/u.test(part))).toBe(true);
  });

  it('detects headings by size and ranks them', () => {
    expect(find(doc, ARTICLE.heading)).toMatchObject({ type: 'heading', level: 1 });
    expect(find(doc, ARTICLE.subheading)).toMatchObject({ type: 'heading', level: 2 });
    expect(doc.blocks.filter((block) => block.type === 'heading')).toHaveLength(2);
  });

  it('joins a word hyphenated at a line end, and wrapped lines with a space', () => {
    expect(doc.text).toContain('the negotiations as tense');
    expect(doc.text).not.toContain('nego-');
    expect(doc.text).toContain('since the war began');
  });

  it('marks the running header and the page numbers as boilerplate, and nothing else', () => {
    const boilerplate = doc.blocks
      .filter((block) => block.boilerplate)
      .map((block) => [block.page, blockText(doc, block)]);
    expect(boilerplate).toEqual([
      [1, ARTICLE.header],
      [1, '1'],
      [2, ARTICLE.header],
      [2, '2'],
    ]);
  });

  it('reads title, authors and language from the file with their evidence, and no published date', () => {
    expect(doc.metadata.title).toEqual({
      value: ARTICLE.title,
      evidence: { source: 'pdf-info', detail: 'PDF Info /Title' },
    });
    expect(doc.metadata.authors).toEqual({
      value: ARTICLE.authors,
      evidence: { source: 'pdf-info', detail: 'PDF Info /Author' },
    });
    // The Info dictionary has CreationDate 2021 and ModDate 2022: when the file was made, not published.
    expect(doc.metadata.published).toBeUndefined();
    expect(doc.declaredLanguage).toEqual({
      value: 'en-GB',
      evidence: { source: 'pdf-info', detail: 'PDF catalog /Lang' },
    });
  });

  it('accepts a Node Buffer and leaves the caller’s bytes intact', async () => {
    const buffer = Buffer.from(bytes);
    const again = await readPdf(buffer);
    expect(again.text).toBe(doc.text);
    expect(buffer.byteLength).toBe(bytes.byteLength);
    expect(Buffer.from(bytes).equals(buffer)).toBe(true);
  });
});

describe('readPdf metadata', () => {
  it('prefers XMP, decoding UTF-8, and splits nothing but what XMP lists', async () => {
    const doc = await readPdf(
      await metadataPdf({
        infoTitle: 'Info title',
        infoAuthor: 'Someone Else',
        xmp: { title: 'Relatório anual', creators: ['José Martí', 'Smith, John'], language: 'pt-BR' },
      }),
    );
    expect(doc.metadata.title).toEqual({
      value: 'Relatório anual',
      evidence: { source: 'pdf-info', detail: 'XMP dc:title' },
    });
    expect(doc.metadata.authors?.value).toEqual(['José Martí', 'Smith, John']);
    expect(doc.declaredLanguage?.value).toBe('pt-BR');
  });

  it.each([
    'Microsoft Word - draft.docx',
    'untitled',
    'Untitled document',
    'report_final_v2.pdf',
    'notes.doc',
    'C:\\Users\\ana\\Desktop\\report',
    '   ',
  ])('ignores the junk title %j', async (junk) => {
    const doc = await readPdf(await metadataPdf({ infoTitle: junk, infoAuthor: 'Windows User' }));
    expect(doc.metadata.title).toBeUndefined();
    expect(doc.metadata.authors).toBeUndefined();
  });

  it('keeps a title that merely looks unusual', async () => {
    const doc = await readPdf(await metadataPdf({ infoTitle: '1984' }));
    expect(doc.metadata.title?.value).toBe('1984');
  });

  it('splits authors on semicolons only', async () => {
    const doc = await readPdf(await metadataPdf({ infoAuthor: 'Johnson and Johnson; Smith, J.;  ' }));
    expect(doc.metadata.authors?.value).toEqual(['Johnson and Johnson', 'Smith, J.']);
  });
});

describe('readPdf refusals', () => {
  it('refuses a scan (images, no text layer) saying so', async () => {
    expect(await refusal(await scannedPdf())).toBe(PDF_REFUSALS.scanned);
  });

  it('refuses a PDF that needs a user password, whichever RC4 revision', async () => {
    for (const revision of [2, 3] as const) {
      const bytes = encryptedPdf({
        userPassword: 'secret',
        ownerPassword: 'owner',
        revision,
        text: 'Hidden',
        title: 'T',
      });
      expect(await refusal(bytes)).toBe(PDF_REFUSALS.encrypted);
    }
  });

  it('refuses garbage after a PDF header, and a truncated download, as damaged', async () => {
    expect(await refusal(garbagePdf())).toBe(PDF_REFUSALS.damaged);
    expect(await refusal(truncated(await articlePdf(), 0.5))).toBe(PDF_REFUSALS.damaged);
  });

  it('says so when a PDF uses an encryption handler pdf.js does not know (certificates, plug-ins)', async () => {
    const standard = encryptedPdf({
      userPassword: '',
      ownerPassword: 'o',
      revision: 3,
      text: 'x',
      title: 'T',
    });
    // Same length, so every offset in the cross-reference table still holds.
    const foreign = Buffer.from(
      Buffer.from(standard).toString('latin1').replace('/Standard', '/PlugIn01'),
      'latin1',
    );
    expect(await refusal(foreign)).toBe(PDF_REFUSALS.unsupportedEncryption);
  });

  it('gives a scan, a password and damage each their own message', async () => {
    const locked = encryptedPdf({
      userPassword: 'pw',
      ownerPassword: '',
      revision: 3,
      text: 'x',
      title: 'T',
    });
    const messages = [await refusal(await scannedPdf()), await refusal(locked), await refusal(garbagePdf())];
    expect(new Set(messages).size).toBe(3);
  });

  it(`refuses more than ${MAX_PDF_PAGES} pages before reading any`, async () => {
    expect(await refusal(await manyPagesPdf(MAX_PDF_PAGES + 1))).toMatch(/5,001 pages.*up to 5,000 pages/u);
  });
});

describe('readPdf on encrypted and CJK files it can read', () => {
  it('opens a PDF protected by an owner password only, decrypting its text and title', async () => {
    for (const revision of [2, 3] as const) {
      const text = `Decrypted with revision ${revision} (RC4)`;
      const doc = await readPdf(
        encryptedPdf({ userPassword: '', ownerPassword: 'owner', revision, text, title: 'Sealed report' }),
      );
      expect(doc.text).toBe(text);
      expect(doc.blocks).toEqual([{ type: 'paragraph', start: 0, end: text.length, page: 1 }]);
      expect(doc.metadata.title?.value).toBe('Sealed report');
    }
  });

  it('decodes Japanese set in a font that names a predefined CMap', async () => {
    const doc = await readPdf(japanesePdf('東京で会談が行われた。'));
    expect(doc.text).toBe('東京で会談が行われた。');
  });
});

describe('PDF layout rules', () => {
  /** Runs on one page, one per line, 12 points apart unless given. */
  const page = (lines: { text: string; x?: number; y: number; size?: number }[]): TextRun[] =>
    lines.map(({ text, x = 72, y, size = 10 }) => ({
      str: text,
      transform: [size, 0, 0, size, x, y],
      width: text.length * size * 0.5,
      hasEOL: true,
    }));
  const layout = (...pages: TextRun[][]) => {
    const { text, blocks } = layoutDocument(
      pages.map((runs, i) => linesOfPage(i + 1, [0, 0, 612, 792], runs)),
    );
    return blocks.map((block) => text.slice(block.start, block.end));
  };

  it('keeps the hyphen before a capital or a digit, drops a soft hyphen, and only joins lower case', () => {
    const text = [
      'The Franco-',
      'German border and the COVID-',
      '19 rules were re-',
      'negotiated by well\u00ad',
      'meaning envoys who met in -',
      'Paris.',
    ];
    expect(layout(page(text.map((line, i) => ({ text: line, y: 700 - 12 * i }))))).toEqual([
      'The Franco-German border and the COVID-19 rules were renegotiated by wellmeaning envoys who met in - Paris.',
    ]);
  });

  it('joins Chinese and Japanese lines without a space', () => {
    expect(
      layout(
        page([
          { text: '东京会谈', y: 700 },
          { text: '结束了。', y: 688 },
        ]),
      ),
    ).toEqual(['东京会谈结束了。']);
  });

  it('keeps an entry with a hanging indent together, even when its next line starts with a capital', () => {
    const lines = [
      { text: `Smith, J. ${'x'.repeat(70)}`, y: 700 },
      { text: `Journal ${'x'.repeat(68)}`, x: 90, y: 688 },
      { text: 'pp. 1-9.', x: 90, y: 676 },
      { text: `Jones, K. ${'x'.repeat(70)}`, y: 664 },
      { text: 'Review 3.', x: 90, y: 652 },
    ];
    expect(layout(page(lines))).toEqual([
      `Smith, J. ${'x'.repeat(70)} Journal ${'x'.repeat(68)} pp. 1-9.`,
      `Jones, K. ${'x'.repeat(70)} Review 3.`,
    ]);
  });

  it('starts a paragraph at a first-line indent after a line that stopped short', () => {
    const full = 'x'.repeat(80);
    const lines = [
      { text: full, y: 700 },
      { text: 'Short last line.', y: 688 },
      { text: 'indented, and in lower case so that only the indent tells', x: 90, y: 676 },
      { text: full, y: 664 },
    ];
    expect(layout(page(lines))).toEqual([
      `${full} Short last line.`,
      `indented, and in lower case so that only the indent tells ${full}`,
    ]);
  });

  it('starts a paragraph after a line that stopped although the next word would have fitted', () => {
    const full = 'w'.repeat(80);
    const lines = [
      { text: full, y: 700 },
      { text: 'It ends here.', y: 688 },
      { text: 'Next paragraph', y: 676 },
      { text: full, y: 664 },
    ];
    expect(layout(page(lines))).toEqual([`${full} It ends here.`, `Next paragraph ${full}`]);
  });

  it('takes a large "Chapter 2" opening each page for a heading, not a running header', () => {
    const pages = [1, 2, 3].map((n) =>
      page([
        { text: `Chapter ${n}`, y: 740, size: 18 },
        { text: ['Rain fell all day.', 'The ship sailed at dawn.', 'Nobody came back.'][n - 1]!, y: 700 },
        { text: n === 2 ? 'xiv' : String(n), x: 300, y: 40 },
      ]),
    );
    const { text, blocks } = layoutDocument(
      pages.map((runs, i) => linesOfPage(i + 1, [0, 0, 612, 792], runs)),
    );
    const summary = blocks.map((block) => [
      text.slice(block.start, block.end),
      block.type,
      block.boilerplate ?? false,
    ]);
    expect(summary.filter(([, type]) => type === 'heading').map(([content]) => content)).toEqual([
      'Chapter 1',
      'Chapter 2',
      'Chapter 3',
    ]);
    expect(summary.filter(([, , boilerplate]) => boilerplate).map(([content]) => content)).toEqual([
      '1',
      'xiv',
      '3',
    ]);
  });

  it('puts a space between runs separated by a visible gap, and none between touching runs', () => {
    const runs: TextRun[] = [
      { str: 'Kal', transform: [10, 0, 0, 10, 72, 700], width: 15, hasEOL: false },
      { str: 'ashnikov', transform: [10, 0, 0, 10, 87, 700], width: 40, hasEOL: false },
      { str: 'said', transform: [10, 0, 0, 10, 131, 700], width: 20, hasEOL: true },
    ];
    expect(layout(runs)).toEqual(['Kalashnikov said']);
  });
});

describe('a PDF through the import pipeline', () => {
  it('imports with pages, boilerplate and the file’s own title', async () => {
    const doc = await ingestFile('talks.pdf', await articlePdf(), { maxFileBytes: 10 * 1024 * 1024 });
    expect(doc.mediaType).toBe('application/pdf');
    expect(doc.metadata.title?.value).toBe(ARTICLE.title);
    expect(doc.blocks.every((block) => block.page === 1 || block.page === 2)).toBe(true);
    const header = doc.blocks.filter((block) => doc.text.slice(block.start, block.end) === ARTICLE.header);
    expect(header.map((block) => block.boilerplate)).toEqual([true, true]);
    expect(doc.text).toContain(ARTICLE.hyphenated);
  });

  it('refuses a scan through the pipeline with the scan message', async () => {
    await expect(
      ingestFile('letter.pdf', await scannedPdf(), { maxFileBytes: 10 * 1024 * 1024 }),
    ).rejects.toThrow(PDF_REFUSALS.scanned);
  });
});
