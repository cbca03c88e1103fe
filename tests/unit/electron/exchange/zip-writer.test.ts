// ZipWriter's own zip encoder: what other programs make of its archives (Info-ZIP's unzip, jszip, our reader),
// the ZIP64 records (reached by lowering the thresholds, since 65,535 entries or 4 GiB are too slow to write
// in a unit test), byte-identical output whatever the thread pool and the sources' timing, and what a cancel
// or a failing source leaves behind.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { crc32, inflateRawSync } from 'node:zlib';
import JSZip from 'jszip';
import { afterEach, describe, expect, it } from 'vitest';
import { openZip, ZipWriter, type SafeZip, type ZipWriterOptions } from '../../../../electron/exchange/zip';
import { DossierError } from '../../../../shared/errors';
import { tempDir } from '../../helpers/temp';

const MIB = 1024 * 1024;
const opened: SafeZip[] = [];
afterEach(() => {
  while (opened.length > 0) opened.pop()!.close();
});

const HAS_UNZIP = spawnSync('unzip', ['-v'], { encoding: 'utf8' }).status === 0;

/** Deterministic pseudo-random bytes (xorshift), mostly text-like so deflate has something to do. */
function bytesOf(length: number, seed: number): Buffer {
  const out = Buffer.allocUnsafe(length);
  let x = seed | 1;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = i % 7 === 0 ? 0x20 : 0x61 + ((x >>> 0) % 16);
  }
  return out;
}

/** A small random number generator for cutting and delaying, seeded so a failure can be replayed. */
function random(seed: number): () => number {
  let x = seed;
  return () => {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    return x / 2 ** 31;
  };
}

/** `data` as an async source cut at random places, with random pauses. */
async function* jittered(data: Buffer, seed: number): AsyncGenerator<Buffer> {
  const next = random(seed);
  for (let at = 0; at < data.length;) {
    const cut = Math.min(data.length, at + 1 + Math.floor(next() * 300_000));
    yield data.subarray(at, cut);
    at = cut;
    if (next() < 0.3) await sleep(Math.floor(next() * 5));
  }
}

/** The entries used by several tests: stored and deflated, empty, several deflate pieces, Unicode names. */
function sample(): Map<string, Buffer> {
  return new Map([
    ['manifest.json', Buffer.from('{"format":"dossier"}\n')],
    ['rows/empty.jsonl', Buffer.alloc(0)],
    // More than two 1 MiB pieces, not a multiple of the piece size.
    ['rows/highlights.jsonl', bytesOf(2 * MIB + 12_345, 7)],
    // Exactly one piece: the last piece is empty.
    ['rows/exact.jsonl', bytesOf(MIB, 11)],
    ['originals/café-引用.html', bytesOf(70_000, 3)],
    ['originals/incompressible.bin', createHash('sha512').update('x').digest()],
  ]);
}

const STORED = (name: string) => name.startsWith('originals/');

async function write(
  path: string,
  entries: Map<string, Buffer>,
  options: ZipWriterOptions = {},
  source: (name: string, data: Buffer, index: number) => Buffer | AsyncIterable<Buffer> = (_n, d) => d,
): Promise<Buffer> {
  const writer = ZipWriter.create(path, options);
  const added = [...entries].map(([name, data], i) =>
    writer.add(name, source(name, data, i), { compress: !STORED(name) }),
  );
  await writer.finish();
  const digests = await Promise.all(added);
  expect(digests.map((d) => d.name)).toEqual([...entries.keys()]);
  return readFileSync(path);
}

/** Names and SHA-256 of the contents (comparing megabytes byte by byte in expect() is slow). */
function digests(entries: Map<string, Buffer>): Map<string, string> {
  return new Map([...entries].map(([name, data]) => [name, createHash('sha256').update(data).digest('hex')]));
}

async function readBack(path: string): Promise<Map<string, Buffer>> {
  const zip = await openZip(path);
  opened.push(zip);
  const out = new Map<string, Buffer>();
  for (const name of zip.entries.keys()) out.set(name, await zip.readBuffer(name));
  return out;
}

async function readWithJszip(bytes: Buffer): Promise<Map<string, Buffer>> {
  const zip = await JSZip.loadAsync(bytes, { checkCRC32: true });
  const out = new Map<string, Buffer>();
  for (const file of Object.values(zip.files)) out.set(file.name, await file.async('nodebuffer'));
  return out;
}

