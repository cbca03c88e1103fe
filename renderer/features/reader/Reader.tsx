// The reader: the open document, its highlights painted over the text, and a small toolbar on a selection
// to make a highlight (or the `h` key). Clicking highlighted text selects that highlight in the side panel.
import { startTransition, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { Button, Switch, Toolbar } from 'react-aria-components';
import {
  HIGHLIGHT_COLORS,
  displayTitle,
  type DocumentDetail,
  type HighlightColor,
  type MetadataField,
} from '../../../shared/domain';
import { formatPartialDate } from '../../../shared/dates';
import { useDossier } from '../../store/index';
import { DocumentDetailsButton, EvidenceBadge } from '../document/DocumentDetails';
import { SuggestEventsButton } from '../events/SuggestedEvents';
import { blocksInRange } from './blocks';
import { chunkEnds, DocumentText } from './DocumentText';
import { HighlightPainter, trimmedRange } from './paintHighlights';
import { BLOCK_SELECTOR, BlockIndex, offsetFromPoint, rangeFromSelection } from './textOffsets';
import { AddToClaimDialog } from './AddToClaim';
import { FindBar } from '../search/FindBar';
import { ariaKeyShortcuts, matchesShortcut } from '../../shortcuts';
import { extendSelectionByKey } from './keyboardSelection';

interface PendingSelection {
  start: number;
  end: number;
  top: number;
  left: number;
}

export const COLOR_LABELS: Record<HighlightColor, string> = {
  yellow: 'Yellow',
  green: 'Green',
  blue: 'Blue',
  pink: 'Pink',
  purple: 'Purple',
};

function caretOffsetAt(root: HTMLElement, x: number, y: number): number | null {
  const doc = root.ownerDocument as Document & {
    caretPositionFromPoint?: (x: number, y: number) => { offsetNode: Node; offset: number } | null;
  };
  const position = doc.caretPositionFromPoint?.(x, y);
  if (position) return offsetFromPoint(root, position.offsetNode, position.offset);
  const range = doc.caretRangeFromPoint?.(x, y);
  return range ? offsetFromPoint(root, range.startContainer, range.startOffset) : null;
}

/** Resolves once the browser has drawn the next frame (or soon, if it draws none: a hidden window). */
function afterNextFrame(): Promise<void> {
  return new Promise((resolve) => {
    const fallback = window.setTimeout(resolve, 100);
    requestAnimationFrame(() =>
      window.setTimeout(() => {
        window.clearTimeout(fallback);
        resolve();
      }, 0),
    );
  });
}

/** Whether a modal dialog is open over the window. */
export function modalIsOpen(): boolean {
  // React Aria puts every Modal in an overlay with this class (it sets no aria-modal on the dialog).
  return window.document.querySelector('.react-aria-ModalOverlay') !== null;
}

/** Keys inside a list, a menu, a dialog or a field belong to that widget, not to the reader's shortcuts. */
export function isInsideWidget(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    target.closest(
      '[role="listbox"], [role="grid"], [role="tree"], [role="menu"], [role="tablist"], [role="radiogroup"], [role="toolbar"], [role="dialog"], [role="slider"]',
    ) !== null
  );
}

function isTypingTarget(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))
  );
}

/**
 * How many blocks to render: the first screen at once, then one more chunk per idle moment, so that opening a
 * 200,000-word document paints its first screen without waiting for the rest (and never blocks input long).
 * Keyed by id: an edit (metadata, boilerplate) replaces the document object but must not re-render it from
 * the top and lose the reader's place.
 */
