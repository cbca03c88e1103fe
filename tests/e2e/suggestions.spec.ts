// Issue 5's suggested events, never automatic: the TASS article's dated sentences are offered with the date
// marked and read at the precision the text gives ("July 2006"; "on Monday" cannot be placed, so it is
// uncertain). Nothing is created until a suggestion is accepted; a dismissed one stays dismissed; an accepted
// one, its title edited, is in the Events view with its date. A highlight offers the dates of its passage, or
// says it has none.
import { join } from 'node:path';
import { test, expect } from './fixtures';

const TASS = /Trust between Venezuela, Russia/;
const FACTORY_SENTENCE =
  'The two countries signed an agreement on building a factory for assembling the Kalashnikov guns of series 100 in Venezuela in July 2006.';
const TITLE = 'Kalashnikov factory agreement signed';

test('suggested events from a document and from a highlight, dismissed or accepted with an edited title', async ({
  app,
  page,
}) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await app.open();
  await app.importThroughChooser([
    join(process.cwd(), 'tests', 'fixtures', 'corpus', 'tass-rogozin-trust.txt'),
  ]);
  await app.openDocument(TASS);
  const eventsTab = page.getByRole('tab', { name: /^Events/ });
  await expect(eventsTab).toHaveText('Events');

  await page.getByRole('main', { name: 'Reader' }).getByRole('button', { name: 'Suggest events…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Suggested events' });
  await expect(dialog.getByRole('status')).toHaveText('3 suggestions');
  const items = dialog.getByRole('listitem');
  const factory = items.filter({ hasText: FACTORY_SENTENCE });
  await expect(factory.locator('mark')).toHaveText('July 2006');
  await expect(factory).toContainText('As the text states it');
  await expect(items.filter({ hasText: 'CARACAS, December 16.' })).toContainText(
    '16 December (year unknown)',
  );
  // "said here on Monday" in an article without a year: a weekday that cannot be placed.
  const monday = items.filter({ hasText: 'said here on Monday' });
  await expect(monday).toContainText('date not known');
  await expect(monday).toContainText('Uncertain');
  await expect(monday).toContainText('no publication date to count from');

  // Dismissed: gone, and the focus moves on to the next suggestion.
  await dialog.getByRole('button', { name: 'Dismiss: Monday' }).click();
  await expect(monday).toHaveCount(0);
  await expect(dialog.getByRole('status')).toHaveText('2 suggestions');
  await expect(dialog.getByRole('button', { name: 'Accept: July 2006' })).toBeFocused();
  await expect(eventsTab).toHaveText('Events');

  // Accepted: the form offers the sentence as the title (cut at a word) and the date as read; both editable.
  await page.keyboard.press('Enter');
  const form = dialog.getByRole('region', { name: 'New event from “July 2006”' });
  const title = form.getByRole('textbox', { name: 'Title' });
  await expect(title).toBeFocused();
  await expect(title).toHaveValue(
    'The two countries signed an agreement on building a factory for assembling the Kalashnikov guns of series 100 in…',
  );
  await expect(form.getByRole('button', { name: /Date: precision$/ })).toContainText('Month and year');
  await expect(form.getByRole('textbox', { name: 'Year' }).first()).toHaveValue('2006');
  await expect(eventsTab).toHaveText('Events');
  await title.fill(TITLE);
  await form.getByRole('button', { name: 'Create event' }).click();
  await expect(factory).toContainText(`Event created: ${TITLE}`);
  await expect(factory.getByRole('button')).toHaveCount(0);
  await expect(eventsTab).toHaveText('Events (1)');

  // Reopened, the dismissed suggestion stays dismissed.
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toBeHidden();
  await page.getByRole('main', { name: 'Reader' }).getByRole('button', { name: 'Suggest events…' }).click();
  await expect(dialog.getByRole('status')).toHaveText('2 suggestions');
  await expect(dialog.getByRole('listitem').filter({ hasText: 'said here on Monday' })).toHaveCount(0);
  // The accepted one says so, rather than offering to make the same event again.
  await expect(factory).toContainText(`Event created: ${TITLE}`);
  await expect(factory.getByRole('button')).toHaveCount(0);
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  // From a highlight: only the dates in its passage.
  await app.selectWithMouse('in July 2006');
  await page.keyboard.press('h');
  await expect(app.highlights()).toHaveCount(1);
  await page
    .getByRole('region', { name: 'Selected highlight' })
    .getByRole('button', { name: 'Suggest events…' })
    .click();
  await expect(dialog.getByRole('status')).toHaveText('1 suggestion');
  await expect(dialog.getByRole('listitem')).toContainText(FACTORY_SENTENCE);
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await app.selectWithMouse('Venezuela deserves due respect');
  await page.keyboard.press('h');
  await expect(app.highlights()).toHaveCount(2);
  await page
    .getByRole('region', { name: 'Selected highlight' })
    .getByRole('button', { name: 'Suggest events…' })
    .click();
  await expect(dialog.getByRole('status')).toHaveText('No dated sentences found.');
  await page.keyboard.press('Escape');

  await eventsTab.click();
  await expect(
    page.getByRole('grid', { name: 'Events' }).getByRole('row', { name: new RegExp(TITLE) }),
  ).toContainText('July 2006');
});
