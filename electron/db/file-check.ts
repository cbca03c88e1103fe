// Recognising a damaged project before SQLite touches it. SQLite trusts the file it is given: it reads a
// truncated file as if the missing pages were empty, and it applies any valid write-ahead log (the "-wal" file
// beside the project) to the database, even one left there by another database, overwriting good pages with
// foreign ones at the next checkpoint. So before a connection is opened, the header, the size and the WAL are
// read here with plain file reads, following the SQLite file format (sqlite.org/fileformat2.html): nothing
// is written, and a problem becomes a DamagedProjectError naming it in words.
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { endianness } from 'node:os';
import { basename } from 'node:path';
import { DossierError } from '../../shared/errors';

const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');
const HEADER_BYTES = 100;
const WAL_HEADER_BYTES = 32;
const WAL_FRAME_HEADER_BYTES = 24;
const WAL_MAGIC = 0x377f0682;
const LITTLE_ENDIAN_HOST = endianness() === 'LE';

/** What is wrong with a damaged project, in words ("its first bytes are overwritten"). */
export class DamagedProjectError extends DossierError {
  constructor(
    readonly path: string,
    readonly problem: string,
  ) {
    super('project_error', `${basename(path)} is damaged: ${problem}. The file was not changed.`);
  }
}

export interface DatabaseHeader {
  pageSize: number;
  /** Bytes at the end of each page that extensions reserve (usually 0). */
  reserved: number;
  /** Pages in the database by the header (offset 28), when the header says the value is current. */
  pageCount: number | null;
  applicationId: number;
  userVersion: number;
}

/** The 100-byte header of an SQLite database, or null when the bytes are not one. */
export function parseHeader(bytes: Buffer): DatabaseHeader | null {
  if (bytes.length < HEADER_BYTES || !bytes.subarray(0, 16).equals(SQLITE_MAGIC)) return null;
  const rawPageSize = bytes.readUInt16BE(16);
  const pageSize = rawPageSize === 1 ? 65536 : rawPageSize;
  if (pageSize < 512 || pageSize > 65536 || (pageSize & (pageSize - 1)) !== 0) return null;
  const [writeVersion, readVersion, reserved] = [bytes[18]!, bytes[19]!, bytes[20]!];
  if (writeVersion < 1 || writeVersion > 2 || readVersion < 1 || readVersion > 2) return null;
  if (pageSize - reserved < 480) return null;
  // Payload fractions: fixed by the format.
  if (bytes[21] !== 64 || bytes[22] !== 32 || bytes[23] !== 32) return null;
  const schemaFormat = bytes.readUInt32BE(44);
  const textEncoding = bytes.readUInt32BE(56);
  if (schemaFormat > 4 || textEncoding > 3) return null;
  // Reserved for expansion: zero in every file SQLite writes.
  if (bytes.subarray(72, 92).some((b) => b !== 0)) return null;
  const changeCounter = bytes.readUInt32BE(24);
  const sizeInHeader = bytes.readUInt32BE(28);
  const sizeIsCurrent = sizeInHeader > 0 && changeCounter === bytes.readUInt32BE(92);
  return {
    pageSize,
    reserved,
    pageCount: sizeIsCurrent ? sizeInHeader : null,
    applicationId: bytes.readUInt32BE(68),
    userVersion: bytes.readUInt32BE(60),
  };
}

/** What the committed part of a WAL holds: the pages it changes and its versions of page 1. */
export interface WalSummary {
  pageSize: number;
  /** Pages written by committed transactions: where the newest committed version of each starts in the WAL. */
  pages: Map<number, number>;
  /** The database's size in pages after the last committed transaction. */
  pageCount: number;
  /** Each committed version of page 1, in order: the fields of its header that name the database. */
  firstPages: { pageSize: number; applicationId: number }[];
}

/** The result of looking at a file that is meant to be a project. */
export type FileInspection =
  | { kind: 'missing' }
  | { kind: 'empty' }
  /** Not an SQLite database, and nothing suggests it was one. */
  | { kind: 'not-sqlite' }
  | { kind: 'sqlite'; header: DatabaseHeader; size: number; wal: WalSummary | null };

/**
 * Reads the header, the size and the WAL of `path` and throws DamagedProjectError when they cannot belong
 * together: an overwritten header, a file cut short, a WAL from another database. Reads only.
 */
export function inspectDatabaseFile(path: string): FileInspection {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (error) {
    if ((error as { code?: string }).code === 'ENOENT') return { kind: 'missing' };
    throw error;
  }
  try {
    const size = fstatSync(fd).size;
    if (size === 0) return { kind: 'empty' };
    const head = readAt(fd, 0, Math.min(size, 65536 * 2));
    const header = parseHeader(head);
    if (!header) {
      if (looksLikeDamagedDatabase(head, size)) {
        throw new DamagedProjectError(path, 'its first bytes (the database header) are overwritten');
      }
      return { kind: 'not-sqlite' };
    }
    const wal = readWal(`${path}-wal`, header, path);
    checkSize(path, header, size, wal);
    return { kind: 'sqlite', header, size, wal };
  } finally {
    closeSync(fd);
  }
}

