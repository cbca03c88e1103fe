// "Suggest events…" (issue 5): candidate events read from the dated sentences of the open document, or of a
// highlight's passage. Each shows its sentence with the date marked, the date as read and how it was read
// (uncertain ones say so). Nothing is created until the user accepts one — in the New event form, with the
// title and date editable. While the app runs, a dismissed suggestion stays dismissed and an accepted one
// shows the event made from it rather than offering to make it twice.
import { useEffect, useId, useRef, useState } from 'react';
import { Button, Dialog, DialogTrigger, Heading, Modal } from 'react-aria-components';
import { formatPartialDate } from '../../../shared/dates';
import type { Event, EventSuggestion } from '../../../shared/events';
import { useDossier } from '../../store/index';
import { NewEventForm } from './NewEventDialog';
import { suggestionTitle } from './suggestionTitle';
import './suggestions.css';

interface Passage {
  start: number;
  end: number;
}

interface Item {
  suggestion: EventSuggestion;
  /** Which occurrence of its date text in its sentence it is (a sentence may state the same date twice). */
  occurrence: number;
  /** The same whether it was asked for from the whole document or from a passage of it. */
  key: string;
}

function itemsOf(suggestions: readonly EventSuggestion[]): Item[] {
  const seen = new Map<string, number>();
  return suggestions.map((suggestion) => {
    const base = `${suggestion.start}-${suggestion.end}:${suggestion.dateText}`;
    const occurrence = seen.get(base) ?? 0;
    seen.set(base, occurrence + 1);
    return { suggestion, occurrence, key: `${base}:${occurrence}` };
  });
}

/** Opens the suggestions for a document, or for the passage [start, end) of it. */
export function SuggestEventsButton({ documentId, passage }: { documentId: string; passage?: Passage }) {
  const [open, setOpen] = useState(false);
  return (
    <DialogTrigger isOpen={open} onOpenChange={setOpen}>
      <Button className="secondary-button small">Suggest events…</Button>
      <Modal isDismissable className="modal">
        <Dialog className="dialog suggestions-dialog">
          <Heading slot="title">Suggested events</Heading>
          <p className="hint">
            From the dates stated in {passage ? 'this highlight’s passage' : 'this document'}. Nothing is
            created until you accept a suggestion.
          </p>
          <SuggestionList documentId={documentId} passage={passage} />
          <div className="dialog-buttons">
            <Button slot="close" className="secondary-button suggestions-close">
              Close
            </Button>
          </div>
        </Dialog>
      </Modal>
    </DialogTrigger>
  );
}

function SuggestionList({ documentId, passage }: { documentId: string; passage: Passage | undefined }) {
  const suggestEvents = useDossier((s) => s.suggestEvents);
  const dismissed = useDossier((s) => s.dismissedSuggestions[documentId]);
  const dismissSuggestion = useDossier((s) => s.dismissSuggestion);
  const [items, setItems] = useState<Item[] | 'loading' | 'failed'>('loading');
  /** The suggestion whose New event form is open. */
  const [accepting, setAccepting] = useState<string | null>(null);
  /** The titles of the events made from this document's suggestions, by suggestion. */
  const created = useDossier((s) => s.acceptedSuggestions[documentId]);
  const acceptSuggestion = useDossier((s) => s.acceptSuggestion);
  const events = useDossier((s) => s.events);
  // An event made from a suggestion and since deleted (or undone) frees the suggestion again.
  const createdTitle = (key: string) => {
    const made = created?.[key];
    return made && events.some((e) => e.id === made.eventId) ? made.title : undefined;
  };
  const rootRef = useRef<HTMLDivElement>(null);
  // Where the focus goes once the list has re-rendered: a suggestion (by key), or the Close button.
  const focusNext = useRef<string | null>(null);
  const from = passage?.start;
  const to = passage?.end;

  useEffect(() => {
    let current = true;
    void suggestEvents({ documentId, start: from, end: to }).then((found) => {
      if (current) setItems(found ? itemsOf(found) : 'failed');
    });
    return () => {
      current = false;
    };
  }, [suggestEvents, documentId, from, to]);

  useEffect(() => {
    if (focusNext.current === null) return;
    const key = focusNext.current;
    focusNext.current = null;
    const item = rootRef.current?.querySelector(`[data-key="${CSS.escape(key)}"]`);
    // The item's first control: its Accept button, its form's title, or the note that its event was created.
    const target =
      item?.querySelector<HTMLElement>('button, input, [tabindex="-1"]') ??
      rootRef.current?.closest('[role="dialog"]')?.querySelector<HTMLElement>('.suggestions-close');
    target?.focus();
  });

  if (items === 'loading') {
    return (
      <p className="hint" role="status">
        Reading the dates…
      </p>
    );
  }
  if (items === 'failed') return <p className="hint">The dates could not be read.</p>;
  if (items.length === 0) {
    return (
      <p className="hint" role="status">
        No dated sentences found.
      </p>
    );
  }
  const shown = items.filter((item) => !dismissed?.includes(item.key));

  const dismiss = (key: string) => {
    const at = shown.findIndex((item) => item.key === key);
    // The focus moves on to the next suggestion (or back to the one before, or to Close).
    focusNext.current = (shown[at + 1] ?? shown[at - 1])?.key ?? 'close';
    if (accepting === key) setAccepting(null);
    dismissSuggestion(documentId, key);
  };

  return (
    <div className="suggestions" ref={rootRef}>
      <p className="suggestions-count" role="status">
        {shown.length === 0
          ? 'Every suggestion here was dismissed.'
          : shown.length === 1
            ? '1 suggestion'
            : `${shown.length} suggestions`}
      </p>
      {shown.length > 0 && (
        <ul className="suggestion-list" aria-label="Suggestions">
          {shown.map((item) => (
            <SuggestionItem
              key={item.key}
              item={item}
              createdTitle={createdTitle(item.key)}
              accepting={accepting === item.key}
              onAccept={() => setAccepting(item.key)}
              onDismiss={() => dismiss(item.key)}
              onFormDone={() => {
                focusNext.current = item.key;
                setAccepting(null);
              }}
              onCreated={(event) => acceptSuggestion(documentId, item.key, event)}
            />
          ))}
        </ul>
      )}
    </div>
  );
}

