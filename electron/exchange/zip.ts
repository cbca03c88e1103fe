// The archive layer under project exchange: a .dossier project file and a REFI-QDA .qdpx file are both zip
// archives, and one a teammate sends is untrusted. Reading (yauzl) takes in the whole table of contents (the
// central directory) at open and refuses, in plain words and before a byte is unpacked, what could hurt the
// computer or the program: names that climb out of a folder or carry drive letters and control characters,
// symbolic links and devices, encryption, names that collide once capitals and accents are ignored (as they
// are on Windows and macOS), and "zip bombs" (too many entries, too many bytes declared, implausible
// compression, overlapping entries). While an entry is unpacked its declared size and checksum are held to
// account, so an archive that lies in its headers is refused rather than filling memory. Writing is
// zip-writer.ts (deterministic, atomic, deflating on several threads), re-exported here with the name rules
// both sides share (zip-names.ts).
import { createHash } from 'node:crypto';
import { open, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Readable } from 'node:stream';
import { constants as bufferConstants } from 'node:buffer';
import { crc32 } from 'node:zlib';
import yauzl, { type Entry, type ZipFile as YauzlZipFile } from 'yauzl';
import { DossierError } from '../../shared/errors';
import { entryNameProblem, NameRegistry, plainReason, quote } from './zip-names';

export { entryNameProblem } from './zip-names';
export {
  writeFailure,
  ZipWriter,
  type ZipEntryDigest,
  type ZipSource,
  type ZipWriterOptions,
} from './zip-writer';

export interface ZipLimits {
  /** Entries (files and folders) the central directory may list. */
  maxEntries: number;
  /** Bytes all entries may declare together, and bytes all reads of one archive may unpack together. */
  maxTotalBytes: number;
  /** Bytes one entry may declare. */
  maxEntryBytes: number;
  /** Uncompressed / compressed size one entry may declare (checked above 1 MiB). */
  maxRatio: number;
}

const MIB = 1024 * 1024;
const GIB = 1024 * MIB;

export const DEFAULT_ZIP_LIMITS: ZipLimits = Object.freeze({
  maxEntries: 200_000,
  maxTotalBytes: 8 * GIB,
  maxEntryBytes: 2 * GIB,
  maxRatio: 1_000,
});

/** Below this size the compression ratio is not checked (a small file of one repeated byte is harmless). */
const RATIO_CHECKED_ABOVE = MIB;
const DEFAULT_MAX_LINE_BYTES = 64 * MIB;
/** System errors of opening an archive, in words. */
const READ_REASONS: Record<string, string> = {
  ENOENT: 'the file does not exist',
  EACCES: 'permission was denied',
  EPERM: 'permission was denied',
  EIO: 'the disk reported an error',
};

export interface ZipEntryInfo {
  name: string;
  /** Uncompressed size, as declared (and enforced when read). */
  size: number;
  compressedSize: number;
}

export interface SafeZip {
  /** Files only (no directories), in central-directory order. */
  readonly entries: ReadonlyMap<string, ZipEntryInfo>;
  has(name: string): boolean;
  /** The whole entry; refused if it is larger than maxBytes (checked on the declared size, before unpacking). */
  readBuffer(name: string, maxBytes?: number): Promise<Buffer>;
  /** UTF-8 text; a UTF-8 BOM is dropped; invalid UTF-8 is refused naming the entry. */
  readText(name: string, maxBytes?: number): Promise<string>;
  /** The entry as a stream of Buffers (size and CRC checked as it flows; errors are DossierErrors). */
  stream(name: string): Promise<AsyncIterable<Buffer>>;
  /** Lines of a UTF-8 text entry (JSON Lines) without their "\n" or "\r\n"; an empty last line is ignored. */
  lines(name: string, maxLineBytes?: number): AsyncIterable<string>;
  /** SHA-256 (hex) of the entry's bytes, streamed. */
  sha256(name: string): Promise<string>;
  close(): void;
}

// ---------------------------------------------------------------------------------------------------------
// Messages.