function readAt(fd: number, position: number, length: number): Buffer {
  const buffer = Buffer.alloc(length);
  let read = 0;
  while (read < length) {
    const n = readSync(fd, buffer, read, length - read, position + read);
    if (n === 0) break;
    read += n;
  }
  return buffer.subarray(0, read);
}

/**
 * A file whose header is gone but whose second page is laid out as a b-tree page, or which still carries
 * Dossier's application id, was a database: "damaged", not "not a project".
 */
function looksLikeDamagedDatabase(head: Buffer, size: number): boolean {
  if (head.length >= 72 && head.readUInt32BE(68) === 0x444f5353) return true;
  for (const pageSize of [4096, 1024, 2048, 8192, 16384, 32768, 65536, 512]) {
    if (size % pageSize !== 0 || size < pageSize * 2 || head.length < pageSize * 2) continue;
    if (isBtreePage(head.subarray(pageSize, pageSize * 2))) return true;
  }
  return false;
}

/** A b-tree page's header: its type, a cell count that fits, and cell pointers inside the page. */
function isBtreePage(page: Buffer): boolean {
  const type = page[0]!;
  if (type !== 2 && type !== 5 && type !== 10 && type !== 13) return false;
  const headerSize = type === 2 || type === 5 ? 12 : 8;
  const cells = page.readUInt16BE(3);
  const contentStart = page.readUInt16BE(5) || 65536;
  if (cells === 0 || headerSize + cells * 2 > contentStart || contentStart > page.length) return false;
  for (let i = 0; i < cells; i++) {
    const pointer = page.readUInt16BE(headerSize + i * 2);
    if (pointer < contentStart || pointer >= page.length) return false;
  }
  return true;
}

/** A file shorter than its header says, with no committed WAL frames holding the missing pages. */
function checkSize(path: string, header: DatabaseHeader, size: number, wal: WalSummary | null): void {
  const pagesInFile = Math.floor(size / header.pageSize);
  const cutMidPage = size % header.pageSize !== 0;
  const expected = wal ? wal.pageCount : header.pageCount;
  if (expected === null) {
    if (cutMidPage) throw truncated(path, size, null);
    return;
  }
  for (let page = pagesInFile + 1; page <= expected; page++) {
    if (!wal?.pages.has(page)) throw truncated(path, size, expected * header.pageSize);
  }
  if (cutMidPage && !wal) throw truncated(path, size, expected * header.pageSize);
}

function truncated(path: string, size: number, expected: number | null): DamagedProjectError {
  const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  return new DamagedProjectError(
    path,
    expected === null
      ? 'its end is missing (the file was cut off)'
      : `its end is missing (the file has ${mb(size)} of ${mb(expected)})`,
  );
}

/**
 * The committed frames of the WAL beside a database, or null when there are none (no file, an empty one, or
 * one SQLite would ignore). Follows SQLite's own reading: frames count while their salts match the header and
 * their running checksum holds, up to the last frame that ends a transaction. A WAL that cannot belong to this
 * database (another page size, or versions of page 1 that do not follow the database's own) is refused.
 */
