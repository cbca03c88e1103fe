// The archive layer of project exchange: a round trip through ZipWriter and openZip, deterministic and atomic
// writing, and one test for each hostile archive a teammate's file could be (crafted byte by byte).
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { deflateRawSync } from 'node:zlib';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openZip, ZipWriter, type SafeZip, type ZipLimits } from '../../../../electron/exchange/zip';
import { DossierError } from '../../../../shared/errors';
import { refusalOf } from '../../helpers/refusal';
import { tempDir } from '../../helpers/temp';
import {
  centralDirectoryOffset,
  craftZip,
  directoryAttributes,
  fileAttributes,
  symlinkAttributes,
  type CraftEntry,
} from '../../helpers/zip-craft';

const MIB = 1024 * 1024;
const opened: SafeZip[] = [];

afterEach(() => {
  while (opened.length > 0) opened.pop()!.close();
});

function sha256(data: Buffer | string): string {
  return createHash('sha256').update(data).digest('hex');
}

function place(bytes: Buffer, name = 'team.dossier'): string {
  const path = join(tempDir(), name);
  writeFileSync(path, bytes);
  return path;
}

async function openBytes(bytes: Buffer, limits?: Partial<ZipLimits>): Promise<SafeZip> {
  const zip = await openZip(place(bytes), limits);
  opened.push(zip);
  return zip;
}

async function openCrafted(entries: CraftEntry[], limits?: Partial<ZipLimits>): Promise<SafeZip> {
  return openBytes(craftZip(entries), limits);
}

/** The refusal message, checked to be ours: plain words, no stack trace. */
async function refused(work: () => unknown): Promise<string> {
  const message = await refusalOf(work);
  expect(message).not.toMatch(/\n\s+at /);
  return message;
}

async function refusedOpen(bytes: Buffer, limits?: Partial<ZipLimits>): Promise<string> {
  const path = place(bytes);
  return refused(async () => opened.push(await openZip(path, limits)));
}

async function refusedCrafted(entries: CraftEntry[], limits?: Partial<ZipLimits>): Promise<string> {
  return refusedOpen(craftZip(entries), limits);
}

async function collect(iterable: AsyncIterable<Buffer>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of iterable) chunks.push(chunk);
  return Buffer.concat(chunks);
}

async function allLines(iterable: AsyncIterable<string>): Promise<string[]> {
  const lines: string[] = [];
  for await (const line of iterable) lines.push(line);
  return lines;
}

async function writeFailure(work: Promise<unknown>): Promise<DossierError> {
  const error = await work.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DossierError);
  expect((error as DossierError).code).toBe('write_failed');
  return error as DossierError;
}

/** 50 MB of zeros deflate to about 50 KB: the classic zip bomb, made once. */
let zeros: { raw: Buffer; deflated: Buffer } | null = null;
function fiftyMegabytesOfZeros(): { raw: Buffer; deflated: Buffer } {
  if (zeros === null) {
    const raw = Buffer.alloc(50 * MIB);
    zeros = { raw, deflated: deflateRawSync(raw) };
  }
  return zeros;
}

/** About 20 MB of JSON Lines, made chunk by chunk as it is consumed. */
async function* lazyJsonLines(
  hash: ReturnType<typeof createHash>,
  count: { lines: number },
): AsyncGenerator<Buffer> {
  let produced = 0;
  let id = 0;
  while (produced < 20 * MIB) {
    const lines: string[] = [];
    for (let i = 0; i < 10_000; i++, id++)
      lines.push(`{"id":${id},"text":"passage ${id * 7919} of the corpus"}\n`);
    const chunk = Buffer.from(lines.join(''));
    hash.update(chunk);
    produced += chunk.length;
    count.lines += lines.length;
    yield chunk;
    await Promise.resolve();
  }
}

