// Reads a few rows straight from an SQLite file's pages, without SQLite, so the project's id can be read as
// the database file alone holds it (SQLite always reads through the WAL, which is what is being questioned).
// Only table b-trees, only columns stored on the page itself: enough for sqlite_schema's name and root page
// and the two-column `project` table. Anything unexpected returns null: the caller then simply knows less.
import { closeSync, openSync, readSync } from 'node:fs';

const MAX_PAGES_VISITED = 10_000;

class PageFile {
  private readonly fd: number;
  visited = 0;
  constructor(
    path: string,
    readonly pageSize: number,
    readonly usable: number,
  ) {
    this.fd = openSync(path, 'r');
  }
  page(number: number): Buffer | null {
    if (number < 1 || ++this.visited > MAX_PAGES_VISITED) return null;
    const buffer = Buffer.alloc(this.pageSize);
    const read = readSync(this.fd, buffer, 0, this.pageSize, (number - 1) * this.pageSize);
    return read === this.pageSize ? buffer : null;
  }
  close(): void {
    closeSync(this.fd);
  }
}

function varint(buf: Buffer, at: number): [value: number, next: number] {
  let value = 0;
  for (let i = 0; i < 8; i++) {
    const byte = buf[at + i];
    if (byte === undefined) return [NaN, at + i];
    value = value * 128 + (byte & 0x7f);
    if (byte < 0x80) return [value, at + i + 1];
  }
  const last = buf[at + 8];
  return last === undefined ? [NaN, at + 9] : [value * 256 + last, at + 9];
}

type Value = string | number | null;

/** The columns of a record whose bytes are all on the page (overflowing values come back as undefined). */
function decodeRecord(payload: Buffer): (Value | undefined)[] {
  const [headerSize, first] = varint(payload, 0);
  const types: number[] = [];
  for (let at = first; at < headerSize && at < payload.length;) {
    const [type, next] = varint(payload, at);
    types.push(type);
    at = next;
  }
  const values: (Value | undefined)[] = [];
  let at = headerSize;
  for (const type of types) {
    const length =
      type >= 12 ? Math.floor((type - 12) / 2) : ([0, 1, 2, 3, 4, 6, 8, 8, 0, 0, 0, 0][type] ?? 0);
    if (at + length > payload.length) {
      values.push(undefined);
      at += length;
      continue;
    }
    const bytes = payload.subarray(at, at + length);
    if (type === 0) values.push(null);
    else if (type === 8) values.push(0);
    else if (type === 9) values.push(1);
    else if (type === 6) values.push(Number(bytes.readBigInt64BE(0)));
    else if (type >= 1 && type <= 5) values.push(bytes.readIntBE(0, length));
    else if (type >= 13 && type % 2 === 1) values.push(bytes.toString('utf8'));
    else values.push(undefined);
    at += length;
  }
  return values;
}

/** Every row of the table b-tree rooted at `root`, as its on-page columns; null when a page makes no sense. */
function tableRows(file: PageFile, root: number): (Value | undefined)[][] | null {
  const rows: (Value | undefined)[][] = [];
  const walk = (number: number, depth: number): boolean => {
    if (depth > 20) return false;
    const page = file.page(number);
    if (!page) return false;
    const start = number === 1 ? 100 : 0;
    const type = page[start];
    const cells = page.readUInt16BE(start + 3);
    if (type === 5) {
      for (let i = 0; i < cells; i++) {
        const cell = page.readUInt16BE(start + 12 + i * 2);
        if (cell + 4 > page.length || !walk(page.readUInt32BE(cell), depth + 1)) return false;
      }
      return walk(page.readUInt32BE(start + 8), depth + 1);
    }
    if (type !== 13) return false;
    const maxLocal = file.usable - 35;
    const minLocal = Math.floor(((file.usable - 12) * 32) / 255) - 23;
    for (let i = 0; i < cells; i++) {
      const cell = page.readUInt16BE(start + 8 + i * 2);
      const [size, afterSize] = varint(page, cell);
      const [, afterRowid] = varint(page, afterSize);
      if (!Number.isFinite(size)) return false;
      let local = size;
      if (size > maxLocal) {
        const k = minLocal + ((size - minLocal) % (file.usable - 4));
        local = k <= maxLocal ? k : minLocal;
      }
      rows.push(decodeRecord(page.subarray(afterRowid, Math.min(page.length, afterRowid + local))));
    }
    return true;
  };
  return walk(root, 0) ? rows : null;
}

/** The value of `key` in the `project` table as the database file holds it, or null when it cannot be read. */
export function readProjectValueFromFile(
  path: string,
  pageSize: number,
  reserved: number,
  key: string,
): string | null {
  let file: PageFile;
  try {
    file = new PageFile(path, pageSize, pageSize - reserved);
  } catch {
    return null;
  }
  try {
    const schema = tableRows(file, 1);
    const table = schema?.find((row) => row[0] === 'table' && row[1] === 'project');
    const root = table?.[3];
    if (typeof root !== 'number') return null;
    const row = tableRows(file, root)?.find((r) => r[0] === key);
    return typeof row?.[1] === 'string' ? row[1] : null;
  } catch {
    return null;
  } finally {
    file.close();
  }
}
