// Events on the chronology (issue 5): the list in chronological order (as the main side returns it), the
// chosen event's page (its detail with the claims linked to it), and the actions that change them. Linking
// a claim changes the claim's eventLinks too, so claims reload after it.
import type { StateCreator } from 'zustand';
import type { EventRelation, HistoryArea } from '../../shared/annotations';
import type { OpInput } from '../../shared/contract';
import type { Event, EventDetail } from '../../shared/events';
import { api } from '../api';
import type { DossierState } from './index';
import { errorMessage } from './index';

export type EventChanges = Omit<OpInput<'events.update'>, 'id'>;

export interface EventsSlice {
  events: Event[];
  eventsLoaded: boolean;
  selectedEventId: string | null;
  /** The chosen event with its claims; null until loaded (or when none is chosen). */
  eventDetail: EventDetail | null;
  loadEvents(): Promise<void>;
  /** Chooses an event and loads its page. */
  selectEvent(id: string | null): void;
  /** Reloads the chosen event's page (after its claims or the event changed). */
  loadEventDetail(): Promise<void>;
  /** Creates an event; resolves to it, or null (the error is shown as a toast). */
  createEvent(input: OpInput<'events.create'>): Promise<Event | null>;
  /** Rejects with the main side's message so an inline field can show it beside itself. */
  updateEvent(id: string, changes: EventChanges): Promise<void>;
  deleteEvent(id: string): Promise<void>;
  /** Links a claim to an event, or changes the relation of its link; false if refused (shown as a toast). */
  linkClaim(eventId: string, claimId: string, relation: EventRelation): Promise<boolean>;
  unlinkClaim(eventId: string, claimId: string): Promise<boolean>;
}

export const createEventsSlice: StateCreator<DossierState, [], [], EventsSlice> = (set, get) => {
  const fail = (error: unknown) => get().showToast({ message: errorMessage(error), tone: 'error' });
  // Answers to an earlier choice must not overwrite the page of a later one.
  let detailRequest = 0;

  return {
    events: [],
    eventsLoaded: false,
    selectedEventId: null,
    eventDetail: null,

    async loadEvents() {
      try {
        const events = await api['events.list']({});
        const selected = get().selectedEventId;
        const gone = selected !== null && !events.some((e) => e.id === selected);
        set({
          events,
          eventsLoaded: true,
          ...(gone ? { selectedEventId: null, eventDetail: null } : {}),
        });
        if (selected !== null && !gone) await get().loadEventDetail();
      } catch (error) {
        fail(error);
      }
    },

    selectEvent(id) {
      if (id === get().selectedEventId) return;
      set({ selectedEventId: id, eventDetail: null });
      if (id !== null) void get().loadEventDetail();
    },

    async loadEventDetail() {
      const id = get().selectedEventId;
      const request = ++detailRequest;
      if (id === null) return set({ eventDetail: null });
      try {
        const detail = await api['events.get']({ id });
        if (request === detailRequest && get().selectedEventId === id) set({ eventDetail: detail });
      } catch (error) {
        if (request === detailRequest) fail(error);
      }
    },

    async createEvent(input) {
      try {
        const event = await api['events.create'](input);
        set((s) => ({ events: [...s.events, event] }));
        await get().afterAction(['events', 'tags', 'entities']);
        return event;
      } catch (error) {
        fail(error);
        return null;
      }
    },

    async updateEvent(id, changes) {
      const event = await api['events.update']({ id, ...changes });
      set((s) => ({ events: s.events.map((e) => (e.id === id ? event : e)) }));
      const areas: HistoryArea[] = ['events'];
      if (changes.tagIds !== undefined) areas.push('tags');
      if (changes.placeId !== undefined || changes.actorIds !== undefined) areas.push('entities');
      await get().afterAction(areas);
    },

    async deleteEvent(id) {
      try {
        await api['events.delete']({ id });
        set((s) => ({
          events: s.events.filter((e) => e.id !== id),
          ...(s.selectedEventId === id ? { selectedEventId: null, eventDetail: null } : {}),
        }));
        await get().afterAction(['events', 'claims', 'tags', 'entities']);
      } catch (error) {
        fail(error);
      }
    },

    async linkClaim(eventId, claimId, relation) {
      try {
        await api['events.linkClaim']({ eventId, claimId, relation });
        await get().afterAction(['events', 'claims']);
        return true;
      } catch (error) {
        fail(error);
        return false;
      }
    },

    async unlinkClaim(eventId, claimId) {
      try {
        await api['events.unlinkClaim']({ eventId, claimId });
        await get().afterAction(['events', 'claims']);
        return true;
      } catch (error) {
        fail(error);
        return false;
      }
    },
  };
};
