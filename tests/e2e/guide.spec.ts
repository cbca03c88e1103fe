// The walkthrough of docs/guide.md, step by step as the guide tells a researcher to do it, on the sample
// articles: each step asserts what the guide says the reader will see, then saves the guide's screenshot of it
// (docs/guide/NN-name.png) and the README's two (docs/screenshot.png, docs/screenshot-claims.png). So the
// pictures are retaken on every run and cannot go stale, and a step that stops working fails here.
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { test, expect } from './fixtures';

const CORPUS = join(process.cwd(), 'tests', 'fixtures', 'corpus');
const corpusFiles = readdirSync(CORPUS)
  .filter((f) => f.endsWith('.txt'))
  .map((f) => join(CORPUS, f));
const DOCS = join(process.cwd(), 'docs');
const GUIDE_SHOTS = join(DOCS, 'guide');

const PROJECT = 'Venezuela and Russia';
const THANH_NIEN = /Russia signs multiple agreements/;
const TASS = /Trust between Venezuela, Russia/;
const PLEDGE = 'the most sophisticated weapons and military equipment';
const AGREEMENTS = '17 agreements would be "signed and consolidate the path of cooperation and integration"';
const OIL = 'production has fallen to around one million barrels';
const STATEMENT = "Russia is ready to supply Venezuela's armed forces with its most sophisticated weapons";
const CONTRACTOR =
  'The general contractor will be changed and the deadline for completing the construction works has been put off to the end of 2015';
const VISIT = 'Chernyshenko visits Caracas';
const FACTORY_EVENT = 'Agreement on a Kalashnikov factory in Venezuela';
const TALKS = 'Rogozin and Ramirez hold talks in Caracas';
const SAM_RATIONALE = 'No Russian source confirms the pledge';

/** Previews written in a citation style wait for the citation engine, which starts slowly on a busy machine. */
const CITING = { timeout: 30_000 };

// Screenshots at a fixed size, in the light theme, without motion: the same pixels on every run.
test.use({
  viewport: { width: 1440, height: 900 },
  deviceScaleFactor: 1,
  colorScheme: 'light',
  reducedMotion: 'reduce',
});

/**
 * Whether two PNGs show the same picture. Chromium's anti-aliasing of rounded corners differs by a shade or
 * two between runs: such noise must not rewrite the committed pictures each time. Decoded in a blank page of
 * the same browser, so no image library is needed.
 */
async function samePicture(scratch: Page, a: Buffer, b: Buffer): Promise<boolean> {
  return scratch.evaluate(
    async ([a, b]) => {
      const pixels = async (base64: string) => {
        const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
        const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
        const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
        const context = canvas.getContext('2d')!;
        context.drawImage(bitmap, 0, 0);
        return context.getImageData(0, 0, bitmap.width, bitmap.height);
      };
      const [x, y] = await Promise.all([pixels(a), pixels(b)]);
      if (x.width !== y.width || x.height !== y.height) return false;
      for (let i = 0; i < x.data.length; i++) if (Math.abs(x.data[i]! - y.data[i]!) > 8) return false;
      return true;
    },
    [a.toString('base64'), b.toString('base64')] as const,
  );
}

/**
 * Screenshots of the window for the guide (or the README), each written unless the file already shows the same
 * picture; `mask` covers what changes from run to run (times, temporary paths).
 */
function camera(page: Page) {
  let scratch: Page | undefined;
  const shot = async (file: string, mask: Locator[] = []): Promise<void> => {
    await page.evaluate(() => document.fonts.ready);
    // Notifications come and go on a timer: none may be caught in a picture by chance. (Hidden through the
    // CSSOM: the page's Content Security Policy refuses the inline style of screenshot()'s `style` option.)
    // By class: once hidden, the region is no longer in the accessibility tree for a role to find.
    const toasts = page.locator('.toasts');
    await toasts.evaluate((region) => (region.style.visibility = 'hidden'));
    const picture = await page.screenshot({
      animations: 'disabled',
      caret: 'hide',
      mask,
      maskColor: '#d8d5cd',
    });
    await toasts.evaluate((region) => (region.style.visibility = ''));
    scratch ??= await page.context().newPage();
    if (existsSync(file) && (await samePicture(scratch, readFileSync(file), picture))) return;
    writeFileSync(file, picture);
  };
  return {
    shot,
    guideShot: (name: string, mask?: Locator[]) => shot(join(GUIDE_SHOTS, `${name}.png`), mask),
  };
}

