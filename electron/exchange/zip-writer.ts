// Writing a zip archive (a .dossier project, a REFI-QDA .qdpx) quickly, deterministically and atomically.
//
// Quickly: an export is thousands of entries and tens of megabytes of JSON, and one thread deflating one entry
// at a time left the second core idle. Here the data of a compressed entry is cut into fixed pieces that are
// deflated independently on libuv's thread pool, several at once, and joined in order: each piece but the
// last ends with a sync flush (an empty stored block, byte-aligned, not final), so the pieces together are one
// valid deflate stream, as pigz makes them. The CRC-32 (zlib's, native) and SHA-256 are computed as the data
// passes. A bounded window of bytes read but not yet written keeps memory flat however large the archive.
//
// Deterministically: the pieces are cut at fixed sizes whatever the chunks a source yields, entries are
// written in the order they were added whichever piece finishes first, and the records carry no clock (see
// zip-records.ts), so the same entries give the same bytes.
//
// Atomically, like electron/services/atomic-write.ts: a temporary file beside the target, flushed to disk and
// renamed over it, or removed on any failure (or a cancel) so nothing is changed.
import { createHash, hash, randomBytes } from 'node:crypto';
import { statSync } from 'node:fs';
import { open, rename, rm, type FileHandle } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { constants as zlib, crc32, deflateRaw, deflateRawSync } from 'node:zlib';
import { DossierError } from '../../shared/errors';
import { WRITE_REASONS } from '../services/atomic-write';
import { entryNameProblem, NameRegistry, plainReason, quote } from './zip-names';
import {
  centralRecordBytes,
  dataDescriptor,
  endRecords,
  LOCAL_HEADER_BYTES,
  needsDescriptor,
  writeCentralRecord,
  writeLocalHeader,
  ZIP64_THRESHOLDS,
  type EntryRecord,
  type Zip64Thresholds,
} from './zip-records';

export interface ZipEntryDigest {
  name: string;
  size: number;
  sha256: string;
}

export type ZipSource = Buffer | string | Iterable<Buffer | string> | AsyncIterable<Buffer | string>;

export interface ZipWriterOptions {
  /** Pieces deflated at once on the thread pool (default: the cores, at most 3 so file writes find a thread). */
  concurrency?: number;
  /** Tests only: where the ZIP64 records start being needed (default: the format's own limits). */
  zip64?: Partial<Zip64Thresholds>;
}

/** The write_failed error for `path`: "Could not write NAME: <plain reason>. Nothing was changed." */
export function writeFailure(path: string, error: unknown): DossierError {
  if (error instanceof DossierError && error.code === 'write_failed') return error;
  const failure = new DossierError(
    'write_failed',
    `Could not write ${basename(path)}: ${plainReason(error, WRITE_REASONS)}. Nothing was changed.`,
  );
  failure.cause = error;
  return failure;
}

/** The size of the independently deflated pieces: large enough that the cut costs nothing measurable. */
const PIECE = 1024 * 1024;
/** Pieces smaller than this are deflated on the main thread: a thread-pool job costs more than it saves. */
const SMALL_PIECE = 32 * 1024;
/** Bytes read from sources and not yet handed to the file, at most (plus the piece being filled). */
const WINDOW = 4 * 1024 * 1024;
/** Bytes gathered for one write to the file. */
const WRITE_BATCH = 1024 * 1024;
/** Level 1: a third of the time of zlib's default for a few percent more bytes (exports are large). */
const LEVEL = 1;

interface Entry extends EntryRecord {
  nameText: string;
  source: ZipSource | null;
  /** The digest, when the bytes were at hand at add(); otherwise computed as the source is read. */
  digest: ZipEntryDigest | null;
  resolve(digest: ZipEntryDigest): void;
  reject(error: DossierError): void;
  /** The local header, filled in when the entry's data is written (its sizes are known only then). */
  header: Buffer;
  /** The header went to the file before the entry was done: it is written again at its offset. */
  headerFlushed: boolean;
}

