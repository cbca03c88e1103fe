// Issue 6's interface: finding within the open document (Ctrl+F, the count, next and previous, accents and
// case folded, Esc), the global search as you type (Ctrl+K) with its results opening a document at the
// passage, and a saved search in the sidebar that opens the search again.
import { join } from 'node:path';
import { test, expect } from './fixtures';

const CORPUS = join(process.cwd(), 'tests', 'fixtures', 'corpus');
const TASS = /Trust between Venezuela, Russia/;
const DUTCH = /albaciudad-borisov-nl/;
const THANH_NIEN = /Russia signs multiple agreements/;
const FACTORY =
  'The factory is expected to assemble about 25,000 Kalashnikov automatic assault rifles annually.';

test('finding within a document: count, next and previous, accents folded, Esc gives the focus back', async ({
  app,
  page,
}) => {
  await app.open();
  await app.importThroughChooser([
    join(CORPUS, 'tass-rogozin-trust.txt'),
    join(CORPUS, 'albaciudad-borisov-nl.txt'),
    join(CORPUS, 'thanhnien-agreements.txt'),
  ]);
  await app.openDocument(TASS);
  const reader = page.getByRole('main', { name: 'Reader' });
  const findButton = reader.getByRole('button', { name: 'Find…' });
  await findButton.focus();

  await page.keyboard.press('ControlOrMeta+f');
  const field = reader.getByRole('textbox', { name: 'Find in document' });
  await expect(field).toBeFocused();
  const count = reader.getByRole('search', { name: 'Find in document' }).getByRole('status');

  // Three mentions, whatever the case; the first is the current match.
  await field.fill('KALASHNIKOV');
  await expect(count).toHaveText('1 of 3');
  await expect
    .poll(() => app.paintedText('find-match'))
    .toEqual(['Kalashnikov', 'Kalashnikov', 'Kalashnikov']);
  await expect.poll(() => app.paintedText('find-current')).toEqual(['Kalashnikov']);
  const currentBlock = () =>
    page.evaluate(() => {
      const registry = (CSS as unknown as { highlights: Map<string, Set<Range>> }).highlights;
      const [range] = [...(registry.get('find-current') ?? [])];
      return range?.startContainer.parentElement?.closest('[data-start]')?.textContent ?? '';
    });
  await expect.poll(currentBlock).toContain('strange inconsistencies');

  // Enter and F3 go forward, Shift+Enter back, and past the last match it starts again at the first.
  await field.press('Enter');
  await expect(count).toHaveText('2 of 3');
  await page.keyboard.press('F3');
  await expect(count).toHaveText('3 of 3');
  await expect.poll(currentBlock).toBe(FACTORY);
  await expect(page.getByText(FACTORY)).toBeInViewport();
  await field.press('Enter');
  await expect(count).toHaveText('1 of 3');
  await field.press('Shift+Enter');
  await expect(count).toHaveText('3 of 3');
  await reader.getByRole('button', { name: 'Previous match' }).click();
  await expect(count).toHaveText('2 of 3');
  await reader.getByRole('button', { name: 'Next match' }).click();
  await expect(count).toHaveText('3 of 3');

  await field.fill('no such words here');
  await expect(count).toHaveText('No matches');
  await expect(reader.getByRole('button', { name: 'Next match' })).toBeDisabled();

  // Esc closes the bar, clears the marks and gives the focus back to where it was.
  await field.focus();
  await page.keyboard.press('Escape');
  await expect(field).toBeHidden();
  await expect(findButton).toBeFocused();
  expect(await app.paintedText('find-match')).toEqual([]);

  // In Dutch, without the accent: "nicolas" finds "Nicolás", marking the accented letters.
  await app.openDocument(DUTCH);
  await page.keyboard.press('ControlOrMeta+f');
  await page.keyboard.type('nicolas maduro');
  await expect(count).toHaveText('1 of 2');
  await expect.poll(() => app.paintedText('find-current')).toEqual(['Nicolás Maduro']);

  // Words only in boilerplate the reader hides are not stepped through until the full text is shown.
  await app.openDocument(THANH_NIEN);
  await page.keyboard.press('ControlOrMeta+f');
  await page.keyboard.type('comment (0)');
  await expect(count).toHaveText('No matches');
  await reader.getByRole('button', { name: '1 more in hidden boilerplate: show full text' }).click();
  await expect(page.getByRole('switch', { name: /Show full text/ })).toBeChecked();
  await expect(count).toHaveText('1 of 1');
  await expect.poll(() => app.paintedText('find-current')).toEqual(['Comment (0)']);
});

