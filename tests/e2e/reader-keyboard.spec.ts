// Highlighting without a mouse (issue 10): Tab to the document's text, select with Shift and the arrows,
// highlight with h, walk the highlights with ← →, and open the chosen one with Enter to write its note.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';

const TITLE = 'Keyboard field notes';
const TEXT = `${TITLE}

The minister signed the treaty in Caracas after two days of talks.

Officials said the oil agreement would be reviewed by parliament next spring.
`;
const mod = process.platform === 'darwin' ? 'Meta' : 'Control';

let folder: string;
test.beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), 'dossier-e2e-keys-'));
});
test.afterEach(() => rmSync(folder, { recursive: true, force: true }));

/** Presses Tab until the document's text has the focus, as a keyboard user would; fails if it never does. */
async function tabToText(page: Page): Promise<void> {
  const text = page.getByRole('article', { name: TITLE });
  for (let presses = 0; presses < 60; presses++) {
    if (await text.evaluate((element) => element === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  await expect(text).toBeFocused();
}

/** The selected text, if the selection lies in the reader's text. */
function selectedText(page: Page): Promise<string> {
  return page.getByTestId('reader-text').evaluate((root) => {
    const selection = window.getSelection();
    if (!selection || selection.rangeCount === 0) return '';
    const range = selection.getRangeAt(0);
    return root.contains(range.commonAncestorContainer) ? selection.toString().trim() : '';
  });
}

test('a passage is selected, highlighted and annotated with the keyboard alone', async ({ app, page }) => {
  const file = join(folder, 'keyboard-notes.txt');
  writeFileSync(file, TEXT);
  await app.open();
  await app.importThroughChooser([file]);
  await app.openDocument(TITLE);

  // Into the text, then into its second paragraph, and three words selected there.
  await tabToText(page);
  await page.keyboard.press(`${mod}+ArrowDown`);
  for (let i = 0; i < 3; i++) await page.keyboard.press('Shift+ArrowRight');
  const first = await selectedText(page);
  expect(first.split(/\s+/)).toHaveLength(3);
  expect(TEXT).toContain(first);

  await page.keyboard.press('h');
  await expect(app.highlights()).toHaveCount(1);
  await expect(app.highlights().first()).toContainText(first);
  expect(await app.paintedText('dossier-yellow')).toEqual([first]);
  // The selection is gone with the key: pressing h again makes nothing more.
  await page.keyboard.press('h');
  await expect(app.highlights()).toHaveCount(1);

  // A second passage, a paragraph further on, selected by line.
  await expect(page.getByRole('article', { name: TITLE })).toBeFocused();
  await page.keyboard.press(`${mod}+ArrowDown`);
  await page.keyboard.press(`${mod}+ArrowDown`);
  await page.keyboard.press('Shift+ArrowDown');
  const second = await selectedText(page);
  expect(second).toContain('Officials said');
  await page.keyboard.press('h');
  await expect(app.highlights()).toHaveCount(2);
  const [firstItem, secondItem] = [
    app.highlights().filter({ hasText: first }),
    app.highlights().filter({ hasText: 'Officials said' }),
  ];
  // The newest is the chosen one; ← and → walk the highlights in reading order.
  await expect(secondItem).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('ArrowLeft');
  await expect(firstItem).toHaveAttribute('aria-selected', 'true');
  await expect(secondItem).toHaveAttribute('aria-selected', 'false');
  await page.keyboard.press('ArrowRight');
  await expect(secondItem).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('ArrowLeft');

  // Enter opens the chosen highlight at its note; the note is saved and shown in the list.
  await page.keyboard.press('Enter');
  const note = page.getByRole('textbox', { name: 'Note' });
  await expect(note).toBeFocused();
  await page.keyboard.type('Signed after talks.');
  await expect(firstItem).toContainText('Signed after talks.');
});
