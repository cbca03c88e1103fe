// Issue 5's journey: the events of the Thanh Niên and TASS articles made three ways (accepted suggestions,
// "New event" on the timeline, in place from a claim), claims linked with each relation, and the timeline:
// the events in chronological order, the TASS article's "December 16" in the year-unknown band and not at a
// year, the contested marker and claim counts, lanes, keyboard zoom, dragging, the event page on a click,
// and the timeline saved as SVG and PNG.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { test, expect } from './fixtures';

const CORPUS = join(process.cwd(), 'tests', 'fixtures', 'corpus');
const THANH_NIEN = /Russia signs multiple agreements/;
const TASS = /Trust between Venezuela, Russia/;
const PLEDGE = 'Moscow was ready to support the Venezuelan armed forces';
const AGREEMENTS = '17 agreements would be';
const FACTORY =
  'The factory is expected to assemble about 25,000 Kalashnikov automatic assault rifles annually.';
const TRADE = 'Their trade reached a record $ 2.4 billion last year.';

const TALKS = 'Rogozin and Ramirez hold talks in Caracas';
const FACTORY_EVENT = 'Agreement on a Kalashnikov factory in Venezuela';
const ELECTION = 'Venezuelan presidential election';
const VISIT = 'Chernyshenko visits Caracas';

async function acceptSuggestion(page: Page, dateText: string, title: string) {
  const dialog = page.getByRole('dialog', { name: 'Suggested events' });
  await dialog.getByRole('button', { name: `Accept: ${dateText}` }).click();
  const form = dialog.getByRole('region', { name: `New event from “${dateText}”` });
  await form.getByRole('textbox', { name: 'Title' }).fill(title);
  await form.getByRole('button', { name: 'Create event' }).click();
  await expect(dialog).toContainText(`Event created: ${title}`);
}

async function box(locator: Locator) {
  const b = await locator.boundingBox();
  if (!b) throw new Error('not drawn');
  return b;
}

