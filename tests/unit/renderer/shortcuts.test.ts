// The shortcut list is the one source of the sheet, the handlers and the guide: every shortcut it lists must
// be acted on somewhere (a handler names it, or a React Aria widget provides it), and the matcher must tell
// combinations apart the way a user's keyboard sends them.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  SHORTCUTS,
  SHORTCUT_GROUPS,
  ariaKeyShortcuts,
  keyLabels,
  matchesShortcut,
  shortcutKeys,
} from '../../../renderer/shortcuts';

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

const RENDERER = join(process.cwd(), 'renderer');
const handlerCode = sources(RENDERER)
  .filter((path) => !path.endsWith('shortcuts.ts'))
  .map((path) => readFileSync(path, 'utf8'))
  .join('\n');

const key = (
  k: string,
  mods: Partial<Record<'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey', boolean>> = {},
) => ({
  key: k,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  shiftKey: false,
  ...mods,
});

describe('the shortcut list', () => {
  it('names each shortcut once, in a known group, with keys and a description', () => {
    const ids = SHORTCUTS.map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const s of SHORTCUTS) {
      expect(SHORTCUT_GROUPS).toContain(s.group);
      expect(s.keys.length).toBeGreaterThan(0);
      expect(s.description.length).toBeGreaterThan(3);
    }
    for (const group of SHORTCUT_GROUPS) expect(SHORTCUTS.some((s) => s.group === group)).toBe(true);
  });

  it('lists only shortcuts a handler acts on (or a widget provides)', () => {
    const unhandled = SHORTCUTS.filter((s) => !s.widget && !handlerCode.includes(`'${s.id}'`)).map(
      (s) => s.id,
    );
    expect(unhandled).toEqual([]);
  });

  it('names no shortcut in the renderer that the list does not have', () => {
    const named = [
      ...handlerCode.matchAll(/(?:matchesShortcut\([^,]+, |shortcutKeys\(|ariaKeyShortcuts\()'([\w.]+)'/g),
    ];
    expect(named.length).toBeGreaterThan(10);
    const ids = new Set(SHORTCUTS.map((s) => s.id));
    expect(named.map((m) => m[1]).filter((id) => !ids.has(id!))).toEqual([]);
  });
});

describe('matchesShortcut', () => {
  it('tells a letter from the same letter with Shift or a modifier', () => {
    expect(matchesShortcut(key('h'), 'reader.highlight', false)).toBe(true);
    expect(matchesShortcut(key('H', { shiftKey: true }), 'reader.highlight', false)).toBe(false);
    expect(matchesShortcut(key('h', { ctrlKey: true }), 'reader.highlight', false)).toBe(false);
  });

  it('reads Mod as Ctrl, or as Cmd on a Mac', () => {
    expect(matchesShortcut(key('k', { ctrlKey: true }), 'app.search', false)).toBe(true);
    expect(matchesShortcut(key('k', { metaKey: true }), 'app.search', false)).toBe(false);
    expect(matchesShortcut(key('k', { metaKey: true }), 'app.search', true)).toBe(true);
    expect(matchesShortcut(key('K', { ctrlKey: true, shiftKey: true }), 'app.search', false)).toBe(false);
  });

  it('redo is Shift+Mod+Z everywhere and Ctrl+Y off the Mac; undo is not redo', () => {
    expect(matchesShortcut(key('Z', { ctrlKey: true, shiftKey: true }), 'app.redo', false)).toBe(true);
    expect(matchesShortcut(key('Z', { ctrlKey: true, shiftKey: true }), 'app.undo', false)).toBe(false);
    expect(matchesShortcut(key('y', { ctrlKey: true }), 'app.redo', false)).toBe(true);
    expect(matchesShortcut(key('y', { metaKey: true }), 'app.redo', true)).toBe(false);
    expect(shortcutKeys('app.redo', true)).toEqual(['Mod+Shift+z']);
  });

  it('takes ? however the layout types it (with Shift on most)', () => {
    expect(matchesShortcut(key('?', { shiftKey: true }), 'app.shortcuts', false)).toBe(true);
    expect(matchesShortcut(key('?'), 'app.shortcuts', false)).toBe(true);
    expect(matchesShortcut(key('/'), 'app.shortcuts', false)).toBe(false);
  });

  it('tells Shift+arrow (extend) from the plain arrow (next highlight)', () => {
    expect(matchesShortcut(key('ArrowRight', { shiftKey: true }), 'select.word', false)).toBe(true);
    expect(matchesShortcut(key('ArrowRight'), 'select.word', false)).toBe(false);
    expect(matchesShortcut(key('ArrowRight'), 'reader.nextHighlight', false)).toBe(true);
    expect(matchesShortcut(key('ArrowRight', { shiftKey: true }), 'reader.nextHighlight', false)).toBe(false);
  });
});

describe('how shortcuts are written', () => {
  it('for people, per platform', () => {
    expect(keyLabels('Mod+Shift+z', false)).toEqual(['Ctrl', 'Shift', 'Z']);
    expect(keyLabels('Mod+Shift+z', true)).toEqual(['⌘', '⇧', 'Z']);
    expect(keyLabels('ArrowLeft', false)).toEqual(['←']);
    expect(keyLabels('+', false)).toEqual(['+']);
  });

  it('for aria-keyshortcuts', () => {
    expect(ariaKeyShortcuts('app.search', false)).toBe('Control+K');
    expect(ariaKeyShortcuts('app.search', true)).toBe('Meta+K');
    expect(ariaKeyShortcuts('find.previous', false)).toBe('Shift+Enter Shift+F3');
  });
});
