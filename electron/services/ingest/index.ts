// The one door into Dossier for a file: it checks size and kind, hands the bytes to the reader for their
// format, then runs the same pipeline on every result (boilerplate, facts stated in the text, language) and
// refuses with a message a researcher can act on. Everything here is pure apart from collecting paths, so the
// desktop app, the HTTP server and the CLI import identically.
import { createHash } from 'node:crypto';
import { lstat, readdir, realpath, stat } from 'node:fs/promises';
import { basename, extname, join, relative, resolve, isAbsolute } from 'node:path';
import type { Block } from '../../../shared/domain';
import { DossierError } from '../../../shared/errors';
import { isImportableName, isSavedPageAssets } from '../../../shared/import-files';
import { markBoilerplate } from './boilerplate';
import { decodeText } from './decode';
import { detectLanguage } from './language';
import { structureMarkdown } from './markdown';
import { extractTextMetadata } from './text-metadata';
import { structurePlainText } from './text';
import type { ExtractedMetadata, MediaType, ReadDocument } from './types';

export type { ExtractedMetadata, MediaType } from './types';

export interface IngestedDocument {
  text: string;
  blocks: Block[];
  mediaType: MediaType;
  metadata: ExtractedMetadata;
  /** SHA-256 of the canonical text (duplicates across machines) and of the original bytes (evidence). */
  textSha256: string;
  originalSha256: string;
}

export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

export interface ImportFile {
  path: string;
  name: string;
}

export interface ImportPathFailure {
  fileName: string;
  reason: string;
}

const DOCX: MediaType = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const MEDIA_TYPE_BY_EXTENSION: Record<string, MediaType> = {
  '.txt': 'text/plain',
  '.text': 'text/plain',
  '.md': 'text/markdown',
  '.markdown': 'text/markdown',
  '.html': 'text/html',
  '.htm': 'text/html',
  '.xhtml': 'text/html',
  '.mhtml': 'multipart/related',
  '.mht': 'multipart/related',
  '.pdf': 'application/pdf',
  '.docx': DOCX,
};
const SUPPORTED = '(supported: web pages .html and .mhtml, .pdf, Word .docx, Markdown .md and text .txt)';
const BYTES_PER_MB = 1024 * 1024;

// Readers of the heavier formats load their libraries (jsdom, pdf.js, mammoth) on first use, so that starting
// the app, the CLI or an ingest worker does not pay for formats it may never see.
const READERS: Record<MediaType, (bytes: Uint8Array) => ReadDocument | Promise<ReadDocument>> = {
  'text/plain': (bytes) => ({ ...structurePlainText(decodeText(bytes).text), metadata: {} }),
  'text/markdown': (bytes) => ({ ...structureMarkdown(decodeText(bytes).text), metadata: {} }),
  'text/html': async (bytes) => (await import('./html')).readHtml(bytes),
  'multipart/related': async (bytes) => (await import('./mhtml')).readMhtml(bytes),
  'application/pdf': async (bytes) => (await import('./pdf')).readPdf(bytes),
  [DOCX]: async (bytes) => (await import('./docx')).readDocx(bytes),
};

export async function ingestFile(
  fileName: string,
  bytes: Uint8Array,
  options: { maxFileBytes: number },
): Promise<IngestedDocument> {
  assertWithinSizeLimit(bytes.length, options.maxFileBytes);
  const mediaType = identifyMediaType(fileName, bytes);
  const read = await READERS[mediaType](bytes);
  if (read.blocks.length === 0) throw refused('The file has no readable text');
  const blocks = markBoilerplate(read.text, read.blocks);
  // What the format states (meta tags, PDF info) wins over what the text's lines suggest.
  const metadata: ExtractedMetadata = { ...extractTextMetadata(read.text, blocks), ...read.metadata };
  const language = detectLanguage(read.text, blocks) ?? read.declaredLanguage;
  if (language) metadata.language = language;
  // Hashed here, in the worker, rather than on the main thread that stores the document.
  return {
    text: read.text,
    blocks,
    mediaType,
    metadata,
    textSha256: sha256(read.text),
    originalSha256: sha256(bytes),
  };
}

/**
 * The file's content decides before its name: a PDF called "notes.txt" is a PDF. Then the extension, and
 * for anything else a refusal that names what was found.
 */
function identifyMediaType(fileName: string, bytes: Uint8Array): MediaType {
  const extension = extname(fileName).toLowerCase();
  const startsWith = (signature: number[]) => signature.every((byte, i) => bytes[i] === byte);
  if (startsWith([0x25, 0x50, 0x44, 0x46, 0x2d])) return 'application/pdf';
  if (startsWith([0x50, 0x4b, 0x03, 0x04]) || startsWith([0x50, 0x4b, 0x05, 0x06])) {
    if (extension === '.docx') return DOCX;
    throw refused(`This is ${zipKind(extension)}; Dossier cannot import it ${SUPPORTED}`);
  }
  const binaryKind = sniffBinaryKind(startsWith);
  if (binaryKind) throw refused(`This is ${binaryKind}; Dossier cannot import it ${SUPPORTED}`);
  const byExtension = MEDIA_TYPE_BY_EXTENSION[extension];
  if (byExtension === 'application/pdf') throw refused('This file is named .pdf but is not a PDF');
  if (byExtension === DOCX) throw refused('This file is named .docx but is not a Word document');
  if (byExtension) return byExtension;
  throw refused(
    extension
      ? `Dossier cannot import "${extension}" files ${SUPPORTED}`
      : `Dossier cannot tell what kind of file this is: its name has no extension ${SUPPORTED}`,
  );
}

