// Selecting the reader's text without a mouse. The text is not editable, so browsers give it no caret (only
// Chromium's optional caret browsing would); with the document in focus, Shift+arrows extend the selection
// (by word or by line) and Ctrl/Cmd+arrows move where it starts (by word or by paragraph), through
// Selection.modify — the browser's own notion of words and lines, in every language. With no selection in the
// text, it starts at the first line in view, so a user scrolls to a passage and selects from there.
import { matchesShortcut } from '../../shortcuts';
import { BLOCK_SELECTOR } from './textOffsets';

type Alter = 'extend' | 'move';
type Granularity = 'word' | 'line' | 'paragraph';

interface Step {
  alter: Alter;
  direction: 'forward' | 'backward';
  granularity: Granularity;
}

function stepFor(event: KeyboardEvent): Step | null {
  const forward = event.key === 'ArrowRight' || event.key === 'ArrowDown';
  const direction = forward ? 'forward' : 'backward';
  if (matchesShortcut(event, 'select.word')) return { alter: 'extend', direction, granularity: 'word' };
  if (matchesShortcut(event, 'select.line')) return { alter: 'extend', direction, granularity: 'line' };
  if (matchesShortcut(event, 'select.moveWord')) return { alter: 'move', direction, granularity: 'word' };
  if (matchesShortcut(event, 'select.moveParagraph'))
    return { alter: 'move', direction, granularity: 'paragraph' };
  return null;
}

/** The first text of the first block at least partly inside the scroller's view (hidden blocks skipped). */
function firstVisibleText(root: HTMLElement, scroller: HTMLElement | null): Text | null {
  const top = scroller?.getBoundingClientRect().top ?? 0;
  for (const block of root.querySelectorAll<HTMLElement>(BLOCK_SELECTOR)) {
    const rects = block.getClientRects();
    if (rects.length === 0) continue;
    if (block.getBoundingClientRect().bottom <= top) continue;
    const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if ((node.textContent ?? '').trim() !== '') return node as Text;
    }
  }
  return null;
}

/**
 * Acts on a selection key; returns whether the key was one. The selection stays inside the document's text,
 * and its moving end is kept in view.
 */
export function extendSelectionByKey(
  event: KeyboardEvent,
  root: HTMLElement,
  scroller: HTMLElement | null,
): boolean {
  const step = stepFor(event);
  const selection = window.getSelection();
  if (!step || !selection) return false;
  const inside =
    selection.rangeCount > 0 &&
    selection.anchorNode !== null &&
    root.contains(selection.anchorNode) &&
    selection.focusNode !== null &&
    root.contains(selection.focusNode);
  if (!inside) {
    const start = firstVisibleText(root, scroller);
    if (!start) return true;
    selection.collapse(start, 0);
  }
  const before = { node: selection.focusNode, offset: selection.focusOffset };
  selection.modify(step.alter, step.direction, step.granularity);
  // Past the last word of the document the browser would carry on into the page around it: undo that step.
  if (!selection.focusNode || !root.contains(selection.focusNode)) {
    if (before.node) selection.extend(before.node, before.offset);
  }
  const focus = selection.focusNode;
  const element = focus instanceof Element ? focus : focus?.parentElement;
  element?.scrollIntoView({ block: 'nearest' });
  return true;
}
