// Issue 4's journey with the corpus, by keyboard and by role like a researcher: build a small codebook, tag
// highlights, make the claim "Russia is ready to supply Venezuela's armed forces with its most sophisticated
// weapons" by Dmitry Chernyshenko from the Thanh Niên article, add a supporting passage from the TASS
// article, set its status, filter the claims table, and undo and redo.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect, type DossierPage } from './fixtures';

const CORPUS = join(process.cwd(), 'tests', 'fixtures', 'corpus');
const corpusFiles = readdirSync(CORPUS)
  .filter((f) => f.endsWith('.txt'))
  .map((f) => join(CORPUS, f));

const THANH_NIEN = /Russia signs multiple agreements/;
const TASS = /Trust between Venezuela, Russia/;
const PLEDGE = 'Moscow was ready to support the Venezuelan armed forces with "the most sophisticated weapons';
const STATEMENT = "Russia is ready to supply Venezuela's armed forces with its most sophisticated weapons";
const FACTORY =
  'The factory is expected to assemble about 25,000 Kalashnikov automatic assault rifles annually.';
const AGREEMENTS = '17 agreements';

const undoKey = process.platform === 'darwin' ? 'Meta+z' : 'Control+z';
const redoKey = process.platform === 'darwin' ? 'Meta+Shift+z' : 'Control+Shift+z';

async function openView(page: Page, name: string) {
  await page.getByRole('tab', { name: new RegExp(`^${name}`) }).click();
}

async function importCorpus(app: DossierPage) {
  await app.open();
  await app.importThroughChooser(corpusFiles);
  await expect(app.documents()).toHaveCount(5);
}

