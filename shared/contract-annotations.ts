// The contract's annotation operations (issue 4): codebook, entities, claims, orphans and undo. Split from
// contract.ts to keep each file readable; contract.ts spreads these in, so there is still one contract.
import { z } from 'zod';
import {
  Claim,
  ClaimStatus,
  CLAIM_NOTE_MAX,
  Entity,
  EntityKind,
  EntityName,
  HistoryResult,
  HistoryState,
  OrphanedHighlight,
  RATIONALE_MAX,
  STATEMENT_MAX,
  Tag,
  TagColor,
  TagName,
} from './annotations';
import { PartialDate } from './dates';
import { Highlight, HighlightColor, Id } from './domain';

const Empty = z.object({}).strict();
const DESCRIPTION_MAX = 2000;
/** Bulk actions on a selection of highlights or claims. */
const MAX_BULK = 10_000;

const ById = z.object({ id: Id }).strict();
const Merge = z
  .object({ sourceId: Id, targetId: Id })
  .strict()
  .refine((v) => v.sourceId !== v.targetId, { message: 'Choose two different items to merge' });

const Aliases = z.array(EntityName).max(100);

/** A claim's passage: an existing highlight, or a new one made from a selection of a document. */
export const PassageInput = z.union([
  z.object({ highlightId: Id }).strict(),
  z
    .object({
      documentId: Id,
      start: z.number().int().nonnegative(),
      end: z.number().int().positive(),
      color: HighlightColor.optional(),
    })
    .strict()
    .refine((v) => v.end > v.start, { message: 'A passage must cover at least one character' }),
]);
export type PassageInput = z.infer<typeof PassageInput>;

const TagTargets = z
  .object({
    tagId: Id,
    highlightIds: z.array(Id).max(MAX_BULK).default([]),
    claimIds: z.array(Id).max(MAX_BULK).default([]),
  })
  .strict();

const ClaimFields = {
  statement: z.string().trim().min(1, 'A claim needs a statement').max(STATEMENT_MAX),
  claimantId: Id.nullable(),
  claimDate: PartialDate.nullable(),
  status: ClaimStatus,
  rationale: z.string().max(RATIONALE_MAX),
  note: z.string().max(CLAIM_NOTE_MAX),
};

export const annotationContract = {
  'tags.list': { input: Empty, output: z.array(Tag) },
  'tags.create': {
    input: z
      .object({
        name: TagName,
        parentId: Id.nullable().default(null),
        color: TagColor.optional(),
        description: z.string().max(DESCRIPTION_MAX).default(''),
      })
      .strict(),
    output: Tag,
  },
  /** A typed path ("Places / Caracas"): each missing level under the one before, in one step; returns the last. */
  'tags.createPath': {
    input: z
      .object({
        parentId: Id.nullable().default(null),
        names: z.array(TagName).min(1).max(20),
        color: TagColor.optional(),
      })
      .strict(),
    output: Tag,
  },
  /** Rename, recolour, describe, or move in the tree (parentId; null = top level). */
  'tags.update': {
    input: z
      .object({
        id: Id,
        name: TagName.optional(),
        parentId: Id.nullable().optional(),
        color: TagColor.optional(),
        description: z.string().max(DESCRIPTION_MAX).optional(),
      })
      .strict(),
    output: Tag,
  },
  /** Every use of the source moves to the target; the source's children move under the target too. */
  'tags.merge': { input: Merge, output: Tag },
  /** Removes the tag from everything it was on; its children move up to its parent. */
  'tags.delete': { input: ById, output: z.object({ id: Id }) },
  'tags.apply': { input: TagTargets, output: z.object({ changed: z.number().int() }) },
  'tags.remove': { input: TagTargets, output: z.object({ changed: z.number().int() }) },

  'entities.list': { input: Empty, output: z.array(Entity) },
  'entities.create': {
    input: z
      .object({
        kind: EntityKind,
        name: EntityName,
        aliases: Aliases.default([]),
        description: z.string().max(DESCRIPTION_MAX).default(''),
      })
      .strict(),
    output: Entity,
  },
  'entities.update': {
    input: z
      .object({
        id: Id,
        kind: EntityKind.optional(),
        name: EntityName.optional(),
        aliases: Aliases.optional(),
        description: z.string().max(DESCRIPTION_MAX).optional(),
      })
      .strict(),
    output: Entity,
  },
  /** The source's name and aliases become aliases of the target; its claims move to the target. */
  'entities.merge': { input: Merge, output: Entity },
  /** Claims it made keep their statement with an unknown claimant. */
  'entities.delete': { input: ById, output: z.object({ id: Id }) },

  'claims.list': { input: Empty, output: z.array(Claim) },
  'claims.get': { input: ById, output: Claim },
  /** Statement defaults to the passage; claim date to the document's published date. */
  'claims.create': {
    input: z
      .object({
        passage: PassageInput,
        statement: ClaimFields.statement.optional(),
        claimantId: ClaimFields.claimantId.optional(),
        claimDate: ClaimFields.claimDate.optional(),
        status: ClaimFields.status.optional(),
        rationale: ClaimFields.rationale.optional(),
        note: ClaimFields.note.optional(),
        tagIds: z.array(Id).max(1000).optional(),
      })
      .strict(),
    output: Claim,
  },
  'claims.update': {
    input: z
      .object({
        id: Id,
        statement: ClaimFields.statement.optional(),
        claimantId: ClaimFields.claimantId.optional(),
        claimDate: ClaimFields.claimDate.optional(),
        status: ClaimFields.status.optional(),
        rationale: ClaimFields.rationale.optional(),
        note: ClaimFields.note.optional(),
      })
      .strict(),
    output: Claim,
  },
  'claims.addPassage': { input: z.object({ claimId: Id, passage: PassageInput }).strict(), output: Claim },
  /** The highlight stays; it just no longer supports the claim. */
  'claims.removePassage': { input: z.object({ claimId: Id, highlightId: Id }).strict(), output: Claim },
  'claims.delete': { input: ById, output: z.object({ id: Id }) },

  'orphans.list': { input: Empty, output: z.array(OrphanedHighlight) },
  /** Points an orphaned (or any) highlight at a new passage of its document. */
  'highlights.reattach': {
    input: z
      .object({ id: Id, start: z.number().int().nonnegative(), end: z.number().int().positive() })
      .strict()
      .refine((v) => v.end > v.start, { message: 'Select the passage to attach it to' }),
    output: Highlight,
  },

  'history.state': { input: Empty, output: HistoryState },
  'history.undo': { input: Empty, output: HistoryResult },
  'history.redo': { input: Empty, output: HistoryResult },
} as const;