/** "52,428,800 bytes", or "50.0 MB (52,428,800 bytes)" from 1 MiB up. */
function describeBytes(n: number): string {
  const exact = `${n.toLocaleString('en')} bytes`;
  if (n < MIB) return exact;
  const units = ['MB', 'GB', 'TB'];
  let value = n / MIB;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(1)} ${units[unit]} (${exact})`;
}

function refused(message: string): DossierError {
  return new DossierError('import_refused', message);
}

/** Refusing the whole archive at open because of one entry. */
function entryRefused(file: string, name: string, problem: string): DossierError {
  return refused(`Dossier did not open ${file}: the entry ${quote(name)} ${problem}.`);
}

/** Refusing one entry while it is read. */
function readRefused(file: string, name: string, problem: string): DossierError {
  return refused(`The entry ${quote(name)} in ${file} ${problem}.`);
}

const COMPRESSION_METHODS: Record<number, string> = {
  1: 'Shrink',
  6: 'Implode',
  9: 'Deflate64',
  12: 'bzip2',
  14: 'LZMA',
  93: 'Zstandard',
  95: 'XZ',
  98: 'PPMd',
  99: 'AES encryption',
};

const UNIX_HOSTS = new Set([3, 19]); // Unix, OS X (Darwin): the high 16 bits of the attributes are st_mode
const S_IFMT = 0o170000;
const S_IFREG = 0o100000;
const S_IFDIR = 0o040000;
const FILE_TYPES: Record<number, string> = {
  0o120000: 'a symbolic link, which could point anywhere on your computer',
  0o010000: 'a named pipe, not a regular file or folder',
  0o020000: 'a character device, not a regular file or folder',
  0o060000: 'a block device, not a regular file or folder',
  0o140000: 'a socket, not a regular file or folder',
};

// ---------------------------------------------------------------------------------------------------------
// Reading.

export async function openZip(path: string, limits: Partial<ZipLimits> = {}): Promise<SafeZip> {
  const limit: ZipLimits = { ...DEFAULT_ZIP_LIMITS, ...limits };
  const file = basename(path);
  let size: number;
  try {
    const info = await stat(path);
    if (info.isDirectory()) throw refused(`Dossier did not open ${file}: it is a folder, not a file.`);
    if (!info.isFile()) throw refused(`Dossier did not open ${file}: it is not a regular file.`);
    size = info.size;
  } catch (error) {
    if (error instanceof DossierError) throw error;
    throw refused(`Dossier could not open ${file}: ${plainReason(error, READ_REASONS)}.`);
  }
  if (size === 0) throw refused(`Dossier did not open ${file}: the file is empty (0 bytes), not an archive.`);

  let zip: YauzlZipFile;
  try {
    zip = await new Promise<YauzlZipFile>((resolve, reject) => {
      yauzl.open(
        path,
        {
          lazyEntries: true,
          autoClose: false,
          validateEntrySizes: true,
          strictFileNames: true,
          decodeStrings: true,
        },
        (error, opened) => (error ? reject(error) : resolve(opened)),
      );
    });
  } catch (error) {
    throw await unreadableArchive(path, file, error);
  }
  // yauzl reports a failure to close its file as an error event; with nobody listening that would crash.
  zip.on('error', () => {});
  try {
    const entries = await readDirectory(zip, path, file, limit);
    return new ArchiveReader(zip, file, limit, entries);
  } catch (error) {
    zip.close();
    throw error;
  }
}

/** Why yauzl could not open the archive at all, in words: not a zip, cut short, or damaged. */
async function unreadableArchive(path: string, file: string, error: unknown): Promise<DossierError> {
  const raw = error instanceof Error ? error.message : String(error);
  if (/end of central directory record signature not found/i.test(raw)) {
    const head = await fileStart(path);
    // A local file header (PK\3\4) at the start and no end record: a zip whose end is missing.
    if (head.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))) return cutShort(file);
    return refused(`Dossier did not open ${file}: it is not a zip archive${guessKind(head)}.`);
  }
  if (/unexpected EOF/i.test(raw)) return cutShort(file);
  if (/invalid comment length/i.test(raw)) {
    return refused(
      `Dossier did not open ${file}: the end of the archive is damaged (it is cut short, or has extra bytes after ` +
        'the end of the archive).',
    );
  }
  return damaged(file, raw);
}

function cutShort(file: string): DossierError {
  return refused(
    `Dossier did not open ${file}: the file is cut short (the end of the archive is missing), perhaps by an ` +
      'interrupted download or copy. Ask for the file again.',
  );
}

function damaged(file: string, detail: string): DossierError {
  return refused(
    `Dossier did not open ${file}: the archive is damaged or uses a zip feature Dossier cannot read (${detail}).`,
  );
}

/** The first bytes of the file, for telling what it is when it is not a zip. */
async function fileStart(path: string): Promise<Buffer> {
  try {
    const handle = await open(path, 'r');
    try {
      const head = Buffer.alloc(512);
      const { bytesRead } = await handle.read(head, 0, head.length, 0);
      return head.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
  } catch {
    return Buffer.alloc(0);
  }
}

/** ", it looks like a PDF document" and the like, or nothing. */
function guessKind(head: Buffer): string {
  const text = head.toString('latin1');
  if (text.startsWith('%PDF')) return ' (it looks like a PDF document renamed)';
  if (/^(\uFEFF|ï»¿)?\s*<\?xml/.test(text)) return ' (it looks like an XML file renamed)';
  const printable = [...head].every(
    (byte) => byte >= 0x20 || byte === 0x09 || byte === 0x0a || byte === 0x0d,
  );
  return printable ? ' (it looks like a text file renamed)' : '';
}

/** The fields of one central-directory record, read by hand when yauzl failed on it (to name the entry). */
interface RawRecord {
  name: string;
  flags: number;
}

async function recordAt(path: string, offset: number): Promise<RawRecord | null> {
  try {
    const handle = await open(path, 'r');
    try {
      const head = Buffer.alloc(46);
      if ((await handle.read(head, 0, 46, offset)).bytesRead < 46 || head.readUInt32LE(0) !== 0x02014b50) {
        return null;
      }
      const flags = head.readUInt16LE(8);
      const nameLength = head.readUInt16LE(28);
      const extraLength = head.readUInt16LE(30);
      const rest = Buffer.alloc(nameLength + extraLength);
      if ((await handle.read(rest, 0, rest.length, offset + 46)).bytesRead < rest.length) return null;
      let extraFields: ReturnType<typeof yauzl.parseExtraFields> = [];
      try {
        extraFields = yauzl.parseExtraFields(rest.subarray(nameLength));
      } catch {
        // A damaged extra field: the name from the plain field will do.
      }
      return {
        name: yauzl.getFileNameLowLevel(flags, rest.subarray(0, nameLength), extraFields, true),
        flags,
      };
    } finally {
      await handle.close();
    }
  } catch {
    return null;
  }
}

/** yauzl stopped on the record at `offset`: say what is wrong with it, naming it if it can be read. */
async function directoryError(
  path: string,
  file: string,
  offset: number,
  error: unknown,
): Promise<DossierError> {
  const raw = error instanceof Error ? error.message : String(error);
  const record = await recordAt(path, offset);
  if (record !== null) {
    if (record.flags & 0x41) return entryRefused(file, record.name, ENCRYPTED);
    const problem = entryNameProblem(record.name);
    if (problem !== null) return entryRefused(file, record.name, problem);
    const stored = /size mismatch for stored file: (\d+) != (\d+)/.exec(raw);
    if (stored) {
      return entryRefused(
        file,
        record.name,
        `is damaged: its header declares ${Number(stored[2]).toLocaleString('en')} bytes of data stored without ` +
          `compression but ${Number(stored[1]).toLocaleString('en')} bytes stored (lying size fields)`,
      );
    }
    return entryRefused(file, record.name, `is damaged and cannot be read (${raw})`);
  }
  if (/unexpected EOF|invalid central directory file header signature/i.test(raw)) {
    return refused(
      `Dossier did not open ${file}: the archive's table of contents (its central directory) is damaged or ` +
        `cut short (${raw}).`,
    );
  }
  return damaged(file, raw);
}

