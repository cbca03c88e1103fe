// The open document's highlights, in reading order. Choosing one scrolls the reader to its passage; the
// chosen one can be recoloured, annotated (saved as you type), tagged, made into a claim, and deleted. Several
// chosen at once (Shift or Ctrl/Cmd with click or arrows) can be tagged and untagged together.
import { useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import {
  Button,
  Label,
  ListBox,
  ListBoxItem,
  ListLayout,
  Radio,
  RadioGroup,
  TextArea,
  TextField,
  Virtualizer,
  type Selection,
} from 'react-aria-components';
import { HIGHLIGHT_COLORS, type HighlightColor } from '../../../shared/domain';
import { blocksInRange } from '../reader/blocks';
import { NoteText } from './NoteText';
import { useDossier } from '../../store/index';
import type { AnchoredHighlight } from '../../store/reader';
import { COLOR_LABELS } from '../reader/Reader';
import { TagChips } from '../codebook/TagChips';
import { TagPicker } from '../codebook/TagPicker';
import { ClaimEditor } from '../claims/ClaimEditor';
import { SuggestEventsButton } from '../events/SuggestedEvents';
import { CopyCitationButton } from '../export/CopyCitation';
import { useAutosave } from '../../components/useAutosave';
import { matchesShortcut } from '../../shortcuts';

const NOTE_SAVE_DELAY_MS = 400;

function NoteEditor({ item }: { item: AnchoredHighlight }) {
  const updateHighlight = useDossier((s) => s.updateHighlight);
  const id = item.highlight.id;
  // Saved a moment after typing stops, on blur, and when the editor goes away; a note changed from elsewhere
  // (Undo) replaces the draft instead of being overwritten by it.
  const note = useAutosave({
    saved: item.highlight.note,
    save: async (value: string) => {
      // A refusal (a read-only project, a highlight deleted elsewhere) must not read as saved.
      if (!(await updateHighlight(id, { note: value }))) throw new Error('The note was not saved.');
    },
    delay: NOTE_SAVE_DELAY_MS,
    stillExists: () => useDossier.getState().highlights.some((h) => h.highlight.id === id),
  });

  return (
    <TextField className="note-field" value={note.draft} onChange={note.setDraft} onBlur={note.flush}>
      <Label>Note</Label>
      <TextArea id="highlight-note" rows={4} placeholder="What matters about this passage?" />
      <span className="save-state" aria-live="polite">
        {note.error ? 'Not saved' : note.busy ? 'Saving…' : 'Saved'}
      </span>
    </TextField>
  );
}

function HighlightEditor({ item }: { item: AnchoredHighlight }) {
  const updateHighlight = useDossier((s) => s.updateHighlight);
  const deleteHighlight = useDossier((s) => s.deleteHighlight);
  const { highlight, anchor } = item;
  return (
    <section className="highlight-editor" aria-label="Selected highlight">
      <RadioGroup
        className="color-choice"
        orientation="horizontal"
        value={highlight.color}
        onChange={(color) => void updateHighlight(highlight.id, { color: color as HighlightColor })}
      >
        <Label>Colour</Label>
        <div className="swatches">
          {HIGHLIGHT_COLORS.map((color) => (
            <Radio
              key={color}
              value={color}
              aria-label={COLOR_LABELS[color]}
              className={`swatch swatch-${color}`}
            />
          ))}
        </div>
      </RadioGroup>
      <NoteEditor key={highlight.id} item={item} />
      <HighlightTags highlightIds={[highlight.id]} tagIds={highlight.tagIds} />
      <HighlightClaims item={item} />
      {anchor && (
        // Events from the dates in this passage (a highlight whose passage is lost has no place to read).
        <SuggestEventsButton
          documentId={highlight.documentId}
          passage={{ start: anchor.start, end: anchor.end }}
        />
      )}
      {anchor && <CopyCitationButton highlightId={highlight.id} />}
      <Button className="danger-button" onPress={() => void deleteHighlight(highlight.id)}>
        Delete highlight
      </Button>
    </section>
  );
}

/** Tags on one highlight, or on several chosen together (then the chips are every tag any of them has). */
function HighlightTags({ highlightIds, tagIds }: { highlightIds: string[]; tagIds: readonly string[] }) {
  const applyTag = useDossier((s) => s.applyTag);
  const removeTag = useDossier((s) => s.removeTag);
  const focusRequest = useDossier((s) => s.focusRequest);
  const wantsFocus = focusRequest?.target === 'tags';
  const several = highlightIds.length > 1;
  return (
    <section className="highlight-tags" aria-label={several ? 'Tags of the chosen highlights' : 'Tags'}>
      <TagChips tagIds={tagIds} onRemove={(tagId) => void removeTag(tagId, { highlightIds })} />
      <TagPicker
        // A new `t` press remounts the picker so that it takes the focus again.
        key={wantsFocus ? focusRequest.seq : 'picker'}
        label={several ? `Tag ${highlightIds.length} highlights` : 'Add tag'}
        appliedTagIds={several ? [] : tagIds}
        autoFocus={wantsFocus}
        onChoose={(tagId) => void applyTag(tagId, { highlightIds })}
      />
    </section>
  );
}

/** The claims this passage supports, edited in place; or a button to make one of it. */
function HighlightClaims({ item }: { item: AnchoredHighlight }) {
  const claims = useDossier((s) => s.claims);
  const createClaim = useDossier((s) => s.createClaim);
  const focusRequest = useDossier((s) => s.focusRequest);
  const sectionRef = useRef<HTMLElement>(null);
  const supported = item.highlight.claimIds
    .map((id) => claims.find((c) => c.id === id))
    .filter((c) => c !== undefined);
  const seq = focusRequest?.target === 'claim' ? focusRequest.seq : null;
  useEffect(() => {
    if (seq === null || supported.length === 0) return;
    // The newest claim's first field, so the user can go on typing who said it.
    const fields = sectionRef.current?.querySelectorAll<HTMLElement>('input, textarea');
    fields?.[fields.length > 1 ? 1 : 0]?.focus();
    // Only when a new request arrives, not on every edit of the claim.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [seq, supported.length > 0]);
  return (
    <section className="highlight-claims" aria-label="Claims" ref={sectionRef}>
      {supported.length === 0 ? (
        <Button
          className="secondary-button"
          aria-keyshortcuts="c"
          onPress={() => void createClaim({ passage: { highlightId: item.highlight.id } })}
        >
          Make claim
        </Button>
      ) : (
        supported.map((claim) => <ClaimEditor key={claim.id} claim={claim} />)
      )}
    </section>
  );
}

function BulkEditor({ items }: { items: AnchoredHighlight[] }) {
  const union = [...new Set(items.flatMap((h) => h.highlight.tagIds))];
  return (
    <section className="highlight-editor" aria-label="Chosen highlights">
      <p className="bulk-count">{items.length} highlights chosen</p>
      <HighlightTags highlightIds={items.map((h) => h.highlight.id)} tagIds={union} />
    </section>
  );
}

export function AnnotationPane() {
  const createClaim = useDossier((s) => s.createClaim);
  const claiming = useRef(false);
  const requestFocus = useDossier((s) => s.requestFocus);
  const document = useDossier((s) => s.currentDocument);
  const liveHighlights = useDossier((s) => s.highlights);
  // The list of a long document's thousands of highlights is rendered after the reader has painted the text
  // (a render React can interrupt), so opening a document or adding a highlight never waits for it.
  const highlights = useDeferredValue(liveHighlights);
  const selectedId = useDossier((s) => s.selectedHighlightId);
  const selectHighlight = useDossier((s) => s.selectHighlight);
  const deleteHighlight = useDossier((s) => s.deleteHighlight);
  const selected = liveHighlights.find((h) => h.highlight.id === selectedId);
  const [several, setSeveral] = useState<string[]>([]);
  const chosen = useMemo(() => {
    if (several.length < 2) return [];
    const ids = new Set(several);
    return liveHighlights.filter((h) => ids.has(h.highlight.id));
  }, [several, liveHighlights]);
  // React Aria's own Selection object carries the anchor that Shift+click extends from; a fresh array of
  // keys would lose it. Keep its object while it still says what the store says.
  const [listSelection, setListSelection] = useState<Selection>(() => new Set());
  const selectedKeys: Selection =
    chosen.length > 1
      ? listSelection
      : selectedId && listSelection !== 'all' && listSelection.size === 1 && listSelection.has(selectedId)
        ? listSelection
        : new Set(selectedId ? [selectedId] : []);

  if (!document) return <aside className="annotations" aria-label="Annotations" />;
  return (
    <aside className="annotations" aria-label="Annotations">
      <h2 className="pane-title">Highlights ({liveHighlights.length})</h2>
      {liveHighlights.length === 0 ? (
        <p className="hint">Select text in the document, then pick a colour or press h.</p>
      ) : (
        // Delete removes the chosen highlight (Undo is offered), like the button below. The list is virtualised:
        // a document can carry thousands of highlights.
        <div
          className="highlight-list-frame"
          // In the list, c and t act on the chosen highlight like in the reader (the list's type-ahead
          // would otherwise take them).
          onKeyDownCapture={(e) => {
            if (
              e.ctrlKey ||
              e.metaKey ||
              e.altKey ||
              e.shiftKey ||
              e.repeat ||
              !selected ||
              chosen.length > 1
            )
              return;
            if (matchesShortcut(e, 'highlights.claim')) {
              e.preventDefault();
              e.stopPropagation();
              // One claim per press, even pressed again before the first one is back.
              if (selected.highlight.claimIds.length === 0 && !claiming.current) {
                claiming.current = true;
                void createClaim({ passage: { highlightId: selected.highlight.id } }).finally(() => {
                  claiming.current = false;
                });
              }
              requestFocus('claim');
            } else if (matchesShortcut(e, 'highlights.tag')) {
              e.preventDefault();
              e.stopPropagation();
              requestFocus('tags');
            }
          }}
          onKeyDown={(e) => {
            // With several chosen, the key would delete only the one chosen before them: it does nothing.
            if (matchesShortcut(e, 'highlights.delete') && selectedId && chosen.length < 2)
              void deleteHighlight(selectedId);
          }}
        >
          <Virtualizer layout={ListLayout} layoutOptions={{ estimatedRowHeight: 72, gap: 2 }}>
            <ListBox
              aria-label="Highlights"
              className="highlight-list"
              selectionMode="multiple"
              selectionBehavior="replace"
              selectedKeys={selectedKeys}
              onSelectionChange={(keys) => {
                setListSelection(keys);
                const all = keys === 'all' ? highlights.map((h) => h.highlight.id) : [...keys].map(String);
                if (all.length === 1) {
                  setSeveral([]);
                  selectHighlight(all[0]!, { scroll: true });
                } else {
                  setSeveral(all);
                }
              }}
              onAction={(key) => selectHighlight(String(key), { scroll: true })}
              // With `items`, React Aria renders an item again only when its object changed: choosing a
              // highlight, or adding one, no longer re-renders the thousands of others.
              items={highlights}
            >
              {({ highlight, anchor }) => (
                <ListBoxItem
                  id={highlight.id}
                  textValue={highlight.quote.exact}
                  className={`highlight-item item-${highlight.color}`}
                >
                  <span className={`swatch-dot swatch-${highlight.color}`} aria-hidden="true" />
                  <span className="highlight-quote">{highlight.quote.exact}</span>
                  {anchor && <PageOf start={anchor.start} />}
                  {highlight.note && <NoteText note={highlight.note} className="highlight-note-preview" />}
                  {highlight.tagIds.length > 0 && <TagChips tagIds={highlight.tagIds} />}
                  {highlight.claimIds.length > 0 && (
                    <span className="claim-marker">
                      {highlight.claimIds.length === 1 ? 'Claim' : `${highlight.claimIds.length} claims`}
                    </span>
                  )}
                  {!anchor && <span className="orphan">Passage not found in the text</span>}
                </ListBoxItem>
              )}
            </ListBox>
          </Virtualizer>
        </div>
      )}
      {chosen.length > 1 ? <BulkEditor items={chosen} /> : selected && <HighlightEditor item={selected} />}
    </aside>
  );
}

/** For documents with pages (PDFs), the page a passage starts on: what a citation names. */
function PageOf({ start }: { start: number }) {
  const blocks = useDossier((s) => s.currentDocument?.blocks);
  const index = blocks ? blocksInRange(blocks, start, start + 1)[0] : undefined;
  const page = index === undefined ? undefined : blocks?.[index]?.page;
  return page === undefined ? null : <span className="highlight-page">p. {page}</span>;
}
