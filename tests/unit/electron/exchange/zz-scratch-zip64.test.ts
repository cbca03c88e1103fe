import { it, expect } from 'vitest';
import { writeFileSync } from 'node:fs';
import { openZip } from '../../../../electron/exchange/zip';
import { manyEntriesZip } from '../../helpers/hostile-dossier';
it('zip64', async () => {
  writeFileSync('/tmp/scratch-hd/many.zip', manyEntriesZip(200_001));
  const t = Date.now();
  const zip = await openZip('/tmp/scratch-hd/many.zip', { maxEntries: 300_000 });
  console.log('entries', zip.entries.size, Date.now() - t, 'ms', (await zip.readText('e/200000')));
  zip.close();
}, 60000);