const ENCRYPTED = 'is encrypted (password-protected); Dossier cannot read encrypted archives';

/** The files of the archive, after every check on the central directory. */
async function readDirectory(
  zip: YauzlZipFile,
  path: string,
  file: string,
  limit: ZipLimits,
): Promise<Map<string, Entry>> {
  if (zip.entryCount > limit.maxEntries) {
    throw refused(
      `Dossier did not open ${file}: it has too many entries (${zip.entryCount.toLocaleString('en')}; the limit is ` +
        `${limit.maxEntries.toLocaleString('en')}), far more than a real project (it may be a "zip bomb").`,
    );
  }
  // Where the record being read starts; yauzl's error for a bad record does not name it, so it is read again.
  let cursor = (zip as unknown as { readEntryCursor: number }).readEntryCursor;
  const files = new Map<string, Entry>();
  const all: Entry[] = [];
  const names = new NameRegistry();
  let declaredTotal = 0;
  for (;;) {
    let entry: Entry | null;
    try {
      entry = await nextEntry(zip);
    } catch (error) {
      throw await directoryError(path, file, cursor, error);
    }
    if (entry === null) break;
    cursor += 46 + entry.fileNameLength + entry.extraFieldLength + entry.fileCommentLength;
    const name = entry.fileName;
    const isFolder = name.endsWith('/');
    const rawControl = entry.fileNameRaw.findIndex((byte) => byte < 0x20 || byte === 0x7f);
    if (rawControl !== -1) {
      const byte = entry.fileNameRaw[rawControl] ?? 0;
      throw entryRefused(
        file,
        name,
        `has a control character (byte 0x${byte.toString(16).padStart(2, '0')}) in its name`,
      );
    }
    const nameProblem = entryNameProblem(name);
    if (nameProblem !== null) throw entryRefused(file, name, nameProblem);
    if (entry.generalPurposeBitFlag & 0x41) throw entryRefused(file, name, ENCRYPTED);
    if (UNIX_HOSTS.has(entry.versionMadeBy >> 8)) {
      const type = (entry.externalFileAttributes >>> 16) & S_IFMT;
      if (type !== 0 && type !== S_IFREG && type !== S_IFDIR) {
        throw entryRefused(file, name, `is ${FILE_TYPES[type] ?? 'not a regular file or folder'}`);
      }
    }
    if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8) {
      const method = COMPRESSION_METHODS[entry.compressionMethod];
      throw entryRefused(
        file,
        name,
        `uses a compression method Dossier cannot unpack (method ${entry.compressionMethod}` +
          `${method ? `, ${method}` : ''}); only "stored" and "deflate" are supported`,
      );
    }
    const size = entry.uncompressedSize;
    if (size > limit.maxEntryBytes) {
      throw entryRefused(
        file,
        name,
        `would unpack to ${describeBytes(size)}, more than the ${describeBytes(limit.maxEntryBytes)} one entry may ` +
          'have (it may be a "zip bomb")',
      );
    }
    declaredTotal += size;
    if (declaredTotal > limit.maxTotalBytes) {
      throw refused(
        `Dossier did not open ${file}: its entries would unpack to more than ${describeBytes(limit.maxTotalBytes)} ` +
          `in all (at least ${describeBytes(declaredTotal)}; it may be a "zip bomb").`,
      );
    }
    if (size > RATIO_CHECKED_ABOVE && size > entry.compressedSize * limit.maxRatio) {
      const ratio =
        entry.compressedSize === 0
          ? 'from nothing'
          : `${Math.round(size / entry.compressedSize).toLocaleString('en')} to 1`;
      throw entryRefused(
        file,
        name,
        `claims to unpack ${describeBytes(entry.compressedSize)} into ${describeBytes(size)} (${ratio}), more than ` +
          `the ${limit.maxRatio.toLocaleString('en')} to 1 any real compression gives; it is probably a "zip bomb"`,
      );
    }
    const collision = names.register(name, isFolder);
    if (collision !== null) throw entryRefused(file, name, collision);
    all.push(entry);
    if (!isFolder) files.set(name, entry);
  }
  refuseOverlaps(file, all);
  return files;
}

