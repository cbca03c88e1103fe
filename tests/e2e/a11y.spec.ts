// Issue 10's accessibility bar: every view and dialog, in the light and the dark theme, scanned by axe-core
// against WCAG 2.x A and AA with no serious or critical violation. The project is built the way a researcher
// would (the sample articles, highlights, a tag, a claim linked to an event); the merge preview and the
// Conflicts view come from a real conflict between two projects. A failure lists each violation with the rule,
// its help text and the elements it found, so it says what to fix and where.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { test, expect, type DossierPage } from './fixtures';

const CORPUS = join(process.cwd(), 'tests', 'fixtures', 'corpus');
const corpusFiles = readdirSync(CORPUS)
  .filter((f) => f.endsWith('.txt'))
  .map((f) => join(CORPUS, f));
const THANH_NIEN = /Russia signs multiple agreements/;
const PLEDGE = 'Moscow was ready to support the Venezuelan armed forces with "the most sophisticated weapons';
const AGREEMENTS = '17 agreements';
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** Scans the page as it is now; records (softly, so one run reports every view) what is serious or worse. */
async function scan(page: Page, where: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const report = serious.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.help}\n` +
      v.nodes
        .slice(0, 5)
        .map((n) => `    ${n.target.join(' ')}\n      ${n.failureSummary?.replace(/\n/g, '\n      ')}`)
        .join('\n'),
  );
  expect.soft(report, `axe: serious or critical violations in ${where}`).toEqual([]);
}

/** Calls an operation of the main side the way the renderer does, over the page's own session. */
async function callApi<T>(page: Page, name: string, input: unknown): Promise<T> {
  const envelope = await page.evaluate(
    async ({ name, input }) => {
      const response = await fetch(`/api/${name}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        credentials: 'same-origin',
        body: JSON.stringify(input),
      });
      return (await response.json()) as { result?: unknown; error?: { message: string } };
    },
    { name, input },
  );
  if (envelope.error) throw new Error(`${name}: ${envelope.error.message}`);
  return envelope.result as T;
}

async function openView(page: Page, name: string): Promise<void> {
  await page.getByRole('tab', { name: new RegExp(`^${name}`) }).click();
  await expect(page.getByRole('tab', { name: new RegExp(`^${name}`) })).toHaveAttribute(
    'aria-selected',
    'true',
  );
}

async function projectMenu(page: Page, item: string | RegExp): Promise<void> {
  await page.getByRole('button', { name: /^Project: / }).click();
  await page.getByRole('menuitem', { name: item }).click();
}

/** The corpus, two highlights (one tagged), a claim of the pledge with a claimant, linked to an event. */
async function buildProject(app: DossierPage, page: Page): Promise<void> {
  await app.open();
  await app.importThroughChooser(corpusFiles);
  await expect(app.documents()).toHaveCount(5);
  await app.openDocument(THANH_NIEN);
  await app.selectWithMouse(AGREEMENTS);
  await page.keyboard.press('t');
  const tagPicker = page.getByRole('region', { name: 'Tags' }).getByRole('combobox', { name: 'Add tag' });
  await tagPicker.fill('Military cooperation');
  await page.getByRole('option', { name: 'Create tag “Military cooperation”' }).click();
  await expect(app.highlights()).toHaveCount(1);
  await app.claimPassage(PLEDGE);
  await page.getByRole('combobox', { name: 'Claimant' }).fill('Dmitry Chernyshenko');
  await page.getByRole('option', { name: 'Create person “Dmitry Chernyshenko”' }).click();
  await expect(app.highlights()).toHaveCount(2);
  await openView(page, 'Events');
  await app.createEvent('Chernyshenko visits Caracas', { day: 16, month: 'February', year: 2022 });
  await openView(page, 'Claims');
  await app.linkClaimToEvent(PLEDGE, 'Chernyshenko visits Caracas', 'Supports');
}

