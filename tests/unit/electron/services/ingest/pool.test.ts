// The ingest worker pool: files are parsed off the main thread with the same result as inline, a file that
// stalls its parser is stopped with a plain message, and the pool carries on with the next file.
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../../helpers/temp';
import { ingestFile } from '../../../../../electron/services/ingest/index';
import { IngestPool } from '../../../../../electron/services/ingest/pool';

const limits = { maxFileBytes: 50 * 1024 * 1024 };
const utf8 = (text: string) => Buffer.from(text, 'utf8');
let pool: IngestPool | null = null;
afterEach(async () => {
  await pool?.close();
  pool = null;
});

describe('IngestPool', () => {
  it('gives the same document as parsing inline, and leaves the caller its bytes', async () => {
    pool = new IngestPool({ workers: 1 });
    const bytes = utf8('Maduro meets Borisov\n\nCARACAS, December 16. /TASS/. The talks went on for hours.');
    const fromWorker = await pool.ingest('a.txt', bytes, limits);
    expect(fromWorker).toEqual(await ingestFile('a.txt', bytes, limits));
    expect(bytes.toString('utf8')).toContain('Maduro meets Borisov');
  });

  it('passes refusals on with their message', async () => {
    pool = new IngestPool({ workers: 1 });
    await expect(pool.ingest('empty.txt', new Uint8Array(), limits)).rejects.toThrow('The file is empty');
  });

  it('stops a file that takes too long, says so, and goes on with the next', async () => {
    pool = new IngestPool({ workers: 1, timeLimitMs: 1500 });
    // Thousands of nested emphasis markers make a Markdown parser crawl: a classic hostile input.
    const hostile = utf8(`${'_a '.repeat(20_000)}${' a_'.repeat(20_000)}`);
    await expect(pool.ingest('hostile.md', hostile, limits)).rejects.toThrow(
      /took longer than 2 s and was stopped/,
    );
    const next = await pool.ingest('fine.txt', utf8('A normal note\n\nWith a body.'), limits);
    expect(next.text).toBe('A normal note\n\nWith a body.');
  }, 30_000);

  it('fails only the stalling file when it arrives in a batch with others', async () => {
    pool = new IngestPool({ workers: 1, timeLimitMs: 1500 });
    const note = (n: number) => utf8(`Note ${n}\n\nA short body for note ${n}.`);
    const jobs = [
      pool.ingest('one.txt', note(1), limits),
      pool.ingest('hostile.md', utf8(`${'_a '.repeat(20_000)}${' a_'.repeat(20_000)}`), limits),
      pool.ingest('three.txt', note(3), limits),
    ];
    const [one, hostile, three] = await Promise.allSettled(jobs);
    expect(one).toMatchObject({ status: 'fulfilled', value: { text: expect.stringContaining('Note 1') } });
    expect(three).toMatchObject({ status: 'fulfilled', value: { text: expect.stringContaining('Note 3') } });
    expect(hostile).toMatchObject({
      status: 'rejected',
      reason: { message: expect.stringMatching(/took longer/) },
    });
  }, 30_000);

  it('a file that exhausts its worker’s memory fails alone, with a plain message', async () => {
    pool = new IngestPool({ workers: 1, maxHeapMb: 24 });
    const note = (n: number) => utf8(`Note ${n}\n\nA short body for note ${n}.`);
    const huge = utf8(`${'A line of words that goes on.\n'.repeat(2_000_000)}`);
    const [one, big, three] = await Promise.allSettled([
      pool.ingest('one.txt', note(1), limits),
      pool.ingest('huge.txt', huge, { maxFileBytes: 200 * 1024 * 1024 }),
      pool.ingest('three.txt', note(3), limits),
    ]);
    expect(one.status).toBe('fulfilled');
    expect(three.status).toBe('fulfilled');
    expect(big).toMatchObject({
      status: 'rejected',
      reason: { message: expect.stringMatching(/more memory/) },
    });
  }, 60_000);

  it('reads files from disk in the worker and hands their bytes back', async () => {
    pool = new IngestPool({ workers: 1 });
    const dir = tempDir();
    writeFileSync(join(dir, 'a.txt'), 'From disk\n\nRead by the worker.');
    const { bytes, document } = await pool.ingestPath(join(dir, 'a.txt'), 'a.txt', limits);
    expect(Buffer.from(bytes).toString('utf8')).toBe('From disk\n\nRead by the worker.');
    expect(document.originalSha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    await expect(pool.ingestPath(join(dir, 'gone.txt'), 'gone.txt', limits)).rejects.toThrow(/gone/);
    await expect(pool.ingestPath(join(dir, 'a.txt'), 'a.txt', { maxFileBytes: 5 })).rejects.toThrow(
      /over the .* import limit/,
    );
  });
});
