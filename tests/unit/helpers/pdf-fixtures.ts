// Test PDFs made on the fly, so the PDF reader is tested on files whose every line and position is known and
// no binary fixture has to be trusted or kept in sync. pdf-lib builds the ordinary ones; it cannot encrypt, so
// encrypted files come from a small hand-written serializer implementing the PDF Standard Security Handler
// (RC4, revisions 2 and 3), real enough that pdf.js must decrypt them to read a word.
import { createHash } from 'node:crypto';
import { crc32, deflateSync } from 'node:zlib';
import { PDFDocument, PDFName, StandardFonts, type PDFFont, type PDFPage } from 'pdf-lib';

interface Line {
  text: string;
  x: number;
  y: number;
  size: number;
  bold?: boolean;
}

const LETTER: [number, number] = [612, 792];
const HEADER = 'Dossier Test Quarterly';

/** What the article fixture says, so tests compare against the same strings the PDF was drawn from. */
export const ARTICLE = {
  title: 'Talks in Antalya: a report',
  authors: ['Ana Souza', 'Piotr Nowak'],
  header: HEADER,
  heading: 'Talks in Antalya',
  subheading: 'Reactions',
  wrapped:
    'The foreign ministers met on Thursday in Antalya for the first time since the war began. The talks ' +
    'lasted ninety minutes and ended without any agreement on a ceasefire, officials from both delegations said.',
  hyphenated:
    'Observers at the hotel described the mood in the hall and the negotiations as tense but civil. A second ' +
    'round was not announced.',
  accented: 'Rodríguez said the meeting had been useful.',
  page2: 'Diplomats in Brussels welcomed the meeting but warned that a lasting settlement remained distant.',
  indented: 'Markets barely moved on the news.',
};

const ARTICLE_PAGES: Line[][] = [
  [
    { text: HEADER, x: 72, y: 760, size: 9 },
    { text: ARTICLE.heading, x: 72, y: 700, size: 20, bold: true },
    {
      text: 'The foreign ministers met on Thursday in Antalya for the first time since',
      x: 72,
      y: 660,
      size: 11,
    },
    { text: 'the war began. The talks lasted ninety minutes and ended without any', x: 72, y: 646, size: 11 },
    { text: 'agreement on a ceasefire, officials from both delegations said.', x: 72, y: 632, size: 11 },
    { text: 'Observers at the hotel described the mood in the hall and the nego-', x: 72, y: 604, size: 11 },
    { text: 'tiations as tense but civil. A second round was not announced.', x: 72, y: 590, size: 11 },
    { text: ARTICLE.accented, x: 72, y: 562, size: 11 },
    { text: '1', x: 303, y: 40, size: 9 },
  ],
  [
    { text: HEADER, x: 72, y: 760, size: 9 },
    { text: ARTICLE.subheading, x: 72, y: 700, size: 14, bold: true },
    { text: 'Diplomats in Brussels welcomed the meeting but warned that a lasting', x: 72, y: 670, size: 11 },
    { text: 'settlement remained distant.', x: 72, y: 656, size: 11 },
    // Same line spacing, no gap: only the indentation says a new paragraph starts here.
    { text: ARTICLE.indented, x: 90, y: 642, size: 11 },
    { text: '2', x: 303, y: 40, size: 9 },
  ],
];

async function drawPages(doc: PDFDocument, pages: Line[][]): Promise<void> {
  const regular = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  for (const lines of pages) {
    const page: PDFPage = doc.addPage(LETTER);
    for (const line of lines) {
      const font: PDFFont = line.bold ? bold : regular;
      page.drawText(line.text, { x: line.x, y: line.y, size: line.size, font });
    }
  }
}

/** Two pages: heading, wrapped and hyphenated paragraphs, a running header, page numbers, Info and /Lang. */
export async function articlePdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  await drawPages(doc, ARTICLE_PAGES);
  doc.setTitle(ARTICLE.title);
  doc.setAuthor(ARTICLE.authors.join('; '));
  doc.setLanguage('en-GB');
  doc.setCreationDate(new Date('2021-03-04T05:06:07Z'));
  doc.setModificationDate(new Date('2022-03-04T05:06:07Z'));
  return doc.save();
}

export interface MetadataFixture {
  infoTitle?: string;
  infoAuthor?: string;
  xmp?: { title?: string; creators?: string[]; language?: string };
}

