// The byte layout of the zip records ZipWriter writes (PKWARE's APPNOTE.TXT, sections 4.3 and 4.5), kept apart
// from the writing so a test can check each record against the specification without writing gigabytes.
//
// Every entry is written the same way, so the same entries give the same bytes: the name as UTF-8 (flag bit
// 11), dated 1980-01-01 00:00 (the earliest DOS date: no clock and no time zone shows), made on Unix as a
// regular file rw-r--r--, no extra fields, no comments. The local header carries the CRC-32 and sizes (they
// are filled in once the entry's data is written), except for an entry too large for 32-bit sizes: its local
// header says "sizes follow the data" (bit 3) and a ZIP64 data descriptor follows the data. The central
// directory gives an entry the ZIP64 extended information field when its sizes or its offset do not fit in 32
// bits, and the archive ends with the ZIP64 end records when the entry count or the directory's size or
// offset do not fit.

/** Where the 32-bit (and 16-bit) fields run out; tests lower them to reach the ZIP64 records cheaply. */
export interface Zip64Thresholds {
  /** An entry's size, compressed size or offset, or the directory's size or offset, from which ZIP64 is used. */
  bytes: number;
  /** The entry count from which the ZIP64 end records are written. */
  entries: number;
}

/** 0xFFFFFFFF and 0xFFFF are themselves the "see the ZIP64 record" markers, so the limits are one below. */
export const ZIP64_THRESHOLDS: Readonly<Zip64Thresholds> = Object.freeze({
  bytes: 0xffffffff,
  entries: 0xffff,
});

export const LOCAL_HEADER_BYTES = 30;
const CENTRAL_RECORD_BYTES = 46;
const ZIP64_EXTRA_BYTES = 28;
export const ZIP64_DESCRIPTOR_BYTES = 24;
const ZIP64_END_BYTES = 56;
const ZIP64_LOCATOR_BYTES = 20;
const END_BYTES = 22;

const UTF8_NAME = 1 << 11;
const SIZES_AFTER_DATA = 1 << 3;
/** Version 2.0 (deflate, folders) for an ordinary entry, 4.5 for one that needs ZIP64. */
const VERSION_DEFAULT = 20;
const VERSION_ZIP64 = 45;
/** Made on Unix (3), to version 4.5 of the specification: the external attributes hold a Unix st_mode. */
const VERSION_MADE_BY = (3 << 8) | VERSION_ZIP64;
/** 1980-01-01 00:00:00 in DOS format (day 1, month 1, year 0; time 0). */
const DOS_DATE = (1 << 5) | 1;
const DOS_TIME = 0;
/** A regular file, rw-r--r--, in the high 16 bits. */
const EXTERNAL_ATTRIBUTES = (0o100644 << 16) >>> 0;

export interface EntryRecord {
  /** The entry's name as UTF-8. */
  name: Buffer;
  /** 0 stored, 8 deflated. */
  method: 0 | 8;
  crc: number;
  size: number;
  compressedSize: number;
  /** Where the entry's local header starts. */
  offset: number;
}

/** Its sizes do not fit the local header's 32-bit fields: bit 3 and a ZIP64 data descriptor after the data. */
export function needsDescriptor(entry: EntryRecord, limits: Zip64Thresholds): boolean {
  return entry.size >= limits.bytes || entry.compressedSize >= limits.bytes;
}

/** The central record needs the ZIP64 extended information field (sizes or offset beyond 32 bits). */
export function needsZip64(entry: EntryRecord, limits: Zip64Thresholds): boolean {
  return needsDescriptor(entry, limits) || entry.offset >= limits.bytes;
}

/** The local file header, into `into` (LOCAL_HEADER_BYTES + the name's length; the caller allocates it). */
export function writeLocalHeader(into: Buffer, entry: EntryRecord, limits: Zip64Thresholds): void {
  const descriptor = needsDescriptor(entry, limits);
  into.writeUInt32LE(0x04034b50, 0);
  into.writeUInt16LE(needsZip64(entry, limits) ? VERSION_ZIP64 : VERSION_DEFAULT, 4);
  into.writeUInt16LE(UTF8_NAME | (descriptor ? SIZES_AFTER_DATA : 0), 6);
  into.writeUInt16LE(entry.method, 8);
  into.writeUInt16LE(DOS_TIME, 10);
  into.writeUInt16LE(DOS_DATE, 12);
  // With bit 3 the CRC-32 and both sizes are zero here and given by the data descriptor (APPNOTE 4.4.4).
  into.writeUInt32LE(descriptor ? 0 : entry.crc >>> 0, 14);
  into.writeUInt32LE(descriptor ? 0 : entry.compressedSize, 18);
  into.writeUInt32LE(descriptor ? 0 : entry.size, 22);
  into.writeUInt16LE(entry.name.length, 26);
  into.writeUInt16LE(0, 28); // no extra field
  entry.name.copy(into, LOCAL_HEADER_BYTES);
}

/** The ZIP64 data descriptor that follows the data of an entry with bit 3 (signature, CRC-32, 64-bit sizes). */
export function dataDescriptor(entry: EntryRecord): Buffer {
  const out = Buffer.alloc(ZIP64_DESCRIPTOR_BYTES);
  out.writeUInt32LE(0x08074b50, 0);
  out.writeUInt32LE(entry.crc >>> 0, 4);
  out.writeBigUInt64LE(BigInt(entry.compressedSize), 8);
  out.writeBigUInt64LE(BigInt(entry.size), 16);
  return out;
}

