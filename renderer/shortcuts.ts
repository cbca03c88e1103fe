// Every keyboard shortcut the app has, in one list. The shortcut sheet (`?`) shows it, the handlers match
// keys through it (matchesShortcut), and the user guide is written from it, so none of the three can drift
// from the others. A unit test checks that every entry is used by some handler.

export type ShortcutGroup =
  | 'Anywhere'
  | 'Reader'
  | 'Selecting text'
  | 'Highlights list'
  | 'Find in document'
  | 'Timeline'
  | 'Lists, menus and dialogs';

export interface Shortcut {
  /** A stable name, used by the handler that acts on the shortcut. */
  id: string;
  group: ShortcutGroup;
  /**
   * Alternative key combinations. Each is modifiers then a key, joined by "+": `Mod` is Ctrl (⌘ on a Mac),
   * the key is a KeyboardEvent.key ("h", "ArrowRight", "F3", "?", "+").
   */
  keys: readonly string[];
  description: string;
  /** Keys only offered on Windows and Linux (Ctrl+Y for redo is not a Mac convention). */
  notOnMac?: readonly string[];
  /**
   * Handled by a React Aria widget (lists, menus, tabs, dialogs), not by Dossier's own handlers: listed so
   * the sheet is complete, not matched by matchesShortcut.
   */
  widget?: true;
}

export const SHORTCUT_GROUPS: readonly ShortcutGroup[] = [
  'Anywhere',
  'Reader',
  'Selecting text',
  'Highlights list',
  'Find in document',
  'Timeline',
  'Lists, menus and dialogs',
];

