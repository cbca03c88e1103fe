// The foundation's user journey in Chromium against `dossier serve`: import the corpus through the file
// chooser, highlight a passage by mouse with a colour and a note, restart, and find it exactly where it was.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect } from './fixtures';

const CORPUS = join(process.cwd(), 'tests', 'fixtures', 'corpus');
const corpusFiles = readdirSync(CORPUS)
  .filter((f) => f.endsWith('.txt'))
  .map((f) => join(CORPUS, f));
const PASSAGE = 'the most sophisticated weapons and military equipment';
const THANH_NIEN = /Russia signs multiple agreements/;

test('import, highlight with a note, restart, and find the highlight on exactly those words', async ({
  app,
  dossier,
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 600 });
  await app.open();
  await expect(page.getByRole('heading', { name: 'Your project is empty' })).toBeVisible();

  await app.importThroughChooser(corpusFiles);
  await expect(app.documents()).toHaveCount(5);
  await expect(page.getByRole('status').filter({ hasText: '5 imported' })).toBeVisible();

  await app.openDocument(THANH_NIEN);
  await app.selectWithMouse(PASSAGE);
  await expect(page.getByRole('toolbar', { name: 'Highlight selection' })).toBeVisible();
  await page.getByRole('button', { name: 'Highlight green' }).click();

  await expect(app.highlights()).toHaveCount(1);
  await expect(app.highlights().first()).toHaveText(PASSAGE);
  const note = page.getByRole('textbox', { name: 'Note' });
  await note.fill('Chernyshenko pledge, via AFP citing Venezuelan state TV');
  await expect(page.getByText('Saved', { exact: true })).toBeVisible();
  expect(await app.paintedText('dossier-green')).toEqual([PASSAGE]);

  // Close the app and start it again on the same project.
  await page.goto('about:blank');
  await dossier.restart();
  await app.open();
  await expect(app.documents()).toHaveCount(5);
  await app.openDocument(THANH_NIEN);

  await expect(app.highlights()).toHaveCount(1);
  const entry = app.highlights().first();
  await expect(entry).toContainText(PASSAGE);
  await expect(entry).toContainText('Chernyshenko pledge, via AFP citing Venezuelan state TV');
  expect(await app.paintedText('dossier-green')).toEqual([PASSAGE]);

  // Scroll the passage out of sight, then choose the entry: the reader brings it back into view.
  await page.locator('.reader-scroll').evaluate((el) => el.scrollTo(0, el.scrollHeight));
  const passageBlock = app.readerText().locator('[data-start]', { hasText: PASSAGE });
  await expect(passageBlock).not.toBeInViewport();
  await entry.click();
  await expect(passageBlock).toBeInViewport();
  await expect(page.getByRole('radio', { name: 'Green' })).toBeChecked();
  await expect(page.getByRole('textbox', { name: 'Note' })).toHaveValue(
    'Chernyshenko pledge, via AFP citing Venezuelan state TV',
  );
});

test('h highlights the selection in the last colour; deleting offers Undo', async ({ app, page }) => {
  await app.open();
  await app.importThroughChooser(corpusFiles.filter((f) => f.includes('thanhnien')));
  await app.openDocument(THANH_NIEN);
  await app.selectWithMouse('17 agreements');
  await page.keyboard.press('h');
  await expect(app.highlights()).toHaveCount(1);
  expect(await app.paintedText('dossier-yellow')).toEqual(['17 agreements']);

  await page.getByRole('button', { name: 'Delete highlight' }).click();
  await expect(app.highlights()).toHaveCount(0);
  expect(await app.paintedText('dossier-yellow')).toEqual([]);
  await page.getByRole('button', { name: 'Undo', exact: true }).click();
  await expect(app.highlights()).toHaveCount(1);
  expect(await app.paintedText('dossier-yellow')).toEqual(['17 agreements']);
});

test('overlapping highlights are both kept and the overlap is marked', async ({ app, page }) => {
  await app.open();
  await app.importThroughChooser(corpusFiles.filter((f) => f.includes('thanhnien')));
  await app.openDocument(THANH_NIEN);
  await app.selectWithMouse('support the Venezuelan armed forces');
  await page.getByRole('button', { name: 'Highlight blue' }).click();
  await expect(app.highlights()).toHaveCount(1);
  await app.selectWithMouse('Venezuelan armed forces with');
  await page.getByRole('button', { name: 'Highlight pink' }).click();
  await expect(app.highlights()).toHaveCount(2);
  expect(await app.paintedText('dossier-blue')).toEqual(['support the Venezuelan armed forces']);
  expect(await app.paintedText('dossier-pink')).toEqual(['Venezuelan armed forces with']);
  expect(await app.paintedText('dossier-overlap')).toEqual(['Venezuelan armed forces']);
});