/**
 * Refuses entries whose bytes overlap in the file: a well-formed archive stores each entry once, while the
 * densest zip bombs point many entries at the same compressed data. An entry's data ends at least at its
 * offset + 30 (the fixed local header) + its name + its compressed size.
 */
function refuseOverlaps(file: string, entries: Entry[]): void {
  const sorted = [...entries].sort((a, b) => a.relativeOffsetOfLocalHeader - b.relativeOffsetOfLocalHeader);
  for (let i = 1; i < sorted.length; i++) {
    const before = sorted[i - 1]!;
    const after = sorted[i]!;
    const end = before.relativeOffsetOfLocalHeader + 30 + before.fileNameLength + before.compressedSize;
    if (end > after.relativeOffsetOfLocalHeader) {
      throw entryRefused(
        file,
        after.fileName,
        `overlaps the entry ${quote(before.fileName)} in the file; entries sharing bytes are a "zip bomb" trick`,
      );
    }
  }
}

/** The next central-directory record, or null after the last. */
function nextEntry(zip: YauzlZipFile): Promise<Entry | null> {
  return new Promise((resolve, reject) => {
    const onEntry = (entry: Entry): void => {
      done();
      resolve(entry);
    };
    const onEnd = (): void => {
      done();
      resolve(null);
    };
    const onError = (error: unknown): void => {
      done();
      reject(error);
    };
    const done = (): void => {
      zip.off('entry', onEntry);
      zip.off('end', onEnd);
      zip.off('error', onError);
    };
    zip.on('entry', onEntry);
    zip.on('end', onEnd);
    zip.on('error', onError);
    zip.readEntry();
  });
}