test('codebook, tagged highlights, a claim with passages from two articles, filters, undo and redo', async ({
  app,
  page,
}) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await importCorpus(app);

  // A small codebook: a top-level tag made in the Codebook view…
  await openView(page, 'Codebook');
  await page.getByRole('button', { name: 'New tag' }).click();
  const newTag = page.getByRole('dialog', { name: 'New tag' });
  await newTag.getByRole('textbox', { name: 'Name' }).fill('Military cooperation');
  await newTag.getByRole('button', { name: 'Create tag' }).click();
  await expect(newTag).toBeHidden();
  const tree = page.getByRole('treegrid', { name: 'Tags' });
  await expect(tree.getByRole('row', { name: /Military cooperation/ })).toBeVisible();

  // …and a child made in place from the reader's tag picker (t on a selection), typed as a path.
  await openView(page, 'Documents');
  await app.openDocument(THANH_NIEN);
  await app.selectWithMouse(AGREEMENTS);
  await page.keyboard.press('t');
  const tagPicker = page.getByRole('region', { name: 'Tags' }).getByRole('combobox', { name: 'Add tag' });
  await expect(tagPicker).toBeFocused();
  await tagPicker.fill('Military cooperation / Agreements');
  await page.getByRole('option', { name: 'Create tag “Military cooperation / Agreements”' }).click();
  await expect(
    page.getByRole('region', { name: 'Tags' }).getByRole('row', { name: /Agreements/ }),
  ).toBeVisible();
  await expect(app.highlights()).toHaveCount(1);
  await expect(app.highlights().first()).toContainText('Agreements');

  // The claim: select the pledge, press c; the claimant field takes the focus.
  await app.selectWithMouse(PLEDGE);
  await page.keyboard.press('c');
  const claim = page.getByRole('region', { name: 'Claim', exact: true });
  const statement = claim.getByRole('textbox', { name: 'Statement' });
  await expect(statement).toHaveValue(PLEDGE);
  const claimant = claim.getByRole('combobox', { name: 'Claimant' });
  await expect(claimant).toBeFocused();
  await claimant.fill('Dmitry Chernyshenko');
  await page.getByRole('option', { name: 'Create person “Dmitry Chernyshenko”' }).click();
  await expect(claimant).toHaveValue('Dmitry Chernyshenko');
  await statement.fill(STATEMENT);
  await statement.blur();
  await expect(claim.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();
  const claimTags = claim.getByRole('combobox', { name: 'Add tag' });
  await claimTags.fill('militar');
  await page.getByRole('option', { name: 'Military cooperation', exact: true }).click();
  await expect(claim.getByRole('row', { name: /Military cooperation/ })).toBeVisible();
  await expect(app.highlights()).toHaveCount(2);

  // A supporting passage from another article.
  await app.openDocument(TASS);
  await app.selectWithMouse(FACTORY);
  await expect(page.getByRole('button', { name: 'Add to claim…' })).toBeVisible();
  await page.keyboard.press('a');
  await page.getByRole('combobox', { name: 'Claim' }).fill('sophisticated');
  await page.getByRole('option', { name: new RegExp(STATEMENT.slice(0, 40)) }).click();
  await expect(app.highlights()).toHaveCount(1);
  await expect(app.highlights().first()).toContainText('Claim');

  // The claims view: the claim with its claimant, its date from the Thanh Niên article, both passages and
  // their sources.
  await openView(page, 'Claims');
  const table = page.getByRole('grid', { name: 'Claims' });
  const row = table.getByRole('row', { name: new RegExp(`^${STATEMENT.slice(0, 30)}`) });
  await expect(row).toContainText('Dmitry Chernyshenko');
  await expect(row).toContainText('8 November 2024');
  await row.click();
  const details = page.getByRole('complementary', { name: 'Claim details' });
  const passages = details.getByRole('listitem');
  await expect(passages).toHaveCount(2);
  await expect(passages.filter({ hasText: 'Russia signs multiple agreements' })).toContainText(
    'the most sophisticated weapons',
  );
  await expect(passages.filter({ hasText: 'Trust between Venezuela, Russia' })).toContainText(FACTORY);

  // A verdict with its rationale.
  await details.getByRole('radio', { name: 'Supported' }).check();
  await details.getByRole('textbox', { name: 'Rationale' }).fill('AFP and TASS report the same pledge');
  await details.getByRole('textbox', { name: 'Rationale' }).blur();
  await expect(row).toContainText('Supported');
  await expect(page.getByRole('toolbar', { name: 'Claims by status' })).toContainText('Supported 1');

  // Filter the table by status, then by claimant.
  const filters = page.getByRole('group', { name: 'Filter claims' });
  await filters.getByRole('button', { name: /Status$/ }).click();
  await page.getByRole('option', { name: 'Disputed' }).click();
  await expect(row).toHaveCount(0);
  await expect(page.getByText('No claims match these filters.')).toBeVisible();
  await filters.getByRole('button', { name: /Status$/ }).click();
  await page.getByRole('option', { name: 'Supported' }).click();
  await expect(row).toBeVisible();
  await filters.getByRole('button', { name: /Claimant$/ }).click();
  await page.getByRole('option', { name: 'Unknown claimant' }).click();
  await expect(row).toHaveCount(0);
  await filters.getByRole('button', { name: /Claimant$/ }).click();
  await page.getByRole('option', { name: 'Dmitry Chernyshenko' }).click();
  await expect(row).toBeVisible();
  await filters.getByRole('button', { name: 'Clear filters' }).click();

  // Undo the verdict from the keyboard (outside any text field), then redo it.
  await page.getByRole('tab', { name: /^Claims/ }).focus();
  await page.keyboard.press(undoKey);
  await expect(page.getByRole('status').filter({ hasText: 'Undone: Set status' })).toBeVisible();
  await expect(details.getByRole('textbox', { name: 'Rationale' })).toHaveValue('');
  await page.keyboard.press(undoKey);
  await expect(details.getByRole('radio', { name: 'Unverified' })).toBeChecked();
  await expect(row).toContainText('Unverified');
  await page.keyboard.press(redoKey);
  await expect(details.getByRole('radio', { name: 'Supported' })).toBeChecked();
  await page.keyboard.press(redoKey);
  await expect(details.getByRole('textbox', { name: 'Rationale' })).toHaveValue(
    'AFP and TASS report the same pledge',
  );
  await expect(row).toContainText('Supported');
});

