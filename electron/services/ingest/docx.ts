// Word documents: mammoth turns the document into HTML, which becomes the same blocks as a web page. A .docx
// is a ZIP of XML parts and is untrusted input, so before mammoth touches it this module checks what the ZIP
// directory promises (how many parts, how many bytes unpacked) and that no XML part carries a <!DOCTYPE>,
// which Word never writes and which entity attacks (billion laughs, external entities) need. Metadata comes
// from docProps/core.xml, apart from its dates: those say when the file was made, not when it was published.
import { Buffer } from 'node:buffer';
import JSZip from 'jszip';
import mammoth from 'mammoth';
import { JSDOM, VirtualConsole } from 'jsdom';
import { DossierError } from '../../../shared/errors';
import { htmlToBlocks } from './html';
import { languageTag } from './html-metadata';
import type { ExtractedMetadata, Found, ReadDocument } from './types';

const MAX_ENTRIES = 10_000;
const MAX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024;
const MAIN_DOCUMENT = 'word/document.xml';
const OFFICE_DOCUMENT_RELATIONSHIP = /\/officeDocument$/;
const DC = 'http://purl.org/dc/elements/1.1/';
/** Names Word and libraries fill in by themselves: they name an account or a tool, not an author. */
const PLACEHOLDER_CREATORS = new Set([
  'microsoft office user',
  'unknown',
  'user',
  'administrator',
  'python-docx',
]);

interface ZipEntry {
  name: string;
  uncompressedSize: number;
  encrypted: boolean;
}

export async function readDocx(bytes: Uint8Array): Promise<ReadDocument> {
  const directory = readZipDirectory(bytes);
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes);
  } catch {
    throw damaged();
  }
  const sizes = new Map(directory.map((entry) => [entry.name, entry.uncompressedSize]));
  const xml = await readXmlParts(zip, sizes);
  const { mainPath, properties } = withXmlParser((parse) => ({
    mainPath: mainDocumentPath(parse(xml.get('_rels/.rels')), zip),
    properties: coreProperties(parse(xml.get('docProps/core.xml'))),
  }));
  if (!mainPath) throw refused(`This .docx file is not a Word document (no ${MAIN_DOCUMENT})`);
  if (!xml.has(mainPath)) await readXmlPart(zip, mainPath, sizes);

  let html: string;
  try {
    const result = await mammoth.convertToHtml(
      { buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length) },
      {
        // Images are dropped unread: an empty src, and the bytes are never unpacked.
        convertImage: mammoth.images.imgElement(() => Promise.resolve({ src: '' })),
        externalFileAccess: false,
      },
    );
    html = result.value;
  } catch {
    throw damaged();
  }
  // Footnotes end with a "↑" link back to their reference; in a reader without live links it is noise.
  const structured = htmlToBlocks(html.replace(/<a href="#(?:footnote|endnote)-ref-[\w-]+">↑<\/a>/g, ''));
  const { metadata, declaredLanguage } = properties;
  return { ...structured, metadata, ...(declaredLanguage ? { declaredLanguage } : {}) };
}

/**
 * Reads the ZIP's central directory directly, so that a zip bomb is refused from what it declares before
 * anything is unpacked (jszip would build an object per entry first).
 */
function readZipDirectory(bytes: Uint8Array): ZipEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const u16 = (at: number) => view.getUint16(at, true);
  const u32 = (at: number) => view.getUint32(at, true);
  const u64 = (at: number) => u32(at) + u32(at + 4) * 2 ** 32;
  try {
    let end = -1;
    for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - 0xffff); at--) {
      if (u32(at) === 0x06054b50) {
        end = at;
        break;
      }
    }
    if (end === -1) throw damaged();
    let count = u16(end + 10);
    let offset = u32(end + 16);
    // ZIP64: the real count and offset are in a second record, found through the locator just before.
    if ((count === 0xffff || offset === 0xffffffff) && end >= 20 && u32(end - 20) === 0x07064b50) {
      const zip64End = u64(end - 12);
      if (u32(zip64End) !== 0x06064b50) throw damaged();
      count = u64(zip64End + 32);
      offset = u64(zip64End + 48);
    }
    if (count > MAX_ENTRIES) throw tooManyParts();
    const entries: ZipEntry[] = [];
    let total = 0;
    for (let i = 0; i < count; i++) {
      if (u32(offset) !== 0x02014b50) throw damaged();
      const nameLength = u16(offset + 28);
      const extraLength = u16(offset + 30);
      const name = Buffer.from(bytes.subarray(offset + 46, offset + 46 + nameLength)).toString('utf8');
      let size = u32(offset + 24);
      if (size === 0xffffffff) size = zip64Size(view, offset + 46 + nameLength, extraLength);
      total += size;
      if (total > MAX_UNCOMPRESSED_BYTES) throw tooLarge();
      entries.push({ name, uncompressedSize: size, encrypted: (u16(offset + 8) & 1) === 1 });
      offset += 46 + nameLength + extraLength + u16(offset + 32);
    }
    if (entries.some((entry) => entry.encrypted)) {
      throw refused('This Word document is encrypted; save an unprotected copy and import that');
    }
    return entries;
  } catch (error) {
    if (error instanceof DossierError) throw error;
    throw damaged(); // a RangeError from reading past the end: the directory points outside the file
  }
}

/** The unpacked size of a ZIP64 entry, in its extended-information extra field (ID 0x0001). */
function zip64Size(view: DataView, start: number, length: number): number {
  for (let at = start; at + 4 <= start + length;) {
    const id = view.getUint16(at, true);
    const size = view.getUint16(at + 2, true);
    if (id === 0x0001) return view.getUint32(at + 4, true) + view.getUint32(at + 8, true) * 2 ** 32;
    at += 4 + size;
  }
  throw damaged();
}

