// "New event": a title, a date at the precision known (optionally a range), a place, actors, tags and a
// description. The event is created only when "Create event" is pressed; problems show beside their field.
// The same form accepts a suggested event, starting from the title and date the suggestion offers.
import { useState } from 'react';
import {
  Button,
  Dialog,
  DialogTrigger,
  FieldError,
  Heading,
  Input,
  Label,
  Modal,
  TextArea,
  TextField,
} from 'react-aria-components';
import { rangeProblem } from '../../../shared/date-spans';
import { EVENT_TITLE_MAX, type Event } from '../../../shared/events';
import { PartialDateField } from '../../components/PartialDateField';
import { useDossier } from '../../store/index';
import { TagChips } from '../codebook/TagChips';
import { TagPicker } from '../codebook/TagPicker';
import { EntityPicker } from '../entities/EntityPicker';
import { ActorsField } from './eventParts';
import './events.css';

type DateResult = { value: string | null } | { error: string };

export function NewEventButton() {
  const [open, setOpen] = useState(false);
  return (
    <DialogTrigger isOpen={open} onOpenChange={setOpen}>
      <Button className="primary-button">New event</Button>
      <Modal isDismissable className="modal">
        <Dialog className="dialog event-new-dialog">
          <Heading slot="title">New event</Heading>
          <NewEventForm onDone={() => setOpen(false)} />
        </Dialog>
      </Modal>
    </DialogTrigger>
  );
}

export function NewEventForm({
  onDone,
  initial,
  onCreated,
}: {
  /** Called on Cancel, and after the event is created. */
  onDone(): void;
  /** What the fields start with (a suggestion's title and date); empty by default. */
  initial?: { title: string; start: string | null };
  /** Called with the new event; by default the event is chosen, to show it in the Events view. */
  onCreated?(event: Event): void;
}) {
  const createEvent = useDossier((s) => s.createEvent);
  const selectEvent = useDossier((s) => s.selectEvent);
  const [title, setTitle] = useState(initial?.title ?? '');
  const [start, setStart] = useState<DateResult>({ value: initial?.start ?? null });
  const [end, setEnd] = useState<DateResult>({ value: null });
  const [placeId, setPlaceId] = useState<string | null>(null);
  const [actorIds, setActorIds] = useState<string[]>([]);
  const [tagIds, setTagIds] = useState<string[]>([]);
  const [description, setDescription] = useState('');
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);

  const titleError = title.trim() === '' ? 'An event needs a title' : null;
  const startError =
    'error' in start ? start.error : start.value === null ? 'An event needs a date (a year at least)' : null;
  const endError =
    'error' in end
      ? end.error
      : startError === null && 'value' in start && start.value !== null && end.value !== null
        ? rangeProblem({ start: start.value, end: end.value })
        : null;

  const submit = async () => {
    setTried(true);
    if (titleError || startError || endError || !('value' in start) || start.value === null) return;
    setBusy(true);
    const event = await createEvent({
      title: title.trim(),
      start: start.value,
      end: 'value' in end ? end.value : null,
      placeId,
      actorIds,
      tagIds,
      description,
    });
    setBusy(false);
    if (!event) return;
    onDone();
    if (onCreated) onCreated(event);
    else selectEvent(event.id);
  };

  return (
    <form
      className="event-form"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <TextField
        className="event-field"
        value={title}
        onChange={setTitle}
        maxLength={EVENT_TITLE_MAX}
        isInvalid={tried && titleError !== null}
        autoFocus
      >
        <Label>Title</Label>
        <Input />
        <FieldError className="field-error">{titleError}</FieldError>
      </TextField>

      <div className="event-field">
        <span className="label-like" aria-hidden="true">
          Date
        </span>
        <PartialDateField label="Date" value={initial?.start ?? null} onChange={setStart} />
        {tried && startError && (
          <span className="field-error" role="alert">
            {startError}
          </span>
        )}
      </div>

      <div className="event-field">
        <span className="label-like" aria-hidden="true">
          End date
        </span>
        <PartialDateField label="End date" value={null} onChange={setEnd} />
        <span className="field-hint">Leave “Not known” for a single date.</span>
        {tried && endError && (
          <span className="field-error" role="alert">
            {endError}
          </span>
        )}
      </div>

      <div className="event-field">
        <EntityPicker label="Place" value={placeId} onChange={setPlaceId} />
      </div>

      <ActorsField actorIds={actorIds} onChange={setActorIds} />

      <div className="event-field" role="group" aria-label="Tags">
        <span className="label-like" aria-hidden="true">
          Tags
        </span>
        <TagChips tagIds={tagIds} onRemove={(id) => setTagIds((ids) => ids.filter((t) => t !== id))} />
        <TagPicker
          label="Add tag"
          appliedTagIds={tagIds}
          onChoose={(id) => setTagIds((ids) => (ids.includes(id) ? ids : [...ids, id]))}
        />
      </div>

      <TextField className="event-field" value={description} onChange={setDescription}>
        <Label>Description</Label>
        <TextArea rows={3} />
      </TextField>

      <div className="dialog-buttons">
        <Button className="secondary-button" onPress={onDone}>
          Cancel
        </Button>
        <Button type="submit" className="primary-button" isDisabled={busy}>
          Create event
        </Button>
      </div>
    </form>
  );
}