function useProgressiveCount(document: DocumentDetail | null): number {
  const ends = useMemo(() => (document ? chunkEnds(document.blocks) : []), [document]);
  const [step, setStep] = useState(0);
  const [key, setKey] = useState(document?.id);
  if (key !== document?.id) {
    setKey(document?.id);
    setStep(0);
  }
  useEffect(() => {
    if (step >= ends.length - 1) return;
    // In idle time: the highlights still arriving, a click or a key press all come before the next chunk.
    const next = () => startTransition(() => setStep((s) => s + 1));
    if (typeof window.requestIdleCallback !== 'function') {
      const handle = window.setTimeout(next, 0);
      return () => window.clearTimeout(handle);
    }
    const handle = window.requestIdleCallback(next, { timeout: 1000 });
    return () => window.cancelIdleCallback(handle);
  }, [step, ends.length]);
  return ends[Math.min(step, ends.length - 1)] ?? 0;
}

export function Reader() {
  const document = useDossier((s) => s.currentDocument);
  const highlights = useDossier((s) => s.highlights);
  const selectedId = useDossier((s) => s.selectedHighlightId);
  const scrollRequest = useDossier((s) => s.scrollRequest);
  const createHighlight = useDossier((s) => s.createHighlight);
  const selectHighlight = useDossier((s) => s.selectHighlight);
  const lastColor = useDossier((s) => s.lastColor);
  const showFullText = useDossier((s) => s.showFullText);
  const setShowFullText = useDossier((s) => s.setShowFullText);
  const setBoilerplate = useDossier((s) => s.setBoilerplate);
  const createClaim = useDossier((s) => s.createClaim);
  const addPassage = useDossier((s) => s.addPassage);
  const requestFocus = useDossier((s) => s.requestFocus);
  const reattaching = useDossier((s) => s.reattaching);
  const reattach = useDossier((s) => s.reattach);
  const cancelReattach = useDossier((s) => s.cancelReattach);
  const requestFind = useDossier((s) => s.requestFind);
  const scrollerRef = useRef<HTMLDivElement>(null);
  const textRef = useRef<HTMLDivElement>(null);
  const [pending, setPending] = useState<PendingSelection | null>(null);
  /** The passage being added to an existing claim while the user chooses which. */
  const [claimTarget, setClaimTarget] = useState<{ start: number; end: number } | null>(null);
  const renderedBlocks = useProgressiveCount(document);
  const complete = renderedBlocks === (document?.blocks.length ?? 0);

  const [painter] = useState(() => new HighlightPainter());
  const paintedDocument = useRef<DocumentDetail | null>(null);
  useLayoutEffect(() => {
    if (!textRef.current || !document) return;
    // Another document, or this one's blocks re-rendered (boilerplate marked): its old ranges are stale.
    const reset = paintedDocument.current !== document;
    paintedDocument.current = document;
    // Each new slice of blocks paints only the highlights it brought in; the others keep their ranges.
    painter.sync(textRef.current, highlights, renderedBlocks, reset);
    // Lets benchmarks and tests time "open to painted" without reaching into React.
    performance.mark('dossier:highlights-painted', {
      detail: { documentId: document.id, count: highlights.length, complete },
    });
  }, [painter, document, highlights, renderedBlocks, complete]);
  useLayoutEffect(() => {
    if (!textRef.current || !document) return;
    painter.paintActive(
      textRef.current,
      highlights.find((h) => h.highlight.id === selectedId),
      renderedBlocks,
    );
  }, [painter, document, highlights, selectedId, renderedBlocks]);
  useEffect(() => () => painter.clear(), [painter]);

  const scrolledFor = useRef(0);
  useEffect(() => {
    if (!scrollRequest || !textRef.current || scrolledFor.current === scrollRequest.seq) return;
    const target = highlights.find((h) => h.highlight.id === scrollRequest.highlightId)?.anchor;
    if (!target || !document) return;
    // A passage inside hidden boilerplate is shown by revealing the full text, never by leaving it unseen.
    const hidden = blocksInRange(document.blocks, target.start, target.end).some(
      (i) => document.blocks[i]!.boilerplate,
    );
    if (hidden && !showFullText) {
      setShowFullText(true);
      return;
    }
    const blocks = new BlockIndex(textRef.current);
    // Until the passage's block is rendered, this effect runs again as chunks arrive.
    if (target.start >= blocks.renderedEnd) return;
    const range = blocks.rangeFor(target.start, target.end);
    const element = range?.startContainer.parentElement?.closest<HTMLElement>(BLOCK_SELECTOR);
    element?.scrollIntoView({ block: 'center' });
    scrolledFor.current = scrollRequest.seq;
  }, [scrollRequest, highlights, renderedBlocks, document, showFullText, setShowFullText]);

  const readSelection = useCallback(() => {
    const root = textRef.current;
    const scroller = scrollerRef.current;
    if (!root || !scroller) return;
    const selection = window.getSelection();
    const range = rangeFromSelection(root, selection);
    if (!range || !selection) {
      setPending(null);
      return;
    }
    const rect = selection.getRangeAt(0).getBoundingClientRect();
    const box = scroller.getBoundingClientRect();
    setPending({
      ...range,
      top: rect.bottom - box.top + scroller.scrollTop + 6,
      left: Math.max(0, rect.left - box.left + scroller.scrollLeft),
    });
  }, []);

  useEffect(() => {
    const onSelectionChange = () => {
      const selection = window.getSelection();
      if (!selection || selection.isCollapsed) setPending(null);
    };
    window.document.addEventListener('selectionchange', onSelectionChange);
    return () => window.document.removeEventListener('selectionchange', onSelectionChange);
  }, []);

  // One highlight per gesture: key repeat, a double press or a second `h` while saving must not duplicate it.
  const creating = useRef(false);
  const highlightRange = useCallback(
    async (range: { start: number; end: number }, color?: HighlightColor, focusNote = false) => {
      if (creating.current) return;
      creating.current = true;
      window.getSelection()?.removeAllRanges();
      setPending(null);
      // Painted now, in the next frame, rather than after the save: it stays if the save succeeds (the saved
      // highlight is painted over it) and goes if the save is refused (a toast says why).
      const passage = document ? trimmedRange(document.text, range) : null;
      const root = textRef.current;
      const unpaint =
        passage && root
          ? painter.paintPending(root, passage, color ?? useDossier.getState().lastColor)
          : () => {};
      try {
        // The save (and the side pane and editor it updates) waits for that frame, so it cannot delay it.
        await afterNextFrame();
        const created = await createHighlight({ start: range.start, end: range.end }, color);
        if (created && focusNote) {
          requestAnimationFrame(() => window.document.getElementById('highlight-note')?.focus());
        }
      } finally {
        unpaint();
        creating.current = false;
      }
    },
    [createHighlight, document, painter],
  );

  /** `c`: the selection, or the chosen highlight, becomes the first passage of a new claim. */
  const claimPassage = useCallback(
    async (range: { start: number; end: number } | null) => {
      if (!document || creating.current) return;
      const highlightId = useDossier.getState().selectedHighlightId;
      if (!range && !highlightId) return;
      // The chosen highlight already supports a claim: c takes the user to it rather than make another.
      const chosen = useDossier.getState().highlights.find((h) => h.highlight.id === highlightId);
      if (!range && chosen && chosen.highlight.claimIds.length > 0) {
        requestFocus('claim');
        return;
      }
      creating.current = true;
      window.getSelection()?.removeAllRanges();
      setPending(null);
      try {
        const claim = await createClaim({
          passage: range
            ? { documentId: document.id, start: range.start, end: range.end, color: lastColor }
            : { highlightId: highlightId! },
        });
        const passage = claim?.passages[0];
        if (passage) {
          selectHighlight(passage.highlightId);
          requestFocus('claim');
        }
      } finally {
        creating.current = false;
      }
    },
    [document, createClaim, lastColor, selectHighlight, requestFocus],
  );

  /** `t`: tags for the selection (highlighted first) or for the chosen highlight. */
  const tagPassage = useCallback(
    async (range: { start: number; end: number } | null) => {
      if (range) {
        if (creating.current) return;
        creating.current = true;
        window.getSelection()?.removeAllRanges();
        setPending(null);
        try {
          if (!(await createHighlight(range))) return;
        } finally {
          creating.current = false;
        }
      } else if (!useDossier.getState().selectedHighlightId) return;
      requestFocus('tags');
    },
    [createHighlight, requestFocus],
  );

  const addToClaim = useCallback(
    async (claimId: string, range: { start: number; end: number }) => {
      if (!document) return;
      window.getSelection()?.removeAllRanges();
      setPending(null);
      const claim = await addPassage(claimId, {
        documentId: document.id,
        start: range.start,
        end: range.end,
        color: lastColor,
      });
      const added = claim?.passages.find(
        (p) => p.documentId === document.id && p.start >= range.start && p.start < range.end,
      );
      if (added) selectHighlight(added.highlightId);
    },
    [document, addPassage, lastColor, selectHighlight],
  );

  const reattachTo = useCallback(
    (range: { start: number; end: number }) => {
      window.getSelection()?.removeAllRanges();
      setPending(null);
      void reattach({ start: range.start, end: range.end });
    },
    [reattach],
  );

  /** Arrow keys walk the highlights in reading order, scrolling each into view. */
  const stepHighlight = useCallback(
    (direction: 1 | -1) => {
      const placed = useDossier.getState().highlights.filter((h) => h.anchor);
      if (placed.length === 0) return;
      const current = placed.findIndex((h) => h.highlight.id === useDossier.getState().selectedHighlightId);
      const next =
        current < 0
          ? direction === 1
            ? 0
            : placed.length - 1
          : Math.min(placed.length - 1, Math.max(0, current + direction));
      selectHighlight(placed[next]!.highlight.id, { scroll: true });
    },
    [selectHighlight],
  );

  /** The blocks under a selection become boilerplate, or back to article text if all of them already were. */
  const boilerplateVerdict = useCallback(
    (range: { start: number; end: number }) => {
      const indexes = document ? blocksInRange(document.blocks, range.start, range.end) : [];
      const allBoilerplate = indexes.length > 0 && indexes.every((i) => document!.blocks[i]!.boilerplate);
      return { indexes, boilerplate: !allBoilerplate };
    },
    [document],
  );
  const toggleBoilerplate = useCallback(
    (range: { start: number; end: number }) => {
      const { indexes, boilerplate } = boilerplateVerdict(range);
      window.getSelection()?.removeAllRanges();
      setPending(null);
      void setBoilerplate(indexes, boilerplate);
    },
    [boilerplateVerdict, setBoilerplate],
  );

  // The selection lives in non-focusable text, so keys arrive at the document, not at the reader. `h` reads
  // the selection at the moment it is pressed, so it works even before the toolbar has appeared.
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (isTypingTarget(event.target) || event.defaultPrevented || modalIsOpen()) return;
      const root = textRef.current;
      // Selecting by keyboard: Shift+arrows extend a selection, Ctrl/Cmd+arrows move its start. Only with
      // the document (or nothing) in focus, so the arrows of lists, menus and buttons keep their meaning.
      if (
        root &&
        useDossier.getState().view === 'documents' &&
        (event.target === window.document.body || root.parentElement?.contains(event.target as Node)) &&
        extendSelectionByKey(event, root, scrollerRef.current)
      ) {
        event.preventDefault();
        readSelection();
        return;
      }
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      // Keys pressed in a dialog, a menu or a list belong to it (type-ahead, Esc), and a dialog open over
      // the reader means the reader is not what the user is working in.
      const inToolbar =
        event.target instanceof HTMLElement && event.target.closest('.selection-toolbar') !== null;
      const escape = matchesShortcut(event, 'reader.clearSelection');
      if (isInsideWidget(event.target) && !(inToolbar && escape)) return;
      const range = root ? rangeFromSelection(root, window.getSelection()) : null;
      if (escape && range) {
        window.getSelection()?.removeAllRanges();
        setPending(null);
        // The toolbar goes with the selection: the focus goes back to the text it was made in.
        if (inToolbar) root?.parentElement?.focus();
      } else if (escape && useDossier.getState().reattaching) {
        cancelReattach();
      } else if (useDossier.getState().view !== 'documents' || event.repeat) {
        return;
      } else if (matchesShortcut(event, 'reader.claim')) {
        event.preventDefault();
        void claimPassage(range);
      } else if (matchesShortcut(event, 'reader.addToClaim') && range) {
        event.preventDefault();
        setClaimTarget({ start: range.start, end: range.end });
      } else if (matchesShortcut(event, 'reader.tag')) {
        event.preventDefault();
        void tagPassage(range);
      } else if (matchesShortcut(event, 'reader.nextHighlight') && !range) {
        event.preventDefault();
        stepHighlight(1);
      } else if (matchesShortcut(event, 'reader.previousHighlight') && !range) {
        event.preventDefault();
        stepHighlight(-1);
      } else if (
        matchesShortcut(event, 'reader.openHighlight') &&
        !range &&
        useDossier.getState().selectedHighlightId &&
        (event.target === window.document.body || event.target === root?.closest('article'))
      ) {
        // Enter on the text (not on a button in it) opens the chosen highlight's editor at its note.
        event.preventDefault();
        window.document.getElementById('highlight-note')?.focus();
      } else if (matchesShortcut(event, 'reader.highlight') && range) {
        event.preventDefault();
        void highlightRange(range);
      } else if (matchesShortcut(event, 'reader.boilerplate') && range) {
        event.preventDefault();
        toggleBoilerplate(range);
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [
    highlightRange,
    toggleBoilerplate,
    claimPassage,
    tagPassage,
    stepHighlight,
    cancelReattach,
    readSelection,
  ]);

  const onClick = (event: React.MouseEvent) => {
    const root = textRef.current;
    if (!root || !window.getSelection()?.isCollapsed) return;
    const offset = caretOffsetAt(root, event.clientX, event.clientY);
    if (offset === null) return;
    const hits = highlights.filter((h) => h.anchor && h.anchor.start <= offset && offset < h.anchor.end);
    if (hits.length === 0) return;
    // The innermost (shortest) highlight wins where several overlap.
    hits.sort((a, b) => a.anchor!.end - a.anchor!.start - (b.anchor!.end - b.anchor!.start));
    selectHighlight(hits[0]!.highlight.id);
  };

  if (!document) {
    return (
      <main className="reader reader-empty" aria-label="Reader">
        <p>Choose a document in the library to read it.</p>
      </main>
    );
  }

  const hiddenCount = document.blocks.filter((b) => b.boilerplate).length;
  return (
    <main className="reader" aria-label="Reader">
      {reattaching && reattaching.documentId === document.id && (
        <div className="reattach-banner" role="status">
          <span>
            Select the new passage for <q>{reattaching.quote}</q>, then choose <strong>Re-attach here</strong>
            .
          </span>
          <Button className="link-button" onPress={cancelReattach}>
            Cancel
          </Button>
        </div>
      )}
      <FindBar
        document={document}
        textRef={textRef}
        scrollerRef={scrollerRef}
        renderedBlocks={renderedBlocks}
      />
      <div className="reader-scroll" ref={scrollerRef}>
        {/* Focusable (Tab reaches it) so the text can be selected with the keyboard: see keyboardSelection. */}
        <article
          className="reader-article"
          aria-labelledby="reader-title"
          aria-describedby="reader-keys"
          tabIndex={0}
          onMouseUp={() => setTimeout(readSelection, 0)}
          onKeyUp={(e) => e.shiftKey && readSelection()}
          onClick={onClick}
        >
          <header className="reader-header">
            <h1 id="reader-title" className={document.title ? undefined : 'untitled'}>
              {displayTitle(document)}
            </h1>
            <Byline />
            <div className="reader-tools">
              <DocumentDetailsButton doc={document} />
              <SuggestEventsButton documentId={document.id} />
              <Button
                className="secondary-button small"
                aria-keyshortcuts={ariaKeyShortcuts('reader.find')}
                onPress={() => requestFind(null, true)}
              >
                Find…
              </Button>
              {hiddenCount > 0 && (
                <Switch className="switch" isSelected={showFullText} onChange={setShowFullText}>
                  <span className="switch-track" aria-hidden="true" />
                  Show full text ({hiddenCount} boilerplate {hiddenCount === 1 ? 'block' : 'blocks'})
                </Switch>
              )}
            </div>
          </header>
          <div
            className={showFullText ? 'reader-text' : 'reader-text hide-boilerplate'}
            ref={textRef}
            data-testid="reader-text"
            data-complete={complete ? 'true' : 'false'}
          >
            <DocumentText document={document} renderedBlocks={renderedBlocks} />
          </div>
          <p id="reader-keys" className="visually-hidden">
            Shift and the arrow keys select text; then h highlights it, c makes a claim, t tags it. Press
            question mark for every shortcut.
          </p>
        </article>
        {pending && (
          // Pressing a toolbar button must not collapse the text selection it acts on.
          <div
            className="selection-toolbar"
            style={{ top: pending.top, left: pending.left }}
            onMouseDown={(e) => e.preventDefault()}
          >
            <Toolbar aria-label="Highlight selection" className="selection-toolbar-inner">
              {reattaching?.documentId === document.id && (
                <Button className="toolbar-button primary" onPress={() => reattachTo(pending)}>
                  Re-attach here
                </Button>
              )}
              {HIGHLIGHT_COLORS.map((color) => (
                <Button
                  key={color}
                  aria-label={`Highlight ${COLOR_LABELS[color].toLowerCase()}`}
                  className={`swatch swatch-${color}${color === lastColor ? ' swatch-last' : ''}`}
                  onPress={() => void highlightRange(pending, color)}
                />
              ))}
              <Button
                className="toolbar-button"
                onPress={() => void highlightRange(pending, undefined, true)}
              >
                Highlight with note
              </Button>
              <Button
                className="toolbar-button"
                aria-keyshortcuts={ariaKeyShortcuts('reader.claim')}
                onPress={() => void claimPassage(pending)}
              >
                Claim
              </Button>
              <Button
                className="toolbar-button"
                aria-keyshortcuts={ariaKeyShortcuts('reader.tag')}
                onPress={() => void tagPassage(pending)}
              >
                Tag…
              </Button>
              <Button
                className="toolbar-button"
                aria-keyshortcuts={ariaKeyShortcuts('reader.addToClaim')}
                onPress={() => setClaimTarget({ start: pending.start, end: pending.end })}
              >
                Add to claim…
              </Button>
              <Button className="toolbar-button" onPress={() => toggleBoilerplate(pending)}>
                {boilerplateVerdict(pending).boilerplate ? 'Mark as boilerplate' : 'Not boilerplate'}
              </Button>
            </Toolbar>
          </div>
        )}
      </div>
      <AddToClaimDialog
        isOpen={claimTarget !== null}
        onClose={() => setClaimTarget(null)}
        onChoose={(claimId) => claimTarget && void addToClaim(claimId, claimTarget)}
      />
    </main>
  );
}

/** Outlet, authors and date under the title; each says where it came from on hover or focus. */
function Byline() {
  const document = useDossier((s) => s.currentDocument);
  if (!document) return null;
  const parts: { field: string; text: string; evidence: (typeof document.evidence)[MetadataField] }[] = [];
  if (document.outlet)
    parts.push({ field: 'Outlet', text: document.outlet, evidence: document.evidence.outlet });
  if (document.authors.length > 0)
    parts.push({ field: 'Authors', text: document.authors.join(', '), evidence: document.evidence.authors });
  if (document.published)
    parts.push({
      field: 'Published',
      text: formatPartialDate(document.published),
      evidence: document.evidence.published,
    });
  if (parts.length === 0) return <p className="byline">{document.fileName}</p>;
  return (
    <p className="byline">
      {parts.map((part) => (
        <span key={part.field} className="byline-part">
          <span>{part.text}</span> <EvidenceBadge field={part.field} evidence={part.evidence} />
        </span>
      ))}
    </p>
  );
}
