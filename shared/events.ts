// Events on the chronology (issue 5): what happened and when, at the precision the sources give, with the
// claims that support, contradict or merely mention it. An event with both supporting and contradicting
// claims is contested.
import { z } from 'zod';
import { Claim, ClaimStatus, EventRelation, type EventRelation as Relation } from './annotations';
import { PartialDate } from './dates';
import { Id } from './domain';

export { EVENT_RELATIONS, EventRelation } from './annotations';
export const EVENT_RELATION_LABELS: Record<Relation, string> = {
  supports: 'Supports',
  contradicts: 'Contradicts',
  mentions: 'Mentions',
};

export const EVENT_TITLE_MAX = 500;

export const Event = z.object({
  id: Id,
  title: z.string(),
  /** A partial date; with `end`, the start of a range. */
  start: PartialDate,
  end: PartialDate.nullable(),
  placeId: Id.nullable(),
  actorIds: z.array(Id),
  tagIds: z.array(Id),
  description: z.string(),
  /** Live claims linked to the event, by relation. */
  claimCounts: z.object({
    supports: z.number().int().nonnegative(),
    contradicts: z.number().int().nonnegative(),
    mentions: z.number().int().nonnegative(),
  }),
  /** Both supporting and contradicting claims. */
  contested: z.boolean(),
  /** The statuses of the linked claims, each once, in the order of CLAIM_STATUSES (for filters). */
  claimStatuses: z.array(ClaimStatus),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Event = z.infer<typeof Event>;

/** An event with its linked claims, each with its passages and sources (the event page). */
export const EventDetail = Event.extend({
  claims: z.array(z.object({ relation: EventRelation, claim: Claim })),
});
export type EventDetail = z.infer<typeof EventDetail>;

/** Contested: at least one claim supports the event and at least one contradicts it. */
export function isContested(counts: { supports: number; contradicts: number }): boolean {
  return counts.supports > 0 && counts.contradicts > 0;
}

/** A candidate event read from a dated sentence; the user accepts (editing it) or dismisses it. */
export const EventSuggestion = z.object({
  sentence: z.string(),
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  dateText: z.string(),
  /** Null when the text names a time that cannot be placed (a weekday with no publication date). */
  date: PartialDate.nullable(),
  /** False when the date goes beyond what the text states (a weekday read against the publication date). */
  certain: z.boolean(),
  reason: z.string(),
});
export type EventSuggestion = z.infer<typeof EventSuggestion>;