test('searching as you type: a passage opens at its place, a document with its words found, errors under the field', async ({
  app,
  page,
}) => {
  await app.open();
  await app.importThroughChooser([
    join(CORPUS, 'tass-rogozin-trust.txt'),
    join(CORPUS, 'thanhnien-agreements.txt'),
  ]);
  await app.openDocument(TASS);
  await app.selectWithMouse(FACTORY);
  await page.keyboard.press('h');
  await expect(app.highlights()).toHaveCount(1);
  // Somewhere else entirely when the search starts.
  await app.openDocument(THANH_NIEN);
  await page.getByRole('tab', { name: /^Events/ }).click();

  await page.keyboard.press('ControlOrMeta+k');
  const dialog = page.getByRole('dialog', { name: 'Search' });
  const field = dialog.getByRole('searchbox', { name: 'Search the project' });
  await expect(field).toBeFocused();
  // With nothing typed, the dialog says what a query can do.
  await expect(dialog).toContainText('date:2022..2024');

  // "kalash" is a prefix as you type: the TASS passage and document, the matches marked.
  await page.keyboard.type('kalash');
  const results = dialog.getByRole('listbox', { name: 'Search results' });
  const passages = results.getByRole('group', { name: 'Passages' });
  const documents = results.getByRole('group', { name: 'Documents' });
  await expect(passages.getByRole('option')).toHaveCount(1);
  await expect(passages.getByRole('option')).toContainText('Kalashnikov');
  await expect(documents.getByRole('option', { name: TASS })).toBeVisible();
  await expect(passages.locator('mark').first()).toHaveText(/^kalash/i);
  await expect(results.getByRole('option', { name: THANH_NIEN })).toHaveCount(0);

  // The first result is chosen as you type; Enter opens the passage's document at the passage.
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('tab', { name: 'Documents' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('heading', { level: 1 })).toContainText(TASS);
  await expect(app.highlights().first()).toHaveAttribute('aria-selected', 'true');
  await expect.poll(() => app.paintedText('dossier-active')).toEqual([FACTORY]);
  await expect(app.readerText().getByText(FACTORY)).toBeInViewport();

  // A document result opens it with the searched words found in it.
  await app.openDocument(THANH_NIEN);
  await page.keyboard.press('ControlOrMeta+k');
  await expect(field).toHaveValue('kalash');
  await expect(documents.getByRole('option', { name: TASS })).toBeVisible();
  // The arrows move from the passage to the document.
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(TASS);
  const find = page.getByRole('search', { name: 'Find in document' });
  await expect(find.getByRole('textbox', { name: 'Find in document' })).toHaveValue('kalash');
  await expect(find.getByRole('status')).toHaveText('1 of 3');

  // A query the index cannot read says why under the field, not in a toast.
  await page.keyboard.press('ControlOrMeta+k');
  await field.fill('status:maybe');
  await expect(dialog.getByRole('alert')).toContainText('status');
  await field.fill('');
  // Recent searches come back with nothing typed.
  await expect(
    dialog
      .getByRole('listbox', { name: 'Recent and saved searches' })
      .getByRole('option', { name: 'kalash' }),
  ).toBeVisible();
});

test('a saved search appears in the sidebar, opens the search again, stays after a restart and can be deleted', async ({
  app,
  page,
  dossier,
}) => {
  await app.open();
  await app.importThroughChooser([join(CORPUS, 'tass-rogozin-trust.txt')]);
  await app.openDocument(TASS);

  await page.getByRole('button', { name: /^Search…/ }).click();
  const dialog = page.getByRole('dialog', { name: 'Search' });
  const field = dialog.getByRole('searchbox', { name: 'Search the project' });
  await field.fill('kalashnikov rifles');
  await expect(dialog.getByRole('option', { name: TASS })).toBeVisible();
  await dialog.getByRole('button', { name: 'Save search…' }).click();
  const name = dialog.getByRole('textbox', { name: 'Name' });
  await expect(name).toHaveValue('kalashnikov rifles');
  await name.fill('Rifle factory');
  await dialog.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(name).toBeHidden();
  await expect(dialog.getByRole('status')).toHaveText('Saved in the sidebar as “Rifle factory”.');
  // The field has the focus again: Esc clears it, and again closes the dialog.
  await expect(field).toBeFocused();
  await page.keyboard.press('Escape');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  const saved = page.getByRole('region', { name: 'Saved searches' });
  await expect(saved.getByRole('button', { name: 'Rifle factory', exact: true })).toBeVisible();
  await dossier.restart();
  await app.open();
  await saved.getByRole('button', { name: 'Rifle factory', exact: true }).click();
  await expect(field).toHaveValue('kalashnikov rifles');
  await expect(dialog.getByRole('option', { name: TASS })).toBeVisible();
  await page.keyboard.press('Escape');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  await saved.getByRole('button', { name: 'Actions for Rifle factory' }).click();
  await page.getByRole('menuitem', { name: 'Delete…' }).click();
  const confirm = page.getByRole('alertdialog', { name: 'Delete this saved search?' });
  await expect(confirm.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await confirm.getByRole('button', { name: 'Delete' }).click();
  await expect(saved).toBeHidden();
});

test('the library, the claims list and the events list filter with the same query language', async ({
  app,
  page,
}) => {
  await app.open();
  await app.importThroughChooser([
    join(CORPUS, 'tass-rogozin-trust.txt'),
    join(CORPUS, 'albaciudad-borisov-nl.txt'),
    join(CORPUS, 'thanhnien-agreements.txt'),
  ]);
  await expect(app.documents()).toHaveCount(3);

  // The library: words go to the index (the body text too), filters alone read the list.
  const filter = page.getByRole('searchbox', { name: 'Filter documents' });
  await filter.fill('kalash');
  await expect(app.documents()).toHaveCount(1);
  await expect(app.documents()).toContainText(TASS);
  await expect(page.getByText('1 of 3 documents')).toBeVisible();
  await filter.fill('lang:nl');
  await expect(app.documents()).toHaveCount(1);
  await expect(app.documents()).toContainText(DUTCH);
  await filter.fill('date:2024 -kalashnikov');
  await expect(app.documents()).toHaveCount(1);
  await expect(app.documents()).toContainText(THANH_NIEN);
  await filter.fill('status:nonsense');
  await expect(page.getByText(/^status: must be one of/)).toBeVisible();
  await expect(app.documents()).toHaveCount(3);
  await filter.fill('');

  // The claims list: a disputed claim and an unverified one.
  await app.openDocument(TASS);
  await app.claimPassage(FACTORY);
  const details = page
    .getByRole('complementary', { name: 'Claim details' })
    .or(page.getByRole('region', { name: 'Claim', exact: true }));
  await details.first().getByRole('radio', { name: 'Disputed' }).check();
  await app.claimPassage('Their trade reached a record $ 2.4 billion last year.');
  await page.getByRole('tab', { name: /^Claims/ }).click();
  // Rows with cells: the claims, not the header.
  const rows = page
    .getByRole('grid', { name: 'Claims' })
    .getByRole('row')
    .filter({ has: page.getByRole('gridcell') });
  await expect(rows).toHaveCount(2);
  const search = page.getByRole('searchbox', { name: 'Search claims' });
  await search.fill('status:disputed');
  await expect(rows).toHaveCount(1);
  await expect(rows).toContainText('Kalashnikov');
  await search.fill('trade OR rifles -kalashnikov');
  await expect(rows).toHaveCount(1);
  await expect(rows).toContainText('trade reached a record');

  // The events list.
  await page.getByRole('tab', { name: /^Events/ }).click();
  await app.createEvent('Factory agreement', { month: 'July', year: 2006 });
  await app.createEvent('Agreements signed in Caracas', { day: 7, month: 'November', year: 2024 });
  const events = page.getByRole('grid', { name: 'Events' }).getByRole('row');
  await expect(events).toHaveCount(2);
  const eventSearch = page.getByRole('searchbox', { name: 'Search events' });
  await eventSearch.fill('date:2000..2010');
  await expect(events).toHaveCount(1);
  await expect(events).toContainText('Factory agreement');
  await eventSearch.fill('caracas');
  await expect(events).toHaveCount(1);
  await expect(events).toContainText('Agreements signed in Caracas');
  await expect(page.getByText('1 of 2 events')).toBeVisible();
});

test('a person or a tag a search finds is shown and focused in its view, even where a filter hid it', async ({
  app,
  page,
}) => {
  await app.open();
  await app.importThroughChooser([join(CORPUS, 'tass-rogozin-trust.txt')]);
  await page.getByRole('tab', { name: /^People & places/ }).click();
  for (const name of ['Dmitry Rogozin', 'Nicolás Maduro']) {
    await page.getByRole('button', { name: 'New person' }).click();
    const dialog = page.getByRole('dialog', { name: 'New person' });
    await dialog.getByRole('textbox', { name: 'Name' }).fill(name);
    await dialog.getByRole('button', { name: 'Create person' }).click();
    await expect(dialog).toBeHidden();
  }
  // The list is filtered to someone else when the search starts.
  const people = page.getByRole('grid', { name: 'People, organisations and places' });
  await page.getByRole('searchbox', { name: 'Search names and aliases' }).fill('maduro');
  await expect(people.getByRole('row', { name: /Rogozin/ })).toHaveCount(0);

  await page.keyboard.press('ControlOrMeta+k');
  const search = page.getByRole('dialog', { name: 'Search' });
  await search.getByRole('searchbox', { name: 'Search the project' }).fill('rogozin');
  const results = search.getByRole('listbox', { name: 'Search results' });
  await results.getByRole('group', { name: 'People & places' }).getByRole('option').first().click();
  await expect(search).toBeHidden();
  await expect(page.getByRole('searchbox', { name: 'Search names and aliases' })).toHaveValue('');
  await expect(people.getByRole('row', { name: /Rogozin/ })).toBeFocused();

  // A tag below a closed branch: the branch opens and the tag takes the focus.
  await page.getByRole('tab', { name: /^Codebook/ }).click();
  await page.getByRole('button', { name: 'New tag' }).click();
  const newTag = page.getByRole('dialog', { name: 'New tag' });
  await newTag.getByRole('textbox', { name: 'Name' }).fill('Military');
  await newTag.getByRole('button', { name: 'Create tag' }).click();
  await expect(newTag).toBeHidden();
  await page.getByRole('button', { name: 'Actions for Military' }).click();
  await page.getByRole('menuitem', { name: 'Add child tag…' }).click();
  const child = page.getByRole('dialog', { name: /Military/ });
  await child.getByRole('textbox', { name: 'Name' }).fill('Small arms');
  await child.getByRole('button', { name: 'Create tag' }).click();
  await expect(child).toBeHidden();
  const tree = page.getByRole('treegrid', { name: 'Tags' });
  const military = tree.getByRole('row', { name: /^Military/ });
  await military.click();
  await page.keyboard.press('ArrowLeft');
  await expect(tree.getByRole('row', { name: /Small arms/ })).toHaveCount(0);
  await page.keyboard.press('ControlOrMeta+k');
  await search.getByRole('searchbox', { name: 'Search the project' }).fill('small arms');
  await results.getByRole('group', { name: 'Tags' }).getByRole('option').first().click();
  await expect(tree.getByRole('row', { name: /Small arms/ })).toBeFocused();
});
