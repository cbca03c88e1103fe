// A single-selection list box for lists of any length (the library's tens of thousands of documents). Only the
// rows in view are in the page, and only they are rendered: nothing is built per item, so taking in a new list
// costs what the rows in view cost, not what the list holds. React Aria's ListBox builds a collection node
// for every item on each new list, about 0.9 s for 10,000 documents (bench/open.ts).
//
// It behaves as the ARIA list box pattern says: one Tab stop, the focus on the row (roving tabindex; the
// focused row stays in the page when scrolled away), the arrows, Home, End, Page Up and Page Down move it,
// Enter or Space chooses the row, a click chooses it, and typing the start of a row's text moves to it.
// Every row has the same height, measured from a row in the page so that it follows the text size; rows carry
// aria-setsize and aria-posinset, since most of them are not in the page.
import { useCallback, useEffect, useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import { keyTarget, typeaheadTarget, visibleRows } from './list-window';

interface VirtualListBoxProps<T> {
  items: readonly T[];
  keyOf(item: T): string;
  /** What typing finds the row by. */
  textOf(item: T): string;
  renderItem(item: T): ReactNode;
  selectedKey: string | null;
  onSelect(key: string): void;
  'aria-label': string;
  className?: string;
  itemClassName?: string;
  /** The height of a row before one is measured, in pixels (the gap between rows included). */
  estimatedRowHeight: number;
  /** Space between rows, in pixels. */
  gap?: number;
  renderEmpty?(): ReactNode;
}

const TYPEAHEAD_MS = 800;

export function VirtualListBox<T>(props: VirtualListBoxProps<T>) {
  const { items, keyOf, textOf, selectedKey, onSelect, gap = 0 } = props;
  const scroller = useRef<HTMLDivElement>(null);
  const [rowHeight, setRowHeight] = useState(props.estimatedRowHeight);
  const [view, setView] = useState({ top: 0, height: 0 });
  // The focused row, by key so that it survives a new list; the index is found again on each render.
  const [activeKey, setActiveKey] = useState<string | null>(null);
  const focusPending = useRef(false);
  const typed = useRef({ text: '', at: 0 });

  const indexOfKey = useCallback(
    (key: string | null) => (key === null ? -1 : items.findIndex((item) => keyOf(item) === key)),
    [items, keyOf],
  );
  let activeIndex = indexOfKey(activeKey);
  if (activeIndex < 0) activeIndex = indexOfKey(selectedKey);
  const tabStop = activeIndex >= 0 ? activeIndex : 0;

  // The viewport's height and scroll position.
  useLayoutEffect(() => {
    const element = scroller.current;
    if (!element) return;
    const measure = () => setView({ top: element.scrollTop, height: element.clientHeight });
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  // A row's height, measured from the first row in the page, again whenever it changes (text size, width).
  const measured = useRef<ResizeObserver | null>(null);
  const measureRow = useCallback(
    (element: HTMLElement | null) => {
      measured.current?.disconnect();
      measured.current = null;
      if (!element) return;
      const update = () => {
        const height = element.offsetHeight + gap;
        if (height > gap) setRowHeight((old) => (Math.abs(old - height) < 0.5 ? old : height));
      };
      update();
      measured.current = new ResizeObserver(update);
      measured.current.observe(element);
    },
    [gap],
  );
  useEffect(() => () => measured.current?.disconnect(), []);

  const { first, last } = visibleRows(items.length, rowHeight, view.top, view.height);
  const rendered: number[] = [];
  for (let i = first; i < last; i++) rendered.push(i);
  // The row with the Tab stop stays in the page, wherever the list is scrolled.
  if (items.length > 0 && (tabStop < first || tabStop >= last)) rendered.push(tabStop);

  const rowElement = (index: number) =>
    scroller.current?.querySelector<HTMLElement>(`[data-index="${index}"]`) ?? null;

  // A row chosen from elsewhere (a search result, an import's first document) is scrolled into view, in the
  // middle of the list; a row chosen in the list is in view already. Only when the choice changes: a list
  // that grows during an import does not jump back to it.
  const shownSelection = useRef<string | null>(null);
  useLayoutEffect(() => {
    if (selectedKey === shownSelection.current) return;
    const index = indexOfKey(selectedKey);
    const element = scroller.current;
    if (index < 0 || !element) return;
    shownSelection.current = selectedKey;
    const top = index * rowHeight;
    if (top < element.scrollTop || top + rowHeight > element.scrollTop + element.clientHeight)
      element.scrollTop = Math.max(0, top - (element.clientHeight - rowHeight) / 2);
  }, [selectedKey, indexOfKey, rowHeight]);

  // After a key moved the focus: scroll the row into view, then focus it once it is in the page.
  useLayoutEffect(() => {
    if (!focusPending.current || activeIndex < 0) return;
    const element = scroller.current;
    if (!element) return;
    const top = activeIndex * rowHeight;
    if (top < element.scrollTop) element.scrollTop = top;
    else if (top + rowHeight > element.scrollTop + element.clientHeight)
      element.scrollTop = top + rowHeight - element.clientHeight;
    const row = rowElement(activeIndex);
    if (row) {
      focusPending.current = false;
      row.focus({ preventScroll: true });
    }
  });

  const moveTo = (index: number) => {
    const item = items[index];
    if (item === undefined) return;
    focusPending.current = true;
    setActiveKey(keyOf(item));
  };

  const onKeyDown = (event: React.KeyboardEvent<HTMLDivElement>) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const rowsPerPage = Math.max(1, Math.floor((scroller.current?.clientHeight ?? 0) / rowHeight));
    const target = keyTarget(event.key, activeIndex, items.length, rowsPerPage);
    if (target !== null) {
      event.preventDefault();
      moveTo(target);
      return;
    }
    // A space while typing is part of what is typed ("new y…"); otherwise it chooses, as Enter does.
    const typing = event.timeStamp - typed.current.at <= TYPEAHEAD_MS ? typed.current.text : '';
    if ((event.key === 'Enter' || (event.key === ' ' && typing === '')) && activeIndex >= 0) {
      event.preventDefault();
      onSelect(keyOf(items[activeIndex]!));
      return;
    }
    if (event.key.length === 1) {
      const text = typing + event.key;
      typed.current = { text, at: event.timeStamp };
      const found = typeaheadTarget(text, activeIndex, items.length, (i) => textOf(items[i]!));
      if (found !== null) {
        event.preventDefault();
        moveTo(found);
      }
    }
  };

  let measuring = false;
  return (
    <div
      ref={scroller}
      role="listbox"
      aria-label={props['aria-label']}
      className={props.className}
      onScroll={(event) => {
        const element = event.currentTarget;
        setView((old) =>
          old.top === element.scrollTop && old.height === element.clientHeight
            ? old
            : { top: element.scrollTop, height: element.clientHeight },
        );
      }}
      onKeyDown={onKeyDown}
    >
      {items.length === 0 ? (
        props.renderEmpty?.()
      ) : (
        <div role="presentation" style={{ position: 'relative', height: items.length * rowHeight - gap }}>
          {rendered.map((index) => {
            const item = items[index]!;
            const key = keyOf(item);
            const selected = key === selectedKey;
            const measure = !measuring;
            measuring = true;
            return (
              <div
                key={key}
                ref={measure ? measureRow : undefined}
                role="option"
                aria-selected={selected}
                aria-setsize={items.length}
                aria-posinset={index + 1}
                data-index={index}
                data-selected={selected || undefined}
                tabIndex={index === tabStop ? 0 : -1}
                className={props.itemClassName}
                style={{ position: 'absolute', top: index * rowHeight, left: 0, right: 0 }}
                onFocus={() => {
                  if (key !== activeKey) setActiveKey(key);
                }}
                onClick={() => {
                  setActiveKey(key);
                  onSelect(key);
                }}
              >
                {props.renderItem(item)}
              </div>
            );
          })}
        </div>
      )}
    </div>
  );
}
