// Issue 7's interface: the export dialog (format, style, scope, a live preview, Save writes the file the
// preview showed the start of) and copying a highlight as a quote citation, rich text and plain.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect } from './fixtures';

const CORPUS = join(process.cwd(), 'tests', 'fixtures', 'corpus');
const TASS = /Trust between Venezuela, Russia/;
const FACTORY =
  'The factory is expected to assemble about 25,000 Kalashnikov automatic assault rifles annually.';

test('the export dialog previews the chosen format and scope, and saves the whole file', async ({
  app,
  page,
}) => {
  await app.open();
  await app.importThroughChooser([
    join(CORPUS, 'tass-rogozin-trust.txt'),
    join(CORPUS, 'thanhnien-agreements.txt'),
  ]);
  await page.getByRole('button', { name: 'Export…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export' });
  const preview = dialog.getByRole('region', { name: 'Preview' });
  // A formatted bibliography in APA by default.
  await expect(preview.getByRole('status')).toHaveText('2 references');
  await expect(preview).toContainText('(2024, November 8). Báo Thanh niên.');

  // Another style and language: Chicago in German.
  await dialog.getByRole('button', { name: /Style/ }).click();
  await page.getByRole('option', { name: /Chicago.*author-date/ }).click();
  await dialog.getByRole('button', { name: /Language/ }).click();
  await page.getByRole('option', { name: 'Deutsch' }).click();
  await expect(preview).toContainText('November 2024');

  // BibLaTeX, only what a search finds.
  await dialog.getByRole('button', { name: /Format/ }).click();
  await page.getByRole('option', { name: 'BibLaTeX (.bib)' }).click();
  await expect(dialog.getByRole('button', { name: /Style/ })).toHaveCount(0);
  await dialog.getByRole('textbox', { name: 'Only what this search finds' }).fill('outlet:tass');
  await expect(preview.getByRole('status')).toHaveText('1 reference');
  await expect(preview).toContainText('@article{tass');
  await expect(preview).not.toContainText('Báo Thanh niên');
  const downloading = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Save…' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('Dossier references.bib');
  const saved = readFileSync((await download.path())!, 'utf8');
  expect(saved).toMatch(/^% Encoding: UTF-8/);
  expect(saved.match(/^@article\{/gm)).toHaveLength(1);
  expect(saved).toContain('journaltitle = {TASS}');
  await expect(dialog).toBeHidden();

  // A search that finds nothing says so, and there is nothing to save.
  await page.getByRole('button', { name: 'Export…' }).click();
  await dialog.getByRole('textbox', { name: 'Only what this search finds' }).fill('zebraquagga');
  await expect(preview.getByRole('status')).toHaveText('Nothing to export: no references match this search.');
  await expect(dialog.getByRole('button', { name: 'Save…' })).toBeDisabled();
  // A query that cannot be read says why.
  await dialog.getByRole('textbox', { name: 'Only what this search finds' }).fill('status:maybe');
  await expect(preview.getByRole('alert')).toContainText('status');
});

test('a highlight copied as a quote citation: the quote, its citation and the reference', async ({
  app,
  page,
}) => {
  await app.open();
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], {
    origin: new URL(page.url()).origin,
  });
  await app.importThroughChooser([join(CORPUS, 'tass-rogozin-trust.txt')]);
  await app.openDocument(TASS);
  await app.selectWithMouse(FACTORY);
  await page.keyboard.press('h');
  await expect(app.highlights()).toHaveCount(1);
  await app.highlights().first().click();
  const pane = page.getByRole('region', { name: 'Selected highlight' });
  await pane.getByRole('button', { name: 'Copy citation' }).click();
  await expect(page.getByText('Citation copied')).toBeVisible();
  const plain = await page.evaluate(() => navigator.clipboard.readText());
  expect(plain.split('\n')[0]).toBe(
    `“${FACTORY}” (“Trust between Venezuela, Russia Key Element in Development of Bilateral Relations,” n.d.)`,
  );
  expect(plain).toContain('TASS.');
  const html = await page.evaluate(async () => {
    const [item] = await navigator.clipboard.read();
    return item!.types.includes('text/html') ? (await item!.getType('text/html')).text() : '';
  });
  expect(html).toContain('<p>“The factory is expected');
  expect(html).toMatch(/class="csl-entry"/);
});

test('the document details show the reference as it will be cited, and its type can be chosen', async ({
  app,
  page,
}) => {
  await app.open();
  await app.importThroughChooser([join(CORPUS, 'tass-rogozin-trust.txt')]);
  await app.openDocument(TASS);
  await page.getByRole('button', { name: 'Details…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Document details' });
  const cited = dialog.getByRole('region', { name: 'Cited as' });
  await expect(cited).toContainText('News article (from its details)');
  await expect(cited.getByTestId('reference-entry')).toHaveText(
    'Trust between Venezuela, Russia key element in development of bilateral relations. (n.d.). TASS.',
  );
  await dialog.getByRole('button', { name: /Cite as/ }).click();
  await page.getByRole('option', { name: 'Report', exact: true }).click();
  await dialog.getByRole('button', { name: 'Save details' }).click();
  await expect(dialog).toBeHidden();
  await page.getByRole('button', { name: 'Details…' }).click();
  await expect(cited.locator('.reference-type')).toHaveText('Report');
  await expect(dialog.getByRole('button', { name: /Cite as/ })).toContainText('Report');
});

test('a .csl style added in the export dialog is checked, listed and used', async ({ app, page }) => {
  await app.open();
  await app.importThroughChooser([join(CORPUS, 'thanhnien-agreements.txt')]);
  await page.getByRole('button', { name: 'Export…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export' });
  const input = dialog.getByTestId('style-file-input');
  await input.setInputFiles({
    name: 'broken.csl',
    mimeType: 'application/xml',
    buffer: Buffer.from('<?xml version="1.0"?><!DOCTYPE style [<!ENTITY x "y">]><style/>'),
  });
  await expect(dialog.getByRole('alert')).toContainText('broken.csl: Not a usable CSL style');
  const apa = readFileSync(join(process.cwd(), 'electron', 'citations', 'csl', 'styles', 'apa.csl'), 'utf8');
  await input.setInputFiles({
    name: 'house.csl',
    mimeType: 'application/xml',
    buffer: Buffer.from(apa.replace(/<title>[^<]*<\/title>/, '<title>House style</title>')),
  });
  await expect(dialog.getByRole('button', { name: /Style/ })).toContainText('House style (added)');
  await expect(dialog.getByRole('region', { name: 'Preview' })).toContainText('(2024, November 8)');
});
