// The event page: the event's fields edited inline and saved at once (like the claim editor), and the claims
// linked to it grouped by relation, each with its claimant and its passages quoted with their sources, a way
// to change the relation or unlink it, and "Delete event", which asks first.
import { useCallback, useState } from 'react';
import {
  Button,
  FieldError,
  Input,
  Label,
  ListBox,
  ListBoxItem,
  Popover,
  Select,
  SelectValue,
  TextArea,
  TextField,
} from 'react-aria-components';
import type { Claim, EventRelation } from '../../../shared/annotations';
import { rangeProblem } from '../../../shared/date-spans';
import {
  EVENT_RELATION_LABELS,
  EVENT_RELATIONS,
  EVENT_TITLE_MAX,
  type EventDetail,
} from '../../../shared/events';
import { ConfirmDeleteButton } from '../../components/ConfirmDeleteButton';
import { PartialDateField } from '../../components/PartialDateField';
import { useAutosave } from '../../components/useAutosave';
import { errorMessage, useDossier } from '../../store/index';
import type { EventChanges } from '../../store/events';
import { TagChips } from '../codebook/TagChips';
import { TagPicker } from '../codebook/TagPicker';
import { EntityPicker } from '../entities/EntityPicker';
import { passageSource } from '../claims/ClaimPassages';
import { StatusBadge } from '../claims/ClaimStatus';
import { ActorsField, ContestedMarker } from './eventParts';
import './events.css';
import { matchesShortcut } from '../../shortcuts';

const TEXT_SAVE_DELAY_MS = 400;
const DATE_SAVE_DELAY_MS = 800;

type ChoiceField = 'place' | 'actors' | 'tags';

/** The chosen event's page, or a note while it loads (the events list and the timeline show it beside them). */
export function SelectedEventPage({ id }: { id: string }) {
  const detail = useDossier((s) => s.eventDetail);
  if (detail && detail.id === id) return <EventPage event={detail} />;
  return (
    <p className="hint" aria-busy="true">
      Loading…
    </p>
  );
}

export function EventPage({ event }: { event: EventDetail }) {
  // Another event is another form: drafts of the last one must not carry over.
  return <EventForm key={event.id} event={event} />;
}

/** A date field that saves itself; `check` says what is wrong with a value (nothing is saved then). */
function useDateAutosave(
  saved: string | null,
  save: (value: string | null) => Promise<void>,
  stillExists: () => boolean,
  check: (value: string | null) => string | null,
) {
  const [invalid, setInvalid] = useState<string | null>(null);
  const auto = useAutosave<string | null>({
    saved,
    save,
    delay: DATE_SAVE_DELAY_MS,
    invalid,
    validate: check,
    stillExists,
  });
  const [resets, setResets] = useState(auto.resets);
  if (resets !== auto.resets) {
    setResets(auto.resets);
    setInvalid(null);
  }
  const onChange = (result: { value: string | null } | { error: string }) => {
    if ('error' in result) return setInvalid(result.error);
    setInvalid(null);
    auto.setDraft(result.value);
  };
  return { ...auto, onChange };
}

