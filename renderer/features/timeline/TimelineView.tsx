// The timeline view (issue 5): events on a time axis (TimelineCanvas) in one lane or in lanes by tag or by
// actor, filtered by tag, actor, claim status and date range, with the chosen event's page beside it. This
// part owns the layout, which changes only with the events and the filters; the canvas owns the view.
import { useMemo } from 'react';
import { Button, ToggleButton, ToggleButtonGroup } from 'react-aria-components';
import { CLAIM_STATUS_LABELS, CLAIM_STATUSES } from '../../../shared/annotations';
import { useDossier } from '../../store/index';
import { claimLookups, tagPath, tagWithDescendants } from '../claims/claimFilters';
import { ANY, DateBoundInput, FilterSelect, useTagOptions, type Option } from '../claims/ClaimFilters';
import { StatusSymbol } from '../claims/ClaimStatus';
import { SelectedEventPage } from '../events/EventPage';
import { NewEventButton } from '../events/NewEventDialog';
import { layoutTimeline, timelineBound, type LaneMode, type LayoutLookups } from './timelineLayout';
import { TimelineCanvas } from './TimelineCanvas';
import '../claims/claims.css';
import '../events/events.css';
import './timeline.css';

const LANE_LABELS: Record<LaneMode, string> = { none: 'One lane', tag: 'By tag', actor: 'By actor' };

function BoundField({ label, side }: { label: string; side: 'dateFrom' | 'dateTo' }) {
  const value = useDossier((s) => s.timelineFilter[side]);
  const setFilter = useDossier((s) => s.setTimelineFilter);
  const bound = timelineBound(value);
  return (
    <DateBoundInput
      label={label}
      value={value}
      error={'error' in bound ? bound.error : null}
      onChange={(text) => setFilter({ [side]: text })}
    />
  );
}

function TimelineFilters({ lookups }: { lookups: ReturnType<typeof claimLookups> }) {
  const filter = useDossier((s) => s.timelineFilter);
  const setFilter = useDossier((s) => s.setTimelineFilter);
  const clear = useDossier((s) => s.clearTimelineFilter);
  const lanes = useDossier((s) => s.timelineLanes);
  const setLanes = useDossier((s) => s.setTimelineLanes);
  const events = useDossier((s) => s.events);

  const tagOptions = useTagOptions(lookups);
  const actorOptions = useMemo<Option[]>(() => {
    const ids = new Set(events.flatMap((e) => e.actorIds));
    if (filter.actorId) ids.add(filter.actorId);
    const named = [...ids]
      .map((id) => ({ id, label: lookups.entityById.get(id)?.name ?? 'Deleted entity' }))
      .sort((a, b) => a.label.localeCompare(b.label));
    return [{ id: ANY, label: 'Anyone' }, ...named];
  }, [events, lookups, filter.actorId]);
  const laneOptions = useMemo<Option[]>(
    () => (Object.keys(LANE_LABELS) as LaneMode[]).map((id) => ({ id, label: LANE_LABELS[id] })),
    [],
  );
  const filtered =
    filter.tagId !== null ||
    filter.actorId !== null ||
    filter.statuses.length > 0 ||
    filter.dateFrom.trim() !== '' ||
    filter.dateTo.trim() !== '';

  return (
    <div className="claims-filters timeline-filters" role="group" aria-label="Filter the timeline">
      <FilterSelect
        label="Lanes"
        options={laneOptions}
        selected={lanes}
        onChange={(id) => setLanes(id as LaneMode)}
      />
      <FilterSelect
        label="Tag"
        options={tagOptions}
        selected={filter.tagId ?? ANY}
        onChange={(id) => setFilter({ tagId: id === ANY ? null : id })}
      />
      <FilterSelect
        label="Actor"
        options={actorOptions}
        selected={filter.actorId ?? ANY}
        onChange={(id) => setFilter({ actorId: id === ANY ? null : id })}
      />
      <BoundField label="Date from" side="dateFrom" />
      <BoundField label="Date to" side="dateTo" />
      <ToggleButtonGroup
        aria-label="Claim status"
        className="status-chips timeline-statuses"
        selectionMode="multiple"
        selectedKeys={filter.statuses}
        onSelectionChange={(keys) => setFilter({ statuses: CLAIM_STATUSES.filter((s) => keys.has(s)) })}
      >
        {CLAIM_STATUSES.map((status) => (
          <ToggleButton key={status} id={status} className={`status-chip status-${status}`}>
            <StatusSymbol status={status} /> {CLAIM_STATUS_LABELS[status]}
          </ToggleButton>
        ))}
      </ToggleButtonGroup>
      {filtered && (
        <Button className="link-button claims-clear" onPress={clear}>
          Clear filters
        </Button>
      )}
    </div>
  );
}

export function TimelineView() {
  const events = useDossier((s) => s.events);
  const loaded = useDossier((s) => s.eventsLoaded);
  const tags = useDossier((s) => s.tags);
  const entities = useDossier((s) => s.entities);
  const filter = useDossier((s) => s.timelineFilter);
  const laneMode = useDossier((s) => s.timelineLanes);
  const selectedId = useDossier((s) => s.selectedEventId);
  const selectEvent = useDossier((s) => s.selectEvent);

  const lookups = useMemo(() => claimLookups(tags, entities), [tags, entities]);
  const layoutLookups = useMemo<LayoutLookups>(
    () => ({
      tagWithDescendants: (id) => tagWithDescendants(lookups, id),
      tagLabel: (id) => tagPath(lookups, id),
      entityName: (id) => lookups.entityById.get(id)?.name,
    }),
    [lookups],
  );
  const layout = useMemo(
    () => layoutTimeline(events, filter, laneMode, layoutLookups),
    [events, filter, laneMode, layoutLookups],
  );

  if (!loaded) return <div className="timeline-view" aria-busy="true" />;
  const undated = layout.unknownYear?.count ?? 0;
  return (
    <div className="timeline-view">
      <div className="timeline-toolbar">
        <p className="events-count" aria-live="polite">
          {layout.shown === events.length
            ? `${events.length} ${events.length === 1 ? 'event' : 'events'}`
            : `${layout.shown} of ${events.length} events`}
          {undated > 0 && `, ${undated} with the year unknown`}
        </p>
        <NewEventButton />
      </div>
      <TimelineFilters lookups={lookups} />
      <div className="timeline-body">
        {layout.shown === 0 ? (
          <p className="hint timeline-empty">
            {events.length === 0
              ? 'No events yet. Make one with “New event”, or link a claim to an event from the claim’s “Link to event…” button.'
              : 'No event passes these filters.'}
          </p>
        ) : (
          <TimelineCanvas layout={layout} />
        )}
        {selectedId !== null && (
          <aside key={selectedId} className="event-detail timeline-detail" aria-label="Event details">
            <Button className="link-button timeline-close" onPress={() => selectEvent(null)}>
              Close
            </Button>
            <SelectedEventPage id={selectedId} />
          </aside>
        )}
      </div>
    </div>
  );
}