function SuggestionItem({
  item,
  createdTitle,
  accepting,
  onAccept,
  onDismiss,
  onFormDone,
  onCreated,
}: {
  item: Item;
  createdTitle: string | undefined;
  accepting: boolean;
  onAccept(): void;
  onDismiss(): void;
  onFormDone(): void;
  onCreated(event: Event): void;
}) {
  const { suggestion } = item;
  const sentenceId = useId();
  return (
    <li className="suggestion" data-key={item.key} aria-labelledby={sentenceId}>
      <p id={sentenceId} className="suggestion-sentence">
        <SentenceWithDate
          sentence={suggestion.sentence}
          dateText={suggestion.dateText}
          occurrence={item.occurrence}
        />
      </p>
      <p className="suggestion-date">
        <span className="suggestion-date-value">
          {suggestion.date ? formatPartialDate(suggestion.date) : 'date not known'}
        </span>
        {!suggestion.certain && <span className="suggestion-uncertain">Uncertain</span>}
        <span className="suggestion-reason">{suggestion.reason}</span>
      </p>
      {createdTitle !== undefined ? (
        <p className="suggestion-created" tabIndex={-1}>
          Event created: {createdTitle}
        </p>
      ) : accepting ? (
        <section className="suggestion-form" aria-label={`New event from “${suggestion.dateText}”`}>
          <NewEventForm
            initial={{ title: suggestionTitle(suggestion.sentence), start: suggestion.date }}
            onDone={onFormDone}
            onCreated={onCreated}
          />
        </section>
      ) : (
        <div className="suggestion-buttons">
          <Button
            className="primary-button"
            aria-label={`Accept: ${suggestion.dateText}`}
            aria-describedby={sentenceId}
            onPress={onAccept}
          >
            Accept…
          </Button>
          <Button
            className="secondary-button"
            aria-label={`Dismiss: ${suggestion.dateText}`}
            aria-describedby={sentenceId}
            onPress={onDismiss}
          >
            Dismiss
          </Button>
        </div>
      )}
    </li>
  );
}

/** The sentence with the words that state the date marked. */
function SentenceWithDate({
  sentence,
  dateText,
  occurrence,
}: {
  sentence: string;
  dateText: string;
  occurrence: number;
}) {
  let at = -1;
  for (let n = 0; n <= occurrence; n++) {
    at = sentence.indexOf(dateText, at + 1);
    if (at < 0) return <>{sentence}</>;
  }
  return (
    <>
      {sentence.slice(0, at)}
      <mark>{dateText}</mark>
      {sentence.slice(at + dateText.length)}
    </>
  );
}
