// Takes the README screenshots: a project with the corpus imported, a few highlights and a claim in the reader
// (out.png), and the claims view beside it (out-claims.png), in Chromium.
// Run: npm run build && tsx scripts/screenshot.ts [out.png]
import { chromium } from '@playwright/test';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const out = process.argv[2] ?? 'docs/screenshot.png';
const dir = mkdtempSync(join(tmpdir(), 'dossier-shot-'));
const corpus = join(process.cwd(), 'tests', 'fixtures', 'corpus');
const files = readdirSync(corpus)
  .filter((f) => f.endsWith('.txt'))
  .map((f) => join(corpus, f));

const server = spawn(
  process.execPath,
  ['dist/electron/cli.js', 'serve', '--project', join(dir, 'p.sqlite'), '--no-open'],
  {
    env: { ...process.env, DOSSIER_HOME: dir },
  },
);
const url = await new Promise<string>((resolve) => {
  server.stdout.on('data', (chunk: Buffer) => {
    const match = /Open (\S+)/.exec(chunk.toString());
    if (match) resolve(match[1]!);
  });
});
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu'],
});
const page = await browser.newPage({
  viewport: { width: 1360, height: 820 },
  colorScheme: (process.env.SCHEME as 'light' | 'dark') ?? 'light',
});
await page.goto(url);
const chooser = page.waitForEvent('filechooser');
await page.getByRole('button', { name: 'Import files…' }).first().click();
await (await chooser).setFiles(files);
await page.getByRole('option', { name: /Russia signs multiple agreements/ }).click();
for (const [passage, colour] of [
  ['the most sophisticated weapons and military equipment', 'green'],
  ['17 agreements would be "signed and consolidate the path of cooperation and integration"', 'yellow'],
  ['production has fallen to around one million barrels', 'blue'],
] as const) {
  await page.getByTestId('reader-text').evaluate((root, text) => {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = (node.textContent ?? '').indexOf(text);
      if (at < 0) continue;
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + text.length);
      getSelection()!.removeAllRanges();
      getSelection()!.addRange(range);
      root.dispatchEvent(new MouseEvent('mouseup', { bubbles: true }));
      return;
    }
  }, passage);
  await page.getByRole('button', { name: `Highlight ${colour}` }).click();
}
await page
  .getByRole('listbox', { name: 'Highlights' })
  .getByRole('option', { name: /most sophisticated/ })
  .click();
await page
  .getByRole('textbox', { name: 'Note' })
  .fill('Chernyshenko pledge, reported by AFP citing Venezuelan state TV.');
await page.getByText('Saved', { exact: true }).first().waitFor();
// The pledge as a claim by its claimant, with a verdict: c on the chosen highlight in the list.
await page
  .getByRole('listbox', { name: 'Highlights' })
  .getByRole('option', { name: /most sophisticated/ })
  .focus();
await page.keyboard.press('c');
const claimant = page.getByRole('combobox', { name: 'Claimant' });
await claimant.fill('Dmitry Chernyshenko');
await page.getByRole('option', { name: 'Create person “Dmitry Chernyshenko”' }).click();
const statement = page.getByRole('textbox', { name: 'Statement' });
await statement.fill(
  "Russia is ready to supply Venezuela's armed forces with its most sophisticated weapons",
);
await statement.blur();
await page.getByRole('radio', { name: 'Supported' }).check();
await page.getByRole('button', { name: 'Dismiss' }).first().click();
await page
  .locator('.annotations')
  .evaluate((pane) => pane.querySelector('.highlight-editor')?.scrollTo(0, 0));
await page.locator('.reader-scroll').evaluate((el) => el.scrollTo(0, 0));
await page.screenshot({ path: out });
await page.getByRole('tab', { name: /^Claims/ }).click();
await page.getByRole('grid', { name: 'Claims' }).getByRole('row').nth(1).click();
await page.screenshot({ path: out.replace(/\.png$/, '-claims.png') });
await browser.close();
server.kill();
console.log(`wrote ${out}`);
