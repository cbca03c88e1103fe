// The events view: every event in chronological order (as the main side returns it) with its date, title,
// place, claims by relation and whether it is contested, and the chosen event's page beside the list.
import { useMemo } from 'react';
import { GridList, GridListItem } from 'react-aria-components';
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

export function EventsView() {
  const events = useDossier((s) => s.events);
  const loaded = useDossier((s) => s.eventsLoaded);
  const entities = useDossier((s) => s.entities);
  const selectedId = useDossier((s) => s.selectedEventId);
  const selectEvent = useDossier((s) => s.selectEvent);
  const names = useMemo(() => new Map(entities.map((e) => [e.id, e.name])), [entities]);

  if (!loaded) return <div className="events-view" aria-busy="true" />;
  return (
    <div className="events-view">
      <div className="events-toolbar">
        <p className="events-count">
          {events.length === 1 ? '1 event' : `${events.length} events`}
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
            renderEmptyState={() => (
              <p className="hint events-empty">
                No events yet. Make one with “New event”, or link a claim to an event from the claim’s “Link
                to event…” button.
              </p>
            )}
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
