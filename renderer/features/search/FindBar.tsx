// Find in the open document (Ctrl/Cmd+F): a bar above the text with the match count, Next and Previous
// (Enter and Shift+Enter in the field, F3 and Shift+F3 anywhere), and Esc to close and give the focus back.
// Matches are painted with the CSS Custom Highlight API like the highlights themselves, so the document's DOM
// is never changed; the text searched is the canonical text, folded (see findInText). Matches inside
// boilerplate the reader hides are not stepped through: the bar counts them and offers to show the full text.
import {
  useCallback,
  useDeferredValue,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type RefObject,
} from 'react';
import { Button, Input, TextField } from 'react-aria-components';
import type { DocumentDetail } from '../../../shared/domain';
import { useDossier } from '../../store/index';
import { blocksInRange } from '../reader/blocks';
import { modalIsOpen } from '../reader/Reader';
import { ariaKeyShortcuts, matchesShortcut } from '../../shortcuts';
import { highlightApiAvailable } from '../reader/paintHighlights';
import { BlockIndex } from '../reader/textOffsets';
import { MAX_MATCHES, findInText, foldWithOffsets, type TextMatch } from './findInText';
import './find.css';

const MATCH_LAYER = 'find-match';
const CURRENT_LAYER = 'find-current';

function clearFindLayers(): void {
  if (!highlightApiAvailable()) return;
  CSS.highlights.delete(MATCH_LAYER);
  CSS.highlights.delete(CURRENT_LAYER);
}

/** Each match's DOM range, left out while its block is not rendered yet. */
function renderedRanges(blocks: BlockIndex, matches: TextMatch[]): Range[] {
  const ranges: Range[] = [];
  for (const match of matches) {
    if (match.start >= blocks.renderedEnd) break;
    const range = blocks.rangeFor(match.start, Math.min(match.end, blocks.renderedEnd));
    if (range) ranges.push(range);
  }
  return ranges;
}

function countLabel(index: number, total: number): string {
  if (total === 0) return 'No matches';
  return `${index + 1} of ${total >= MAX_MATCHES ? `${MAX_MATCHES.toLocaleString()}+` : total}`;
}

