// Issue 3 as a researcher meets it: a mixed folder of web pages, PDFs, Word files and text imports with
// progress and a report; a PDF shows its pages; boilerplate hides and shows; a wrong date is corrected.
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect } from './fixtures';
import { twoPagePdf, WEB_PAGE, wordDocument } from './documents';

const CORPUS = join(process.cwd(), 'tests', 'fixtures', 'corpus');
const CORPUS_FILES = [
  'thanhnien-agreements.txt',
  'foxnews-rodriguez-lavrov.txt',
  'albaciudad-borisov-nl.txt',
  'tass-rogozin-trust.txt',
  'maduro-russian-military-experts.txt',
];

let folder: string;
test.beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), 'dossier-e2e-folder-'));
});
test.afterEach(() => rmSync(folder, { recursive: true, force: true }));

test('a mixed folder imports with progress, a report of failures, and metadata', async ({ app, page }) => {
  const clips = join(folder, 'clips');
  mkdirSync(join(clips, 'web', 'energy-deal_files'), { recursive: true });
  for (const name of CORPUS_FILES) copyFileSync(join(CORPUS, name), join(clips, name));
  writeFileSync(join(clips, 'web', 'energy-deal.html'), WEB_PAGE);
  writeFileSync(join(clips, 'web', 'energy-deal_files', 'frame.htm'), '<p>an embedded frame</p>');
  writeFileSync(join(clips, 'report.pdf'), await twoPagePdf());
  writeFileSync(join(clips, 'interview.docx'), await wordDocument());
  writeFileSync(join(clips, 'broken.pdf'), '%PDF-1.7\nthis is not really a PDF at all');
  writeFileSync(join(clips, 'photo.png'), 'not imported: not a document kind');
  // Enough small notes that the progress bar is on screen for a while.
  mkdirSync(join(clips, 'notes'));
  for (let i = 0; i < 40; i++) {
    writeFileSync(join(clips, 'notes', `note-${i}.md`), `# Note ${i}\n\nObserved detail number ${i}.\n`);
  }

  // The library is virtualised: a tall window shows every row at once.
  await page.setViewportSize({ width: 1280, height: 4200 });
  await app.open();
  // Every state of the progress counts is recorded, however quickly the import goes.
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { progressSeen: string[] }).progressSeen = seen;
    new MutationObserver(() => {
      const text = document.querySelector('[data-testid="import-counts"]')?.textContent;
      if (text && seen.at(-1) !== text) seen.push(text);
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Import folder…' }).first().click();
  await (await chooser).setFiles(clips);

  const report = page.getByRole('alert').filter({ hasText: 'could not be imported' });
  // 49 files, each read, sent and parsed: give a loaded machine time.
  await expect(report).toContainText('48 imported', { timeout: 45_000 });
  await expect(report).toContainText('1 could not be imported');
  await expect(report.getByRole('listitem').filter({ hasText: 'broken.pdf' })).toContainText(/damaged/);
  const progress = await page.evaluate(() => (window as unknown as { progressSeen: string[] }).progressSeen);
  expect(progress[0]).toMatch(/^0 done · 0 failed · 49 remaining$/);
  expect(progress.some((text) => /^\d+ done · 1 failed · \d+ remaining$/.test(text))).toBe(true);
  await expect(page.getByRole('heading', { name: 'Library (48)' })).toBeVisible();
  await expect(app.documents()).toHaveCount(48);

  // The web page: title and outlet from its meta tags; its script never ran, its navigation is not text.
  const webPage = app.documents().filter({ hasText: 'Venezuela and Russia sign energy deal' });
  await expect(webPage).toContainText('Example Wire');
  await expect(webPage).toContainText('8 November 2024');
  await webPage.click();
  await expect(app.readerText()).toContainText('signed an energy agreement on Thursday');
  await expect(app.readerText()).not.toContainText('hacked');
  await expect(page).not.toHaveTitle('hacked');
  // Links are data: shown with their address, never followed.
  await expect(app.readerText().locator('[title="https://example.org/ministry"]')).toHaveText('the ministry');
  await expect(app.readerText().locator('a')).toHaveCount(0);

  await app
    .documents()
    .filter({ hasText: 'interview.docx' })
    .or(app.documents().filter({ hasText: 'Interview notes' }))
    .first()
    .click();
  await expect(app.readerText()).toContainText('the treaty was signed in 1996');
});

test('a PDF shows where each page begins', async ({ app, page }) => {
  writeFileSync(join(folder, 'report.pdf'), await twoPagePdf());
  await app.open();
  await app.importThroughChooser([join(folder, 'report.pdf')]);
  await app.openDocument('Arms deliveries report');
  await expect(page.getByRole('separator', { name: 'Page 1' })).toBeVisible();
  await expect(page.getByRole('separator', { name: 'Page 2' })).toBeVisible();
  // The annex text comes after the page 2 marker.
  const order = await app.readerText().evaluate((root) => {
    const marker = root.querySelector('[data-page="2"]');
    const annex = [...root.querySelectorAll('[data-start]')].find((b) =>
      b.textContent?.includes('spare parts'),
    );
    return marker && annex ? marker.compareDocumentPosition(annex) & Node.DOCUMENT_POSITION_FOLLOWING : 0;
  });
  expect(order).toBeTruthy();

  // A highlight on the second page says so, as a citation will.
  await app.selectWithMouse('spare parts that were delivered');
  await page.keyboard.press('h');
  await expect(app.highlights()).toHaveCount(1);
  await expect(app.highlights().first()).toContainText('p. 2');
});

test('boilerplate is hidden until asked for, and the user has the last word', async ({ app, page }) => {
  await app.open();
  await app.importThroughChooser([join(CORPUS, 'thanhnien-agreements.txt')]);
  await app.openDocument(/Russia signs multiple agreements/);
  const comment = app.readerText().getByText('Comment (0)', { exact: true });
  await expect(app.readerText()).toContainText('the most sophisticated weapons');
  await expect(comment).toBeHidden();

  const fullText = page.getByRole('switch', { name: /Show full text/ });
  const toggleFullText = () =>
    page
      .locator('.reader-tools')
      .getByText(/Show full text/)
      .click();
  await toggleFullText();
  await expect(fullText).toBeChecked();
  await expect(comment).toBeVisible();

  // "Comment (0)" is not boilerplate to this user: select it and say so.
  await app.selectWithMouse('Comment (0)');
  await page.getByRole('button', { name: 'Not boilerplate' }).click();
  await expect(page.getByText('A block restored to the article.')).toBeVisible();
  await toggleFullText();
  await expect(fullText).not.toBeChecked();
  await expect(comment).toBeVisible();

  // And an article sentence becomes boilerplate with the keyboard.
  const sentence = 'production has fallen to around one million barrels';
  await app.selectWithMouse(sentence);
  await page.keyboard.press('b');
  await expect(app.readerText().getByText(sentence, { exact: false })).toBeHidden();

  // The verdicts are stored with the document.
  await page.reload();
  await app.openDocument(/Russia signs multiple agreements/);
  await expect(comment).toBeVisible();
  await expect(app.readerText().getByText(sentence, { exact: false })).toBeHidden();
});

test('a date the text gives without a year is shown as such, with its source, and can be corrected', async ({
  app,
  page,
  dossier,
}) => {
  await app.open();
  await app.importThroughChooser([join(CORPUS, 'tass-rogozin-trust.txt')]);
  await app.openDocument(/Trust between Venezuela, Russia/);
  const byline = page.locator('.reader-header .byline');
  await expect(byline).toContainText('16 December (year unknown)');
  const source = byline.getByRole('button', { name: 'Published: from dateline' });
  await source.hover();
  await expect(page.getByRole('tooltip')).toContainText('CARACAS, December 16. /TASS/.');

  await page.getByRole('button', { name: 'Details…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Document details' });
  await expect(dialog.getByTestId('original-sha256')).toHaveText(/^[0-9a-f]{64}$/);
  await dialog.getByRole('button', { name: /Published: precision/ }).click();
  await page.getByRole('option', { name: 'Day', exact: true }).click();
  await dialog.getByRole('textbox', { name: 'Day' }).fill('16');
  await dialog.getByRole('button', { name: 'Save details' }).click();
  await expect(dialog).toContainText('Enter a year between 1 and 9999');
  await dialog.getByRole('textbox', { name: 'Year' }).fill('2013');
  await dialog.getByRole('button', { name: 'Save details' }).click();
  await expect(dialog).toBeHidden();
  await expect(byline).toContainText('16 December 2013');
  await expect(byline.getByRole('button', { name: 'Published: from entered by you' })).toBeVisible();

  await dossier.restart();
  await app.open();
  await app.openDocument(/Trust between Venezuela, Russia/);
  await expect(byline).toContainText('16 December 2013');
});

test('replacing a document with a corrected file keeps the corrections made by hand', async ({
  app,
  page,
}) => {
  await app.open();
  await app.importThroughChooser([join(CORPUS, 'tass-rogozin-trust.txt')]);
  await app.openDocument(/Trust between Venezuela, Russia/);
  await page.getByRole('button', { name: 'Details…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Document details' });
  await dialog.getByRole('textbox', { name: 'Outlet' }).fill('TASS Russian News Agency');
  await dialog.getByRole('button', { name: 'Save details' }).click();
  await expect(dialog).toBeHidden();

  const corrected = readFileSync(join(CORPUS, 'tass-rogozin-trust.txt'), 'utf8').replace(
    'Their trade reached a record $ 2.4 billion last year.',
    'Their trade reached a record $2.4 billion last year (corrected).',
  );
  writeFileSync(join(folder, 'tass-corrected.txt'), corrected);
  await page.getByRole('button', { name: 'Details…' }).click();
  const before = await dialog.getByTestId('original-sha256').textContent();
  await dialog.getByTestId('reimport-file-input').setInputFiles(join(folder, 'tass-corrected.txt'));
  await expect(page.getByText('Replaced with tass-corrected.txt; your corrections were kept.')).toBeVisible();
  await expect(app.readerText()).toContainText('(corrected)');
  const byline = page.locator('.reader-header .byline');
  await expect(byline).toContainText('TASS Russian News Agency');
  await expect(byline.getByRole('button', { name: 'Outlet: from entered by you' })).toBeVisible();
  // The date still comes from the dateline of the new file.
  await expect(byline).toContainText('16 December (year unknown)');
  await page.getByRole('button', { name: 'Details…' }).click();
  await expect(dialog.getByTestId('original-sha256')).not.toHaveText(before ?? '');
  await expect(dialog).toContainText('tass-corrected.txt');
});