test('a corrected re-import orphans a highlight whose passage is gone; re-attaching brings it back', async ({
  app,
  page,
}, testInfo) => {
  await app.open();
  await app.importThroughChooser([join(CORPUS, 'tass-rogozin-trust.txt')]);
  await app.openDocument(TASS);
  await app.selectWithMouse('Their trade reached a record $ 2.4 billion last year.');
  await page.keyboard.press('c');
  await expect(page.getByRole('region', { name: 'Claim', exact: true })).toBeVisible();
  await app.selectWithMouse(FACTORY);
  await page.keyboard.press('h');
  await expect(app.highlights()).toHaveCount(2);

  // The corrected file drops the trade sentence and rewords the factory one slightly.
  const corrected = readFileSync(join(CORPUS, 'tass-rogozin-trust.txt'), 'utf8')
    .replace('Their trade reached a record $ 2.4 billion last year.', 'Trade figures were not given.')
    .replace('is expected to assemble', 'is expected to produce');
  const file = testInfo.outputPath('tass-corrected.txt');
  writeFileSync(file, corrected);
  await page.getByRole('button', { name: 'Details…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Document details' });
  await dialog.getByTestId('reimport-file-input').setInputFiles(file);
  await expect(page.getByText(/Replaced with tass-corrected.txt/)).toBeVisible();
  await page.keyboard.press('Escape');

  // The factory highlight followed its reworded passage; the trade one is an orphan.
  await expect(app.highlights().filter({ hasText: 'is expected to produce' })).toHaveCount(1);
  await expect(page.getByRole('tab', { name: 'Orphans (1)' })).toBeVisible();
  await openView(page, 'Orphans');
  const orphans = page.getByRole('grid', { name: 'Orphaned highlights' });
  const orphan = orphans.getByRole('row', { name: /Their trade reached a record/ });
  await expect(orphan).toContainText('Claim: Their trade reached a record');
  await orphan.getByRole('button', { name: 'Re-attach…' }).click();

  // Back in the reader: select the new passage and re-attach.
  await expect(page.getByRole('status').filter({ hasText: 'Select the new passage' })).toBeVisible();
  await app.selectWithMouse('Trade figures were not given.');
  await page.getByRole('button', { name: 'Re-attach here' }).click();
  await expect(page.getByText('Highlight re-attached.')).toBeVisible();
  await expect(page.getByRole('tab', { name: 'Orphans' })).toHaveText('Orphans');
  await expect(app.highlights().filter({ hasText: 'Trade figures were not given.' })).toHaveCount(1);
  expect(await app.paintedText('dossier-yellow')).toContain('Trade figures were not given.');
});

