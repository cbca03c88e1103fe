// A tiny hand-written zip encoder for tests. Libraries write well-formed archives; the archive layer has to
// refuse the ones a careless or hostile tool writes (lying sizes, symbolic links, "../" names, encryption
// flags, cut-off files), so this writes every header field byte by byte and lets a test set any of them.
import { crc32, deflateRawSync } from 'node:zlib';

export interface CraftEntry {
  /** Written as given: a string as UTF-8 (with the UTF-8 flag unless `flags` says otherwise), a Buffer raw. */
  name: string | Buffer;
  data?: Buffer | string;
  /** 0 stores, 8 deflates; any other number is written into the headers with the data stored as is. */
  method?: number;
  /** Lie in headers: the uncompressed size both headers declare (default: the real size). */
  declaredSize?: number;
  /** The compressed size both headers declare (default: the real size of the bytes written). */
  declaredCompressedSize?: number;
  /** The CRC-32 both headers declare (default: the real one). */
  crc?: number;
  /** The general purpose bit flag (default 0x0800: the name is UTF-8). */
  flags?: number;
  /** Default (3 << 8) | 20: made on Unix, zip version 2.0. */
  versionMadeBy?: number;
  /** Default fileAttributes(): a regular file, rw-r--r--. */
  externalAttributes?: number;
}

/** The external attributes of a Unix file with this mode (type and permissions). */
export function fileAttributes(mode = 0o100644): number {
  return (mode << 16) >>> 0;
}

/** The external attributes of a Unix symbolic link. */
export function symlinkAttributes(): number {
  return fileAttributes(0o120777);
}

/** The external attributes of a Unix folder. */
export function directoryAttributes(): number {
  return fileAttributes(0o040755);
}

const UTF8_FLAG = 0x0800;
/** 1980-01-01 00:00:00 in DOS format. */
const DOS_DATE = (1 << 5) | 1;
const DOS_TIME = 0;

export function craftZip(
  entries: CraftEntry[],
  options: { truncateAt?: number; comment?: string } = {},
): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = typeof entry.name === 'string' ? Buffer.from(entry.name, 'utf8') : entry.name;
    const raw =
      typeof entry.data === 'string' ? Buffer.from(entry.data, 'utf8') : (entry.data ?? Buffer.alloc(0));
    const method = entry.method ?? 0;
    const stored = method === 8 ? deflateRawSync(raw) : raw;
    const crc = entry.crc ?? crc32(raw);
    const size = entry.declaredSize ?? raw.length;
    const compressedSize = entry.declaredCompressedSize ?? stored.length;
    const flags = entry.flags ?? UTF8_FLAG;

    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed to extract
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt16LE(DOS_TIME, 10);
    local.writeUInt16LE(DOS_DATE, 12);
    local.writeUInt32LE(crc >>> 0, 14);
    local.writeUInt32LE(compressedSize >>> 0, 18);
    local.writeUInt32LE(size >>> 0, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28); // extra field length
    locals.push(local, name, stored);

    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(entry.versionMadeBy ?? (3 << 8) | 20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(flags, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt16LE(DOS_TIME, 12);
    central.writeUInt16LE(DOS_DATE, 14);
    central.writeUInt32LE(crc >>> 0, 16);
    central.writeUInt32LE(compressedSize >>> 0, 20);
    central.writeUInt32LE(size >>> 0, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt16LE(0, 30); // extra field length
    central.writeUInt16LE(0, 32); // comment length
    central.writeUInt16LE(0, 34); // disk number
    central.writeUInt16LE(0, 36); // internal attributes
    central.writeUInt32LE((entry.externalAttributes ?? fileAttributes()) >>> 0, 38);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);

    offset += local.length + name.length + stored.length;
  }
  const directory = Buffer.concat(centrals);
  const comment = Buffer.from(options.comment ?? '', 'latin1');
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(0, 4); // this disk
  end.writeUInt16LE(0, 6); // disk where the central directory starts
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  end.writeUInt16LE(comment.length, 20);
  const zip = Buffer.concat([...locals, directory, end, comment]);
  return options.truncateAt === undefined ? zip : zip.subarray(0, options.truncateAt);
}

/** Where the central directory starts in a crafted (or any comment-less) zip. */
export function centralDirectoryOffset(zip: Buffer): number {
  return zip.readUInt32LE(zip.length - 22 + 16);
}