export function FindBar({
  document,
  textRef,
  scrollerRef,
  renderedBlocks,
}: {
  document: DocumentDetail;
  textRef: RefObject<HTMLDivElement | null>;
  scrollerRef: RefObject<HTMLDivElement | null>;
  renderedBlocks: number;
}) {
  const showFullText = useDossier((s) => s.showFullText);
  const setShowFullText = useDossier((s) => s.setShowFullText);
  const findRequest = useDossier((s) => s.findRequest);
  const requestFind = useDossier((s) => s.requestFind);
  const takeFindRequest = useDossier((s) => s.takeFindRequest);
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState('');
  const inputRef = useRef<HTMLInputElement>(null);
  /** Where the focus was before the bar took it, to give it back on Esc. */
  const returnFocus = useRef<HTMLElement | null>(null);
  const [focusSeq, setFocusSeq] = useState(0);

  // Ctrl/Cmd+F (the reader's shortcuts skip modified keys, so this is the only handler).
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (!matchesShortcut(event, 'reader.find') || useDossier.getState().view !== 'documents') return;
      if (modalIsOpen()) return;
      event.preventDefault();
      requestFind(null, true);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [requestFind]);

  // A request (the shortcut, the Find button, a document opened from a search) opens the bar; it is taken
  // from the store so that the next document opened does not act on it again.
  const [handledSeq, setHandledSeq] = useState<number | null>(null);
  if (findRequest && findRequest.seq !== handledSeq) {
    setHandledSeq(findRequest.seq);
    setOpen(true);
    if (findRequest.query !== null) setQuery(findRequest.query);
    if (findRequest.focus) setFocusSeq(findRequest.seq);
  }
  useEffect(() => {
    if (findRequest) takeFindRequest();
  }, [findRequest, takeFindRequest]);
  useEffect(() => {
    if (focusSeq === 0) return;
    const active = window.document.activeElement;
    if (active instanceof HTMLElement && active !== inputRef.current) returnFocus.current = active;
    inputRef.current?.focus();
    inputRef.current?.select();
  }, [focusSeq]);

  // Folding a long document takes a moment: done once per text, and only once the bar is used.
  const folded = useMemo(() => (open ? foldWithOffsets(document.text) : null), [open, document.text]);
  const searched = useDeferredValue(query);
  const found = useMemo(() => (folded ? findInText(folded, searched) : []), [folded, searched]);
  const { matches, hidden } = useMemo(() => {
    if (showFullText) return { matches: found, hidden: 0 };
    const isHidden = (m: TextMatch) =>
      blocksInRange(document.blocks, m.start, m.end).every((i) => document.blocks[i]!.boilerplate);
    const visible = found.filter((m) => !isHidden(m));
    return { matches: visible, hidden: found.length - visible.length };
  }, [found, showFullText, document.blocks]);

  // The current match: the first when the matches change, then wherever Next and Previous take it.
  const [position, setPosition] = useState({ of: matches, index: 0 });
  const index = position.of === matches ? position.index : 0;
  const current = matches[index];
  const step = useCallback(
    (direction: 1 | -1) => {
      if (matches.length === 0) return;
      setPosition({ of: matches, index: (index + direction + matches.length) % matches.length });
    },
    [matches, index],
  );

  useEffect(() => {
    if (!open) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'F3') return;
      const direction = matchesShortcut(event, 'find.previous')
        ? -1
        : matchesShortcut(event, 'find.next')
          ? 1
          : 0;
      if (direction === 0) return;
      event.preventDefault();
      step(direction);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [open, step]);

  // Painting every match again per rendered chunk would redo thousands of ranges: the first screen, then
  // once the document is complete (as the highlights do). The current match is one range, painted each time.
  const complete = renderedBlocks === document.blocks.length;
  useLayoutEffect(() => {
    const root = textRef.current;
    if (!open || !root || !highlightApiAvailable()) return;
    const matchLayer = new Highlight(...renderedRanges(new BlockIndex(root), matches));
    matchLayer.priority = 1;
    CSS.highlights.set(MATCH_LAYER, matchLayer);
  }, [open, matches, complete, textRef]);
  useLayoutEffect(() => {
    const root = textRef.current;
    if (!open || !root || !highlightApiAvailable()) return;
    const currentLayer = new Highlight(...renderedRanges(new BlockIndex(root), current ? [current] : []));
    currentLayer.priority = 2;
    CSS.highlights.set(CURRENT_LAYER, currentLayer);
  }, [open, current, renderedBlocks, textRef]);
  useEffect(() => {
    if (!open) clearFindLayers();
  }, [open]);
  useEffect(() => clearFindLayers, []);

  // The current match is brought into view once it is rendered, and only if it is out of view.
  const scrolledTo = useRef<TextMatch | null>(null);
  useEffect(() => {
    const root = textRef.current;
    const scroller = scrollerRef.current;
    if (!open || !current || !root || !scroller || scrolledTo.current === current) return;
    const blocks = new BlockIndex(root);
    if (current.start >= blocks.renderedEnd) return;
    const rect = blocks.rangeFor(current.start, current.end)?.getBoundingClientRect();
    scrolledTo.current = current;
    if (!rect) return;
    const box = scroller.getBoundingClientRect();
    if (rect.top < box.top || rect.bottom > box.bottom) {
      scroller.scrollTop += rect.top - box.top - box.height / 3;
    }
  }, [open, current, renderedBlocks, textRef, scrollerRef]);

  const close = () => {
    setOpen(false);
    const back = returnFocus.current;
    returnFocus.current = null;
    if (back?.isConnected) back.focus();
  };

  if (!open) return null;
  return (
    <div className="find-bar" role="search" aria-label="Find in document">
      <TextField
        className="find-field"
        aria-label="Find in document"
        value={query}
        onChange={setQuery}
        autoComplete="off"
      >
        <Input
          ref={inputRef}
          placeholder="Find in document"
          onKeyDown={(event) => {
            // F3 is the window's (below), wherever the focus is; the field adds Enter.
            const stepKey = matchesShortcut(event, 'find.previous') || matchesShortcut(event, 'find.next');
            if (event.key === 'Enter' && stepKey) {
              event.preventDefault();
              step(matchesShortcut(event, 'find.previous') ? -1 : 1);
            } else if (matchesShortcut(event, 'find.close')) {
              event.preventDefault();
              close();
            }
          }}
        />
      </TextField>
      <span className="find-count" role="status">
        {query.trim() ? countLabel(index, matches.length) : ''}
      </span>
      <Button
        className="icon-button"
        aria-label="Previous match"
        aria-keyshortcuts={ariaKeyShortcuts('find.previous')}
        isDisabled={matches.length === 0}
        onPress={() => step(-1)}
      >
        ↑
      </Button>
      <Button
        className="icon-button"
        aria-label="Next match"
        aria-keyshortcuts={ariaKeyShortcuts('find.next')}
        isDisabled={matches.length === 0}
        onPress={() => step(1)}
      >
        ↓
      </Button>
      {hidden > 0 && (
        <Button className="link-button find-hidden" onPress={() => setShowFullText(true)}>
          {hidden} more in hidden boilerplate: show full text
        </Button>
      )}
      <Button
        className="icon-button"
        aria-label="Close find"
        aria-keyshortcuts={ariaKeyShortcuts('find.close')}
        onPress={close}
      >
        ×
      </Button>
    </div>
  );
}