async function projectMenu(page: Page, item: string | RegExp): Promise<void> {
  await page.getByRole('button', { name: /^Project: / }).click();
  await page.getByRole('menuitem', { name: item }).click();
}

async function openView(page: Page, name: string): Promise<void> {
  await page.getByRole('tab', { name: new RegExp(`^${name}`) }).click();
}

function claimRow(page: Page, statement: string): Locator {
  return page.getByRole('grid', { name: 'Claims' }).getByRole('row', {
    name: new RegExp(`^${statement.slice(0, 30).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`),
  });
}

/** The claim editor beside the reader (or in the Claims view), after its last edit has been saved. */
async function expectClaimSaved(claim: Locator): Promise<void> {
  await expect(claim.getByRole('status').filter({ hasText: /^Saved$/ })).toBeVisible();
}

async function download(page: Page, press: () => Promise<void>, saveAs?: string): Promise<string> {
  const downloading = page.waitForEvent('download', { timeout: 30_000 });
  await press();
  const file = await downloading;
  if (saveAs) {
    await file.saveAs(saveAs);
    return saveAs;
  }
  return readFileSync((await file.path())!, 'utf8');
}

test('the guide, from first start to evidence report and a teammate’s merge', async ({
  app,
  dossier,
  page,
}) => {
  // The whole walkthrough, two projects and 23 pictures: about 45 s on a quiet 2-core machine (32 s of CPU).
  // The limit leaves room for a machine busy with other tests; each step still fails within its own timeouts.
  test.setTimeout(480_000);
  mkdirSync(GUIDE_SHOTS, { recursive: true });
  const { shot, guideShot } = camera(page);

  await test.step('Installing and first start: a new project', async () => {
    await app.open();
    await expect(page.getByRole('heading', { name: 'Your project is empty' })).toBeVisible();
    await page.getByRole('button', { name: /^Project: / }).click();
    await expect(page.getByRole('menuitem', { name: 'New project…' })).toBeVisible();
    await guideShot('01-project-menu');
    await page.getByRole('menuitem', { name: 'New project…' }).click();
    const create = page.getByRole('dialog', { name: 'New project' });
    await create
      .getByRole('textbox', { name: 'Project file path' })
      .fill(join(dossier.dataDir, `${PROJECT}.sqlite`));
    await create.getByRole('button', { name: 'Create' }).click();
    await expect(page.getByRole('button', { name: `Project: ${PROJECT}` })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Your project is empty' })).toBeVisible();
    await guideShot('02-empty-project');
  });

  await test.step('Importing the sample articles', async () => {
    await app.importThroughChooser(corpusFiles);
    await expect(page.getByRole('status').filter({ hasText: '5 imported.' })).toBeVisible();
    await expect(app.documents()).toHaveCount(5);
    await expect(page.getByRole('heading', { name: 'Library (5)' })).toBeVisible();
    // The Dutch article states no headline: it goes by its file name, and nothing is made up.
    await expect(app.documents().filter({ hasText: 'albaciudad-borisov-nl.txt' })).toHaveCount(1);
    await guideShot('03-imported');
    await page
      .getByRole('status')
      .filter({ hasText: '5 imported.' })
      .getByRole('button', { name: 'Dismiss' })
      .click();
  });

  await test.step('Reading a document', async () => {
    await app.openDocument(THANH_NIEN);
    const byline = page.locator('.byline');
    await expect(byline).toContainText('Báo Thanh niên');
    await expect(byline).toContainText('8 November 2024');
    const fullText = page.getByRole('switch', { name: /^Show full text \(\d+ boilerplate blocks\)/ });
    await expect(fullText).not.toBeChecked();
    await expect(app.readerText().getByText('Comment (0)')).toBeHidden();
    await guideShot('04-reader');
  });

  await test.step('Highlighting a passage with a note', async () => {
    await app.selectWithMouse(PLEDGE);
    const toolbar = page.getByRole('toolbar', { name: 'Highlight selection' });
    await expect(toolbar).toBeVisible();
    await guideShot('05-selection-toolbar');
    await toolbar.getByRole('button', { name: 'Highlight green' }).click();
    await expect(app.highlights()).toHaveCount(1);
    await page.getByRole('textbox', { name: 'Note' }).fill('Reported by AFP, citing Venezuelan state TV.');
    await expect(page.getByText('Saved', { exact: true })).toBeVisible();
    expect(await app.paintedText('dossier-green')).toEqual([PLEDGE]);

    await app.selectWithMouse(OIL);
    await page.getByRole('button', { name: 'Highlight blue' }).click();
    await expect(app.highlights()).toHaveCount(2);
    // Back to the first: choosing it in the list shows its colour and note.
    await app.highlights().filter({ hasText: PLEDGE }).click();
    await expect(page.getByRole('radio', { name: 'Green' })).toBeChecked();
    await expect(page.getByRole('textbox', { name: 'Note' })).toHaveValue(
      'Reported by AFP, citing Venezuelan state TV.',
    );
    await guideShot('06-highlight-note');
  });

  await test.step('Tagging a passage from the codebook', async () => {
    await app.selectWithMouse(AGREEMENTS);
    await page.keyboard.press('t');
    const tags = page.getByRole('region', { name: 'Tags' });
    const picker = tags.getByRole('combobox', { name: 'Add tag' });
    await expect(picker).toBeFocused();
    await picker.fill('Military cooperation / Agreements');
    await page.getByRole('option', { name: 'Create tag “Military cooperation / Agreements”' }).click();
    await expect(tags.getByRole('row', { name: /Agreements/ })).toBeVisible();
    await expect(app.highlights()).toHaveCount(3);
    await expect(app.highlights().filter({ hasText: '17 agreements' })).toContainText('Agreements');
    await guideShot('07-tag');

    await openView(page, 'Codebook');
    const tree = page.getByRole('treegrid', { name: 'Tags' });
    await expect(tree.getByRole('row', { name: /Military cooperation/ })).toBeVisible();
    await expect(tree.getByRole('row', { name: /Agreements/ })).toBeVisible();
    await guideShot('08-codebook');
    await openView(page, 'Documents');
  });

  await test.step('Making a claim: claimant, date, status', async () => {
    // The pledge, already highlighted, becomes a claim: choose it in the list and press c.
    await app.highlights().filter({ hasText: PLEDGE }).click();
    await page.keyboard.press('c');
    const claim = page.getByRole('region', { name: 'Claim', exact: true });
    const claimant = claim.getByRole('combobox', { name: 'Claimant' });
    await expect(claimant).toBeFocused();
    await claimant.fill('Dmitry Chernyshenko');
    await page.getByRole('option', { name: 'Create person “Dmitry Chernyshenko”' }).click();
    await expect(claimant).toHaveValue('Dmitry Chernyshenko');
    const statement = claim.getByRole('textbox', { name: 'Statement' });
    await expect(statement).toHaveValue(PLEDGE);
    await statement.fill(STATEMENT);
    await statement.blur();
    // The claim date is the article's, at its precision: a day.
    const date = claim.getByRole('group', { name: 'Claim date' });
    await expect(date.getByRole('button', { name: /precision$/ })).toContainText('Day');
    await expect(date.getByRole('textbox', { name: 'Day' })).toHaveValue('8');
    await expect(date.getByRole('textbox', { name: 'Year' })).toHaveValue('2024');
    await claim.getByRole('radio', { name: 'Supported' }).check();
    const rationale = claim.getByRole('textbox', { name: 'Rationale' });
    await rationale.fill('AFP, citing Venezuelan state television');
    await rationale.blur();
    await expectClaimSaved(claim);
    await expect(page.getByRole('tab', { name: 'Claims (1)' })).toBeVisible();

    // The README's picture: the article with three highlights, the claim beside it.
    await page.locator('.annotations .highlight-editor').evaluate((pane) => pane.scrollTo(0, 0));
    await page.locator('.reader-scroll').evaluate((el) => el.scrollTo(0, 0));
    await shot(join(DOCS, 'screenshot.png'));
    await claim.evaluate((editor) => editor.scrollIntoView({ block: 'start' }));
    await guideShot('09-claim');

    // A claim from another article, whose date has no year: it stays "16 December".
    await app.openDocument(TASS);
    await app.claimPassage(CONTRACTOR);
    await claimant.fill('Dmitry Rogozin');
    await page.getByRole('option', { name: 'Create person “Dmitry Rogozin”' }).click();
    await expect(date.getByRole('button', { name: /precision$/ })).toContainText(
      'Day and month, year unknown',
    );
    await expectClaimSaved(claim);
    await expect(page.getByRole('tab', { name: 'Claims (2)' })).toBeVisible();
  });

  await test.step('Events from the article’s dates, and claims linked to them', async () => {
    await page.getByRole('main', { name: 'Reader' }).getByRole('button', { name: 'Suggest events…' }).click();
    const suggestions = page.getByRole('dialog', { name: 'Suggested events' });
    await expect(suggestions.getByRole('button', { name: 'Accept: July 2006' })).toBeVisible();
    await guideShot('10-suggested-events');
    for (const [dateText, title] of [
      ['July 2006', FACTORY_EVENT],
      ['December 16', TALKS],
    ]) {
      await suggestions.getByRole('button', { name: `Accept: ${dateText}` }).click();
      const form = suggestions.getByRole('region', { name: `New event from “${dateText}”` });
      await form.getByRole('textbox', { name: 'Title' }).fill(title!);
      await form.getByRole('button', { name: 'Create event' }).click();
      await expect(suggestions).toContainText(`Event created: ${title}`);
    }
    await suggestions.getByRole('button', { name: 'Close' }).click();

    // Link the claims: the pledge to a new event made in place, Rogozin's words to the factory agreement.
    await openView(page, 'Claims');
    await app.linkClaimToEvent(STATEMENT, VISIT, 'Supports', true);
    await app.linkClaimToEvent(CONTRACTOR, FACTORY_EVENT, 'Mentions');

    // The visit took the claim's date (the article's, 8 November); the text says it was on 7 November.
    await openView(page, 'Events');
    const events = page.getByRole('grid', { name: 'Events' });
    await expect(events.getByRole('row')).toHaveCount(3);
    const visit = events.getByRole('row', { name: new RegExp(`^${VISIT.slice(0, 20)}`) });
    await expect(visit).toContainText('8 November 2024');
    await visit.click();
    const details = page.getByRole('complementary', { name: 'Event details' });
    await details.getByRole('textbox', { name: 'Day' }).first().fill('7');
    await expect(visit).toContainText('7 November 2024');
    await expect(details).toContainText('Supports (1)');
    await expect(details).toContainText(STATEMENT);
    await guideShot('11-event');
  });

  await test.step('The timeline', async () => {
    await openView(page, 'Timeline');
    await expect(page.getByText('3 events, 1 with the year unknown')).toBeVisible();
    const timeline = page.getByRole('group', { name: 'Timeline', exact: true });
    await expect(timeline.getByRole('button', { name: new RegExp(`^${FACTORY_EVENT}`) })).toHaveAttribute(
      'aria-label',
      `${FACTORY_EVENT}, July 2006, 1 claim`,
    );
    await expect(timeline.getByRole('button', { name: new RegExp(`^${TALKS}`) })).toHaveAttribute(
      'aria-label',
      `${TALKS}, 16 December (year unknown), 0 claims`,
    );
    // The event opened in the Events view shows beside the timeline; closed, the axis takes the width.
    await page
      .getByRole('complementary', { name: 'Event details' })
      .getByRole('button', { name: 'Close' })
      .click();
    await guideShot('12-timeline');
  });

  await test.step('Searching the whole project', async () => {
    await page.keyboard.press('ControlOrMeta+k');
    const search = page.getByRole('dialog', { name: 'Search' });
    await search.getByRole('searchbox', { name: 'Search the project' }).fill('chernyshenko');
    const results = search.getByRole('listbox', { name: 'Search results' });
    // Everything that names him, by kind: the article, the event, the person.
    await expect(results.getByRole('option', { name: THANH_NIEN })).toBeVisible();
    await expect(results.getByRole('option', { name: new RegExp(`^${VISIT}`) })).toBeVisible();
    await expect(results.getByRole('option', { name: /^Dmitry Chernyshenko/ })).toBeVisible();
    await guideShot('13-search');
    // Enter opens the first: the article, with the words found marked.
    await page.keyboard.press('Enter');
    await expect(search).toBeHidden();
    await expect(page.getByRole('heading', { level: 1 })).toContainText(THANH_NIEN);
  });

  await test.step('The claims view', async () => {
    await openView(page, 'Claims');
    const row = claimRow(page, STATEMENT);
    await expect(row).toContainText('Dmitry Chernyshenko');
    await expect(row).toContainText('Supported');
    await expect(row).toContainText('8 November 2024');
    await expect(claimRow(page, CONTRACTOR)).toContainText('16 December');
    await row.click();
    const details = page.getByRole('complementary', { name: 'Claim details' });
    await expect(
      details.getByRole('listitem').filter({ hasText: 'Russia signs multiple agreements' }),
    ).toContainText(PLEDGE);
    // When each claim was last changed is the clock's: masked.
    const updated = [page.getByRole('grid', { name: 'Claims' }).locator('time')];
    await shot(join(DOCS, 'screenshot-claims.png'), updated);
    await guideShot('14-claims', updated);
  });

  await test.step('Citations and the evidence report', async () => {
    await page.getByRole('button', { name: 'Export…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Export' });
    const preview = dialog.getByRole('region', { name: 'Preview' });
    await expect(preview.getByRole('status')).toHaveText('5 references', CITING);
    await expect(preview).toContainText('(2024, November 8). Báo Thanh niên.');
    await guideShot('15-export-bibliography');

    await dialog.getByRole('button', { name: /Format/ }).click();
    await page.getByRole('option', { name: 'BibTeX (.bib)' }).click();
    await expect(preview).toContainText('@article{', CITING);
    const bibtex = await download(page, () => dialog.getByRole('button', { name: 'Save…' }).click());
    // Every article: a news article where it names its outlet. Dates at their precision; TASS's “December
    // 16”, without a year, is left out rather than guessed.
    const entries = bibtex.split(/\n(?=@)/).filter((entry) => entry.startsWith('@'));
    expect(entries.map((entry) => entry.slice(0, entry.indexOf('{'))).sort()).toEqual([
      '@article',
      '@article',
      '@article',
      '@article',
      '@misc',
    ]);
    const entryOf = (outlet: string) => entries.find((entry) => entry.includes(`journal = {${outlet}}`));
    expect(entryOf('Báo Thanh niên')).toMatch(/year = \{2024\},\n\s+month = nov/);
    expect(entryOf('TASS')).not.toContain('year =');

    await page.getByRole('button', { name: 'Export…' }).click();
    await dialog.getByRole('button', { name: /Format/ }).click();
    await page.getByRole('option', { name: 'Evidence report (Markdown)' }).click();
    await expect(preview).toContainText(VISIT, CITING);
    // The report's first lines carry today's date: the picture starts at its chronology instead.
    await preview.evaluate((section) => {
      const text = section.querySelector('pre')!.firstChild!;
      const range = document.createRange();
      range.setStart(text, text.textContent!.indexOf('## Chronology'));
      section.scrollTop += range.getBoundingClientRect().top - section.getBoundingClientRect().top - 8;
    });
    await guideShot('16-evidence-report');
    const report = await download(page, () => dialog.getByRole('button', { name: 'Save…' }).click());
    expect(report).toContain(VISIT);
    expect(report).toContain(STATEMENT);
    // Events in order: 2006 before 2024.
    expect(report.indexOf(FACTORY_EVENT)).toBeLessThan(report.indexOf(VISIT));
  });

  const shared = join(dossier.dataDir, 'Venezuela and Russia.dossier');
  const back = join(dossier.dataDir, 'From Sam.dossier');
  await test.step('Working with a team: export, merge, conflicts', async () => {
    await projectMenu(page, 'Export project…');
    const exporting = page.getByRole('dialog', { name: 'Export project' });
    await expect(exporting.getByRole('radio', { name: /Dossier project/ })).toBeChecked();
    await guideShot('17-export-project');
    await download(page, () => exporting.getByRole('button', { name: 'Export' }).click(), shared);
    await expect(exporting).toBeHidden();

    // You go on working: a note on the claim.
    await openView(page, 'Claims');
    await claimRow(page, STATEMENT).click();
    const details = page.getByRole('complementary', { name: 'Claim details' });
    await details.getByRole('textbox', { name: 'Claim note' }).fill('Ask AFP for the broadcast.');
    await details.getByRole('textbox', { name: 'Claim note' }).blur();
    await expectClaimSaved(details);

    // The teammate opens your file as a project of their own…
    const chooser = page.waitForEvent('filechooser', { timeout: 30_000 });
    await projectMenu(page, 'New project from a file…');
    await (await chooser).setFiles(shared);
    const open = page.getByRole('dialog', { name: 'Open “Venezuela and Russia.dossier” as a new project' });
    await open
      .getByRole('textbox', { name: 'New project file path' })
      .fill(join(dossier.dataDir, 'Sam.sqlite'));
    await open.getByRole('button', { name: 'Open as new project' }).click();
    await expect(open).toBeHidden();
    await expect(page.getByRole('status').filter({ hasText: 'as a new project: 5 documents' })).toBeVisible();
    // …disputes the claim (after your note: the later change), and sends a file back.
    await openView(page, 'Claims');
    await claimRow(page, STATEMENT).click();
    await details.getByRole('radio', { name: 'Disputed' }).check();
    await details.getByRole('textbox', { name: 'Rationale' }).fill(SAM_RATIONALE);
    await details.getByRole('textbox', { name: 'Rationale' }).blur();
    await expect(claimRow(page, STATEMENT)).toContainText('Disputed');
    await expectClaimSaved(details);
    await projectMenu(page, 'Export project…');
    await download(page, () => exporting.getByRole('button', { name: 'Export' }).click(), back);

    // Back in your project (Sam's copy has its name too: recent projects are told apart by their files).
    await projectMenu(page, new RegExp(`${PROJECT}\\.sqlite$`));
    await expect(page.getByRole('button', { name: `Project: ${PROJECT}` })).toBeVisible();
    await openView(page, 'Claims');
    await expect(claimRow(page, STATEMENT)).toContainText('Supported');

    const merging = page.waitForEvent('filechooser', { timeout: 30_000 });
    await projectMenu(page, 'Merge a project file…');
    await (await merging).setFiles(back);
    const preview = page.getByRole('dialog', { name: 'Merge “From Sam.dossier”' });
    await expect(preview.getByRole('status')).toContainText('1 conflict');
    // When the file was exported is the clock's: masked.
    await guideShot('18-merge-preview', [preview.locator('.exchange-from')]);
    await preview.getByRole('button', { name: 'Merge', exact: true }).click();
    const merged = page.getByRole('dialog', { name: 'Merged “From Sam.dossier”' });
    await merged.getByRole('button', { name: 'Review conflicts' }).click();
    const conflicts = page.getByRole('main', { name: 'Conflicts' });
    const conflict = conflicts.getByRole('listitem');
    await expect(conflict).toHaveCount(1);
    // Sam's verdict, the later change, was kept; your version is beside it.
    await expect(conflict.getByRole('row', { name: /^Status/ }).getByRole('cell')).toHaveText([
      /supported/i,
      /disputed/i,
    ]);
    // When the merge happened is the clock's: masked.
    await guideShot('19-conflicts', [conflict.locator('.conflict-meta')]);
    await conflict.getByRole('button', { name: 'Keep this version' }).click();
    await expect(conflicts).toContainText('No conflicts');
    await openView(page, 'Claims');
    await expect(claimRow(page, STATEMENT)).toContainText('Disputed');
  });

  await test.step('Backups', async () => {
    await projectMenu(page, 'Restore from backup…');
    const dialog = page.getByRole('dialog', { name: 'Restore from backup' });
    await dialog.getByRole('button', { name: 'Back up now' }).click();
    const made = dialog
      .getByRole('listbox', { name: 'Backups' })
      .getByRole('option')
      .filter({ hasText: 'Made by hand' });
    await expect(made).toHaveCount(1);
    await guideShot('20-backups', [
      dialog.locator('.dialog-explanation'),
      dialog.locator('.backups-time, .backups-size'),
    ]);
    await dialog.getByRole('button', { name: 'Close' }).click();
    await expect(dialog).toBeHidden();
  });

  await test.step('Keyboard shortcuts', async () => {
    await page.keyboard.press('?');
    const sheet = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await expect(sheet.getByRole('region', { name: 'Anywhere' })).toContainText('Search the project');
    await expect(sheet.getByRole('region', { name: 'Reader' })).toContainText(
      'Make a claim of the selection',
    );
    await guideShot('21-shortcuts');
    await page.keyboard.press('Escape');
    await expect(sheet).toBeHidden();
  });
});