for (const theme of ['light', 'dark'] as const) {
  test(`every view and dialog passes axe in the ${theme} theme`, async ({ app, page, dossier }) => {
    test.setTimeout(240_000);
    await page.setViewportSize({ width: 1440, height: 900 });
    // The theme chosen in Options is remembered in localStorage; the system's setting is the other one, so
    // the choice (not the system) is what is scanned.
    await page.emulateMedia({ colorScheme: theme === 'dark' ? 'light' : 'dark' });
    await page.addInitScript((chosen) => window.localStorage.setItem('dossier.theme', chosen), theme);
    await buildProject(app, page);
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme);

    // Library and reader, with a highlight chosen (its editor open) and the selection toolbar.
    await openView(page, 'Documents');
    await app.openDocument(THANH_NIEN);
    await app.highlights().first().click();
    await expect(page.getByRole('textbox', { name: 'Note', exact: true })).toBeVisible();
    await scan(page, 'the library and the reader with highlights');
    await app.selectWithMouse('Venezuelan armed forces');
    await expect(page.getByRole('toolbar', { name: 'Highlight selection' })).toBeVisible();
    await scan(page, 'the reader with the selection toolbar');
    await page.keyboard.press('Escape');

    await openView(page, 'Claims');
    await page
      .getByRole('grid', { name: 'Claims' })
      .getByRole('row', { name: /^Moscow was ready/ })
      .click();
    await expect(page.getByRole('complementary', { name: 'Claim details' })).toBeVisible();
    await scan(page, 'the claims list and the claim editor');

    await openView(page, 'Events');
    await page
      .getByRole('grid', { name: 'Events' })
      .getByRole('row', { name: /Chernyshenko visits Caracas/ })
      .click();
    await expect(
      page.getByRole('region', { name: 'Event' }).getByRole('textbox', { name: 'Title' }),
    ).toHaveValue('Chernyshenko visits Caracas');
    await scan(page, 'the events list and an event page');

    await openView(page, 'Timeline');
    await expect(page.getByRole('group', { name: 'Timeline', exact: true })).toBeVisible();
    await expect(page.locator('.timeline-event').first()).toBeVisible();
    await scan(page, 'the timeline');

    await openView(page, 'Codebook');
    await expect(page.getByRole('treegrid', { name: 'Tags' })).toBeVisible();
    await scan(page, 'the codebook');

    await openView(page, 'People & places');
    await scan(page, 'people and places');

    await openView(page, 'Orphans');
    await scan(page, 'orphans');

    await openView(page, 'Documents');
    await page.keyboard.press('ControlOrMeta+k');
    const search = page.getByRole('dialog', { name: 'Search' });
    await search.getByRole('searchbox').fill('Caracas');
    await expect(search.getByRole('option').first()).toBeVisible();
    await scan(page, 'the search dialog');
    // The first Escape empties the search field, the second closes the dialog.
    await page.keyboard.press('Escape');
    await page.keyboard.press('Escape');
    await expect(search).toBeHidden();

    await page.getByRole('button', { name: 'Export…' }).click();
    const exportDialog = page.getByRole('dialog', { name: 'Export' });
    await expect(exportDialog).toBeVisible();
    await scan(page, 'the export dialog');
    await page.keyboard.press('Escape');
    await expect(exportDialog).toBeHidden();

    await page.getByRole('button', { name: /^Project: / }).click();
    await expect(page.getByRole('menu')).toBeVisible();
    await scan(page, 'the project menu');
    await page.keyboard.press('Escape');

    await page.getByRole('button', { name: 'Options' }).click();
    await expect(page.getByRole('menu')).toBeVisible();
    await scan(page, 'the options menu');
    await page.keyboard.press('Escape');

    await page.locator('body').press('?');
    const sheet = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await expect(sheet).toBeVisible();
    await scan(page, 'the keyboard-shortcut sheet');
    await page.keyboard.press('Escape');
    await expect(sheet).toBeHidden();

    await projectMenu(page, 'Restore from backup…');
    const backups = page.getByRole('dialog', { name: 'Restore from backup' });
    await expect(backups).toBeVisible();
    await scan(page, 'the backups dialog');
    await page.keyboard.press('Escape');
    await expect(backups).toBeHidden();

    // A real conflict: project B opened from A's export, the claim edited in both, A exported again and
    // merged into B. Set up through the app's own operations; the merge itself through the window.
    const a = dossier.projectPath;
    const b = join(dossier.dataDir, 'teammate.sqlite');
    const first = join(dossier.dataDir, 'first.dossier');
    const second = join(dossier.dataDir, 'second.dossier');
    await callApi(page, 'exchange.export', { target: { path: first }, originals: false });
    await callApi(page, 'exchange.openAsProject', { source: { path: first }, target: { path: b } });
    const [claim] = await callApi<{ id: string }[]>(page, 'claims.list', {});
    await callApi(page, 'claims.update', { id: claim!.id, statement: 'The pledge, as B reads it' });
    await callApi(page, 'projects.open', { path: a });
    await callApi(page, 'claims.update', { id: claim!.id, statement: 'The pledge, as A reads it' });
    await callApi(page, 'exchange.export', { target: { path: second }, originals: false });
    await callApi(page, 'projects.open', { path: b });
    await page.reload();
    await expect(page.locator('.app[data-ready="true"]')).toBeVisible();
    // B was opened from A's export, so it carries A's name: the file tells them apart.
    const info = await callApi<{ project: { path: string } }>(page, 'app.info', {});
    expect(info.project.path).toBe(b);

    const chooser = page.waitForEvent('filechooser');
    await projectMenu(page, 'Merge a project file…');
    await (await chooser).setFiles(second);
    const preview = page.getByRole('dialog', { name: 'Merge “second.dossier”' });
    await expect(preview.getByRole('status')).toContainText('1 conflict');
    await scan(page, 'the merge preview');
    await preview.getByRole('button', { name: 'Merge', exact: true }).click();
    const report = page.getByRole('dialog', { name: 'Merged “second.dossier”' });
    await expect(report).toBeVisible();
    await scan(page, 'the merge report');
    await report.getByRole('button', { name: 'Review conflicts' }).click();
    await expect(page.getByRole('main', { name: 'Conflicts' }).getByRole('listitem')).toHaveCount(1);
    await scan(page, 'the conflicts view');
  });
}

