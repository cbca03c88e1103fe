// PDFs through pdf.js: text per page, blocks carry their page number so a citation can name the page. The
// file is untrusted, so pdf.js runs with everything that could execute, fetch or load from the system off,
// and a PDF it cannot read is refused saying why: a scan without text, a password, or damage.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type * as PdfJs from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { PDFDocumentLoadingTask, PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { DocumentInitParameters, TextItem, TextMarkedContent } from 'pdfjs-dist/types/src/display/api';
import { DossierError } from '../../../shared/errors';
import { layoutDocument, linesOfPage, type TextLine } from './pdf-layout';
import type { ExtractedMetadata, Found, ReadDocument } from './types';

/** Beyond this the import would hold the main process for minutes; such files are books to split. */
export const MAX_PDF_PAGES = 5000;
/** About 10,000 dense pages of text: far beyond any document, well within memory. */
export const MAX_PDF_CHARACTERS = 30_000_000;

export const PDF_REFUSALS = {
  scanned:
    'This PDF has no text layer (it looks like a scanned image); run it through OCR first, then import it',
  encrypted: 'This PDF is encrypted with a password; Dossier cannot open protected PDFs',
  damaged: 'This PDF is damaged and cannot be read',
  unsupportedEncryption:
    'This PDF is encrypted in a way Dossier cannot open; save an unprotected copy and import that',
};

/**
 * pdf.js's Node build runs its "worker" in this thread (a fake worker it imports from beside pdf.mjs), so
 * nothing is spawned. It is loaded on first use: it is large, and most imports are not PDFs.
 */
let pdfjs: Promise<typeof PdfJs> | undefined;
function loadPdfJs(): Promise<typeof PdfJs> {
  pdfjs ??= import('pdfjs-dist/legacy/build/pdf.mjs');
  return pdfjs;
}

/**
 * Many Chinese, Japanese and Korean PDFs name a predefined CMap instead of embedding one; without it their
 * text cannot be decoded. pdf.js ships them; it reads them with fs, so this is a path into its own package
 * (never the system), with the trailing '/' pdf.js insists on. The standard 14 fonts' files are not needed:
 * their metrics are built in, and they would only cost time.
 */
let cMaps: string | undefined;
function cMapDirectory(): string {
  cMaps ??= `${join(dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json')), 'cmaps')}/`;
  return cMaps;
}

function loadingParameters(bytes: Uint8Array): DocumentInitParameters {
  return {
    // A copy that is a plain Uint8Array: pdf.js rejects Node Buffers and may detach what it is given.
    data: new Uint8Array(bytes),
    cMapUrl: cMapDirectory(),
    cMapPacked: true,
    // pdf.js 5+ has no eval path left (`isEvalSupported` is gone); what remains of generated code is the
    // WebAssembly it compiles from a PDF's PostScript functions. Off: a slower interpreter is used instead.
    useWasm: false,
    disableFontFace: true,
    useSystemFonts: false,
    enableXfa: false,
    disableAutoFetch: true,
    disableStream: true,
    isOffscreenCanvasSupported: false,
    isImageDecoderSupported: false,
    // Recover what can be recovered, as a PDF viewer would: a file Firefox shows is a file Dossier imports.
    stopAtErrors: false,
    verbosity: 0, // errors only
  };
}

export async function readPdf(bytes: Uint8Array): Promise<ReadDocument> {
  const { pages, info } = await extract(bytes);
  const { text, blocks } = layoutDocument(pages);
  // Scanners stamp page numbers or "Scanned with …" on every page; text that is all margin is no text layer.
  const hasText = blocks.some(
    (block) => !block.boilerplate && /[\p{L}\p{N}]/u.test(text.slice(block.start, block.end)),
  );
  if (!hasText) throw refused(PDF_REFUSALS.scanned);
  const { metadata, declaredLanguage } = readMetadata(info);
  return { text, blocks, metadata, ...(declaredLanguage ? { declaredLanguage } : {}) };
}

/** Everything pdf.js does for one file, the document always destroyed, its failures explained. */
async function extract(bytes: Uint8Array): Promise<{ pages: TextLine[][]; info: PdfInfo | null }> {
  const { getDocument } = await loadPdfJs();
  let task: PDFDocumentLoadingTask | undefined;
  try {
    task = getDocument(loadingParameters(bytes));
    const pdf = await task.promise;
    if (pdf.numPages > MAX_PDF_PAGES) {
      throw refused(
        `This PDF has ${pdf.numPages.toLocaleString('en')} pages; Dossier imports PDFs of up to ` +
          `${MAX_PDF_PAGES.toLocaleString('en')} pages, so split it first`,
      );
    }
    const pages = await readPages(pdf);
    // Metadata is a bonus: a broken Info dictionary does not make the text unreadable.
    const info = await pdf.getMetadata().catch(() => null);
    return { pages, info };
  } catch (error) {
    throw explainFailure(error, bytes);
  } finally {
    await task?.destroy();
  }
}

async function readPages(pdf: PDFDocumentProxy): Promise<TextLine[][]> {
  const pages: TextLine[][] = [];
  let characters = 0;
  for (let number = 1; number <= pdf.numPages; number++) {
    const page = await pdf.getPage(number);
    const content = await page.getTextContent({ includeMarkedContent: false });
    const runs = content.items.filter(isTextItem);
    for (const run of runs) characters += run.str.length;
    if (characters > MAX_PDF_CHARACTERS) {
      throw refused('This PDF holds more text than Dossier can import at once; split it into parts first');
    }
    pages.push(linesOfPage(number, page.view, runs));
    page.cleanup();
  }
  return pages;
}