/** One page of text with the Info dictionary and XMP packet given (word processors' junk included). */
export async function metadataPdf(metadata: MetadataFixture): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  await drawPages(doc, [[{ text: 'Some body text on the only page.', x: 72, y: 700, size: 11 }]]);
  if (metadata.infoTitle !== undefined) doc.setTitle(metadata.infoTitle);
  if (metadata.infoAuthor !== undefined) doc.setAuthor(metadata.infoAuthor);
  const { xmp } = metadata;
  if (xmp) {
    const items = (tag: string, kind: string, values: string[]) =>
      `<dc:${tag}><rdf:${kind}>${values.map((v) => `<rdf:li xml:lang="x-default">${v}</rdf:li>`).join('')}</rdf:${kind}></dc:${tag}>`;
    const packet =
      '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/">' +
      '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">' +
      '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">' +
      (xmp.title === undefined ? '' : items('title', 'Alt', [xmp.title])) +
      (xmp.creators === undefined ? '' : items('creator', 'Seq', xmp.creators)) +
      (xmp.language === undefined ? '' : items('language', 'Bag', [xmp.language])) +
      '</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>';
    const stream = doc.context.stream(new TextEncoder().encode(packet), { Type: 'Metadata', Subtype: 'XML' });
    doc.catalog.set(PDFName.of('Metadata'), doc.context.register(stream));
  }
  return doc.save();
}

/** `count` empty pages: a document over the page limit, cheap to make and to open. */
export async function manyPagesPdf(count: number): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  for (let i = 0; i < count; i++) doc.addPage([200, 200]);
  return doc.save();
}

const WORDS = (
  'the of minister talks agreement said council report source official government delegation meeting week ' +
  'border trade policy analysts warned statement region election court ruling budget committee press vote ' +
  'negotiations ceasefire parliament economy sanctions spokesman interview document archive evidence'
).split(' ');

/** Deterministic prose: the same "random" words on every run, different on every page. */
function prose(seed: number, words: number): string {
  let state = seed;
  const out: string[] = [];
  for (let i = 0; i < words; i++) {
    state = (state * 1103515245 + 12345) % 2147483648;
    const word = WORDS[state % WORDS.length]!;
    out.push(i === 0 ? word[0]!.toUpperCase() + word.slice(1) : word);
  }
  return `${out.join(' ')}.`;
}

/** Greedy line breaking, as a word processor does it. */
function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    const candidate = line ? `${line} ${word}` : word;
    if (line && font.widthOfTextAtSize(candidate, size) > width) {
      lines.push(line);
      line = word;
    } else line = candidate;
  }
  if (line) lines.push(line);
  return lines;
}

/** `pages` pages of wrapped paragraphs under a heading, with a running header and page numbers. */
export async function longPdf(pages: number): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const regular = await doc.embedFont(StandardFonts.Helvetica);
  const content: Line[][] = [];
  for (let p = 1; p <= pages; p++) {
    const lines: Line[] = [
      { text: HEADER, x: 72, y: 760, size: 9 },
      { text: `Section ${p}`, x: 72, y: 720, size: 16, bold: true },
    ];
    let y = 690;
    for (let paragraph = 0; y > 120; paragraph++) {
      for (const text of wrap(prose(p * 100 + paragraph, 60), regular, 10, 468)) {
        lines.push({ text, x: 72, y, size: 10 });
        y -= 13;
      }
      y -= 9;
    }
    lines.push({ text: String(p), x: 303, y: 40, size: 9 });
    content.push(lines);
  }
  await drawPages(doc, content);
  return doc.save();
}

/** A "scan": pages holding only an image and some shapes, no text operators at all. */
export async function scannedPdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const image = await doc.embedPng(grayPng(16, 16));
  for (let i = 0; i < 2; i++) {
    const page = doc.addPage(LETTER);
    page.drawImage(image, { x: 36, y: 36, width: 540, height: 720 });
    page.drawRectangle({ x: 72, y: 600, width: 400, height: 12 });
    page.drawEllipse({ x: 300, y: 300, xScale: 50, yScale: 30 });
  }
  doc.setTitle('Scanned letter');
  return doc.save();
}

