// The main journey with the keyboard only (issue 10): from a project with the sample articles, Tab to the
// library, open an article by typing its title, Tab into its text, select words with Shift+arrows, highlight
// them (h), tag the highlight (t), select another passage and make a claim of it (c), then go to the
// timeline through the view tabs. Also: the focus is always visible (an outline that stands out from what is
// behind it, in both themes), the `?` sheet opens and gives the focus back, highlight colours and claim
// statuses differ in more than colour, and the theme choice is kept.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { test, expect, type DossierPage } from './fixtures';

const CORPUS = join(process.cwd(), 'tests', 'fixtures', 'corpus');
const corpusFiles = readdirSync(CORPUS)
  .filter((f) => f.endsWith('.txt'))
  .map((f) => join(CORPUS, f));
const THANH_NIEN = /Russia signs multiple agreements/;

/** Presses Tab (Shift+Tab backwards) until `target` has the focus; fails if it never does. */
async function tabTo(page: Page, target: Locator, backwards = false, most = 60): Promise<void> {
  // A widget (a list, a tab list) counts when the focus is on one of its items; anything else must be it.
  const widget = ['listbox', 'tablist', 'grid'].includes((await target.getAttribute('role')) ?? '');
  for (let i = 0; i < most; i++) {
    if (
      await target.evaluate(
        (el, inside) => el === document.activeElement || (inside && el.contains(document.activeElement)),
        widget,
      )
    )
      return;
    await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
  }
  await expect(target).toBeFocused();
}

async function selectionText(page: Page): Promise<string> {
  return page.evaluate(() => window.getSelection()?.toString() ?? '');
}

async function importCorpus(app: DossierPage): Promise<void> {
  await app.open();
  await app.importThroughChooser(corpusFiles);
  await expect(app.documents()).toHaveCount(5);
}

/** WCAG's contrast ratio of two CSS colours (rgb() or rgba() over white/black is not needed here). */
function contrast(a: string, b: string): number {
  const luminance = (css: string) => {
    const [r, g, b2] = (css.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number);
    const channel = (v: number) => {
      const c = v / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    };
    return 0.2126 * channel(r!) + 0.7152 * channel(g!) + 0.0722 * channel(b2!);
  };
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

test('the main journey by keyboard: open, select, highlight, tag, claim, timeline', async ({ app, page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1440, height: 900 });
  await importCorpus(app);

  // The library: Tab to its filter, type part of a title, Tab into the list and open the article with Enter.
  const filter = page.getByRole('searchbox', { name: 'Filter documents' });
  await tabTo(page, filter);
  await page.keyboard.type('Russia signs');
  await expect(app.documents()).toHaveCount(1);
  await page.keyboard.press('Tab');
  await expect(app.documents().first()).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1 })).toContainText(THANH_NIEN);

  // The text: Tab to it, select three words with Shift+→ and highlight them with h.
  const article = page.getByRole('article', { name: THANH_NIEN });
  await tabTo(page, article);
  await expect(article).toBeFocused();
  for (let i = 0; i < 3; i++) await page.keyboard.press('Shift+ArrowRight');
  const firstPassage = (await selectionText(page)).trim();
  expect(firstPassage.split(/\s+/)).toHaveLength(3);
  await expect(page.getByRole('toolbar', { name: 'Highlight selection' })).toBeVisible();
  await page.keyboard.press('h');
  await expect(app.highlights()).toHaveCount(1);
  await expect(app.highlights().first()).toContainText(firstPassage);
  expect((await app.paintedText('dossier-yellow')).map((t) => t.trim())).toEqual([firstPassage]);

  // Tag it: t puts the focus in the tag field; type a new tag and choose "Create" with the arrows.
  await page.keyboard.press('t');
  const tagField = page.getByRole('region', { name: 'Tags' }).getByRole('combobox', { name: 'Add tag' });
  await expect(tagField).toBeFocused();
  await page.keyboard.type('Agreements');
  await expect(page.getByRole('option', { name: 'Create tag “Agreements”' })).toBeVisible();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(app.highlights().first()).toContainText('Agreements');

  // A claim: back to the text, move to the next paragraph with Ctrl/Cmd+↓, select a line, press c.
  await page.keyboard.press('Escape');
  await tabTo(page, article, true);
  await page.keyboard.press('ControlOrMeta+ArrowDown');
  await page.keyboard.press('Shift+ArrowDown');
  const claimed = (await selectionText(page)).trim();
  expect(claimed.length).toBeGreaterThan(10);
  expect(claimed).not.toContain(firstPassage);
  await page.keyboard.press('c');
  const claimant = page.getByRole('combobox', { name: 'Claimant' });
  await expect(claimant).toBeFocused();
  const claim = page.getByRole('region', { name: 'Claim', exact: true });
  // The statement starts as the passage (its words; line breaks between paragraphs become spaces).
  await expect(claim.getByRole('textbox', { name: 'Statement' })).toHaveValue(
    new RegExp(`^${claimed.split(/\s+/)[0]!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`),
  );
  await page.keyboard.type('Dmitry Chernyshenko');
  await expect(page.getByRole('option', { name: 'Create person “Dmitry Chernyshenko”' })).toBeVisible();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(claimant).toHaveValue('Dmitry Chernyshenko');
  await expect(app.highlights()).toHaveCount(2);

  // The views: Tab back to the row of view tabs; the arrows move between them.
  const documentsTab = page.getByRole('tab', { name: 'Documents' });
  await tabTo(page, documentsTab, true, 80);
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('tab', { name: /^Claims/ })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('grid', { name: 'Claims' }).getByRole('row')).not.toHaveCount(0);
  const timelineTab = page.getByRole('tab', { name: 'Timeline' });
  while ((await timelineTab.getAttribute('aria-selected')) !== 'true')
    await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('tabpanel', { name: 'Timeline' })).toBeVisible();
});

