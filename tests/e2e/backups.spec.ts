// Backups in the window (issue 9): back up now and restore from the project menu (a confirmation first, and
// the restore undoable), a damaged project offered its latest backup when the app starts, and the banner of
// a project opened read-only.
import { closeSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect } from './fixtures';

const CORPUS = join(process.cwd(), 'tests', 'fixtures', 'corpus');

test('back up, change the project, restore the backup, and undo the restore', async ({ app, page }) => {
  await app.open();
  await app.importThroughChooser([join(CORPUS, 'tass-rogozin-trust.txt')]);
  await expect(app.documents()).toHaveCount(1);

  await page.getByRole('button', { name: /^Project: project/ }).click();
  await page.getByRole('menuitem', { name: 'Restore from backup…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Restore from backup' });
  await expect(dialog.getByText('There are no backups of this project yet.')).toBeVisible();
  await dialog.getByRole('button', { name: 'Back up now' }).click();
  const backups = dialog.getByRole('listbox', { name: 'Backups' }).getByRole('option');
  await expect(backups).toHaveCount(1);
  await expect(backups.first()).toContainText('Made by hand');
  await expect(backups.first()).toContainText(/\d+ KB/);
  await dialog.getByRole('button', { name: 'Close' }).click();

  await app.importThroughChooser([join(CORPUS, 'foxnews-rodriguez-lavrov.txt')]);
  await expect(app.documents()).toHaveCount(2);

  await page.getByRole('button', { name: /^Project: project/ }).click();
  await page.getByRole('menuitem', { name: 'Restore from backup…' }).click();
  await page.getByRole('listbox', { name: 'Backups' }).getByRole('option').first().click();
  const confirm = page.getByRole('dialog', { name: /^Restore the backup of / });
  await expect(confirm).toContainText('backed up first, so you can undo this');
  await confirm.getByRole('button', { name: 'Restore' }).click();
  await expect(confirm).toBeHidden();
  await expect(page.getByText(/^Restored project from its backup of /)).toBeVisible();
  await expect(app.documents()).toHaveCount(1);

  // The project as it was before the restore is a backup of its own: restoring it undoes the restore.
  await page.getByRole('button', { name: /^Project: project/ }).click();
  await page.getByRole('menuitem', { name: 'Restore from backup…' }).click();
  const undo = page
    .getByRole('listbox', { name: 'Backups' })
    .getByRole('option')
    .filter({ hasText: 'Before a restore' });
  await undo.click();
  await page
    .getByRole('dialog', { name: /^Restore the backup of / })
    .getByRole('button', { name: 'Restore' })
    .click();
  await expect(app.documents()).toHaveCount(2);
});

test('a damaged project is offered its latest backup when the app starts', async ({ app, page, dossier }) => {
  await app.open();
  await app.importThroughChooser([join(CORPUS, 'tass-rogozin-trust.txt')]);
  await expect(app.documents()).toHaveCount(1);
  await page.getByRole('button', { name: /^Project: project/ }).click();
  await page.getByRole('menuitem', { name: 'Restore from backup…' }).click();
  await page.getByRole('button', { name: 'Back up now' }).click();
  await expect(page.getByRole('listbox', { name: 'Backups' }).getByRole('option')).toHaveCount(1);
  await page.getByRole('button', { name: 'Close' }).click();

  await dossier.stop();
  const fd = openSync(dossier.projectPath, 'r+');
  writeSync(fd, Buffer.alloc(100));
  closeSync(fd);
  await dossier.restart();
  await page.goto(dossier.url);

  const offer = page.getByRole('dialog', { name: '“project” is damaged' });
  await expect(offer).toContainText('its first bytes (the database header) are overwritten');
  await expect(page.getByRole('button', { name: /^Project: My research/ })).toBeVisible();
  await offer.getByRole('button', { name: 'Restore the latest backup' }).click();
  await expect(offer).toBeHidden();
  await expect(page.getByRole('button', { name: /^Project: project/ })).toBeVisible();
  await expect(app.documents()).toHaveCount(1);
});

test('a project opened read-only says so in a banner', async ({ page, dossier }) => {
  await page.goto(await dossier.restart({ readOnly: true }));
  await expect(page.getByRole('status').filter({ hasText: 'This project is read-only.' })).toBeVisible();
  await expect(page.getByText('Read-only', { exact: true })).toBeVisible();
});