const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);

class ArchiveReader implements SafeZip {
  readonly entries: ReadonlyMap<string, ZipEntryInfo>;
  readonly #zip: YauzlZipFile;
  readonly #file: string;
  readonly #limit: ZipLimits;
  readonly #raw: Map<string, Entry>;
  /** Streams handed out and not yet finished, destroyed on close so the file is let go. */
  readonly #open = new Set<Readable>();
  /** Bytes unpacked by all reads so far, held to maxTotalBytes. */
  #unpacked = 0;
  #closed = false;

  constructor(zip: YauzlZipFile, file: string, limit: ZipLimits, raw: Map<string, Entry>) {
    this.#zip = zip;
    this.#file = file;
    this.#limit = limit;
    this.#raw = raw;
    const entries = new Map<string, ZipEntryInfo>();
    for (const [name, entry] of raw) {
      entries.set(
        name,
        Object.freeze({ name, size: entry.uncompressedSize, compressedSize: entry.compressedSize }),
      );
    }
    this.entries = entries;
  }

  has(name: string): boolean {
    return this.#raw.has(name);
  }

  async readBuffer(name: string, maxBytes?: number): Promise<Buffer> {
    const entry = this.#entry(name);
    const max = Math.min(maxBytes ?? this.#limit.maxEntryBytes, bufferConstants.MAX_LENGTH);
    this.#refuseAbove(entry, max);
    const out = Buffer.allocUnsafe(entry.uncompressedSize);
    let at = 0;
    for await (const chunk of this.#read(entry)) {
      if (at + chunk.length > out.length) throw this.#understated(entry);
      chunk.copy(out, at);
      at += chunk.length;
    }
    return out;
  }

  async readText(name: string, maxBytes?: number): Promise<string> {
    const max = Math.min(maxBytes ?? this.#limit.maxEntryBytes, bufferConstants.MAX_STRING_LENGTH);
    const bytes = await this.readBuffer(name, max);
    return this.#decode(name, bytes.subarray(0, 3).equals(UTF8_BOM) ? bytes.subarray(3) : bytes);
  }

  async stream(name: string): Promise<AsyncIterable<Buffer>> {
    const entry = this.#entry(name);
    const raw = await this.#openRaw(entry);
    return this.#checked(entry, raw);
  }

  async *lines(name: string, maxLineBytes = DEFAULT_MAX_LINE_BYTES): AsyncIterable<string> {
    const entry = this.#entry(name);
    let parts: Buffer[] = [];
    let partBytes = 0;
    let lineNumber = 1;
    const tooLong = (): DossierError =>
      readRefused(
        this.#file,
        name,
        `has a line longer than ${describeBytes(maxLineBytes)} (line ${lineNumber.toLocaleString('en')})`,
      );
    const text = (line: Buffer): string => {
      let bytes = lineNumber === 1 && line.subarray(0, 3).equals(UTF8_BOM) ? line.subarray(3) : line;
      if (bytes.at(-1) === 0x0d) bytes = bytes.subarray(0, -1);
      if (bytes.length > maxLineBytes) throw tooLong();
      return this.#decode(name, bytes, lineNumber);
    };
    for await (const chunk of this.#read(entry)) {
      let start = 0;
      for (;;) {
        const newline = chunk.indexOf(0x0a, start);
        const piece = chunk.subarray(start, newline === -1 ? chunk.length : newline);
        // One byte over the limit is allowed until the line ends: it may be the "\r" of "\r\n".
        if (partBytes + piece.length > maxLineBytes + 1) throw tooLong();
        if (newline === -1) {
          if (piece.length > 0) {
            parts.push(piece);
            partBytes += piece.length;
          }
          break;
        }
        const line = parts.length === 0 ? piece : Buffer.concat([...parts, piece]);
        parts = [];
        partBytes = 0;
        yield text(line);
        lineNumber += 1;
        start = newline + 1;
      }
    }
    if (partBytes > 0) {
      const last = text(Buffer.concat(parts));
      if (last !== '') yield last;
    }
  }

  async sha256(name: string): Promise<string> {
    const hash = createHash('sha256');
    for await (const chunk of this.#read(this.#entry(name))) hash.update(chunk);
    return hash.digest('hex');
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    for (const stream of this.#open) stream.destroy();
    this.#open.clear();
    this.#zip.close();
  }

  #entry(name: string): Entry {
    const entry = this.#raw.get(name);
    if (entry === undefined)
      throw refused(`${this.#file} has no entry ${quote(name)}; the archive is incomplete.`);
    return entry;
  }

  #refuseAbove(entry: Entry, max: number): void {
    if (entry.uncompressedSize > max) {
      throw readRefused(
        this.#file,
        entry.fileName,
        `is too large to read: ${describeBytes(entry.uncompressedSize)}, more than the ${describeBytes(max)} allowed here`,
      );
    }
  }

  #decode(name: string, bytes: Uint8Array, line?: number): string {
    try {
      return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
    } catch {
      const where = line === undefined ? '' : ` (line ${line.toLocaleString('en')})`;
      throw readRefused(this.#file, name, `is not valid UTF-8 text${where}`);
    }
  }

  #understated(entry: Entry): DossierError {
    return readRefused(
      this.#file,
      entry.fileName,
      `is damaged: it unpacks to more than the ${describeBytes(entry.uncompressedSize)} its header declares ` +
        '(lying size fields; the archive may be a "zip bomb")',
    );
  }

  /** The entry's bytes, checked. */
  async *#read(entry: Entry): AsyncGenerator<Buffer> {
    yield* this.#checked(entry, await this.#openRaw(entry));
  }