export const SHORTCUTS: readonly Shortcut[] = [
  // Anywhere
  { id: 'app.shortcuts', group: 'Anywhere', keys: ['?'], description: 'Show keyboard shortcuts' },
  { id: 'app.search', group: 'Anywhere', keys: ['Mod+k'], description: 'Search the project' },
  { id: 'app.undo', group: 'Anywhere', keys: ['Mod+z'], description: 'Undo' },
  {
    id: 'app.redo',
    group: 'Anywhere',
    keys: ['Mod+Shift+z', 'Mod+y'],
    notOnMac: ['Mod+y'],
    description: 'Redo',
  },
  {
    id: 'app.views',
    group: 'Anywhere',
    keys: ['ArrowLeft', 'ArrowRight'],
    description: 'Move between views (in the row of view tabs)',
    widget: true,
  },
  // Reader
  {
    id: 'reader.highlight',
    group: 'Reader',
    keys: ['h'],
    description: 'Highlight the selection in the last colour used',
  },
  {
    id: 'reader.claim',
    group: 'Reader',
    keys: ['c'],
    description: 'Make a claim of the selection (or of the chosen highlight)',
  },
  {
    id: 'reader.addToClaim',
    group: 'Reader',
    keys: ['a'],
    description: 'Add the selection to an existing claim',
  },
  {
    id: 'reader.tag',
    group: 'Reader',
    keys: ['t'],
    description: 'Tag the selection (or the chosen highlight)',
  },
  {
    id: 'reader.boilerplate',
    group: 'Reader',
    keys: ['b'],
    description: 'Mark the selected paragraphs as boilerplate, or as article text again',
  },
  {
    id: 'reader.nextHighlight',
    group: 'Reader',
    keys: ['ArrowRight'],
    description: 'Next highlight (when no text is selected)',
  },
  {
    id: 'reader.previousHighlight',
    group: 'Reader',
    keys: ['ArrowLeft'],
    description: 'Previous highlight (when no text is selected)',
  },
  {
    id: 'reader.openHighlight',
    group: 'Reader',
    keys: ['Enter'],
    description: 'Open the chosen highlight: its note, colour, tags and claims (with the text in focus)',
  },
  {
    id: 'reader.find',
    group: 'Reader',
    keys: ['Mod+f'],
    description: 'Find in the document',
  },
  {
    id: 'reader.clearSelection',
    group: 'Reader',
    keys: ['Escape'],
    description: 'Clear the selection, or stop re-attaching a passage',
  },
  // Selecting text (the document text has the focus: Tab to it)
  {
    id: 'select.word',
    group: 'Selecting text',
    keys: ['Shift+ArrowRight', 'Shift+ArrowLeft'],
    description: 'Select a word more or less (starts at the first line in view)',
  },
  {
    id: 'select.line',
    group: 'Selecting text',
    keys: ['Shift+ArrowDown', 'Shift+ArrowUp'],
    description: 'Select a line more or less',
  },
  {
    id: 'select.moveWord',
    group: 'Selecting text',
    keys: ['Mod+ArrowRight', 'Mod+ArrowLeft'],
    description: 'Move the start of a selection by a word',
  },
  {
    id: 'select.moveParagraph',
    group: 'Selecting text',
    keys: ['Mod+ArrowDown', 'Mod+ArrowUp'],
    description: 'Move the start of a selection to the next or previous paragraph',
  },
  // Highlights list
  {
    id: 'highlights.delete',
    group: 'Highlights list',
    keys: ['Delete', 'Backspace'],
    description: 'Delete the chosen highlight (Undo brings it back)',
  },
  {
    id: 'highlights.claim',
    group: 'Highlights list',
    keys: ['c'],
    description: 'Make a claim of the chosen highlight, or go to its claim',
  },
  { id: 'highlights.tag', group: 'Highlights list', keys: ['t'], description: 'Tag the chosen highlight' },
  // Find in document
  {
    id: 'find.next',
    group: 'Find in document',
    keys: ['Enter', 'F3'],
    description: 'Next match',
  },
  {
    id: 'find.previous',
    group: 'Find in document',
    keys: ['Shift+Enter', 'Shift+F3'],
    description: 'Previous match',
  },
  { id: 'find.close', group: 'Find in document', keys: ['Escape'], description: 'Close the find bar' },
  // Timeline (the timeline has the focus)
  { id: 'timeline.zoomIn', group: 'Timeline', keys: ['+', '='], description: 'Zoom in' },
  { id: 'timeline.zoomOut', group: 'Timeline', keys: ['-', '_'], description: 'Zoom out' },
  {
    id: 'timeline.pan',
    group: 'Timeline',
    keys: ['ArrowLeft', 'ArrowRight'],
    description: 'Move through time (with Shift: faster)',
  },
  {
    id: 'timeline.lanes',
    group: 'Timeline',
    keys: ['ArrowUp', 'ArrowDown', 'PageUp', 'PageDown'],
    description: 'Scroll the lanes',
  },
  { id: 'timeline.fit', group: 'Timeline', keys: ['Home', '0'], description: 'Show every event' },
  {
    id: 'timeline.open',
    group: 'Timeline',
    keys: ['Enter', ' '],
    description: 'Open the event (or the group of events) in focus',
  },
  // Lists, menus and dialogs
  {
    id: 'widget.move',
    group: 'Lists, menus and dialogs',
    keys: ['ArrowUp', 'ArrowDown'],
    description: 'Move through a list, table or menu',
    widget: true,
  },
  {
    id: 'widget.ends',
    group: 'Lists, menus and dialogs',
    keys: ['Home', 'End'],
    description: 'Go to the first or the last item of a list (in the library, typing a title goes to it)',
    widget: true,
  },
  {
    id: 'widget.page',
    group: 'Lists, menus and dialogs',
    keys: ['PageUp', 'PageDown'],
    description: 'Move a page up or down a list',
    widget: true,
  },
  {
    id: 'widget.choose',
    group: 'Lists, menus and dialogs',
    keys: ['Enter'],
    description: 'Open or choose the item in focus',
    widget: true,
  },
  {
    id: 'widget.close',
    group: 'Lists, menus and dialogs',
    keys: ['Escape'],
    description: 'Close a dialog, menu or suggestion list',
    widget: true,
  },
  {
    id: 'field.save',
    group: 'Lists, menus and dialogs',
    keys: ['Enter'],
    description: 'In a one-line field (event title, rationale, alias): save it now',
  },
];

