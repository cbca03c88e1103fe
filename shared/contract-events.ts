// The contract's event operations (issue 5): events on the chronology and the claims linked to them. Split
// from contract.ts like the annotation operations; contract.ts spreads these in.
import { z } from 'zod';
import { EventRelation } from './annotations';
import { PartialDate } from './dates';
import { rangeProblem } from './date-spans';
import { Id } from './domain';
import { Event, EventDetail, EventSuggestion, EVENT_TITLE_MAX } from './events';

const DESCRIPTION_MAX = 20_000;
const Title = z.string().trim().min(1, 'An event needs a title').max(EVENT_TITLE_MAX);
const Ids = z.array(Id).max(1000);

/** A range's end must not come before its start, and both ends have a year or neither. */
const validRange = (v: { start?: string | undefined; end?: string | null | undefined }) =>
  v.start === undefined || rangeProblem({ start: v.start, end: v.end ?? null }) === null;

export const eventContract = {
  'events.list': { input: z.object({}).strict(), output: z.array(Event) },
  'events.get': { input: z.object({ id: Id }).strict(), output: EventDetail },
  'events.create': {
    input: z
      .object({
        title: Title,
        start: PartialDate,
        end: PartialDate.nullable().default(null),
        placeId: Id.nullable().default(null),
        actorIds: Ids.default([]),
        tagIds: Ids.default([]),
        description: z.string().max(DESCRIPTION_MAX).default(''),
      })
      .strict()
      .refine(validRange, {
        message: 'The end of the range comes before its start, or only one end has a year',
      }),
    output: Event,
  },
  /** Fields left out stay; actorIds and tagIds replace the lists. A new end is checked against the start. */
  'events.update': {
    input: z
      .object({
        id: Id,
        title: Title.optional(),
        start: PartialDate.optional(),
        end: PartialDate.nullable().optional(),
        placeId: Id.nullable().optional(),
        actorIds: Ids.optional(),
        tagIds: Ids.optional(),
        description: z.string().max(DESCRIPTION_MAX).optional(),
      })
      .strict(),
    output: Event,
  },
  /** Its claim links go with it (tombstoned); the claims stay. */
  'events.delete': { input: z.object({ id: Id }).strict(), output: z.object({ id: Id }) },
  /** Links a claim to an event, or changes the relation of an existing link. */
  'events.linkClaim': {
    input: z.object({ eventId: Id, claimId: Id, relation: EventRelation }).strict(),
    output: Event,
  },
  /** Candidate events from the dated sentences of a document, or of a passage of it. Nothing is created. */
  'events.suggest': {
    input: z
      .object({
        documentId: Id,
        start: z.number().int().nonnegative().optional(),
        end: z.number().int().positive().optional(),
      })
      .strict(),
    output: z.array(EventSuggestion),
  },
  'events.unlinkClaim': { input: z.object({ eventId: Id, claimId: Id }).strict(), output: Event },
} as const;