for (const theme of ['light', 'dark'] as const) {
  test(`a focused control shows a clear outline in the ${theme} theme`, async ({ app, page }) => {
    await page.addInitScript((chosen) => window.localStorage.setItem('dossier.theme', chosen), theme);
    await importCorpus(app);
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
    const search = page.getByRole('button', { name: /^Search/ });
    await tabTo(page, search);
    const ring = await search.evaluate((el) => {
      const style = getComputedStyle(el);
      let behind = el.parentElement;
      while (behind && getComputedStyle(behind).backgroundColor === 'rgba(0, 0, 0, 0)')
        behind = behind.parentElement;
      return {
        style: style.outlineStyle,
        width: parseFloat(style.outlineWidth),
        color: style.outlineColor,
        background: behind ? getComputedStyle(behind).backgroundColor : 'rgb(255, 255, 255)',
      };
    });
    expect(ring.style).not.toBe('none');
    expect(ring.width).toBeGreaterThanOrEqual(2);
    // WCAG 2.4.11/1.4.11: a focus indicator at least 3:1 against what surrounds it.
    expect(contrast(ring.color, ring.background)).toBeGreaterThanOrEqual(3);
  });
}

test('? opens the shortcut sheet, Escape closes it and the focus goes back', async ({ app, page }) => {
  await importCorpus(app);
  const search = page.getByRole('button', { name: /^Search/ });
  await tabTo(page, search);
  await page.keyboard.press('?');
  const sheet = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(sheet).toBeVisible();
  await expect(sheet.getByRole('heading', { name: 'Reader' })).toBeVisible();
  await expect(sheet.getByRole('row', { name: /Highlight the selection/ })).toContainText('H');
  await expect(sheet.getByRole('row', { name: /^Ctrl\s*\+\s*K\s*Search the project/ })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(sheet).toBeHidden();
  await expect(search).toBeFocused();

  // Typing ? in a field types it.
  const filter = page.getByRole('searchbox', { name: /Filter/ });
  await filter.fill('');
  await filter.press('?');
  await expect(filter).toHaveValue('?');
  await expect(sheet).toBeHidden();

  // Also from the Options menu.
  await page.getByRole('button', { name: 'Options' }).click();
  await page.getByRole('menuitem', { name: 'Keyboard shortcuts' }).click();
  await expect(sheet).toBeVisible();
});

test('the theme: System by default, Dark chosen by keyboard, kept after a restart', async ({
  app,
  page,
  dossier,
}) => {
  // What the host keeps for the desktop app's menus, dialogs and first frame (settings.json, app.setTheme).
  const hostTheme = () => {
    try {
      return (JSON.parse(readFileSync(join(dossier.dataDir, 'settings.json'), 'utf8')) as { theme?: string })
        .theme;
    } catch {
      return undefined;
    }
  };
  await page.emulateMedia({ colorScheme: 'dark' });
  await app.open();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.emulateMedia({ colorScheme: 'light' });
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  const background = () => page.locator('body').evaluate((b) => getComputedStyle(b).backgroundColor);
  const light = await background();

  const options = page.getByRole('button', { name: 'Options' });
  await tabTo(page, options);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('menuitemradio', { name: 'System' })).toHaveAttribute('aria-checked', 'true');
  while (
    !(await page.getByRole('menuitemradio', { name: 'Dark' }).evaluate((e) => e === document.activeElement))
  )
    await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  expect(await background()).not.toBe(light);
  await expect.poll(hostTheme).toBe('dark');

  await page.reload();
  await expect(page.locator('.app[data-ready="true"]')).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
});

test('highlight colours and claim statuses differ in more than colour', async ({ app, page }) => {
  await importCorpus(app);
  await app.openDocument(THANH_NIEN);
  await app.selectWithMouse('17 agreements');
  await page.getByRole('button', { name: 'Highlight yellow' }).click();
  await app.selectWithMouse('senior Kremlin official');
  await page.getByRole('button', { name: 'Highlight blue' }).click();
  await expect(app.highlights()).toHaveCount(2);

  // In the text: a different line under each colour.
  const lines = await app.readerText().evaluate((el) =>
    ['yellow', 'blue'].map((c) => {
      const style = getComputedStyle(el, `::highlight(dossier-${c})`);
      return `${style.textDecorationLine} ${style.textDecorationStyle}`;
    }),
  );
  expect(lines[0]).toMatch(/underline/);
  expect(lines[0]).not.toBe(lines[1]);

  // In the list: a different shape before each quote.
  const shapes = await app
    .highlights()
    .locator('.highlight-quote')
    .evaluateAll((quotes) => quotes.map((q) => getComputedStyle(q, '::before').content));
  expect(shapes).toHaveLength(2);
  expect(shapes[0]).not.toBe('none');
  expect(shapes[0]).not.toBe(shapes[1]);

  // Claim statuses: each has its own symbol beside its word.
  await app.claimPassage('the most sophisticated weapons');
  const claim = page.getByRole('region', { name: 'Claim', exact: true });
  await expect(claim.getByRole('radio', { name: /Unverified/ })).toBeChecked();
  const symbols = await claim.locator('.status-radio .status-symbol').allTextContents();
  expect(symbols).toHaveLength(5);
  expect(new Set(symbols.map((s) => s.trim())).size).toBe(5);
});
