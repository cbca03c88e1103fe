// The ingest worker pool: files are parsed off the main thread with the same result as inline, a file that
// stalls its parser is stopped with a plain message, and the pool carries on with the next file.
import { afterEach, describe, expect, it } from 'vitest';
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
});
