// The guide's page of keyboard shortcuts (docs/guide.md) must list exactly what renderer/shortcuts.ts lists,
// the module the app's handlers and its `?` sheet use, so the guide cannot promise a key the app lacks or miss
// one it has. The tables are compared by content, not by spacing (the formatter aligns them).
// `UPDATE_GUIDE=1 npx vitest run tests/unit/docs/guide-shortcuts.test.ts` rewrites the section from the module.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { format, resolveConfig } from 'prettier';
import { describe, expect, it } from 'vitest';
import { SHORTCUT_GROUPS, SHORTCUTS, keyLabels, type Shortcut } from '../../../renderer/shortcuts';

const GUIDE = join(process.cwd(), 'docs', 'guide.md');
const START =
  '<!-- The tables below are made from renderer/shortcuts.ts by tests/unit/docs/guide-shortcuts.test.ts: edit that module, not them. -->';
const END = '<!-- End of the generated shortcut tables. -->';

/** One combination as keys to press, Windows and Linux labels (the guide says what ⌘ replaces on a Mac). */
function comboText(shortcut: Shortcut, combo: string): string {
  const keys = keyLabels(combo, false)
    .map((label) => `<kbd>${label.replace(/\|/g, '\\|')}</kbd>`)
    .join('+');
  return shortcut.notOnMac?.includes(combo) ? `${keys} (not on a Mac)` : keys;
}

function generatedSection(): string {
  const parts: string[] = [];
  for (const group of SHORTCUT_GROUPS) {
    const rows = SHORTCUTS.filter((s) => s.group === group).map(
      (s) => `| ${s.keys.map((combo) => comboText(s, combo)).join(' or ')} | ${s.description} |`,
    );
    if (rows.length === 0) continue;
    parts.push(`### ${group}`, '', '| Keys | What they do |', '| --- | --- |', ...rows, '');
  }
  return parts.join('\n');
}

/** Headings and table rows with their cells trimmed: what the section says, whatever its spacing. */
function content(markdown: string): string[] {
  return markdown
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !/^\|[\s|:-]+\|$/.test(line))
    .map((line) =>
      line.startsWith('|')
        ? line
            .slice(1, -1)
            .split(/(?<!\\)\|/)
            .map((cell) => cell.trim())
            .join(' | ')
        : line,
    );
}

function sectionOf(guide: string): { before: string; section: string; after: string } | null {
  const start = guide.indexOf(START);
  const end = guide.indexOf(END);
  if (start < 0 || end < start) return null;
  return {
    before: guide.slice(0, start + START.length),
    section: guide.slice(start + START.length, end),
    after: guide.slice(end),
  };
}

describe('docs/guide.md keyboard shortcuts', () => {
  it('lists every shortcut of renderer/shortcuts.ts, by group, and nothing else', async () => {
    const guide = readFileSync(GUIDE, 'utf8');
    const parts = sectionOf(guide);
    expect(parts, `docs/guide.md has no section between "${START}" and "${END}"`).not.toBeNull();
    if (process.env.UPDATE_GUIDE) {
      const rewritten = `${parts!.before}\n\n${generatedSection()}\n${parts!.after}`;
      const options = await resolveConfig(GUIDE);
      writeFileSync(GUIDE, await format(rewritten, { ...options, filepath: GUIDE }));
      return;
    }
    expect(
      content(parts!.section),
      'docs/guide.md lists other shortcuts than renderer/shortcuts.ts: run UPDATE_GUIDE=1 npx vitest run tests/unit/docs/guide-shortcuts.test.ts',
    ).toEqual(content(generatedSection()));
  });
});
