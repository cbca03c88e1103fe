// Projects from the browser: create a new one by path, work in it, and switch back through Recent projects.
import { join } from 'node:path';
import { test, expect } from './fixtures';

const CORPUS = join(process.cwd(), 'tests', 'fixtures', 'corpus');

test('create a project, import into it, and switch back through recent projects', async ({
  app,
  dossier,
  page,
}) => {
  await app.open();
  await app.importThroughChooser([join(CORPUS, 'tass-rogozin-trust.txt')]);
  await expect(app.documents()).toHaveCount(1);

  await page.getByRole('button', { name: /^Project: project/ }).click();
  await page.getByRole('menuitem', { name: 'New project…' }).click();
  const dialog = page.getByRole('dialog', { name: 'New project' });
  await dialog
    .getByRole('textbox', { name: 'Project file path' })
    .fill(join(dossier.dataDir, 'second.sqlite'));
  await dialog.getByRole('button', { name: 'Create' }).click();
  await expect(page.getByRole('button', { name: /^Project: second/ })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Your project is empty' })).toBeVisible();

  await app.importThroughChooser([join(CORPUS, 'foxnews-rodriguez-lavrov.txt')]);
  await expect(app.documents()).toHaveCount(1);
  await expect(app.documents().first()).toContainText('Lavrov');

  await page.getByRole('button', { name: /^Project: second/ }).click();
  await page.getByRole('menuitem', { name: /^project/ }).click();
  await expect(page.getByRole('button', { name: /^Project: project/ })).toBeVisible();
  await expect(app.documents()).toHaveCount(1);
  await expect(app.documents().first()).toContainText('Trust between Venezuela');

  // Creating a project over an existing file is refused with a message; nothing changes.
  await page.getByRole('button', { name: /^Project: project/ }).click();
  await page.getByRole('menuitem', { name: 'New project…' }).click();
  await page.getByRole('textbox', { name: 'Project file path' }).fill(join(dossier.dataDir, 'second.sqlite'));
  await page.getByRole('button', { name: 'Create' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'already exists' })).toBeVisible();
  await expect(page.getByRole('button', { name: /^Project: project/ })).toBeVisible();
});