test('several highlights tagged at once; merging and deleting tags say what they will do; undo brings a tag back', async ({
  app,
  page,
}) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await app.open();
  await app.importThroughChooser([join(CORPUS, 'thanhnien-agreements.txt')]);
  await app.openDocument(THANH_NIEN);
  // In reading order, as the list shows them.
  for (const passage of [
    'intelligence and counterintelligence issues',
    AGREEMENTS,
    "Venezuela has the world's largest proven oil reserves",
    'production has fallen to around one million barrels',
  ]) {
    await app.selectWithMouse(passage);
    await page.keyboard.press('h');
  }
  await expect(app.highlights()).toHaveCount(4);

  // The first three chosen together (click, then Shift+click) and tagged at once.
  await app.highlights().nth(0).click();
  await app
    .highlights()
    .nth(2)
    .click({ modifiers: ['Shift'] });
  await expect(page.getByText('3 highlights chosen')).toBeVisible();
  const bulkPicker = page.getByRole('combobox', { name: 'Tag 3 highlights' });
  await bulkPicker.fill('Economy');
  await page.getByRole('option', { name: 'Create tag “Economy”' }).click();
  for (const i of [0, 1, 2]) await expect(app.highlights().nth(i)).toContainText('Economy');
  await expect(app.highlights().nth(3)).not.toContainText('Economy');

  // The fourth gets a tag of its own.
  await app.highlights().nth(3).click();
  await page.getByRole('region', { name: 'Tags' }).getByRole('combobox', { name: 'Add tag' }).fill('Oil');
  await page.getByRole('option', { name: 'Create tag “Oil”' }).click();
  await expect(app.highlights().nth(3)).toContainText('Oil');

  // Merge Oil into Economy: the dialog says what will move, and every use moves.
  await openView(page, 'Codebook');
  const tree = page.getByRole('treegrid', { name: 'Tags' });
  await expect(tree.getByRole('row', { name: /Economy/ })).toContainText('3 highlights · 0 claims');
  await page.getByRole('button', { name: 'Actions for Oil' }).click();
  await page.getByRole('menuitem', { name: 'Merge into…' }).click();
  const merge = page.getByRole('dialog', { name: 'Merge “Oil” into…' });
  // Ctrl+Z waits while a dialog is open: the dialog works on what it showed when it opened.
  await page.keyboard.press('Escape'); // closes the suggestions the field opened, not the dialog
  await merge.getByRole('button', { name: 'Cancel' }).focus();
  await page.keyboard.press(undoKey);
  await merge.getByRole('combobox', { name: 'Merge into' }).fill('Econ');
  await page.getByRole('option', { name: 'Economy' }).click();
  await expect(merge).toContainText(
    'The 1 highlight and 0 claims tagged “Oil” will be tagged “Economy”; “Oil” will be removed.',
  );
  await merge.getByRole('button', { name: 'Merge' }).click();
  await expect(tree.getByRole('row', { name: /Oil/ })).toHaveCount(0);
  await expect(tree.getByRole('row', { name: /Economy/ })).toContainText('4 highlights · 0 claims');

  // Deleting asks with the count of uses first.
  await page.getByRole('button', { name: 'Actions for Economy' }).click();
  await page.getByRole('menuitem', { name: 'Delete…' }).click();
  const confirm = page.getByRole('alertdialog', { name: 'Delete “Economy”?' });
  await expect(confirm).toContainText('“Economy” is used on 4 highlights and 0 claims.');
  await confirm.getByRole('button', { name: 'Delete tag' }).click();
  await expect(tree.getByRole('row')).toHaveCount(0);

  // Undo (by the top bar's button this time) brings it back with every use.
  await page.getByRole('button', { name: 'Undo Delete tag' }).click();
  await expect(tree.getByRole('row', { name: /Economy/ })).toContainText('4 highlights · 0 claims');
  await openView(page, 'Documents');
  for (const i of [0, 1, 2, 3]) await expect(app.highlights().nth(i)).toContainText('Economy');
});

test('undoing a note edit keeps the old note; c does nothing in a dialog but claims from the highlights list', async ({
  app,
  page,
}) => {
  await app.open();
  await app.importThroughChooser([join(CORPUS, 'thanhnien-agreements.txt')]);
  await app.openDocument(THANH_NIEN);
  await app.selectWithMouse(AGREEMENTS);
  await page.keyboard.press('h');
  const note = page.getByRole('textbox', { name: 'Note' });
  await note.fill('Maduro says 17');
  await note.blur();
  await expect(page.getByRole('button', { name: 'Undo Edit note' })).toBeEnabled();

  await page.getByRole('tab', { name: 'Documents' }).focus();
  await page.keyboard.press(undoKey);
  await expect(note).toHaveValue('');
  // The editor must not save its old draft back over the undo.
  await page.waitForTimeout(1000);
  await expect(note).toHaveValue('');
  await expect(page.getByRole('button', { name: 'Redo Edit note' })).toBeEnabled();

  // With a highlight chosen, c makes a claim, but not while a dialog is open over the reader.
  await page.getByRole('button', { name: 'Details…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Document details' });
  await dialog.getByRole('button').first().focus();
  await page.keyboard.press('c');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('tab', { name: /^Claims/ })).toHaveText('Claims');

  // In the highlights list, c makes a claim of the chosen highlight and the claimant field takes the focus.
  await app.highlights().first().focus();
  await page.keyboard.press('c');
  await expect(page.getByRole('tab', { name: /^Claims/ })).toHaveText('Claims (1)');
  await expect(page.getByRole('combobox', { name: 'Claimant' })).toBeFocused();
});
