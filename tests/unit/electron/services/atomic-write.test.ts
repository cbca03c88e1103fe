// Files are written whole or not at all (electron/services/atomic-write.ts): a failed write keeps the old
// file as it was, leaves no temporary file behind, and says why in plain words.
import { chmodSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../../../../electron/services/atomic-write';
import { DossierError } from '../../../../shared/errors';
import { tempDir } from '../../helpers/temp';

describe('writeFileAtomic', () => {
  it('replaces a file with the new content', () => {
    const dir = tempDir();
    const path = join(dir, 'out.txt');
    writeFileSync(path, 'old');
    writeFileAtomic(path, 'new ✓');
    expect(readFileSync(path, 'utf8')).toBe('new ✓');
    writeFileAtomic(path, new Uint8Array([1, 2, 3]));
    expect([...readFileSync(path)]).toEqual([1, 2, 3]);
    expect(readdirSync(dir)).toEqual(['out.txt']);
    // A private file stays private.
    chmodSync(path, 0o600);
    writeFileAtomic(path, 'secret');
    expect(statSync(path).mode & 0o777).toBe(0o600);
  });

  it('keeps what was there when the write fails, and says why', () => {
    const dir = tempDir();
    // A folder where the file should go: the rename fails after the bytes were written.
    const target = join(dir, 'report.html');
    mkdirSync(target);
    writeFileSync(join(target, 'inside.txt'), 'kept');
    let failure: unknown;
    try {
      writeFileAtomic(target, 'x'.repeat(100_000));
    } catch (error) {
      failure = error;
    }
    expect(failure).toBeInstanceOf(DossierError);
    expect((failure as DossierError).message).toMatch(
      /^Could not write report\.html: .+\. Nothing was changed\.$/,
    );
    expect(readdirSync(dir)).toEqual(['report.html']);
    expect(readFileSync(join(target, 'inside.txt'), 'utf8')).toBe('kept');
  });
});
