// The timeline's choices: filters, lanes, and where the view is (zoom and position). They live in the store so
// leaving the timeline for the event list and coming back finds it as it was.
import type { StateCreator } from 'zustand';
import { NO_TIMELINE_FILTER, type LaneMode, type TimelineFilter } from '../features/timeline/timelineLayout';
import type { TimelineView } from '../features/timeline/timelineScale';
import type { DossierState } from './index';

export interface TimelineSlice {
  timelineFilter: TimelineFilter;
  timelineLanes: LaneMode;
  /** Null until the timeline first fits the events in its width. */
  timelineView: TimelineView | null;
  setTimelineFilter(changes: Partial<TimelineFilter>): void;
  clearTimelineFilter(): void;
  setTimelineLanes(mode: LaneMode): void;
  setTimelineView(view: TimelineView | null): void;
}

export const createTimelineSlice: StateCreator<DossierState, [], [], TimelineSlice> = (set) => ({
  timelineFilter: NO_TIMELINE_FILTER,
  timelineLanes: 'none',
  timelineView: null,
  // A change of filters fits the view to what passes them ("from 2024" shows 2024).
  setTimelineFilter(changes) {
    set((s) => ({ timelineFilter: { ...s.timelineFilter, ...changes }, timelineView: null }));
  },
  clearTimelineFilter() {
    set({ timelineFilter: NO_TIMELINE_FILTER, timelineView: null });
  },
  setTimelineLanes(mode) {
    set({ timelineLanes: mode });
  },
  setTimelineView(view) {
    set({ timelineView: view });
  },
});
