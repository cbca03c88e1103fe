// Issue 5's events, so far: an event made in the Events view with a partial date, another made in place from a
// claim, claims linked with a relation, and an event with both supporting and contradicting claims marked
// contested, on its page and in the list, in chronological order.
import { join } from 'node:path';
import { test, expect } from './fixtures';

const CORPUS = join(process.cwd(), 'tests', 'fixtures', 'corpus');
const THANH_NIEN = /Russia signs multiple agreements/;
const PLEDGE = 'Moscow was ready to support the Venezuelan armed forces';
const AGREEMENTS = '17 agreements would be';

test('events from the list and from claims, linked as supporting and contradicting, contested', async ({
  app,
  page,
}) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await app.open();
  await app.importThroughChooser([join(CORPUS, 'thanhnien-agreements.txt')]);
  await app.openDocument(THANH_NIEN);
  for (const passage of [PLEDGE, AGREEMENTS]) await app.claimPassage(passage);
  await expect(page.getByRole('tab', { name: /^Claims/ })).toHaveText('Claims (2)');

  // An event of July 2024 from the Events view: a month-precision date.
  await page.getByRole('tab', { name: /^Events/ }).click();
  await app.createEvent('Venezuelan presidential election', { month: 'July', year: 2024 });
  const list = page.getByRole('grid', { name: 'Events' });
  await expect(list.getByRole('row', { name: /Venezuelan presidential election/ })).toContainText(
    'July 2024',
  );

  // From the first claim, an event made in place: it takes the claim's date.
  await page.getByRole('tab', { name: /^Claims/ }).click();
  const claims = page.getByRole('grid', { name: 'Claims' });
  await claims.getByRole('row', { name: new RegExp(`^${PLEDGE}`) }).click();
  const details = page.getByRole('complementary', { name: 'Claim details' });
  await details.getByRole('button', { name: 'Link to event…' }).click();
  let link = page.getByRole('dialog', { name: 'Link to event' });
  await link.getByRole('combobox', { name: 'Event' }).fill('Chernyshenko visits Caracas');
  await page.getByRole('option', { name: 'Create event “Chernyshenko visits Caracas”' }).click();
  await link.getByRole('button', { name: 'Link' }).click();
  await expect(link).toBeHidden();
  await expect(details).toContainText('Chernyshenko visits Caracas');

  // The second claim contradicts it.
  await claims.getByRole('row', { name: new RegExp(`^${AGREEMENTS}`) }).click();
  await details.getByRole('button', { name: 'Link to event…' }).click();
  link = page.getByRole('dialog', { name: 'Link to event' });
  await link.getByRole('combobox', { name: 'Event' }).fill('chernyshenko');
  await page.getByRole('option', { name: /^Chernyshenko visits Caracas/ }).click();
  await link.getByRole('radio', { name: 'Contradicts' }).check();
  await link.getByRole('button', { name: 'Link' }).click();
  await expect(link).toBeHidden();

  // The list is chronological and marks the contested event; its page groups the claims by relation.
  await page.getByRole('tab', { name: /^Events/ }).click();
  const rows = list.getByRole('row');
  await expect(rows.filter({ hasText: 'Venezuelan presidential election' })).toHaveCount(1);
  const titles = await rows.allTextContents();
  const election = titles.findIndex((t) => t.includes('Venezuelan presidential election'));
  const visit = titles.findIndex((t) => t.includes('Chernyshenko visits Caracas'));
  expect(election).toBeGreaterThanOrEqual(0);
  expect(visit).toBeGreaterThan(election);
  const visitRow = list.getByRole('row', { name: /Chernyshenko visits Caracas/ });
  await expect(visitRow).toContainText('Contested');
  await expect(visitRow).toContainText('8 November 2024');
  await visitRow.click();
  const event = page.getByRole('region', { name: 'Event', exact: true });
  await expect(event).toContainText('Supports (1)');
  await expect(event).toContainText('Contradicts (1)');
  await expect(event).toContainText(PLEDGE);
  await expect(event).toContainText(AGREEMENTS);

  // An end before the start is refused beside the field, before anything is saved.
  await event.getByRole('button', { name: 'End date: precision' }).click();
  await page.getByRole('option', { name: 'Year', exact: true }).click();
  await event.getByRole('textbox', { name: 'Year' }).last().fill('2020');
  await expect(event.getByRole('alert')).toHaveText('The end comes before the start');
  await page.getByRole('tab', { name: /^Claims/ }).click();
  await page.getByRole('tab', { name: /^Events/ }).click();
  await expect(list.getByRole('row', { name: /Chernyshenko visits Caracas/ })).toContainText(
    '8 November 2024',
  );
  await expect(list.getByRole('row', { name: /Chernyshenko visits Caracas/ })).not.toContainText('2020');
});