// WCAG 1.4.4: text resized to 200% loses nothing. Browser zoom is how a user does that here (the app's sizes
// are in CSS pixels), so the window is 1280×800 seen at 200%: 640×400 CSS pixels. In each main view, no text
// is cut off by a box too small for it, and every control of the top bar can still be reached.
test('at 200% zoom no text is cut off and the top bar stays reachable', async ({ app, page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 640, height: 400 });
  await buildProjectQuickly(app);
  const views = ['Documents', 'Claims', 'Events', 'Timeline', 'Codebook', 'People & places', 'Orphans'];
  for (const view of views) {
    const tab = page.getByRole('tab', { name: new RegExp(`^${view}`) });
    await tab.focus();
    await tab.press('Enter');
    await expect(tab).toHaveAttribute('aria-selected', 'true');
    const clipped = await page.evaluate(() => {
      const found: string[] = [];
      for (const el of document.querySelectorAll<HTMLElement>('body *')) {
        if (el.closest('[hidden], [inert], .visually-hidden') || el.getClientRects().length === 0) continue;
        const style = getComputedStyle(el);
        // Text kept for screen readers only (a 1-pixel, clipped box) is hidden on purpose.
        if (style.clipPath !== 'none' && el.getBoundingClientRect().width <= 1) continue;
        const hidesX = ['hidden', 'clip'].includes(style.overflowX) && style.textOverflow !== 'ellipsis';
        const hidesY = ['hidden', 'clip'].includes(style.overflowY) && style.webkitLineClamp === 'none';
        const hasText = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent!.trim() !== '');
        if (!hasText) continue;
        if (
          (hidesX && el.scrollWidth > el.clientWidth + 1) ||
          (hidesY && el.scrollHeight > el.clientHeight + 1)
        )
          found.push(
            `${el.tagName.toLowerCase()}.${[...el.classList].join('.')}: “${el.textContent!.trim().slice(0, 40)}”`,
          );
      }
      return found;
    });
    expect.soft(clipped, `text cut off in ${view} at 200%`).toEqual([]);
  }
  // Every control of the top bar is inside the window (none pushed off its edge).
  const offscreen = await page.locator('.topbar').evaluate((bar) =>
    [...bar.querySelectorAll<HTMLElement>('button, [role="tab"]')]
      .filter((el) => {
        const r = el.getBoundingClientRect();
        return r.width > 0 && (r.right > window.innerWidth + 1 || r.left < -1);
      })
      .map((el) => el.textContent),
  );
  expect(offscreen).toEqual([]);
});

/** An article and a claim, enough for every view to have something in it. */
async function buildProjectQuickly(app: DossierPage): Promise<void> {
  await app.open();
  await app.importThroughChooser(corpusFiles.filter((f) => f.includes('thanhnien')));
  await expect(app.documents()).toHaveCount(1);
  await app.openDocument(THANH_NIEN);
  await app.claimPassage(AGREEMENTS);
  await expect(app.highlights()).toHaveCount(1);
}