/** Binary parts mammoth never parses as XML: images are dropped, embedded objects and fonts ignored. */
const BINARY_FOLDERS = /^word\/(?:media|embeddings|fonts)\//i;

/**
 * Every part that may be XML is checked, whatever its name (mammoth follows relationships to any part name);
 * only those read here (relationships, core properties) are kept as text.
 */
async function readXmlParts(zip: JSZip, sizes: Map<string, number>): Promise<Map<string, string>> {
  const kept = new Map<string, string>();
  for (const file of Object.values(zip.files)) {
    if (file.dir || BINARY_FOLDERS.test(file.name)) continue;
    const text = await readXmlPart(zip, file.name, sizes);
    if (file.name === '_rels/.rels' || file.name === 'docProps/core.xml') kept.set(file.name, text);
  }
  return kept;
}

/**
 * Unpacks one part as a stream, stopping at the size the directory declared: a part that unpacks to more
 * than it claims is a bomb in disguise. Also refuses a document type declaration.
 */
function readXmlPart(zip: JSZip, name: string, sizes: Map<string, number>): Promise<string> {
  const file = zip.file(name);
  if (!file) return Promise.resolve('');
  const declared = sizes.get(name);
  const limit = Math.min(declared ?? MAX_UNCOMPRESSED_BYTES, MAX_UNCOMPRESSED_BYTES);
  const chunks: Buffer[] = [];
  let size = 0;
  let tail = '';
  return new Promise((resolve, reject) => {
    // jszip's stream is an old-style Node stream (no async iteration), hence the events.
    const stream = file.nodeStream('nodebuffer');
    const stop = (error: DossierError) => {
      stream.pause();
      stream.removeAllListeners('data');
      reject(error);
    };
    stream.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) return stop(declared === undefined ? tooLarge() : understated(name));
      // The declaration may straddle two chunks; the previous chunk's tail covers that.
      const seen = tail + chunk.toString('latin1');
      if (/<!doctype/i.test(seen)) return stop(doctype(name));
      tail = seen.slice(-8);
      chunks.push(chunk);
    });
    stream.on('error', () => reject(damaged()));
    stream.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });
}

/** The package relationships name the main part; without them Word and mammoth use word/document.xml. */
function mainDocumentPath(relationships: Document | null, zip: JSZip): string | null {
  for (const relationship of relationships?.getElementsByTagName('Relationship') ?? []) {
    if (!OFFICE_DOCUMENT_RELATIONSHIP.test(relationship.getAttribute('Type') ?? '')) continue;
    const target = (relationship.getAttribute('Target') ?? '').replace(/^\//, '');
    if (target && zip.file(target)) return target;
  }
  return zip.file(MAIN_DOCUMENT) ? MAIN_DOCUMENT : null;
}

function coreProperties(core: Document | null): {
  metadata: ExtractedMetadata;
  declaredLanguage?: Found<string>;
} {
  const metadata: ExtractedMetadata = {};
  if (!core) return { metadata };
  const read = (name: string) =>
    core.getElementsByTagNameNS(DC, name)[0]?.textContent?.replace(/\s+/g, ' ').trim().normalize('NFC') ?? '';
  const evidence = (name: string) => ({
    source: 'docx-properties' as const,
    detail: `docProps/core.xml dc:${name}`,
  });

  const title = read('title');
  if (title && title.length <= 2000) metadata.title = { value: title, evidence: evidence('title') };
  const authors = read('creator')
    .split(';')
    .map((name) => name.trim())
    .filter((name) => name !== '' && name.length <= 500 && !PLACEHOLDER_CREATORS.has(name.toLowerCase()));
  if (authors.length > 0) metadata.authors = { value: [...new Set(authors)], evidence: evidence('creator') };
  const language = languageTag(read('language'));
  return language
    ? { metadata, declaredLanguage: { value: language, evidence: evidence('language') } }
    : { metadata };
}

/** One jsdom window parses the package's small XML parts; it is closed after, since an open one holds memory. */
function withXmlParser<T>(use: (parse: (xml: string | undefined) => Document | null) => T): T {
  const { window } = new JSDOM('', { virtualConsole: new VirtualConsole() });
  try {
    const parser = new window.DOMParser();
    return use((xml) => {
      if (!xml) return null;
      const document = parser.parseFromString(xml, 'application/xml');
      // XML that does not parse is treated as absent: the document's text can still be read without it.
      return document.getElementsByTagName('parsererror').length > 0 ? null : document;
    });
  } finally {
    window.close();
  }
}

function damaged(): DossierError {
  return refused('This Word document is damaged and cannot be read');
}

function tooLarge(): DossierError {
  return refused(
    'This Word document would unpack to more than 200 MB, far more than any real document; Dossier did not ' +
      'open it (it may be a "zip bomb")',
  );
}

function doctype(name: string): DossierError {
  return refused(
    `This Word document contains a document type declaration (<!DOCTYPE>) in ${name}. Word never writes ` +
      'one, and it can be used to attack the program reading the file, so Dossier did not open it',
  );
}

function understated(name: string): DossierError {
  return refused(
    `This Word document is damaged: its part ${name} unpacks to more than the ZIP directory says (it may be ` +
      'a "zip bomb"); Dossier did not open it',
  );
}

function tooManyParts(): DossierError {
  return refused(
    `This Word document has more than ${MAX_ENTRIES.toLocaleString('en')} parts, far more than any real ` +
      'document; Dossier did not open it',
  );
}

function refused(message: string): DossierError {
  return new DossierError('import_refused', message);
}