export function centralRecordBytes(entry: EntryRecord, limits: Zip64Thresholds): number {
  return CENTRAL_RECORD_BYTES + entry.name.length + (needsZip64(entry, limits) ? ZIP64_EXTRA_BYTES : 0);
}

/** The entry's central directory record, into `into` at `at`; returns where the next one starts. */
export function writeCentralRecord(
  into: Buffer,
  at: number,
  entry: EntryRecord,
  limits: Zip64Thresholds,
): number {
  const zip64 = needsZip64(entry, limits);
  const descriptor = needsDescriptor(entry, limits);
  // As yazl and Info-ZIP do: a ZIP64 entry marks all three fields and the extra field holds all three, in the
  // order APPNOTE 4.5.3 gives (size, compressed size, offset).
  const MARK = 0xffffffff;
  into.writeUInt32LE(0x02014b50, at);
  into.writeUInt16LE(VERSION_MADE_BY, at + 4);
  into.writeUInt16LE(zip64 ? VERSION_ZIP64 : VERSION_DEFAULT, at + 6);
  into.writeUInt16LE(UTF8_NAME | (descriptor ? SIZES_AFTER_DATA : 0), at + 8);
  into.writeUInt16LE(entry.method, at + 10);
  into.writeUInt16LE(DOS_TIME, at + 12);
  into.writeUInt16LE(DOS_DATE, at + 14);
  into.writeUInt32LE(entry.crc >>> 0, at + 16);
  into.writeUInt32LE(zip64 ? MARK : entry.compressedSize, at + 20);
  into.writeUInt32LE(zip64 ? MARK : entry.size, at + 24);
  into.writeUInt16LE(entry.name.length, at + 28);
  into.writeUInt16LE(zip64 ? ZIP64_EXTRA_BYTES : 0, at + 30);
  into.writeUInt16LE(0, at + 32); // comment length
  into.writeUInt16LE(0, at + 34); // disk number start
  into.writeUInt16LE(0, at + 36); // internal attributes
  into.writeUInt32LE(EXTERNAL_ATTRIBUTES, at + 38);
  into.writeUInt32LE(zip64 ? MARK : entry.offset, at + 42);
  let next = at + CENTRAL_RECORD_BYTES;
  next += entry.name.copy(into, next);
  if (zip64) {
    into.writeUInt16LE(0x0001, next);
    into.writeUInt16LE(ZIP64_EXTRA_BYTES - 4, next + 2);
    into.writeBigUInt64LE(BigInt(entry.size), next + 4);
    into.writeBigUInt64LE(BigInt(entry.compressedSize), next + 12);
    into.writeBigUInt64LE(BigInt(entry.offset), next + 20);
    next += ZIP64_EXTRA_BYTES;
  }
  return next;
}

/**
 * The end of the archive: the end of central directory record, preceded by the ZIP64 end record and its
 * locator when the entry count, or the directory's size or offset, do not fit its fields (each field that
 * does not fit holds the marker, APPNOTE 4.4.1.4).
 */
export function endRecords(
  count: number,
  directoryOffset: number,
  directoryBytes: number,
  limits: Zip64Thresholds,
): Buffer {
  const manyEntries = count >= limits.entries;
  const farOffset = directoryOffset >= limits.bytes;
  const bigDirectory = directoryBytes >= limits.bytes;
  const zip64 = manyEntries || farOffset || bigDirectory;
  const out = Buffer.alloc((zip64 ? ZIP64_END_BYTES + ZIP64_LOCATOR_BYTES : 0) + END_BYTES);
  let at = 0;
  if (zip64) {
    out.writeUInt32LE(0x06064b50, 0);
    out.writeBigUInt64LE(BigInt(ZIP64_END_BYTES - 12), 4); // the record's size after this field
    out.writeUInt16LE(VERSION_MADE_BY, 12);
    out.writeUInt16LE(VERSION_ZIP64, 14);
    out.writeUInt32LE(0, 16); // this disk
    out.writeUInt32LE(0, 20); // the disk the directory starts on
    out.writeBigUInt64LE(BigInt(count), 24); // entries on this disk
    out.writeBigUInt64LE(BigInt(count), 32); // entries in all
    out.writeBigUInt64LE(BigInt(directoryBytes), 40);
    out.writeBigUInt64LE(BigInt(directoryOffset), 48);
    // The locator: where the ZIP64 end record starts (right after the directory).
    out.writeUInt32LE(0x07064b50, 56);
    out.writeUInt32LE(0, 60);
    out.writeBigUInt64LE(BigInt(directoryOffset + directoryBytes), 64);
    out.writeUInt32LE(1, 72); // disks in all
    at = ZIP64_END_BYTES + ZIP64_LOCATOR_BYTES;
  }
  out.writeUInt32LE(0x06054b50, at);
  out.writeUInt16LE(0, at + 4);
  out.writeUInt16LE(0, at + 6);
  out.writeUInt16LE(manyEntries ? 0xffff : count, at + 8);
  out.writeUInt16LE(manyEntries ? 0xffff : count, at + 10);
  out.writeUInt32LE(bigDirectory ? 0xffffffff : directoryBytes, at + 12);
  out.writeUInt32LE(farOffset ? 0xffffffff : directoryOffset, at + 16);
  out.writeUInt16LE(0, at + 20); // no comment
  return out;
}
