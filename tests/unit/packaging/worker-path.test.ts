// Where the import pool finds its worker script (electron/services/ingest/pool.ts): beside the bundle's entry
// points, inside app.asar in the packaged app (Electron's worker threads read the archive), and nowhere when
// running from the TypeScript sources, where the worker registers tsx instead.
import { describe, expect, it } from 'vitest';
import { bundledWorkerPath } from '../../../electron/services/ingest/pool';

const packaged = '/opt/Dossier/resources/app.asar/dist/electron';

describe('bundledWorkerPath', () => {
  it('finds the worker beside the entry point, and beside the entry points from a shared chunk', () => {
    expect(bundledWorkerPath(`file://${packaged}/main.js`)).toBe(`${packaged}/ingest-worker.js`);
    expect(bundledWorkerPath(`file://${packaged}/chunks/chunk-ABC123.js`)).toBe(
      `${packaged}/ingest-worker.js`,
    );
  });

  it('leaves the packaged path inside the archive, where the worker is packed', () => {
    expect(bundledWorkerPath(`file://${packaged}/main.js`)).not.toContain('app.asar.unpacked');
  });

  it('has no bundled worker when running from the sources', () => {
    expect(bundledWorkerPath('file:///work/main/electron/services/ingest/pool.ts')).toBeNull();
  });
});
