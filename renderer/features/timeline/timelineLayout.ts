// The timeline's layout, independent of zoom (issue 5): which events pass the filters, which lane each goes
// in (one lane, or one per tag or per actor), and which row of its lane, so that no two events in a row share
// a day. Dated events are placed by the days their partial dates cover ("July 2006" spans the month); an
// event whose year is unknown goes in a separate band, placed by month and day within a year, never at a
// made-up year. Computed once per change of events or filters; drawing a frame only reads it (timelineScene).
import type { ClaimStatus } from '../../../shared/annotations';
import { parsePartialDate } from '../../../shared/dates';
import { dayNumber, rangeSpan, type DaySpan } from '../../../shared/date-spans';
import type { Event } from '../../../shared/events';

export type LaneMode = 'none' | 'tag' | 'actor';

export interface TimelineFilter {
  /** The tag or any of its descendants. */
  tagId: string | null;
  actorId: string | null;
  /** Events with at least one linked claim of one of these statuses; empty for any. */
  statuses: ClaimStatus[];
  /** Bounds as partial dates ("2022", "2022-03"); an event is kept when it shares a day with the range. */
  dateFrom: string;
  dateTo: string;
}

export const NO_TIMELINE_FILTER: TimelineFilter = {
  tagId: null,
  actorId: null,
  statuses: [],
  dateFrom: '',
  dateTo: '',
};

/** An event placed on a day axis: dated events by day number, year-unknown ones by day of a leap year. */
export interface TimelineEntry {
  event: Event;
  first: number;
  last: number;
  /** Drawn as a stretch the event happened somewhere within: a month, a year, or circa. */
  approximate: boolean;
}

export interface TimelineLane {
  key: string;
  label: string;
  /** Each row holds entries in order of first day, none sharing a day with another. */
  rows: TimelineEntry[][];
  count: number;
}

export interface TimelineLayout {
  lanes: TimelineLane[];
  /** The year-unknown band (month-day dates), one lane; null when no shown event lacks a year. */
  unknownYear: TimelineLane | null;
  /** The days the dated events cover, first to last; null when none is dated. */
  extent: DaySpan | null;
  /** Events shown (each once, whatever the number of its lanes). */
  shown: number;
}

export interface LayoutLookups {
  /** A tag and its descendants, for the tag filter. */
  tagWithDescendants(tagId: string): ReadonlySet<string>;
  tagLabel(tagId: string): string;
  entityName(entityId: string): string | undefined;
}

/** Day 0 of the leap year the year-unknown band is drawn on (2000: has a 29 February). */
const BAND_YEAR_START = dayNumber(2000, 1, 1);
export const BAND_DAYS = 366;

export type BoundResult = { span: DaySpan | null } | { error: string };

const BOUND_ERROR = 'Use a year (2022), a month (2022-03) or a day (2022-03-15)';

/** A date-range bound: the days it names, or why it is not a date with a year. */
export function timelineBound(text: string): BoundResult {
  const value = text.trim().replace(/^~/, '');
  if (value === '') return { span: null };
  const parts = parsePartialDate(value);
  if (!parts || parts.year === null) return { error: BOUND_ERROR };
  return { span: rangeSpan({ start: value }) };
}

/** The stretch of the year-unknown band a month-day date or range covers. */
function bandSpan(start: string, end: string | null): DaySpan | null {
  const a = parsePartialDate(start);
  const b = end === null ? a : parsePartialDate(end);
  if (!a || !b || a.month === null || a.day === null || b.month === null || b.day === null) return null;
  return {
    first: dayNumber(2000, a.month, a.day) - BAND_YEAR_START,
    last: dayNumber(2000, b.month, b.day) - BAND_YEAR_START,
  };
}

function isApproximate(start: string, end: string | null): boolean {
  return [start, end].some((value) => {
    if (value === null) return false;
    const parts = parsePartialDate(value);
    return parts === null || parts.circa || parts.day === null;
  });
}

interface Placement {
  /** Days on the calendar; null for a date without a year. */
  span: DaySpan | null;
  /** Days of the year-unknown band; null for a dated event. */
  band: DaySpan | null;
  approximate: boolean;
}

/**
 * Where a date or range goes, remembered by its text: parsing dates is most of the cost of a layout, and the
 * same dates recur (and survive a change of filters). Bounded, as events are.
 */
const placements = new Map<string, Placement>();
const PLACEMENT_CACHE_MAX = 100_000;