export function readWal(walPath: string, header: DatabaseHeader, dbPath: string): WalSummary | null {
  let fd: number;
  try {
    fd = openSync(walPath, 'r');
  } catch (error) {
    if ((error as { code?: string }).code === 'ENOENT') return null;
    throw error;
  }
  try {
    const size = fstatSync(fd).size;
    if (size < WAL_HEADER_BYTES) return null;
    const head = readAt(fd, 0, WAL_HEADER_BYTES);
    const magic = head.readUInt32BE(0);
    if ((magic & 0xfffffffe) >>> 0 !== WAL_MAGIC || head.readUInt32BE(4) !== 3007000) return null;
    const bigEndian = (magic & 1) === 1;
    const pageSize = head.readUInt32BE(8) === 1 ? 65536 : head.readUInt32BE(8);
    if (pageSize < 512 || pageSize > 65536 || (pageSize & (pageSize - 1)) !== 0) return null;
    let sum = checksum(head.subarray(0, 24), [0, 0], bigEndian);
    if (sum[0] !== head.readUInt32BE(24) || sum[1] !== head.readUInt32BE(28)) return null;
    const salt = [head.readUInt32BE(16), head.readUInt32BE(20)];
    const frameBytes = WAL_FRAME_HEADER_BYTES + pageSize;
    const pending = new Map<number, number>();
    const pendingFirst: WalSummary['firstPages'] = [];
    const summary: WalSummary = { pageSize, pages: new Map(), pageCount: 0, firstPages: [] };
    let committed = false;
    for (let offset = WAL_HEADER_BYTES; offset + frameBytes <= size; offset += frameBytes) {
      const frame = readAt(fd, offset, frameBytes);
      if (frame.length < frameBytes) break;
      const page = frame.readUInt32BE(0);
      if (page === 0 || frame.readUInt32BE(8) !== salt[0] || frame.readUInt32BE(12) !== salt[1]) break;
      sum = checksum(frame.subarray(0, 8), sum, bigEndian);
      sum = checksum(frame.subarray(WAL_FRAME_HEADER_BYTES), sum, bigEndian);
      if (sum[0] !== frame.readUInt32BE(16) || sum[1] !== frame.readUInt32BE(20)) break;
      pending.set(page, offset + WAL_FRAME_HEADER_BYTES);
      if (page === 1) {
        const data = frame.subarray(WAL_FRAME_HEADER_BYTES);
        const rawPageSize = data.readUInt16BE(16);
        pendingFirst.push({
          pageSize: rawPageSize === 1 ? 65536 : rawPageSize,
          applicationId: data.readUInt32BE(68),
        });
      }
      const commitSize = frame.readUInt32BE(4);
      if (commitSize > 0) {
        committed = true;
        for (const [p, at] of pending) summary.pages.set(p, at);
        summary.firstPages.push(...pendingFirst);
        summary.pageCount = commitSize;
        pending.clear();
        pendingFirst.length = 0;
      }
    }
    if (!committed) return null;
    assertWalBelongs(summary, header, dbPath);
    return summary;
  } finally {
    closeSync(fd);
  }
}

/**
 * A WAL written for this database has its page size, and its versions of page 1 carry the database's
 * application id (a Dossier project's is set when it is created). A WAL from another Dossier project passes
 * both: connection.ts then compares the project's id with and without the WAL.
 */
function assertWalBelongs(wal: WalSummary, header: DatabaseHeader, dbPath: string): void {
  const foreign =
    wal.pageSize !== header.pageSize ||
    wal.firstPages.some(
      (first) =>
        first.pageSize !== header.pageSize ||
        (header.applicationId !== 0 && first.applicationId !== header.applicationId),
    );
  if (foreign) throw foreignWal(dbPath);
}

export function foreignWal(dbPath: string): DamagedProjectError {
  return new DamagedProjectError(
    dbPath,
    `the file of unsaved changes beside it (${basename(dbPath)}-wal) belongs to another database`,
  );
}

/** SQLite's WAL checksum: pairs of 32-bit words, in the byte order the WAL's magic number names. */
function checksum(data: Buffer, start: [number, number], bigEndian: boolean): [number, number] {
  let s0 = start[0];
  let s1 = start[1];
  // The common case (a little-endian machine wrote it): whole words at once, a large WAL in milliseconds.
  if (!bigEndian && LITTLE_ENDIAN_HOST && data.byteOffset % 4 === 0) {
    const words = new Uint32Array(data.buffer, data.byteOffset, (data.length >> 3) * 2);
    for (let i = 0; i < words.length; i += 2) {
      s0 = (s0 + words[i]! + s1) >>> 0;
      s1 = (s1 + words[i + 1]! + s0) >>> 0;
    }
    return [s0, s1];
  }
  for (let i = 0; i + 8 <= data.length; i += 8) {
    const a = bigEndian ? data.readUInt32BE(i) : data.readUInt32LE(i);
    const b = bigEndian ? data.readUInt32BE(i + 4) : data.readUInt32LE(i + 4);
    s0 = (s0 + a + s1) >>> 0;
    s1 = (s1 + b + s0) >>> 0;
  }
  return [s0, s1];
}

/**
 * The database as SQLite would read it, in memory: the file's pages with the WAL's committed pages applied,
 * marked as a rollback-journal database. For a project in a folder Dossier cannot write, where SQLite cannot
 * create the shared-memory file it needs to read a WAL database.
 */
export function databaseImage(path: string, header: DatabaseHeader, wal: WalSummary | null): Buffer {
  const fd = openSync(path, 'r');
  try {
    const fileSize = fstatSync(fd).size;
    const pages = wal ? wal.pageCount : Math.floor(fileSize / header.pageSize);
    const image = Buffer.alloc(pages * header.pageSize);
    readSync(fd, image, 0, Math.min(fileSize, image.length), 0);
    if (wal) {
      const walFd = openSync(`${path}-wal`, 'r');
      try {
        for (const [page, at] of wal.pages) {
          if (page <= pages) readSync(walFd, image, (page - 1) * header.pageSize, header.pageSize, at);
        }
      } finally {
        closeSync(walFd);
      }
    }
    image[18] = 1;
    image[19] = 1;
    return image;
  } finally {
    closeSync(fd);
  }
}