describe('ZipWriter and openZip', () => {
  it('round-trips Buffer, string, sync and async iterable sources and a 20 MB lazy source', async () => {
    const path = join(tempDir(), 'project.dossier');
    const writer = ZipWriter.create(path);
    const json = Buffer.from('{"title":"Fieldwork"}');
    const notes = 'Ünïcödé notes — 引用\n';
    const jsonl = ['{"n":1}\n', '{"n":2}\r\n', '{"n":', '3}\n'];
    async function* parts(): AsyncGenerator<Buffer | string> {
      yield Buffer.from('abc');
      await sleep(1);
      yield 'déf';
    }
    const bigHash = createHash('sha256');
    const count = { lines: 0 };
    const digests = await Promise.all([
      writer.add('project.json', json),
      writer.add('notes/readme.txt', notes),
      writer.add('data/highlights.jsonl', jsonl),
      writer.add('data/parts.bin', parts(), { compress: false }),
      writer.add('data/big.jsonl', lazyJsonLines(bigHash, count)),
    ]);
    await writer.finish();
    expect(readdirSync(join(path, '..'))).toEqual(['project.dossier']);

    const bigSha = bigHash.digest('hex');
    expect(digests).toEqual([
      { name: 'project.json', size: json.length, sha256: sha256(json) },
      { name: 'notes/readme.txt', size: Buffer.byteLength(notes), sha256: sha256(notes) },
      {
        name: 'data/highlights.jsonl',
        size: Buffer.byteLength(jsonl.join('')),
        sha256: sha256(jsonl.join('')),
      },
      { name: 'data/parts.bin', size: 7, sha256: sha256('abcdéf') },
      { name: 'data/big.jsonl', size: expect.any(Number) as number, sha256: bigSha },
    ]);
    expect(digests[4]!.size).toBeGreaterThanOrEqual(20 * MIB);

    const zip = await openZip(path);
    opened.push(zip);
    expect([...zip.entries.keys()]).toEqual([
      'project.json',
      'notes/readme.txt',
      'data/highlights.jsonl',
      'data/parts.bin',
      'data/big.jsonl',
    ]);
    expect(zip.entries.get('data/parts.bin')).toEqual({ name: 'data/parts.bin', size: 7, compressedSize: 7 });
    expect(zip.entries.get('data/big.jsonl')!.compressedSize).toBeLessThan(digests[4]!.size / 4);
    expect(zip.has('notes/readme.txt')).toBe(true);
    expect(zip.has('notes/')).toBe(false);
    expect(await zip.readBuffer('project.json')).toEqual(json);
    expect(await zip.readText('notes/readme.txt')).toBe(notes);
    expect(await allLines(zip.lines('data/highlights.jsonl'))).toEqual(['{"n":1}', '{"n":2}', '{"n":3}']);
    expect((await collect(await zip.stream('data/parts.bin'))).toString()).toBe('abcdéf');
    expect(await zip.sha256('data/big.jsonl')).toBe(bigSha);
    let lines = 0;
    for await (const line of zip.lines('data/big.jsonl')) {
      if (lines === 0) expect(JSON.parse(line)).toEqual({ id: 0, text: 'passage 0 of the corpus' });
      lines += 1;
    }
    expect(lines).toBe(count.lines);
  });

  it('writes byte-identical archives for the same entries in the same order, however a stream is cut', async () => {
    const dir = tempDir();
    const body = Buffer.from('a passage worth quoting. '.repeat(5000));
    const write = async (name: string, chunked: boolean): Promise<Buffer> => {
      const writer = ZipWriter.create(join(dir, name));
      void writer.add('a.json', '{"a":1}');
      // (The same bytes cut differently must give the same entry: deflate pieces are cut at fixed sizes.)
      void writer.add('b/body.txt', chunked ? [body.subarray(0, 999), body.subarray(999)] : [body]);
      void writer.add('c.bin', Buffer.from([1, 2, 3]), { compress: false });
      await writer.finish();
      return readFileSync(join(dir, name));
    };
    const first = await write('one.dossier', false);
    await sleep(1100); // a later clock must not show in the bytes
    const second = await write('two.dossier', true);
    expect(second.equals(first)).toBe(true);
    // No extra fields (the extended timestamp would vary); every entry dated 1980-01-01 00:00 (DOS 0x0021, 0).
    const zip = await openBytes(first);
    expect(await zip.readText('b/body.txt')).toBe(body.toString());
    const local = first.subarray(0, 30);
    expect(local.readUInt16LE(10)).toBe(0); // time
    expect(local.readUInt16LE(12)).toBe(0x21); // date
    expect(local.readUInt16LE(28)).toBe(0); // extra field length
  });

  it('reads a lazy source only once the entries before it are written', async () => {
    const events: string[] = [];
    async function* first(): AsyncGenerator<Buffer> {
      events.push('first starts');
      for (let i = 0; i < 3; i++) {
        await sleep(5);
        events.push('first chunk');
        yield Buffer.alloc(70_000, i);
      }
      events.push('first ends');
    }
    function* second(): Generator<string> {
      events.push('second starts');
      yield 'x';
    }
    const writer = ZipWriter.create(join(tempDir(), 'lazy.dossier'));
    const added = [writer.add('first.bin', first()), writer.add('second.txt', second())];
    expect(events).toEqual([]);
    await writer.finish();
    await Promise.all(added);
    expect(events).toEqual([
      'first starts',
      'first chunk',
      'first chunk',
      'first chunk',
      'first ends',
      'second starts',
    ]);
  });

  it('replaces the target only at finish(), by renaming a temporary file beside it', async () => {
    const dir = tempDir();
    const path = join(dir, 'out.dossier');
    writeFileSync(path, 'the old file');
    const writer = ZipWriter.create(path);
    await writer.add('a.txt', 'new');
    // The temporary file is opened asynchronously: wait until it is there.
    await vi.waitFor(() => expect(readdirSync(dir)).toHaveLength(2));
    const during = readdirSync(dir).sort();
    expect(during[0]).toMatch(/^\.dossier-\d+-[0-9a-f]{12}\.tmp$/);
    expect(readFileSync(path, 'utf8')).toBe('the old file');
    await writer.finish();
    expect(readdirSync(dir)).toEqual(['out.dossier']);
    const zip = await openZip(path);
    opened.push(zip);
    expect(await zip.readText('a.txt')).toBe('new');
    await writer.abort(); // after a finish: nothing to undo
    expect(readdirSync(dir)).toEqual(['out.dossier']);
  });

  it('abort() leaves neither the target nor a temporary file, and keeps the old file', async () => {
    const dir = tempDir();
    const writer = ZipWriter.create(join(dir, 'new.dossier'));
    await writer.add('a.txt', 'x');
    await writer.abort();
    expect(readdirSync(dir)).toEqual([]);
    await expect(writer.finish()).rejects.toThrow(DossierError);

    writeFileSync(join(dir, 'old.dossier'), 'keep me');
    const again = ZipWriter.create(join(dir, 'old.dossier'));
    void again.add('a.txt', 'x');
    await again.abort();
    expect(readdirSync(dir)).toEqual(['old.dossier']);
    expect(readFileSync(join(dir, 'old.dossier'), 'utf8')).toBe('keep me');
  });

  it('a failing source rejects its entry and finish(), touches no later source, and leaves no file', async () => {
    const dir = tempDir();
    const writer = ZipWriter.create(join(dir, 'out.dossier'));
    async function* broken(): AsyncGenerator<Buffer> {
      yield Buffer.alloc(100_000, 1);
      await sleep(1);
      throw new Error('the database went away');
    }
    let laterTouched = false;
    function* later(): Generator<string> {
      laterTouched = true;
      yield 'never';
    }
    const ok = writer.add('ok.txt', 'fine');
    const bad = writer.add('bad.bin', broken());
    const after = writer.add('later.txt', later());
    expect(await ok).toMatchObject({ name: 'ok.txt', size: 4 });
    const entryError = await writeFailure(bad);
    expect(entryError.message).toContain('the database went away');
    await writeFailure(after);
    const finishError = await writeFailure(writer.finish());
    expect(finishError.message).toBe(
      'Could not write out.dossier: the database went away. Nothing was changed.',
    );
    await writer.abort();
    expect(readdirSync(dir)).toEqual([]);
    expect(laterTouched).toBe(false);
  });

  it("a source's own DossierError reaches finish() unchanged (a cancelled export stays cancelled)", async () => {
    const dir = tempDir();
    const writer = ZipWriter.create(join(dir, 'out.dossier'));
    void writer.add(
      'rows.jsonl',
      (function* () {
        yield '{}\n';
        throw new DossierError('not_found', 'The document was deleted meanwhile.');
      })(),
    );
    const error = await writer.finish().then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DossierError);
    expect((error as DossierError).code).toBe('not_found');
    expect((error as DossierError).message).toBe('The document was deleted meanwhile.');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('a failing source with abort() and no finish() leaves no temporary file', async () => {
    const dir = tempDir();
    const writer = ZipWriter.create(join(dir, 'out.dossier'));
    const bad = writer.add(
      'bad.bin',
      (function* () {
        yield 'a';
        throw new Error('no more');
      })(),
    );
    await writeFailure(bad);
    await writer.abort();
    expect(readdirSync(dir)).toEqual([]);
  });

  it('writing into a folder that does not exist is write_failed in plain words', async () => {
    const dir = tempDir();
    const writer = ZipWriter.create(join(dir, 'gone', 'out.dossier'));
    void writer.add('a.txt', 'x');
    const error = await writeFailure(writer.finish());
    expect(error.message).toBe(
      'Could not write out.dossier: the folder does not exist. Nothing was changed.',
    );
    await writer.abort();
    expect(readdirSync(dir)).toEqual([]);
  });

  it('refuses entry names the reader would refuse, and duplicates, as invalid_input', async () => {
    const writer = ZipWriter.create(join(tempDir(), 'out.dossier'));
    await writer.add('a.json', '{}');
    for (const name of [
      '../evil',
      '/abs',
      'C:x',
      'a\\b',
      'a\u0000b',
      'a//b',
      'dir/',
      '',
      'x'.repeat(1025),
      'A.json',
    ]) {
      const error = await writer.add(name, 'x').then(
        () => null,
        (e: unknown) => e,
      );
      expect(error, name).toBeInstanceOf(DossierError);
      expect((error as DossierError).code, name).toBe('invalid_input');
    }
    await writer.finish();
    await expect(writer.add('late.txt', 'x')).rejects.toThrow(/already finished/);
  });
});

describe('openZip refuses a file that is not a readable zip', () => {
  it('a text file renamed', async () => {
    const message = await refusedOpen(Buffer.from('Interview notes, 12 March\nThe mayor said...\n'));
    expect(message).toContain('team.dossier');
    expect(message).toContain('not a zip archive');
    expect(message).toContain('text file');
  });

  it('a PDF renamed', async () => {
    const message = await refusedOpen(Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n', 'latin1'));
    expect(message).toContain('not a zip archive');
    expect(message).toContain('PDF');
  });

  it('an empty file', async () => {
    expect(await refusedOpen(Buffer.alloc(0))).toContain('empty');
  });

  it('a missing file', async () => {
    const message = await refused(() => openZip(join(tempDir(), 'nowhere.dossier')));
    expect(message).toContain('the file does not exist');
  });

  const whole = craftZip([
    { name: 'project.json', data: '{"title":"Fieldwork"}', method: 8 },
    { name: 'notes.txt', data: 'hello' },
  ]);
  const withComment = craftZip([{ name: 'a.txt', data: 'x' }], { comment: 'made by hand' });
  it.each([
    ['inside an entry, before the central directory', whole.subarray(0, 40)],
    ['inside the central directory', whole.subarray(0, centralDirectoryOffset(whole) + 50)],
    ['with the end of central directory record missing', whole.subarray(0, whole.length - 22)],
    ['inside the end of central directory record', whole.subarray(0, whole.length - 5)],
    ['inside the archive comment', withComment.subarray(0, withComment.length - 4)],
  ])('a file cut short %s', async (_where, bytes) => {
    const message = await refusedOpen(bytes);
    expect(message).toContain('cut short');
  });

  it('a central directory that points at the wrong bytes', async () => {
    const bytes = Buffer.from(whole);
    bytes.writeUInt32LE(0, bytes.length - 22 + 16);
    const message = await refusedOpen(bytes);
    expect(message).toContain('table of contents');
    expect(message).toContain('damaged');
  });

  it('a zip yauzl cannot read for another reason (split over several disks), prefixed with our sentence', async () => {
    const bytes = Buffer.from(whole);
    bytes.writeUInt16LE(1, bytes.length - 22 + 4);
    const message = await refusedOpen(bytes);
    expect(message).toMatch(
      /^Dossier did not open team\.dossier: the archive is damaged or uses a zip feature/,
    );
    expect(message).toContain('multi-disk');
  });
});

describe('openZip refuses hostile entries', () => {
  it('an encrypted entry (general purpose bit 0)', async () => {
    const message = await refusedCrafted([{ name: 'secret.json', data: '{}', method: 8, flags: 0x0801 }]);
    expect(message).toContain('"secret.json"');
    expect(message).toContain('encrypted');
  });

  it('a strongly encrypted entry (bit 6)', async () => {
    const message = await refusedCrafted([
      { name: 'ok.txt', data: 'x' },
      { name: 'vault.bin', data: 'x', method: 8, flags: 0x0841 },
    ]);
    expect(message).toContain('"vault.bin"');
    expect(message).toContain('encrypted');
  });

  it.each([
    ['../evil.sh', '".."'],
    ['notes/../../evil.sh', '".."'],
    ['/etc/passwd', 'absolute path'],
    ['C:x', 'drive letter ("C:")'],
    ['C:/Windows/evil.dll', 'drive letter ("C:")'],
    ['c:\\evil.dll', 'drive letter ("c:")'],
    ['notes\\evil.txt', 'backslash'],
    ['a\u0000b.txt', 'control character'],
    ['a\u001bb.txt', 'control character'],
    ['notes//a.txt', 'empty folder name'],
    ['./a.txt', '"." segment'],
  ])('an entry named %j', async (name, problem) => {
    const message = await refusedCrafted([
      { name: 'fine.txt', data: 'x' },
      { name, data: 'pwned' },
    ]);
    expect(message).toContain(problem);
    const shown = name.replace('\u0000', '\\u0000').replace('\u001b', '\\u001b');
    expect(message).toContain(`"${shown}"`);
  });

  it('a control character in a name without the UTF-8 flag (shown as a CP437 symbol)', async () => {
    const message = await refusedCrafted([
      { name: Buffer.from('a\u0001b.txt', 'latin1'), data: 'x', flags: 0 },
    ]);
    expect(message).toContain('control character (byte 0x01)');
  });

  it('a name longer than 1,024 bytes', async () => {
    const message = await refusedCrafted([{ name: 'é'.repeat(513), data: 'x' }]);
    expect(message).toContain('1,026 bytes');
    expect(message).toContain('limit of 1,024');
  });

  it('a symbolic link', async () => {
    const message = await refusedCrafted([
      { name: 'notes.txt', data: '/home/researcher/.ssh/id_rsa', externalAttributes: symlinkAttributes() },
    ]);
    expect(message).toContain('"notes.txt"');
    expect(message).toContain('symbolic link');
  });

  it('an entry that is neither a file nor a folder (a named pipe)', async () => {
    const message = await refusedCrafted([{ name: 'pipe', externalAttributes: fileAttributes(0o010644) }]);
    expect(message).toContain('"pipe"');
    expect(message).toContain('not a regular file or folder');
  });

  it('the same name twice', async () => {
    const message = await refusedCrafted([
      { name: 'project.json', data: '{"a":1}' },
      { name: 'project.json', data: '{"a":2}' },
    ]);
    expect(message).toContain('"project.json"');
    expect(message).toContain('duplicate');
  });

  it('names that differ only in case', async () => {
    const message = await refusedCrafted([
      { name: 'a.json', data: '1' },
      { name: 'A.json', data: '2' },
    ]);
    expect(message).toContain('"A.json"');
    expect(message).toContain('"a.json"');
    expect(message).toContain('duplicate');
  });

  it('names equal after Unicode NFC normalisation', async () => {
    const message = await refusedCrafted([
      { name: 'caf\u00e9.json', data: '1' },
      { name: 'cafe\u0301.json', data: '2' },
    ]);
    expect(message).toContain('duplicate');
  });

  it('a file with the name of a folder', async () => {
    const message = await refusedCrafted([
      { name: 'notes/a.txt', data: '1' },
      { name: 'Notes', data: '2' },
    ]);
    expect(message).toContain('"Notes"');
    expect(message).toContain('folder of that name');
  });

  it('more entries than maxEntries', async () => {
    const entries = ['a', 'b', 'c', 'd'].map((name) => ({ name, data: name }));
    const message = await refusedCrafted(entries, { maxEntries: 3 });
    expect(message).toContain('too many entries (4; the limit is 3)');
  });

  it('declared sizes summing to more than maxTotalBytes', async () => {
    const entries = ['a', 'b', 'c'].map((name) => ({ name, data: Buffer.alloc(1000, 0x61) }));
    const message = await refusedCrafted(entries, { maxTotalBytes: 2500 });
    expect(message).toContain('more than 2,500 bytes in all');
  });

  it('a zip bomb: 50 MB of zeros in a small deflated entry, above maxEntryBytes', async () => {
    const { raw } = fiftyMegabytesOfZeros();
    const bytes = craftZip([{ name: 'bomb.bin', data: raw, method: 8 }]);
    expect(bytes.length).toBeLessThan(100_000);
    const message = await refusedOpen(bytes, { maxEntryBytes: 10 * MIB, maxTotalBytes: 20 * MIB });
    expect(message).toContain('"bomb.bin"');
    expect(message).toContain('50.0 MB (52,428,800 bytes)');
    expect(message).toContain('10.0 MB');
    expect(message).toContain('zip bomb');
  });

  it('a zip bomb above maxTotalBytes, and above the default ratio limit', async () => {
    const { raw } = fiftyMegabytesOfZeros();
    const bytes = craftZip([{ name: 'bomb.bin', data: raw, method: 8 }]);
    const total = await refusedOpen(bytes, { maxTotalBytes: 20 * MIB });
    expect(total).toContain('more than 20.0 MB (20,971,520 bytes) in all');
    // Zeros deflate about 1,030 to 1, beyond the default 1,000 to 1.
    const ratio = await refusedOpen(bytes);
    expect(ratio).toContain('"bomb.bin"');
    expect(ratio).toMatch(/\(1,0\d\d to 1\)/);
  });

  it('an implausible compression ratio', async () => {
    const message = await refusedCrafted([{ name: 'flat.bin', data: Buffer.alloc(2 * MIB), method: 8 }], {
      maxRatio: 100,
    });
    expect(message).toContain('"flat.bin"');
    expect(message).toContain('100 to 1');
    expect(message).toContain('zip bomb');
  });

  it('a compression method other than stored and deflate', async () => {
    const message = await refusedCrafted([{ name: 'a.xml', data: 'BZh91AY&SY', method: 12 }]);
    expect(message).toContain('"a.xml"');
    expect(message).toContain('compression method');
    expect(message).toContain('bzip2');
  });

  it('a stored entry whose two size fields disagree (lying size fields)', async () => {
    const message = await refusedCrafted([{ name: 'a.txt', data: 'hello world', declaredSize: 5 }]);
    expect(message).toContain('"a.txt"');
    expect(message).toContain('lying size');
  });

  it('entries that overlap in the file', async () => {
    const bytes = craftZip([
      { name: 'a.txt', data: 'same bytes' },
      { name: 'b.txt', data: 'same bytes' },
    ]);
    // The second central record points at the first entry's data.
    bytes.writeUInt32LE(0, centralDirectoryOffset(bytes) + 46 + 'a.txt'.length + 42);
    const message = await refusedOpen(bytes);
    expect(message).toContain('overlaps');
    expect(message).toContain('zip bomb');
  });

  it('allows folders and does not list them as files', async () => {
    const zip = await openCrafted([
      { name: 'notes/', externalAttributes: directoryAttributes() },
      { name: 'notes/a.txt', data: 'a' },
      { name: 'empty/', externalAttributes: directoryAttributes() },
    ]);
    expect([...zip.entries.keys()]).toEqual(['notes/a.txt']);
  });
});

describe('reading an entry holds it to its headers', () => {
  it('a deflated entry that unpacks to far more than declared is refused while reading, not held in memory', async () => {
    const { raw } = fiftyMegabytesOfZeros();
    const zip = await openCrafted([{ name: 'bomb.bin', data: raw, method: 8, declaredSize: 1000 }]);
    const before = process.memoryUsage().arrayBuffers;
    const message = await refused(() => zip.readBuffer('bomb.bin'));
    expect(message).toContain('"bomb.bin"');
    expect(message).toContain('more than the 1,000 bytes its header declares');
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(20 * MIB);
    expect(await refused(() => zip.sha256('bomb.bin'))).toContain('more than the 1,000 bytes');
    expect(await refused(() => allLines(zip.lines('bomb.bin')))).toContain('more than the 1,000 bytes');
    expect(await refused(async () => collect(await zip.stream('bomb.bin')))).toContain(
      'more than the 1,000 bytes',
    );
  });

  it('an entry that unpacks to fewer bytes than declared', async () => {
    const zip = await openCrafted([{ name: 'short.txt', data: 'hello world', method: 8, declaredSize: 50 }]);
    const message = await refused(() => zip.readText('short.txt'));
    expect(message).toContain('"short.txt"');
    expect(message).toContain('fewer than the 50 bytes its header declares');
  });

  it('an entry whose CRC-32 does not match', async () => {
    const zip = await openCrafted([{ name: 'a.json', data: '{"a":1}', method: 8, crc: 0x12345678 }]);
    const message = await refused(() => zip.readText('a.json'));
    expect(message).toContain('"a.json"');
    expect(message).toContain('checksum');
  });

  it('an entry whose deflated data is corrupt', async () => {
    const bytes = craftZip([{ name: 'a.txt', data: 'some text that deflates', method: 8 }]);
    bytes.fill(0xff, 30 + 'a.txt'.length, 30 + 'a.txt'.length + 4);
    const zip = await openBytes(bytes);
    const message = await refused(() => zip.readText('a.txt'));
    expect(message).toContain('"a.txt"');
    expect(message).toContain('cannot be unpacked');
  });

  it('reads beyond maxTotalBytes in all', async () => {
    const zip = await openCrafted([{ name: 'a.bin', data: Buffer.alloc(600, 1) }], { maxTotalBytes: 1000 });
    expect((await zip.readBuffer('a.bin')).length).toBe(600);
    const message = await refused(() => zip.readBuffer('a.bin'));
    expect(message).toContain('more than 1,000 bytes in all');
  });

  it('an entry larger than the caller allows, refused before unpacking', async () => {
    const zip = await openCrafted([{ name: 'big.json', data: Buffer.alloc(5000, 0x20), method: 8 }], {
      maxTotalBytes: 6000,
    });
    const message = await refused(() => zip.readBuffer('big.json', 100));
    expect(message).toContain('"big.json"');
    expect(message).toContain('too large to read: 5,000 bytes, more than the 100 bytes allowed here');
    expect(await refused(() => zip.readText('big.json', 100))).toContain('too large');
    // Nothing was unpacked: the whole budget is still there.
    expect((await zip.readBuffer('big.json')).length).toBe(5000);
  });

  it('a missing entry', async () => {
    const zip = await openCrafted([{ name: 'a.txt', data: 'x' }]);
    expect(await refused(() => zip.readText('project.json'))).toContain('no entry "project.json"');
    expect(await refused(() => zip.stream('project.json'))).toContain('"project.json"');
  });

  it('text that is not UTF-8, in readText and in lines', async () => {
    const zip = await openCrafted([
      { name: 'a.jsonl', data: Buffer.from('{"a":1}\n{"b":"\xff"}\n', 'latin1') },
    ]);
    const text = await refused(() => zip.readText('a.jsonl'));
    expect(text).toContain('"a.jsonl"');
    expect(text).toContain('not valid UTF-8');
    expect(await refused(() => allLines(zip.lines('a.jsonl')))).toContain('not valid UTF-8 text (line 2)');
  });

  it('a line longer than maxLineBytes, naming the line', async () => {
    const zip = await openCrafted([{ name: 'a.jsonl', data: `short\r\n${'x'.repeat(50)}\nshort\n` }]);
    const message = await refused(() => allLines(zip.lines('a.jsonl', 10)));
    expect(message).toContain('"a.jsonl"');
    expect(message).toContain('line 2');
    expect(await allLines(zip.lines('a.jsonl', 50))).toEqual(['short', 'x'.repeat(50), 'short']);
  });

  it('drops a UTF-8 BOM, keeps inner empty lines and ignores an empty last line', async () => {
    const zip = await openCrafted([
      { name: 'a.txt', data: '\uFEFFtext' },
      { name: 'b.jsonl', data: '\uFEFF{"a":1}\r\n\r\n{"b":2}' },
      { name: 'c.jsonl', data: '{"a":1}\n' },
    ]);
    expect(await zip.readText('a.txt')).toBe('text');
    expect(await allLines(zip.lines('b.jsonl'))).toEqual(['{"a":1}', '', '{"b":2}']);
    expect(await allLines(zip.lines('c.jsonl'))).toEqual(['{"a":1}']);
  });

  it('an archive read after close() fails with a DossierError', async () => {
    const zip = await openCrafted([{ name: 'a.txt', data: 'x' }]);
    zip.close();
    await expect(zip.readText('a.txt')).rejects.toThrow(DossierError);
  });
});