function placement(event: Event): Placement {
  const key = event.end === null ? event.start : `${event.start}/${event.end}`;
  let found = placements.get(key);
  if (!found) {
    const span = rangeSpan(event);
    found = {
      span,
      band: span ? null : bandSpan(event.start, event.end),
      approximate: isApproximate(event.start, event.end),
    };
    if (placements.size >= PLACEMENT_CACHE_MAX) placements.clear();
    placements.set(key, found);
  }
  return found;
}

export function filterEvents(
  events: readonly Event[],
  filter: TimelineFilter,
  lookups: LayoutLookups,
): Event[] {
  const tags = filter.tagId === null ? null : lookups.tagWithDescendants(filter.tagId);
  const statuses = filter.statuses.length === 0 ? null : new Set(filter.statuses);
  const from = timelineBound(filter.dateFrom);
  const to = timelineBound(filter.dateTo);
  const fromDay = 'span' in from && from.span ? from.span.first : null;
  const toDay = 'span' in to && to.span ? to.span.last : null;
  return events.filter((event) => {
    if (tags && !event.tagIds.some((id) => tags.has(id))) return false;
    if (filter.actorId !== null && !event.actorIds.includes(filter.actorId)) return false;
    if (statuses && !event.claimStatuses.some((s) => statuses.has(s))) return false;
    if (fromDay !== null || toDay !== null) {
      // An event without a year cannot be placed in a range (as with claims' date filter).
      const { span } = placement(event);
      if (!span) return false;
      if (fromDay !== null && span.last < fromDay) return false;
      if (toDay !== null && span.first > toDay) return false;
    }
    return true;
  });
}

/** Rows in which no two entries share a day: each entry goes in the first row free on its first day. */
export function packRows(entries: TimelineEntry[]): TimelineEntry[][] {
  const sorted = [...entries].sort((a, b) => a.first - b.first || b.last - a.last);
  const rows: TimelineEntry[][] = [];
  const ends: number[] = [];
  for (const entry of sorted) {
    let row = ends.findIndex((end) => end < entry.first);
    if (row === -1) {
      row = rows.length;
      rows.push([]);
      ends.push(entry.last);
    }
    rows[row]!.push(entry);
    ends[row] = entry.last;
  }
  return rows;
}

const NO_LANE = '\u0000none';

function laneKeys(event: Event, mode: LaneMode): string[] {
  if (mode === 'tag') return event.tagIds.length > 0 ? event.tagIds : [NO_LANE];
  if (mode === 'actor') return event.actorIds.length > 0 ? event.actorIds : [NO_LANE];
  return [NO_LANE];
}

function laneLabel(key: string, mode: LaneMode, lookups: LayoutLookups): string {
  if (mode === 'none') return 'All events';
  if (key === NO_LANE) return mode === 'tag' ? 'No tag' : 'No actor';
  return mode === 'tag' ? lookups.tagLabel(key) : (lookups.entityName(key) ?? 'Deleted entity');
}

/**
 * Lays out the events that pass the filter. With lanes by tag or by actor, an event with several is drawn in
 * each of their lanes; lanes are in alphabetical order with "No tag" or "No actor" last.
 */
export function layoutTimeline(
  events: readonly Event[],
  filter: TimelineFilter,
  mode: LaneMode,
  lookups: LayoutLookups,
): TimelineLayout {
  const shown = filterEvents(events, filter, lookups);
  const byLane = new Map<string, TimelineEntry[]>();
  const unknown: TimelineEntry[] = [];
  let extent: DaySpan | null = null;
  for (const event of shown) {
    const { span, band, approximate } = placement(event);
    if (!span) {
      if (band) unknown.push({ event, ...band, approximate });
      continue;
    }
    extent = extent
      ? { first: Math.min(extent.first, span.first), last: Math.max(extent.last, span.last) }
      : { ...span };
    const entry: TimelineEntry = { event, first: span.first, last: span.last, approximate };
    for (const key of laneKeys(event, mode)) {
      const list = byLane.get(key) ?? [];
      list.push(entry);
      byLane.set(key, list);
    }
  }
  const lanes = [...byLane]
    .map(([key, entries]) => ({
      key,
      label: laneLabel(key, mode, lookups),
      rows: packRows(entries),
      count: entries.length,
    }))
    .sort((a, b) =>
      a.key === NO_LANE
        ? 1
        : b.key === NO_LANE
          ? -1
          : a.label.localeCompare(b.label) || (a.key < b.key ? -1 : 1),
    );
  const unknownYear =
    unknown.length > 0
      ? { key: 'year-unknown', label: 'Year unknown', rows: packRows(unknown), count: unknown.length }
      : null;
  return { lanes, unknownYear, extent, shown: shown.length };
}