export const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

const BY_ID = new Map(SHORTCUTS.map((s) => [s.id, s]));

export function shortcut(id: string): Shortcut {
  const found = BY_ID.get(id);
  if (!found) throw new Error(`No shortcut "${id}" in shortcuts.ts`);
  return found;
}

/** The key combinations a shortcut has on this platform. */
export function shortcutKeys(id: string, mac = isMac): string[] {
  const { keys, notOnMac = [] } = shortcut(id);
  return keys.filter((k) => !(mac && notOnMac.includes(k)));
}

interface KeyCombo {
  mod: boolean;
  shift: boolean;
  alt: boolean;
  key: string;
}

function parse(combo: string): KeyCombo {
  // "+" alone (or "Mod++") is the plus key itself.
  const parts =
    combo === '+' ? ['+'] : combo.endsWith('++') ? [...combo.slice(0, -2).split('+'), '+'] : combo.split('+');
  const key = parts.pop()!;
  return { mod: parts.includes('Mod'), shift: parts.includes('Shift'), alt: parts.includes('Alt'), key };
}

type KeyLike = Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey'>;

/** Whether a key press is one of the shortcut's combinations on this platform. */
export function matchesShortcut(event: KeyLike, id: string, mac = isMac): boolean {
  return shortcutKeys(id, mac).some((combo) => {
    const want = parse(combo);
    const mod = mac ? event.metaKey : event.ctrlKey;
    const other = mac ? event.ctrlKey : event.metaKey;
    if (mod !== want.mod || other || event.altKey !== want.alt) return false;
    const letter = /^[a-z]$/i.test(want.key);
    const named = want.key.length > 1;
    // Shift is part of a letter's or a named key's combination; for a symbol (?, +, _) it is how the symbol
    // is typed on the user's keyboard layout, so it is not compared.
    if ((letter || named) && event.shiftKey !== want.shift) return false;
    return letter ? event.key.toLowerCase() === want.key.toLowerCase() : event.key === want.key;
  });
}

const KEY_NAMES: Record<string, string> = {
  ArrowLeft: '←',
  ArrowRight: '→',
  ArrowUp: '↑',
  ArrowDown: '↓',
  ' ': 'Space',
  Escape: 'Esc',
  PageUp: 'Page Up',
  PageDown: 'Page Down',
};

/** A combination as the keys to press, one label per key ("Ctrl", "Shift", "K"). */
export function keyLabels(combo: string, mac = isMac): string[] {
  const { mod, shift, alt, key } = parse(combo);
  const labels: string[] = [];
  if (mod) labels.push(mac ? '⌘' : 'Ctrl');
  if (alt) labels.push(mac ? '⌥' : 'Alt');
  if (shift) labels.push(mac ? '⇧' : 'Shift');
  labels.push(KEY_NAMES[key] ?? (key.length === 1 ? key.toUpperCase() : key));
  return labels;
}

/** The aria-keyshortcuts value of a shortcut (WAI-ARIA names: Control, Meta, Shift, Alt). */
export function ariaKeyShortcuts(id: string, mac = isMac): string {
  return shortcutKeys(id, mac)
    .map((combo) => {
      const { mod, shift, alt, key } = parse(combo);
      const parts: string[] = [];
      if (mod) parts.push(mac ? 'Meta' : 'Control');
      if (alt) parts.push('Alt');
      if (shift) parts.push('Shift');
      parts.push(key === ' ' ? 'Space' : key.length === 1 ? key.toUpperCase() : key);
      return parts.join('+');
    })
    .join(' ');
}