/** A deflate job on the thread pool; `bytes` is set when it is done. */
interface Job {
  bytes: Buffer | null;
  done: Promise<void>;
}

/** What the producer hands the file writer, in order. */
type Item =
  | { kind: 'start'; entry: Entry }
  | { kind: 'data'; bytes: Buffer | Job; read: number }
  | { kind: 'end'; entry: Entry };

export class ZipWriter {
  readonly #path: string;
  readonly #temp: string;
  readonly #limits: Zip64Thresholds;
  readonly #concurrency: number;
  readonly #handle: Promise<FileHandle>;
  #closing: Promise<void> | null = null;
  readonly #names = new NameRegistry();
  /** Entries added and not yet read, in order. */
  readonly #entries: Entry[] = [];
  #nextEntry = 0;
  /** Entries written, for the central directory. */
  readonly #written: EntryRecord[] = [];
  /** Entries whose digest has not been given yet. */
  readonly #pending = new Set<Entry>();
  readonly #items: Item[] = [];
  #nextItem = 0;
  /** Source bytes read and not yet handed to the file; deflate jobs running. */
  #queued = 0;
  #jobs = 0;
  /** The producer waits for room in the window, the file writer for items. */
  #roomWaiter: (() => void) | null = null;
  #itemWaiter: (() => void) | null = null;
  /** The source being read, to be stopped on a failure. */
  #activeSource: Iterator<unknown> | AsyncIterator<unknown> | null = null;
  #ended = false;
  #producerDone = false;
  /** Settles when every entry is written (or on the first failure). */
  readonly #drained: Promise<void>;
  #failure: DossierError | null = null;
  #failed: () => void = () => {};
  readonly #failedSignal: Promise<void>;
  #state: 'open' | 'finishing' | 'finished' | 'aborted' = 'open';

