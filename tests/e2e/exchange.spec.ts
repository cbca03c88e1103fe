// Issue 8's interface in one browser with two projects: A (the test's project) and B (made by path). Both
// import the same corpus and make a claim each; A exports itself (a download), B merges the file (chosen in
// the file chooser): the articles are matched, not doubled, and A's claim arrives. Then the same claim is
// edited on both sides; the next merge reports a conflict, and the Conflicts view takes the other version.
// Also: a file that is not a project file is refused with a readable message, and cancelling works.
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { test, expect, type DossierPage } from './fixtures';

const CORPUS = join(process.cwd(), 'tests', 'fixtures', 'corpus');
const corpusFiles = readdirSync(CORPUS)
  .filter((f) => f.endsWith('.txt'))
  .map((f) => join(CORPUS, f));

const TASS = /Trust between Venezuela, Russia/;
const TRADE = 'Their trade reached a record $ 2.4 billion last year.';
const GENDARME = 'The U.S. has taken on the role of a global gendarme';

async function projectMenu(page: Page, item: string | RegExp): Promise<void> {
  await page.getByRole('button', { name: /^Project: / }).click();
  await page.getByRole('menuitem', { name: item }).click();
}

async function openView(page: Page, name: string): Promise<void> {
  await page.getByRole('tab', { name: new RegExp(`^${name}`) }).click();
}

