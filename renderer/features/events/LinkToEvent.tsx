// A claim's events, in the claim editor: each link with its relation, removable, and "Link to event…", a
// dialog with a type-ahead over the events' titles that can also create the event (dated with the claim's
// date when it has one, else with a date asked for here) and a choice of relation.
import { useMemo, useState } from 'react';
import { Button, ComboBox, Dialog, DialogTrigger, Heading, ListBoxItem, Modal } from 'react-aria-components';
import { foldForSearch, type Claim, type EventRelation } from '../../../shared/annotations';
import { EVENT_RELATION_LABELS, type Event } from '../../../shared/events';
import { ComboField, ComboList } from '../../components/ComboParts';
import { PartialDateField } from '../../components/PartialDateField';
import { useDossier } from '../../store/index';
import { RelationRadios } from './eventParts';
import { formatEventDate } from './eventFormat';
import './events.css';

const MAX_OPTIONS = 50;
const CREATE_KEY = '::create';

type EventOption =
  | { id: string; kind: 'event'; event: Event; text: string }
  | { id: typeof CREATE_KEY; kind: 'create'; label: string; text: string };

export function ClaimEvents({ claim }: { claim: Claim }) {
  const events = useDossier((s) => s.events);
  const unlinkClaim = useDossier((s) => s.unlinkClaim);
  const byId = new Map(events.map((e) => [e.id, e]));
  const links = claim.eventLinks.filter((l) => byId.has(l.eventId));
  const headingId = `claim-events-${claim.id}`;
  return (
    <section className="claim-events" aria-labelledby={headingId}>
      <h3 id={headingId} className="claim-subtitle">
        Events ({links.length})
      </h3>
      {links.length > 0 && (
        <ul className="claim-event-list">
          {links.map((link) => {
            const event = byId.get(link.eventId)!;
            return (
              <li key={link.eventId} className="claim-event">
                <span className="claim-event-relation">{EVENT_RELATION_LABELS[link.relation]}</span>
                <span className="claim-event-title">{event.title}</span>
                <span className="muted">{formatEventDate(event)}</span>
                <Button
                  className="link-button small-link"
                  aria-label={`Unlink from event ${event.title}`}
                  onPress={() => void unlinkClaim(event.id, claim.id)}
                >
                  Unlink
                </Button>
              </li>
            );
          })}
        </ul>
      )}
      <LinkToEventButton claim={claim} />
    </section>
  );
}

function LinkToEventButton({ claim }: { claim: Claim }) {
  const [open, setOpen] = useState(false);
  return (
    <DialogTrigger isOpen={open} onOpenChange={setOpen}>
      <Button className="secondary-button small">Link to event…</Button>
      <Modal isDismissable className="modal">
        <Dialog className="dialog link-to-event">
          <Heading slot="title">Link to event</Heading>
          <LinkToEventForm claim={claim} onDone={() => setOpen(false)} />
        </Dialog>
      </Modal>
    </DialogTrigger>
  );
}

function LinkToEventForm({ claim, onDone }: { claim: Claim; onDone(): void }) {
  const events = useDossier((s) => s.events);
  const createEvent = useDossier((s) => s.createEvent);
  const linkClaim = useDossier((s) => s.linkClaim);
  const [text, setText] = useState('');
  // The option last chosen in the list; it counts while the field still shows it.
  const [chosenKey, setChosenKey] = useState<string | null>(null);
  const [relation, setRelation] = useState<EventRelation>('supports');
  const [date, setDate] = useState<{ value: string | null } | { error: string }>({ value: null });
  const [busy, setBusy] = useState(false);

  const options = useMemo((): EventOption[] => {
    const wanted = foldForSearch(text.trim());
    const found: EventOption[] = events
      .filter((e) => !wanted || foldForSearch(e.title).includes(wanted))
      .slice(0, MAX_OPTIONS)
      .map((event) => ({ id: event.id, kind: 'event', event, text: event.title }));
    const title = text.trim();
    if (title !== '' && !events.some((e) => foldForSearch(e.title) === wanted)) {
      found.push({ id: CREATE_KEY, kind: 'create', label: `Create event “${title}”`, text: title });
    }
    return found;
  }, [events, text]);

  const chosen = options.find((o) => o.id === chosenKey && (o.kind === 'create' || o.text === text)) ?? null;
  const creating = chosen?.kind === 'create';
  const needsDate = creating && claim.claimDate === null;
  const dateError =
    'error' in date
      ? date.error
      : date.value === null
        ? 'The new event needs a date (a year at least)'
        : null;
  const ready = chosen !== null && !(needsDate && dateError !== null) && !busy;

  const link = async () => {
    if (!chosen || !ready) return;
    setBusy(true);
    let eventId = chosen.id;
    if (creating) {
      const start = claim.claimDate ?? ('value' in date ? date.value : null);
      const created = start === null ? null : await createEvent({ title: chosen.text, start });
      if (!created) return setBusy(false);
      eventId = created.id;
    }
    const ok = await linkClaim(eventId, claim.id, relation);
    setBusy(false);
    if (ok) onDone();
  };

  return (
    <div className="event-form">
      <ComboBox
        className="tag-picker"
        aria-label="Event"
        inputValue={text}
        onInputChange={setText}
        items={options}
        onSelectionChange={(key) => key !== null && setChosenKey(String(key))}
        menuTrigger="focus"
        allowsEmptyCollection
      >
        <ComboField label="Event" toggleLabel="Show events" autoFocus placeholder="Type words of the title" />
        <ComboList<EventOption>
          empty={events.length === 0 ? 'No events yet: type a title' : 'No event matches.'}
        >
          {(o) =>
            o.kind === 'create' ? (
              <ListBoxItem id={o.id} textValue={o.text} className="picker-option picker-create">
                {o.label}
              </ListBoxItem>
            ) : (
              <ListBoxItem id={o.id} textValue={o.text} className="picker-option">
                <span>{o.event.title}</span>
                <span className="claim-option-detail">{formatEventDate(o.event)}</span>
              </ListBoxItem>
            )
          }
        </ComboList>
      </ComboBox>

      {creating &&
        (claim.claimDate === null ? (
          <div className="event-field">
            <PartialDateField label="Date" value={null} onChange={setDate} />
            <span className="field-hint">The claim has no date: when did the event happen?</span>
            {dateError && 'error' in date && (
              <span className="field-error" role="alert">
                {dateError}
              </span>
            )}
          </div>
        ) : (
          <p className="hint">The new event is dated like the claim.</p>
        ))}

      <RelationRadios value={relation} onChange={setRelation} />

      <div className="dialog-buttons">
        <Button slot="close" className="secondary-button">
          Cancel
        </Button>
        <Button className="primary-button" isDisabled={!ready} onPress={() => void link()}>
          Link
        </Button>
      </div>
    </div>
  );
}