test('the chronology of two articles on the timeline, with provenance, lanes, zoom and export', async ({
  app,
  page,
}) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await app.open();
  await app.importThroughChooser([
    join(CORPUS, 'thanhnien-agreements.txt'),
    join(CORPUS, 'tass-rogozin-trust.txt'),
  ]);

  // Claims from both articles.
  await app.openDocument(THANH_NIEN);
  for (const passage of [PLEDGE, AGREEMENTS]) await app.claimPassage(passage);
  await app.openDocument(TASS);
  for (const passage of [FACTORY, TRADE]) await app.claimPassage(passage);
  await expect(page.getByRole('tab', { name: /^Claims/ })).toHaveText('Claims (4)');

  // The TASS article's events, accepted from its dated sentences: a month, and a day without a year.
  await page.getByRole('main', { name: 'Reader' }).getByRole('button', { name: 'Suggest events…' }).click();
  await acceptSuggestion(page, 'July 2006', FACTORY_EVENT);
  await acceptSuggestion(page, 'December 16', TALKS);
  await page.getByRole('dialog', { name: 'Suggested events' }).getByRole('button', { name: 'Close' }).click();

  // An event made on the timeline itself.
  await page.getByRole('tab', { name: /^Timeline/ }).click();
  await app.createEvent(ELECTION, { day: 28, month: 'July', year: 2024 });
  // It opens beside the timeline.
  const details = page.getByRole('complementary', { name: 'Event details' });
  await expect(details.getByRole('textbox', { name: 'Title' })).toHaveValue(ELECTION);

  // Claims linked with each relation; the visit is made in place from the first claim.
  await page.getByRole('tab', { name: /^Claims/ }).click();
  await app.linkClaimToEvent(PLEDGE, VISIT, 'Supports', true);
  await app.linkClaimToEvent(AGREEMENTS, VISIT, 'Contradicts');
  await app.linkClaimToEvent(FACTORY, FACTORY_EVENT, 'Supports');
  await app.linkClaimToEvent(TRADE, TALKS, 'Mentions');

  // The timeline: four events, one with the year unknown.
  await page.getByRole('tab', { name: /^Timeline/ }).click();
  await expect(page.getByText('4 events, 1 with the year unknown')).toBeVisible();
  const timeline = page.getByRole('group', { name: 'Timeline', exact: true });
  const event = (title: string) => timeline.getByRole('button', { name: new RegExp(`^${title}`) });

  // "December 16" sits in the year-unknown band, below the dated lanes, never at a year.
  const band = page.locator('.timeline-lanes text', { hasText: /^Year unknown \(1\)/ });
  await expect(band).toBeVisible();
  await expect(event(TALKS)).toHaveAttribute('aria-label', `${TALKS}, 16 December (year unknown), 1 claim`);
  expect((await box(event(TALKS))).y).toBeGreaterThan((await box(band)).y);
  expect((await box(event(FACTORY_EVENT))).y).toBeLessThan((await box(band)).y);

  // The month is drawn as the whole of July 2006, far left of 2024.
  await expect(event(FACTORY_EVENT)).toHaveAttribute('aria-label', `${FACTORY_EVENT}, July 2006, 1 claim`);

  // From 2024 on: the view fits 2024. The visit, made from a claim, took the article's date (8 November);
  // the text supports Thursday 7 November, corrected on its page, opened by a click.
  await page.getByRole('textbox', { name: 'Date from' }).fill('2024');
  await expect(page.getByText('2 of 4 events')).toBeVisible();
  await expect(event(FACTORY_EVENT)).toHaveCount(0);
  await expect(event(TALKS)).toHaveCount(0);
  const visit = event(VISIT);
  await expect(visit).toHaveAttribute('aria-label', `${VISIT}, 8 November 2024, 2 claims, contested`);
  await visit.click();
  await expect(details.getByRole('textbox', { name: 'Title' })).toHaveValue(VISIT);
  await expect(details).toContainText('Supports (1)');
  await expect(details).toContainText('Contradicts (1)');
  await expect(details).toContainText(PLEDGE);
  await details.getByRole('textbox', { name: 'Day' }).first().fill('7');
  await expect(visit).toHaveAttribute('aria-label', `${VISIT}, 7 November 2024, 2 claims, contested`);
  // The election comes before the visit; the visit carries its claim count and the contested marker.
  expect((await box(event(ELECTION))).x).toBeLessThan((await box(visit)).x);
  // Its badges are drawn beside its button (their words are in its name already).
  const badges = visit.locator('xpath=following-sibling::*[1][@aria-hidden="true"]');
  await expect(badges.locator('text').filter({ hasText: '⚠' })).toHaveCount(1);
  await expect(badges.locator('text').filter({ hasText: /^2$/ })).toHaveCount(1);

  // By claim status: no claim is refuted yet, so no event passes.
  await page.getByRole('button', { name: /Refuted/ }).click();
  await expect(page.getByText('No event passes these filters.')).toBeVisible();
  // Refuting the claim that contradicts the visit brings the visit in; undoing that takes it out again.
  await page.getByRole('tab', { name: /^Claims/ }).click();
  await page
    .getByRole('grid', { name: 'Claims' })
    .getByRole('row', { name: new RegExp(`^${AGREEMENTS}`) })
    .click();
  await page
    .getByRole('complementary', { name: 'Claim details' })
    .getByRole('radio', { name: 'Refuted' })
    .check();
  await page.getByRole('tab', { name: /^Timeline/ }).click();
  await expect(page.getByText('1 of 4 events')).toBeVisible();
  await expect(event(VISIT)).toBeVisible();
  await page.getByRole('tab', { name: /^Timeline/ }).focus();
  await page.keyboard.press('ControlOrMeta+z');
  await expect(page.getByText('No event passes these filters.')).toBeVisible();
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await expect(page.getByText('4 events, 1 with the year unknown')).toBeVisible();

  // Lanes by tag: none is tagged yet, so one lane says so.
  await page.getByRole('button', { name: /Lanes/ }).click();
  await page.getByRole('option', { name: 'By tag' }).click();
  await expect(page.locator('.timeline-lanes text', { hasText: /^No tag \(3\)/ })).toBeVisible();

  // Keyboard zoom: + narrows the ticks; 0 fits all again. Dragging moves the axis.
  const unit = page.locator('.timeline-unit');
  const before = await unit.textContent();
  await timeline.focus();
  for (let i = 0; i < 6; i++) await page.keyboard.press('+');
  await expect(unit).not.toHaveText(before ?? '');
  await page.keyboard.press('0');
  await expect(unit).toHaveText(before ?? '');
  const label = await page.locator('.timeline-axis text').nth(4).textContent();
  const tick = page.locator('.timeline-axis text', { hasText: new RegExp(`^${label}$`) }).first();
  const tickBefore = await box(tick);
  const lanes = await box(page.locator('.timeline-lanes'));
  await page.mouse.move(lanes.x + 700, lanes.y + 200);
  await page.mouse.down();
  await page.mouse.move(lanes.x + 500, lanes.y + 200, { steps: 8 });
  await page.mouse.up();
  await expect.poll(async () => (await box(tick)).x).toBeLessThan(tickBefore.x - 100);
  await page.keyboard.press('0');

  // The factory event's page: its supporting claim quoted.
  await event(FACTORY_EVENT).click();
  await expect(details.getByRole('textbox', { name: 'Title' })).toHaveValue(FACTORY_EVENT);
  await expect(details).toContainText('Supports (1)');
  await expect(details).toContainText(FACTORY);

  // Saved for a report: an SVG with every event (titles and dates in its tooltips) and the band; a PNG.
  const svgDownload = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Save as SVG' }).click();
  const svgFile = await (await svgDownload).path();
  const svg = readFileSync(svgFile, 'utf8');
  expect(svg.startsWith('<?xml')).toBe(true);
  expect(svg).toContain('xmlns="http://www.w3.org/2000/svg"');
  // (An event drawn in a cluster is named in the cluster's tooltip.)
  expect(svg).toContain(`${VISIT}, 7 November 2024, 2 claims, contested`);
  expect(svg).toContain(`${ELECTION}, 28 July 2024, 0 claims`);
  expect(svg).toContain(`<title>${FACTORY_EVENT}, July 2006, 1 claim</title>`);
  expect(svg).toContain(`<title>${TALKS}, 16 December (year unknown), 1 claim</title>`);
  expect(svg).toContain('Year unknown (1)');
  expect(svg).not.toMatch(/<script|class="/);
  const pngDownload = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Save as PNG' }).click();
  const png = readFileSync(await (await pngDownload).path());
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  expect(png.length).toBeGreaterThan(5_000);
});
