// The same journey in the desktop app, through the preload bridge and IPC. It needs Electron's binary,
// which npm downloads lazily; where it is missing (offline machines, CI here) the test is skipped with a
// message, and the journey is covered against `dossier serve` in journey.spec.ts.
import { _electron as electron, test, expect } from '@playwright/test';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DossierPage } from './fixtures';
import { electronBinary } from '../../playwright.config';

const CORPUS = join(process.cwd(), 'tests', 'fixtures', 'corpus');
const PASSAGE = 'the most sophisticated weapons and military equipment';

test('desktop app: import, highlight, relaunch, highlight still there', async () => {
  const binary = electronBinary();
  test.skip(
    !binary,
    'Electron binary not downloaded (run `npx install-electron`); journey covered via dossier serve',
  );
  const dataDir = mkdtempSync(join(tmpdir(), 'dossier-electron-'));
  const projectPath = join(dataDir, 'project.sqlite');
  const launch = () =>
    electron.launch({
      executablePath: binary!,
      // --no-sandbox only because CI runs as root, where Chromium refuses its OS sandbox; the renderer's own
      // sandbox (webPreferences.sandbox) is asserted below.
      args: [join(process.cwd(), 'dist', 'electron', 'main.js'), '--project', projectPath, '--no-sandbox'],
      env: { ...process.env, DOSSIER_HOME: dataDir } as Record<string, string>,
    });
  try {
    let electronApp = await launch();
    let page = await electronApp.firstWindow();
    let app = new DossierPage(page, () => page.url());
    await expect(page.locator('.app[data-ready="true"]')).toBeVisible();

    // The window is hardened: isolated, sandboxed, no Node, no new windows, no navigating away.
    const preferences = await electronApp.evaluate(({ BrowserWindow }) => {
      type Preferences = { contextIsolation?: boolean; sandbox?: boolean; nodeIntegration?: boolean } | null;
      const contents = BrowserWindow.getAllWindows()[0]!.webContents as unknown as {
        getLastWebPreferences(): Preferences;
      };
      const p = contents.getLastWebPreferences();
      return {
        contextIsolation: p?.contextIsolation,
        sandbox: p?.sandbox,
        nodeIntegration: p?.nodeIntegration,
      };
    });
    expect(preferences).toEqual({ contextIsolation: true, sandbox: true, nodeIntegration: false });
    expect(await page.evaluate(() => typeof (window as unknown as { require?: unknown }).require)).toBe(
      'undefined',
    );
    expect(await page.evaluate(() => window.open('file:///etc/passwd') === null)).toBe(true);
    await page.evaluate(() => {
      window.location.href = 'file:///etc/passwd';
    });
    await expect(page.locator('.app[data-ready="true"]')).toBeVisible();
    expect(page.url()).toMatch(/^app:\/\/dossier\//);

    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Import files…' }).first().click();
    await (
      await chooser
    ).setFiles(
      readdirSync(CORPUS)
        .filter((f) => f.endsWith('.txt'))
        .map((f) => join(CORPUS, f)),
    );
    await expect(app.documents()).toHaveCount(5);
    await app.openDocument(/Russia signs multiple agreements/);
    await app.selectWithMouse(PASSAGE);
    await page.getByRole('button', { name: 'Highlight green' }).click();
    await page.getByRole('textbox', { name: 'Note' }).fill('pledge');
    await expect(page.getByText('Saved', { exact: true })).toBeVisible();
    await electronApp.close();

    electronApp = await launch();
    page = await electronApp.firstWindow();
    app = new DossierPage(page, () => page.url());
    await expect(page.locator('.app[data-ready="true"]')).toBeVisible();
    await app.openDocument(/Russia signs multiple agreements/);
    await expect(app.highlights()).toHaveCount(1);
    await expect(app.highlights().first()).toContainText(PASSAGE);
    expect(await app.paintedText('dossier-green')).toEqual([PASSAGE]);
    await electronApp.close();
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});
