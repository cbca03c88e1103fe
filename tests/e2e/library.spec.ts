// A library of hundreds of documents: the list puts only the rows in view in the page (so that a project of
// tens of thousands opens fast), yet a keyboard user and a screen reader reach every one of them.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect } from './fixtures';

const COUNT = 300;
let folder: string;
test.beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), 'dossier-e2e-library-'));
});
test.afterEach(() => rmSync(folder, { recursive: true, force: true }));

function writeDispatches(): string[] {
  const paths: string[] = [];
  for (let i = 1; i <= COUNT; i++) {
    const title =
      i === 150 ? 'Zanzibar harbour report' : `Dispatch ${String(i).padStart(3, '0')} from the coast`;
    const path = join(folder, `dispatch-${i}.md`);
    writeFileSync(
      path,
      `# ${title}\n\nFishermen counted ${i * 7} boats in the bay on the morning of day ${i}.\n`,
    );
    paths.push(path);
  }
  return paths;
}

test('a long library: only the rows in view are in the page, and the keyboard reaches every one', async ({
  app,
  page,
}) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1280, height: 800 });
  await app.open();
  await app.importThroughChooser(writeDispatches());
  await expect(page.getByRole('heading', { name: `Library (${COUNT})` })).toBeVisible({ timeout: 60_000 });

  const list = page.getByRole('listbox', { name: 'Documents' });
  const options = app.documents();
  await expect(options.first()).toHaveAttribute('aria-setsize', String(COUNT));
  const inPage = await options.count();
  expect(inPage).toBeGreaterThan(3);
  expect(inPage).toBeLessThan(40);

  // One Tab stop: from the filter, Tab lands on the first row.
  await page.getByRole('searchbox', { name: 'Filter documents' }).focus();
  await page.keyboard.press('Tab');
  const focused = page.locator('[role="option"]:focus');
  await expect(focused).toHaveAttribute('aria-posinset', '1');

  // End goes to the last document, scrolled into view; Home back to the first; Page Down moves a page.
  await page.keyboard.press('End');
  await expect(focused).toHaveAttribute('aria-posinset', String(COUNT));
  await expect(focused).toBeInViewport();
  await page.keyboard.press('Home');
  await expect(focused).toHaveAttribute('aria-posinset', '1');
  await page.keyboard.press('PageDown');
  const afterPage = Number(await focused.getAttribute('aria-posinset'));
  expect(afterPage).toBeGreaterThan(2);
  await expect(focused).toBeInViewport();
  await page.keyboard.press('ArrowDown');
  await expect(focused).toHaveAttribute('aria-posinset', String(afterPage + 1));
  // Still only the rows around the view are in the page.
  expect(await options.count()).toBeLessThan(40);

  // Typing the start of a title moves to it, wherever it is; Enter opens it.
  await page.keyboard.type('zan');
  await expect(focused).toContainText('Zanzibar harbour report');
  await expect(focused).toBeInViewport();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Zanzibar harbour report');
  await expect(options.filter({ hasText: 'Zanzibar harbour report' })).toHaveAttribute(
    'aria-selected',
    'true',
  );

  // Scrolling the list brings in the rows at the bottom, and a click opens one of them.
  await list.evaluate((element) => element.scrollTo({ top: element.scrollHeight }));
  const last = list.locator(`[role="option"][aria-posinset="${COUNT}"]`);
  await expect(last).toBeInViewport();
  const lastTitle = (await last.locator('.document-title').textContent()) ?? '';
  expect(lastTitle).toMatch(/^Dispatch \d{3} from the coast$/);
  await last.click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(lastTitle);
  await expect(last).toHaveAttribute('aria-selected', 'true');

  // A document opened from elsewhere (the search dialog) is brought into view in the list.
  await list.evaluate((element) => element.scrollTo({ top: 0 }));
  await expect(list.locator('[role="option"][aria-posinset="1"]')).toBeInViewport();
  await page.keyboard.press('ControlOrMeta+k');
  const dialog = page.getByRole('dialog', { name: 'Search' });
  await page.keyboard.type('Zanzibar harbour');
  await expect(dialog.getByRole('option', { name: /Zanzibar harbour report/ }).first()).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Zanzibar harbour report');
  const chosen = list.locator('[role="option"][aria-selected="true"]');
  await expect(chosen).toContainText('Zanzibar harbour report');
  await expect(chosen).toBeInViewport();
});
