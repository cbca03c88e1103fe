// The one door into Dossier for a file: it checks size and kind, decodes, structures and titles the document,
// and refuses with a message a researcher can act on. Everything here is pure apart from collecting paths,
// so the desktop app, the HTTP server and the CLI import identically.
import { lstat, readdir, realpath, stat } from 'node:fs/promises';
import { basename, extname, join, relative, resolve, isAbsolute } from 'node:path';
import type { Block } from '../../../shared/domain';
import { DossierError } from '../../../shared/errors';
import { decodeText } from './decode';
import { structureMarkdown } from './markdown';
import { structurePlainText, type StructuredText } from './text';

export interface IngestedDocument {
  text: string;
  blocks: Block[];
  title: string;
  mediaType: 'text/plain' | 'text/markdown';
}

export interface ImportFile {
  path: string;
  name: string;
}

export interface ImportPathFailure {
  fileName: string;
  reason: string;
}

const MEDIA_TYPE_BY_EXTENSION: Record<string, IngestedDocument['mediaType']> = {
  '.txt': 'text/plain',
  '.text': 'text/plain',
  '.md': 'text/markdown',
  '.markdown': 'text/markdown',
};
const SUPPORTED = '(supported: .txt, .md)';
const MAX_TITLE_LENGTH = 300;
const BYTES_PER_MB = 1024 * 1024;

export function ingestFile(
  fileName: string,
  bytes: Uint8Array,
  options: { maxFileBytes: number },
): IngestedDocument {
  assertWithinSizeLimit(bytes.length, options.maxFileBytes);
  const extension = extname(fileName).toLowerCase();
  const binaryKind = sniffBinaryKind(bytes, extension);
  if (binaryKind) {
    throw refused(
      `This is ${binaryKind}; Dossier can import only plain text (.txt) and Markdown (.md) files for now`,
    );
  }
  const mediaType = MEDIA_TYPE_BY_EXTENSION[extension];
  if (!mediaType) {
    throw refused(
      extension
        ? `Dossier cannot import "${extension}" files yet ${SUPPORTED}`
        : `Dossier cannot tell what kind of file this is: its name has no extension ${SUPPORTED}`,
    );
  }
  const { text } = decodeText(bytes);
  const structured = mediaType === 'text/markdown' ? structureMarkdown(text) : structurePlainText(text);
  if (structured.blocks.length === 0) throw refused('The file has no readable text');
  return { ...structured, title: chooseTitle(structured, fileName), mediaType };
}

/** Refuses a file over the size limit; callers reading from disk check the size before reading. */
export function assertWithinSizeLimit(size: number, maxFileBytes: number): void {
  if (size > maxFileBytes) {
    throw refused(
      `The file is ${formatMegabytes(size, 'up')}, over the ${formatMegabytes(maxFileBytes, 'down')} import limit`,
    );
  }
}

/** Formats other than text, recognised by their first bytes whatever the file is called. */
function sniffBinaryKind(bytes: Uint8Array, extension: string): string | null {
  const startsWith = (signature: number[]) => signature.every((byte, i) => bytes[i] === byte);
  if (startsWith([0x25, 0x50, 0x44, 0x46, 0x2d])) return 'a PDF file';
  if (startsWith([0x50, 0x4b, 0x03, 0x04]) || startsWith([0x50, 0x4b, 0x05, 0x06])) return zipKind(extension);
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
 * A Markdown heading is the author's title. Otherwise the first line that reads like a headline is: text
 * saved from the web opens with site banners ("Vietnam.vn - …"), navigation ("All news"), source and date
 * lines ("Bron: albaciudad 16 februari 2022") and rules ('~~~'), none of which name the article. A first
 * candidate that is a whole paragraph is no title either; then the file name stands in. (Issue 3 replaces
 * this with real metadata extraction.)
 */
function chooseTitle(structured: StructuredText, fileName: string): string {
  const texts = (blocks: Block[]) => blocks.map((block) => structured.text.slice(block.start, block.end));
  const headings = texts(structured.blocks.filter((block) => block.type === 'heading'));
  const candidate = headings[0] ?? texts(structured.blocks).find(isHeadlineLike);
  if (candidate && (headings[0] !== undefined || candidate.length <= MAX_HEADLINE_LENGTH)) {
    return capTitle(candidate.replace(/\s+/g, ' ').trim());
  }
  const extension = extname(fileName);
  return fileName.slice(0, fileName.length - extension.length) || fileName;
}

const MAX_HEADLINE_LENGTH = 200;
const SITE_NAME = /(?:^|\s)(?:www\.)?[\p{L}\p{N}-]+\.(?:com|net|org|info|news|[a-z]{2})(?=$|[\s/|:–—-])/iu;
const SOURCE_LABEL = /^(?:source|sources|bron|fuente|fonte|quelle|nguồn|источник)\s*:/iu;
const YEAR = /(?:^|\D)(?:19|20)\d{2}(?:\D|$)/u;

function isHeadlineLike(line: string): boolean {
  const words = line.split(/\s+/).filter((token) => /[\p{L}\p{N}]/u.test(token));
  const letters = line.match(/\p{L}/gu)?.length ?? 0;
  const alphanumerics = line.match(/[\p{L}\p{N}]/gu)?.length ?? 0;
  const visible = line.replace(/\s/g, '').length;
  if (alphanumerics < visible / 2) return false; // rules and decorations
  if (words.length < 3 && !(words.length === 2 && letters >= 12)) return false; // navigation
  if (SITE_NAME.test(line) || SOURCE_LABEL.test(line)) return false;
  if (YEAR.test(line) && words.length < 7) return false; // bylines and datelines
  return true;
}

function capTitle(title: string): string {
  if (title.length <= MAX_TITLE_LENGTH) return title;
  const cut = title.slice(0, MAX_TITLE_LENGTH - 1);
  const lastSpace = cut.lastIndexOf(' ');
  return `${lastSpace > MAX_TITLE_LENGTH / 2 ? cut.slice(0, lastSpace) : cut}…`;
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
  const addFile = async (path: string) => {
    const real = await realpath(path);
    const viaLink = (await lstat(path)).isSymbolicLink();
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
  addFile: (path: string) => Promise<void>,
  failures: ImportPathFailure[],
): Promise<void> {
  const realRoot = await realpath(root);
  const visit = async (folder: string): Promise<void> => {
    let entries;
    try {
      entries = await readdir(folder, { withFileTypes: true });
    } catch (error) {
      failures.push({ fileName: folder, reason: describeFileSystemError(error) });
      return;
    }
    entries.sort((a, b) => compareStrings(a.name, b.name));
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const path = join(folder, entry.name);
      if (entry.isDirectory()) await visit(path);
      else if (
        isImportableName(entry.name) &&
        (entry.isFile() || (await isLinkToFileInside(path, realRoot)))
      ) {
        await addFile(path);
      }
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

function isImportableName(name: string): boolean {
  return Object.hasOwn(MEDIA_TYPE_BY_EXTENSION, extname(name).toLowerCase());
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
