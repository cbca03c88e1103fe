// Getting documents in from the browser: drag and drop, and refusals that name the file and the reason
// while the other files still import.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect } from './fixtures';

const CORPUS = join(process.cwd(), 'tests', 'fixtures', 'corpus');

test('dropping files on the window imports them', async ({ app, page }) => {
  await app.open();
  const files = ['tass-rogozin-trust.txt', 'foxnews-rodriguez-lavrov.txt'].map((name) => ({
    name,
    content: readFileSync(join(CORPUS, name), 'utf8'),
  }));
  const dataTransfer = await page.evaluateHandle((given) => {
    const transfer = new DataTransfer();
    for (const f of given) transfer.items.add(new File([f.content], f.name, { type: 'text/plain' }));
    return transfer;
  }, files);
  await page.dispatchEvent('body', 'dragenter', { dataTransfer });
  await expect(page.getByText('Drop files or folders to import them')).toBeVisible();
  await page.dispatchEvent('body', 'dragover', { dataTransfer });
  await page.dispatchEvent('body', 'drop', { dataTransfer });
  await expect(app.documents()).toHaveCount(2);
  await expect(app.documents().filter({ hasText: 'Lavrov' })).toHaveCount(1);
  await expect(page.getByText('Drop files or folders to import them')).toBeHidden();
});

test('refused files are reported by name and reason; the others import', async ({ app, page }) => {
  await app.open();
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Import files…' }).first().click();
  await (
    await chooser
  ).setFiles([
    { name: 'empty.txt', mimeType: 'text/plain', buffer: Buffer.alloc(0) },
    { name: 'scan.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj\n') },
    {
      name: 'notes.md',
      mimeType: 'text/markdown',
      buffer: Buffer.from('# Field notes\n\nMet the **source** in Caracas.\n'),
    },
  ]);
  const report = page.getByRole('alert').filter({ hasText: 'could not be imported' });
  await expect(report).toContainText('1 imported');
  await expect(report).toContainText('2 could not be imported');
  await expect(report.getByRole('listitem').filter({ hasText: 'empty.txt' })).toContainText(/empty/i);
  await expect(report.getByRole('listitem').filter({ hasText: 'scan.pdf' })).toContainText(/PDF/);
  await expect(app.documents()).toHaveCount(1);
  await expect(app.documents().first()).toContainText('Field notes');
  await expect(app.readerText()).toContainText('Met the source in Caracas.');
});

test('importing the same file again adds nothing and says it is already there', async ({ app, page }) => {
  await app.open();
  const file = join(CORPUS, 'tass-rogozin-trust.txt');
  await app.importThroughChooser([file]);
  await expect(app.documents()).toHaveCount(1);
  await app.importThroughChooser([file]);
  await expect(page.getByRole('status').filter({ hasText: '1 already in the project' })).toBeVisible();
  await expect(app.documents()).toHaveCount(1);
});