/** Makes a claim of a passage of the TASS article and names it `statement`. */
async function makeClaim(app: DossierPage, passage: string, statement: string): Promise<void> {
  await app.openDocument(TASS);
  await app.claimPassage(passage);
  const claim = app.page.getByRole('region', { name: 'Claim', exact: true });
  await claim.getByRole('textbox', { name: 'Statement' }).fill(statement);
  await claim.getByRole('textbox', { name: 'Statement' }).blur();
  await expect(claim.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();
}

/** Edits a claim's statement in the Claims view. */
async function editClaim(page: Page, from: string, to: string): Promise<void> {
  await openView(page, 'Claims');
  await page
    .getByRole('grid', { name: 'Claims' })
    .getByRole('row', { name: new RegExp(`^${from}`) })
    .click();
  const details = page.getByRole('complementary', { name: 'Claim details' });
  const statement = details.getByRole('textbox', { name: 'Statement' });
  await statement.fill(to);
  await statement.blur();
  await expect(details.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();
}

/** Exports the whole project as a .dossier download; resolves to where the test saved it. */
async function exportProject(page: Page, saveAs: string): Promise<void> {
  await projectMenu(page, 'Export project…');
  const dialog = page.getByRole('dialog', { name: 'Export project' });
  await expect(dialog.getByRole('radio', { name: /Dossier project/ })).toBeChecked();
  await expect(dialog.getByRole('checkbox', { name: 'Include the imported files' })).toBeChecked();
  const downloading = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Export' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/\.dossier$/);
  await download.saveAs(saveAs);
  await expect(dialog).toBeHidden();
  // The newest toast (an earlier export's may still be showing).
  await expect(
    page
      .getByRole('status')
      .filter({ hasText: /^Exported “.*\.dossier”/ })
      .last(),
  ).toContainText('5 documents');
}

async function expectFocusInside(dialog: Locator): Promise<void> {
  await expect.poll(() => dialog.evaluate((element) => element.contains(document.activeElement))).toBe(true);
}

/** Chooses a file to merge in the file chooser; resolves to the dialog that opens. */
async function chooseFileToMerge(page: Page, path: string) {
  const chooser = page.waitForEvent('filechooser');
  await projectMenu(page, 'Merge a project file…');
  await (await chooser).setFiles(path);
  return page.getByRole('dialog', { name: /Merge “|Could not merge/ });
}

test('two teammates: export, merge with matched articles, then a conflict settled in the Conflicts view', async ({
  app,
  dossier,
  page,
}) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1440, height: 900 });
  const fileA = join(dossier.dataDir, 'from-a.dossier');
  const fileA2 = join(dossier.dataDir, 'from-a-again.dossier');

  // A: the corpus and a claim; exported as a download.
  await app.open();
  await app.importThroughChooser(corpusFiles);
  await expect(app.documents()).toHaveCount(5);
  await makeClaim(app, TRADE, "A's claim");
  await exportProject(page, fileA);

  // B: a new project with the same corpus and another claim.
  await projectMenu(page, 'New project…');
  const create = page.getByRole('dialog', { name: 'New project' });
  await create.getByRole('textbox', { name: 'Project file path' }).fill(join(dossier.dataDir, 'b.sqlite'));
  await create.getByRole('button', { name: 'Create' }).click();
  await expect(page.getByRole('button', { name: /^Project: b/ })).toBeVisible();
  await app.importThroughChooser(corpusFiles);
  await expect(app.documents()).toHaveCount(5);
  await makeClaim(app, GENDARME, "B's claim");

  // B merges A's file: the five articles are the same, one claim is new.
  const preview = await chooseFileToMerge(page, fileA);
  await expect(preview).toHaveAccessibleName('Merge “from-a.dossier”');
  await expect(preview).toContainText('From “project”, exported');
  const matches = preview.getByRole('region', { name: /^Same article imported on both sides/ });
  await expect(matches.getByRole('heading')).toHaveText('Same article imported on both sides (5)');
  await expect(matches.getByRole('listitem')).toHaveCount(5);
  // The untitled article goes by its file name, as in the library.
  await expect(matches.getByRole('listitem').filter({ hasText: 'albaciudad-borisov-nl.txt' })).toHaveCount(1);
  await expectFocusInside(preview);
  const counts = preview.getByRole('table', { name: 'What merging would change' });
  await expect(counts.getByRole('columnheader')).toHaveText([
    'Kind',
    'New',
    'Updated',
    'Deleted',
    'Conflicts',
  ]);
  const claimsRow = counts.getByRole('row', { name: /^Claims/ });
  await expect(claimsRow.getByRole('cell')).toHaveText(['1', '0', '0', '0']);
  await expect(preview.getByRole('region', { name: /conflict/ })).toHaveCount(0);
  await preview.getByRole('button', { name: 'Merge', exact: true }).click();

  const report = page.getByRole('dialog', { name: 'Merged “from-a.dossier”' });
  await expect(report.getByRole('status')).toContainText('from “project”');
  await expect(report.getByRole('table', { name: 'What the merge changed' })).toBeVisible();
  await expect(report.getByRole('button', { name: 'Review conflicts' })).toHaveCount(0);
  await report.getByRole('button', { name: 'Done' }).click();
  await expect(report).toBeHidden();

  // Both claims, and five documents, not ten.
  await expect(app.documents()).toHaveCount(5);
  await openView(page, 'Claims');
  const claims = page.getByRole('grid', { name: 'Claims' });
  await expect(claims.getByRole('row', { name: /^A's claim/ })).toBeVisible();
  await expect(claims.getByRole('row', { name: /^B's claim/ })).toBeVisible();
  // No conflicts: no Conflicts tab.
  await expect(page.getByRole('tab', { name: /^Conflicts/ })).toHaveCount(0);

  // The same claim edited on both sides: first in B…
  await editClaim(page, "A's claim", "A's claim, as B sees it");
  // …then in A, which exports again.
  await projectMenu(page, /^project/);
  await expect(page.getByRole('button', { name: /^Project: project/ })).toBeVisible();
  await editClaim(page, "A's claim", "A's claim, as A sees it");
  await exportProject(page, fileA2);

  // B merges it: one conflict, resolved by the later change (A's), which B can overrule.
  await projectMenu(page, /^b/);
  await expect(page.getByRole('button', { name: /^Project: b/ })).toBeVisible();
  const second = await chooseFileToMerge(page, fileA2);
  await expect(second).toHaveAccessibleName('Merge “from-a-again.dossier”');
  await expect(second.getByRole('status')).toContainText('1 conflict');
  const conflictList = second.getByRole('region', { name: '1 conflict' });
  await expect(conflictList.getByRole('listitem')).toHaveText(
    /A's claim, as A sees it.*changed on both sides \(statement\)\. Keeping the file’s version: the later change\./,
  );
  await second.getByRole('button', { name: 'Merge', exact: true }).click();
  const secondReport = page.getByRole('dialog', { name: 'Merged “from-a-again.dossier”' });
  await secondReport.getByRole('button', { name: 'Review conflicts' }).click();
  await expect(secondReport).toBeHidden();

  const view = page.getByRole('main', { name: 'Conflicts' });
  await expect(page.getByRole('tab', { name: 'Conflicts (1)' })).toHaveAttribute('aria-selected', 'true');
  const item = view.getByRole('listitem');
  await expect(item).toHaveCount(1);
  await expect(item.getByRole('heading')).toHaveText("Claim “A's claim, as A sees it”");
  await expect(item).toContainText('Changed on both sides: statement. From “from-a-again.dossier”');
  const table = item.getByRole('table');
  await expect(table.getByRole('columnheader')).toHaveText([
    'Field',
    'This project’s version',
    /^The teammate’s version \(from “project”\).*Kept$/,
  ]);
  const statementRow = table.getByRole('row', { name: /^Statement/ });
  await expect(statementRow.getByRole('cell')).toHaveText([
    "A's claim, as B sees it",
    "A's claim, as A sees it",
  ]);
  await item.getByRole('button', { name: 'Use the other version' }).click();
  await expect(view.getByRole('listitem')).toHaveCount(0);
  await expect(view).toContainText('No conflicts');

  await openView(page, 'Claims');
  await expect(claims.getByRole('row', { name: /^A's claim, as B sees it/ })).toBeVisible();
  await expect(claims.getByRole('row', { name: /^A's claim, as A sees it/ })).toHaveCount(0);
  // The view's tab goes once the view is left with nothing in it.
  await expect(page.getByRole('tab', { name: /^Conflicts/ })).toHaveCount(0);

  // A takes in everything B has, then both edit the claim again, A later. Merging B's next file changes
  // nothing in A (A's change is the later one), but B's wording must not vanish: the preview lists the
  // conflict, Merge records it, and the Conflicts view offers B's version.
  const fileB = join(dossier.dataDir, 'from-b.dossier');
  const fileB2 = join(dossier.dataDir, 'from-b-again.dossier');
  await exportProject(page, fileB);
  await projectMenu(page, /^project/);
  await expect(page.getByRole('button', { name: /^Project: project/ })).toBeVisible();
  const catchUp = await chooseFileToMerge(page, fileB);
  await catchUp.getByRole('button', { name: 'Merge', exact: true }).click();
  await page
    .getByRole('dialog', { name: 'Merged “from-b.dossier”' })
    .getByRole('button', { name: 'Done' })
    .click();
  await projectMenu(page, /^b/);
  await expect(page.getByRole('button', { name: /^Project: b/ })).toBeVisible();
  await editClaim(page, "A's claim, as B sees it", "B's last word");
  await exportProject(page, fileB2);
  await projectMenu(page, /^project/);
  await expect(page.getByRole('button', { name: /^Project: project/ })).toBeVisible();
  await editClaim(page, "A's claim, as B sees it", "A's last word");
  const third = await chooseFileToMerge(page, fileB2);
  await expect(third.getByRole('status')).toContainText('1 conflict');
  await expect(third.getByRole('status')).toContainText('yours is the later and is kept');
  await third.getByRole('button', { name: 'Merge', exact: true }).click();
  const thirdReport = page.getByRole('dialog', { name: 'Merged “from-b-again.dossier”' });
  await expect(thirdReport.getByRole('status')).toContainText('1 conflict kept your later version');
  await thirdReport.getByRole('button', { name: 'Review conflicts' }).click();
  const kept = page.getByRole('main', { name: 'Conflicts' }).getByRole('listitem');
  await expect(kept).toHaveCount(1);
  await expect(
    kept
      .getByRole('table')
      .getByRole('row', { name: /^Statement/ })
      .getByRole('cell'),
  ).toHaveText(["A's last word", "B's last word"]);
  await kept.getByRole('button', { name: 'Use the other version' }).click();
  await openView(page, 'Claims');
  await expect(claims.getByRole('row', { name: /^B's last word/ })).toBeVisible();
});

test('a file that is not a project file is refused with a readable message; nothing changes', async ({
  app,
  dossier,
  page,
}) => {
  await app.open();
  await app.importThroughChooser([join(CORPUS, 'tass-rogozin-trust.txt')]);
  await expect(app.documents()).toHaveCount(1);
  const hostile = join(dossier.dataDir, 'notes.dossier');
  writeFileSync(hostile, 'Just some notes, renamed to look like a project file.\n');

  const dialog = await chooseFileToMerge(page, hostile);
  await expect(dialog).toHaveAccessibleName('Could not merge “notes.dossier”');
  const alert = dialog.getByRole('alert');
  await expect(alert).not.toBeEmpty();
  // A sentence for a person, not a stack trace or an internal code.
  await expect(alert).not.toContainText(/Error:|at .*\.js|internal|undefined/);
  await expect(dialog).toContainText('Nothing was changed in this project.');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  await expect(app.documents()).toHaveCount(1);
  await openView(page, 'Claims');
  await expect(page.getByRole('heading', { name: 'No claims yet' })).toBeVisible();
  await expect(page.getByRole('tab', { name: /^Conflicts/ })).toHaveCount(0);
});

test('cancelling an export while it runs, opening a file as a new project, cancelling a preview', async ({
  app,
  dossier,
  page,
}) => {
  await app.open();
  await app.importThroughChooser([join(CORPUS, 'tass-rogozin-trust.txt')]);
  await expect(app.documents()).toHaveCount(1);

  // Exporting one article takes milliseconds: the request is held on its way so that Cancel comes while the
  // export runs, as it would for a large project.
  let release: () => void = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/api/exchange.export', async (route) => {
    await held;
    await route.continue();
  });
  let downloads = 0;
  page.on('download', () => downloads++);
  // By keyboard: the menu, the item by typing its name, focus in the dialog, Escape closes it.
  await page.getByRole('button', { name: /^Project: / }).press('Enter');
  await expect(page.getByRole('menu')).toBeVisible();
  await page.keyboard.type('Export');
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Export project' });
  await expectFocusInside(dialog);
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  await projectMenu(page, 'Export project…');
  await dialog.getByRole('radio', { name: /REFI-QDA/ }).check();
  await expect(dialog.getByRole('checkbox', { name: 'Include the imported files' })).toHaveCount(0);
  await dialog.getByRole('button', { name: 'Export' }).click();
  const running = page.getByRole('dialog', { name: 'Exporting the project' });
  await expect(running.getByRole('progressbar', { name: /^Exporting/ })).toBeVisible();
  await expect(running.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await running.getByRole('button', { name: 'Cancel' }).click();
  release();
  await expect(dialog.getByRole('status')).toHaveText('Export cancelled; nothing was written.');
  await expect(dialog.getByRole('alert')).toHaveCount(0);
  expect(downloads).toBe(0);
  await page.unroute('**/api/exchange.export');

  // The dialog keeps its choices; a .dossier export for real.
  await expect(dialog.getByRole('radio', { name: /REFI-QDA/ })).toBeChecked();
  await dialog.getByRole('radio', { name: /Dossier project/ }).check();
  const downloading = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Export' }).click();
  const file = join(dossier.dataDir, 'shared.dossier');
  await (await downloading).saveAs(file);
  await expect(dialog).toBeHidden();

  // The file opened as a new project, at a path typed in the browser: Dossier switches to it.
  const chooser = page.waitForEvent('filechooser');
  await projectMenu(page, 'New project from a file…');
  await (await chooser).setFiles(file);
  const open = page.getByRole('dialog', { name: 'Open “shared.dossier” as a new project' });
  const path = open.getByRole('textbox', { name: 'New project file path' });
  await expect(path).toBeFocused();
  await expect(path).toHaveValue(join(dossier.dataDir, 'shared.sqlite'));
  await path.fill(join(dossier.dataDir, 'copy.sqlite'));
  await open.getByRole('button', { name: 'Open as new project' }).click();
  await expect(open).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: 'as a new project: 1 document' })).toBeVisible();
  await expect(app.documents()).toHaveCount(1);
  await page.getByRole('button', { name: /^Project: / }).click();
  await expect(page.getByRole('menuitem', { name: /project\.sqlite$/ })).toBeVisible();
  await page.keyboard.press('Escape');

  // An empty project previews the file, and Cancel leaves it empty.
  await projectMenu(page, 'New project…');
  const create = page.getByRole('dialog', { name: 'New project' });
  await create
    .getByRole('textbox', { name: 'Project file path' })
    .fill(join(dossier.dataDir, 'empty.sqlite'));
  await create.getByRole('button', { name: 'Create' }).click();
  await expect(page.getByRole('heading', { name: 'Your project is empty' })).toBeVisible();
  const preview = await chooseFileToMerge(page, file);
  await expect(preview).toHaveAccessibleName('Merge “shared.dossier”');
  const counts = preview.getByRole('table', { name: 'What merging would change' });
  await expect(
    counts
      .getByRole('row', { name: /^Documents/ })
      .getByRole('cell')
      .first(),
  ).toHaveText('1');
  await preview.getByRole('button', { name: 'Cancel' }).click();
  await expect(preview).toBeHidden();
  await expect(page.getByRole('heading', { name: 'Your project is empty' })).toBeVisible();
});