function EventForm({ event }: { event: EventDetail }) {
  const updateEvent = useDossier((s) => s.updateEvent);
  const id = event.id;
  const stillExists = useCallback(() => useDossier.getState().events.some((e) => e.id === id), [id]);
  const save = useCallback((changes: EventChanges) => updateEvent(id, changes), [id, updateEvent]);

  const [inFlight, setInFlight] = useState(0);
  const [pending, setPending] = useState<EventChanges>({});
  const [errors, setErrors] = useState<Partial<Record<ChoiceField, string>>>({});
  const choose = (field: ChoiceField, changes: EventChanges) => {
    setPending((p) => ({ ...p, ...changes }));
    setInFlight((n) => n + 1);
    save(changes)
      .then(
        () => setErrors((e) => ({ ...e, [field]: undefined })),
        (error: unknown) => setErrors((e) => ({ ...e, [field]: errorMessage(error) })),
      )
      .finally(() => {
        setInFlight((n) => n - 1);
        setPending((p) => {
          const rest = { ...p };
          for (const key of Object.keys(changes)) delete rest[key as keyof EventChanges];
          return rest;
        });
      });
  };

  const title = useAutosave({
    saved: event.title,
    save: (value) => save({ title: value }),
    delay: TEXT_SAVE_DELAY_MS,
    normalize: (value) => value.trim(),
    validate: (value) => (value === '' ? 'An event needs a title' : null),
    stillExists,
  });
  const description = useAutosave({
    saved: event.description,
    save: (value) => save({ description: value }),
    delay: TEXT_SAVE_DELAY_MS,
    stillExists,
  });
  const start = useDateAutosave(
    event.start,
    (value) => (value === null ? Promise.resolve() : save({ start: value })),
    stillExists,
    (value) => (value === null ? 'An event needs a date (a year at least)' : null),
  );
  // An end before the start is said at once, beside the end, as the main side would refuse it.
  const end = useDateAutosave(
    event.end,
    (value) => save({ end: value }),
    stillExists,
    (value) =>
      value === null || start.draft === null ? null : rangeProblem({ start: start.draft, end: value }),
  );

  const placeId = pending.placeId !== undefined ? pending.placeId : event.placeId;
  const actorIds = pending.actorIds ?? event.actorIds;
  const tagIds = pending.tagIds ?? event.tagIds;
  const fields = [title, description, start, end];
  const failed = fields.some((f) => f.error !== null) || Object.values(errors).some(Boolean);
  const busy = fields.some((f) => f.busy) || inFlight > 0;

  return (
    <section className="event-page" aria-label="Event">
      <div className="event-page-head">
        <h2 className="pane-title">Event</h2>
        {event.contested && <ContestedMarker />}
        <span className="save-state" role="status" aria-live="polite">
          {failed ? 'Not saved' : busy ? 'Saving…' : 'Saved'}
        </span>
      </div>

      <TextField
        className="event-field"
        value={title.draft}
        onChange={title.setDraft}
        onBlur={title.flush}
        onKeyDown={(e) => matchesShortcut(e, 'field.save') && title.flush()}
        maxLength={EVENT_TITLE_MAX}
        isInvalid={title.error !== null}
      >
        <Label>Title</Label>
        <Input />
        <FieldError className="field-error">{title.error}</FieldError>
      </TextField>

      <div className="event-field" onBlur={start.flush}>
        <span className="label-like" aria-hidden="true">
          Date
        </span>
        <PartialDateField key={start.resets} label="Date" value={event.start} onChange={start.onChange} />
        {start.error && (
          <span className="field-error" role="alert">
            {start.error}
          </span>
        )}
      </div>

      <div className="event-field" onBlur={end.flush}>
        <span className="label-like" aria-hidden="true">
          End date
        </span>
        <PartialDateField key={end.resets} label="End date" value={event.end} onChange={end.onChange} />
        {end.error && (
          <span className="field-error" role="alert">
            {end.error}
          </span>
        )}
      </div>

      <div className="event-field">
        <EntityPicker label="Place" value={placeId} onChange={(p) => choose('place', { placeId: p })} />
        {errors.place && (
          <span className="field-error" role="alert">
            {errors.place}
          </span>
        )}
      </div>

      <ActorsField
        actorIds={actorIds}
        onChange={(ids) => choose('actors', { actorIds: ids })}
        error={errors.actors}
      />

      <div className="event-field" role="group" aria-label="Tags">
        <span className="label-like" aria-hidden="true">
          Tags
        </span>
        <TagChips
          tagIds={tagIds}
          onRemove={(tagId) => choose('tags', { tagIds: tagIds.filter((t) => t !== tagId) })}
        />
        <TagPicker
          label="Add tag"
          appliedTagIds={tagIds}
          onChoose={(tagId) => !tagIds.includes(tagId) && choose('tags', { tagIds: [...tagIds, tagId] })}
        />
        {errors.tags && (
          <span className="field-error" role="alert">
            {errors.tags}
          </span>
        )}
      </div>

      <TextField
        className="event-field"
        value={description.draft}
        onChange={description.setDraft}
        onBlur={description.flush}
        isInvalid={description.error !== null}
      >
        <Label>Description</Label>
        <TextArea rows={4} />
        <FieldError className="field-error">{description.error}</FieldError>
      </TextField>

      <EventClaims event={event} />

      <DeleteEventButton eventId={id} />
    </section>
  );
}