  private constructor(path: string, options: ZipWriterOptions) {
    this.#path = path;
    this.#limits = { ...ZIP64_THRESHOLDS, ...options.zip64 };
    this.#concurrency = Math.max(1, options.concurrency ?? Math.min(3, availableParallelism()));
    // A short name beside the target (a long file name plus a suffix could pass the 255-byte limit).
    this.#temp = join(dirname(path), `.dossier-${process.pid}-${randomBytes(6).toString('hex')}.tmp`);
    // The file replaced keeps its permissions (an export over a private file stays private).
    let mode = 0o644;
    try {
      mode = statSync(path).mode & 0o777;
    } catch {
      // No file there yet.
    }
    this.#handle = open(this.#temp, 'wx', mode);
    this.#handle.catch((error: unknown) => this.#fail(error));
    this.#failedSignal = new Promise((resolve) => (this.#failed = resolve));
    this.#drained = Promise.all([this.#produce(), this.#writeOut()]).then(
      () => {},
      (error: unknown) => this.#fail(error),
    );
  }

  /** Starts writing to a temporary file beside `path` (same folder, a name like `.dossier-<pid>-<random>.tmp`). */
  static create(path: string, options: ZipWriterOptions = {}): ZipWriter {
    return new ZipWriter(path, options);
  }

  /**
   * Adds an entry: a Buffer or a string (UTF-8), held until it is written, or an (async) iterable of Buffers
   * and strings, read only once the sources of the entries before it are read, and streamed. Resolves with
   * the entry's size and SHA-256 once its data has been read (at once for bytes at hand). A name the reader
   * would refuse, or one already added, is invalid_input. `compress: false` stores the bytes as they are
   * (for data already compressed).
   */
  add(name: string, data: ZipSource, options: { compress?: boolean } = {}): Promise<ZipEntryDigest> {
    const file = basename(this.#path);
    if (this.#state !== 'open') {
      return Promise.reject(
        new DossierError('internal', `Cannot add ${quote(name)}: ${file} is already finished or cancelled.`),
      );
    }
    const problem =
      entryNameProblem(name) ??
      (name.endsWith('/') ? 'ends in "/", which makes it a folder, not a file' : null);
    if (problem !== null) {
      return Promise.reject(
        new DossierError('invalid_input', `Cannot add the entry ${quote(name)} to ${file}: it ${problem}.`),
      );
    }
    if (this.#failure !== null) return handled(Promise.reject(this.#failure));
    const collision = this.#names.register(name, false);
    if (collision !== null) {
      return Promise.reject(
        new DossierError('invalid_input', `Cannot add the entry ${quote(name)} to ${file}: it ${collision}.`),
      );
    }
    const nameBytes = Buffer.from(name, 'utf8');
    const entry: Entry = {
      nameText: name,
      name: nameBytes,
      method: (options.compress ?? true) ? 8 : 0,
      crc: 0,
      size: 0,
      compressedSize: 0,
      offset: 0,
      source: data,
      digest: null,
      resolve: () => {},
      reject: () => {},
      header: Buffer.allocUnsafe(LOCAL_HEADER_BYTES + nameBytes.length),
      headerFlushed: false,
    };
    const digest = new Promise<ZipEntryDigest>((resolve, reject) => {
      entry.resolve = resolve;
      entry.reject = reject;
    });
    if (typeof data === 'string' || Buffer.isBuffer(data)) {
      // Bytes at hand: hashed now, so the caller has the digest at once (an export adds thousands of originals).
      const bytes = toBuffer(name, data);
      entry.source = bytes;
      entry.size = bytes.length;
      entry.crc = crc32(bytes);
      entry.digest = { name, size: bytes.length, sha256: hash('sha256', bytes, 'hex') };
      entry.resolve(entry.digest);
    } else {
      this.#pending.add(entry);
    }
    this.#entries.push(entry);
    this.#wakeProducer();
    // A failure also rejects finish(), so one nobody awaits here is not an unhandled rejection.
    return handled(digest);
  }

  /**
   * Finishes the archive, flushes it to disk and renames it over the target. On any failure the temporary
   * file is removed and the error is write_failed ("Could not write NAME: <reason>. Nothing was changed."),
   * or the DossierError a source threw (a cancelled export stays 'cancelled').
   */
  async finish(): Promise<void> {
    if (this.#state !== 'open') {
      throw new DossierError('internal', `${basename(this.#path)} is already finished or cancelled.`);
    }
    this.#state = 'finishing';
    this.#ended = true;
    this.#wakeProducer();
    try {
      await Promise.race([this.#drained, this.#failedSignal]);
      if (this.#failure !== null) throw this.#failure;
      const handle = await this.#handle;
      await this.#writeDirectory(handle);
      await handle.sync();
      await this.#closeFile();
      if (this.#failure !== null) throw this.#failure;
      await rename(this.#temp, this.#path);
      this.#state = 'finished';
    } catch (error) {
      this.#fail(error);
      await this.#removeTemp();
      this.#state = 'aborted';
      throw this.#failure ?? writeFailure(this.#path, error);
    }
  }

  /** Stops and removes the temporary file (cancel). Safe to call after an error; does nothing once finished. */
  async abort(): Promise<void> {
    if (this.#state === 'finished') return;
    this.#fail(
      new DossierError('write_failed', `Writing ${basename(this.#path)} was cancelled. Nothing was changed.`),
    );
    await this.#removeTemp();
    if (this.#state === 'open') this.#state = 'aborted';
  }

  // -------------------------------------------------------------------------------------------------------
  // The producer: reads the sources in order, hashes, cuts and deflates, queues items for the file writer.

  async #produce(): Promise<void> {
    for (;;) {
      if (this.#failure !== null) return;
      const entry = this.#entries[this.#nextEntry];
      if (entry === undefined) {
        if (this.#ended) break;
        await new Promise<void>((resolve) => (this.#roomWaiter = resolve));
        continue;
      }
      // Let go of what was read (an export adds ten thousand originals).
      this.#entries[this.#nextEntry] = undefined as unknown as Entry;
      this.#nextEntry += 1;
      if (this.#nextEntry === this.#entries.length) {
        this.#entries.length = 0;
        this.#nextEntry = 0;
      }
      await this.#produceEntry(entry);
    }
    this.#producerDone = true;
    this.#wakeWriter();
  }

  async #produceEntry(entry: Entry): Promise<void> {
    this.#push({ kind: 'start', entry });
    const source = entry.source!;
    entry.source = null;
    const pieces = entry.method === 8 ? new Pieces() : null;
    const take = async (bytes: Buffer): Promise<void> => {
      if (pieces === null) {
        this.#queued += bytes.length;
        this.#push({ kind: 'data', bytes, read: bytes.length });
        await this.#room();
      } else {
        for (const piece of pieces.add(bytes)) {
          this.#deflate(piece, false);
          await this.#room();
        }
      }
    };

    if (Buffer.isBuffer(source)) {
      await take(source);
      if (this.#failure !== null) return;
    } else {
      const sha = createHash('sha256');
      let crc = 0;
      let size = 0;
      // Text to be deflated is encoded into one reused buffer (Pieces copies it): no garbage per chunk.
      let scratch = Buffer.alloc(0);
      const read = async (chunk: unknown): Promise<void> => {
        let bytes: Buffer;
        if (typeof chunk === 'string' && pieces !== null) {
          const length = Buffer.byteLength(chunk, 'utf8');
          if (length > scratch.length) scratch = Buffer.allocUnsafeSlow(Math.max(length, 64 * 1024));
          bytes = scratch.subarray(0, scratch.write(chunk, 'utf8'));
        } else {
          bytes = toBuffer(entry.nameText, chunk);
        }
        if (bytes.length === 0) return;
        crc = crc32(bytes, crc);
        sha.update(bytes);
        size += bytes.length;
        await take(bytes);
      };
      try {
        if (Symbol.asyncIterator in (source as object)) {
          const iterator = (source as AsyncIterable<Buffer | string>)[Symbol.asyncIterator]();
          this.#activeSource = iterator;
          for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
            if (this.#failure !== null) return;
            await read(next.value);
            if (this.#failure !== null) return;
          }
        } else {
          const iterator = (source as Iterable<Buffer | string>)[Symbol.iterator]();
          this.#activeSource = iterator;
          for (let next = iterator.next(); !next.done; next = iterator.next()) {
            await read(next.value);
            if (this.#failure !== null) return;
          }
        }
      } catch (error) {
        this.#fail(error);
        return;
      } finally {
        this.#activeSource = null;
      }
      entry.crc = crc;
      entry.size = size;
      entry.digest = { name: entry.nameText, size, sha256: sha.digest('hex') };
    }
    if (pieces !== null) this.#deflate(pieces.rest(), true);
    this.#push({ kind: 'end', entry });
    if (this.#pending.delete(entry)) entry.resolve(entry.digest!);
  }

  /** Deflates one piece: small ones here, others on the thread pool. The last piece ends the stream. */
  #deflate(piece: Buffer, last: boolean): void {
    const options = { level: LEVEL, finishFlush: last ? zlib.Z_FINISH : zlib.Z_SYNC_FLUSH };
    this.#queued += piece.length;
    if (piece.length < SMALL_PIECE) {
      this.#push({ kind: 'data', bytes: deflateRawSync(piece, options), read: piece.length });
      return;
    }
    this.#jobs += 1;
    const job: Job = {
      bytes: null,
      done: new Promise<void>((resolve) => {
        deflateRaw(piece, options, (error, bytes) => {
          this.#jobs -= 1;
          if (error) this.#fail(error);
          else job.bytes = bytes;
          resolve();
          this.#wakeProducer();
        });
      }),
    };
    this.#push({ kind: 'data', bytes: job, read: piece.length });
  }

  /** Waits while the window is full or every deflate slot is taken. */
  async #room(): Promise<void> {
    while (this.#failure === null && (this.#queued >= WINDOW || this.#jobs >= this.#concurrency)) {
      await new Promise<void>((resolve) => (this.#roomWaiter = resolve));
    }
  }

  #push(item: Item): void {
    this.#items.push(item);
    this.#wakeWriter();
  }

  #wakeProducer(): void {
    const wake = this.#roomWaiter;
    this.#roomWaiter = null;
    wake?.();
  }

  #wakeWriter(): void {
    const wake = this.#itemWaiter;
    this.#itemWaiter = null;
    wake?.();
  }

  // -------------------------------------------------------------------------------------------------------
  // The file writer: takes the items in order, fills in each local header, writes in batches.

  async #writeOut(): Promise<void> {
    const handle = await this.#handle;
    let position = 0;
    let batch: Buffer[] = [];
    let batchBytes = 0;
    let current: Entry | null = null;
    const flush = async (): Promise<void> => {
      if (batchBytes === 0) return;
      const buffers = batch;
      const at = position;
      position += batchBytes;
      batch = [];
      batchBytes = 0;
      if (current !== null) current.headerFlushed = true;
      await writeAll(handle, buffers, at);
    };
    for (;;) {
      if (this.#failure !== null) return;
      const item = this.#items[this.#nextItem];
      if (item === undefined) {
        if (this.#producerDone) break;
        await flush();
        if (this.#items[this.#nextItem] === undefined && !this.#producerDone && this.#failure === null) {
          await new Promise<void>((resolve) => (this.#itemWaiter = resolve));
        }
        continue;
      }
      if (item.kind === 'data' && !Buffer.isBuffer(item.bytes) && item.bytes.bytes === null) {
        // Write what is ready while the piece is deflated.
        await flush();
        await item.bytes.done;
        continue;
      }
      this.#nextItem += 1;
      if (this.#nextItem >= 4096) {
        this.#items.splice(0, this.#nextItem);
        this.#nextItem = 0;
      }
      if (item.kind === 'start') {
        if (batchBytes >= WRITE_BATCH) await flush();
        current = item.entry;
        current.offset = position + batchBytes;
        current.compressedSize = 0;
        batch.push(current.header);
        batchBytes += current.header.length;
      } else if (item.kind === 'data') {
        const bytes = Buffer.isBuffer(item.bytes) ? item.bytes : item.bytes.bytes!;
        this.#queued -= item.read;
        this.#wakeProducer();
        if (bytes.length > 0) {
          current!.compressedSize += bytes.length;
          batch.push(bytes);
          batchBytes += bytes.length;
        }
        if (batchBytes >= WRITE_BATCH) await flush();
      } else {
        const entry = item.entry;
        writeLocalHeader(entry.header, entry, this.#limits);
        if (entry.headerFlushed) await writeAll(handle, [entry.header], entry.offset);
        if (needsDescriptor(entry, this.#limits)) {
          const descriptor = dataDescriptor(entry);
          batch.push(descriptor);
          batchBytes += descriptor.length;
        }
        this.#written.push({
          name: entry.name,
          method: entry.method,
          crc: entry.crc,
          size: entry.size,
          compressedSize: entry.compressedSize,
          offset: entry.offset,
        });
        current = null;
      }
    }
    await flush();
    this.#directoryOffset = position;
  }

  #directoryOffset = 0;

  async #writeDirectory(handle: FileHandle): Promise<void> {
    const bytes = this.#written.reduce((sum, entry) => sum + centralRecordBytes(entry, this.#limits), 0);
    // Written in parts of about WRITE_BATCH bytes: a directory of 200,000 entries is some 20 MB.
    let position = this.#directoryOffset;
    let part = Buffer.allocUnsafe(Math.min(bytes, WRITE_BATCH + 64 * 1024));
    let at = 0;
    for (const entry of this.#written) {
      const size = centralRecordBytes(entry, this.#limits);
      if (at + size > part.length) {
        await writeAll(handle, [part.subarray(0, at)], position);
        position += at;
        at = 0;
        if (size > part.length) part = Buffer.allocUnsafe(size);
      }
      at = writeCentralRecord(part, at, entry, this.#limits);
    }
    const end = endRecords(this.#written.length, this.#directoryOffset, bytes, this.#limits);
    await writeAll(handle, [part.subarray(0, at), end], position);
  }

  // -------------------------------------------------------------------------------------------------------
  // Failure and clean-up.

  /** The first failure wins: every waiting entry is rejected, the source and the file are stopped. */
  #fail(error: unknown): void {
    if (this.#failure !== null || this.#state === 'finished') return;
    // A source's own DossierError (a cancelled export, a row that failed a check) already says what happened
    // and carries a code the caller acts on; everything else (a full disk, a plain Error) is write_failed.
    const failure = error instanceof DossierError ? error : writeFailure(this.#path, error);
    this.#failure = failure;
    for (const entry of this.#pending) entry.reject(failure);
    this.#pending.clear();
    this.#entries.length = 0;
    this.#items.length = 0;
    const source = this.#activeSource;
    this.#activeSource = null;
    try {
      // Runs the source's `finally` (a statement mid-iteration is let go); its errors no longer matter.
      const stopped = source?.return?.();
      if (stopped instanceof Promise) stopped.catch(() => {});
    } catch {
      // A generator that is running cannot be stopped from inside itself; it stops at its next step.
    }
    this.#wakeProducer();
    this.#wakeWriter();
    this.#failed();
    void this.#removeTemp();
  }

  #closeFile(): Promise<void> {
    // FileHandle.close() waits for the writes in flight.
    this.#closing ??= this.#handle.then(
      (handle) => handle.close(),
      () => {},
    );
    return this.#closing;
  }

  async #removeTemp(): Promise<void> {
    await this.#closeFile().catch(() => {});
    if (this.#state !== 'finished') await rm(this.#temp, { force: true });
  }
}

/**
 * Cuts a stream of bytes into pieces of exactly PIECE bytes (the last one shorter). Bytes are copied into the
 * piece being filled, so a source's chunks (and the scratch buffer text is encoded into) are let go at once.
 */
class Pieces {
  #piece: Buffer | null = null;
  #filled = 0;

  *add(bytes: Buffer): Generator<Buffer> {
    for (let at = 0; at < bytes.length;) {
      this.#piece ??= Buffer.allocUnsafeSlow(PIECE);
      const copied = bytes.copy(this.#piece, this.#filled, at);
      this.#filled += copied;
      at += copied;
      if (this.#filled === PIECE) yield this.rest();
    }
  }

  /** What is held, as one piece (possibly empty), and nothing after. */
  rest(): Buffer {
    const piece = this.#piece === null ? Buffer.alloc(0) : this.#piece.subarray(0, this.#filled);
    this.#piece = null;
    this.#filled = 0;
    return piece;
  }
}

/** Writes all of `buffers` at `position` (libuv loops over partial writes and more buffers than IOV_MAX). */
async function writeAll(handle: FileHandle, buffers: Buffer[], position: number): Promise<void> {
  const total = buffers.reduce((sum, b) => sum + b.length, 0);
  const { bytesWritten } = await handle.writev(buffers, position);
  if (bytesWritten !== total) throw new Error(`only ${bytesWritten} of ${total} bytes were written`);
}

function handled<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => {});
  return promise;
}

function toBuffer(name: string, chunk: unknown): Buffer {
  if (typeof chunk === 'string') return Buffer.from(chunk, 'utf8');
  if (Buffer.isBuffer(chunk)) return chunk;
  if (chunk instanceof Uint8Array) return Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  throw new DossierError('invalid_input', `The data for the entry ${quote(name)} is not text or bytes.`);
}