function unzipTest(path: string): { status: number | null; output: string } {
  const result = spawnSync('unzip', ['-t', path], { encoding: 'utf8' });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

// ---------------------------------------------------------------------------------------------------------
// A minimal reader of the records, written from APPNOTE.TXT, to check the layout field by field.

interface CentralRecord {
  name: string;
  versionNeeded: number;
  flags: number;
  method: number;
  crc: number;
  compressedSize: number;
  size: number;
  offset: number;
  extra: Buffer;
  externalAttributes: number;
}

function endRecord(bytes: Buffer) {
  const at = bytes.length - 22;
  expect(bytes.readUInt32LE(at)).toBe(0x06054b50);
  return {
    at,
    entries: bytes.readUInt16LE(at + 10),
    directoryBytes: bytes.readUInt32LE(at + 12),
    directoryOffset: bytes.readUInt32LE(at + 16),
  };
}

function centralRecords(bytes: Buffer, offset: number, count: number): CentralRecord[] {
  const records: CentralRecord[] = [];
  let at = offset;
  for (let i = 0; i < count; i++) {
    expect(bytes.readUInt32LE(at)).toBe(0x02014b50);
    const nameLength = bytes.readUInt16LE(at + 28);
    const extraLength = bytes.readUInt16LE(at + 30);
    const commentLength = bytes.readUInt16LE(at + 32);
    records.push({
      versionNeeded: bytes.readUInt16LE(at + 6),
      flags: bytes.readUInt16LE(at + 8),
      method: bytes.readUInt16LE(at + 10),
      crc: bytes.readUInt32LE(at + 16),
      compressedSize: bytes.readUInt32LE(at + 20),
      size: bytes.readUInt32LE(at + 24),
      externalAttributes: bytes.readUInt32LE(at + 38),
      offset: bytes.readUInt32LE(at + 42),
      name: bytes.toString('utf8', at + 46, at + 46 + nameLength),
      extra: bytes.subarray(at + 46 + nameLength, at + 46 + nameLength + extraLength),
    });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return records;
}

describe('ZipWriter output other programs read', () => {
  it.skipIf(!HAS_UNZIP)('passes Info-ZIP unzip -t', async () => {
    const path = join(tempDir(), 'project.dossier');
    await write(path, sample());
    const { status, output } = unzipTest(path);
    expect(output).toContain('No errors detected');
    expect(status).toBe(0);
  });

  it('reads back the same bytes in jszip (CRC-32 checked) and in our reader', async () => {
    const path = join(tempDir(), 'project.dossier');
    const entries = sample();
    const bytes = await write(path, entries);
    expect(digests(await readWithJszip(bytes))).toEqual(digests(entries));
    expect(digests(await readBack(path))).toEqual(digests(entries));
  });

  it('writes no ZIP64 record, data descriptor or extra field below the thresholds', async () => {
    const entries = sample();
    const bytes = await write(join(tempDir(), 'plain.dossier'), entries);
    const end = endRecord(bytes);
    expect(end.entries).toBe(entries.size);
    expect(end.directoryOffset + end.directoryBytes).toBe(end.at); // no ZIP64 end records in between
    const records = centralRecords(bytes, end.directoryOffset, end.entries);
    for (const [i, record] of records.entries()) {
      const data = [...entries.values()][i]!;
      expect(record.versionNeeded).toBe(20);
      expect(record.flags).toBe(0x0800); // UTF-8 name; sizes in the local header
      expect(record.extra.length).toBe(0);
      expect(record.method).toBe(STORED(record.name) ? 0 : 8);
      expect(record.crc).toBe(crc32(data));
      expect(record.size).toBe(data.length);
      expect(record.externalAttributes >>> 16).toBe(0o100644);
      // The local header repeats the CRC-32 and the sizes, and the data follows it.
      const local = bytes.subarray(record.offset);
      expect(local.readUInt32LE(0)).toBe(0x04034b50);
      expect(local.readUInt16LE(6)).toBe(0x0800);
      expect(local.readUInt32LE(14)).toBe(record.crc);
      expect(local.readUInt32LE(18)).toBe(record.compressedSize);
      expect(local.readUInt32LE(22)).toBe(record.size);
      const start = 30 + local.readUInt16LE(26);
      const stored = local.subarray(start, start + record.compressedSize);
      expect((record.method === 8 ? inflateRawSync(stored) : stored).equals(data)).toBe(true);
    }
  });
});

describe('ZIP64, with the thresholds lowered', () => {
  // Entries from the 3rd on need the ZIP64 end records; sizes and offsets from 1,000 bytes need ZIP64 fields.
  const LOW = { zip64: { bytes: 1000, entries: 3 } };

  it('writes the ZIP64 end records, extra fields and data descriptors where the values reach them', async () => {
    const entries = sample();
    const bytes = await write(join(tempDir(), 'zip64.dossier'), entries, LOW);
    const end = endRecord(bytes);
    // Each field of the end record that does not fit holds the marker.
    expect(end.entries).toBe(0xffff);
    expect(end.directoryOffset).toBe(0xffffffff);
    // The ZIP64 locator right before it points at the ZIP64 end record, which holds the real values.
    const locator = end.at - 20;
    expect(bytes.readUInt32LE(locator)).toBe(0x07064b50);
    const zip64End = Number(bytes.readBigUInt64LE(locator + 8));
    expect(zip64End).toBe(end.at - 20 - 56);
    expect(bytes.readUInt32LE(zip64End)).toBe(0x06064b50);
    expect(Number(bytes.readBigUInt64LE(zip64End + 32))).toBe(entries.size);
    const directoryBytes = Number(bytes.readBigUInt64LE(zip64End + 40));
    const directoryOffset = Number(bytes.readBigUInt64LE(zip64End + 48));
    expect(directoryOffset + directoryBytes).toBe(zip64End);

    const records = centralRecords(bytes, directoryOffset, entries.size);
    for (const [i, record] of records.entries()) {
      const data = [...entries.values()][i]!;
      if (record.extra.length === 0) {
        // Small and near the start: an ordinary entry.
        expect(record.offset).toBeLessThan(1000);
        expect(data.length).toBeLessThan(1000);
        continue;
      }
      // The ZIP64 extended information field: all three fields marked, all three values in it.
      expect(record.versionNeeded).toBe(45);
      expect(record.extra.readUInt16LE(0)).toBe(0x0001);
      expect(record.extra.readUInt16LE(2)).toBe(24);
      expect([record.size, record.compressedSize, record.offset]).toEqual([
        0xffffffff, 0xffffffff, 0xffffffff,
      ]);
      const size = Number(record.extra.readBigUInt64LE(4));
      const compressedSize = Number(record.extra.readBigUInt64LE(12));
      const offset = Number(record.extra.readBigUInt64LE(20));
      expect(size).toBe(data.length);
      expect(offset).toBeGreaterThan(0);
      const header = bytes.subarray(offset);
      expect(header.readUInt32LE(0)).toBe(0x04034b50);
      const start = offset + 30 + header.readUInt16LE(26);
      if (size >= 1000 || compressedSize >= 1000) {
        // Sizes too large for the local header: bit 3, zeros there, a ZIP64 data descriptor after the data.
        expect(record.flags).toBe(0x0808);
        expect(header.readUInt16LE(6)).toBe(0x0808);
        expect([header.readUInt32LE(14), header.readUInt32LE(18), header.readUInt32LE(22)]).toEqual([
          0, 0, 0,
        ]);
        const descriptor = bytes.subarray(start + compressedSize, start + compressedSize + 24);
        expect(descriptor.readUInt32LE(0)).toBe(0x08074b50);
        expect(descriptor.readUInt32LE(4)).toBe(crc32(data));
        expect(Number(descriptor.readBigUInt64LE(8))).toBe(compressedSize);
        expect(Number(descriptor.readBigUInt64LE(16))).toBe(size);
      } else {
        // Only the offset is far: the local header still has the sizes.
        expect(record.flags).toBe(0x0800);
        expect(header.readUInt32LE(22)).toBe(size);
      }
    }
  });

  it('is read back by our reader and jszip', async () => {
    const path = join(tempDir(), 'zip64.dossier');
    const entries = sample();
    const bytes = await write(path, entries, LOW);
    expect(digests(await readBack(path))).toEqual(digests(entries));
    expect(digests(await readWithJszip(bytes))).toEqual(digests(entries));
  });

  it.skipIf(!HAS_UNZIP)('passes Info-ZIP unzip -t', async () => {
    const path = join(tempDir(), 'zip64.dossier');
    await write(path, sample(), LOW);
    const { status, output } = unzipTest(path);
    expect(output).toContain('No errors detected');
    expect(status).toBe(0);
  });

  it('only the entry count past its threshold: ZIP64 end records, ordinary entries', async () => {
    const path = join(tempDir(), 'many.dossier');
    const entries = new Map([...Array(5).keys()].map((i) => [`e${i}.txt`, Buffer.from(`entry ${i}`)]));
    const bytes = await write(path, entries, { zip64: { entries: 5 } });
    const end = endRecord(bytes);
    expect(end.entries).toBe(0xffff);
    expect(end.directoryOffset).toBeLessThan(0xffffffff);
    expect(bytes.readUInt32LE(end.at - 20)).toBe(0x07064b50);
    expect(centralRecords(bytes, end.directoryOffset, 5).every((r) => r.extra.length === 0)).toBe(true);
    expect(digests(await readBack(path))).toEqual(digests(entries));
    const four = await write(join(tempDir(), 'four.dossier'), new Map([...entries].slice(0, 4)), {
      zip64: { entries: 5 },
    });
    expect(endRecord(four).entries).toBe(4);
    expect(four.readUInt32LE(four.length - 22 - 20)).not.toBe(0x07064b50);
  });
});

describe('ZipWriter output is the same bytes', () => {
  it('whatever the number of deflate threads, the cutting and the timing of the sources', async () => {
    const dir = tempDir();
    const entries = sample();
    const reference = await write(join(dir, 'a.dossier'), entries, { concurrency: 1 });
    const variants: [
      ZipWriterOptions,
      (name: string, data: Buffer, i: number) => AsyncIterable<Buffer> | Buffer,
    ][] = [
      [{ concurrency: 4 }, (_n, data) => data],
      [{ concurrency: 3 }, (_n, data, i) => jittered(data, 17 + i)],
      [{ concurrency: 1 }, (_n, data, i) => jittered(data, 99 + i)],
      [{ concurrency: 8 }, (_n, data, i) => (i % 2 === 0 ? jittered(data, 5 + i) : data)],
    ];
    for (const [i, [options, source]] of variants.entries()) {
      const bytes = await write(join(dir, `v${i}.dossier`), entries, options, source);
      expect(bytes.equals(reference), `variant ${i}`).toBe(true);
    }
  });
});

describe('ZipWriter stopping part-way', () => {
  it('a cancel while a large source is being read leaves no file and stops the source', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'project.dossier'), 'the old file');
    const writer = ZipWriter.create(join(dir, 'project.dossier'), { concurrency: 2 });
    let produced = 0;
    let stopped = false;
    let resolveHalfway: () => void = () => {};
    const halfway = new Promise<void>((resolve) => (resolveHalfway = resolve));
    async function* endless(): AsyncGenerator<Buffer> {
      try {
        for (let i = 0; ; i++) {
          produced += 1;
          if (i === 20) resolveHalfway();
          yield bytesOf(256 * 1024, i + 1);
          await sleep(0);
        }
      } finally {
        stopped = true;
      }
    }
    const entry = writer.add('rows/highlights.jsonl', endless());
    void writer.add('later.txt', 'never written');
    await halfway;
    await writer.abort();
    await expect(entry).rejects.toThrow(DossierError);
    await expect(writer.finish()).rejects.toThrow(DossierError);
    await sleep(20);
    expect(stopped).toBe(true);
    const after = produced;
    await sleep(50);
    expect(produced).toBe(after);
    expect(readdirSync(dir)).toEqual(['project.dossier']);
    expect(readFileSync(join(dir, 'project.dossier'), 'utf8')).toBe('the old file');
  });

  it('a source that fails after several pieces are being deflated rejects finish() and leaves nothing', async () => {
    const dir = tempDir();
    const writer = ZipWriter.create(join(dir, 'out.dossier'), { concurrency: 3 });
    async function* failing(): AsyncGenerator<Buffer> {
      for (let i = 0; i < 6; i++) yield bytesOf(MIB, i + 1);
      throw new Error('the database went away');
    }
    let laterTouched = false;
    const first = writer.add('a.json', '{}');
    const bad = writer.add('rows/big.jsonl', failing());
    const later = writer.add(
      'rows/later.jsonl',
      (function* () {
        laterTouched = true;
        yield 'x';
      })(),
    );
    await expect(first).resolves.toMatchObject({ size: 2 });
    await expect(bad).rejects.toThrow('the database went away');
    await expect(later).rejects.toThrow(DossierError);
    const error = await writer.finish().then(
      () => null,
      (e: unknown) => e as DossierError,
    );
    expect(error?.code).toBe('write_failed');
    expect(error?.message).toBe('Could not write out.dossier: the database went away. Nothing was changed.');
    expect(laterTouched).toBe(false);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('a source yielding something other than text or bytes is refused by name', async () => {
    const dir = tempDir();
    const writer = ZipWriter.create(join(dir, 'out.dossier'));
    const bad = writer.add('rows/odd.jsonl', [42] as unknown as string[]);
    await expect(bad).rejects.toThrow('The data for the entry "rows/odd.jsonl" is not text or bytes.');
    await expect(writer.finish()).rejects.toMatchObject({ code: 'invalid_input' });
    expect(readdirSync(dir)).toEqual([]);
  });
});