  async #openRaw(entry: Entry): Promise<Readable> {
    if (this.#closed) throw this.#closedError(entry);
    try {
      const raw = await new Promise<Readable>((resolve, reject) => {
        this.#zip.openReadStream(entry, (error, stream) => (error ? reject(error) : resolve(stream)));
      });
      // Errors reach the reader through the iteration; this keeps a late one from going unheard.
      raw.on('error', () => {});
      this.#open.add(raw);
      return raw;
    } catch (error) {
      throw this.#readError(entry, error);
    }
  }

  /** The bytes of `raw`, held to the entry's declared size and CRC-32 and to the archive's unpacking budget. */
  async *#checked(entry: Entry, raw: Readable): AsyncGenerator<Buffer> {
    let crc = 0;
    let size = 0;
    try {
      for await (const chunk of raw as AsyncIterable<Buffer>) {
        size += chunk.length;
        if (size > entry.uncompressedSize) throw this.#understated(entry);
        this.#unpacked += chunk.length;
        if (this.#unpacked > this.#limit.maxTotalBytes) {
          throw refused(
            `Dossier stopped reading ${this.#file}: it unpacked to more than ${describeBytes(this.#limit.maxTotalBytes)} ` +
              'in all (it may be a "zip bomb").',
          );
        }
        crc = crc32(chunk, crc);
        yield chunk;
      }
    } catch (error) {
      throw this.#readError(entry, error);
    } finally {
      this.#open.delete(raw);
      raw.destroy();
    }
    if (size < entry.uncompressedSize)
      throw this.#readError(entry, new Error('not enough bytes in the stream'));
    if (crc !== entry.crc32) {
      throw readRefused(
        this.#file,
        entry.fileName,
        'is damaged: its checksum (CRC-32) does not match its contents',
      );
    }
  }

  #closedError(entry: Entry): DossierError {
    return new DossierError(
      'internal',
      `${this.#file} was closed before its entry ${quote(entry.fileName)} was read.`,
    );
  }

  /** An error of yauzl or zlib while reading an entry, in words. */
  #readError(entry: Entry, error: unknown): DossierError {
    if (error instanceof DossierError) return error;
    const raw = error instanceof Error ? error.message : String(error);
    const code = (error as { code?: unknown } | null)?.code;
    if (/too many bytes in the stream/.test(raw)) return this.#understated(entry);
    if (/not enough bytes in the stream/.test(raw)) {
      return readRefused(
        this.#file,
        entry.fileName,
        `is damaged: it unpacks to fewer than the ${describeBytes(entry.uncompressedSize)} its header declares ` +
          '(lying size fields, or the file is cut short)',
      );
    }
    if (raw === 'closed') return this.#closedError(entry);
    if (typeof code === 'string' && code.startsWith('Z_')) {
      return readRefused(
        this.#file,
        entry.fileName,
        `is damaged: its compressed data cannot be unpacked (${raw})`,
      );
    }
    if (/overflows file bounds|unexpected EOF|invalid local file header signature/.test(raw)) {
      return readRefused(
        this.#file,
        entry.fileName,
        `is damaged or the file is cut short where its data should be (${raw})`,
      );
    }
    return readRefused(this.#file, entry.fileName, `could not be read (${raw})`);
  }
}
