// The events view: every event in chronological order (as the main side returns it) with its date, title,
// place, claims by relation and whether it is contested, and the chosen event's page beside the list.
import { useMemo, useState } from 'react';
import { GridList, GridListItem, Input, Label, SearchField } from 'react-aria-components';
import { rangeSpan } from '../../../shared/date-spans';
import { matchesQuery, readSearchBox } from '../../../shared/search-query';
import { claimLookups, tagPath } from '../claims/claimFilters';
import { EVENT_RELATION_LABELS, EVENT_RELATIONS, type Event } from '../../../shared/events';
import { singleKey } from '../../components/selection';
import { useDossier } from '../../store/index';
import { ContestedMarker } from './eventParts';
import { formatEventDate } from './eventFormat';
import { SelectedEventPage } from './EventPage';
import { NewEventButton } from './NewEventDialog';
import '../claims/claims.css';
import './events.css';

function EventRow({ event, place }: { event: Event; place: string | undefined }) {
  const counts = EVENT_RELATIONS.map((r) => `${EVENT_RELATION_LABELS[r]} ${event.claimCounts[r]}`);
  return (
    <GridListItem id={event.id} textValue={event.title} className="event-row">
      <span className="event-row-date">{formatEventDate(event)}</span>
      <span className="event-row-main">
        <span className="event-row-title">{event.title}</span>
        {place && <span className="event-row-place">{place}</span>}
      </span>
      <span className="event-row-counts">{counts.join(' · ')}</span>
      {event.contested && <ContestedMarker />}
    </GridListItem>
  );
}

/** An event as the query language sees it: its words, its claims' statuses, its tags and its dates. */
function eventTarget(event: Event, names: ReadonlyMap<string, string>, tagPathOf: (id: string) => string) {
  const people = [event.placeId, ...event.actorIds].flatMap((id) =>
    id && names.get(id) ? [names.get(id)!] : [],
  );
  return {
    kind: 'event' as const,
    text: [event.title, event.description, ...people].join('\n'),
    statuses: event.claimStatuses,
    tagPaths: event.tagIds.map(tagPathOf),
    span: rangeSpan(event),
  };
}

export function EventsView() {
  const allEvents = useDossier((s) => s.events);
  const tags = useDossier((s) => s.tags);
  const [search, setSearch] = useState('');
  const loaded = useDossier((s) => s.eventsLoaded);
  const entities = useDossier((s) => s.entities);
  const selectedId = useDossier((s) => s.selectedEventId);
  const selectEvent = useDossier((s) => s.selectEvent);
  const names = useMemo(() => new Map(entities.map((e) => [e.id, e.name])), [entities]);
  const lookups = useMemo(() => claimLookups(tags, entities), [tags, entities]);
  const read = useMemo(() => readSearchBox(search), [search]);
  const query = 'query' in read ? read.query : null;
  const events = useMemo(
    () =>
      query
        ? allEvents.filter((e) =>
            matchesQuery(
              query,
              eventTarget(e, names, (id) => tagPath(lookups, id)),
            ),
          )
        : allEvents,
    [allEvents, query, names, lookups],
  );

  if (!loaded) return <div className="events-view" aria-busy="true" />;
  return (
    <div className="events-view">
      <div className="events-toolbar">
        <SearchField
          className="claims-filter claims-search"
          value={search}
          onChange={setSearch}
          isInvalid={'error' in read}
        >
          <Label>Search events</Label>
          <Input placeholder="Words, date:2024, status:disputed, tag:…" />
          {'error' in read && <span className="field-error filter-error">{read.error}</span>}
        </SearchField>
        <p className="events-count" aria-live="polite">
          {query
            ? `${events.length} of ${allEvents.length} events`
            : events.length === 1
              ? '1 event'
              : `${events.length} events`}
          {events.some((e) => e.contested) && `, ${events.filter((e) => e.contested).length} contested`}
        </p>
        <NewEventButton />
      </div>
      <div className="events-body">
        <div className="events-list-frame">
          <GridList
            aria-label="Events"
            className="events-list"
            items={events}
            dependencies={[names]}
            selectionMode="single"
            selectionBehavior="replace"
            disallowEmptySelection
            selectedKeys={selectedId ? [selectedId] : []}
            onSelectionChange={(keys) => {
              const key = singleKey(keys);
              if (key !== undefined) selectEvent(key);
            }}
            renderEmptyState={() =>
              query ? (
                <p className="hint events-empty">No event matches this search.</p>
              ) : (
                <p className="hint events-empty">
                  No events yet. Make one with “New event”, or link a claim to an event from the claim’s “Link
                  to event…” button.
                </p>
              )
            }
          >
            {(event) => (
              <EventRow event={event} place={event.placeId ? names.get(event.placeId) : undefined} />
            )}
          </GridList>
        </div>
        <aside key={selectedId ?? 'none'} className="event-detail" aria-label="Event details">
          {selectedId === null ? (
            <p className="hint">Choose an event to see its claims and edit it.</p>
          ) : (
            <SelectedEventPage id={selectedId} />
          )}
        </aside>
      </div>
    </div>
  );
}