/** A minimal grayscale PNG (a gradient), built by hand so the scan fixture needs no image file. */
function grayPng(width: number, height: number): Uint8Array {
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 0, 0, 0, 0], 8); // 8-bit grayscale, no interlace
  const rows = Buffer.alloc((width + 1) * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) rows[y * (width + 1) + 1 + x] = (x * 16 + y * 8) & 0xff;
  }
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([
    signature,
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A valid header, then bytes that are not PDF at all. */
export function garbagePdf(): Uint8Array {
  const garbage = Buffer.alloc(4000);
  for (let i = 0; i < garbage.length; i++) garbage[i] = (i * 7919 + 13) % 251;
  return Buffer.concat([Buffer.from('%PDF-1.7\n', 'latin1'), garbage]);
}

/** The first `share` of a valid PDF, as left by an interrupted download. */
export function truncated(bytes: Uint8Array, share: number): Uint8Array {
  return bytes.slice(0, Math.floor(bytes.length * share));
}

// ---- Encrypted PDFs: the Standard Security Handler (PDF 1.7, 7.6.3), RC4 only ----------------------------

export interface EncryptionOptions {
  userPassword: string;
  ownerPassword: string;
  /** 2: 40-bit RC4; 3: 128-bit RC4. */
  revision: 2 | 3;
  text: string;
  title: string;
}

const PASSWORD_PADDING = Buffer.from(
  '28bf4e5e4e758a4164004e56fffa01082e2e00b6d0683e802f0ca9fe6453697a',
  'hex',
);
/** All permissions granted; bits 1-2 must be 0 and the high bits 1, hence negative. */
const PERMISSIONS = -4;

export function rc4(key: Uint8Array, data: Uint8Array): Buffer {
  const s = Array.from({ length: 256 }, (_, i) => i);
  let j = 0;
  for (let i = 0; i < 256; i++) {
    j = (j + s[i]! + key[i % key.length]!) & 0xff;
    [s[i], s[j]] = [s[j]!, s[i]!];
  }
  const out = Buffer.alloc(data.length);
  let i = 0;
  j = 0;
  for (let n = 0; n < data.length; n++) {
    i = (i + 1) & 0xff;
    j = (j + s[i]!) & 0xff;
    [s[i], s[j]] = [s[j]!, s[i]!];
    out[n] = data[n]! ^ s[(s[i]! + s[j]!) & 0xff]!;
  }
  return out;
}

const md5 = (...parts: Uint8Array[]) => {
  const hash = createHash('md5');
  for (const part of parts) hash.update(part);
  return hash.digest();
};

function padPassword(password: string): Buffer {
  return Buffer.concat([Buffer.from(password, 'latin1'), PASSWORD_PADDING]).subarray(0, 32);
}

/** Revision 3 re-encrypts 19 more times with the key XORed with the round number. */
function rc4Rounds(key: Uint8Array, data: Uint8Array, revision: 2 | 3): Buffer {
  let out = rc4(key, data);
  if (revision === 3) {
    for (let round = 1; round <= 19; round++)
      out = rc4(
        key.map((byte) => byte ^ round),
        out,
      );
  }
  return out;
}

/** Algorithm 3: the /O entry, the user password encrypted with a key made from the owner password. */
function ownerEntry(options: EncryptionOptions, keyLength: number): Buffer {
  let hash = md5(padPassword(options.ownerPassword || options.userPassword));
  if (options.revision === 3) for (let i = 0; i < 50; i++) hash = md5(hash);
  return rc4Rounds(hash.subarray(0, keyLength), padPassword(options.userPassword), options.revision);
}

/** Algorithm 2: the file key, from the user password, /O, /P and the first file identifier. */
function fileKey(options: EncryptionOptions, owner: Buffer, id: Buffer, keyLength: number): Buffer {
  const permissions = Buffer.alloc(4);
  permissions.writeInt32LE(PERMISSIONS);
  let hash = md5(padPassword(options.userPassword), owner, permissions, id);
  if (options.revision === 3) for (let i = 0; i < 50; i++) hash = md5(hash.subarray(0, keyLength));
  return hash.subarray(0, keyLength);
}

/** Algorithms 4 (revision 2) and 5 (revision 3): the /U entry a reader checks a user password against. */
function userEntry(key: Buffer, id: Buffer, revision: 2 | 3): Buffer {
  if (revision === 2) return rc4(key, PASSWORD_PADDING);
  return Buffer.concat([rc4Rounds(key, md5(PASSWORD_PADDING, id), 3), Buffer.alloc(16)]);
}

/** Algorithm 1: each object's strings and streams use the file key salted with the object's number. */
function objectKey(key: Buffer, objectNumber: number): Buffer {
  const salt = Buffer.from([
    objectNumber & 0xff,
    (objectNumber >> 8) & 0xff,
    (objectNumber >> 16) & 0xff,
    0,
    0,
  ]);
  return md5(key, salt).subarray(0, Math.min(key.length + 5, 16));
}

/** A one-page PDF whose content stream and Info title are encrypted with RC4. */
export function encryptedPdf(options: EncryptionOptions): Uint8Array {
  const keyLength = options.revision === 3 ? 16 : 5;
  const id = md5(Buffer.from(`dossier-fixture-${options.text}`, 'latin1'));
  const owner = ownerEntry(options, keyLength);
  const key = fileKey(options, owner, id, keyLength);
  const user = userEntry(key, id, options.revision);
  const escape = (text: string) => text.replace(/[\\()]/g, (c) => `\\${c}`);
  const content = Buffer.from(`BT /F1 12 Tf 72 700 Td (${escape(options.text)}) Tj ET`, 'latin1');
  const stream = rc4(objectKey(key, 4), content);
  const title = rc4(objectKey(key, 6), Buffer.from(options.title, 'latin1')).toString('hex');
  const hex = (bytes: Buffer) => `<${bytes.toString('hex')}>`;
  const objects: Buffer[] = [
    Buffer.from('<< /Type /Catalog /Pages 2 0 R >>'),
    Buffer.from('<< /Type /Pages /Kids [3 0 R] /Count 1 >>'),
    Buffer.from(
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>',
    ),
    Buffer.concat([
      Buffer.from(`<< /Length ${stream.length} >>\nstream\n`),
      stream,
      Buffer.from('\nendstream'),
    ]),
    Buffer.from('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>'),
    Buffer.from(`<< /Title <${title}> >>`),
    Buffer.from(
      `<< /Filter /Standard /V ${options.revision === 3 ? 2 : 1} /R ${options.revision} /Length ${keyLength * 8} ` +
        `/O ${hex(owner)} /U ${hex(user)} /P ${PERMISSIONS} >>`,
    ),
  ];
  const trailer = `/Info 6 0 R /Encrypt 7 0 R /ID [${hex(id)} ${hex(id)}]`;
  return serializePdf(objects, trailer);
}

/**
 * A one-page Japanese PDF whose font names a predefined CMap (UniJIS-UCS2-H) instead of embedding one, as
 * many CJK PDFs do: its text decodes only if pdf.js finds the CMap files it ships.
 */
export function japanesePdf(text: string): Uint8Array {
  const codes = Buffer.from(text, 'utf16le').swap16().toString('hex');
  const content = Buffer.from(`BT /F1 14 Tf 72 700 Td <${codes}> Tj ET`, 'latin1');
  return serializePdf(
    [
      Buffer.from('<< /Type /Catalog /Pages 2 0 R >>'),
      Buffer.from('<< /Type /Pages /Kids [3 0 R] /Count 1 >>'),
      Buffer.from(
        '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>',
      ),
      Buffer.concat([
        Buffer.from(`<< /Length ${content.length} >>\nstream\n`),
        content,
        Buffer.from('\nendstream'),
      ]),
      Buffer.from(
        '<< /Type /Font /Subtype /Type0 /BaseFont /KozMinPr6N-Regular /Encoding /UniJIS-UCS2-H ' +
          '/DescendantFonts [<< /Type /Font /Subtype /CIDFontType0 /BaseFont /KozMinPr6N-Regular ' +
          '/CIDSystemInfo << /Registry (Adobe) /Ordering (Japan1) /Supplement 6 >> /FontDescriptor ' +
          '<< /Type /FontDescriptor /FontName /KozMinPr6N-Regular /Flags 4 /FontBBox [0 -200 1000 900] ' +
          '/ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 700 /StemV 80 >> >>] >>',
      ),
    ],
    '',
  );
}

/** Objects numbered from 1 in order, a classic cross-reference table, and a trailer. */
function serializePdf(objects: Buffer[], trailerEntries: string): Buffer {
  const parts: Buffer[] = [Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  const offsets: number[] = [];
  let length = parts[0]!.length;
  objects.forEach((body, i) => {
    const object = Buffer.concat([Buffer.from(`${i + 1} 0 obj\n`), body, Buffer.from('\nendobj\n')]);
    offsets.push(length);
    parts.push(object);
    length += object.length;
  });
  const xref = [
    `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`,
    ...offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`),
    `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R ${trailerEntries} >>\n`,
    `startxref\n${length}\n%%EOF\n`,
  ].join('');
  parts.push(Buffer.from(xref, 'latin1'));
  return Buffer.concat(parts);
}