/** Refuses a file over the size limit; callers reading from disk check the size before reading. */
export function assertWithinSizeLimit(size: number, maxFileBytes: number): void {
  if (size > maxFileBytes) {
    throw refused(
      `The file is ${formatMegabytes(size, 'up')}, over the ${formatMegabytes(maxFileBytes, 'down')} import limit`,
    );
  }
}

/** Formats Dossier does not read, recognised by their first bytes whatever the file is called. */
function sniffBinaryKind(startsWith: (signature: number[]) => boolean): string | null {
  if (startsWith([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))
    return 'an old-style Microsoft Office file';
  if (startsWith([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'a PNG image';
  if (startsWith([0xff, 0xd8, 0xff])) return 'a JPEG image';
  if (startsWith([0x47, 0x49, 0x46, 0x38])) return 'a GIF image';
  return null;
}

/** Office documents and e-books are ZIP files inside; the extension tells which one the user has. */
function zipKind(extension: string): string {
  const kinds: Record<string, string> = {
    '.docx': 'a Word document',
    '.xlsx': 'an Excel spreadsheet',
    '.pptx': 'a PowerPoint presentation',
    '.odt': 'an OpenDocument text file',
    '.epub': 'an EPUB e-book',
  };
  return kinds[extension] ?? 'a ZIP archive (or a Word or other Office document)';
}

/** The shown size is rounded away from the limit, so "10.1 MB, over the 10 MB limit" never reads "10 over 10". */
function formatMegabytes(bytes: number, rounding: 'up' | 'down'): string {
  const megabytes = bytes / BYTES_PER_MB;
  const decimals = megabytes >= 1 ? 1 : Math.min(6, 1 - Math.floor(Math.log10(megabytes)));
  const factor = 10 ** decimals;
  const rounded = (rounding === 'up' ? Math.ceil : Math.floor)(megabytes * factor) / factor;
  return `${rounded} MB`;
}

/**
 * Expands the CLI's arguments into files. Folders contribute only the kinds Dossier imports, so a folder of
 * mixed material just works; a file named explicitly is always passed on, so that its refusal is reported.
 */
export async function collectImportFiles(
  paths: string[],
): Promise<{ files: ImportFile[]; failures: ImportPathFailure[] }> {
  // One entry per file on disk; its own name is preferred to the name of a link pointing at it.
  const filesByRealPath = new Map<string, { file: ImportFile; viaLink: boolean }>();
  const failures: ImportPathFailure[] = [];
  // A regular file found by walking a folder brings its real path along: no system call per file.
  const addFile = async (path: string, realRegularFile?: string) => {
    const real = realRegularFile ?? (await realpath(path));
    const viaLink = realRegularFile ? false : (await lstat(path)).isSymbolicLink();
    const known = filesByRealPath.get(real);
    if (!known || (known.viaLink && !viaLink)) {
      filesByRealPath.set(real, { file: { path, name: basename(path) }, viaLink });
    }
  };
  for (const given of paths) {
    const path = resolve(given);
    try {
      const info = await stat(path);
      if (info.isDirectory()) await collectFolder(path, addFile, failures);
      else if (info.isFile()) await addFile(path);
      else failures.push({ fileName: given, reason: 'This is neither a file nor a folder' });
    } catch (error) {
      failures.push({ fileName: given, reason: describeFileSystemError(error) });
    }
  }
  const files = [...filesByRealPath.values()]
    .map((found) => found.file)
    .sort((a, b) => compareStrings(a.path, b.path));
  return { files, failures: failures.sort((a, b) => compareStrings(a.fileName, b.fileName)) };
}

async function collectFolder(
  root: string,
  addFile: (path: string, realRegularFile?: string) => Promise<void>,
  failures: ImportPathFailure[],
): Promise<void> {
  const realRoot = await realpath(root);
  // Only real folders are walked (links to folders are not followed), so a folder's real path is known.
  const realPathOf = (path: string) => join(realRoot, relative(root, path));
  const visit = async (folder: string): Promise<void> => {
    let entries;
    try {
      entries = await readdir(folder, { withFileTypes: true });
    } catch (error) {
      failures.push({ fileName: folder, reason: describeFileSystemError(error) });
      return;
    }
    entries.sort((a, b) => compareStrings(a.name, b.name));
    const names = new Set(entries.map((entry) => entry.name.toLowerCase()));
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const path = join(folder, entry.name);
      if (entry.isDirectory() && isSavedPageAssets(entry.name, names)) continue;
      if (entry.isDirectory()) await visit(path);
      else if (!isImportableName(entry.name)) continue;
      else if (entry.isFile()) await addFile(path, realPathOf(path));
      else if (await isLinkToFileInside(path, realRoot)) await addFile(path);
    }
  };
  await visit(root);
}

/** Links may point anywhere on disk; a folder import takes only what is really in the folder. */
async function isLinkToFileInside(path: string, realRoot: string): Promise<boolean> {
  try {
    if (!(await lstat(path)).isSymbolicLink()) return false;
    const target = await realpath(path);
    const fromRoot = relative(realRoot, target);
    const inside = fromRoot !== '' && !fromRoot.startsWith('..') && !isAbsolute(fromRoot);
    return inside && (await stat(target)).isFile();
  } catch {
    return false; // a dangling link names nothing to import
  }
}

function describeFileSystemError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return 'No such file or folder';
  if (code === 'EACCES' || code === 'EPERM') return 'Permission denied';
  return `Cannot read it: ${error instanceof Error ? error.message : String(error)}`;
}

/** Code-unit order, so the result does not depend on the machine's locale. */
function compareStrings(a: string, b: string): number {
  if (a < b) return -1;
  return a > b ? 1 : 0;
}

function refused(message: string): DossierError {
  return new DossierError('import_refused', message);
}