function EventClaims({ event }: { event: EventDetail }) {
  return (
    <div className="event-claims">
      {EVENT_RELATIONS.map((relation) => {
        const claims = event.claims.filter((c) => c.relation === relation).map((c) => c.claim);
        const headingId = `event-${event.id}-${relation}`;
        return (
          <section key={relation} className="event-claim-group" aria-labelledby={headingId}>
            <h3 id={headingId} className="event-subtitle">
              {EVENT_RELATION_LABELS[relation]} ({claims.length})
            </h3>
            {claims.length === 0 ? (
              <p className="hint">No claim.</p>
            ) : (
              <ul className="event-claim-list">
                {claims.map((claim) => (
                  <EventClaim key={claim.id} eventId={event.id} claim={claim} relation={relation} />
                ))}
              </ul>
            )}
          </section>
        );
      })}
    </div>
  );
}

function EventClaim({
  eventId,
  claim,
  relation,
}: {
  eventId: string;
  claim: Claim;
  relation: EventRelation;
}) {
  const claimant = useDossier((s) =>
    claim.claimantId ? s.entities.find((e) => e.id === claim.claimantId)?.name : undefined,
  );
  const linkClaim = useDossier((s) => s.linkClaim);
  const unlinkClaim = useDossier((s) => s.unlinkClaim);
  const selectClaim = useDossier((s) => s.selectClaim);
  const setView = useDossier((s) => s.setView);
  return (
    <li className="event-claim">
      <p className="event-claim-statement">{claim.statement}</p>
      <p className="event-claim-meta">
        <span>{claimant ?? <span className="muted">Claimant unknown</span>}</span>
        <StatusBadge status={claim.status} />
      </p>
      {claim.passages.length > 0 && (
        <ol className="event-claim-passages">
          {claim.passages.map((passage) => {
            const [title, ...rest] = passageSource(passage);
            return (
              <li key={passage.highlightId} className="event-claim-passage">
                <blockquote className="claim-passage-quote">{passage.quote}</blockquote>
                <p className="claim-passage-source">
                  <cite>{title}</cite>
                  {rest.map((part, i) => (
                    <span key={i} className="source-part">
                      {part}
                    </span>
                  ))}
                </p>
              </li>
            );
          })}
        </ol>
      )}
      <div className="event-claim-actions">
        <Select
          aria-label={`Relation of “${claim.statement}”`}
          className="event-relation-select"
          selectedKey={relation}
          onSelectionChange={(key) => {
            if (key !== null && key !== relation) {
              void linkClaim(eventId, claim.id, String(key) as EventRelation);
            }
          }}
        >
          <Button className="select-button">
            <SelectValue />
            <span aria-hidden="true">▾</span>
          </Button>
          <Popover className="menu-popover">
            <ListBox className="menu">
              {EVENT_RELATIONS.map((r) => (
                <ListBoxItem key={r} id={r} className="menu-option">
                  {EVENT_RELATION_LABELS[r]}
                </ListBoxItem>
              ))}
            </ListBox>
          </Popover>
        </Select>
        <Button
          className="secondary-button small"
          onPress={() => {
            selectClaim(claim.id);
            setView('claims');
          }}
        >
          Open claim
        </Button>
        <Button className="link-button small-link" onPress={() => void unlinkClaim(eventId, claim.id)}>
          Unlink
        </Button>
      </div>
    </li>
  );
}

function DeleteEventButton({ eventId }: { eventId: string }) {
  const deleteEvent = useDossier((s) => s.deleteEvent);
  return (
    <ConfirmDeleteButton
      label="Delete event"
      title="Delete this event?"
      message="Its links to claims go with it; the claims stay. You can undo this."
      onConfirm={() => void deleteEvent(eventId)}
    />
  );
}