function isTextItem(item: TextItem | TextMarkedContent): item is TextItem {
  return 'str' in item;
}

/**
 * Our own refusals pass through; what pdf.js throws becomes the reason a researcher can act on. Errors from
 * its worker side reach us rebuilt as one of a few exception classes, so the name is what to test; any
 * other error is a bug, not a property of the file, and is not dressed up as one.
 */
function explainFailure(error: unknown, bytes: Uint8Array): unknown {
  if (!(error instanceof Error) || !PDFJS_FAILURES.has(error.name)) return error;
  if (error.name === 'PasswordException') return refused(PDF_REFUSALS.encrypted);
  // Encryption pdf.js does not support (certificates, unknown handlers) fails as a format error; the
  // trailer's /Encrypt key, never compressed, says what it really is.
  if (Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes('/Encrypt')) {
    return refused(PDF_REFUSALS.unsupportedEncryption);
  }
  return refused(PDF_REFUSALS.damaged);
}

const PDFJS_FAILURES = new Set([
  'PasswordException',
  'InvalidPDFException',
  'UnknownErrorException',
  'ResponseException',
]);

function refused(message: string): DossierError {
  return new DossierError('import_refused', message);
}

// ---- Metadata -----------------------------------------------------------------------------------------

type PdfInfo = Awaited<ReturnType<PDFDocumentProxy['getMetadata']>>;

/** What word processors and converters write when nobody gave the document a title. */
const JUNK_TITLE = [
  /^(?:untitled|document|title|no title|new document|presentation|powerpoint presentation|slide \d+)\s*\d*$/iu,
  /^(?:microsoft (?:word|powerpoint|excel)|untitled)\b/iu,
  /\.(?:docx?|pdf|odt|rtf|txt|tex|dvi|pptx?|xlsx?|indd|qxd|pages|wpd|e?ps)$/iu,
  /^[\p{P}\p{S}\s]*$/u,
  /^(?:[a-z]:\\|\\\\|\/(?:users|home|tmp)\/)/iu, // a path on the author's machine
];
const JUNK_AUTHOR =
  /^(?:administrator|admin|user|owner|unknown|windows user|microsoft office user|author)$/iu;
const MAX_TITLE = 1000;
const MAX_AUTHOR = 500;

/**
 * Title, authors and declared language from the XMP packet and the Info dictionary, XMP first as PDF 2.0
 * and pdf.js's own viewer prefer it. CreationDate and ModDate are when the file was made, not when the
 * work was published, so no date comes from here.
 */
function readMetadata(found: PdfInfo | null): {
  metadata: ExtractedMetadata;
  declaredLanguage?: Found<string>;
} {
  const info = (found?.info ?? {}) as Record<string, unknown>;
  const xmp = (name: string): unknown => found?.metadata?.get(name) ?? null;
  const metadata: ExtractedMetadata = {};

  const title =
    evidence(cleanTitle(xmp('dc:title')), 'XMP dc:title') ??
    evidence(cleanTitle(info.Title), 'PDF Info /Title');
  if (title) metadata.title = title;

  const authors =
    evidence(cleanAuthors(xmp('dc:creator')), 'XMP dc:creator') ??
    evidence(cleanAuthors(info.Author), 'PDF Info /Author');
  if (authors) metadata.authors = authors;

  const language =
    evidence(cleanLanguage(info.Language), 'PDF catalog /Lang') ??
    evidence(cleanLanguage(xmp('dc:language')), 'XMP dc:language');
  return { metadata, ...(language ? { declaredLanguage: language } : {}) };
}

function evidence<T>(value: T | null, detail: string): Found<T> | undefined {
  return value === null ? undefined : { value, evidence: { source: 'pdf-info', detail } };
}

const squash = (value: string) =>
  value
    .normalize('NFC')
    .replace(/[\p{Cc}\s]+/gu, ' ')
    .trim();

function cleanTitle(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const title = squash(value);
  if (!title || title.length > MAX_TITLE || JUNK_TITLE.some((junk) => junk.test(title))) return null;
  return title;
}

/** Only ';' separates authors: "Smith, John" and "Johnson and Johnson" are single names. */
function cleanAuthors(value: unknown): string[] | null {
  const names = (Array.isArray(value) ? value : [value])
    .filter((name): name is string => typeof name === 'string')
    .flatMap((name) => name.split(';'))
    .map(squash)
    .filter((name) => name && name.length <= MAX_AUTHOR && !JUNK_AUTHOR.test(name));
  const unique = [...new Set(names)].slice(0, 200);
  return unique.length > 0 ? unique : null;
}

/**
 * A BCP 47 tag, canonically cased ("en-GB"). "x-unknown", "und" (undetermined), "zxx" (no linguistic
 * content), "mul" (several) and anything malformed name no language.
 */
function cleanLanguage(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  for (const candidate of value.replace(/_/gu, '-').split(/[\s,;]+/u)) {
    if (!/^[a-z]{2,3}(?:-[a-z0-9]{2,8})*$/iu.test(candidate) || /^(?:und|zxx|mul|mis|x)\b/iu.test(candidate))
      continue;
    try {
      const [tag] = Intl.getCanonicalLocales(candidate);
      if (tag) return tag;
    } catch {
      // not a well-formed tag after all: try the next one
    }
  }
  return null;
}
